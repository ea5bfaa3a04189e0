"""General mechanisms of the choice strategy beyond names: verbs of signing, references back, signers,
dates of the same occasion, short names in merging (invented articles)."""

from __future__ import annotations

import datetime as dt

from summariser.documents import document_from_text
from summariser.extract.strategies.choice import extract_records
from summariser.extract.strategies.choice.candidates import find_candidates
from summariser.extract.strategies.choice.cues import find_cues
from summariser.extract.strategies.choice.merge import same_party
from summariser.extract.strategies.choice.signers import signers
from summariser.schema import AgreementType, Party, Status


def _records(text: str):
    return extract_records(document_from_text(text, "t.txt"), None, None)[0]


def test_initialled_inked_and_sealed_are_signings_and_a_letter_of_intent_is_an_agreement():
    for verb in ("initialled", "inked", "sealed", "initialed"):
        assert find_cues(f"Orvik Ltd and Tamsa AS {verb} a memorandum.").statuses == [Status.signed]
    cues = find_cues("Orvik Ltd and Tamsa AS signed a letter of intent on gas.")
    assert cues.types == [AgreementType.other] and cues.statuses == [Status.signed]


def test_a_modified_agreement_noun_refers_back_but_a_clause_does_not():
    assert find_cues("The framework agreement was signed in Oslo by X.").anaphor_end
    assert find_cues("The power purchase agreement was signed in Oslo.").anaphor_end
    assert not find_cues("The company signed an agreement with Orvik.").anaphor_end


def test_signers_before_signed_for_are_signatories():
    sentence = ("Executive Director of Orvik Ltd, Ibra Dan Bello, initialled for the oil company, while "
                "Managing Director Hawa Abdul initialled for Tamsa Gas.")
    assert signers(sentence, find_candidates(sentence)) == ["Ibra Dan Bello", "Hawa Abdul"]


def test_an_agreement_signed_on_the_same_day_takes_the_date_of_the_signing_before_it():
    text = (" date 2025-04-10 Orvik Energi ASA signed a framework agreement with Tamsa Marine Co., Ltd. on 8 April.\n\n"
            "On the same day, Velta Holding AS and Brenn Kraft AS signed a memorandum of understanding on ports.\n")
    dates = [(r.parties[0].name, r.date_signed) for r in _records(text)]
    assert dates == [("Orvik Energi ASA", dt.date(2025, 4, 8)), ("Velta Holding AS", dt.date(2025, 4, 8))]


def test_a_short_name_is_the_same_party_as_the_full_name_it_begins():
    assert same_party(Party(name="Daelim", canonical="Daelim"), Party(name="Daelim Energy Corp.", canonical="x"))
    assert not same_party(Party(name="Daelim", canonical="Daelim"), Party(name="Orvik Energy", canonical="y"))


def test_a_later_mention_of_a_terminated_deal_with_short_names_merges_into_one_record():
    text = (" date 2024-11-22 Daelim Energy Corp. has terminated its joint venture agreement with Song Hoa Power "
            "Joint Stock Company for a gas plant.\n\n"
            "Daelim said its board had approved the termination of the joint venture agreement, which the two "
            "companies signed in 2021.\n")
    assert len(_records(text)) == 1
