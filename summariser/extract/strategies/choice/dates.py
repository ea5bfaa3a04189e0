"""Dates written in a sentence, normalised in code (the model never writes a date).

Formats seen in news copy: "December 10, 2019", "Dec. 10, 2019", "10 December 2019", "2019-12-10",
"10.12.2019" and "10/12/2019" (both read day first, as the European and post-Soviet outlets this
product reads write them; dateutil still swaps when the first number cannot be a month... or a day).
Dates without a year ("on March 3") are read in the year of the article's own date, or the year before when
that would put them after it; without a publication date they are not normalised.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateutil import parser as date_parser

from summariser.dates import resolve_date
from summariser.packs import active, load

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_PATTERNS = [
    (re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b"), False),
    (re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\s*,?\s+(?:19|20)\d\d\b"), True),
    (re.compile(r"\b(?:19|20)\d\d-\d{2}-\d{2}\b"), False),
    (re.compile(r"\b\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d\b"), True),
]


def _parsed(raw: str, dayfirst: bool) -> dt.date | None:
    """dateutil's reading, for what resolve_date leaves: "12/25/2019" read month first when the day cannot be one."""
    try:
        return date_parser.parse(raw.replace(" of ", " "), dayfirst=dayfirst, fuzzy=False).date()
    except (ValueError, OverflowError):
        return None


@dataclass(frozen=True)
class FoundDate:
    start: int  # offsets relative to the string searched
    end: int
    text: str
    value: dt.date


def find_dates(sentence: str) -> list[FoundDate]:
    """Full dates (day, month and year) in `sentence`, in order of appearance, without overlaps."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern, dayfirst in _PATTERNS:
        for match in pattern.finditer(sentence):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            raw = match.group(0)
            value = resolve_date(raw, None).value or _parsed(raw, dayfirst)
            if value is None:
                continue
            taken.append((match.start(), match.end()))
            found.append(FoundDate(match.start(), match.end(), raw, value))
    for found_date in _pack_dates(sentence):
        if not any(found_date.start < e and s < found_date.end for s, e in taken):
            found.append(found_date)
    return sorted(found, key=lambda d: d.start)


@lru_cache(maxsize=16)
def _pack_date_pattern(language: str) -> re.Pattern[str] | None:
    """"20 novembre 2018", "15 de marzo de 2021", "12. März 2020", "20 ноября 2018 года": day, month name of
    the pack's language, year."""
    months = load(language).months
    if language == "en" or not months:
        return None  # English dates are read by the patterns above
    names = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    return re.compile(rf"\b(?P<d>\d{{1,2}})(?:er|º|°)?\.?\s+(?:de\s+)?(?P<m>{names})\s+(?:de\s+)?(?P<y>(?:19|20)\d\d)\b", re.I)


def _pack_dates(sentence: str) -> list[FoundDate]:
    pattern = _pack_date_pattern(active().language)
    out = []
    for m in pattern.finditer(sentence) if pattern else ():
        value = resolve_date(m.group(0), None).value
        if value is None:
            continue
        out.append(FoundDate(m.start(), m.end(), m.group(0), value))
    return out


_NO_YEAR = [
    re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!,?\s*(?:19|20)\d\d)(?![\d.,]*\d)"),
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?!\s*,?\s*(?:19|20)\d\d)"),
]


def dates_in_year(sentence: str, reported: dt.date) -> list[FoundDate]:
    """Day-and-month dates without a year, placed in the last year that does not put them after `reported`."""
    found = []
    for pattern in _NO_YEAR:
        for m in pattern.finditer(sentence):
            value = resolve_date(m.group(0), reported).value
            if value is None:
                continue
            found.append(FoundDate(m.start(), m.end(), m.group(0), value))
    return sorted(found, key=lambda d: d.start)


@lru_cache(maxsize=16)
def _clauses(language: str) -> dict[str, re.Pattern[str]] | None:
    """The date rules' patterns from the pack of `language`: its weekdays, the verbs of a signing whose day a
    clause gives (`date_verbs`), the preposition before a day (`on_day`) and the verbs of telling the news
    (`told`). None: the pack names no such verbs, and the rules that need them are skipped."""
    pack = load(language)
    verbs, on, told = pack.grammar("date_verbs"), pack.grammar("on_day"), pack.grammar("told")
    weekdays = pack.words("names", "weekdays")
    if not (verbs and on and told and weekdays):
        return None
    sign = rf"(?:{verbs})"
    articles = "|".join(sorted(pack.words("grammar", "articles"))) or "(?!)"
    return {
        # "on Tuesday" with no date after it ("Monday, 2 December" is read from its date).
        "weekday": re.compile(rf"\b(?:{'|'.join(sorted(weekdays))})\b(?!,?\s*(?:\d|{_MONTH}))"),
        "on": re.compile(rf"\b(?:{on})\s+$"),
        # A weekday counts only inside the signing clause: "on Tuesday signed", "signed ... on Tuesday"; not "a
        # filing on Thursday, X said", nor "last Tuesday" (which week is meant is not said).
        "signing_before": re.compile(rf"\b{sign}\b[^,.;:]{{0,60}}\b(?:{on})\s+$"),
        "signing_after": re.compile(rf"^\s+(?:[\w\-]+\s+){{0,2}}{sign}\b"),
        # The signing verb governs the date: "signed ... on 20 May".
        "signed_on": re.compile(rf"\b{sign}\b[^.;:]{{0,80}}\b(?:{on})\s+(?:(?:{articles})\s+)?$"),
        # "said on Tuesday", "announced on 20 May": when the news was told, not when anything was signed.
        "told_on": re.compile(rf"\b(?:{told})\s+(?:(?:{on})\s+)?(?:(?:{articles})\s+)?$"),
    }


def weekday_dates(sentence: str, reported: dt.date) -> list[FoundDate]:
    """"on Tuesday" in a signing clause: the last such weekday on or before the article's date."""
    out: list[FoundDate] = []
    rules = _clauses(active().language)
    if rules is None:
        return out
    for m in rules["weekday"].finditer(sentence):
        before, after = sentence[: m.start()], sentence[m.end() :]
        if not rules["on"].search(before) or not (rules["signing_before"].search(before) or rules["signing_after"].match(after)):
            continue
        value = resolve_date(m.group(0), reported).value
        if value is not None:
            out.append(FoundDate(m.start(), m.end(), m.group(0), value))
    return out


def signing_date(sentence: str, *, reported: dt.date | None = None) -> FoundDate | None:
    """The date a sentence gives for a signing: the first full date, else (with a publication date) the first
    day and month written without a year, else a weekday placed against the publication date. A date told
    with a speech verb is when the news was told; the publication date itself counts only when the signing
    verb governs it or the article names the day ("on Tuesday")."""
    rules = _clauses(active().language)

    def usable(found: FoundDate, named_day: bool = False) -> bool:
        if rules and rules["told_on"].search(sentence[: found.start]):
            return False
        return named_day or found.value != reported or bool(rules and rules["signed_on"].search(sentence[: found.start]))

    for found in find_dates(sentence):
        if reported is None or usable(found):
            return found
    if reported is not None:
        for found in dates_in_year(sentence, reported):
            if usable(found):
                return found
        for found in weekday_dates(sentence, reported):
            if usable(found, named_day=True):
                return found
    return None

