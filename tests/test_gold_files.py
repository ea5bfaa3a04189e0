"""Every gold file in the repository is well-formed and says only what its articles say.

One check for all evaluation sets (seeds/ and tests/*/), so a typo in a gold file fails the suite
instead of silently skewing the quality figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summariser.documents import read_document
from summariser.gold import load_gold

ROOT = Path(__file__).resolve().parent.parent
GOLD_FILES = [ROOT / "seeds" / "gold.json", *sorted((ROOT / "tests" / "invented").glob("*/gold.json"))]


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.parent.name)
def test_gold_file_matches_its_articles(gold_file: Path):
    load_gold(gold_file)  # the scorer's own reader accepts it
    entries = {k: v for k, v in json.loads(gold_file.read_text(encoding="utf-8")).items() if not k.startswith("_")}
    articles = {p.name for p in gold_file.parent.glob("*.txt")}
    assert set(entries) == articles, "every article needs a gold entry, and every entry an article"
    for name, entry in entries.items():
        doc = read_document(gold_file.parent / name)
        if doc.reported:  # without a date line, gold may take the date from a dateline in the text
            assert entry.get("reported") == doc.reported.isoformat(), name
        for record in entry["records"]:
            where = f"{name} {record['id']}"
            assert record["evidence_contains"] in doc.text, f"{where}: evidence is not in the article"
            if not record.get("optional"):
                for party in record["parties"]:
                    assert party in doc.text, f"{where}: party {party!r} is not written in the article"


def test_the_realnews_manifest_is_gold_facts_only():
    """The real-news manifest reads as a gold file, keeps its split promises, and holds no article text."""
    from summariser.gold import from_manifest, parse_gold

    manifest = json.loads((ROOT / "tests" / "realnews" / "manifest.json").read_text(encoding="utf-8"))
    docs = manifest["docs"]
    gold = parse_gold(manifest, "manifest")
    assert len(gold.documents) == len(docs) >= 80
    untouched = from_manifest(manifest, split="untouched")
    assert len(untouched) - 1 >= 30
    assert len({d["language"] for d in docs.values()} - {"en"}) >= 5
    assert sum(1 for d in docs.values() if not [r for r in d["records"] if not r.get("optional")]) >= 15
    allowed = {"source", "query", "date", "language", "industry", "outlet_kind", "split", "records", "notes"}
    for name, entry in docs.items():
        assert set(entry) <= allowed, f"{name}: unexpected keys {set(entry) - allowed}"
        assert entry["source"].startswith("http") and entry["split"] in ("dev", "untouched"), name
        assert len(entry.get("notes", "")) < 1500, f"{name}: notes are facts, not the article"
        for record in entry["records"]:
            assert "evidence_contains" not in record, f"{name}: no quotes of the article in the repository"
