"""Who signed an agreement: the people named in a sentence's signing clause, one mechanism for every shape.

  "signed ... by A, title of ORG, and B, title of ORG"   signers after "by" (several "by"s allowed)
  "A, title of ORG, and B, title of ORG, signed ..."     signers before the verb
  "A and B put their signatures to ..."                  the same with another verb
  "X initialled for ORG", "Y signed on behalf of ORG"    one signer right before the verb
  "... in the presence of C" / "witnessed by C"          C did not sign: the clause ends there

The clause is cut into items at "and" and list commas; each item names one signer, or several when the
candidate finder typed them all as people ("KTZ chief executive A, ADY chairman B"). Where the finder could
not tell a person from an organisation, the item's structure does: a name after an honorific ("Mr.",
"Hon.", "Ing."), or the name in the item that is not an organisation's ("of ORG", "ORG's", "ORG chairman").
"""

from __future__ import annotations

import re

from summariser.extract.strategies.choice.candidates import Candidate
from summariser.extract.strategies.choice.names import LEGAL_FORMS, ORG_HEADS, TITLE_WORDS

_SIGN = r"(?:signed|initiall?ed|inked|put (?:their|his|her) signatures?|affixed (?:their|his|her) signatures?)"
_BY = re.compile(rf"\b{_SIGN}\b[^;]{{0,90}}?\bby\s+")
_BEFORE_VERB = re.compile(rf",?\s+(?:(?:have|has|had|also|jointly|today|yesterday|[a-z]+ly)\s+)*{_SIGN}\b")
_NOT_YET = re.compile(r"\b(?:will|would|shall|should|could|may|to)\s+(?:be\s+)?$")
_SIGNED_FOR = re.compile(rf"^,?\s+{_SIGN}\s+(?:for|on behalf of)\b")
_WITNESSES = re.compile(r"\b(?:in the presence of|witnessed by|attended by|watched by|observed by)\b", re.IGNORECASE)
# Items of the signers' list: "A and B", "A, B and C", "A, title of X, and B"; "from the side of X by B".
_ITEM_SEP = re.compile(r",?\s+and,?\s+(?:by\s+)?|,\s+(?=(?:from|on behalf)\b)|\s+by\s+")
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Ing|Eng|Prof|Hon|H\.E|Sheikh)\.?\s+(?P<name>[A-Z][\w.’'\-]*(?:\s+(?:[A-Z][\w’'\-]*|de|da|del|van|von|bin|al|el))*)")
_OF_BEFORE = re.compile(r"\b(?:of|for|at|from)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}$")
_TITLES = "|".join(sorted(TITLE_WORDS))
_ORG_AFTER = re.compile(rf"^(?:['’]s|\s+(?:{_TITLES})\b)", re.IGNORECASE)
# An item that opens on a title ("the Minister of Defence of X, NAME"): its last name is the title holder.
_TITLE_LEAD = re.compile(rf"^\s*(?:[Tt]he\s+)?(?:[A-Z][\w\-]*\s+){{0,2}}(?:{_TITLES})\b[^,]*,\s+[A-Z]")
_TITLE_APPOSITION = re.compile(rf"^,\s+(?:the\s+)?(?:[\w\-]+\s+){{0,3}}?(?:{_TITLES})\b", re.IGNORECASE)


def _looks_like_person(c: Candidate, item: str, offset: int) -> bool:
    """A name the finder left untyped is a person when nothing in its item marks it an organisation."""
    words = c.name.split()
    if c.kind == "person":
        return True
    if c.kind not in ("org", "locality") or not 2 <= len(words) <= 4 or c.name.isupper():
        return False
    if any(w.rstrip(".") in LEGAL_FORMS | ORG_HEADS | TITLE_WORDS for w in words):
        return False
    start, end = c.start - offset, c.end - offset
    if _OF_BEFORE.search(item[:start]) or _ORG_AFTER.match(item[end:]):
        return False
    # The item's last name, or one in apposition to a title ("Wang Deming, general manager of ...").
    return not item[end:].strip(" ,") or bool(_TITLE_APPOSITION.match(item[end:]))


def _people_in(region: str, offset: int, cands: list[Candidate], *, loose: bool = True) -> list[str]:
    out: list[str] = []
    pos = 0
    for piece in [*_ITEM_SEP.split(region), ""]:
        if not piece:
            continue
        start = region.find(piece, pos)
        pos = start + len(piece)
        inside = [c for c in cands if offset + start <= c.start and c.end <= offset + pos]
        people = [c.name for c in inside if c.kind == "person" and len(c.name) > 2]
        named = [m.group("name").rstrip(".,") for m in _HONORIFIC.finditer(piece)]
        if named:
            people = named  # "Mrs. Nana Akua Owusu-Ansah": an honorific shows where a name starts and that it is one
        elif not people and (loose or _TITLE_LEAD.match(piece)):
            people = [c.name for c in inside if _looks_like_person(c, piece, offset + start)][-1:]
        out.extend(p for p in people if p not in out)
    return out


def signers(sentence: str, cands: list[Candidate]) -> list[str]:
    """The names of the people who signed, as written in `sentence` (empty when it names none)."""
    by = _BY.search(sentence)
    if by and _NOT_YET.search(sentence[: by.start()]):
        return []  # "would be signed by her and X": who may sign has signed nothing
    if by:
        stop = _WITNESSES.search(sentence, by.end())
        end = stop.start() if stop else len(sentence)
        return _people_in(sentence[by.end() : end].rstrip(" .,"), by.end(), cands)
    verb = _BEFORE_VERB.search(sentence)
    if verb is None:
        return []
    subject = _subject_signers(sentence, verb, cands)
    if _SIGNED_FOR.match(sentence[verb.start() :]) and not subject:
        out = []
        for v in _BEFORE_VERB.finditer(sentence):  # "X initialled for A, while Y initialled for B"
            last = [c for c in cands if c.end <= v.start() and c.kind in ("person", "org")]
            c = last[-1] if last else None
            if c is not None and _SIGNED_FOR.match(sentence[v.start() :]) and not sentence[c.end : v.start()].strip(" ,") \
                    and not c.name.isupper() and len(c.name.split()) <= 4:
                out.append(c.name)
        return out
    return subject


def _subject_signers(sentence: str, verb: re.Match[str], cands: list[Candidate]) -> list[str]:
    """Signers as the subject: only when every item of the subject names a person (organisations sign too)."""
    subject = sentence[: verb.start()]
    personal = "signature" in verb.group(0)  # "put their signatures": only people do that
    people = _people_in(subject, 0, [c for c in cands if c.end <= verb.start()], loose=personal)
    items = [p for p in _ITEM_SEP.split(subject) if p.strip()]
    return people if len(people) >= 2 and len(people) == len(items) else []
