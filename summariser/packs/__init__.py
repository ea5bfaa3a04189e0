"""Language packs: the vocabulary of one language, read by every rule of the choice strategy.

One TOML file per language (en.toml, fr.toml, ...): agreement nouns by type, status cues (terminated,
planned, under discussion, signed), the grammar words the party and cue rules are built from, names
(titles, honorifics, sentence starters, months, weekdays, legal forms) and page furniture markers.
Adding a language is adding a file. A rule asks `active()` for the pack of the document being read;
the pipeline sets it per document with `using(pack)`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from summariser.schema import AgreementType, Status

_HERE = Path(__file__).resolve().parent
DEFAULT = "en"
_I = re.IGNORECASE
# The order status cues are looked for in: a termination is read before the signing it ends, a plan to sign
# before "sign" itself.
STATUS_ORDER = (Status.terminated, Status.planned, Status.under_discussion, Status.signed)


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _words(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_alternation(patterns)})(?!\w)", _I)


@dataclass(frozen=True)
class Pack:
    language: str
    data: dict

    def _get(self, *keys: str, default=None):
        node = self.data
        for k in keys:
            if not isinstance(node, dict) or k not in node:
                return default
            node = node[k]
        return node

    def grammar(self, key: str, default: str | None = None) -> str | None:
        return self._get("grammar", key, default=default)

    def grammar_re(self, key: str, *, bounded: bool = True) -> re.Pattern[str] | None:
        """A grammar pattern of the pack, compiled case-insensitively (None when the pack has none)."""
        return _compiled(self.language, key, bounded)

    @cached_property
    def type_cues(self) -> list[tuple[AgreementType, re.Pattern[str]]]:
        return [(AgreementType(t["type"]), _words(t["patterns"])) for t in self._get("types", default=[])]

    @cached_property
    def status_cues(self) -> list[tuple[Status, re.Pattern[str]]]:
        table = self._get("statuses", default={})
        return [(s, _words(table[str(s)])) for s in STATUS_ORDER if table.get(str(s))]

    @cached_property
    def signing(self) -> re.Pattern[str]:
        return _words(self._get("statuses", "signed", default=["signed"]))

    def words(self, *keys: str) -> frozenset[str]:
        return frozenset(self._get(*keys, default=[]))

    def names(self, key: str) -> frozenset[str]:
        """The words of `[names].key` in this pack and in the default one: news copy in any language writes
        names the English way too (datelines, titles of multinationals, legal forms), so the default pack's
        names are read for every language; a pack adds its own."""
        return _names(self.language, key)

    @cached_property
    def and_words(self) -> frozenset[str]:
        return frozenset(self._get("grammar", "and_words", default=["and", "&"]))

    @cached_property
    def months(self) -> dict[str, int]:
        """Month names and abbreviations (casefolded) -> month number."""
        out = {m.casefold(): k for k, m in enumerate(self._get("names", "months", default=[]), 1)}
        for k, names in enumerate(self._get("names", "month_forms", default=[]), 1):
            out.update({n.casefold(): k for n in names})
        return out

    @cached_property
    def legal_forms(self) -> frozenset[str]:
        """Legal forms written after (or before) company names: the pack's own and cleanco's for its countries."""
        from cleanco.termdata import terms_by_country

        forms = set(self._get("names", "legal_forms", default=[]))
        for country in self._get("names", "legal_form_countries", default=[]):
            for term in terms_by_country.get(country, []):
                # cleanco writes forms in lower case; names write them as "GmbH", "SARL", "S.A." — keep the
                # one-word ones, capitalised as news copy does, for the tokeniser's word-by-word test.
                if " " not in term and len(term) >= 2:
                    forms.add(term.rstrip(".").upper() if len(term.rstrip(".")) <= 4 else term.rstrip(".").capitalize())
        return frozenset(forms)


@lru_cache(maxsize=256)
def _compiled(language: str, key: str, bounded: bool) -> re.Pattern[str] | None:
    raw = load(language).grammar(key)
    if raw is None:
        return None
    if isinstance(raw, list):
        raw = _alternation(raw)
    return re.compile(rf"\b(?:{raw})" if bounded else raw, _I)


@lru_cache(maxsize=256)
def _names(language: str, key: str) -> frozenset[str]:
    own = load(language).words("names", key)
    return own if language == DEFAULT else own | load(DEFAULT).words("names", key)


def languages() -> list[str]:
    return sorted(p.stem for p in _HERE.glob("*.toml"))


@lru_cache(maxsize=16)
def load(language: str) -> Pack:
    """The pack of `language`; a language without a pack reads the default one."""
    path = _HERE / f"{language}.toml"
    if not path.is_file():
        path = _HERE / f"{DEFAULT}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Pack(language=data.get("language", language), data=data)


_ACTIVE: ContextVar[str] = ContextVar("choice_pack", default=DEFAULT)


def for_text(text: str) -> Pack:
    """The pack of the language `text` is written in."""
    from summariser.packs.language import detect

    return load(detect(text))


def active() -> Pack:
    """The pack of the document being read (English outside `using`)."""
    return load(_ACTIVE.get())


@contextmanager
def using(pack: Pack) -> Iterator[Pack]:
    token = _ACTIVE.set(pack.language)
    try:
        yield pack
    finally:
        _ACTIVE.reset(token)
