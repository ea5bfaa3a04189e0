"""A small real store for the review tests: the seed articles with hand-made records whose quotes are
grounded by the real aligner, plus one record with problems (a quote and a party not in the article)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from summariser.documents import document_from_text
from summariser.grounding import ground
from summariser.schema import (
    SCHEMA_VERSION,
    AgreementRecord,
    Document,
    ExtractionResult,
    Party,
)
from summariser.store.repo import Store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_document(name: str) -> Document:
    # Read as extraction reads it: the " date YYYY-MM-DD " header becomes the publication date.
    return document_from_text((SEEDS / name).read_text(encoding="utf-8"), f"seeds/{name}")


def gold_record(doc: Document, gold: dict) -> AgreementRecord:
    evidence = [ground(["parties", "agreement_type", "status"], gold["evidence_contains"], doc.text)]
    return AgreementRecord(
        parties=[Party(name=p, canonical=p.split()[0]) for p in gold["parties"]],
        agreement_type=gold["agreement_type"],
        status=gold["status"],
        date_signed=gold["date_signed"],
        scope=gold.get("scope", [])[:2],
        evidence=evidence,
    )


def problem_record(doc: Document) -> AgreementRecord:
    return AgreementRecord(
        parties=[Party(name="SOCAR", canonical="SOCAR"), Party(name="Acme Widgets Ltd", canonical="Acme")],
        agreement_type="contract",
        status="planned",
        summary="An invented contract the article does not mention.",
        evidence=[ground(["summary"], "Acme will deliver ten thousand widgets to Baku", doc.text)],
    )


def build_store(path: Path, *, copies: int = 1) -> list[str]:
    """Fill a store at `path`; returns the record ids in the order the review queue lists them."""
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    with Store(path) as store:
        run = store.start_run("hand", "test-1", SCHEMA_VERSION, {})
        for copy in range(copies):
            for name, entry in gold.items():
                if name.startswith("_"):
                    continue
                doc = seed_document(name)
                if copy:
                    doc = copy_of(doc, copy)
                store.add_document(doc)
                records = [gold_record(doc, g) for g in entry["records"]]
                if name.startswith("002"):
                    records.append(problem_record(doc))
                store.save_extraction(
                    run,
                    ExtractionResult(
                        document_id=doc.id, records=records, model="hand", prompt_version="test-1",
                        schema_version=SCHEMA_VERSION,
                    ),
                )
        store.finish_run(run, "finished")
        return [r for (r,) in store.conn.execute(
            "SELECT r.id FROM current_records r JOIN documents d ON d.id = r.document_id"
            " ORDER BY d.path, r.document_id, r.idx"
        )]


def copy_of(doc: Document, n: int) -> Document:
    text = doc.text + f"\n[copy {n}]"
    name = doc.path.replace("seeds/", f"seeds/c{n:05d}_")
    return Document(id=hashlib.sha256(text.encode()).hexdigest(), path=name, reported=doc.reported, text=text)
