"""Why the choice strategy proposed what it did: the records of one article with the rules that made them.

`summarise explain FILE` prints this. The program's own choices are shown (no model is asked), so the trace
is the rules' alone and the command runs in well under a second on a typical article.
"""

from __future__ import annotations

from dataclasses import dataclass

from summariser.extract.strategies.choice.furniture import prose_sentences
from summariser.extract.strategies.choice.pipeline import extract_records
from summariser.packs import load, using
from summariser.packs.language import detect
from summariser.schema import AgreementRecord, Document


@dataclass
class Explanation:
    language: str
    sentences: int  # prose sentences read (furniture, captions and planted instructions left out)
    records: list[AgreementRecord]


def explain(doc: Document, settings: object = None) -> Explanation:
    language = detect(doc.text)
    with using(load(language)):
        sentences = len(prose_sentences(doc.text))
    records, _usage, _warnings = extract_records(doc, None, settings)
    return Explanation(language=language, sentences=sentences, records=records)


def render(ex: Explanation) -> list[str]:
    lines = [f"language: {ex.language}", f"prose sentences read: {ex.sentences}", f"records: {len(ex.records)}"]
    for k, r in enumerate(ex.records, 1):
        parties = " | ".join(p.name for p in r.parties)
        lines.append(f"\nrecord {k}: {r.status} {r.agreement_type} — {parties}")
        if r.date_signed:
            lines.append(f"  signed on: {r.date_signed} ({r.date_text!r})")
        lines.append("  rules: " + " > ".join(r.rules))
        for ev in r.evidence:
            quote = ev.quote if len(ev.quote) <= 160 else ev.quote[:157] + "..."
            lines.append(f"  evidence [{ev.start}:{ev.end}] ({', '.join(ev.fields)}): {quote}")
    return lines
