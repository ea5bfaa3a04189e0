"""`summarise export` and `summarise schema`: the contract, review states, filters, formats, atomic writes."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from summariser.cli import main
from summariser.export import ExportedRecord, ExportFile
from summariser.grounding import normalise
from summariser.review.model import ConflictError
from summariser.review.service import ReviewService
from summariser.store.repo import Store
from tests.export_helpers import ROOT, build_seed_store, decide, gold_data

SECRET = "sk-test-DO-NOT-LEAK-1234567890"


@pytest.fixture
def store(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "store.db"
    ids = build_seed_store(path, run_settings={"api_key": SECRET, "base_url": f"https://u:{SECRET}@example.invalid"})
    with Store(path) as s:
        edited = s.get_record(ids["002-a"]).record.model_dump(mode="json")
    edited["scope"] = edited["scope"][:2]
    edited["status"] = "planned"
    decide(path, "alice", {ids["001-a"]: "accept", ids["002-a"]: edited, ids["003-a"]: "reject"})
    decide(path, "bob", {ids["004-a"]: "accept"})
    return path, ids


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def schema(record_only: bool = False) -> dict:
    code, out, _ = run("schema", *(["--record"] if record_only else []))
    assert code == 0
    return json.loads(out)


def test_default_exports_only_accepted_and_edited_in_the_edited_version(store):
    path, ids = store
    code, out, err = run("export", "--store", str(path))
    assert code == 0, err
    records = {r["id"]: r for r in json.loads(out)["records"]}
    assert set(records) == {ids["001-a"], ids["002-a"], ids["004-a"]}
    edited = records[ids["002-a"]]
    assert edited["status"] == "planned" and len(edited["scope"]) == 2
    assert edited["review"]["state"] == "edited" and edited["review"]["reviewer"] == "alice"
    assert edited["review"]["changes"] == ["status", "scope"]
    assert records[ids["001-a"]]["review"]["changes"] == []
    assert records[ids["004-a"]]["review"]["reviewer"] == "bob"
    assert "exported 3 records" in err


def test_all_includes_pending_and_rejected_with_their_state(store):
    path, ids = store
    code, out, _ = run("export", "--store", str(path), "--all")
    assert code == 0
    states = {r["id"]: r["review"]["state"] for r in json.loads(out)["records"]}
    assert states == {
        ids["001-a"]: "accepted", ids["002-a"]: "edited", ids["002-b"]: "pending",
        ids["003-a"]: "rejected", ids["003-b"]: "pending", ids["004-a"]: "accepted",
    }  # fmt: skip


def test_the_whole_decision_is_exported(store):
    """The rejection reason, the model's values next to the edited ones, and with --all the history."""
    path, ids = store
    with Store(path) as s:
        service = ReviewService(s, "carol")
        service.goto_record(ids["002-b"])
        service.current()
        service.reject("  not an agreement, only talks ")
        bob = ReviewService(s, "bob")
        bob.goto_record(ids["002-b"])
        service.goto_record(ids["002-b"])
        service.current()
        bob_view = bob.current()
        service.accept(confirm=True)
        with pytest.raises(ConflictError):
            bob.reject("stale")  # bob decided on what he saw before carol's accept: refused
        assert bob_view.decision.state == "rejected"
    code, out, _ = run("export", "--store", str(path), "--all")
    assert code == 0
    records = {r["id"]: r for r in json.loads(out)["records"]}
    edited = records[ids["002-a"]]["review"]
    suggested = gold_data()["002_4b89f9ee8b676db5.txt"]["records"][0]
    assert edited["original"] == {"status": suggested["status"], "scope": suggested["scope"]}
    assert records[ids["001-a"]]["review"]["original"] == {}
    assert records[ids["003-a"]]["review"]["reason"] is None
    history = records[ids["002-b"]]["review"]["history"]
    assert [(h["reviewer"], h["action"], h["applied"], h["state"]) for h in history] == [
        ("carol", "reject", True, "rejected"),
        ("carol", "accept", True, "accepted"),
        ("bob", "conflict", False, "rejected"),
    ]
    assert history[0]["reason"] == "not an agreement, only talks"
    assert records[ids["002-a"]]["review"]["history"][0]["changes"] == ["status", "scope"]
    code, out, _ = run("export", "--store", str(path))
    assert all(r["review"]["history"] is None for r in json.loads(out)["records"])


def test_a_rejection_reason_is_exported(store):
    path, ids = store
    with Store(path) as s:
        service = ReviewService(s, "alice")
        service.goto_record(ids["003-a"])
        service.current()
        service.reject("duplicate of 004", confirm=True)
    code, out, _ = run("export", "--store", str(path), "--all", "--format", "csv")
    assert code == 0
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows[ids["003-a"]]["review_reason"] == "duplicate of 004"
    assert json.loads(rows[ids["002-a"]]["original"])["status"] == "signed"


