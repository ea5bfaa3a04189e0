"""What is saved matches what is shown (issue 13): what derives from a record's fields follows an edit, and
the flags that tell a reviewer where to look."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from summariser.flags import duplicates, not_a_name, record_flags
from summariser.review.model import QueueFilter
from summariser.review.service import ReviewService
from summariser.schema import AgreementRecord, Party
from summariser.store.repo import Store
from summariser.summary import template_summary


@pytest.fixture
def ann(store_path: Path):
    with Store(store_path) as store:
        yield ReviewService(store, "ann")


def test_a_program_written_summary_follows_corrected_parties_and_a_written_one_stays(ann: ReviewService) -> None:
    ann.goto(1)  # seed 002: SOCAR and QazaqGaz
    record = ann.current().shown.model_copy(update={"location": "Baku"})
    ann.edit(record.model_copy(update={"summary": template_summary(record)}))
    ann.goto(1)
    data = ann.current().shown.model_dump(mode="json")
    data["parties"][1] = {"name": "Kazakh QazaqGaz", "canonical": "QazaqGaz"}
    saved = ann.edit(data).edited_record
    assert saved.summary.startswith("SOCAR and Kazakh QazaqGaz signed") and "in Baku" in saved.summary
    ann.goto(1)
    data = ann.current().shown.model_dump(mode="json")
    data["parties"][1]["name"] = "QazaqGaz"
    data["summary"] = "Written by ann."
    assert ann.edit(data).edited_record.summary == "Written by ann."


def test_flags_queue_entry_and_filters_follow_the_saved_version(ann: ReviewService) -> None:
    ann.goto(6)  # seed 004, dated: give it another party and drop its date
    item = ann.current()
    assert "no_date" not in item.flags
    data = item.shown.model_dump(mode="json")
    data.update(date_signed=None, agreement_type="contract")
    data["parties"][1] = {"name": "Sumgait Technological Park", "canonical": "STP"}
    decision = ann.edit(data)
    assert decision.flags is not None and "no_date" in decision.flags.split()
    entry = ann.queue[6]
    assert "no_date" in entry.flags and entry.agreement_type == "contract"
    assert entry.first_parties == ("SOCAR", "Sumgait Technological Park")
    ann.reload(QueueFilter(flags=frozenset({"no_date"})))
    assert entry.record_id in [q.record_id for q in ann.queue]
    ann.reload(QueueFilter(agreement_type="contract"))
    assert entry.record_id in [q.record_id for q in ann.queue]
    ann.reload(QueueFilter())
    ann.undo()  # back to the suggestion: so is the queue entry
    entry = ann.queue[ann.position]
    assert "no_date" not in entry.flags and entry.agreement_type == "memorandum_of_understanding"


def test_quotes_no_longer_back_a_field_the_edit_emptied(ann: ReviewService) -> None:
    ann.goto(6)
    data = ann.current().shown.model_dump(mode="json")
    data["evidence"][0]["fields"] += ["date_signed"]
    ann.edit(data)
    ann.goto(6)
    data = ann.current().shown.model_dump(mode="json")
    data["date_signed"] = None
    saved = ann.edit(data).edited_record
    assert saved.evidence[0].fields == ["parties", "agreement_type", "status"]


def test_the_words_give_the_date_and_the_sentence_becomes_its_quote(ann: ReviewService) -> None:
    ann.goto(4)  # seed 003, published 2020-02-20; it says "... on December 10, 2019."
    data = ann.current().shown.model_dump(mode="json")
    data.update(date_signed=None, date_text="December 10, 2019")
    saved = ann.edit(data).edited_record
    assert saved.date_signed == dt.date(2019, 12, 10)
    quote = [e for e in saved.evidence if "date_signed" in e.fields]
    assert len(quote) == 1 and quote[0].quote.endswith("Sumgait Technological Park on December 10, 2019.")
    ann.goto(4)
    data = ann.current().shown.model_dump(mode="json")
    data.update(date_signed=None, date_text="2019")  # a year only: kept as the article's words
    saved = ann.edit(data).edited_record
    assert saved.date_signed is None and saved.date_text == "2019"


def test_the_names_offered_are_the_articles_records_parties_and_signatories(ann: ReviewService) -> None:
    ann.goto(1)
    data = ann.current().shown.model_dump(mode="json")
    data["signatories"] = [{"name": "Rovshan Najaf", "title": "President", "organisation": "SOCAR"}]
    ann.edit(data)
    orgs, people = ann.article_names(ann.queue[1].document_id)
    assert orgs["QazaqGaz"] == "QazaqGaz" and {"Kazakhstan", "Acme Widgets Ltd"} <= set(orgs)
    assert people == ["Rovshan Najaf"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Back", True),
        ("Kathmandu Monday", True),
        ("Memorandum of Understandings", True),
        ("SOCAR", False),
        ("Azerbaijan", False),
        ("Sumgayit Technologies Park", False),
    ],
)
def test_a_party_that_is_no_organisation_name_is_flagged(name: str, expected: bool) -> None:
    text = "Back in 2019, SOCAR and Azerbaijan's Sumgayit Technologies Park met in Kathmandu on Monday. He came back."
    assert not_a_name(name, text) is expected


def test_records_of_one_article_alike_are_flagged_as_duplicates() -> None:
    def rec(*names: str, kind: str = "memorandum_of_understanding") -> AgreementRecord:
        return AgreementRecord(
            parties=[Party(name=n, canonical=n) for n in names], agreement_type=kind, status="signed"
        )

    records = [rec("SOCAR", "Petronas"), rec("Petronas", "SOCAR"), rec("SOCAR", "Petronas", kind="contract")]
    assert duplicates(records) == [True, True, False]
    assert "party_not_a_name" in record_flags(rec("SOCAR", "Memorandum of Understanding"), "SOCAR signed a MoU.")


def test_queue_rows_tell_records_apart(ann: ReviewService) -> None:
    from review_tui.widgets.queue import queue_label

    item = ann.queue[3]
    assert item.first_parties == ("SOCAR", "Acme Widgets Ltd") and item.short_parties == ("SOCAR", "Acme")
    assert queue_label(item) == " !002 Ctr plan SOCAR/Acme"  # status, short names; ! for its grounding flags
    assert queue_label(ann.queue[1]) == "  002 MoU sig SOCAR/QazaqGaz"  # a missing date alone is no `!`
