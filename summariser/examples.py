"""Where few-shot examples come from: the store's reviewed records, or a gold file with its articles.

The pool that chooses among them for an article lives with extraction (summariser.extract.examples), which
knows nothing of the store or of gold files; these loaders fill it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from summariser.extract.examples import Example, ExamplePool, as_draft, word_set
from summariser.schema import AgreementRecord

__all__ = ["Example", "ExamplePool", "ExamplesError", "examples_from_gold", "examples_from_store"]


def examples_from_store(store: Any) -> list[Example]:
    """Accepted, edited (the reviewer's version) and added records of the store."""
    out = []
    texts: dict[str, frozenset[str]] = {}
    for row in store.reviewed_records():
        record = AgreementRecord.model_validate_json(row["record_json"])
        if row["document_id"] not in texts:
            texts[row["document_id"]] = word_set(row["text"])
        out.append(Example(f"record:{row['id']}", row["document_id"], as_draft(record), texts[row["document_id"]]))
    return out


class ExamplesError(ValueError):
    """The examples file cannot be used; the message says why."""


def examples_from_gold(path: str | Path) -> list[Example]:
    """Records of a gold file; the article beside it (same folder, the gold key) gives the quote: its first
    sentence that names two of the record's parties."""
    from summariser.documents import DocumentError, read_document
    from summariser.gold import GoldError, load_gold
    from summariser.sentences import split_sentences

    path = Path(path)
    try:
        gold = load_gold(path)
    except (GoldError, OSError) as exc:
        raise ExamplesError(f"cannot read examples from {path}: {exc}") from exc
    out = []
    for name, gdoc in gold.documents.items():
        try:
            doc = read_document(path.parent / name)
        except DocumentError:
            continue  # without the article there is no quote to show
        sentences = [s.text(doc.text) for s in split_sentences(doc.text)]
        for rec in gdoc.records:
            names = [p.casefold() for p in rec.parties]
            quote = next((s for s in sentences if sum(n in s.casefold() for n in names) >= 2), None)
            if len(rec.parties) < 2 or quote is None or len(quote) > 400:
                continue
            record = {
                "quotes": [{"quote": quote, "fields": ["parties", "agreement_type", "status"]}],
                "parties": [{"name": p, "canonical": p} for p in rec.parties],
                "agreement_type": rec.agreement_type.value,
                "status": rec.status.value,
                "scope": list(rec.scope),
            }
            out.append(Example(f"gold:{path.name}#{rec.id}", doc.id, record, word_set(doc.text)))
    return out
