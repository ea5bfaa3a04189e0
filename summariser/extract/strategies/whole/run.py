"""The "whole" strategy: the model writes whole records with quotes; the program grounds and checks them.

Long articles are cut into sentence-aligned chunks (with overlap); each chunk is one request; offsets
are shifted back to the whole article; records seen in several chunks are merged. Quotes the model could
not ground after its re-asks are kept on the record marked `ungrounded`, never dropped and never
presented as grounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summariser.extract.base import ExtractionError
from summariser.grounding import align, ground
from summariser.llm.base import ModelClient, ModelError, ModelUnavailable
from summariser.extract.merge import merge_records
from summariser.prompts import Prompt
from summariser.schema import AgreementRecord, Document, Evidence, Party, Signatory, Usage
from summariser.sentences import Span, chunk_spans
from summariser.settings import Settings
from summariser.extract.strategies.whole.drafts import RecordDraft, WholeDraft, context_for, date_agrees, distinct_parties, parse_kept

# A leading " date YYYY-MM-DD" line is the article's metadata: a date found only there is the
# publication date, which must never become a signing date.
_METADATA_DATE = re.compile(r"\A\s*date\s+\d{4}-\d{2}-\d{2}\b")


@dataclass
class WholeOutcome:
    records: list[AgreementRecord] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    warnings: list[str] = field(default_factory=list)


class ChunkFailures(ExtractionError):
    """No chunk of the document gave a usable answer; the message is the first reason."""


def plan_chunks(text: str, settings: Settings, client: ModelClient) -> list[Span]:
    limit = settings.chunk_chars
    client_limit = getattr(client, "max_input_chars", None)
    if client_limit:
        limit = min(limit, client_limit)
    if len(text) <= limit:
        return [Span(0, len(text))]
    return chunk_spans(text, limit, settings.chunk_overlap_sentences)


def _shift(evidence: Evidence, offset: int) -> Evidence:
    if not evidence.grounded or offset == 0:
        return evidence
    return evidence.model_copy(update={"start": evidence.start + offset, "end": evidence.end + offset})


def _stated(date_text: str, chunk: str, offset: int) -> bool:
    """The words are in the article's body, not only in its metadata line."""
    header = _METADATA_DATE.match(chunk) if offset == 0 else None
    return align(date_text, chunk[header.end() :] if header else chunk) is not None


class NotARecord(ValueError):
    """A kept (unvalidated) draft that cannot be a record, e.g. the same organisation twice as both parties."""


def _quotes(draft: RecordDraft) -> dict[str, list[str]]:
    """Each quote once, with the union of the fields it was said to support (small models repeat items)."""
    quotes: dict[str, list[str]] = {}
    for q in draft.quotes:
        fields = quotes.setdefault(q.quote, [])
        fields.extend(f for f in q.fields if f not in fields)
    return quotes


def to_record(draft: RecordDraft, chunk: str, offset: int = 0) -> tuple[AgreementRecord, list[str]]:
    """Convert a draft from one chunk to a stored record, grounding every quote against that chunk."""
    warnings: list[str] = []
    parties = distinct_parties(draft.parties)
    if len(parties) < 2:
        raise NotARecord(f"record dropped: it names fewer than two different parties ({draft.parties[0].name!r})")
    evidence = [_shift(ground(fields, quote, chunk), offset) for quote, fields in _quotes(draft).items()]

    date_signed, date_text = draft.date_signed, draft.date_text
    if date_text and not _stated(date_text, chunk, offset):
        warnings.append(f"date dropped: {date_text!r} is not a date the article gives for the signing")
        date_signed, date_text = None, None
    if date_signed is not None and not date_text:
        warnings.append(f"date_signed {date_signed} dropped: the article's words for it were not given")
        date_signed = None
    if date_signed is not None and not date_agrees(date_signed, date_text):
        warnings.append(f"date_signed {date_signed} dropped: it does not match the article's words {date_text!r}")
        date_signed = None
    if date_signed is not None and not any("date_signed" in e.fields for e in evidence):
        evidence.append(_shift(ground(["date_signed"], date_text, chunk), offset))

    record = AgreementRecord(
        parties=[Party(name=p.name.strip(), canonical=p.canonical.strip() or p.name.strip()) for p in parties],
        agreement_type=draft.agreement_type,
        status=draft.status,
        date_signed=date_signed,
        date_text=date_text,
        location=(draft.location or "").strip() or None,
        signatories=list(
            {s.name.casefold(): Signatory(name=s.name, title=s.title, organisation=s.organisation) for s in draft.signatories}.values()
        ),
        scope=list({s.casefold(): s for s in draft.scope}.values()),
        summary=draft.summary.strip(),
        evidence=evidence,
    )
    return record, warnings


def extract_whole(doc: Document, client: ModelClient, settings: Settings, prompt: Prompt) -> WholeOutcome:
    """Ask for records chunk by chunk within the per-document token budget; raise ChunkFailures if none answered."""
    text = doc.text
    spans = plan_chunks(text, settings, client)
    out = WholeOutcome()
    records: list[AgreementRecord] = []
    failures: list[str] = []
    answered = 0
    for n, span in enumerate(spans, 1):
        where = f"chunk {n}/{len(spans)}: " if len(spans) > 1 else ""
        remaining = settings.max_tokens_per_document - out.usage.prompt_tokens - out.usage.completion_tokens
        if remaining <= 0:
            out.warnings.append(
                f"token budget of {settings.max_tokens_per_document} per document spent: "
                f"{len(spans) - n + 1} of {len(spans)} chunks not read"
            )
            break
        chunk = span.text(text)
        try:
            draft, usage = client.structured(
                WholeDraft,
                prompt.messages(chunk),
                max_tokens=min(settings.max_tokens, remaining),
                validation_context=context_for(chunk),
                max_reasks=settings.max_reasks,
            )
        except ModelUnavailable:
            raise  # no answer at all: the other chunks would wait through the same retries
        except ModelError as exc:
            usage = getattr(exc, "usage", None) or Usage()
            draft = parse_kept(getattr(exc, "last_raw", None), chunk)
            if draft is None:
                failures.append(f"{where}{exc}")
                out.usage = out.usage.add(usage)
                continue
            out.warnings.append(
                f"{where}kept the model's last answer after its re-asks ({exc}); quotes not found in the article "
                "are flagged ungrounded"
            )
        out.usage = out.usage.add(usage)
        answered += 1
        for record_draft in draft.records:
            try:
                record, warnings = to_record(record_draft, chunk, span.start)
            except NotARecord as exc:
                out.warnings.append(f"{where}{exc}")
                continue
            records.append(record)
            out.warnings.extend(f"{where}{w}" for w in warnings)
    if answered == 0 and failures:
        raise ChunkFailures(failures[0] if len(failures) == 1 else f"{failures[0]} (and {len(failures) - 1} more)")
    out.warnings.extend(failures)
    out.records = merge_records(records)
    return out
