"""The export's article side: the `documents` list (state, text that offsets index), --no-text,
--complete-only, and records reviewers added (state `added`, provenance model `human`)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from summariser.cli import main
from summariser.export import ExportFile
from summariser.review.articles import ArticleReview
from summariser.review.service import ReviewService
from summariser.store.repo import Store
from tests.export_helpers import build_seed_store, complete, decide

NAMES = ["000_8c901ae40a9b689e.txt", "001_28c1f6ebe62f6400.txt", "002_4b89f9ee8b676db5.txt",
         "003_9608eef0915d8430.txt", "004_5be99347c5321900.txt"]  # fmt: skip


@pytest.fixture
def store(tmp_path: Path) -> tuple[Path, dict[str, str], str]:
    """001 complete with an added record; 000 (no records) complete; 003 in progress; 002, 004 unreviewed."""
    path = tmp_path / "store.db"
    ids = build_seed_store(path)
    decide(path, "alice", {ids["001-a"]: "accept", ids["003-a"]: "reject"})
    with Store(path) as s:
        review = ArticleReview(ReviewService(s, "alice"))
        doc = next(a.document_id for a in review.articles if a.path.endswith(NAMES[1]))
        text = s.get_document(doc).text
        quote = text[text.index("A framework agreement") :].split(".")[0] + "."
        added = review.add_record(doc, {
            "parties": [{"name": "SOCAR", "canonical": "SOCAR"}, {"name": "CITIC", "canonical": "CITIC"}],
            "agreement_type": "framework_agreement", "status": "signed",
            "evidence": [{"quote": quote, "fields": ["agreement_type", "status"]}],
        })  # fmt: skip
    complete(path, "alice", [NAMES[0], NAMES[1]])
    return path, ids, added


def export(*args: str) -> dict:
    result = CliRunner().invoke(main, ["export", *args])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_documents_list_every_article_with_its_state_and_text(store) -> None:
    path, _, _ = store
    data = export("--store", str(path))
    jsonschema.validate(data, json.loads(CliRunner().invoke(main, ["schema"]).stdout))
    ExportFile.model_validate(data)
    docs = {Path(d["path"]).name: d for d in data["documents"]}
    assert list(docs) == NAMES
    assert {n: d["review"]["state"] for n, d in docs.items()} == {
        NAMES[0]: "complete", NAMES[1]: "complete", NAMES[2]: "unreviewed", NAMES[3]: "in_progress",
        NAMES[4]: "unreviewed",
    }  # fmt: skip
    assert docs[NAMES[1]]["review"]["reviewer"] == "alice" and docs[NAMES[1]]["review"]["at"]
    assert docs[NAMES[2]]["review"] == {"state": "unreviewed", "reviewer": None, "at": None}
    # The text is what evidence offsets index: a consumer slices quotes without reading the files.
    texts = {d["id"]: d["text"] for d in data["documents"]}
    for rec in data["records"]:
        for ev in rec["evidence"]:
            if ev["match"] == "exact":
                assert texts[rec["document"]["id"]][ev["start"] : ev["end"]] == ev["quote"]


def test_added_records_are_exported_by_default_with_human_provenance(store) -> None:
    path, ids, added = store
    records = {r["id"]: r for r in export("--store", str(path))["records"]}
    assert set(records) == {ids["001-a"], added}
    rec = records[added]
    assert rec["review"]["state"] == "added" and rec["review"]["reviewer"] == "alice"
    assert rec["provenance"]["model"] == "human" and rec["provenance"]["prompt_version"] == "human"


def test_no_text_and_complete_only(store) -> None:
    path, ids, added = store
    data = export("--store", str(path), "--no-text")
    assert all("text" not in d for d in data["documents"])
    jsonschema.validate(data, json.loads(CliRunner().invoke(main, ["schema"]).stdout))
    only = export("--store", str(path), "--complete-only", "--all")
    assert [Path(d["path"]).name for d in only["documents"]] == NAMES[:2]
    assert {r["id"] for r in only["records"]} == {ids["001-a"], added}


def test_an_undone_add_is_not_exported(store) -> None:
    path, _, added = store
    with Store(path) as s:
        review = ArticleReview(ReviewService(s, "alice"))
        review.undo()  # the completion of 000
        review.undo()  # the completion of 001
        review.undo()  # the add
    records = export("--store", str(path), "--all")["records"]
    assert added not in {r["id"] for r in records}


def test_status_counts_articles(store) -> None:
    path, _, _ = store
    result = CliRunner().invoke(main, ["status", "--store", str(path), "--json"])
    assert result.exit_code == 0, result.stderr
    counts = json.loads(result.stdout)
    assert counts["articles"] == {"total": 5, "unreviewed": 2, "in_progress": 1, "complete": 2, "no records": 1}
    assert counts["records"]["added"] == 1
