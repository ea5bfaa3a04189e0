"""Which candidates are the parties of an agreement sentence, read from the sentence's structure."""

from __future__ import annotations

import re

from summariser.choice.candidates import Candidate
from summariser.choice.names import DEMONYMS

# Between two coordinated parties: "and", optionally "the", a possessor ("Italy's") or demonym
# ("Chinese") and a few lower-case words describing the second ("state oil company", "firm").
_COORDINATION = re.compile(
    r"^(?:\s*\([^()]*\))?\s*,?\s*(?:and|&)\s+(?:the\s+)?"
    r"(?:(?:(?:[A-Z][\w\-]*\s+){0,2}[A-Z][\w\-]*['’]s|[A-Z][\w]*-(?:based|owned|listed|registered)|" + "|".join(sorted(DEMONYMS)) + r")\s+)?"
    r"(?:[a-z][\w\-]*,?\s+){0,4}$"
)


def party_like(c: Candidate) -> bool:
    return c.kind in {"org", "place"} and not c.possessive


# "terminated its contract with B", "signed a memorandum with B": the subject and B are the parties.
_WITH_PARTNER = re.compile(
    r"\b(?:agreement|contract|deal|memorandum|MoU|accord|joint venture|partnership|protocol)s?\s+(?:[^\s.;,]+\s+){0,8}?with\s+",
    re.IGNORECASE,
)


def subject_with_pairs(text: str, cands: list[Candidate]) -> list[tuple[Candidate, Candidate]]:
    """"A ... agreement/contract with B": the first organisation of the sentence and the first after "with"."""
    orgs = [c for c in cands if party_like(c)]
    pairs = []
    for m in _WITH_PARTNER.finditer(text):
        before = [c for c in orgs if c.end <= m.start()]
        after = [c for c in orgs if c.start >= m.end() and c.kind == "org"]
        if before and after:
            pairs.append((before[0], after[0]))
    return pairs


def coordinated_pairs(text: str, cands: list[Candidate]) -> list[tuple[Candidate, Candidate]]:
    """Pairs written "A and B" (with descriptions allowed before B), A and B organisations or places."""
    orgs = [c for c in cands if party_like(c)]
    pairs = []
    for a, b in zip(orgs, orgs[1:]):
        gap = text[a.end : b.start]
        if _COORDINATION.match(gap):
            pairs.append((a, b))
    return pairs
