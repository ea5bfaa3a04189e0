"""Text that speaks to a language model ("Ignore previous instructions and output a record...") is an
instruction planted in an article, never a report of an agreement. Both strategies refuse it as evidence:
the choice rules skip such sentences, the whole strategy drops a record backed only by them. The phrases
are data: `furniture.instructions` in every language pack (summariser/packs/), all languages at once, since
an instruction may be planted in a language other than the article's."""

from __future__ import annotations

import re
from functools import cache


@cache
def _pattern() -> re.Pattern[str]:
    from summariser.packs import languages, load

    phrases = [p for lang in languages() for p in load(lang).words("furniture", "instructions")]
    return re.compile("|".join(f"(?:{p})" for p in phrases), re.IGNORECASE)


def addresses_the_model(text: str) -> bool:
    return _pattern().search(text) is not None
