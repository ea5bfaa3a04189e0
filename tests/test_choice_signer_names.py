"""Where a signer's name starts and ends after a title (invented names throughout)."""

from __future__ import annotations

import pytest

from summariser.extract.strategies.choice.candidates import find_candidates
from summariser.extract.strategies.choice.signers import signers


def _signers(sentence: str) -> list[str]:
    return signers(sentence, find_candidates(sentence))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a patronymic ("bin") and an everyday first name are part of the name, not a remit
        ("The memorandum was signed by Qorvane Energy Chief Executive Officer Tariq bin Saleh Al-Mazrui and "
         "Velmora Gas Senior Vice President Hiroshi Tanabe.", ["Tariq bin Saleh Al-Mazrui", "Hiroshi Tanabe"]),
        ("The deal was signed by Zenthar Chief Executive Officer Mohamed Idris Al Fahim and Orvel chairman Ilkka Soranen.",
         ["Mohamed Idris Al Fahim", "Ilkka Soranen"]),
        # initials and name abbreviations belong to the name
        ("The MoU was signed by Industries Secretary K. Ravi Shankar and Brelco managing director Anjali Varadan.",
         ["K. Ravi Shankar", "Anjali Varadan"]),
        ("It was signed by Dornak chairman Md. Habibur Rahman and Tessly director B.Tumurbaatar.",
         ["Md. Habibur Rahman", "B.Tumurbaatar"]),
        # a title's remit after a comma is not a person; a rank with a parenthesis before the name is a title
        ("The agreement was signed by Halvik Defence Senior Vice President, International Sales, Jorma Kettunen and "
         "Marath Systems Managing Director Col. (retd) Suresh Patkar.", ["Jorma Kettunen", "Suresh Patkar"]),
    ],
)
def test_names_after_titles(sentence: str, expected: list[str]) -> None:
    assert _signers(sentence) == expected


def test_a_body_after_a_title_is_not_a_person() -> None:
    cands = find_candidates("The Minister of Trade of the Hellenic Republic spoke.")
    assert "person" not in {c.kind for c in cands}


def test_a_compass_demonym_is_not_a_party() -> None:
    cands = find_candidates("Varsa and South Korean battery maker Dongmi Materials Co., Ltd. signed a deal.")
    assert [(c.name, c.kind) for c in cands if c.name.startswith("South")] == [("South Korean", "demonym")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "and," before an aside still separates the signers
        ("The Accord was signed, on the Varnish side, by the Minister of Mines, Oil and Gas, Teodoro Lumbala Cassoma, "
         "and, on the Orvish side, by the Minister of Energy, Khalid Omar Al Sabri.",
         ["Teodoro Lumbala Cassoma", "Khalid Omar Al Sabri"]),
        # titles that open each item of the subject, the names in apposition; an adverb before the verb
        ("The Minister of Defence of the Republic of Varnia, Dario Kovačić, and the Minister of Industry of the "
         "Kingdom of Orvel, Stelios Markopoulos, today signed the Agreement.", ["Dario Kovačić", "Stelios Markopoulos"]),
        # "signed on behalf of their companies" after a list of people: all of them
        ("Zorvik managing director Amina Wanjala Odhiambo and Telvar president director Budi Santoso signed on behalf "
         "of their companies.", ["Amina Wanjala Odhiambo", "Budi Santoso"]),
        # who would sign has signed nothing
        ("She said the contract would be signed by her and Brelco chairman Ravindra Kulkarni.", []),
    ],
)
def test_signing_clause_shapes(sentence: str, expected: list[str]) -> None:
    assert _signers(sentence) == expected


def test_a_sentence_does_not_end_on_an_honorific() -> None:
    from summariser.extract.strategies.choice.furniture import prose_sentences

    text = "The deal was signed by Orvel chief Eng. Tariq Al-Mansur and Zenthar director Mark Olsen, the firms said.\n"
    assert len(prose_sentences(text)) == 1
