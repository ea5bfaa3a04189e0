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
from dataclasses import dataclass, field

from summariser.choice.names import (
    COUNTRIES,
    FOREIGN_CONNECTORS,
    ORGAN_WORDS,
    NOT_ORGANISATIONS,
    DEMONYMS,
    DESCRIPTOR_WORDS,
    LEGAL_FORMS,
    ORG_HEADS,
    NON_NAME_WORDS,
    TITLE_WORDS,
)
from summariser.choice.lexicon import is_common_word
from summariser.choice.places import is_country, is_place, region_follows

# Dotted legal forms ("A.Ş.", "S.p.A.") are one word; ‘ ʻ ʼ are letters in Uzbek ("O‘zbekneftgaz").
# An en dash between letters joins a compound name ("Cửu Long–Daesan LNG Power Co.").
_WORD = re.compile(r"(?:[^\W\d_]{1,3}\.){2,}|[^\W_](?:[\w&'’‘ʻʼ\-]|–(?=\w))*")
# Lower-case words that join capitalised ones inside a name, in the languages news copy quotes names in
# ("Ministry of Energy", "Companhia Energética do Vale do São Francisco", "Banco de la Nación").
_CONNECTORS = frozenset(
    "of for de do da dos das du des del della di la le al bin van von der den and &".split()
)
_POSSESSIVE = re.compile(r"['’]s$")
_LOWER_STARTERS = frozenset({"and", "but", "or", "the", "a", "an", "in", "on", "at", "to", "of", "for"})
_NAME_PARTICLES = frozenset({"Al", "El", "al", "bin", "ibn", "Abu", "de", "van", "von", "da", "di"})
_PLACE_PREPOSITIONS = re.compile(r"\b(?:in|near|at|from|to)\s+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)$")
# "Trend reports", "according to Report": the news source, never a party.
_SOURCE_AFTER = re.compile(r"^,?\s+(?:reports?|reported|said|says|writes|informs|citing)\b")
_SOURCE_BEFORE = re.compile(r"\b(?:according to|citing|told|reports?|said)\s+$", re.IGNORECASE)
_ALIAS = re.compile(r"\s*\(([^()]{2,40})\)")
# "Sardor Xolmatov, Chairman of ...": a name in apposition to a title is a person.
_TITLE_AFTER = re.compile(r"^,\s+(?:the\s+)?(?:[A-Z][\w\-]*\s+){0,2}?(?:" + "|".join(sorted(TITLE_WORDS)) + r")\b")
# "chief executive Park Ji-hoon", "Director (Projects) Rajeev Khandelwal", "chief executive, João Araújo":
# a name right after a title, in either case, is a person.
_TITLE_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(TITLE_WORDS)) + r")(?:\s*\([^()]*\))?,?\s+$", re.IGNORECASE)
_DESCRIPTOR = re.compile(r"^[^\W\d_][\w]*-[a-z]+$")
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

    @property
    def canonical(self) -> str:
        return self.alias or self.name


@dataclass
class _Tok:
    text: str
    start: int
    end: int
    forced: bool = False

    @property
    def namey(self) -> bool:
        t = self.text
        return self.forced or t[0].isupper() or any(c.isupper() for c in t[1:]) or (t[0].isdigit() and "-" in t)


def _legal(word: str) -> bool:
    return word.rstrip(".") in LEGAL_FORMS


def _starts_sentence(text: str, pos: int) -> bool:
    before = text[:pos]
    if not _SENTENCE_START.search(before):
        return False
    last = before.rstrip().rstrip(".!?").split()
    # "Co., Ltd. have": the full stop of an abbreviation does not end the sentence.
    return not last or (not _legal(last[-1].strip(",")) and len(last[-1]) > 1)


def _tokens(text: str) -> list[_Tok]:
    toks = []
    for m in _WORD.finditer(text):
        if m.group(0).islower() and m.group(0) not in _LOWER_STARTERS and _starts_sentence(text, m.start()):
            # A sentence that starts in lower case starts with a name written that way ("bp and SOCAR").
            toks.append(_Tok(m.group(0), m.start(), m.end(), forced=True))
            continue
        end = m.end()
        # "Co." / "Ltd." keep their full stop; a sentence's final full stop is not part of a name.
        if _legal(m.group(0)) and text[end : end + 1] == "." and not m.group(0).endswith("."):
            end += 1
        toks.append(_Tok(text[m.start() : end], m.start(), end))
    return toks


