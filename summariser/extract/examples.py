"""The reviewed register teaches the model: reviewed records become few-shot examples for `whole`.

Records a reviewer accepted, edited (the reviewer's version) or added, and records from a gold file
(`--examples FILE`), each with the passages that back it. For each article the examples most similar to
it (shared words) are offered, within a token budget; never an example from the article itself. Their ids
go into the extraction's provenance, so a result can be reproduced.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from summariser.schema import AgreementRecord, Document
from summariser.tokens import estimate_tokens

_WORD = re.compile(r"[^\W\d_]{4,}")
_HEADER = (
    "Examples of records reviewers approved, from other articles (their quotes are from those articles, "
    "not from this one; follow their form, not their content):"
)


def word_set(text: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in _WORD.findall(text))


@dataclass(frozen=True)
class Example:
    id: str  # "record:<id>" from the store, "gold:<file>#<id>" from a gold file
    document_id: str | None  # the article it came from (never offered for that article)
    record: dict[str, Any]  # as the model writes it (RecordDraft shape), quotes included
    words: frozenset[str] = field(default_factory=frozenset, compare=False)

    @property
    def text(self) -> str:
        return json.dumps(self.record, ensure_ascii=False, separators=(",", ":"))


@dataclass
class Chosen:
    block: str = ""
    ids: list[str] = field(default_factory=list)
    tokens: int = 0


def as_draft(record: AgreementRecord) -> dict[str, Any]:
    """A stored record in the shape the model answers in (what the prompt asks it to write)."""
    quotes: dict[str, list[str]] = {}
    for e in record.evidence:
        if e.grounded:
            quotes.setdefault(e.quote, []).extend(f for f in e.fields if f not in quotes.get(e.quote, []))
    draft = {
        "quotes": [{"quote": q, "fields": f} for q, f in quotes.items()],
        "parties": [p.model_dump() for p in record.parties],
        "agreement_type": record.agreement_type.value,
        "status": record.status.value,
        "date_text": record.date_text,
        "location": record.location,
        "signatories": [s.model_dump(exclude_none=True) for s in record.signatories],
        "scope": record.scope,
        "summary": record.summary,
    }
    return {k: v for k, v in draft.items() if v not in (None, [], "")}


class ExamplePool:
    def __init__(self, examples: Iterable[Example] = ()) -> None:
        self.examples = list(examples)

    def __len__(self) -> int:
        return len(self.examples)

    def choose(self, doc: Document, budget_tokens: int, max_examples: int) -> Chosen:
        """The examples most like `doc` (Jaccard over words of four letters or more) that fit the budget."""
        if not self.examples or budget_tokens <= 0 or max_examples <= 0:
            return Chosen()
        words = word_set(doc.text)
        ranked = sorted(
            (e for e in self.examples if e.document_id != doc.id and e.record.get("quotes")),
            key=lambda e: (-len(words & e.words) / (len(words | e.words) or 1), e.id),
        )
        chosen, used = [], estimate_tokens(_HEADER)
        for example in ranked:
            cost = estimate_tokens(example.text) + 2
            if used + cost > budget_tokens:
                continue
            chosen.append(example)
            used += cost
            if len(chosen) >= max_examples:
                break
        if not chosen:
            return Chosen()
        block = "\n".join([_HEADER, *(f"- {e.text}" for e in chosen)]) + "\n"
        return Chosen(block=block, ids=[e.id for e in chosen], tokens=used)
