"""A real store holding the five seed articles, with the gold records as the "model's" suggestions.

Documents go through `read_document`, quotes through `ground`, records through `Store.save_extraction`
and decisions through `ReviewService`: the same path real data takes.
"""

from __future__ import annotations

import json
from pathlib import Path

from summariser.documents import read_document
from summariser.grounding import ground
from summariser.review.service import ReviewService
from summariser.schema import SCHEMA_VERSION, AgreementRecord, ExtractionResult, Party, Signatory
from summariser.store.repo import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = SEEDS / "gold.json"
MODEL = "test-model"
PROMPT = "test-prompt-1"


def gold_data() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def record_from_gold(entry: dict, text: str) -> AgreementRecord:
    evidence = []
    if entry.get("evidence_contains"):
        evidence.append(ground(["parties", "agreement_type", "status"], entry["evidence_contains"], text))
    return AgreementRecord(
        parties=[Party(name=p, canonical=p) for p in entry["parties"]],
        agreement_type=entry["agreement_type"],
        status=entry["status"],
        date_signed=entry.get("date_signed"),
        location=entry.get("location"),
        signatories=[Signatory(name=s) for s in entry.get("signatories", [])],
        scope=entry.get("scope", []),
        summary=f"{entry['agreement_type']} between {' and '.join(entry['parties'])}",
        evidence=evidence,
    )


def build_seed_store(path: Path, *, run_settings: dict | None = None) -> dict[str, str]:
    """Store at `path` with every gold record (optional ones too) suggested; returns gold id -> record id."""
    gold = gold_data()
    ids: dict[str, str] = {}
    with Store(path) as store:
        run = store.start_run(MODEL, PROMPT, SCHEMA_VERSION, run_settings or {})
        for seed in sorted(SEEDS.glob("*.txt")):
            doc = read_document(seed)
            store.add_document(doc)
            entries = gold[seed.name]["records"]
            result = ExtractionResult(
                document_id=doc.id,
                records=[record_from_gold(e, doc.text) for e in entries],
                model=MODEL,
                prompt_version=PROMPT,
                schema_version=SCHEMA_VERSION,
            )
            for entry, rid in zip(entries, store.save_extraction(run, result), strict=True):
                ids[entry["id"]] = rid
        store.finish_run(run, "finished")
    return ids


def decide(path: Path, reviewer: str, decisions: dict[str, str | dict]) -> None:
    """record id -> "accept" | "reject" | an edited record dict, through the review service."""
    with Store(path) as store:
        service = ReviewService(store, reviewer)
        for rid, what in decisions.items():
            assert service.goto_record(rid), rid
            service.current()  # the service writes only what it has shown
            if what == "accept":
                service.accept()
            elif what == "reject":
                service.reject()
            else:
                service.edit(what)


def complete(path: Path, reviewer: str, names: list[str]) -> None:
    """Mark the articles with these file names complete, through the article review service."""
    from summariser.review.articles import ArticleReview

    with Store(path) as store:
        review = ArticleReview(ReviewService(store, reviewer))
        for article in review.articles:
            if Path(article.path).name in names:
                review.complete(article.document_id)
