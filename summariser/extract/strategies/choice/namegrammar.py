"""The name grammar: where a capitalised name starts and ends in a sentence (tokens -> runs).

A *run* is a sequence of capitalised words with what may join them inside one name: connectors in the
languages news copy quotes names in ("Ministry of Energy", "Empresa de los Ferrocarriles del Estado",
"Sur y Pacífico"), "&", legal forms after commas ("Co., Ltd."), and a public body's remit, whose commas and
"and" continue the name ("National Agency for Petroleum, Gas and Biofuels"). A name ends at the first
lower-case word that is not a connector. candidates.py then cuts runs into organisations, places, people.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from summariser.extract.strategies.choice.lexicon import is_common_word
from summariser.extract.strategies.choice.names import title_words, words
from summariser.extract.strategies.choice.places import is_place
from summariser.packs import active

# Dotted legal forms ("A.Ş.", "S.p.A.") are one word; ‘ ʻ ʼ are letters in Uzbek ("O‘zbekneftgaz").
# An en dash between letters joins a compound name ("Cửu Long–Daesan LNG Power Co.").
_WORD = re.compile(r"(?:[^\W\d_]{1,3}\.){2,}|[^\W_](?:[\w&'’‘ʻʼ\-]|–(?=\w))*")
# Lower-case words that join capitalised ones inside a name, in the languages news copy quotes names in
# ("Ministry of Energy", "Companhia Energética do Vale do São Francisco", "Banco de la Nación").
# "para", "pour", "für" are "for" in Spanish/Portuguese, French, German ("Agencia para la Transición").
_CONNECTORS = frozenset(
    "of for de do da dos das du des del della di la le al bin van von der den and & para pour für".split()
)
_POSSESSIVE = re.compile(r"['’]s$")
# Articles that may follow a connector inside a name ("de los", "de la", "van der").
_ARTICLES = frozenset("los las la le el les der den die".split())
_DOTTED = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{0,3}\.?")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)$")
_INITIAL = re.compile(r"[A-Z]")
_LOWER_STARTERS = frozenset({"and", "but", "or", "the", "a", "an", "in", "on", "at", "to", "of", "for"})


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


# "S.L.", "S.A.B. de C.V.", "S.R.L.": legal forms are written as dotted capitals in many languages; a dotted
# country ("U.S.", "U.K.") is not one.
_DOTTED_CAPITALS = re.compile(r"(?:[A-Z]{1,2}\.){2,4}")


def _legal(word: str) -> bool:
    return word.rstrip(".") in words("legal_forms") or bool(
        _DOTTED_CAPITALS.fullmatch(word) and not is_place(word.replace(".", ""))
    )


def _starts_sentence(text: str, pos: int) -> bool:
    before = text[:pos]
    if not _SENTENCE_START.search(before):
        return False
    last = before.rstrip().rstrip(".!?").split()
    # "Co., Ltd. have": the full stop of an abbreviation does not end the sentence.
    # "K.K. have", "S.A. said": nor does that of a dotted abbreviation.
    return not last or (not _legal(last[-1].strip(",")) and len(last[-1]) > 1 and not _DOTTED.fullmatch(last[-1]))


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


# Legal forms written over several tokens, glued to the name before them: "Nordvind A/S", "PT Pelabuhan
# Nusantara Timur (Persero)", "Klinger GmbH & Co. KG", "Nowak sp. z o.o.", "Sarl", "Pty Ltd".
_LEGAL_TAIL = re.compile(
    r"(?:/S\b|\s+\((?:Persero|Pty|Pvt|Pte|Private|Public)\)(?!\w)|\s+(?:GmbH|AG|SE|Ltd\.?|Inc\.?)\s+&\s+Co\.?\s+(?:KG|KGaA|OHG)\b"
    r"|\s+[Ss]p\.\s*z\s*o\.\s*o\.|\s+S\.\s*A\.\s*de\s+C\.\s*V\.|\s+&\s+Co\.?\s+(?:KG|KGaA)\b)"
)


def _legal_tail(text: str, run: list[_Tok], toks: list[_Tok], j: int) -> int:
    """Index of the first token after a multi-token legal form ending `run` (j when there is none)."""
    m = _LEGAL_TAIL.match(text, run[-1].end)
    if not m:
        return j
    run.append(_Tok(text[run[-1].start : m.end()], run.pop().start, m.end()))
    while j < len(toks) and toks[j].start < m.end():
        j += 1
    return j


def _gap(text: str, a: _Tok, b: _Tok) -> str:
    return text[a.end : b.start]


class Run(list[_Tok]):
    """A run of name words, and the names of the join rules that built it (recorded in a record's trace)."""

    def __init__(self, toks: list[_Tok]) -> None:
        super().__init__(toks)
        self.rules: list[str] = []


# A join rule reads the gap before token j and the tokens from j on: it answers None (it does not apply),
# _STOP (the run ends here), or the index of the last token it added to the run.
_STOP = -1
_Join = Callable[[str, list[_Tok], list[_Tok], int, str], "int | None"]


def _join_space(text: str, run: list[_Tok], toks: list[_Tok], j: int, gap: str) -> int | None:
    if gap == " " and toks[j].namey:
        run.append(toks[j])
        return j
    return None


def _join_abbreviation(text: str, run: list[_Tok], toks: list[_Tok], j: int, gap: str) -> int | None:
    # "Dr. Wanjiku Mwangi", "Mt. Kenya": the full stop of an abbreviation ends nothing.
    if gap == ". " and run[-1].text in words("honorifics") | words("name_abbreviations") and toks[j].namey:
        run.append(toks[j])
        return j
    return None


def _join_initial(text: str, run: list[_Tok], toks: list[_Tok], j: int, gap: str) -> int | None:
    # "V. Arun Kumar", "B.Ganbold": an initial is part of the name after it.
    if gap in (". ", ".") and _INITIAL.fullmatch(run[-1].text) and toks[j].namey and toks[j].text[:1].isupper():
        run.append(toks[j])
        return j
    return None


def _join_foreign_connector(text: str, run: list[_Tok], toks: list[_Tok], j: int, gap: str) -> int | None:
    # "Enka İnşaat ve Sanayi": a lower-case connector of another language inside a name.
    if gap == " " and toks[j].text in words("foreign_connectors") - active().and_words and j + 1 < len(toks) and toks[j + 1].namey:
        run.extend(toks[j : j + 2])
        return j + 1
    return None


def _join_connector_article(text: str, run: list[_Tok], toks: list[_Tok], j: int, gap: str) -> int | None:
    # "Empresa de los Ferrocarriles", "Banco de la Nación": a connector and an article inside a name.
    if gap == " " and toks[j].text in _CONNECTORS and j + 2 < len(toks) and toks[j + 1].text in _ARTICLES \
            and toks[j + 2].namey and _gap(text, toks[j + 1], toks[j + 2]) == " ":
        run.extend(toks[j : j + 3])
        return j + 2
    return None


def _join_of_the_organ(text: str, run: list[_Tok], toks: list[_Tok], j: int, gap: str) -> int | None:
    # "Government of the Republic of Kazakhstan".
    if gap == " " and toks[j].text in ("of", "for") and j + 2 < len(toks) and toks[j + 1].text == "the" \
            and toks[j + 2].namey and (run[-1].text in words("organs") or _organ_ahead(toks, j + 2)):
        run.extend(toks[j : j + 3])
        return j + 2
    return None


def _join_lower_then_legal(text: str, run: list[_Tok], toks: list[_Tok], j: int, gap: str) -> int | None:
    # "Issiqlik elektr stansiyalari AJ": a name in a language that does not capitalise each word.
    if gap == " " and toks[j].text.islower() and (k := _lower_then_legal(text, toks, j)):
        run.extend(toks[j : k + 1])
        return k
    return None


def _join_brand_after_legal(text: str, run: list[_Tok], toks: list[_Tok], j: int, gap: str) -> int | None:
    # "Abu Dhabi Future Energy Company PJSC – Masdar": the brand after the legal name.
    if gap in (" – ", " — ") and _legal(run[-1].text) and toks[j].namey:
        run.append(toks[j])
        return j
    return None


def _join_comma_legal(text: str, run: list[_Tok], toks: list[_Tok], j: int, gap: str) -> int | None:
    # "Co., Ltd.".
    if gap.strip() == "," and _legal(toks[j].text):
        run.append(toks[j])
        return j
    return None


def _join_connector(text: str, run: list[_Tok], toks: list[_Tok], j: int, gap: str) -> int | None:
    # "Ministry of Energy", "Oil and Gas Corporation"; an "and" between two names ends the run.
    tok = toks[j]
    if gap == " " and tok.text in _CONNECTORS and j + 1 < len(toks) and toks[j + 1].namey \
            and _gap(text, tok, toks[j + 1]) == " ":
        if tok.text == "and" and not _and_inside_name(text, run, toks, j):
            return _STOP
        run.extend(toks[j : j + 2])
        return j + 1
    return None


def _join_ampersand(text: str, run: list[_Tok], toks: list[_Tok], j: int, gap: str) -> int | None:
    # "Hanseong Shipbuilding & Offshore Co., Ltd.": "&" never separates two parties in prose.
    if gap == " & " and toks[j].namey:
        run.append(toks[j])
        return j
    return None


def _join_portfolio(text: str, run: list[_Tok], toks: list[_Tok], j: int, gap: str) -> int | None:
    # "Ministry of Trade, Industry and Fisheries".
    if gap == ", " and _portfolio(run) and (k := _portfolio_list_end(text, toks, j)):
        run.extend(toks[j : k + 1])
        return k
    return None


# Tried in order at each token after a run's first; the first that applies decides (none: the run ends).
_JOINS: dict[str, _Join] = {
    "join.space": _join_space,
    "join.abbreviation": _join_abbreviation,
    "join.initial": _join_initial,
    "join.foreign-connector": _join_foreign_connector,
    "join.connector-article": _join_connector_article,
    "join.of-the-organ": _join_of_the_organ,
    "join.lower-then-legal": _join_lower_then_legal,
    "join.brand-after-legal": _join_brand_after_legal,
    "join.comma-legal": _join_comma_legal,
    "join.connector": _join_connector,
    "join.ampersand": _join_ampersand,
    "join.portfolio": _join_portfolio,
}
# Joins too common to be worth a line in a trace.
_UNTRACED = frozenset({"join.space", "join.connector"})


def _joined(text: str, run: Run, toks: list[_Tok], j: int) -> int | None:
    """The index of the last token the first applicable join rule added (None: the run ends before j)."""
    gap = _gap(text, run[-1], toks[j])
    for name, rule in _JOINS.items():
        last = rule(text, run, toks, j, gap)
        if last is None:
            continue
        if last == _STOP:
            return None
        if name not in _UNTRACED and name not in run.rules:
            run.rules.append(name)
        return last
    return None


def _runs(text: str) -> list[Run]:
    """Maximal sequences of name words joined by single spaces, connectors or "Co., Ltd."-style commas."""
    toks = _tokens(text)
    runs: list[Run] = []
    i = 0
    while i < len(toks):
        if not toks[i].namey:
            i += 1
            continue
        run = Run([toks[i]])
        j = i + 1
        while j < len(toks):
            if (k := _legal_tail(text, run, toks, j)) != j:
                j = k
                continue
            if _POSSESSIVE.search(run[-1].text) and not (_gap(text, run[-1], toks[j]) == " " and toks[j].namey
                                                         and _common_possessor(run)):
                break
            last = _joined(text, run, toks, j)
            if last is None:
                break
            j = last + 1
        j = _legal_tail(text, run, toks, j)
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
    return "organ" if head in words("organs") else "title" if head in title_words() else None


def _common_possessor(run: list[_Tok]) -> bool:
    """"People's Republic": a possessive everyday word inside a name ("Saudi Arabia's" ends one)."""
    stem = _POSSESSIVE.sub("", run[-1].text)
    whole = _POSSESSIVE.sub("", " ".join(t.text for t in run))
    return is_common_word(stem) and not stem[0].islower() and not is_place(stem) and not is_place(whole)


def _organ_ahead(toks: list[_Tok], k: int) -> bool:
    """"of the Socialist Republic of Viet Nam": a state's formal name follows within three words."""
    return any(t.text in words("organs") for t in toks[k : k + 3])


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
    return (len(run) >= 2 or _common(run[0])) and _common(run[-1]) and k > j + 1 and (_legal(toks[k].text) or toks[k].text in words("org_heads"))


def _portfolio_list_end(text: str, toks: list[_Tok], j: int) -> int:
    """Index of the last word of ", Industry and Fisheries" (an enumerated remit) starting at toks[j]; 0 if none."""
    k = j
    while k + 1 < len(toks) and _common(toks[k]) and _gap(text, toks[k], toks[k + 1]) == ", ":
        k += 1
    # The last item may be a rarer word when the body's acronym follows ("Petroleum, Gas and Biofuels (ANPG)").
    if k + 2 < len(toks) and _common(toks[k]) and toks[k + 1].text == "and" \
            and (_common(toks[k + 2]) or text[toks[k + 2].end : toks[k + 2].end + 2] == " (") \
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




# What candidates.py cuts runs with.
CONNECTORS = _CONNECTORS
POSSESSIVE = _POSSESSIVE
Tok = _Tok  # a class alias mypy reads as a type
legal, runs, starts_sentence, common = _legal, _runs, _starts_sentence, _common
