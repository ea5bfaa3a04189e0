"""The whole strategy through OpenAI's Batch API: the same requests written as JSONL lines, and the answers
that come back turned into records exactly as a live answer is (grounding, dates, chunk merge).

An answer that fails validation (a quote not in the article) cannot be re-asked inside a batch: the caller
re-asks that document live (summariser.batchapi)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from summariser.dates import reference_date
from summariser.extract.merge import merge_chunk_duplicates
from summariser.extract.strategies.whole import PROMPT_NAME
from summariser.extract.strategies.whole.drafts import context_for, draft_model
from summariser.extract.strategies.whole.run import (
    WholeOutcome,
    _records,
    plan_chunks,
    request_messages,
)
from summariser.prompts import load_prompt
from summariser.schema import EVIDENCE_FIELDS, AgreementRecord, Document, Usage
from summariser.sentences import Span


class NeedsReask(ValueError):
    """A batched answer did not validate (ungrounded quote, bad shape): ask again live, with the error."""


def _shape(settings: Any):
    max_fields = 4 if settings.use_embedded else len(EVIDENCE_FIELDS)
    return draft_model(settings.max_records, settings.max_parties, settings.max_quotes, max_fields)


def chunks(doc: Document, settings: Any) -> list[Span]:
    return plan_chunks(doc.text, settings, None)  # type: ignore[arg-type]


def request_body(doc: Document, span: Span, settings: Any, examples: str = "") -> dict[str, Any]:
    """One chat completion request, as the live client sends it: a forced call of the WholeDraft tool."""
    import instructor

    schema = instructor.openai_schema(_shape(settings)).openai_schema
    body: dict[str, Any] = {
        "model": settings.model,
        "messages": request_messages(load_prompt(PROMPT_NAME), span.text(doc.text), settings, examples, doc.reported),
        "tools": [{"type": "function", "function": schema}],
        "tool_choice": {"type": "function", "function": {"name": schema["name"]}},
        "max_tokens": settings.max_tokens,
    }
    if settings.temperature is not None:
        body["temperature"] = settings.temperature
    return body


def answer_arguments(body: dict[str, Any]) -> str:
    """The tool call's arguments in a chat completion body (or its message content)."""
    message = body["choices"][0]["message"]
    calls = message.get("tool_calls") or []
    return calls[0]["function"]["arguments"] if calls else (message.get("content") or "")


def answer_usage(body: dict[str, Any]) -> Usage:
    usage = body.get("usage") or {}
    return Usage(prompt_tokens=usage.get("prompt_tokens", 0), completion_tokens=usage.get("completion_tokens", 0), requests=1)


def records_from_answers(doc: Document, spans: list[Span], answers: list[dict[str, Any]], settings: Any) -> WholeOutcome:
    """Records from one batched answer per chunk (chat completion bodies, in chunk order); raises NeedsReask."""
    shape = _shape(settings)
    out = WholeOutcome()
    per_chunk: list[list[AgreementRecord]] = []
    for n, (span, body) in enumerate(zip(spans, answers, strict=True), 1):
        chunk = span.text(doc.text)
        where = f"chunk {n}/{len(spans)}: " if len(spans) > 1 else ""
        out.usage = out.usage.add(answer_usage(body))
        try:
            draft = shape.model_validate(json.loads(answer_arguments(body), strict=False), context=context_for(chunk))
        except (ValidationError, ValueError, KeyError, IndexError) as exc:
            raise NeedsReask(f"{where}{str(exc)[:300]}") from exc
        per_chunk.append(_records(draft, chunk, span.start, reference_date(doc.text, doc.reported), where, out.warnings))
    out.answered = sum(len(r) for r in per_chunk)
    out.records = merge_chunk_duplicates(per_chunk)
    return out
