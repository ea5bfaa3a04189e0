"""Organisation (and person) names that occur in a sentence, found by their shape, never invented.

A *run* is a sequence of capitalised words ("Sumgait Technological Park", "CITIC Construction Co., Ltd.")
with connectors inside ("Ministry of Energy of Uzbekistan"). Runs are then cut where news copy glues
several things together: "SOCAR President Rovshan Najaf" is an organisation and a person,
"Azerbaijan's state oil company SOCAR" is a place, a description and a name, "Kazakh QazaqGaz" is a
demonym and a name. What is left are candidates the model may choose from; two candidates coordinated
by "and" before a verb ("SOCAR and QazaqGaz have signed") are the likely parties.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from summariser.extract.strategies.choice.lexicon import is_common_word
from summariser.extract.strategies.choice.namegrammar import CONNECTORS as _CONNECTORS
from summariser.extract.strategies.choice.namegrammar import POSSESSIVE as _POSSESSIVE
from summariser.extract.strategies.choice.namegrammar import Tok as _Tok
from summariser.extract.strategies.choice.namegrammar import legal as _legal
from summariser.extract.strategies.choice.namegrammar import runs as _runs
from summariser.extract.strategies.choice.namegrammar import starts_sentence as _starts_sentence
from summariser.extract.strategies.choice.names import non_name_words, title_words, words
from summariser.extract.strategies.choice.places import is_country, is_demonym, is_place, region_follows
from summariser.packs import active, load

_COMPASS = frozenset({"South", "North", "East", "West"})
_PATRONYMIC = frozenset({"bin", "ibn"})
_NAME_PARTICLES = frozenset({"Al", "El", "al", "bin", "ibn", "Abu", "de", "van", "von", "da", "di"})
_PLACE_PREPOSITIONS = re.compile(r"\b(?:in|near|at|from|to)\s+$")
# "Trend reports", "according to Report": the news source, never a party.
# "Voltwerk said it has signed": a speaker that a following "it"/"they" refers back to is a party, not a source.
_SOURCE_AFTER = re.compile(
    r"^,?\s+(?:reports?|reported|said|says|writes|informs|citing)\b"
    r"(?!\s+(?:on\s+\w+\s+|today\s+|in a (?:statement|filing)\s+)?(?:that\s+)?(?:it|they)\b)"  # "said on Thursday it had"
)
_SOURCE_BEFORE = re.compile(r"\b(?:according to|citing|told|reports?|said)\s+$", re.IGNORECASE)
# "March 12 (Reuters) - ": a wire service named alone in parentheses before the dateline's dash.
_WIRE = re.compile(r"^(?:\.\w{2,4})?\)\s*[-–—]")
_ALIAS = re.compile(r"\s*\(([^()]{2,40})\)")


@lru_cache(maxsize=16)
def _titles(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(title after a name, title before a name) from the pack's titles (and the default pack's)."""
    titles = "|".join(sorted(title_words(language), key=len, reverse=True))
    return (
        # "Sardor Xolmatov, Chairman of ...": a name in apposition to a title is a person.
        re.compile(r"^,\s+(?:the\s+)?(?:[A-Z][\w\-]*\s+){0,2}?(?:" + titles + r")\b"),
        # "chief executive Park Ji-hoon", "Director (Projects) Rajeev Khandelwal", "chief executive, João Araújo",
        # "el director de Pemex, Emilio Lozoya": a name right after a title (and its body), in either case, is a person.
        re.compile(r"\b(?:" + titles + r")\.?(?:\s*\([^()]*\))?(?:\s+(?:de|des|of|da|do|du|del)\s+(?:\S+\s+)?\S+)?"
                   r"(?:\s+[a-zé]+(?:ien|ain|ais|ois|an|ano|ino|ês|ish|ese))?,?\s+$", re.IGNORECASE),
    )


_DESCRIPTOR = re.compile(r"^[^\W\d_][\w]*-(?:[a-z]+ed|based|run|owned|backed|born)$")
_LOWER_NEXT = re.compile(r"\s+[a-z]")
# "(FEED)" after lower-case words abbreviates a term, not an organisation.
_TERM_ACRONYM = re.compile(r"[a-z]\s+\($")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&\-]*[A-Z0-9]$")
_SENTENCE_GERUND = re.compile(r"^[A-Z][a-z]+(?:ing|ed|ly)$")


@dataclass
class Candidate:
    name: str
    start: int  # offsets into the text searched
    end: int
    kind: str = "org"  # org | place | person | demonym | source
    alias: str | None = None  # "(STP)" after the name
    possessive: bool = False
    rules: list[str] = field(default_factory=list, compare=False)  # the named rules that read it (_split_run)

    @property
    def canonical(self) -> str:
        return self.alias or self.name