def test_export_validates_against_the_published_schema_and_offsets_slice_to_quotes(store, tmp_path):
    path, _ = store
    out = tmp_path / "register.json"
    assert run("export", "--store", str(path), "--all", "--out", str(out))[0] == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema())
    ExportFile.model_validate(data)
    assert data["schema_version"] and data["exported_at"]

    checked = 0
    with Store(path, readonly=True) as s:
        for rec in data["records"]:
            text = s.get_document(rec["document"]["id"]).text
            assert rec["provenance"] == {**rec["provenance"], "model": "test-model", "prompt_version": "test-prompt-1"}
            assert Path(rec["document"]["path"]).name.endswith(".txt")
            for ev in rec["evidence"]:
                assert ev["match"] in ("exact", "normalised"), ev
                span = text[ev["start"] : ev["end"]]
                assert span == ev["quote"] if ev["match"] == "exact" else normalise(span) == normalise(ev["quote"])
                checked += 1
    assert checked >= 15  # five records with a quote each, backing three fields


def test_jsonl_lines_validate_against_the_record_schema(store, tmp_path):
    path, _ = store
    out = tmp_path / "register.jsonl"
    assert run("export", "--store", str(path), "--all", "--format", "jsonl", "-o", str(out))[0] == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6
    record_schema = schema(record_only=True)
    for line in lines:
        jsonschema.validate(json.loads(line), record_schema)
        ExportedRecord.model_validate_json(line)


def test_csv_flattens_lists_with_semicolons(store):
    path, ids = store
    code, out, _ = run("export", "--store", str(path), "--format", "csv")
    assert code == 0
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows[ids["001-a"]]["parties"] == "SOCAR; CITIC Construction Co., Ltd."
    assert rows[ids["002-a"]]["changes"] == "status; scope"
    assert rows[ids["002-a"]]["scope"] == "exploration and development of hydrocarbon fields in Kazakhstan; gas chemical industry"


def test_no_secret_appears_in_any_format(store, monkeypatch):
    path, _ = store
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    for fmt in ("json", "jsonl", "csv"):
        code, out, err = run("export", "--store", str(path), "--all", "--format", fmt)
        assert code == 0
        assert SECRET not in out and SECRET not in err and "example.invalid" not in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--type", "memorandum_of_understanding"], {"002-a", "004-a"}),
        (["--status", "planned"], {"002-a"}),  # the edited status counts, not the suggestion's
        (["--reviewer", "bob"], {"004-a"}),
        (["--document", "001_28c1f6ebe62f6400.txt"], {"001-a"}),
        (["--signed-from", "2019-12-01", "--signed-to", "2019-12-31"], {"004-a"}),
        (["--all", "--signed-from", "2019-12-11"], set()),
        (["--all", "--type", "joint_venture", "--type", "other"], {"002-b", "003-a"}),
    ],
)
def test_filters(store, args, expected):
    path, ids = store
    code, out, err = run("export", "--store", str(path), *args)
    assert code == 0, err
    names = {g for g, rid in ids.items() if rid in {r["id"] for r in json.loads(out)["records"]}}
    assert names == expected


def test_document_filter_by_id_prefix(store):
    path, ids = store
    with Store(path, readonly=True) as s:
        doc_id = s.get_record(ids["004-a"]).document_id
    code, out, _ = run("export", "--store", str(path), "--document", doc_id[:12])
    assert code == 0 and [r["id"] for r in json.loads(out)["records"]] == [ids["004-a"]]


def test_bad_input_gets_a_message_and_writes_nothing(store, tmp_path):
    path, _ = store
    out = tmp_path / "register.json"
    code, _, err = run("export", "--store", str(path), "--document", "no-such-article.txt", "-o", str(out))
    assert code == 2 and "no document in the store matches 'no-such-article.txt'" in err
    code, _, err = run("export", "--store", str(path), "--signed-from", "last tuesday")
    assert code == 2 and "YYYY-MM-DD" in err
    code, _, err = run("export", "--store", str(path), "-o", str(tmp_path / "missing" / "x.json"))
    assert code == 2 and "does not exist" in err
    code, _, err = run("export", "--store", str(tmp_path / "nothing.db"))
    assert code == 2 and "no store" in err
    assert not out.exists() and not (tmp_path / "nothing.db").exists()
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".*.part"))


def test_schema_is_generated_from_the_models():
    file_schema = schema()
    assert file_schema == ExportFile.model_json_schema(mode="serialization")
    record = file_schema["$defs"]["ExportedRecord"]
    assert {"id", "document", "evidence", "review", "provenance", "parties", "date_signed"} <= set(record["required"])
    assert record["additionalProperties"] is False


def _bench_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("export_bench", ROOT / "bench" / "export_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_sigkill_mid_export_leaves_the_previous_complete_file(tmp_path):
    big = tmp_path / "big.db"
    _bench_module().build_store(big, 40_000)
    target = tmp_path / "register.json"
    previous = b'{"schema_version": "1", "exported_at": "2026-01-01T00:00:00+00:00", "records": []}\n'
    target.write_bytes(previous)

    code = "from summariser.cli import main; main()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "export", "--store", str(big), "--out", str(target)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    part = None
    while time.monotonic() < deadline and proc.poll() is None:
        parts = [p for p in tmp_path.glob(".register.json.*.part") if p.stat().st_size > 0]
        if parts:
            part = parts[0]
            break
        time.sleep(0.002)
    assert part is not None, f"the export finished or failed before it could be interrupted: {proc.stderr.read()!r}"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert target.read_bytes() == previous  # never a half file

    # And run to completion, the same command replaces it with a complete export.
    code_, _, err = run("export", "--store", str(big), "--out", str(target))
    assert code_ == 0, err
    assert len(json.loads(target.read_bytes())["records"]) == 40_000
