"""Details a sentence states about an agreement: where it was signed and what it covers (signers.py: who).

All are found by pattern and returned as exact substrings with offsets, so they are grounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summariser.extract.strategies.choice.dates import find_dates

_PLACE = r"([A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?)"
_LOCATION_PATTERNS = [
    re.compile(rf"\bsigned in {_PLACE}"),
    re.compile(rf"\bin {_PLACE},? (?:on|by|between) "),
    re.compile(rf"(?:\d{{4}}|signed) in {_PLACE}\b"),
]
_SCOPE = re.compile(
    r"\b(?:is aimed at|are aimed at|aimed at|aims at|aims to|provides? for|provided for|will manage|will mainly provide"
    r"|will provide|will serve to|to study|envisages?|covers?|stipulates?)\s+(?P<scope>[^;]+?)(?=[,;.]\s|[.;]?$| and will )"
)
_OBJECT = re.compile(
    r"\b(?:agreements?|memorandum(?: of understanding)?(?: \(MoU\))?|contracts?|MoU|deal) (?:on|for)\s+(?:the\s+)?"
    r"(?P<scope>.+?)(?=,|;|\.$| in [A-Z]| on \d| by [A-Z]| to [a-z]+ | at the | with [a-z]|$)"
)
_MAX_SCOPE_WORDS = 16


@dataclass
class Found:
    text: str
    start: int  # offsets into the sentence
    end: int


def location(sentence: str, months: frozenset[str] = frozenset()) -> Found | None:
    for pattern in _LOCATION_PATTERNS:
        for m in pattern.finditer(sentence):
            place = m.group(1)
            if any(d.start <= m.start(1) < d.end for d in find_dates(sentence)) or place.split()[0] in _NOT_PLACES:
                continue
            return Found(place, m.start(1), m.end(1))
    return None


_NOT_PLACES = frozenset(
    "January February March April May June July August September October November December The A An".split()
)


def scope_phrases(sentence: str) -> list[Found]:
    out: list[Found] = []
    for pattern in (_OBJECT, _SCOPE):
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
