"""The "whole" strategy: the model writes whole records with quotes; the program grounds and checks them.

Long articles are cut into sentence-aligned chunks (with overlap); each chunk is one request; offsets
are shifted back to the whole article; an agreement seen again in another chunk is merged, distinct
agreements never are. Quotes the model could not ground after its re-asks are kept on the record marked
`ungrounded`, never dropped and never presented as grounded. The model copies the article's words for a
signing date; the program resolves them against the publication date (summariser.dates).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from summariser.dates import reference_date, resolve_date
from summariser.extract.base import ExtractionError
from summariser.extract.merge import merge_chunk_duplicates
from summariser.extract.strategies.whole.drafts import (
    RecordDraft,
    WholeDraft,
    context_for,
    distinct_parties,
    draft_model,
    parse_kept,
)
from summariser.extract.strategies.whole.hints import rule_hints
from summariser.grounding import align, ground
from summariser.injection import addresses_the_model
from summariser.llm.base import ModelClient, ModelError, ModelUnavailable
from summariser.prompts import Prompt
from summariser.schema import (
    EVIDENCE_FIELDS,
    AgreementRecord,
    Document,
    Evidence,
    Party,
    Signatory,
    Status,
    Usage,
)
from summariser.sentences import Span, chunk_spans, split_sentences
from summariser.settings import Settings

# A leading " date YYYY-MM-DD" line is the article's metadata: a date found only there is the
# publication date, which must never become a signing date.
_METADATA_DATE = re.compile(r"\A\s*date\s+\d{4}-\d{2}-\d{2}\b")


@dataclass
class WholeOutcome:
    records: list[AgreementRecord] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    warnings: list[str] = field(default_factory=list)
    answered: int = 0  # records the model answered, before chunk duplicates were merged


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
    if evidence.start is None or evidence.end is None or offset == 0:
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


_UNSIGNED = (Status.planned, Status.under_discussion)


def _planted(chunk: str, evidence: Evidence) -> bool:
    """The quote sits in a sentence that speaks to a language model (an instruction planted in the article)."""
    assert evidence.start is not None and evidence.end is not None
    for span in split_sentences(chunk):
        if span.start < evidence.end and evidence.start < span.end and addresses_the_model(span.text(chunk)):
            return True
    return False


Reference = tuple[dt.date | None, bool]  # what date words are read against, and whether it is a whole day


def _signing_date(
    draft: RecordDraft, chunk: str, offset: int, reference: Reference, warnings: list[str]
) -> tuple[dt.date | None, str | None]:
    """The program's reading of the model's words for the signing date (the model's own ISO date is not used)."""
    date_text = (draft.date_text or "").strip() or None
    if date_text is None:
        return None, None
    if draft.status in _UNSIGNED:
        return None, None  # a date in a plan is when it may be signed, not a signing date
    if not _stated(date_text, chunk, offset):
        warnings.append(f"date dropped: {date_text!r} is not a date the article gives for the signing")
        return None, None
    reading = resolve_date(date_text, reference[0], exact=reference[1])
    if reading.ambiguous:
        warnings.append(f"date {date_text!r} does not name one day: left unresolved for a reviewer (flagged)")
    return reading.value, date_text


def to_record(
    draft: RecordDraft, chunk: str, offset: int = 0, reference: Reference = (None, False)
) -> tuple[AgreementRecord, list[str]]:
    """Convert a draft from one chunk to a stored record, grounding every quote against that chunk."""
    warnings: list[str] = []
    parties = distinct_parties(draft.parties)
    if len(parties) < 2:
        raise NotARecord(f"record dropped: it names fewer than two different parties ({draft.parties[0].name!r})")
    evidence = [ground(fields, quote, chunk) for quote, fields in _quotes(draft).items()]
    grounded = [e for e in evidence if e.grounded]
    if grounded and all(_planted(chunk, e) for e in grounded):
        raise NotARecord("record dropped: its only evidence is text addressed to a language model, not a report")
    evidence = [_shift(e, offset) for e in evidence]
    date_signed, date_text = _signing_date(draft, chunk, offset, reference, warnings)
    if date_text is not None and not any("date_signed" in e.fields for e in evidence):
        # The quote that holds the date words backs the date; else the words themselves are the evidence.
        holder = next((e for e in evidence if e.grounded and date_text in e.quote), None)
        if holder is not None:
            holder.fields.append("date_signed")
        else:
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


def extract_whole(
    doc: Document, client: ModelClient, settings: Settings, prompt: Prompt, examples: str = ""
) -> WholeOutcome:
    """Ask for records chunk by chunk within the per-document token budget; raise ChunkFailures if none answered.

    `examples` is the few-shot block (reviewed records), already within its token budget."""
    text = doc.text
    spans = plan_chunks(text, settings, client)
    # A quote backs at most 4 fields for the embedded model (its grammar stays short); any number for a capable one.
    max_fields = 4 if settings.use_embedded else len(EVIDENCE_FIELDS)
    shape = draft_model(settings.max_records, settings.max_parties, settings.max_quotes, max_fields)
    reference = reference_date(doc.text, doc.reported)
    out = WholeOutcome()
    answers: list[list[AgreementRecord]] = []
    failures: list[str] = []
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
                shape,
                request_messages(prompt, chunk, settings, examples, doc.reported),
                max_tokens=min(settings.max_tokens, remaining),
                validation_context=context_for(chunk),
                max_reasks=settings.max_reasks,
            )
        except ModelUnavailable:
            raise  # no answer at all: the other chunks would wait through the same retries
        except ModelError as exc:
            usage = getattr(exc, "usage", None) or Usage()
            kept = parse_kept(getattr(exc, "last_raw", None), chunk, shape)
            if kept is None:
                failures.append(f"{where}{exc}")
                out.usage = out.usage.add(usage)
                continue
            out.warnings.append(
                f"{where}kept the model's last answer after its re-asks ({exc}); quotes not found in the article "
                "are flagged ungrounded"
            )
            draft = kept
        out.usage = out.usage.add(usage)
        answers.append(_records(draft, chunk, span.start, reference, where, out.warnings))
    if not answers and failures:
        raise ChunkFailures(failures[0] if len(failures) == 1 else f"{failures[0]} (and {len(failures) - 1} more)")
    out.warnings.extend(failures)
    out.answered = sum(len(a) for a in answers)
    out.records = merge_chunk_duplicates(answers)
    return out


def request_messages(
    prompt: Prompt, chunk: str, settings: Settings, examples: str = "", reported: dt.date | None = None
) -> list[dict[str, str]]:
    """The chat messages for one chunk: the article delimited as data, hints and examples as their own blocks."""
    # The embedded model's 2k context has no room for hints; it is not the model `whole` is for anyway.
    hints = rule_hints(chunk, reported) if settings.whole_hints and not settings.use_embedded else ""
    return prompt.messages(chunk, language=settings.summary_language, hints=hints, examples=examples)


def _records(
    draft: WholeDraft, chunk: str, offset: int, reference: Reference, where: str, warnings: list[str]
) -> list[AgreementRecord]:
    records = []
    for record_draft in draft.records:
        try:
            record, notes = to_record(record_draft, chunk, offset, reference)
        except NotARecord as exc:
            warnings.append(f"{where}{exc}")
            continue
        records.append(record)
        warnings.extend(f"{where}{w}" for w in notes)
    return records
