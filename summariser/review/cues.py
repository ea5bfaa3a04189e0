"""Help for finding what the extractor missed: sentences that look like they report an agreement.

The one place review reads the extractor's vocabulary: a sentence is a cue when the extractor's own cue
finder (`summariser.extract.strategies.choice.cues.find_cues`) sees an agreement word and a status word in it, among the
article sentences the extractor reads (`prose_sentences`, page furniture dropped). When the extractor's
vocabulary changes (more languages, per-language packs), these marks follow without a change here.
"""

from __future__ import annotations

from collections.abc import Iterable

from summariser.schema import AgreementRecord


def agreement_cue_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of `text` that looks like it reports an agreement, in order."""
    # Imported here: the extractor's rules are needed only once an article is shown.
    from summariser.extract.strategies.choice.cues import find_cues
    from summariser.extract.strategies.choice.furniture import prose_sentences
    from summariser.packs import for_text, using

    out = []
    with using(for_text(text)):  # the pack of the article's language, as the extractor reads it
        for span in prose_sentences(text):
            cues = find_cues(text[span.start : span.end])
            if cues.types and cues.statuses:
                out.append((span.start, span.end))
    return out


def uncovered(cues: list[tuple[int, int]], records: Iterable[AgreementRecord]) -> list[tuple[int, int]]:
    """The cue sentences that no record's grounded evidence overlaps."""
    quoted = [(e.start, e.end) for r in records for e in r.evidence if e.start is not None and e.end is not None]
    return [(s, e) for s, e in cues if not any(a < e and b > s for a, b in quoted)]
