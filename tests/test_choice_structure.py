"""General mechanisms of the choice strategy: the name grammar's edges and parties read from sentence structure
(invented names, so no article's answers are written in)."""

from __future__ import annotations

import pytest

from summariser.extract.strategies.choice.candidates import find_candidates
from summariser.extract.strategies.choice.parties import find_parties
from summariser.extract.strategies.choice.places import is_demonym


def _orgs(sentence: str) -> list[str]:
    return [c.name for c in find_candidates(sentence) if c.kind == "org"]


def _parties(sentence: str) -> list[str]:
    return [c.name for c in find_parties(sentence, find_candidates(sentence))]


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("Yesterday Empresa de los Puertos del Norte signed it.", "Empresa de los Puertos del Norte"),
        ("Yesterday Consorcio Minero Norte y Sur signed it.", "Consorcio Minero Norte y Sur"),
        ("The National Agency for Water, Land and Geodesy (NAWLG) signed it.", "National Agency for Water, Land and Geodesy"),
        ("The New and Renewable Fuels Authority signed it.", "New and Renewable Fuels Authority"),
        ("The General Authority for the Velta Free Zone signed it.", "General Authority for the Velta Free Zone"),
        ("The Government of the People's Republic of Ruritania signed it.", "Government of the People's Republic of Ruritania"),
    ],
)
def test_connectors_articles_remits_and_possessive_words_stay_inside_one_name(sentence, name):
    assert name in _orgs(sentence)


def test_a_name_ends_at_the_verb_after_a_dotted_legal_form():
    assert "Orsk Cables K.K." in _orgs("Velta Ltd and Orsk Cables K.K. have signed a deal.")


def test_descriptors_and_demonyms_before_a_name_are_not_names():
    assert _orgs("Peruvian mid-tier miner Velta Minera S.A. signed it.") == ["Velta Minera S.A."]
    assert _orgs("Abu Dhabi-based Gulf Orsk Ports signed it.") == ["Gulf Orsk Ports"]
    assert is_demonym("Peruvian") and is_demonym("Angolan") and not is_demonym("Kazakhstan")


def test_a_term_abbreviated_in_parentheses_is_not_an_organisation():
    assert "FEED" not in _orgs("A front-end engineering design (FEED) contract was awarded to Velta Ltd.")


@pytest.mark.parametrize(
    "sentence, parties",
    [
        # Three parties in a list before the verb.
        ("Velta Rail (VR), Orsk Railways (OR) and Zarko Rail signed the joint venture agreement.",
         ["Velta Rail", "Orsk Railways", "Zarko Rail"]),
        # The subject and the partner after "with"; the places in a later clause are not parties.
        ("Velta Ports has signed a concession agreement with the Orsk Ports Authority (OPA) to run the port, "
         "the gateway for trade with Zambia, Malawi and Botswana.", ["Velta Ports", "Orsk Ports Authority"]),
        # Two subjects and a partner.
        ("Velta and Orsk Networks entered into a supply contract with France's Zarko Cables SA on cables.",
         ["Velta", "Orsk Networks", "Zarko Cables SA"]),
        # A state after "of" is a name's home, not a party.
        ("Velta Kabel (VK) of Indonesia and Japan's Orsk Networks K.K. have signed a cooperation agreement.",
         ["Velta Kabel", "Orsk Networks K.K."]),
        # Awarded to; a memorandum signed by.
        ("The contract that Velta Ltd awarded to Spain's Orsk Ingeniería will be cancelled.", ["Velta Ltd", "Orsk Ingeniería"]),
        ("It builds on a memorandum of understanding signed by Velta and Zarkon in 2023.", ["Velta", "Zarkon"]),
        # States are parties when no organisation is.
        ("Egypt and the European Union are due to sign a memorandum.", ["Egypt", "European Union"]),
    ],
)
def test_parties_are_read_from_the_sentence_structure(sentence, parties):
    assert _parties(sentence) == parties


def test_one_named_signer_is_not_an_agreement_between_two():
    assert _parties("Egypt signed three agreements at the Velta Energy Show in Cairo.") == []
