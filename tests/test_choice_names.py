"""The choice strategy's name grammar: connectors, remits, descriptors, titles and aliases (invented names)."""

from __future__ import annotations

import pytest

from summariser.extract.strategies.choice.candidates import find_candidates
from summariser.extract.strategies.choice.lexicon import is_common_word
from summariser.extract.strategies.choice.parties import find_parties


def _orgs(sentence: str) -> list[str]:
    return [c.name for c in find_candidates(sentence) if c.kind == "org"]


def _people(sentence: str) -> list[str]:
    return [c.name for c in find_candidates(sentence) if c.kind == "person"]


def test_everyday_words_and_proper_names_are_told_apart():
    assert is_common_word("Fisheries") and is_common_word("energy")
    assert not is_common_word("Rosneft") and not is_common_word("SOCAR")


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("Yesterday Companhia Elétrica do Rio das Pedras signed a deal.", "Companhia Elétrica do Rio das Pedras"),
        ("Yesterday Banco del Sur signed a deal.", "Banco del Sur"),
        ("Yesterday Hallberg Marine & Offshore Co., Ltd. signed a deal.", "Hallberg Marine & Offshore Co., Ltd."),
        ("The Ministry of Trade, Industry and Fisheries signed it.", "Ministry of Trade, Industry and Fisheries"),
        ("The Ministry of Energy and Mineral Resources of the Republic of Ruritania signed it.",
         "Ministry of Energy and Mineral Resources of the Republic of Ruritania"),
        ("Yesterday Ostland Oil and Gas Corporation signed it.", "Ostland Oil and Gas Corporation"),
        ("Yesterday Ngo Long–Varsan Power Co. signed it.", "Ngo Long–Varsan Power Co."),
    ],
)
def test_connectors_ampersands_remits_and_dashes_stay_inside_one_name(sentence, name):
    assert name in _orgs(sentence)


@pytest.mark.parametrize(
    "sentence, pair",
    [
        ("The Ministry of Energy and Rostrel signed a memorandum.", ("Ministry of Energy", "Rostrel")),
        ("Alpha Grid and Beta Power signed a memorandum.", ("Alpha Grid", "Beta Power")),
        ("Zarko Energy and Abu Dhabi Velta Company signed it.", ("Zarko Energy", "Abu Dhabi Velta Company")),
    ],
)
def test_and_between_proper_names_separates_two_parties(sentence, pair):
    assert tuple(c.name for c in find_parties(sentence, find_candidates(sentence))) == pair


def test_lower_case_compound_descriptors_are_cut_off():
    sentence = "State-run Vardan Power Limited and Pune-based Kolar Hydrogen Pvt Ltd signed it."
    assert _orgs(sentence) == ["Vardan Power Limited", "Kolar Hydrogen Pvt Ltd"]
    sentence = "State-controlled geothermal developer PT Bumi Raya Lestari (BRL) signed it."
    assert _orgs(sentence) == ["PT Bumi Raya Lestari"]


def test_a_name_after_a_title_in_any_case_is_a_person():
    sentence = ("It was signed by Velta Director (Projects) Rohan Mehra, Orsk chief executive Park Min-jun and "
                "the company's commercial director, Lúcia Braga Neves.")
    assert _people(sentence) == ["Rohan Mehra", "Park Min-jun", "Lúcia Braga Neves"]
    assert "Velta" in _orgs(sentence)


def test_a_remit_after_a_title_ends_where_the_persons_name_starts():
    sentence = "It was signed by Minister of Energy and Mineral Resources Dwi Hartono Wibisono."
    assert _people(sentence) == ["Dwi Hartono Wibisono"]
    sentence = "It was signed by Zeta Vice President for Exploration and Production Zsolt Marko."
    assert _people(sentence) == ["Zsolt Marko"]


def test_what_parentheses_after_a_name_hold_is_its_alias_not_another_party():
    sentence = "Southern Gas Corporation (Tổng công ty Khí Phương Nam, SGC) and Japan's Hoshi Gas Co., Ltd. signed it."
    cands = find_candidates(sentence)
    assert [c.name for c in cands if c.kind == "org"] == ["Southern Gas Corporation", "Hoshi Gas Co., Ltd."]
    assert cands[0].alias == "SGC"
    assert len(find_parties(sentence, cands)) == 2