def _is_title(run: list[_Tok], k: int) -> bool:
    # "Board" is a title only in "Management Board" and the like ("Chairman of the Management Board X").
    word = run[k].text
    if word == "General":  # "Director General" is a title, "General Authority" a body
        return any(0 <= i < len(run) and run[i].text in title_words() - {"General"} for i in (k - 1, k + 1))
    if word == "Senior":  # "Senior Vice President"; "Senior" alone names nothing
        return k + 1 < len(run) and run[k + 1].text in title_words()
    if word == "Board":
        return k == 0 or run[k - 1].text in {"Management", "Supervisory", "Executive", "Directors"}
    return word in title_words()


def _span(text: str, toks: list[_Tok]) -> tuple[str, int, int]:
    return text[toks[0].start : toks[-1].end], toks[0].start, toks[-1].end


@lru_cache(maxsize=1)
def _listing() -> re.Pattern[str]:
    # Stock exchanges are the same words in every language: the default pack holds them for all.
    exchanges = "|".join(sorted(load("en").words("names", "exchanges")))
    return re.compile(rf"\s*\((?:[^()]{{0,30}}\b)?(?:{exchanges})\s*[:,)]")


def _listed(text: str, end: int) -> bool:
    return bool(_listing().match(text, end))


# The rules that cut a run, in the order applied; each is named, and a candidate records the ones that shaped
# it (Candidate.rules), so a record's trace says how its parties were read.
_Trim = Callable[[str, list[_Tok]], list[_Tok]]


def _trim_sentence_word(text: str, run: list[_Tok]) -> list[_Tok]:
    """"The", "However": capitalised only because they start a sentence; "with First Quantum Minerals", "for
    First Solar": inside a sentence an ordinal before a name is part of it."""
    non_names = non_name_words()
    keep = active().words("names", "name_ordinals") if run and not _starts_sentence(text, run[0].start) else frozenset()
    while run and run[0].text in non_names and not (run[0].text in keep and len(run) > 1):
        run = run[1:]
    return run


def _trim_currency(text: str, run: list[_Tok]) -> list[_Tok]:
    """"US$", "HK$": a currency, not a name."""
    return run[:-1] if run and text[run[-1].end : run[-1].end + 1] == "$" else run


def _trim_connector(text: str, run: list[_Tok]) -> list[_Tok]:
    while run and run[-1].text in {"of", "for", "and", "&"}:
        run = run[:-1]
    return run


def _after_descriptor(text: str, run: list[_Tok]) -> list[_Tok]:
    """"Dubai-based AD Ports Group", "State-run Deccan Power": a compound ending in a lower-case word describes
    the organisation and is not part of its name (everything up to the last one describes)."""
    described = [k for k, t in enumerate(run) if _DESCRIPTOR.match(t.text)]
    return run[described[-1] + 1 :] if described else run


def _after_demonym(text: str, run: list[_Tok]) -> list[_Tok]:
    """"Kazakh QazaqGaz": a demonym before a name written as an acronym or in CamelCase."""
    if len(run) > 1 and run[0].text in words("demonyms") and any(c.isupper() for c in run[1].text[1:]):
        return run[1:]
    return run


def _acronym_after_descriptors(text: str, run: list[_Tok]) -> list[_Tok]:
    """"State Oil Company SOCAR": descriptive words before an acronym."""
    if len(run) > 1 and run[-1].text.isupper() and len(run[-1].text) >= 2 and all(
        t.text in words("descriptors") for t in run[:-1]
    ):
        return run[-1:]
    return run


_TRIMS: dict[str, _Trim] = {
    "name.sentence-word": _trim_sentence_word,
    "name.currency": _trim_currency,
    "name.trailing-connector": _trim_connector,
}
_NARROWINGS: dict[str, _Trim] = {
    "name.after-descriptor": _after_descriptor,
    "name.after-demonym": _after_demonym,
    "name.acronym-after-descriptors": _acronym_after_descriptors,
}


@dataclass
class _Shape:
    """A run narrowed to a name: what the kind rules read."""

    text: str
    run: list[_Tok]
    name: str
    start: int
    end: int


_DROP = ""  # a kind rule's answer for a run that names nothing


def _kind_listed(x: _Shape) -> str | None:
    # "Rio Tinto (NYSE, ASX: RIO)": a company with a stock listing, whatever else bears its name.
    return "org" if _listed(x.text, x.end) else None


def _kind_compass_demonym(x: _Shape) -> str | None:
    # "South Korean battery maker".
    return "demonym" if len(x.run) == 2 and x.run[0].text in _COMPASS and x.run[1].text in words("demonyms") else None


def _kind_demonym(x: _Shape) -> str | None:
    word = x.run[0].text
    if len(x.run) == 1 and (word in words("demonyms") or (is_demonym(word) and _LOWER_NEXT.match(x.text, x.end))):
        return "demonym"
    return None


