"""What a reviewer's version must satisfy before it is saved, and what is derived from its fields.

Each problem is reported at its field (`EditError.errors` maps a field path to plain words), all at once.
What derives from the fields is recomputed here, so what is saved is what the record panel shows: quotes
become the article's own text at their offsets, evidence roles pointing at emptied fields are dropped and a
program-written summary is written again from the corrected fields, and quotes no longer back the fields
this edit emptied.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from summariser.orgnames import strip_legal_form
from summariser.review.model import EditError
from summariser.schema import AgreementRecord, Document, Evidence, MatchKind
from summariser.summary import template_summary

# Fields a quote can back only while they hold a value; the others always hold one.
_OPTIONAL_FIELDS = ("date_signed", "location", "signatories", "scope", "summary")

NO_EVIDENCE = "a record needs at least one quote from the article (+ quote), or reject it"


def checked_edit(
    data: dict[str, Any] | AgreementRecord, document: Document, previous: AgreementRecord | None
) -> AgreementRecord:
    """The reviewer's version of a record of `document` (they worked from `previous`; None for a record they
    add), validated and grounded."""
    from summariser.grounding import (
        ground,  # rapidfuzz and the splitter: only editing needs them
    )

    text = document.text
    raw = data.model_dump(mode="json") if isinstance(data, AgreementRecord) else dict(data)
    # Quotes are checked even when other fields are invalid, so the reviewer sees every problem at once.
    errors: dict[str, str] = {}
    grounded: list[Evidence] = []
    for i, ev in enumerate(raw.get("evidence") or []):
        quote = ev.get("quote") if isinstance(ev, dict) else None
        if not isinstance(quote, str) or not quote.strip():
            continue
        found = ground(["summary"], quote, text)
        if not found.grounded:
            errors[f"evidence.{i}.quote"] = "this quote is not in the article"
        grounded.append(found)
    try:
        record = AgreementRecord.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors():
            errors.setdefault(".".join(str(p) for p in err["loc"]) or "record", _plain(err))
        raise EditError(errors) from exc
    record = _date_from_words(record, document)
    errors.update(_date_errors(record, document))
    if not record.evidence:
        errors.setdefault("evidence", NO_EVIDENCE)
    if errors:
        raise EditError(errors)
    evidence = [_article_span(g, e.fields, text) for g, e in zip(grounded, record.evidence, strict=False)]
    if record.date_signed and record.date_text and not any("date_signed" in e.fields for e in evidence):
        evidence = _with_date_quote(evidence, _date_quote(record.date_text, text))
    record = record.model_copy(update={"evidence": evidence})
    return _derived(record, previous)


def canonical_name(name: str) -> str:
    """A short name to match one organisation across articles: the alias in its closing parentheses
    ("Azerbaijani State Oil Company (SOCAR)" -> "SOCAR"), else the name without trailing legal forms."""
    name = name.strip()
    alias = re.search(r"\(([^()]+)\)\s*$", name)
    if alias:
        return alias.group(1).strip()
    return strip_legal_form(name)


def _article_span(found: Evidence, fields: list[str], text: str) -> Evidence:
    # What is typed may differ from the article (straight quotes, spacing): keep the article's own words.
    assert found.start is not None and found.end is not None
    return found.model_copy(update={"fields": list(fields), "quote": text[found.start : found.end]})


def _date_from_words(record: AgreementRecord, document: Document) -> AgreementRecord:
    """Words given without a date: the date they say, read as extraction reads them (`resolve_date`: a weekday or
    a day without a year against the publication date, in every language extraction reads). Words that name no
    single day ("2006", "February 2021") stay as they are: the article's date for the signing, as precise as it is."""
    words = (record.date_text or "").strip()
    if record.date_signed is not None or not words:
        return record
    from summariser.dates import resolve_date

    value = resolve_date(words, document.reported).value
    return record.model_copy(update={"date_signed": value}) if value is not None else record


def _with_date_quote(evidence: list[Evidence], quote: Evidence) -> list[Evidence]:
    """The date's quote, as a role of the same span when that span is already a quote."""
    for i, ev in enumerate(evidence):
        if (ev.start, ev.end) == (quote.start, quote.end):
            return [*evidence[:i], ev.model_copy(update={"fields": [*ev.fields, "date_signed"]}), *evidence[i + 1 :]]
    return [*evidence, quote]


def _date_quote(words: str, text: str) -> Evidence:
    """A date needs its quote: the sentence holding the article's words for it (checked to be there)."""
    from summariser.grounding import ground
    from summariser.sentences import split_sentences

    found = ground(["date_signed"], words, text)
    assert found.start is not None
    for span in split_sentences(text):
        if span.start <= found.start < span.end:
            return Evidence(fields=["date_signed"], quote=span.text(text), start=span.start, end=span.end,
                            match=MatchKind.exact)
    return _article_span(found, ["date_signed"], text)


def _derived(record: AgreementRecord, previous: AgreementRecord | None) -> AgreementRecord:
    if previous is None:  # an added record: nothing was emptied, and a summary is written if none was
        return record if record.summary else record.model_copy(update={"summary": template_summary(record)})
    update: dict[str, Any] = {}
    if record.summary == previous.summary and previous.summary == template_summary(previous):
        update["summary"] = template_summary(record)  # the program wrote it, so it follows the fields
    record = record.model_copy(update=update)
    evidence = []
    emptied = {f for f in _OPTIONAL_FIELDS if _filled(previous, f) and not _filled(record, f)}
    for ev in record.evidence:
        fields = [f for f in ev.fields if f not in emptied]
        if fields:
            evidence.append(ev.model_copy(update={"fields": fields}))
    if not evidence:
        raise EditError({"evidence": "every quote supported only fields you emptied: " + NO_EVIDENCE})
    return record.model_copy(update={"evidence": evidence})


def _filled(record: AgreementRecord, name: str) -> bool:
    if name == "date_signed":
        return bool(record.date_signed or record.date_text)
    return bool(getattr(record, name))


def _date_errors(record: AgreementRecord, document: Document) -> dict[str, str]:
    from summariser.dates import resolve_date
    from summariser.grounding import ground

    words = (record.date_text or "").strip()
    if not words:
        return {}
    if not ground(["date_signed"], words, document.text).grounded:
        return {"date_text": "these words are not in the article; copy the article's words for the date"}
    date = record.date_signed
    if date is None:
        return {}
    said = resolve_date(words, document.reported).value
    # Words naming no single day ("February 2021") must at least give the date's year.
    agrees = said == date if said is not None else str(date.year) in words
    if not agrees:
        return {"date_text": f"“{words}” does not say {date.isoformat()}; correct the date or the words"}
    return {}


_MESSAGES = {
    "too_short": "is needed",
    "missing": "is needed",
    "date_from_datetime_parsing": "is not a date: use YYYY-MM-DD",
    "date_parsing": "is not a date: use YYYY-MM-DD",
    "date_from_datetime_inexact": "is not a date: use YYYY-MM-DD",
    "enum": "is not one of the choices",
    "string_too_short": "is empty",
}


def _plain(err: Any) -> str:
    """Pydantic's message in the reviewer's words where we know them; its own otherwise."""
    if err["type"] == "too_short" and err["loc"] and err["loc"][0] == "parties":
        return "an agreement needs at least two parties"
    if err["type"] == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    return _MESSAGES.get(err["type"], err["msg"])
