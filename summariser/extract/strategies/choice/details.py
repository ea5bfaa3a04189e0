"""Details a sentence states about an agreement: where it was signed and what it covers (signers.py: who).

All are found by pattern and returned as exact substrings with offsets, so they are grounded. The patterns
are the pack's (`[details]`: `location` with `{place}` where the place stands, `object` and `scope` with a
`scope` group); a pack without them finds no such detail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summariser.extract.strategies.choice.dates import find_dates
from summariser.extract.strategies.choice.names import non_name_words
from summariser.packs import active, load

_PLACE = r"([A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?)"
_MAX_SCOPE_WORDS = 16


@dataclass
class Found:
    text: str
    start: int  # offsets into the sentence
    end: int


@lru_cache(maxsize=16)
def _patterns(language: str) -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    """(where it was signed, what it covers) in the order tried."""
    table = load(language).data.get("details", {})
    places = [re.compile(p.replace("{place}", _PLACE)) for p in table.get("location", [])]
    scopes = [re.compile(table[k]) for k in ("object", "scope") if table.get(k)]
    return places, scopes


def location(sentence: str) -> Found | None:
    for pattern in _patterns(active().language)[0]:
        for m in pattern.finditer(sentence):
            place = m.group(1)
            if any(d.start <= m.start(1) < d.end for d in find_dates(sentence)) or place.split()[0] in non_name_words():
                continue
            return Found(place, m.start(1), m.end(1))
    return None


def scope_phrases(sentence: str) -> list[Found]:
    out: list[Found] = []
    for pattern in _patterns(active().language)[1]:
        for m in pattern.finditer(sentence):
            words = m.group("scope").split()
            if not words or words[0][0].isdigit():
                continue
            text = " ".join(words[:_MAX_SCOPE_WORDS])
            start = m.start("scope")
            end = start + len(m.group("scope")) if len(words) <= _MAX_SCOPE_WORDS else sentence.find(text, start) + len(text)
            if sentence[start:end] != text:  # whitespace inside: keep the exact substring
                text = sentence[start:end]
            if not any(f.start <= start < f.end for f in out):
                out.append(Found(text, start, end))
    return out
