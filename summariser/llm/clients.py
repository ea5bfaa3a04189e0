"""The two real `ModelClient`s: any OpenAI-compatible endpoint, and the embedded model in process.

Both go through instructor in Mode.TOOLS (a forced tool call): on an endpoint it is the most widely
supported structured mode, and with llama-cpp-python it is the mode whose output is grammar-constrained
(JSON_SCHEMA is ignored there, see ../shared/notes/platform.md).

Retries on 429 / 5xx / timeouts / dropped connections are the openai SDK's own: exponential backoff from
0.5 s doubling to 8 s, with jitter, honouring `Retry-After` / `retry-after-ms` up to two minutes. We set
its `max_retries` and `timeout` rather than wrapping a second retry loop around it. Re-asks on invalid or
ungrounded answers are instructor's (`max_retries` there counts re-asks).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from summariser.llm.base import ModelError, ModelUnavailable
from summariser.schema import Usage
from summariser.settings import Settings

T = TypeVar("T", bound=BaseModel)

_REASON_LIMIT = 300

# instructor logs every failed attempt at ERROR; our ModelError already says why, once, to whoever asked.
logging.getLogger("instructor").addHandler(logging.NullHandler())


def make_client(settings: Settings):
    """The endpoint when one is configured (API key or base URL), else the embedded model."""
    if settings.use_embedded:
        return EmbeddedClient(settings)
    return EndpointClient(settings)


def model_error(
    reason: str, last_raw: str | None = None, usage: Usage | None = None, *, unavailable: bool = False
) -> ModelError:
    """A ModelError that keeps the last raw answer (to flag, not to trust) and the tokens the attempts used."""
    err = (ModelUnavailable if unavailable else ModelError)(reason)
    err.last_raw = last_raw  # type: ignore[attr-defined]
    err.usage = usage or Usage()  # type: ignore[attr-defined]
    return err


class _Attempts:
    """Instructor hooks for one call: usage summed over every attempt, and the last raw answer."""

    def __init__(self) -> None:
        from instructor.core.hooks import Hooks

        self.usage = Usage()
        self.last_raw: str | None = None
        self.hooks = Hooks()
        self.hooks.on("completion:response", self._on_response)

    def _on_response(self, response: Any) -> None:
        usage = getattr(response, "usage", None)
        self.usage = self.usage.add(
            Usage(
                prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
                completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
                requests=1,
            )
        )
        self.last_raw = _raw_answer(response)


def _raw_answer(response: Any) -> str | None:
    try:
        message = response.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    calls = getattr(message, "tool_calls", None) or []
    if calls:
        return calls[0].function.arguments
    return getattr(message, "content", None)


def _shielded(messages: list[dict[str, str]], context: dict[str, Any] | None) -> tuple[list[dict[str, str]], dict]:
    """Keep instructor's Jinja templating away from the article.

    Given a validation context, instructor renders every message as a Jinja template with it. An article
    containing `{{` or `{%` would then be altered or crash the call. Each message becomes a single
    placeholder whose value is the original text, so rendering gives back exactly what we wrote.
    """
    ctx = dict(context or {})
    shielded = []
    for i, message in enumerate(messages):
        key = f"_summariser_message_{i}"
        ctx[key] = message["content"]
        shielded.append({**message, "content": "{{ " + key + " }}"})
    return shielded, ctx


def _short(text: object) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= _REASON_LIMIT else text[: _REASON_LIMIT - 1] + "…"


def _validation_reason(exc: ValidationError, attempts: int) -> str:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return f"invalid JSON from model after {attempts} attempt(s): {_short(errors[0].get('msg') or exc)}"
    if not errors:
        return f"invalid answer from model after {attempts} attempt(s): {_short(exc)}"
    where = ".".join(str(p) for p in errors[0]["loc"])
    return f"invalid answer from model after {attempts} attempt(s): {where}: {_short(errors[0]['msg'])}"


def _chain(exc: BaseException | None) -> Iterator[BaseException]:
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


class _InstructorClient:
    """What both clients share: one instructor call with bounded re-asks, usage summed over attempts,
    and every failure turned into a ModelError with a reason. Subclasses say how to call and why it failed."""

    name: str
    settings: Settings

    def structured(
        self,
        response_model: type[T],
        messages: list[dict[str, str]],
        *,
        max_tokens: int | None = None,
        validation_context: dict[str, Any] | None = None,
        max_reasks: int | None = None,
    ) -> tuple[T, Usage]:
        attempts = _Attempts()
        reasks = self.settings.max_reasks if max_reasks is None else max_reasks
        shielded, ctx = _shielded(messages, validation_context)
        # Reasoning models reject `temperature`: a null setting leaves it out of the request.
        sampling = {} if self.settings.temperature is None else {"temperature": self.settings.temperature}
        try:
            answer = self._create(
                **sampling,
                response_model=response_model,
                messages=shielded,
                context=ctx,
                max_retries=reasks,
                max_tokens=self._max_tokens(max_tokens),
                strict=False,
                hooks=attempts.hooks,
            )
        except Exception as exc:
            raise model_error(
                self._reason(exc, attempts), attempts.last_raw, attempts.usage, unavailable=self._unavailable(exc)
            ) from exc
        return answer, attempts.usage

    def _create(self, **kwargs: Any) -> Any:
        raise NotImplementedError

    def _unavailable(self, exc: Exception) -> bool:
        """Whether the failure means no answer came at all (as opposed to a bad answer)."""
        return False

    def _max_tokens(self, asked: int | None) -> int:
        return asked or self.settings.max_tokens

    def _reason(self, exc: Exception, attempts: _Attempts) -> str:
        raise NotImplementedError


class EndpointClient(_InstructorClient):
    """An OpenAI-compatible endpoint via `openai` + instructor. The API key is never logged or stored."""

    def __init__(self, settings: Settings) -> None:
        import instructor
        import openai

        self.name = settings.model
        self.settings = settings
        self.max_input_chars: int | None = None  # the endpoint's context is the provider's business
        key = settings.api_key.get_secret_value() if settings.api_key else "not-needed"
        self._openai = openai.OpenAI(
            api_key=key,
            base_url=settings.base_url,
            timeout=settings.timeout_s,
            max_retries=settings.max_retries,
        )
        self._client = instructor.from_openai(self._openai, mode=instructor.Mode.TOOLS)

    def _create(self, **kwargs: Any) -> Any:
        return self._client.chat.completions.create(model=self.settings.model, **kwargs)

    def _unavailable(self, exc: Exception) -> bool:
        import openai

        transport = (openai.APITimeoutError, openai.APIStatusError, openai.APIConnectionError, json.JSONDecodeError)
        return any(isinstance(cause, transport) for cause in _chain(exc))

    def _reason(self, exc: Exception, attempts: _Attempts) -> str:
        import openai

        retries = self.settings.max_retries
        for cause in _chain(exc):
            if isinstance(cause, openai.APITimeoutError):
                return f"timed out after {self.settings.timeout_s:g} s (tried {retries + 1} time(s))"
            if isinstance(cause, openai.APIStatusError):
                retried = cause.status_code in (408, 409, 429) or cause.status_code >= 500
                after = f" after {retries} retries" if retried else ""
                return f"HTTP {cause.status_code}{after}: {_short(_status_message(cause))}"
            if isinstance(cause, openai.APIConnectionError):
                return f"cannot reach {self.settings.base_url or 'the OpenAI API'} after {retries} retries: {_short(cause)}"
            if isinstance(cause, json.JSONDecodeError):
                return f"unreadable response body from the endpoint (truncated or not JSON): {_short(cause)}"
            if type(cause).__name__ == "IncompleteOutputException":
                return f"the answer was cut off at max_tokens ({_short(cause)})"
            if isinstance(cause, ValidationError):
                return _validation_reason(cause, max(attempts.usage.requests, 1))
        return f"{type(exc).__name__}: {_short(exc)}"


def _status_message(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])
    return str(getattr(exc, "message", exc))


# Rough size of a token in English news text; used only to keep prompts inside the embedded context.
CHARS_PER_TOKEN = 3.5
_PROMPT_OVERHEAD_TOKENS = 450  # system prompt + instructions + the tool schema


class EmbeddedClient(_InstructorClient):
    """SmolLM2-135M in process. Mode.TOOLS makes llama.cpp constrain the output to the tool's JSON schema,
    so it always parses; temperature 0 and a max_tokens cap keep it from looping until the context fills."""

    def __init__(self, settings: Settings) -> None:
        import instructor

        from summariser.llm.embedded import load_llama

        self.name = settings.model_name
        self.settings = settings
        self._llama = load_llama(settings.embedded_context, settings.embedded_threads)
        self._patched = instructor.patch(create=self._llama.create_chat_completion_openai_v1, mode=instructor.Mode.TOOLS)
        budget = settings.embedded_context - settings.max_tokens - _PROMPT_OVERHEAD_TOKENS
        self.max_input_chars: int | None = max(int(budget * CHARS_PER_TOKEN), 500)

    def _create(self, **kwargs: Any) -> Any:
        from summariser.llm.embedded import LLAMA_LOCK

        with LLAMA_LOCK:
            return self._patched(**kwargs)

    def _max_tokens(self, asked: int | None) -> int:
        # The cap is what keeps the tiny model from looping until the context fills: never raise it per call.
        return min(asked or self.settings.max_tokens, self.settings.max_tokens)

    def _reason(self, exc: Exception, attempts: _Attempts) -> str:
        for cause in _chain(exc):
            if type(cause).__name__ == "IncompleteOutputException":
                return f"the embedded model's answer was cut off at max_tokens={self.settings.max_tokens}"
            if isinstance(cause, ValidationError):
                return _validation_reason(cause, max(attempts.usage.requests, 1))
            if isinstance(cause, ValueError) and "context window" in str(cause):
                return f"the prompt does not fit the embedded model's context ({self.settings.embedded_context} tokens)"
        return f"embedded model failed: {type(exc).__name__}: {_short(exc)}"
