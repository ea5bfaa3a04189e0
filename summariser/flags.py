"""Flags that tell a reviewer where to look first; computed once, when a record is stored.

- `ungrounded`: some evidence quote was not found in the article, or the record has no grounded
  evidence at all (nothing a reviewer can check it against).
- `fuzzy`: some quote was only found approximately.
- `no_date`: the article gives no signing date (`date_signed` is empty).
- `date_unresolved`: the article's words for the signing date ("in April", "last week") do not name one
  day, so no date was guessed: a reviewer decides.
- `party_not_in_text`: a party's name does not occur in the article, even ignoring case, accents,
  punctuation style and spacing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

from summariser.grounding import align
from summariser.schema import AgreementRecord, MatchKind

FLAGS = ("ungrounded", "fuzzy", "no_date", "date_unresolved", "party_not_in_text")

_PUNCT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_PUNCT))
    no_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", no_accents).casefold().strip()


def _name_in_text(name: str, text: str, normalised_text: Callable[[], str]) -> bool:
    if name.casefold() in text.casefold():
        return True
    if _normalise(name) in normalised_text():
        return True
    found = align(name, text)  # the aligner knows normalisations the checks above do not
    return found is not None and found.match in (MatchKind.exact, MatchKind.normalised)


def record_flags(record: AgreementRecord, text: str) -> list[str]:
    """The flags (a subset of FLAGS, in that order) that apply to `record` found in `text`."""
    flags = []
    if record.ungrounded_evidence or not any(e.grounded for e in record.evidence):
        flags.append("ungrounded")
    if any(e.match is MatchKind.fuzzy for e in record.evidence):
        flags.append("fuzzy")
    if record.date_signed is None:
        flags.append("no_date")
        if record.date_text:
            flags.append("date_unresolved")
    normalised_text = cache(lambda: _normalise(text))  # only for names not found as they are
    if any(not _name_in_text(p.name, text, normalised_text) for p in record.parties):
        flags.append("party_not_in_text")
    return flags
