"""Export with agreements: every record carries its agreement id, and `--by agreement` writes one entry
per agreement (merged fields, reports, conflicts) that validates against `summarise schema --by agreement`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from summariser.cli import main
from summariser.store.repo import Store
from tests.export_helpers import build_seed_store, decide


@pytest.fixture
def store(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "store.db"
    return path, build_seed_store(path)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_every_record_has_an_agreement_and_the_2019_memorandum_is_one(store):
    path, ids = store
    code, out, err = run("export", "--store", str(path), "--all")
    assert code == 0, err
    agreement = {r["id"]: r["agreement_id"] for r in json.loads(out)["records"]}
    assert agreement[ids["003-b"]] == agreement[ids["004-a"]]
    assert agreement[ids["003-a"]] != agreement[ids["003-b"]]  # the joint venture, same parties, is another
    assert len(set(agreement.values())) == len(agreement) - 1
    code, csv_out, _ = run("export", "--store", str(path), "--all", "--format", "csv")
    assert code == 0 and csv_out.splitlines()[0].endswith(",agreement_id")


def test_by_agreement_validates_merges_and_lists_reports(store, tmp_path):
    path, ids = store
    decide(path, "alice", {ids["003-b"]: "accept", ids["004-a"]: "accept", ids["001-a"]: "accept"})
    out = tmp_path / "agreements.json"
    code, _, err = run("export", "--store", str(path), "--by", "agreement", "--out", str(out))
    assert code == 0, err
    assert "exported 2 agreements (3 reports)" in err
    data = json.loads(out.read_text())
    code, schema_out, _ = run("schema", "--by", "agreement")
    jsonschema.validate(data, json.loads(schema_out))
    memorandum = next(a for a in data["agreements"] if len(a["reports"]) == 2)
    assert {r["record"] for r in memorandum["reports"]} == {ids["003-b"], ids["004-a"]}
    assert memorandum["date_signed"] == "2019-12-10" and memorandum["location"] == "Baku"
    assert len(memorandum["parties"]) == 2  # "Sumgayit Technologies Park" and "Sumgait Technological Park" are one
    assert memorandum["conflicts"] == []
    assert set(data["merge_rules"]) >= {"status", "date_signed"}


def test_reports_that_disagree_show_a_conflict(store):
    path, ids = store
    with Store(path) as opened:
        edited = opened.get_record(ids["003-b"]).record.model_dump(mode="json")
    edited["location"] = "Sumgait"  # 004-a says Baku
    decide(path, "alice", {ids["003-b"]: edited, ids["004-a"]: "accept"})
    code, out, err = run("export", "--store", str(path), "--by", "agreement", "--format", "jsonl")
    assert code == 0, err
    (agreement,) = [json.loads(line) for line in out.splitlines()]
    (conflict,) = agreement["conflicts"]
    assert conflict["field"] == "location"
    assert {v["value"]: v["records"] for v in conflict["values"]} == {"Sumgait": [ids["003-b"]], "Baku": [ids["004-a"]]}


def test_by_agreement_refuses_csv_and_writes_nothing(store, tmp_path):
    path, _ = store
    out = tmp_path / "x.csv"
    code, _, err = run("export", "--store", str(path), "--by", "agreement", "--format", "csv", "--out", str(out))
    assert code == 2 and "json or jsonl" in err and not out.exists()
