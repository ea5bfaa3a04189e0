"""The rule pipeline's findings offered to a capable model as hints, never as limits.

The choice strategy's rules find candidate sentences, organisation names and signing dates (English
vocabulary today). A capable model reads the whole article anyway; the hints point it at what the
rules saw, and the prompt says it may report agreements the rules did not see.
"""

from __future__ import annotations

import datetime as dt

_MAX_SENTENCES = 12
_MAX_NAMES = 24
_SENTENCE_CHARS = 240


def rule_hints(text: str, reported: dt.date | None) -> str:
    """A short block for the user message; empty when the rules found nothing."""
    from summariser.extract.strategies.choice.dates import signing_date
    from summariser.extract.strategies.choice.furniture import prose_sentences
    from summariser.extract.strategies.choice.mentions import analyse, find_mentions

    sentences = analyse(text, prose_sentences(text))
    mentions = find_mentions(sentences)
    if not mentions:
        return ""
    lines = []
    names: list[str] = []
    for m in mentions[:_MAX_SENTENCES]:
        found = signing_date(m.sentence.text, reported=reported)
        date = f" [date: {found.text}]" if found else ""
        lines.append(f"- {m.sentence.text[:_SENTENCE_CHARS]}{date}")
        names += [c.name for c in m.parties if c.name not in names]
    block = [
        ("Hints from a rule-based first pass (incomplete and sometimes wrong; they are not limits: report every "
        "agreement the article states, including ones not listed, and ignore hints the article does not support)."),
        "Sentences that may report agreements:",
        *lines,
    ]
    if names:
        block.append("Organisation names seen in them: " + "; ".join(names[:_MAX_NAMES]))
    return "\n".join(block) + "\n"
