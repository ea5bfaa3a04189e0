"""Which language an article is written in, among those with a pack (packs/*.toml).

py3langid (BSD-3-Clause, a 4.5 MB package whose model ships inside it, nothing downloaded) classifies
the text restricted to the pack languages; it takes about a millisecond per article once loaded (1.5 s,
once per process). A text too short to tell reads as the default language.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from summariser.packs import DEFAULT, languages

_LOCK = threading.Lock()
_SAMPLE = 4000  # characters: enough to tell, and the cost stays flat on multi-megabyte pages
_MIN_LETTERS = 20


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE)
    ident.set_languages(languages())
    return ident


def detect(text: str) -> str:
    """The pack language `text` is written in (the default one when it is too short to tell)."""
    sample = text[:_SAMPLE]  # the page's start is the article's (headline lists come after it)
    if sum(c.isalpha() for c in sample) < _MIN_LETTERS:
        return DEFAULT
    with _LOCK:  # the identifier keeps scratch state between calls
        language, _score = _identifier().classify(sample)
    return language
