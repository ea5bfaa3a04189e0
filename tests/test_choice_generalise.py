"""General mechanisms added against the unseen set's failure classes (invented names throughout)."""

from __future__ import annotations

import pytest

from summariser.choice.candidates import find_candidates
from summariser.choice.details import signatories
from summariser.choice.parties import find_parties


def _kinds(sentence: str) -> dict[str, str]:
    return {c.name: c.kind for c in find_candidates(sentence)}


def _parties(sentence: str) -> list[str]:
    return [c.name for c in find_parties(sentence, find_candidates(sentence))]


def _signers(sentence: str) -> list[str]:
    return [c.name for c in signatories(sentence, find_candidates(sentence))]


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
