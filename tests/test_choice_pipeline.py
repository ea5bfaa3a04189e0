"""The choice pipeline end to end with FakeModel answers (fast), and once with the real embedded model."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from summariser.documents import document_from_text
from summariser.extract.strategies.choice import PROMPT_VERSION, extract_records
from summariser.extract.strategies.choice.pipeline import model_questions
from summariser.extract.strategies.choice.questions import Question, answer_model
from summariser.llm.base import ModelError
from summariser.settings import load_settings
from tests.doubles import FakeModel

FIXTURES = Path(__file__).parent / "invented" / "dev00"


def _doc(path: Path):
    return document_from_text(path.read_text(encoding="utf-8"), str(path))


def _seed(seeds_dir: Path, prefix: str):
    return _doc(next(seeds_dir.glob(f"{prefix}_*.txt")))


ALL = "status,agreement_type,parties,confirm"


@pytest.fixture
def all_questions(monkeypatch):
    monkeypatch.setenv("SUMMARISER_CHOICE_QUESTIONS", ALL)
    return load_settings(provider="embedded")


def _endpoint_settings():
    return load_settings(provider="openai", api_key="k", base_url="http://127.0.0.1:9/v1")


def test_every_evidence_quote_is_the_articles_own_text(seeds_dir):
    for path in [*sorted(seeds_dir.glob("*.txt")), *sorted(FIXTURES.glob("*.txt"))]:
        doc = _doc(path)
        records, _, _ = extract_records(doc, None, None)
        for rec in records:
            assert rec.evidence
            for ev in rec.evidence:
                assert doc.text[ev.start : ev.end] == ev.quote


def test_no_record_for_a_meeting_without_agreement_and_none_from_latest_news(seeds_dir):
    assert extract_records(_seed(seeds_dir, "000"), None, None)[0] == []
    records, _, _ = extract_records(_seed(seeds_dir, "001"), None, None)
    assert [r.agreement_type.value for r in records] == ["framework_agreement"]
    assert all("interior ministries" not in ev.quote for r in records for ev in r.evidence)


def test_mentions_of_one_agreement_merge_and_different_agreements_stay_apart(seeds_dir):
    records, _, _ = extract_records(_seed(seeds_dir, "004"), None, None)
    assert len(records) == 1
    assert len(records[0].evidence) >= 3 and str(records[0].date_signed) == "2019-12-10"
    assert records[0].location == "Baku"
    records, _, _ = extract_records(_seed(seeds_dir, "003"), None, None)
    assert sorted(r.agreement_type.value for r in records) == ["joint_venture", "memorandum_of_understanding"]
    jv = next(r for r in records if r.agreement_type.value == "joint_venture")
    assert [s.name for s in jv.signatories] == ["Emin Mammadov", "Yashar Latifov"]


def test_model_chooses_parties_among_candidates_and_a_repeated_pick_is_completed(seeds_dir, all_questions):
    # 001's framework agreement names no parties ("the two companies"): the model picks among candidates.
    fake = FakeModel([{"status": "signed", "parties": ["SOCAR", "SOCAR"]}])
    records, usage, warnings = extract_records(_seed(seeds_dir, "001"), fake, all_questions)
    assert usage.requests == 1 and warnings == []
    asked = fake.calls[0]["response_model"].model_json_schema()
    assert set(asked["properties"]) == {"status", "parties"}
    assert [p.name for p in records[0].parties] == ["SOCAR", "CITIC Construction Co., Ltd."]


def test_an_answer_outside_the_options_is_refused():
    q = Question(sentence="s", statuses=["signed", "none"], types=["contract"], parties=["SOCAR", "BP", "Eni"])
    with pytest.raises(ValidationError):
        FakeModel([{"status": "signed", "parties": ["SOCAR", "Gazprom"]}]).structured(answer_model(q), [])
    with pytest.raises(ValidationError):
        FakeModel([{"status": "approved", "parties": ["SOCAR", "BP"]}]).structured(answer_model(q), [])


def test_model_may_reject_a_proposed_sentence_when_confirm_is_on(all_questions):
    doc = _doc(FIXTURES / "f09_signed_and_planned.txt")
    fake = FakeModel([{"status": "none"}, {"status": "planned", "parties": ["bp", "SOCAR"]}])
    records, usage, _ = extract_records(doc, fake, all_questions)
    assert usage.requests == 2
    assert [(r.status.value, r.agreement_type.value) for r in records] == [("planned", "contract")]


def test_a_failed_question_falls_back_to_the_programs_choice_with_a_warning():
    doc = _doc(FIXTURES / "f09_signed_and_planned.txt")
    fake = FakeModel([ModelError("cut off")])
    records, _, warnings = extract_records(doc, fake, load_settings(provider="embedded"))
    assert [r.status.value for r in records] == ["signed", "planned"]
    assert len(warnings) == 1 and "cut off" in warnings[0]


def test_questions_are_a_setting_not_a_fork(monkeypatch):
    assert model_questions(load_settings(provider="embedded")) == {"status", "agreement_type"}
    assert "coref" in model_questions(_endpoint_settings())
    assert "parties" in model_questions(_endpoint_settings())
    monkeypatch.setenv("SUMMARISER_CHOICE_QUESTIONS", "status, parties")
    assert model_questions(load_settings(provider="embedded")) == {"status", "parties"}
    assert PROMPT_VERSION.startswith("choice-")


def test_fixture_gold_covers_every_fixture_article():
    gold = json.loads((FIXTURES / "gold.json").read_text(encoding="utf-8"))
    articles = {p.name for p in FIXTURES.glob("*.txt")}
    assert articles == {k for k in gold if not k.startswith("_")} and len(articles) >= 10
    for name, entry in gold.items():
        if name.startswith("_"):
            continue
        text = (FIXTURES / name).read_text(encoding="utf-8")
        for rec in entry["records"]:
            assert rec["evidence_contains"] in text


@pytest.mark.embedded
def test_embedded_model_on_the_seeds_meets_the_issue_targets(seeds_dir, all_questions):
    pytest.importorskip("llama_cpp")
    from summariser.evaluate import evaluate
    from summariser.llm.clients import make_client

    # Every question goes to the model here (the default asks only status and type), to test the model.
    settings = all_questions
    client = make_client(settings)
    predictions = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        predictions[path.name] = extract_records(_doc(path), client, settings)[0]
    assert predictions["000_8c901ae40a9b689e.txt"] == []
    assert all("interior ministries" not in ev.quote for r in predictions["001_28c1f6ebe62f6400.txt"] for ev in r.evidence)
    mou = [r for r in predictions["002_4b89f9ee8b676db5.txt"] if r.agreement_type.value == "memorandum_of_understanding"]
    assert mou and mou[0].status.value == "signed"
    gold = json.loads((seeds_dir / "gold.json").read_text(encoding="utf-8"))
    assert evaluate(gold, predictions).signed.f1 >= 0.9


def _program(text: str):
    records, _, _ = extract_records(document_from_text(text, "t.txt"), None, None)
    return [([p.name for p in r.parties], r.status.value, r.agreement_type.value, r.date_signed) for r in records]


def test_each_of_several_agreements_is_a_record_and_ordinals_inherit_the_status():
    text = (" date 2024-05-16 Two memorandums were signed at the forum on 15 May 2024.\n\n"
            "The first memorandum was signed between Alpha Grid and Beta Power. "
            "Under the second memorandum, Gamma Oil and Delta Gas will jointly study a pipeline.\n")
    assert [(p, s) for p, s, _, _ in _program(text)] == [
        (["Alpha Grid", "Beta Power"], "signed"), (["Gamma Oil", "Delta Gas"], "signed")]


def test_a_pair_is_completed_by_the_next_sentences_status_and_year_less_date():
    text = (" date 2025-03-05 Alpha Grid and Beta Power have agreed to set up a joint venture for repairs.\n\n"
            "The agreement on the establishment of the joint venture was signed in Baku on March 3 by John Smith.\n")
    assert _program(text) == [(["Alpha Grid", "Beta Power"], "signed", "joint_venture", dt.date(2025, 3, 3))]


def test_talks_with_unnamed_sides_give_no_record():
    text = (" date 2025-06-03 The President of Alpha Grid met the head of Beta Power in Baku.\n\n"
            "The sides also discussed the possibility of signing a memorandum at a later stage.\n")
    assert _program(text) == []
