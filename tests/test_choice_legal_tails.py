"""Multi-token legal forms stay with their name; a signing's purpose is not talk; scheduled signings are plans."""

from summariser.extract.strategies.choice.candidates import find_candidates
from summariser.extract.strategies.choice.cues import find_cues
from summariser.schema import Status


def _names(text: str) -> list[str]:
    return [c.name for c in find_candidates(text) if c.kind == "org"]


def test_multi_token_legal_forms_are_one_name():
    text = "Yesterday Brekkvik Vind A/S, Oderpumpen GmbH & Co. KG and Zielbud Montaz sp. z o.o. signed a deal."
    assert _names(text) == ["Brekkvik Vind A/S", "Oderpumpen GmbH & Co. KG", "Zielbud Montaz sp. z o.o."]


def test_persero_in_parentheses_keeps_the_acronym_after_it():
    cands = find_candidates("Yesterday PT Dermaga Selatan (Persero) (DSP) and Qirmiz Ports LLC signed a lease.")
    assert [(c.name, c.alias) for c in cands] == [("PT Dermaga Selatan (Persero)", "DSP"), ("Qirmiz Ports LLC", None)]


def test_purpose_after_signing_is_not_a_status():
    cues = find_cues("Velmora signed a memorandum with Ostrakon to jointly explore salt flats.")
    assert cues.statuses == [Status.signed]


def test_scheduled_signing_is_planned():
    cues = find_cues("Velmora and Ostrakon are scheduled to sign a lease agreement on July 2.")
    assert Status.planned in cues.statuses and Status.signed not in cues.statuses


def test_contract_to_supply_names_the_partner():
    from summariser.extract.strategies.choice.parties import find_parties

    text = "In zinc, Velmora Minera SpA signed a contract to supply Ostrakon Smelting Co., Ltd. with ore."
    assert [c.name for c in find_parties(text, find_candidates(text))] == ["Velmora Minera SpA", "Ostrakon Smelting Co., Ltd."]


def test_short_form_from_the_middle_of_a_name_is_that_organisation():
    from summariser.documents import document_from_text
    from summariser.extract.strategies.choice.pipeline import extract_records

    raw = (" date 2025-01-02 Compania Velmora SpA announced results. "
           "Velmora also signed a memorandum of understanding with Ostrakon Group to study salt flats.")
    records, _, _ = extract_records(document_from_text(raw, "x.txt"), None)
    assert [p.name for p in records[0].parties] == ["Compania Velmora SpA", "Ostrakon Group"]
