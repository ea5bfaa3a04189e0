"""Details a sentence states about an agreement: where it was signed, who signed it, what it covers.

All are found by pattern and returned as exact substrings with offsets, so they are grounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summariser.choice.candidates import Candidate
from summariser.choice.dates import find_dates

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


_SIGN_VERB = r"(?:signed|initiall?ed|inked)"
_SIGNED_BY = re.compile(rf"\b{_SIGN_VERB}\b[^.;]{{0,50}}?\bby\b")
# "X, initialled for the national oil company", "Y signed on behalf of Z": the signer before the verb.
_WITNESSES = re.compile(r"\b(?:in the presence of|witnessed by|attended by|watched by)\b", re.IGNORECASE)
_SIGNED_FOR = re.compile(rf"^,?\s+{_SIGN_VERB}\s+(?:for|on behalf of)\b")


def signatories(sentence: str, cands: list[Candidate]) -> list[Candidate]:
    """People named after "signed by", or right before "signed for" (titles and organisations are cut off by
    the candidate finder; a name in apposition that the finder could not type counts when it signs "for")."""
    by = _SIGNED_BY.search(sentence)
    # Witnesses are named after the signers: the signers' list ends where they are introduced.
    stop = _WITNESSES.search(sentence, by.end()) if by else None
    out = []
    for c in cands:
        after_by = by is not None and c.start > by.end() and c.kind == "person" and (stop is None or c.start < stop.start())
        signs_for = _SIGNED_FOR.match(sentence[c.end : c.end + 40]) and c.kind in ("person", "org") \
            and not c.name.isupper() and len(c.name.split()) <= 4
        if after_by or signs_for:
            out.append(c)
    return out


def scope_phrases(sentence: str) -> list[Found]:
    out = []
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
