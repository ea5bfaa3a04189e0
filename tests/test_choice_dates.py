"""Date normalisation as one mechanism: the article's date is the reference, the signing clause governs
(invented names throughout)."""

from __future__ import annotations

import datetime as dt

from summariser.documents import document_from_text
from summariser.extract.strategies.choice import extract_records
from summariser.extract.strategies.choice.dates import signing_date

TUESDAY = dt.date(2025, 6, 3)  # a Tuesday


def _records(date: str, body: str):
    return extract_records(document_from_text(f" date {date} {body}", "x.txt"), None, None)[0]


def test_a_weekday_in_the_signing_clause_is_the_last_such_day_up_to_the_article_date():
    assert signing_date("Velbro and Quarro on Tuesday signed a memorandum.", reported=TUESDAY).value == TUESDAY
    assert signing_date("Velbro and Quarro signed a contract on Friday.", reported=TUESDAY).value == dt.date(2025, 5, 30)


def test_a_weekday_outside_the_signing_clause_or_without_a_week_is_no_signing_date():
    assert signing_date("In a filing on Monday, Velbro said it signed the deal in May 2021.", reported=TUESDAY) is None
    assert signing_date("Velbro and Quarro signed an agreement last Tuesday.", reported=TUESDAY) is None
    assert signing_date("The agreement, signed in 2019, was terminated, Velbro said on Monday.", reported=TUESDAY) is None


def test_a_date_told_with_a_speech_verb_is_when_the_news_was_told():
    assert signing_date("Velbro signed the contract, the company announced on 2 June.", reported=TUESDAY) is None


def test_a_date_given_to_several_agreements_applies_to_each_listed_after_it():
    recs = _records("2025-06-03", "Firms signed four agreements at the Orrin forum on June 2. "
                    "Velbro Ltd and Quarro Corp signed a memorandum of understanding on storage. "
                    "Trosk AG and Pellan Oy signed a supply contract.")
    assert [r.date_signed for r in recs] == [dt.date(2025, 6, 2)] * 2
    # The date is quoted where the article gives it.
    assert any("four agreements" in e.quote and e.fields == ["date_signed"] for e in recs[1].evidence)


def test_a_signing_with_a_time_of_its_own_is_not_on_the_occasion():
    recs = _records("2025-06-03", "Firms signed four agreements at the Orrin forum on June 2. "
                    "Velbro Ltd and Quarro Corp had signed a supply contract in 2019.")
    assert [r.date_signed for r in recs] == [None]


def test_a_definite_mention_later_in_a_sentence_adds_its_date_to_the_agreement_reported():
    recs = _records("2025-06-03", "Velbro Ltd and Quarro Corp have terminated their joint venture agreement. "
                    "The partners had signed the joint venture agreement on 8 March 2022 to build a plant.")
    assert [(r.status.value, r.date_signed) for r in recs] == [("terminated", dt.date(2022, 3, 8))]


def test_a_definite_mention_with_a_restrictive_clause_may_be_a_new_agreement():
    recs = _records("2025-06-03", "Velbro Ltd and Quarro Corp signed a cooperation agreement on 2 June 2025. "
                    "It follows the memorandum of understanding that Velbro Ltd and Quarro Corp signed in 2021.")
    assert sorted(r.agreement_type.value for r in recs) == ["cooperation_agreement", "memorandum_of_understanding"]
