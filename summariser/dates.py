"""A model's words for a signing date, resolved against the article's publication date.

The model copies the article's words ("on Tuesday", "le 2 décembre", "am 20. Juni 2024", "11 февраля");
the program works out the calendar date, as the choice strategy does for English: a full date as written;
a day and month without a year in the last year that does not put them after publication; a weekday as
the last such day on or before publication; "today"/"yesterday" from publication. Words that do not name
one day ("in April", "last year", "between 28 and 30 August", "this week") are ambiguous: no date is
guessed, and the record is flagged for a reviewer. Month and weekday names are data, one file per
language under datewords/.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_WORDS = Path(__file__).resolve().parent / "datewords"


@dataclass(frozen=True)
class DateWords:
    months: dict[str, int]  # every written form -> month number
    weekdays: dict[str, int]  # every written form -> 0 (Monday) .. 6
    relative_days: dict[str, int]  # "yesterday" -> -1


def _plain(text: str) -> str:
    """Casefolded, without accents, apostrophes unified: 'Février' and 'fevrier' read alike."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c) or c == "\u0306")  # keep Russian й


@cache
def date_words() -> DateWords:
    """All languages' date words together: a month's name in one language is never another's weekday."""
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    relative: dict[str, int] = {}
    for path in sorted(_WORDS.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for number, forms in enumerate(data.get("months", []), 1):
            months.update({_plain(f): number for f in forms})
        for number, forms in enumerate(data.get("weekdays", [])):
            weekdays.update({_plain(f): number for f in forms})
        relative.update({_plain(k): int(v) for k, v in data.get("relative_days", {}).items()})
    return DateWords(months, weekdays, relative)


@dataclass(frozen=True)
class DateReading:
    value: dt.date | None
    ambiguous: bool  # words were given but they do not name one day


_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d)\b")  # day first, as European outlets write
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_NUMBER = re.compile(r"\d+")


def _found(words: str, table: dict[str, int]) -> set[int]:
    return {table[w] for w in _WORD.findall(words) if w in table}


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_date(words: str | None, reported: dt.date | None) -> DateReading:
    """The day `words` name, read against the publication date `reported` (None when it is unknown)."""
    if not words or not words.strip():
        return DateReading(None, ambiguous=False)
    plain = _plain(words)
    if m := _ISO.search(plain):
        return _reading(_safe(int(m[1]), int(m[2]), int(m[3])))
    if m := _NUMERIC.search(plain):
        return _reading(_safe(int(m[3]), int(m[2]), int(m[1])))
    table = date_words()
    months = _found(plain, table.months)
    numbers = [int(n) for n in _NUMBER.findall(plain)]
    years = {n for n in numbers if 1900 <= n <= 2100}
    days = {n for n in numbers if 1 <= n <= 31}
    if months:
        if len(months) != 1 or len(days) != 1 or len(years) > 1:
            return DateReading(None, ambiguous=True)  # "in April", "28 e 30 de agosto", "March or April"
        month, day = next(iter(months)), next(iter(days))
        if years:
            return _reading(_safe(next(iter(years)), month, day))
        if reported is None:
            return DateReading(None, ambiguous=True)
        value = _safe(reported.year, month, day)
        if value is not None and value > reported:
            value = _safe(reported.year - 1, month, day)
        return _reading(value)
    if reported is not None and not numbers:
        weekdays = _found(plain, table.weekdays)
        if len(weekdays) == 1:
            back = (reported.weekday() - next(iter(weekdays))) % 7
            return DateReading(reported - dt.timedelta(days=back), ambiguous=False)
        relative = {table.relative_days[w] for w in _WORD.findall(plain) if w in table.relative_days}
        if len(relative) == 1 and not weekdays:
            return DateReading(reported + dt.timedelta(days=next(iter(relative))), ambiguous=False)
    return DateReading(None, ambiguous=True)


def _reading(value: dt.date | None) -> DateReading:
    return DateReading(value, ambiguous=value is None)
