"""Deciding whether two organisation names mean the same organisation: the one matcher that evaluation
(pairing predicted with gold records) and the register (linking records across articles) share.

Articles write one organisation many ways: "CITIC Construction Co., Ltd." / "CITIC Construction",
"Azerbaijani State Oil Company (SOCAR)" / "SOCAR", "Sumgayit Technologies Park" / "Sumgait
Technological Park". We compare a small set of *keys* per name (normalised form, parenthesised alias,
initials) after transliteration (anyascii) and without legal forms (cleanco's list of many countries),
and fall back to shortened words and a fuzzy ratio (rapidfuzz) for spelling variants. `block_keys` gives
the coarse keys the register blocks on, so linking never compares every record with every other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

# Legal forms of many countries come from cleanco (MIT; its term list is data: "GmbH", "S.p.A.", "Sp. z o.o.",
# "ООО"...), dropped from the end of a name: they vary between articles, not between organisations. A few of
# its terms are places or plain words that end real names ("Shell UK" is a subsidiary, "Coca-Cola Company"),
# and post-Soviet forms it lacks ("JSC", "PJSC") are written before the name as often as after it.
_NOT_LEGAL_FORMS = frozenset({("uk",), ("eu",), ("ok",), ("at",), ("ca",), ("company",), ("private",), ("unlimited",),
                              ("&", "company"), ("and", "company"), ("&", "co"), ("suc", "de", "descendants")})
LEGAL_PREFIXES = frozenset(["jsc", "cjsc", "ojsc", "pjsc", "llc", "ooo", "oao", "zao", "ao", "pao"])
_EXTRA_SUFFIXES = frozenset({("jsc",), ("cjsc",), ("ojsc",), ("pjsc",), ("corp",), ("co",), ("ltd",)})
_STOPWORDS = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "del", "da", "do", "der", "und"})
_PAREN = re.compile(r"\(([^()]*)\)")
_NON_WORD = re.compile(r"[^\w]+")


def _legal_terms() -> tuple[tuple[str, ...], ...]:
    """Legal-form terms as token tuples, longest first (so "pte ltd" goes before "ltd")."""
    from cleanco import prepare_default_terms  # type: ignore[import-untyped]

    terms = {tuple(_NON_WORD.sub(" ", anyascii(" ".join(words)).casefold()).split()) for _, words in prepare_default_terms()}
    terms = {t for t in terms if t and t not in _NOT_LEGAL_FORMS} | _EXTRA_SUFFIXES
    return tuple(sorted(terms, key=len, reverse=True))


LEGAL_TERMS = _legal_terms()
_MAX_TERM = max(len(t) for t in LEGAL_TERMS)
_TERM_SET = frozenset(LEGAL_TERMS)

# token_sort_ratio, not token_set_ratio: token_set scores a subset as 100, so "SOCAR" would equal
# "SOCAR Turkiye" and "Azerbaijan" would equal "Azerbaijan Railways" (parent vs subsidiary or agency).
# 86 accepts "sumgayit technologies park" ~ "sumgait technological park" (88) and rejects
# "socar downstream" ~ "socar midstream" (84); names shorter than 8 characters (acronyms such as BP / BT)
# must match exactly, since one letter there is a different company.
FUZZY_THRESHOLD = 86
FUZZY_MIN_LENGTH = 8
# Shortened words ("WuXi Bio" / "WuXi Biologics"): the first word must be whole and this long, every
# shortened word keep at least this many letters.
ABBREVIATED_MIN = 3
# "technologies" / "technological" is 80; "asian" / "african" 67.
WORD_THRESHOLD = 75


# Spellings that differ between transliterations of one name ("Lukoyl" / "Lukoil", "Sumgayit" / "Sumgait",
# "Qazaq" / "Kazak"): compared once these are folded and doubled letters collapsed.
_TRANSLIT_VARIANTS = (("kh", "h"), ("ph", "f"), ("ck", "k"), ("ou", "u"), ("y", "i"), ("w", "v"), ("q", "k"))
_DOUBLED = re.compile(r"([a-z])\1+")  # letters only: "1" and "11" are different companies
# "S.p.A.", "Sp. z o.o.", "Co.,Ltd.": dots inside abbreviations go, so the legal-form list sees "spa", "sp z oo".
_DOT = re.compile(r"\.")


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    # anyascii (ISC) transliterates every script ("Газпром" -> "Gazprom", "Sumqayıt" -> "Sumqayit").
    return _DOT.sub("", anyascii(text).casefold().replace("&", " and "))


def _first_group(match: re.Match[str]) -> str:
    return match.group(1)


@lru_cache(maxsize=65536)
def _skeleton(key: str) -> str:
    for a, b in _TRANSLIT_VARIANTS:
        key = key.replace(a, b)
    return _DOUBLED.sub(_first_group, key)  # a function, not r"\1": re parses a template on every call


def _strip_suffix(tokens: list[str]) -> bool:
    for n in range(min(_MAX_TERM, len(tokens) - 1), 0, -1):
        if tuple(tokens[-n:]) in _TERM_SET:
            del tokens[-n:]
            return True
    return False


def _tokens(text: str) -> list[str]:
    tokens = [t for t in _NON_WORD.sub(" ", text).split() if t]
    while len(tokens) > 1 and _strip_suffix(tokens):
        pass
    while len(tokens) > 1 and (tokens[0] == "the" or tokens[0] in LEGAL_PREFIXES):
        tokens.pop(0)
    return tokens


def strip_legal_form(name: str) -> str:
    """The name as written, without its trailing legal forms ("CITIC Construction Co., Ltd." -> "CITIC Construction")."""
    words = name.split()
    while len(words) > 1:
        for n in range(min(_MAX_TERM, len(words) - 1), 0, -1):
            if tuple(_NON_WORD.sub(" ", _fold(" ".join(words[-n:]))).split()) in _TERM_SET:
                del words[-n:]
                break
        else:
            break
    return " ".join(words).rstrip(" ,.")


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Case, accents, punctuation, a parenthesised alias and trailing legal forms removed."""
    return " ".join(_tokens(_PAREN.sub(" ", _fold(name))))