def _gap(text: str, a: _Tok, b: _Tok) -> str:
    return text[a.end : b.start]


def _runs(text: str) -> list[list[_Tok]]:
    """Maximal sequences of name words joined by single spaces, connectors or "Co., Ltd."-style commas."""
    toks = _tokens(text)
    runs: list[list[_Tok]] = []
    i = 0
    while i < len(toks):
        if not toks[i].namey:
            i += 1
            continue
        run = [toks[i]]
        j = i + 1
        while j < len(toks):
            gap = _gap(text, run[-1], toks[j])
            tok = toks[j]
            if _POSSESSIVE.search(run[-1].text):
                break
            if gap == " " and tok.namey:
                run.append(tok)
            elif gap == " " and tok.text in FOREIGN_CONNECTORS and j + 1 < len(toks) and toks[j + 1].namey:
                run.extend([tok, toks[j + 1]])
                j += 1
            elif gap == " " and tok.text == "of" and j + 2 < len(toks) and toks[j + 1].text == "the" \
                    and toks[j + 2].namey and (run[-1].text in ORGAN_WORDS or _organ_ahead(toks, j + 2)):
                run.extend(toks[j : j + 3])
                j += 2
            elif gap == " " and tok.text.islower() and (k := _lower_then_legal(text, toks, j)):
                # "Issiqlik elektr stansiyalari AJ": a name in a language that does not capitalise each word.
                run.extend(toks[j : k + 1])
                j = k
            elif gap in (" – ", " — ") and _legal(run[-1].text) and tok.namey:
                run.append(tok)  # "Abu Dhabi Future Energy Company PJSC – Masdar": the brand after the legal name
            elif gap.strip() == "," and _legal(tok.text):
                run.append(tok)
            elif gap == " " and tok.text in _CONNECTORS and j + 1 < len(toks) and toks[j + 1].namey \
                    and _gap(text, tok, toks[j + 1]) == " ":
                if tok.text == "and" and not _and_inside_name(text, run, toks, j):
                    break
                run.extend([tok, toks[j + 1]])
                j += 1
            elif gap == " & " and tok.namey:
                run.append(tok)  # "Hanseong Shipbuilding & Offshore Co., Ltd.": "&" never separates two parties in prose
            elif gap == ", " and _portfolio(run) and (k := _portfolio_list_end(text, toks, j)):
                run.extend(toks[j : k + 1])  # "Ministry of Trade, Industry and Fisheries"
                j = k
            else:
                break
            j += 1
        runs.append(run)
        i = j
    return runs


def _portfolio(run: list[_Tok]) -> str | None:
    """"organ" or "title" when the run's last "of"/"for" follows a body or a title: what comes next is its
    remit ("Ministry of Energy ...", "Vice President for Exploration ...")."""
    ofs = [k for k, t in enumerate(run) if t.text in ("of", "for")]
    if not ofs or ofs[-1] == 0:
        return None
    head = run[ofs[-1] - 1].text
    return "organ" if head in ORGAN_WORDS else "title" if head in TITLE_WORDS else None


def _organ_ahead(toks: list[_Tok], k: int) -> bool:
    """"of the Socialist Republic of Viet Nam": a state's formal name follows within three words."""
    return any(t.text in ORGAN_WORDS for t in toks[k : k + 3])


def _common(tok: _Tok) -> bool:
    # "Dubai-based" is a description, not a word of a name.
    return tok.namey and tok.text.isalpha() and is_common_word(tok.text)


def _common_stretch(text: str, toks: list[_Tok], k: int) -> bool:
    """The capitalised words from toks[k] on are all everyday words ("Mineral Resources", not "Abu Dhabi Future")."""
    while k < len(toks) and toks[k].namey:
        if not _common(toks[k]):
            return False
        if k + 1 < len(toks) and _gap(text, toks[k], toks[k + 1]) != " ":
            break
        k += 1
    return True


