"""Lists of agreements: "X and Y signed 4 deals", then one item per agreement (an article written here)."""

from __future__ import annotations

import datetime as dt

from summariser.extract.strategies.choice import extract_records
from summariser.schema import Document

ARTICLE = """Valdoria and Ostrelia on Monday signed four agreements during the state visit to the capital.
The full list of the agreements:
- MOU on cooperation in renewable energy;
- MOU between the Valdorian Ministry of Health and the Ostrelian Institute of Public Health;
- Loan agreement between the Valdorian Development Bank and Ostrelia;
- Program for cooperation in tourism between Valdoria and Ostrelia;
"""


def _records(text: str):
    doc = Document(id="t", path="t.txt", text=text, reported=dt.date(2026, 3, 2))
    return extract_records(doc, None, None)[0]


def test_each_item_of_a_list_of_signed_agreements_is_one_signed_agreement() -> None:
    records = _records(ARTICLE)
    items = [r for r in records if "mention.list-item" in r.rules]
    quoted = {e.quote for r in items for e in r.evidence}
    assert sum(q.startswith("- ") for q in quoted) == 4  # every item is evidence of a record
    assert all(str(r.status) == "signed" for r in items)
    energy = next(r for r in items if r.evidence[0].quote.startswith("- MOU on cooperation in renewable"))
    assert [p.name for p in energy.parties] == ["Valdoria", "Ostrelia"]  # no parties: the announcement's
    assert "parties.from-list-announcement" in energy.rules
    health = next(r for r in items if "Ministry of Health" in r.evidence[0].quote)
    assert [p.name for p in health.parties] == ["Valdorian Ministry of Health", "Ostrelian Institute of Public Health"]


def test_items_are_never_merged_into_one_agreement() -> None:
    records = _records(ARTICLE)
    between_states = [r for r in records if [p.name for p in r.parties] == ["Valdoria", "Ostrelia"]]
    # The MOU on energy stays apart from the tourism programme (which completes the announcement's record).
    assert len(between_states) == 2
    assert [str(r.agreement_type) for r in between_states] == ["other", "memorandum_of_understanding"]


def test_a_bulleted_headline_of_another_story_is_not_an_item() -> None:
    text = ARTICLE + "Related\n• Korvan Power inks supply agreement with Meltrax Grid\n"
    assert not any("Korvan Power" in [p.name for p in r.parties] for r in _records(text))


def test_bullets_without_an_announcement_make_no_records() -> None:
    text = "Markets were calm on Monday across the region.\n- MOU between Korvan Power and Meltrax Grid on storage;\n"
    assert _records(text) == []