def _initials(tokens: list[str]) -> str | None:
    significant = [t for t in tokens if t not in _STOPWORDS and t.isalpha()]
    return "".join(t[0] for t in significant) if len(significant) >= 2 else None


@lru_cache(maxsize=65536)
def name_keys(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """The forms under which `name` may appear (normalised, parenthesised aliases) and its initials, with
    and without its legal form ("China National Petroleum Corporation" is both CNP and CNPC)."""
    folded = _fold(name)
    keys: set[str] = set()
    initials: set[str] = set()
    bare = _PAREN.sub(" ", folded)
    main = _tokens(bare)
    if main:
        keys.add(" ".join(main))
        # With its legal form only when the name itself has two words: "Siemens AG" is not "SA".
        if (letters := _initials(main)) is not None:
            initials.add(letters)
            initials.add(_initials(_NON_WORD.sub(" ", bare).split()) or letters)
    for alias in _PAREN.findall(folded):
        alias_tokens = _tokens(alias)
        if alias_tokens:
            keys.add(" ".join(alias_tokens))
    keys |= {"~" + _skeleton(k) for k in keys}  # marked so initials never meet a skeleton
    return frozenset(keys), frozenset(initials)


@lru_cache(maxsize=65536)
def block_keys(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """Coarse keys under which spellings of one organisation meet: per form of the name, the first three
    letters of each significant word, sorted ("Sumgayit Technologies Park" and "Sumgait Technological
    Park" are both "par sum tec"; a one-word name is its whole transliteration skeleton), then, apart,
    the initials. A name written as an acronym meets the full name through the full name's initials.
    Variants that change a word's first three letters, or the number of words, are not found this way."""
    keys, initials = name_keys(name)
    words_keys = set()
    for key in (k for k in keys if not k.startswith("~")):
        words = [t for t in key.split() if t not in _STOPWORDS] or key.split()
        words_keys.add(_skeleton(words[0]) if len(words) == 1 else " ".join(sorted(w[:3] for w in words)))
    return frozenset(words_keys), frozenset(_skeleton(i) for i in initials)


def _abbreviated(a: str, b: str) -> bool:
    """One name shortens the other's words: "WuXi Bio" / "WuXi Biologics", "Intl Finance Corp"."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or len(ta) < 2 or ta[0] != tb[0] or len(ta[0]) < 4 or ta == tb:
        return False
    return all(x == y or (min(len(x), len(y)) >= ABBREVIATED_MIN and (x.startswith(y) or y.startswith(x)))
               for x, y in zip(ta[1:], tb[1:], strict=False))


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
    if (initials_a & keys_b) or (initials_b & keys_a):
        return True
    na, nb = normalise(a), normalise(b)
    if _numbers(na) != _numbers(nb):  # "Unit 1" / "Unit 2", "Partner 10" / "Partner 100": never a spelling variant
        return False
    if _abbreviated(na, nb):
        return True
    if min(len(na), len(nb)) < FUZZY_MIN_LENGTH:
        return False
    return fuzz.token_sort_ratio(na, nb) >= FUZZY_THRESHOLD and _words_alike(na, nb)


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=65536)
def _numbers(name: str) -> tuple[str, ...]:
    return tuple(t for t in name.split() if _DIGIT.search(t)) if _DIGIT.search(name) else ()


def _words_alike(a: str, b: str) -> bool:
    """Word by word, no word replaced by another: "Asian" / "African Development Bank" scores 86 as a whole."""
    ta, tb = a.split(), b.split()
    return len(ta) != len(tb) or all(fuzz.ratio(x, y) >= WORD_THRESHOLD for x, y in zip(ta, tb, strict=True))


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
