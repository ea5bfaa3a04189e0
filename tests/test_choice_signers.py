"""Signatories as one mechanism: the people in a sentence's signing clause (invented names throughout)."""

from __future__ import annotations

import pytest

from summariser.extract.strategies.choice.candidates import find_candidates
from summariser.extract.strategies.choice.signers import signers
from summariser.packs import load, using


def _signers(sentence: str) -> list[str]:
    return signers(sentence, find_candidates(sentence))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # after "by", with titles and organisations in apposition
        ("The deal was signed in Oslo on 3 May 2024 by Dr. Halvard Brekkestø, Chief Executive Officer of Fjellkraft AS, "
         "and Tomasz Wierzbicki, Managing Director of Baltomar, in the presence of the Polish ambassador.",
         ["Halvard Brekkestø", "Tomasz Wierzbicki"]),
        # a full stop inside the clause ("Feb.") does not end it
        ("The agreement was signed in Lima on Feb. 14 by Quorvex chief executive Ilario Pendragos and Tavemar chairwoman "
         "Yolanda Fuentecilla in the presence of the prime minister.", ["Ilario Pendragos", "Yolanda Fuentecilla"]),
        # honorifics show where a name starts, whatever the title before it
        ("The agreement was signed by Minister of Mines and Quarries Hon. Zebedee Mwansakombe and Mr. Orrin Caldwell.",
         ["Zebedee Mwansakombe", "Orrin Caldwell"]),
        ("The agreement was signed by Executive Vice President for Trade Finance, Mrs. Ama Serwaa Kuffour-Boateng, and "
         "the Chief Executive of Zorbex, Dr. Kofi Adjei-Brempong.", ["Ama Serwaa Kuffour-Boateng", "Kofi Adjei-Brempong"]),
        # the signers as the subject
        ("Quilla Marvane and Oskar Trelleborn put their signatures to the memorandum.", ["Quilla Marvane", "Oskar Trelleborn"]),
        # one signer per "initialled for"
        ("Director Quilla Marvane initialled for Zorbex Ltd, while Managing Director Oskar Trelleborn initialled for "
         "Tavemar.", ["Quilla Marvane", "Oskar Trelleborn"]),
    ],
)
def test_signing_clauses(sentence: str, expected: list[str]) -> None:
    assert _signers(sentence) == expected


def test_witnesses_end_the_signers_list() -> None:
    s = "The contract was signed by Zorbex chairman Ilario Pendragos, witnessed by minister Orrin Caldwell."
    assert _signers(s) == ["Ilario Pendragos"]


def test_organisations_that_sign_are_not_signatories() -> None:
    assert _signers("Zorbex Holdings and Tavemar Shipping signed a framework agreement on Monday.") == []


def test_talk_without_a_signing_names_no_signers() -> None:
    assert _signers("Ilario Pendragos met Orrin Caldwell to discuss a possible supply contract.") == []


def test_every_signing_verb_of_the_pack_finds_signatories() -> None:
    # "sealed by" once found no one: the verbs come from the pack, not from a list in the rule.
    assert _signers("The accord was sealed by Quilla Marvane, chief executive of Zorbex Ltd, and Oskar Trelleborn, "
                    "chairman of Tavemar.") == ["Quilla Marvane", "Oskar Trelleborn"]


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("fr", "L'accord a été signé par Jean Vardelot, président de Totalis, et Marie Curvelle, directrice de Enerfra.",
         ["Jean Vardelot", "Marie Curvelle"]),
        ("es", "El acuerdo fue firmado por Juan Pedrosa, presidente de Petrolia, y María Gomariz, directora de Enerxa.",
         ["Juan Pedrosa", "María Gomariz"]),
        ("pt", "O acordo foi assinado por João Valverde, presidente da Petrolux, e Ana Corvelo, diretora da Enerlusa.",
         ["João Valverde", "Ana Corvelo"]),
    ],
)
def test_signers_in_the_articles_language(language: str, sentence: str, expected: list[str]) -> None:
    with using(load(language)):
        assert _signers(sentence) == expected

