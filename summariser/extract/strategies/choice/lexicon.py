"""Whether a capitalised word is an ordinary English word ("Energy", "Trade") or a proper name ("Rosneft").

News names mix both: a ministry's portfolio ("Ministry of Trade, Industry and Fisheries") and a
descriptive company name ("Georgian Oil and Gas Corporation") are built from everyday words, while
coordinated parties ("SOCAR and Rosneft") and people ("Minister ... Dwi Hartono Wibisono") are not.
The word frequencies come from wordfreq (shipped data, nothing downloaded): a Zipf frequency of 3.5 is
about once per 300,000 words, where everyday nouns sit ("fisheries" 3.7) and transliterated names and
brands do not ("rosneft" 2.3, "hartono" 1.2).
"""

from __future__ import annotations

from functools import lru_cache

from summariser.packs import active

_COMMON_ZIPF = 3.5


def is_common_word(word: str) -> bool:
    """`word` (any case) is an everyday word of the document's language (its pack's; wordfreq knows all six)."""
    return _common(word, active().language)


@lru_cache(maxsize=16384)
def _common(word: str, language: str) -> bool:
    if len(word) > 1 and word.isupper():  # acronyms written in capitals never are
        return False
    from wordfreq import zipf_frequency

    return zipf_frequency(word.casefold(), language) >= _COMMON_ZIPF
