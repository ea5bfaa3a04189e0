"""A new record's first draft, read from the sentence a reviewer selected: what the extractor's rules
see in it (organisation names, the agreement and status words, a signing date). The reviewer checks it
in the edit form; nothing here is saved without them."""

from __future__ import annotations

import datetime as dt

from summariser.schema import (
    AgreementRecord,
    AgreementType,
    Evidence,
    MatchKind,
    Party,
    Status,
)


def draft_record(text: str, start: int, end: int, reported: dt.date | None = None) -> AgreementRecord:
    """A draft whose evidence is text[start:end]; not validated (it may name fewer than two parties)."""
    from summariser.extract.strategies.choice.candidates import find_candidates
    from summariser.extract.strategies.choice.cues import find_cues
    from summariser.extract.strategies.choice.dates import signing_date
    from summariser.packs import for_text, using
    from summariser.review.checks import canonical_name

    quote = text[start:end]
    names: list[str] = []
    with using(for_text(text)):  # the pack of the article's language, as the extractor reads it
        for cand in find_candidates(quote):
            if cand.kind == "org" and cand.name not in names:
                names.append(cand.name)
        cues = find_cues(quote)
        found = signing_date(quote, reported=reported)
    evidence = []
    if quote.strip():
        evidence = [Evidence(fields=["parties", "agreement_type", "status"], quote=quote, start=start, end=end,
                             match=MatchKind.exact)]  # fmt: skip
    return AgreementRecord.model_construct(
        # The canonical name the edit form itself would give (the alias in parentheses, no legal form).
        parties=[Party(name=n, canonical=canonical_name(n)) for n in names],
        agreement_type=cues.types[0] if cues.types else AgreementType.other,
        status=cues.statuses[0] if cues.statuses else Status.signed,
        date_signed=found.value if found else None,
        date_text=found.text if found else None,
        location=None,
        signatories=[],
        scope=[],
        summary="",
        evidence=evidence,
    )


def blank_record() -> AgreementRecord:
    """An empty draft for a record added without a selection."""
    return AgreementRecord.model_construct(
        parties=[], agreement_type=AgreementType.other, status=Status.signed, date_signed=None, date_text=None,
        location=None, signatories=[], scope=[], summary="", evidence=[],
    )  # fmt: skip
