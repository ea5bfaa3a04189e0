"""Deciding whether two organisation names mean the same organisation, for evaluation.

Articles write one organisation many ways: "CITIC Construction Co., Ltd." / "CITIC Construction",
"Azerbaijani State Oil Company (SOCAR)" / "SOCAR", "Sumgayit Technologies Park" / "Sumgait
Technological Park". We compare a small set of *keys* per name (normalised form, parenthesised alias,
initials) and fall back to a fuzzy ratio for spelling variants.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz

# Legal-form words dropped from the end of a name: they vary between articles, not between organisations.
LEGAL_SUFFIXES = frozenset(
    "co ltd llc jsc cjsc ojsc pjsc inc corp plc gmbh ag sa spa nv bv llp lp limited incorporated "
    "corporation oao zao ooo as asa ab oy kk".split()
)
# Post-Soviet legal forms are written before the name as often as after it ("JSC QazaqGaz").
LEGAL_PREFIXES = frozenset("jsc cjsc ojsc pjsc llc ooo oao zao ao".split())
_STOPWORDS = frozenset({"of", "the", "and", "for", "de"})
_PAREN = re.compile(r"\(([^()]*)\)")
_NON_WORD = re.compile(r"[^\w]+")

# token_sort_ratio, not token_set_ratio: token_set scores a subset as 100, so "SOCAR" would equal
# "SOCAR Turkiye" and "Azerbaijan" would equal "Azerbaijan Railways" (parent vs subsidiary or agency).
# 86 accepts "sumgayit technologies park" ~ "sumgait technological park" (88) and rejects
# "socar downstream" ~ "socar midstream" (84); names shorter than 8 characters (acronyms such as BP / BT)
# must match exactly, since one letter there is a different company.
FUZZY_THRESHOLD = 86
FUZZY_MIN_LENGTH = 8


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold().replace("&", " and ")


def _tokens(text: str) -> list[str]:
    tokens = [t for t in _NON_WORD.sub(" ", text).split() if t]
    while tokens and tokens[-1] in LEGAL_SUFFIXES:
        tokens.pop()
    while len(tokens) > 1 and (tokens[0] == "the" or tokens[0] in LEGAL_PREFIXES):
        tokens.pop(0)
    return tokens


def normalise(name: str) -> str:
    """Case, accents, punctuation, a parenthesised alias and trailing legal forms removed."""
    return " ".join(_tokens(_PAREN.sub(" ", _fold(name))))


@lru_cache(maxsize=4096)
def name_keys(name: str) -> tuple[frozenset[str], str | None]:
    """The forms under which `name` may appear (normalised, parenthesised aliases) and its initials."""
    folded = _fold(name)
    keys: set[str] = set()
    initials = None
    main = _tokens(_PAREN.sub(" ", folded))
    if main:
        keys.add(" ".join(main))
        significant = [t for t in main if t not in _STOPWORDS]
        if len(significant) >= 2:
            initials = "".join(t[0] for t in significant)
    for alias in _PAREN.findall(folded):
        alias_tokens = _tokens(alias)
        if alias_tokens:
            keys.add(" ".join(alias_tokens))
    return frozenset(keys), initials


def _contains(a: str, b: str) -> bool:
    """One name is the other with words around it ("Government of the Republic of Angola" / "Republic of
    Angola", "Inner Mongolia-based Baotou Logistics Group" / "Baotou Logistics Group"). The shorter must keep
    two significant words, so "SOCAR" never contains "SOCAR Türkiye" and a country never its railway."""
    short, long_ = sorted((normalise(a).split(), normalise(b).split()), key=len)
    if len([t for t in short if t not in _STOPWORDS]) < 2 or len(short) == len(long_):
        return False
    return any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1))


def same_organisation(a: str, b: str, *, lenient: bool = False) -> bool:
    """Whether two names mean one organisation. `lenient` also accepts a name inside a longer one (see
    `_contains`): right for deciding which agreement a record is, too loose for judging the names."""
    (keys_a, initials_a), (keys_b, initials_b) = name_keys(a), name_keys(b)
    if keys_a & keys_b:
        return True
    if lenient and _contains(a, b):
        return True
    # Initials only stand for a name written as an acronym ("SOCAR"), never for another long name:
    # two long names with the same initials are usually different organisations.
    if (initials_a and initials_a in keys_b) or (initials_b and initials_b in keys_a):
        return True
    na, nb = normalise(a), normalise(b)
    if min(len(na), len(nb)) < FUZZY_MIN_LENGTH:
        return False
    return fuzz.token_sort_ratio(na, nb) >= FUZZY_THRESHOLD


class OrgAliases:
    """Groups of names known to be one organisation (e.g. the gold file's spelling variants)."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def _find(self, name: str) -> str:
        self._parent.setdefault(name, name)
        while self._parent[name] != name:
            self._parent[name] = self._parent[self._parent[name]]
            name = self._parent[name]
        return name

    def link(self, a: str, b: str) -> None:
        self._parent[self._find(a)] = self._find(b)

    def group(self, name: str) -> list[str]:
        if name not in self._parent:
            return [name]
        root = self._find(name)
        return [n for n in self._parent if self._find(n) == root]

    def link_parallel(self, names_a: Iterable[str], names_b: Iterable[str]) -> None:
        """Two party lists describing one agreement: names that already match pair up, and when exactly
        one name is left on each side, those two are the same organisation spelled differently."""
        left_a, left_b = list(names_a), list(names_b)
        for a in list(left_a):
            for b in left_b:
                if self.same(a, b):
                    self.link(a, b)
                    left_a.remove(a)
                    left_b.remove(b)
                    break
        if len(left_a) == 1 and len(left_b) == 1:
            self.link(left_a[0], left_b[0])

    def same(self, a: str, b: str, *, lenient: bool = False) -> bool:
        return any(same_organisation(x, y, lenient=lenient) for x in self.group(a) for y in self.group(b))


def shared_count(
    predicted: Iterable[str | Sequence[str]],
    gold: Iterable[str],
    aliases: OrgAliases | None = None,
    *,
    lenient: bool = False,
) -> int:
    """How many gold organisations the predicted parties cover, each predicted party used once.
    A predicted party may be given as several names (e.g. as written and canonical)."""
    aliases = aliases or OrgAliases()
    unused = [[p] if isinstance(p, str) else list(p) for p in predicted]
    shared = 0
    for g in gold:
        for names in unused:
            if any(aliases.same(n, g, lenient=lenient) for n in names):
                unused.remove(names)
                shared += 1
                break
    return shared
