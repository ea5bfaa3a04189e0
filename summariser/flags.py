"""Flags that tell a reviewer where to look first; computed once, when a record is stored.

- `ungrounded`: some evidence quote was not found in the article, or the record has no grounded
  evidence at all (nothing a reviewer can check it against).
- `fuzzy`: some quote was only found approximately.
- `no_date`: the article gives no signing date (`date_signed` is empty).
- `date_unresolved`: the article's words for the signing date ("in April", "last week") do not name one
  day, so no date was guessed: a reviewer decides.
- `party_not_in_text`: a party's name does not occur in the article, even ignoring case, accents,
  punctuation style and spacing.
- `party_not_a_name`: a party reads as something other than an organisation's name, though its words are in
  the article: it holds a weekday or a month ("Kathmandu Monday"), it names an agreement ("Memorandum of
  Understandings"), or it is one word the article capitalises only where a sentence begins ("Back").
- `duplicate`: another record of the same article has the same type and the same parties.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache

from summariser.grounding import align
from summariser.schema import AgreementRecord, MatchKind

FLAGS = ("ungrounded", "fuzzy", "no_date", "date_unresolved", "party_not_in_text", "party_not_a_name", "duplicate")

# Calendar words are the same data the date checks read (the standard library's English names).
_CALENDAR_WORDS = frozenset(w.casefold() for w in (*calendar.day_name, *calendar.month_name) if w)

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
    if any(not_a_name(p.name, text) for p in record.parties):
        flags.append("party_not_a_name")
    return flags


def not_a_name(name: str, text: str) -> bool:
    """Whether a party's name reads as something other than an organisation's (or a country's, a city's)."""
    words = re.findall(r"[^\W\d_]+", name)
    if not words or any(w.casefold() in _CALENDAR_WORDS for w in words):
        return True
    if any(pattern.search(name) for pattern in _agreement_nouns()):
        return True
    return len(words) == 1 and not name.isupper() and _only_capitalised_first(name.strip(), text)


@cache
def _agreement_nouns() -> list[re.Pattern[str]]:
    """Every language pack's agreement nouns ("Memorandum of Understanding", "accord", "Abkommen")."""
    from summariser.packs import languages, load

    return [pattern for lang in languages() for _, pattern in load(lang).type_cues]


def _only_capitalised_first(word: str, text: str) -> bool:
    """A name is capitalised wherever it stands; a word written capitalised only where a sentence or a line
    begins ("Back in 2019, ...") is an everyday word."""
    starts = [m.start() for m in re.finditer(rf"\b{re.escape(word)}\b", text)]
    return bool(starts) and all(_begins(text, i) for i in starts)


def _begins(text: str, i: int) -> bool:
    before = text[max(0, i - 4) : i]
    if i <= 4 and not re.search(r"\w", before):
        return True
    return re.search(r"(?:[.!?:]\s|\n)\W*$", before) is not None


def duplicates(records: Sequence[AgreementRecord]) -> list[bool]:
    """For each record of one article: whether another has the same type and the same parties."""
    from summariser.orgnames import normalise

    def key(r: AgreementRecord) -> tuple[str, frozenset[str]]:
        return r.agreement_type.value, frozenset(normalise(p.canonical) or normalise(p.name) for p in r.parties)

    keys = [key(r) for r in records]
    return [keys.count(k) > 1 for k in keys]