def _and_inside_name(text: str, run: list[_Tok], toks: list[_Tok], j: int) -> bool:
    """Whether "and" at toks[j] joins two parts of one name rather than two parties.

    Names built from everyday words keep their "and": a body's remit ("Ministry of Energy and Mineral
    Resources") and a descriptive name that goes on after it ("Georgian Oil and Gas Corporation").
    Proper names on either side ("SOCAR and Rosneft", "Shell and Total signed") are two parties.
    """
    nxt = toks[j + 1]
    # After a title's remit comes the person ("... for Exploration and Production Zsombor Marton"): the
    # title split cuts there. After a body's remit may come another party, so all its words must be everyday.
    if _portfolio(run) == "title" and _common(nxt):
        remit = run[max(k for k, t in enumerate(run) if t.text in ("of", "for")) + 1 :]
        return all(_common(t) for t in remit)  # not once the person's name has started
    if not _common_stretch(text, toks, j + 1):
        return False
    if _portfolio(run):
        return True
    # A descriptive name goes on to its head noun ("Georgian Oil and Gas Corporation"); two everyday-word
    # names coordinated ("Alpha Grid and Beta Power") do not.
    k = j + 1
    while k + 1 < len(toks) and toks[k + 1].namey and _gap(text, toks[k], toks[k + 1]) == " ":
        k += 1
    return len(run) >= 2 and _common(run[-1]) and k > j + 1 and (_legal(toks[k].text) or toks[k].text in ORG_HEADS)


def _portfolio_list_end(text: str, toks: list[_Tok], j: int) -> int:
    """Index of the last word of ", Industry and Fisheries" (an enumerated remit) starting at toks[j]; 0 if none."""
    k = j
    while k + 1 < len(toks) and _common(toks[k]) and _gap(text, toks[k], toks[k + 1]) == ", ":
        k += 1
    if k + 2 < len(toks) and _common(toks[k]) and toks[k + 1].text == "and" and _common(toks[k + 2]) \
            and _gap(text, toks[k], toks[k + 1]) == " " == _gap(text, toks[k + 1], toks[k + 2]):
        return k + 2
    return 0


def _lower_then_legal(text: str, toks: list[_Tok], j: int) -> int:
    """Index of a legal form reached from toks[j] over at most three lower-case words (0 when none)."""
    for k in range(j, min(j + 4, len(toks))):
        if k > j and _gap(text, toks[k - 1], toks[k]) != " ":
            return 0
        if _legal(toks[k].text) and toks[k].namey:
            # "geothermal developer PT Panas Bumi": a legal form that starts the next name ends nothing.
            if k + 1 < len(toks) and toks[k + 1].namey and _gap(text, toks[k], toks[k + 1]) == " ":
                return 0
            return k if k > j else 0
        if not toks[k].text.islower():
            return 0
    return 0


def _is_title(run: list[_Tok], k: int) -> bool:
    # "Board" is a title only in "Management Board" and the like ("Chairman of the Management Board X").
    word = run[k].text
    if word == "Board":
        return k == 0 or run[k - 1].text in {"Management", "Supervisory", "Executive", "Directors"}
    return word in TITLE_WORDS


def _span(text: str, toks: list[_Tok]) -> tuple[str, int, int]:
    return text[toks[0].start : toks[-1].end], toks[0].start, toks[-1].end