def _kind_country(x: _Shape) -> str | None:
    return "place" if x.name in words("countries") or is_country(x.name) else None


def _kind_locality(x: _Shape) -> str | None:
    # A city or region: never a party.
    return "locality" if is_place(x.name) or region_follows(x.text, x.end) else None


def _kind_place_after_preposition(x: _Shape) -> str | None:
    return "place" if len(x.run) <= 2 and _PLACE_PREPOSITIONS.search(x.text[max(0, x.start - 8) : x.start]) else None


def _kind_not_a_name(x: _Shape) -> str | None:
    word = x.run[0].text
    if len(x.run) == 1 and (
        word in non_name_words() | title_words() | words("legal_forms") | words("not_organisations")
        or (_SENTENCE_GERUND.match(word) and _starts_sentence(x.text, x.start))
    ):
        return _DROP
    return None


def _kind_person_by_title(x: _Shape) -> str | None:
    # "Sardor Xolmatov, Chairman of ...", "chief executive Park Ji-hoon": a title beside the name.
    run, s, e = x.run, x.start, x.end
    if 1 <= len(run) <= 5 and not any(_legal(t.text) for t in run) and not x.name.isupper() \
            and not all(t.text.isalpha() and is_common_word(t.text) for t in run) and (
        (len(run) >= 2 and _titles(active().language)[0].match(x.text[e : e + 60]))
        or _titles(active().language)[1].search(x.text[max(0, s - 60) : s])
    ):
        return "person"
    return None


def _kind_source(x: _Shape) -> bool:
    """"Trend reports", "according to Report", "(Reuters) -": the news source, never a party."""
    text, s, e = x.text, x.start, x.end
    return bool(
        _SOURCE_AFTER.match(text[e : e + 40]) or _SOURCE_BEFORE.search(text[max(0, s - 14) : s])
        or (text[s - 1 : s] == "(" and _WIRE.match(text[e : e + 9]))
    )


# Tried in order; the first that answers gives the kind (none: an organisation).
_KINDS: dict[str, Callable[[_Shape], str | None]] = {
    "kind.listed": _kind_listed,
    "kind.compass-demonym": _kind_compass_demonym,
    "kind.demonym": _kind_demonym,
    "kind.country": _kind_country,
    "kind.locality": _kind_locality,
    "kind.place-after-preposition": _kind_place_after_preposition,
    "kind.not-a-name": _kind_not_a_name,
    "kind.person-by-title": _kind_person_by_title,
}


def _applied(table: dict[str, _Trim], text: str, run: list[_Tok], rules: list[str]) -> list[_Tok]:
    for name, rule in table.items():
        cut = rule(text, run)
        if len(cut) != len(run):
            rules.append(name)
        run = cut
    return run


def _split_run(text: str, run: list[_Tok]) -> list[Candidate]:
    """Cut one run into the organisations, places and people it glues together: trims, then a title splits a
    person off, else narrowings and the first kind rule that answers."""
    rules: list[str] = []
    run = _applied(_TRIMS, text, run, rules)
    if not run:
        return []
    possessive = bool(_POSSESSIVE.search(run[-1].text))
    titles = [k for k, t in enumerate(run) if _is_title(run, k)]
    if titles:
        return _split_titled(text, run, titles)
    run = _applied(_NARROWINGS, text, run, rules)
    if not run:
        return []
    name, s, e = _span(text, run)
    if possessive:
        name = _POSSESSIVE.sub("", name)
        e -= 2
    shape = _Shape(text, run, name, s, e)
    kind = "org"
    for rule_name, rule in _KINDS.items():
        answer = rule(shape)
        if answer is not None:
            if answer == _DROP:
                return []
            kind = answer
            rules.append(rule_name)
            break
    if kind != "demonym" and _kind_source(shape):
        kind = "source"
        rules.append("kind.source")
    return [_with_alias(Candidate(name, s, e, kind=kind, possessive=possessive, rules=rules), text)]


