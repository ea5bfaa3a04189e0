"""A model's words for a signing date, resolved against the article's publication date.

The model copies the article's words ("on Tuesday", "le 2 décembre", "am 20. Juni 2024", "11 февраля");
the program works out the calendar date, as the choice strategy does for English: a full date as written;
a day and month without a year in the last year that does not put them after publication; a weekday as
the last such day on or before publication; "today"/"yesterday" from publication. Words that do not name
one day ("in April", "last year", "between 28 and 30 August", "this week") are ambiguous: no date is
guessed, and the record is flagged for a reviewer. Month and weekday names are data: the language packs
(summariser/packs/).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import cache


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
    """All languages' date words together (from the language packs, summariser/packs/): a month's name in one
    language is never another's weekday."""
    from summariser.packs import languages, load

    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    relative: dict[str, int] = {}
    for lang in languages():
        names = load(lang).data.get("names", {})
        for number, forms in enumerate(names.get("month_forms", []), 1):
            months.update({_plain(f): number for f in forms})
        for number, forms in enumerate(names.get("weekday_forms", [])):
            weekdays.update({_plain(f): number for f in forms})
        relative.update({_plain(k): int(v) for k, v in names.get("relative_days", {}).items()})
    return DateWords(months, weekdays, relative)


@dataclass(frozen=True)
class DateReading:
    value: dt.date | None
    ambiguous: bool  # words were given but they do not name one day


_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})(?!\d)")  # "2025-09-24T14:39" too
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


def resolve_date(words: str | None, reported: dt.date | None, *, exact: bool = True) -> DateReading:
    """The day `words` name, read against the publication date `reported` (None when it is unknown).
    With `exact=False` only the reference's year and month are known (metadata "date 2016-12"): a day and
    month still find their year, a weekday or "yesterday" does not find its day."""
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
    if reported is not None and exact and not numbers:
        weekdays = _found(plain, table.weekdays)
        if len(weekdays) == 1:
            back = (reported.weekday() - next(iter(weekdays))) % 7
            return DateReading(reported - dt.timedelta(days=back), ambiguous=False)
        relative = {table.relative_days[w] for w in _WORD.findall(plain) if w in table.relative_days}
        if len(relative) == 1 and not weekdays:
            return DateReading(reported + dt.timedelta(days=next(iter(relative))), ambiguous=False)
    return DateReading(None, ambiguous=True)


_DATELINE_CHARS = 200


def dateline_date(text: str) -> dt.date | None:
    """The full date a news dateline gives at the top of an article ("ALGER, le 4 mars 2024 –",
    "2025-09-24"), for articles whose metadata carries no publication date. Only a date with day, month
    and year, within the first 200 characters, counts."""
    head = text[:_DATELINE_CHARS]
    for m in _DAY_MONTH_YEAR().finditer(_plain(head)):
        reading = resolve_date(m.group(0), None)
        if reading.value is not None:
            return reading.value
    return None


@cache
def _DAY_MONTH_YEAR() -> re.Pattern[str]:
    months = "|".join(sorted((re.escape(m) for m in date_words().months), key=len, reverse=True))
    return re.compile(
        rf"\b(?:19|20)\d\d-\d{{1,2}}-\d{{1,2}}(?!\d)"
        rf"|\b\d{{1,2}}\.?\s+(?:de\s+)?(?:{months})\.?,?\s+(?:de\s+)?(?:19|20)\d\d\b"
        rf"|\b(?:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s*(?:19|20)\d\d\b"
    )


_PARTIAL_METADATA = re.compile(r"\A\s*date\s+((?:19|20)\d\d)-(\d{2})(?!-?\d)")


def reference_date(text: str, reported: dt.date | None) -> tuple[dt.date | None, bool]:
    """What date words are read against, and whether it is a whole day: the publication date; else the
    article's dateline; else a year and month in its metadata ("date 2016-12"), as the month's last day."""
    if reported is not None:
        return reported, True
    if (found := dateline_date(text)) is not None:
        return found, True
    if m := _PARTIAL_METADATA.match(text):
        year, month = int(m[1]), int(m[2])
        if 1 <= month <= 12:
            first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
            return first_of_next - dt.timedelta(days=1), False
    return None, False


def _reading(value: dt.date | None) -> DateReading:
    return DateReading(value, ambiguous=value is None)
