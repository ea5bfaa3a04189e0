"""Coreference: a party written as "it"/"the company" or a surname, resolved by the program or the model's choice."""

from __future__ import annotations

from summariser.documents import document_from_text
from summariser.extract.strategies.choice import extract_records
from summariser.extract.strategies.choice.candidates import find_candidates
from summariser.extract.strategies.choice.coref import Reference, affiliation, answer_model, resolve, subject_reference
from summariser.llm.base import ModelError
from tests.doubles import FakeModel

ARTICLE = (
    " date 2025-03-10 Orvane Air and Kestrel Engines SAS will sign a memorandum of understanding next week. "
    "Orvane Air, which flies under the state's SKYLINK scheme, has been expanding its fleet. "
    "In January, it signed a contract with Dublin-based lessor Brio Leasing DAC for six new turboprops."
)


def _parties(client=None, settings=None):
    recs = extract_records(document_from_text(ARTICLE, "x.txt"), client, settings)[0]
    return [[p.name for p in r.parties] for r in recs if r.status.value == "signed"]


def test_subject_reference_is_the_pronoun_or_description_before_the_verb():
    assert subject_reference("In January, it signed", len("In January, it ")) == "it"
    assert subject_reference("The state shipbuilder has also signed", len("The state shipbuilder has also ")) == "The state shipbuilder"
    assert subject_reference("Orvane Air signed", len("Orvane Air ")) is None


def test_fallback_takes_the_subject_of_the_nearest_sentence_naming_an_organisation():
    assert _parties() == [["Orvane Air", "Brio Leasing DAC"]]


def test_a_surname_stands_for_the_organisation_the_article_gave_the_person():
    text = "It was signed by Velbro chairman Ida Marsk and Orrin chief executive Pell Ardani."
    earlier = [(text, find_candidates(text))]
    assert affiliation("Marsk", earlier).name == "Velbro"
    assert affiliation("Nobody", earlier) is None


def test_the_model_chooses_among_the_candidates_only():
    options = find_candidates("Tallis Steel and Brio Energy are building a plant.")
    model = FakeModel([{"organisation": "Brio Energy"}])
    chosen, usage = resolve(model, "The company signed a loan.", "ctx", Reference("The company", options))
    assert chosen.name == "Brio Energy" and usage.requests == 1
    schema = model.calls[0]["response_model"].model_json_schema()
    assert schema["properties"]["organisation"]["enum"] == ["Tallis Steel", "Brio Energy", "none"]
    assert answer_model(["A"]).model_validate({"organisation": "none"})


def test_model_answer_none_drops_the_mention_and_failure_falls_back():
    settings = type("S", (), {"choice_questions": ["coref"], "use_embedded": True})()
    assert _parties(FakeModel([{"organisation": "none"}]), settings) == []
    assert _parties(FakeModel([ModelError("boom")]), settings) == [["Orvane Air", "Brio Leasing DAC"]]
    picked = FakeModel([{"organisation": "SKYLINK"}])
    assert _parties(picked, settings) == [["SKYLINK", "Brio Leasing DAC"]]
    assert "it" in picked.calls[0]["messages"][1]["content"]
