"""The name words the candidate finder reads, from the pack of the document being read (packs/<lang>.toml,
`[names]`): titles and honorifics, words that start sentences, legal forms, organisation heads and
descriptors, countries and demonyms. General vocabulary of news, not names from any particular article.
"""

from __future__ import annotations

from functools import lru_cache

from summariser.packs import active, load


def words(key: str, language: str | None = None) -> frozenset[str]:
    """`[names].key` of the pack of `language` (default: the active one), with the default pack's (Pack.names)."""
    return (load(language) if language else active()).names(key)


@lru_cache(maxsize=16)
def _title_words(language: str) -> frozenset[str]:
    return words("titles", language) | words("honorifics", language)


@lru_cache(maxsize=16)
def _non_name_words(language: str) -> frozenset[str]:
    keys = ("non_names", "weekdays", "months", "month_abbreviations")
    return frozenset().union(*(words(k, language) for k in keys))


def title_words(language: str | None = None) -> frozenset[str]:
    """Titles and honorifics ("Dr.", "Eng.", military ranks): both stand before a person's name."""
    return _title_words(language or active().language)


def non_name_words(language: str | None = None) -> frozenset[str]:
    """Words capitalised only because they start a sentence or clause, and the capitalised words of dates."""
    return _non_name_words(language or active().language)
