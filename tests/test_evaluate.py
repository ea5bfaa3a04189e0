"""Evaluation against gold: hand-computed figures on hand-made predictions, name matching, gold round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from summariser.cli import main
from summariser.evaluate import evaluate, predictions_from_export, predictions_from_store
from summariser.gold import GoldError, load_gold, parse_gold
from summariser.orgnames import same_organisation
from summariser.schema import AgreementRecord, Evidence, Party, Signatory
from summariser.store.repo import Store
from tests.export_helpers import GOLD, build_seed_store, complete, decide, gold_data

REQUIRED = 5  # 001-a, 002-a, 003-a, 003-b, 004-a; 002-b is optional


def rec(parties, agreement_type, status="signed", date=None, signatories=(), evidence=()) -> AgreementRecord:
    return AgreementRecord(
        parties=[Party(name=p, canonical=p) for p in parties],
        agreement_type=agreement_type,
        status=status,
        date_signed=date,
        signatories=[Signatory(name=s) for s in signatories],
        evidence=list(evidence),
    )


def perfect() -> dict[str, list[AgreementRecord]]:
    """Exactly the required gold records, as an extractor would write them."""
    out = {}
    for name, entry in gold_data().items():
        if name.startswith("_"):
            continue
        out[name] = [
            rec(r["parties"], r["agreement_type"], r["status"], r["date_signed"], r["signatories"])
            for r in entry["records"]
            if not r.get("optional")
        ]
    return out


def figures(score) -> tuple:
    return score.tp, score.fp, score.fn, score.precision, score.recall, score.f1


def test_perfect_predictions_score_one():
    report = evaluate(gold_data(), perfect())
    assert figures(report.signed) == (5, 0, 0, 1.0, 1.0, 1.0)
    assert figures(report.all) == (5, 0, 0, 1.0, 1.0, 1.0)
    for name, score in report.fields.items():
        assert figures(score) == (5, 0, 0, 1.0, 1.0, 1.0), name
    assert report.documents == 5 and report.documents_missing == []


def test_empty_predictions_find_nothing():
    report = evaluate(gold_data(), {name: [] for name in perfect()})
    assert figures(report.signed) == (0, 0, REQUIRED, None, 0.0, 0.0)
    assert figures(report.all) == (0, 0, REQUIRED, None, 0.0, 0.0)
    assert report.evidence["total"] == 0


def test_missing_documents_count_as_missed_and_are_listed():
    predictions = perfect()
    del predictions["003_9608eef0915d8430.txt"]
    report = evaluate(gold_data(), predictions)
    assert figures(report.all)[:3] == (3, 0, 2)
    assert report.documents_missing == ["003_9608eef0915d8430.txt"]


def test_one_wrong_type_is_still_the_same_agreement_but_a_type_error():
    predictions = perfect()
    predictions["001_28c1f6ebe62f6400.txt"][0] = rec(["SOCAR", "CITIC Construction"], "memorandum_of_understanding")
    report = evaluate(gold_data(), predictions)
    assert figures(report.all) == (5, 0, 0, 1.0, 1.0, 1.0)
    assert figures(report.fields["agreement_type"]) == (4, 1, 1, 0.8, 0.8, 0.8)
    assert report.fields["status"].tp == 5


def test_one_extra_signed_agreement_is_a_false_positive():
    predictions = perfect()
    # The 000 article's note: an extractor that reports a signed agreement there is wrong.
    predictions["000_8c901ae40a9b689e.txt"] = [rec(["CNCEC", "SOCAR Türkiye"], "cooperation_agreement")]
    report = evaluate(gold_data(), predictions)
    assert figures(report.signed) == (5, 1, 0, 5 / 6, 1.0, 10 / 11)
    assert figures(report.fields["status"])[:3] == (5, 1, 0)
    assert report.details[0].extra == [0]


def test_optional_records_count_neither_way():
    predictions = perfect()
    predictions["002_4b89f9ee8b676db5.txt"].append(rec(["Kazakhstan", "Azerbaijan"], "other", "under_discussion"))
    found = evaluate(gold_data(), predictions)
    assert figures(found.all) == (5, 0, 0, 1.0, 1.0, 1.0)
    assert found.details[2].optional_found == ["002-b"]
    # ...and missing it (the perfect predictions never have it) is no miss either: see test_perfect.


def test_calling_a_planned_agreement_signed_hurts_the_headline_only():
    gold = {
        "a.txt": {"records": [{"id": "a-1", "parties": ["Alpha Oil", "Beta Gas"], "agreement_type": "contract", "status": "planned"}]}
    }
    report = evaluate(gold, {"a.txt": [rec(["Alpha Oil", "Beta Gas"], "contract", "signed")]})
    assert figures(report.signed)[:3] == (0, 1, 0)
    assert figures(report.all)[:3] == (1, 0, 0)
    assert figures(report.fields["status"])[:3] == (0, 1, 1)


def test_same_as_links_make_spelling_variants_one_organisation():
    gold = {
        "a.txt": {"records": [{"id": "a-1", "parties": ["Alpha Holdings", "Beta"], "agreement_type": "contract", "status": "signed"}]},
        "b.txt": {"records": [{"id": "b-1", "parties": ["Alpha Holdings", "Gamma Energy"], "agreement_type": "contract", "status": "signed"}]},
    }  # fmt: skip
    predictions = {"a.txt": [], "b.txt": [rec(["Alpha Holdings", "Beta"], "contract")]}
    assert evaluate(gold, predictions).all.tp == 0  # unrelated names, no link
    gold["b.txt"]["records"][0]["same_as"] = "a-1"
    assert figures(evaluate(gold, predictions).all)[:3] == (1, 0, 1)  # b found; a (nothing predicted) missed


def test_predictions_keyed_by_full_path_are_matched_by_file_name():
    predictions = {f"/data/articles/{name}": recs for name, recs in perfect().items()}
    assert evaluate(gold_data(), predictions).all.tp == REQUIRED


def test_evidence_shares():
    ev = [
        Evidence(fields=["parties"], quote="a", start=0, end=1, match="exact"),
        Evidence(fields=["status"], quote="b", start=0, end=1, match="exact"),
        Evidence(fields=["scope"], quote="c", start=0, end=1, match="fuzzy", score=90),
        Evidence(fields=["summary"], quote="d"),
    ]
    predictions = perfect()
    predictions["001_28c1f6ebe62f6400.txt"] = [rec(["SOCAR", "CITIC Construction Co., Ltd."], "framework_agreement", evidence=ev)]
    shares = evaluate(gold_data(), predictions).evidence
    assert shares == {"total": 4, "exact": 0.5, "normalised": 0.0, "fuzzy": 0.25, "ungrounded": 0.25}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Azerbaijani State Oil Company (SOCAR)", "SOCAR", True),
        ("State Oil Company of Azerbaijan Republic", "SOCAR", True),
        ("CITIC Construction Co., Ltd.", "citic construction", True),
        ("JSC QazaqGaz", "QazaqGaz", True),
        ("Sumgayit Technologies Park", "Sumgait Technological Park", True),
        ("SOCAR", "SOCAR Türkiye", False),  # a subsidiary is another party
        ("SOCAR Downstream", "SOCAR Midstream", False),
        ("China National Petroleum", "Central Nigerian Power", False),  # same initials, different names
        ("BP", "BT", False),
    ],
)
def test_organisation_names(a, b, same):
    assert same_organisation(a, b) is same
    assert same_organisation(b, a) is same


@pytest.mark.parametrize(
    ("a", "b", "lenient"),
    [
        ("Government of the Republic of Angola", "Republic of Angola", True),
        ("Inner Mongolia-based Baotou Northern Logistics Group", "Baotou Northern Logistics Group", True),
        ("SOCAR", "SOCAR Türkiye", False),  # one significant word: a subsidiary stays another party
        ("Azerbaijan", "Azerbaijan Railways", False),
        ("Empresa", "Empresa de los Ferrocarriles del Estado", False),
    ],
)
def test_a_name_inside_a_longer_one_pairs_records_only_when_lenient(a, b, lenient):
    assert same_organisation(a, b, lenient=True) is lenient
    assert same_organisation(b, a, lenient=True) is lenient
    if lenient:
        assert same_organisation(a, b) is False


def test_parties_row_judges_names_strictly_after_lenient_pairing():
    gold = {
        "a.txt": {
            "records": [
                {"id": "a1", "parties": ["Republic of Angola", "Falcon Downstream"], "agreement_type": "contract",
                 "status": "signed"},
            ]
        }
    }
    loose = AgreementRecord(
        parties=[Party(name="Government of the Republic of Angola", canonical="Angola"),
                 Party(name="Falcon Downstream", canonical="Falcon Downstream")],
        agreement_type="contract", status="signed",
    )
    report = evaluate(gold, {"a.txt": [loose]})
    assert report.signed.tp == 1 and report.signed.fp == 0
    assert report.fields["agreement_type"].tp == 1
    assert report.fields["parties"].tp == 0 and report.fields["parties"].fp == 1
    exact = loose.model_copy(update={"parties": [Party(name="Republic of Angola", canonical="Angola"),
                                                 loose.parties[1]]})
    assert evaluate(gold, {"a.txt": [exact]}).fields["parties"].tp == 1


def test_bad_gold_files_get_clear_messages(tmp_path):
    with pytest.raises(GoldError, match="no gold file"):
        load_gold(tmp_path / "missing.json")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    with pytest.raises(GoldError, match="not valid JSON"):
        load_gold(tmp_path / "broken.json")
    with pytest.raises(GoldError, match="agreement_type"):
        parse_gold({"a.txt": {"records": [{"id": "x", "parties": ["A"], "agreement_type": "treaty", "status": "signed"}]}})
    with pytest.raises(GoldError, match="same_as 'zzz'"):
        parse_gold({"a.txt": {"records": [{"id": "x", "parties": ["A"], "agreement_type": "other", "status": "signed", "same_as": "zzz"}]}})
    code = CliRunner().invoke(main, ["eval", "--gold", str(tmp_path / "broken.json"), "--store", str(tmp_path / "s.db")])
    assert code.exit_code == 2 and "not valid JSON" in code.stderr


# ---------------------------------------------------------------- from a store, and back to gold


@pytest.fixture
def seed_store(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "store.db"
    return path, build_seed_store(path)


def test_eval_command_on_a_store_json_and_table(seed_store):
    path, _ = seed_store
    result = CliRunner().invoke(main, ["eval", "--gold", str(GOLD), "--store", str(path), "--json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    # The store suggests every gold record, the optional one too: perfect, with 002-b neither way.
    assert report["signed"]["f1"] == 1.0 and report["all"]["tp"] == REQUIRED and report["all"]["fp"] == 0
    assert report["evidence"]["total"] == 6 and report["evidence"]["exact"] == 1.0
    table = CliRunner().invoke(main, ["eval", "--gold", str(GOLD), "--store", str(path)])
    assert table.exit_code == 0 and "signed agreements" in table.stdout and "100.0%" in table.stdout


def test_eval_of_an_export_matches_eval_of_the_store(seed_store, tmp_path):
    path, _ = seed_store
    out = tmp_path / "all.jsonl"
    assert CliRunner().invoke(main, ["export", "--store", str(path), "--all", "--format", "jsonl", "-o", str(out)]).exit_code == 0
    gold = load_gold(GOLD)
    with Store(path, readonly=True) as s:
        from_store = evaluate(gold, predictions_from_store(s.conn)).to_dict()
    from_export = evaluate(gold, predictions_from_export(out)).to_dict()
    # An export cannot show an article that yielded no records; its (empty) predictions score the same.
    assert from_export.pop("documents_missing") == ["000_8c901ae40a9b689e.txt"]
    assert from_store.pop("documents_missing") == []
    assert from_export == from_store


def test_make_gold_round_trip(seed_store, tmp_path):
    path, ids = seed_store
    with Store(path) as s:
        edited = s.get_record(ids["001-a"]).record.model_dump(mode="json")
    edited["date_signed"] = "2026-01-27"
    # 002 stays half-reviewed (002-b undecided), so it cannot be complete and stays out of the gold file;
    # 000 has no records and is complete: gold for "no agreement here".
    decide(path, "alice", {ids["001-a"]: edited, ids["002-a"]: "accept", ids["003-a"]: "accept",
                           ids["003-b"]: "reject", ids["004-a"]: "accept"})  # fmt: skip
    complete(path, "alice", ["000_8c901ae40a9b689e.txt", "001_28c1f6ebe62f6400.txt", "003_9608eef0915d8430.txt",
                             "004_5be99347c5321900.txt"])  # fmt: skip
    out = tmp_path / "gold.json"
    result = CliRunner().invoke(main, ["eval", "--make-gold", str(out), "--store", str(path)])
    assert result.exit_code == 0, result.stderr
    gold = load_gold(out)
    assert set(gold.documents) == {"000_8c901ae40a9b689e.txt", "001_28c1f6ebe62f6400.txt",
                                   "003_9608eef0915d8430.txt", "004_5be99347c5321900.txt"}  # fmt: skip
    assert gold.documents["000_8c901ae40a9b689e.txt"].records == []
    assert [r.date_signed.isoformat() for r in gold.documents["001_28c1f6ebe62f6400.txt"].records] == ["2026-01-27"]
    assert [r.agreement_type for r in gold.documents["003_9608eef0915d8430.txt"].records] == ["joint_venture"]
    assert "left out 1 documents not marked complete" in result.stderr

    # The reviewed records score perfectly against the gold made from them; the raw suggestions do not.
    with Store(path, readonly=True) as s:
        reviewed = evaluate(gold, predictions_from_store(s.conn, reviewed=True))
        suggested = evaluate(gold, predictions_from_store(s.conn))
    assert figures(reviewed.all) == (3, 0, 0, 1.0, 1.0, 1.0)
    assert figures(reviewed.fields["date_signed"]) == (3, 0, 0, 1.0, 1.0, 1.0)
    assert figures(suggested.all)[:3] == (3, 1, 0)  # the rejected 003-b is a false positive
    assert suggested.fields["date_signed"].tp == 2


def test_make_gold_links_the_same_agreement_across_articles(seed_store, tmp_path):
    path, ids = seed_store
    decide(path, "alice", {ids["003-a"]: "reject", ids["003-b"]: "accept", ids["004-a"]: "accept"})
    complete(path, "alice", ["003_9608eef0915d8430.txt", "004_5be99347c5321900.txt"])
    out = tmp_path / "gold.json"
    assert CliRunner().invoke(main, ["eval", "--make-gold", str(out), "--store", str(path)]).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    first = data["003_9608eef0915d8430.txt"]["records"][0]
    assert data["004_5be99347c5321900.txt"]["records"][0]["same_as"] == first["id"]
