"""When two records, from different articles, may be one agreement.

Three tests, each cheap and each able to say no:
- parties: every party of the record naming fewer is one of the other's parties (the shared name
  matcher, `summariser.orgnames`, lenient: "Government of Angola" is "Angola"), at least two of them;
- types: the same agreement type, or one of them `other` (the article did not say what kind);
- dates: the days on which each article allows the signing to have happened overlap. A stated signing
  date allows that day (a day either side: time zones, a date written from the place of signing); a
  record reported signed without a date allows the year before its publication; one reported planned
  or under discussion allows the two years after its publication (so "planned" then "signed" is one
  agreement's history); without a publication date nothing is ruled out.
Status may differ: it is the agreement's history, ordered by date (see `view.py`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from summariser.orgnames import block_keys, same_organisation

SIGNING_DATE_SLACK = 1  # days either side of a stated signing date
SIGNED_LOOKBACK = 365  # an undated "signed" report: signed within the year before publication
PLANNED_HORIZON = 730  # a "planned" / "under discussion" report: signed, if ever, within two years after
PLANNED_SLACK = 7  # ... or a few days before (the article was written before it went out)
UNBOUNDED = (dt.date.min.toordinal(), dt.date.max.toordinal())
# Types that carry no kind of their own and so agree with any other.
UNSPECIFIC_TYPES = frozenset({"other"})


@dataclass(frozen=True)
class LinkInput:
    """What linking needs of one record: the shown version (the reviewer's edit, else the suggestion)."""

    record_id: str
    document_id: str
    parties: tuple[tuple[str, ...], ...]  # per party: its names (as written, canonical)
    agreement_type: str
    status: str
    date_signed: dt.date | None = None
    reported: dt.date | None = None
    linkable: bool = True  # False for rejected records: they stay alone
    window: tuple[int, int] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "window", signing_window(self.status, self.date_signed, self.reported))


def signing_window(status: str, date_signed: dt.date | None, reported: dt.date | None) -> tuple[int, int]:
    """The days (ordinals) on which the signing may have happened, as far as this report says."""
    if date_signed is not None:
        d = date_signed.toordinal()
        return d - SIGNING_DATE_SLACK, d + SIGNING_DATE_SLACK
    if reported is None:
        return UNBOUNDED
    p = reported.toordinal()
    if status in ("signed", "terminated"):
        return p - SIGNED_LOOKBACK, p
    return p - PLANNED_SLACK, p + PLANNED_HORIZON


def overlap(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int] | None:
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if lo <= hi else None


def types_compatible(a: str, b: str) -> bool:
    return a == b or a in UNSPECIFIC_TYPES or b in UNSPECIFIC_TYPES


@lru_cache(maxsize=262144)
def _same_party(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return any(same_organisation(x, y, lenient=True) for x in a for y in b)


def same_parties(a: tuple[tuple[str, ...], ...], b: tuple[tuple[str, ...], ...]) -> bool:
    """Every party of the shorter list is a distinct party of the longer one, two at least."""
    short, long_ = sorted((a, b), key=len)
    if len(short) < 2:
        return False
    free = list(long_)
    for party in short:
        hit = next((other for other in free if _same_party(party, other)), None)
        if hit is None:
            return False
        free.remove(hit)
    return True


def may_be_same(a: LinkInput, b: LinkInput) -> bool:
    """Whether `a` and `b` may report one agreement (the cheap tests first)."""
    return (
        a.document_id != b.document_id
        and a.linkable
        and b.linkable
        and types_compatible(a.agreement_type, b.agreement_type)
        and overlap(a.window, b.window) is not None
        and same_parties(a.parties, b.parties)
    )


@lru_cache(maxsize=262144)
def _party_keys(names: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    words, initials = zip(*(block_keys(n) for n in names), strict=True)
    return frozenset().union(*words), frozenset().union(*initials)


def pair_keys(rec: LinkInput) -> tuple[set[tuple[str, str]], set[tuple[str, str]], set[tuple[str, str]]]:
    """Blocking keys, one per pair of the record's parties and pair of their block keys: (words with
    words: compared within the block; initials with words: where acronyms are looked up; one-word names
    with words: the look-ups). Two records naming the same two organisations share a key of the first
    kind, or one looks the other up, unless one writes both as acronyms and the other neither."""
    per_party = [_party_keys(names) for names in rec.parties]
    words: set[tuple[str, str]] = set()
    initials: set[tuple[str, str]] = set()
    lookups: set[tuple[str, str]] = set()
    for i, (words_i, initials_i) in enumerate(per_party):
        for words_j, initials_j in per_party[i + 1 :]:
            words.update(_ordered(x, y) for x in words_i for y in words_j)
            initials.update(_ordered(x, y) for x in initials_i for y in words_j)
            initials.update(_ordered(x, y) for x in words_i for y in initials_j)
            lookups.update(_ordered(x, y) for x in words_i if " " not in x for y in words_j)
            lookups.update(_ordered(x, y) for x in words_i for y in words_j if " " not in y)
    return words, initials, lookups


def _ordered(x: str, y: str) -> tuple[str, str]:
    return (x, y) if x <= y else (y, x)
