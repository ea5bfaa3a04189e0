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
from functools import lru_cache

from summariser.extract.strategies.choice.candidates import Candidate
from summariser.extract.strategies.choice.names import title_words, words
from summariser.packs import active, load

_Rules = dict[str, re.Pattern[str]]


def _g(key: str, language: str) -> str:
    return load(language).grammar(key) or "(?!)"


@lru_cache(maxsize=16)
def _rules(language: str) -> _Rules | None:
    """The signer rules' patterns, built from the words of `language`'s pack (None: the pack names no signing
    verbs, so the rule is skipped)."""
    pack = load(language)
    if not pack.grammar("signing_verbs"):
        return None
    sign = rf"(?:{_g('signing_verbs', language)})"
    agent = _g("agent", language)
    ands = "|".join(re.escape(w) for w in sorted(pack.and_words))
    titles = "|".join(sorted(title_words(language)))
    articles = "|".join(sorted(pack.words("grammar", "articles"))) or "(?!)"
    return {
        "by": re.compile(rf"\b{sign}\b[^;]{{0,90}}?\b(?:{agent})\s+"),
        "before_verb": re.compile(rf",?\s+(?:(?:{_g('signer_adverbs', language)})\s+)*{sign}\b"),
        "not_yet": re.compile(rf"\b(?:{_g('not_yet', language)})$"),
        "signed_for": re.compile(rf"^,?\s+{sign}\s+(?:{_g('signed_for', language)})\b"),
        "witnesses": re.compile(rf"\b(?:{_g('witnesses', language)})\b", re.IGNORECASE),
        # Items of the signers' list: "A and B", "A, B and C", "A, title of X, and B"; "from the side of X by B".
        "item_sep": re.compile(
            rf",?\s+(?:{ands}),?\s+(?:(?:{agent})\s+)?|,\s+(?=(?:{_g('item_opens', language)})\b)|\s+(?:{agent})\s+"
        ),
        "honorific": re.compile(
            rf"\b(?:{_g('signer_honorifics', language)})\.?\s+(?P<name>[A-Z][\w.’'\-]*(?:\s+(?:[A-Z][\w’'\-]*|{_g('name_particles', language)}))*)"
        ),
        "of_before": re.compile(rf"\b(?:{_g('member_of', language)})\s+(?:(?:{articles})\s+)?(?:[a-z]+\s+){{0,2}}$"),
        "org_after": re.compile(rf"^(?:['’]s|\s+(?:{titles})\b)", re.IGNORECASE),
        # An item that opens on a title ("the Minister of Defence of X, NAME"): its last name is the title holder.
        "title_lead": re.compile(rf"^\s*(?:(?i:{articles})\s+)?(?:[A-Z][\w\-]*\s+){{0,2}}(?:{titles})\b[^,]*,\s+[A-Z]"),
        "title_apposition": re.compile(rf"^,\s+(?:(?:{articles})\s+)?(?:[\w\-]+\s+){{0,3}}?(?:{titles})\b", re.IGNORECASE),
    }


def _looks_like_person(rules: _Rules, c: Candidate, item: str, offset: int) -> bool:
    """A name the finder left untyped is a person when nothing in its item marks it an organisation."""
    parts = c.name.split()
    if c.kind == "person":
        return True
    if c.kind not in ("org", "locality") or not 2 <= len(parts) <= 4 or c.name.isupper():
        return False
    if any(w.rstrip(".") in words("legal_forms") | words("org_heads") | title_words() for w in parts):
        return False
    start, end = c.start - offset, c.end - offset
    if rules["of_before"].search(item[:start]) or rules["org_after"].match(item[end:]):
        return False
    # The item's last name, or one in apposition to a title ("Wang Deming, general manager of ...").
    return not item[end:].strip(" ,") or bool(rules["title_apposition"].match(item[end:]))


def _people_in(rules: _Rules, region: str, offset: int, cands: list[Candidate], *, loose: bool = True) -> list[str]:
    out: list[str] = []
    pos = 0
    for piece in [*rules["item_sep"].split(region), ""]:
        if not piece:
            continue
        start = region.find(piece, pos)
        pos = start + len(piece)
        inside = [c for c in cands if offset + start <= c.start and c.end <= offset + pos]
        people = [c.name for c in inside if c.kind == "person" and len(c.name) > 2]
        named = [m.group("name").rstrip(".,") for m in rules["honorific"].finditer(piece)]
        if named:
            people = named  # "Mrs. Nana Akua Owusu-Ansah": an honorific shows where a name starts and that it is one
        elif not people and (loose or rules["title_lead"].match(piece)):
            people = [c.name for c in inside if _looks_like_person(rules, c, piece, offset + start)][-1:]
        out.extend(p for p in people if p not in out)
    return out


def signers(sentence: str, cands: list[Candidate]) -> list[str]:
    """The names of the people who signed, as written in `sentence` (empty when it names none)."""
    rules = _rules(active().language)
    if rules is None:
        return []
    by = rules["by"].search(sentence)
    if by and rules["not_yet"].search(sentence[: by.start()]):
        return []  # "would be signed by her and X": who may sign has signed nothing
    if by:
        stop = rules["witnesses"].search(sentence, by.end())
        end = stop.start() if stop else len(sentence)
        return _people_in(rules, sentence[by.end() : end].rstrip(" .,"), by.end(), cands)
    verb = rules["before_verb"].search(sentence)
    if verb is None:
        return []
    subject = _subject_signers(rules, sentence, verb, cands)
    if rules["signed_for"].match(sentence[verb.start() :]) and not subject:
        out = []
        for v in rules["before_verb"].finditer(sentence):  # "X initialled for A, while Y initialled for B"
            last = [c for c in cands if c.end <= v.start() and c.kind in ("person", "org")]
            c = last[-1] if last else None
            if c is not None and rules["signed_for"].match(sentence[v.start() :]) and not sentence[c.end : v.start()].strip(" ,") \
                    and not c.name.isupper() and len(c.name.split()) <= 4:
                out.append(c.name)
        return out
    return subject


def _subject_signers(rules: _Rules, sentence: str, verb: re.Match[str], cands: list[Candidate]) -> list[str]:
    """Signers as the subject: only when every item of the subject names a person (organisations sign too)."""
    subject = sentence[: verb.start()]
    personal = "signature" in verb.group(0)  # "put their signatures": only people do that
    people = _people_in(rules, subject, 0, [c for c in cands if c.end <= verb.start()], loose=personal)
    items = [p for p in rules["item_sep"].split(subject) if p.strip()]
    return people if len(people) >= 2 and len(people) == len(items) else []
