"""General mechanisms added against the unseen set's failure classes (invented names throughout)."""

from __future__ import annotations

import pytest

from summariser.extract.strategies.choice.candidates import find_candidates
from summariser.extract.strategies.choice.parties import find_parties
from summariser.extract.strategies.choice.signers import signers


def _kinds(sentence: str) -> dict[str, str]:
    return {c.name: c.kind for c in find_candidates(sentence)}


def _parties(sentence: str) -> list[str]:
    return [c.name for c in find_parties(sentence, find_candidates(sentence))]


def _signers(sentence: str) -> list[str]:
    return signers(sentence, find_candidates(sentence))


def test_place_abbreviation_keeps_its_full_stop_inside_a_name():
    s = "Velto Foods Ltd and the Mt. Orrin Growers Union signed a joint venture agreement."
    assert _parties(s) == ["Velto Foods Ltd", "Mt. Orrin Growers Union"]


@pytest.mark.parametrize("title", ["Dr.", "Eng.", "Ing."])
def test_honorific_with_full_stop_introduces_a_person(title):
    s = f"The deal was signed by Quarro Director {title} Amina Velbek and Trosk chief executive Pell Ardani."
    assert [n.split()[-1] for n in _signers(s)] == ["Velbek", "Ardani"]
    assert "Amina Velbek" in _kinds(s) and _kinds(s)["Amina Velbek"] == "person"


def test_foreign_for_joins_a_name():
    s = "The Agencia para la Energía del Valle Norte (AEVN) and Trosk S.p.A. signed a cooperation agreement."
    assert _parties(s)[0] == "Agencia para la Energía del Valle Norte"


def test_remit_of_everyday_words_is_not_a_person():
    s = "It was signed by Lena Orvik, Minister of Water Transition and Rural Development, and Tomas Brell, State Secretary for Trade."
    assert _signers(s) == ["Lena Orvik", "Tomas Brell"]


def test_witnesses_are_not_signatories():
    s = "The agreement was signed by Quarro chief executive Pell Ardani in the presence of the governor, Ida Moss."
    assert _signers(s) == ["Pell Ardani"]


def test_speaker_referred_back_to_by_it_is_a_party():
    s = "Quarrotek said it has signed a supply contract with Velbridge Minerals Pty Ltd for nickel."
    assert _parties(s) == ["Quarrotek", "Velbridge Minerals Pty Ltd"]


def test_name_used_as_a_modifier_gives_way_to_the_appositive_name():
    s = "Quarrotek signed a memorandum with the Orrin state development agency, Adevo, on training."
    assert _parties(s) == ["Quarrotek", "Adevo"]


def _records(body: str, date: str = "2025-03-10"):
    from summariser.documents import document_from_text
    from summariser.extract.strategies.choice import extract_records

    return extract_records(document_from_text(f" date {date} {body}", "x.txt"), None, None)[0]


def test_relative_clause_between_subject_and_verb_holds_no_parties():
    s = "Velbro, which builds plants in Peru, Chile and Bolivia, is negotiating a supply agreement with Orrin Steel S.A."
    assert _parties(s) == ["Velbro", "Orrin Steel S.A."]


def test_a_won_order_names_its_client_after_from():
    s = "Quarro Shipyard Co., Ltd. has won a $90 million contract from Velbridge Shipping Co. to build two tankers."
    assert _parties(s) == ["Quarro Shipyard Co., Ltd.", "Velbridge Shipping Co."]


def test_wire_service_in_a_dateline_is_not_a_party():
    recs = _records("OSLO, March 9 (Nordic Wire) – Quarro AS and Velbro ASA signed a supply contract on March 8.")
    assert [[p.name for p in r.parties] for r in recs] == [["Quarro AS", "Velbro ASA"]]


def test_a_planned_agreement_has_no_signing_date():
    recs = _records("Quarro AS and Velbro ASA will sign a memorandum of understanding on March 17 in Oslo.")
    assert recs and recs[0].status.value == "planned" and recs[0].date_signed is None
    recs = _records("Quarro AS and Velbro ASA will sign a memorandum of understanding. It is due on March 17.")
    assert recs[0].date_signed is None and all(ev.fields for ev in recs[0].evidence)
    type(recs[0]).model_validate_json(recs[0].model_dump_json())  # a stored record reads back


def test_the_signing_of_a_terminated_agreement_is_the_same_agreement():
    recs = _records(
        "Quarro AS has terminated its joint venture agreement with Velbro ASA, the companies said. "
        "The two companies signed the joint venture agreement on 18 May 2022, with Quarro funding half."
    )
    assert [(r.status.value, str(r.date_signed)) for r in recs] == [("terminated", "2022-05-18")]


def test_publication_date_counts_when_the_signing_verb_governs_it():
    recs = _records("Quarro AS and Velbro ASA signed a memorandum of understanding in Oslo on 10 March on grids.")
    assert str(recs[0].date_signed) == "2025-03-10"


def test_an_anaphoric_sentence_may_introduce_an_earlier_agreement():
    recs = _records(
        "Quarro AS and Velbro ASA have signed a joint venture agreement to build a plant, the companies said. "
        "The joint venture builds on a memorandum of understanding the two companies signed on March 14, 2023."
    )
    assert sorted(r.agreement_type.value for r in recs) == ["joint_venture", "memorandum_of_understanding"]
    assert next(r for r in recs if r.agreement_type.value == "joint_venture").date_signed is None


def test_a_short_form_the_article_uses_alone_becomes_the_canonical_name():
    recs = _records(
        "Quarro AS and Northwell Drilling Ltd. signed a joint venture agreement, the companies said. "
        "Northwell will fund the first phase of the joint venture."
    )
    assert [p.canonical for p in recs[0].parties] == ["Quarro AS", "Northwell"]


def test_dotted_capitals_after_a_comma_are_a_legal_form():
    s = "Velbro Logística, S.L. and Quarro Tubi S.p.A. signed a supply contract."
    assert _parties(s) == ["Velbro Logística, S.L.", "Quarro Tubi S.p.A."]
    assert _parties("Grupo Orrin, S.A.B. de C.V. signed a contract with Trosk AG.")[0] == "Grupo Orrin, S.A.B. de C.V."


def test_a_verb_inside_a_name_is_not_the_reporting_verb_and_a_dateline_place_is_not_the_subject():
    s = "LEEDS, UK, 3 June 2025 – Velbro Signalling Ltd today said that it has signed a contract with Quarro Rail Corp."
    assert _parties(s) == ["Velbro Signalling Ltd", "Quarro Rail Corp."]


def test_a_company_that_said_on_a_day_that_it_acted_is_a_party_not_a_source():
    s = "Velbro Industrial, S.A.B. de C.V. said on Thursday it had terminated its joint venture with Quarro S.p.A."
    assert _kinds(s)["Velbro Industrial, S.A.B. de C.V."] == "org"