def _split_run(text: str, run: list[_Tok]) -> list[Candidate]:
    """Cut one run into the organisations, places and people it glues together."""
    while run and run[0].text in NON_NAME_WORDS:
        run = run[1:]
    while run and run[-1].text in {"of", "for", "and", "&"}:
        run = run[:-1]
    if not run:
        return []
    possessive = bool(_POSSESSIVE.search(run[-1].text))
    titles = [k for k, t in enumerate(run) if _is_title(run, k)]
    if titles:
        out = []
        if titles[0] > 0:
            out.extend(_split_run(text, run[: titles[0]]))
        person = run[titles[-1] + 1 :]
        if person and person[0].text in _CONNECTORS and 0 < len(person) - 1 <= 2:
            # "Deputy General Manager of TPAO", "Chairman of the Management Board of Uzbekneftegaz".
            return out + _split_run(text, person[1:])
        connectors = [k for k, t in enumerate(person) if t.text in _CONNECTORS]
        if connectors:
            person = person[connectors[-1] + 1 :]
            if len(person) == 1:  # "Managing Director for Production of KEGOC": a body, not a person
                return out + _split_run(text, person)
        # "Minister of Energy and Mineral Resources Dwi Hartono Wibisono": the remit's everyday words end
        # where the person's name starts.
        trimmed = False
        while len(person) > 2 and is_common_word(person[0].text):
            person, trimmed = person[1:], True
        # Four words after a title are still one name in Vietnamese or Spanish ("Nguyễn Thị Thanh Hương").
        if len(person) > (2 if connectors and not trimmed else 4):  # "Minister of Energy Daniyar Seitkaliyev"
            particle = [k for k in range(len(person) - 3, len(person) - 1) if person[k].text in _NAME_PARTICLES]
            person = person[max(0, particle[0] - 1) :] if particle else person[-2:]
        if person:
            name, s, e = _span(text, person)
            out.append(Candidate(name, s, e, kind="person"))
        return out
    # "Dubai-based AD Ports Group", "State-run Deccan Power": a compound ending in a lower-case word
    # describes the organisation and is not part of its name.
    while run and _DESCRIPTOR.match(run[0].text):
        run = run[1:]
    if not run:
        return []
    # "Kazakh QazaqGaz": a demonym before a name written as an acronym or in CamelCase.
    if len(run) > 1 and run[0].text in DEMONYMS and any(c.isupper() for c in run[1].text[1:]):
        run = run[1:]
    # "State Oil Company SOCAR": descriptive words before an acronym.
    if len(run) > 1 and run[-1].text.isupper() and len(run[-1].text) >= 2 and all(
        t.text in DESCRIPTOR_WORDS for t in run[:-1]
    ):
        run = run[-1:]
    name, s, e = _span(text, run)
    if possessive:
        name = _POSSESSIVE.sub("", name)
        e -= 2
    kind = "org"
    if len(run) == 1 and run[0].text in DEMONYMS:
        kind = "demonym"
    elif name in COUNTRIES or is_country(name):
        kind = "place"
    elif is_place(name) or region_follows(text, e):
        kind = "locality"  # a city or region: never a party
    elif len(run) <= 2 and _PLACE_PREPOSITIONS.search(text[max(0, s - 8) : s]):
        kind = "place"
    elif len(run) == 1 and (
        run[0].text in NON_NAME_WORDS | TITLE_WORDS | LEGAL_FORMS | NOT_ORGANISATIONS
        or (_SENTENCE_GERUND.match(run[0].text) and _starts_sentence(text, s))
    ):
        return []
    elif 1 <= len(run) <= 5 and not any(_legal(t.text) for t in run) and not name.isupper() and (
        (len(run) >= 2 and _TITLE_AFTER.match(text[e : e + 60])) or _TITLE_BEFORE.search(text[max(0, s - 60) : s])
    ):
        kind = "person"
    if kind != "demonym" and (_SOURCE_AFTER.match(text[e : e + 14]) or _SOURCE_BEFORE.search(text[max(0, s - 14) : s])):
        kind = "source"
    cand = Candidate(name, s, e, kind=kind, possessive=possessive)
    alias = _ALIAS.match(text, e)
    if alias and not possessive:
        # "(Thermal Power Plants JSC, TPP)", "(中国能建, CEEC)": the first part written in capitals of the Latin script.
        # "(Tổng công ty Khí Phương Nam, SGC)": an acronym is preferred to a name in another language.
        parts = [p.strip() for p in re.split(r"[,;]", alias.group(1)) if p.strip()]
        latin = [p for p in parts if _ACRONYM.match(p)] or [p for p in parts if "A" <= p[0] <= "Z"]
        if latin:
            cand.alias = latin[0]
    return [cand]


def _join_possessor_organs(text: str, cands: list[Candidate]) -> list[Candidate]:
    """"Kazakhstan's Ministry of Energy" is one body: a state's possessive joins the organ that follows it."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev and prev.possessive and prev.kind == "place" and c.kind == "org" and c.name.split()[0] in ORGAN_WORDS \
                and text[prev.end : c.start] in ("'s ", "’s "):
            out[-1] = Candidate(text[prev.start : c.end], prev.start, c.end, alias=c.alias)
        else:
            out.append(c)
    return out


def find_candidates(text: str) -> list[Candidate]:
    """Names in `text` in order of appearance (people included, marked kind="person")."""
    out: list[Candidate] = []
    for run in _runs(text):
        out.extend(_split_run(text, run))
    out = _join_possessor_organs(text, out)
    # What a name's parentheses hold (its acronym, its name in another language) is not another organisation.
    inside = [(m.start(), m.end()) for c in out if c.kind != "person" and (m := _ALIAS.match(text, c.end))]
    return [c for c in out if not any(s <= c.start < e for s, e in inside)]


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
