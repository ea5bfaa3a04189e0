"""The one interface every extraction strategy talks to: ask for a pydantic-typed answer.

Implementations: the OpenAI-compatible endpoint and the embedded model (see `summariser.llm.clients`),
and, in the tests, `FakeModel` (tests/doubles.py), a queue of canned answers.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

from summariser.schema import Usage

T = TypeVar("T", bound=BaseModel)


class ModelError(RuntimeError):
    """The model could not give a usable answer (after retries); the message says why."""


class ModelUnavailable(ModelError):
    """The model did not answer at all (unreachable, HTTP error, timeout after retries).

    Unlike a bad answer, this must fail the document: a strategy may fall back to the program's own
    choice when the model answers badly, but never pass off the program's output as a model's when the
    model was not there.
    """


class ModelClient(Protocol):
    name: str  # recorded in provenance

    def structured(
        self,
        response_model: type[T],
        messages: list[dict[str, str]],
        *,
        max_tokens: int | None = None,
        validation_context: dict[str, Any] | None = None,
        max_reasks: int | None = None,
    ) -> tuple[T, Usage]:
        """Return a validated `response_model`, re-asking with the validation error up to `max_reasks` times.

        `validation_context` reaches pydantic validators as `info.context` (e.g. the article text, so a
        validator can reject quotes that are not in it). Raises `ModelError` when no valid answer came;
        its `last_raw` attribute (if set) holds the last unparsed/invalid output for flagging.
        """
        ...