def _split_titled(text: str, run: list[_Tok], titles: list[int]) -> list[Candidate]:
    """A run with a title in it: what stands before the title, and the person (or body) after it."""
    out = []
    if titles[0] > 0:
        out.extend(_split_run(text, run[: titles[0]]))
    person = run[titles[-1] + 1 :]
    if person and person[0].text in _CONNECTORS and 0 < len(person) - 1 <= 2:
        # "Deputy General Manager of TPAO", "Chairman of the Management Board of Uzbekneftegaz".
        return out + _split_run(text, person[1:])
    # "bin", "ibn" join a patronymic inside a person's name ("Saif bin Hamad"); they start no remit.
    connectors = [k for k, t in enumerate(person) if t.text in _CONNECTORS - _PATRONYMIC]
    if connectors:
        person = person[connectors[-1] + 1 :]
        # "Managing Director for Production of KEGOC", "Minister of Defence of the Hellenic Republic": a body.
        if len(person) == 1 or any(t.text in words("organs") | words("org_heads") or _legal(t.text) for t in person):
            return out + _split_run(text, person)
        if all(is_common_word(t.text) for t in person):
            # "Minister of Energy Transition and Sustainable Development": the remit goes on; no person.
            return out
    # "Minister of Energy and Mineral Resources Dwi Hartono Wibisono": the remit's everyday words end
    # where the person's name starts.
    trimmed = False  # without a connector there is no remit ("Officer Mohamed Jameel Al Ramahi")
    while connectors and len(person) > 2 and is_common_word(person[0].text):
        person, trimmed = person[1:], True
    # Four words after a title are still one name in Vietnamese or Spanish ("Nguyễn Thị Thanh Hương").
    if len(person) > (2 if connectors and not trimmed else 4):  # "Minister of Energy Daniyar Seitkaliyev"
        particle = [k for k in range(len(person) - 3, len(person) - 1) if person[k].text in _NAME_PARTICLES]
        person = person[max(0, particle[0] - 1) :] if particle else person[-2:]
    if person:
        name, s, e = _span(text, person)
        out.append(Candidate(name, s, e, kind="person", rules=["kind.person-after-title"]))
    return out


def _with_alias(cand: Candidate, text: str) -> Candidate:
    alias = _ALIAS.match(text, cand.end)
    if alias and not cand.possessive:
        # "(Thermal Power Plants JSC, TPP)", "(中国能建, CEEC)": the first part written in capitals of the Latin script.
        # "(Tổng công ty Khí Phương Nam, SGC)": an acronym is preferred to a name in another language.
        parts = [p.strip() for p in re.split(r"[,;]", alias.group(1)) if p.strip()]
        latin = [p for p in parts if _ACRONYM.match(p)] or [p for p in parts if "A" <= p[0] <= "Z"]
        if latin:
            cand.alias = latin[0]
    return cand


def _join_possessor_organs(text: str, cands: list[Candidate]) -> list[Candidate]:
    """"Kazakhstan's Ministry of Energy" is one body: a state's possessive joins the organ that follows it."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev and prev.possessive and prev.kind == "place" and c.kind == "org" and c.name.split()[0] in words("organs") \
                and text[prev.end : c.start] in ("'s ", "’s "):
            out[-1] = Candidate(text[prev.start : c.end], prev.start, c.end, alias=c.alias)
        else:
            out.append(c)
    return out


_QUOTE_OPEN = ('"', "«", "“", "„")


def _quoted_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """'Госкорпорация "Росатом"', 'la société « Brenvik »': an everyday word before a quoted name describes it;
    the quoted name is the organisation."""
    out: list[Candidate] = []
    for k, c in enumerate(cands):
        nxt = cands[k + 1] if k + 1 < len(cands) else None
        gap = text[c.end : nxt.start] if nxt else ""
        if nxt and gap.strip() in _QUOTE_OPEN and " " not in c.name and c.name.isalpha() \
                and (is_common_word(c.name) or _starts_sentence(text, c.start)):
            continue
        out.append(c)
    return out


def _governments(text: str, cands: list[Candidate]) -> list[Candidate]:
    """"the Slovak government", "o governo angolano": a state's government written in lower case is a party
    (the pack's `names.government` patterns; a name inside the phrase, such as the demonym, gives way to it)."""
    pattern = active().grammar_re("government")
    if pattern is None:
        return cands
    found = [Candidate(m.group("name"), m.start("name"), m.end("name")) for m in pattern.finditer(text)]
    if not found:
        return cands
    kept = [c for c in cands if not any(g.start <= c.start < g.end or c.start <= g.start < c.end for g in found)]
    return sorted(kept + found, key=lambda c: c.start)


def find_candidates(text: str) -> list[Candidate]:
    """Names in `text` in order of appearance (people included, marked kind="person")."""
    out: list[Candidate] = []
    for run in _runs(text):
        for cand in _split_run(text, run):
            cand.rules[:0] = run.rules  # how the run was joined, then how it was cut
            out.append(cand)
    out = _join_possessor_organs(text, out)
    out = _governments(text, out)
    out = _quoted_names(text, out)
    # What a name's parentheses hold (its acronym, its name in another language) is not another organisation.
    inside = [(m.start(), m.end()) for c in out if c.kind != "person" and (m := _ALIAS.match(text, c.end))]
    out = [c for c in out if not (_TERM_ACRONYM.search(text[max(0, c.start - 3) : c.start]) and c.name.isupper())]
    return [c for c in out if not any(s <= c.start < e for s, e in inside)]


