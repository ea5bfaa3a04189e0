"""Party finding: appositive descriptions, wire sources, "through" a ministry, clause-bound partners (invented names)."""

from summariser.extract.strategies.choice.candidates import find_candidates
from summariser.extract.strategies.choice.furniture import prose_sentences
from summariser.extract.strategies.choice.parties import find_parties


def _parties(sentence: str) -> list[str]:
    return [c.name for c in find_parties(sentence, find_candidates(sentence))]


def test_appositive_description_between_two_parties_is_skipped():
    s = ("Veltrona Pumpen GmbH, a Munich-based maker of industrial pumps, and Korvath Fluids Limited (KFL), "
         "one of Ruritania's largest water utilities, today announced the signing of a joint venture agreement.")
    assert _parties(s) == ["Veltrona Pumpen GmbH", "Korvath Fluids Limited"]


def test_a_wire_service_in_the_dateline_is_a_source_not_a_party():
    s = ("OSLO, March 3 (Zephyr Wire) - The Quellmark Port Authority has signed a concession contract "
         "with Dunmere Terminals PJSC, the authority said.")
    assert _parties(s) == ["Quellmark Port Authority", "Dunmere Terminals PJSC"]


def test_the_body_a_government_acts_through_is_the_party():
    s = ("THE Government through the Ministry of Lakes and Forests has signed a cooperation agreement with "
         "exploration company Brannoch Minerals Corp. for geological mapping.")
    assert _parties(s) == ["Ministry of Lakes and Forests", "Brannoch Minerals Corp."]


def test_a_partner_after_a_new_clause_is_not_a_party():
    s = ("Tessaly Pharma AB has terminated the agreement following delays in the approval process with "
         "the Oberland Medicines Agency.")
    assert _parties(s) == []


def test_a_partner_right_after_the_agreement_noun_is_kept_even_after_a_subordinate_word():
    s = "Morvane Mining was awarded its licences after signing an exploration agreement with the Ministry of Rocks."
    assert _parties(s) == ["Morvane Mining", "Ministry of Rocks"]


def test_ordinal_openers_and_currencies_are_not_names():
    s = "Second, Pelloria Ports concluded a framework agreement with Cadrell Logistics for US$40 million."
    assert _parties(s) == ["Pelloria Ports", "Cadrell Logistics"]
    assert "US" not in [c.name for c in find_candidates(s)]


def test_a_sentence_split_after_a_legal_abbreviation_is_rejoined():
    text = ("Quorvex Technologies Pte. Ltd. (\"Quorvex\"), a provider of payments software, and Banco Ferral "
            "S.A. today announced that they have signed a cooperation agreement.")
    spans = prose_sentences(text)
    assert len(spans) == 1 and spans[0].text(text).startswith("Quorvex Technologies Pte. Ltd.")


def test_talks_that_ended_without_an_agreement_name_no_agreement():
    from summariser.extract.strategies.choice.cues import find_cues

    cues = find_cues("Talks between Ardent Gas and Pellar Trading on LNG deliveries ended without an agreement.")
    assert cues.types == []
