"""No keystroke loses or corrupts a reviewer's work (issue 13): each case failed on the code before the fix."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Label

from review_tui import ReviewApp
from review_tui.screens.dialogs import ConfirmScreen
from review_tui.screens.edit import EditScreen
from summariser.documents import document_from_text
from summariser.review.checks import checked_edit
from summariser.review.model import EditError, OverrideNeeded, State
from summariser.review.service import ReviewService
from summariser.schema import AgreementRecord, Party
from summariser.store.repo import Store

SIZE = (80, 24)


async def back_to(app: ReviewApp, pilot, record_id: str) -> None:  # type: ignore[no-untyped-def]
    """Select the record's row in the queue (after its article's last decision the app shows the article)."""
    screen = app.review_screen
    screen.goto_row(screen.row_of[record_id])
    await pilot.pause()


def stored(path: Path, record_id: str) -> tuple[str, AgreementRecord | None]:
    """The decision on disk (a separate connection sees only what was committed)."""
    conn = sqlite3.connect(path)
    try:
        state, record_json = conn.execute(
            "SELECT state, record_json FROM decisions WHERE record_id = ?", (record_id,)
        ).fetchone()
    finally:
        conn.close()
    return state, AgreementRecord.model_validate_json(record_json) if record_json else None


def with_date(service: ReviewService) -> dict:
    """The record on screen (seed 004) with the signing date and the article's words for it."""
    data = service.current().shown.model_dump(mode="json")
    data.update(date_signed="2019-12-10", date_text="Dec. 10, 2019", location="Baku")
    return data


# ---------------------------------------------------------------- `a` on an edited record keeps the edit
def test_accepting_an_edited_record_keeps_the_edited_version(store_path: Path) -> None:
    with Store(store_path) as store:
        ann = ReviewService(store, "ann")
        ann.goto(6)
        rid = ann.current_item.record_id
        ann.edit(with_date(ann))
        ann.goto(6)
        ann.current()
        decision = ann.accept()
        state, record = stored(store_path, rid)
        assert decision.state is State.edited and state == "edited"
        assert record is not None and record.location == "Baku"
        assert (ann.progress().edited, ann.progress().accepted) == (1, 0)


async def test_pressing_a_on_an_edited_record_in_the_app_keeps_the_edit(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            rid = app.review_screen.item.record_id
            await pilot.press("e")
            app.screen.query_one("#location", Input).value = "Baku"
            await pilot.press("ctrl+s")
            await back_to(app, pilot, rid)
            await pilot.press("a")
            assert [e.action for e in app.service.history(rid)] == ["edit", "accept"]
            state, record = stored(store_path, rid)
            assert state == "edited" and record is not None and record.location == "Baku"
            assert "✎1" in str(app.screen.query_one("#progress").render())


# ---------------------------------------------------------------- a decision over another reviewer's
def test_a_decision_over_another_reviewers_decision_asks_and_keeps_their_edit(store_path: Path) -> None:
    with Store(store_path) as s1, Store(store_path) as s2:
        ann, bob = ReviewService(s1, "ann"), ReviewService(s2, "bob")
        ann.goto(6)
        rid = ann.current_item.record_id
        ann.edit(with_date(ann))
        bob.goto(6)
        bob.current()
        with pytest.raises(OverrideNeeded) as asked:
            bob.reject("not signed")
        assert asked.value.theirs.reviewer == "ann" and stored(store_path, rid)[0] == "edited"
        bob.reject("not signed", confirm=True)
        ann.goto(6)
        ann.current()
        with pytest.raises(OverrideNeeded, match="bob rejected this record"):
            ann.accept()
        assert stored(store_path, rid)[0] == "rejected"
        ann.accept(confirm=True)
        state, record = stored(store_path, rid)
        assert state == "edited" and record is not None and record.date_signed == dt.date(2019, 12, 10)


async def test_the_app_shows_what_a_decision_would_replace_and_asks(store_path: Path) -> None:
    with Store(store_path) as store, Store(store_path) as other:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            rid = app.review_screen.item.record_id
            bob = ReviewService(other, "bob")
            bob.current()
            bob.reject("dup")
            app.review_screen.refresh_from_store()  # what the 15-second timer does
            assert app.service.queue[0].state is State.rejected  # the marker in ann's queue follows bob
            await pilot.press("a")
            assert isinstance(app.screen, ConfirmScreen)
            assert "bob rejected this record (dup)" in str(app.screen.query_one("#confirm-text", Label).render())
            await pilot.press("n")
            assert stored(store_path, rid)[0] == "rejected"
            await pilot.press("a", "y")
            assert stored(store_path, rid)[0] == "accepted"


# ---------------------------------------------------------------- a record with no evidence
def test_an_edit_without_evidence_is_refused(store_path: Path) -> None:
    with Store(store_path) as store:
        ann = ReviewService(store, "ann")
        data = ann.current().shown.model_dump(mode="json")
        data["evidence"] = []
        with pytest.raises(EditError) as err:
            ann.edit(data)
        assert list(err.value.errors) == ["evidence"] and "quote" in err.value.errors["evidence"]


async def test_the_form_refuses_to_save_without_evidence_and_says_so_at_the_field(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("e")
            form = app.screen
            for button in form.query("#evidence .remove").results(Button):
                button.press()
            await pilot.pause()
            await pilot.press("ctrl+s")
            assert app.screen is form
            error = form.query_one("#err-evidence", Label)
            assert error.display and "at least one quote" in str(error.render())
            assert app.service.history() == []


# ---------------------------------------------------------------- Esc on a changed form
async def test_escape_on_a_changed_form_asks_before_discarding(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            rid = app.review_screen.item.record_id
            await pilot.press("e")
            form = app.screen
            form.query_one("#location", Input).value = "Baku"
            await pilot.press("escape")
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("n")
            assert app.screen is form and form.query_one("#location", Input).value == "Baku"
            await pilot.press("ctrl+s")
            assert stored(store_path, rid)[1].location == "Baku"
            await back_to(app, pilot, rid)
            await pilot.press("e", "escape")  # nothing changed: closes at once
            assert not isinstance(app.screen, (EditScreen, ConfirmScreen))


# ---------------------------------------------------------------- a normalised quote keeps the article's text
def test_a_typed_quote_is_stored_as_the_articles_own_words(store_path: Path) -> None:
    with Store(store_path) as store:
        ann = ReviewService(store, "ann")
        ann.goto(1)
        item = ann.current()
        data = item.shown.model_dump(mode="json")
        data["evidence"].append({"fields": ["parties"], "quote": "headed by QazaqGaz's Board of Directors Chairman"})
        ev = ann.edit(data).edited_record.evidence[-1]
        assert ev.quote == "headed by QazaqGaz’s Board of Directors Chairman"
        assert item.document.text[ev.start : ev.end] == ev.quote


# ---------------------------------------------------------------- date words checked against the date
def test_date_words_that_disagree_with_the_date_are_refused(store_path: Path) -> None:
    with Store(store_path) as store:
        ann = ReviewService(store, "ann")
        ann.goto(6)
        data = with_date(ann)
        data["date_signed"] = "2020-01-22"
        with pytest.raises(EditError) as err:
            ann.edit(data)
        assert list(err.value.errors) == ["date_text"] and "does not say 2020-01-22" in err.value.errors["date_text"]
        data["date_text"] = "March 3rd"
        with pytest.raises(EditError) as err:
            ann.edit(data)
        assert "not in the article" in err.value.errors["date_text"]
        assert ann.history() == []


def test_weekday_words_are_read_against_the_articles_date() -> None:
    doc = document_from_text(" date 2026-01-28 \nAlpha Corp and Beta Ltd signed a memorandum on Monday.", "a.txt")
    record = AgreementRecord(
        parties=[Party(name="Alpha Corp", canonical="Alpha"), Party(name="Beta Ltd", canonical="Beta")],
        agreement_type="memorandum_of_understanding",
        status="signed",
        evidence=[{"fields": ["parties"], "quote": "Alpha Corp and Beta Ltd signed a memorandum on Monday."}],
    )
    monday = record.model_copy(update={"date_signed": dt.date(2026, 1, 26), "date_text": "on Monday"})
    assert checked_edit(monday, doc, record).date_signed == dt.date(2026, 1, 26)
    with pytest.raises(EditError):
        checked_edit(monday.model_copy(update={"date_signed": dt.date(2026, 1, 19)}), doc, record)


def test_every_flag_the_library_sets_has_a_label_in_the_record_panel():
    """A flag the panel cannot name is a flag the reviewer never sees."""
    from review_tui.widgets.record import FLAG_TEXT
    from summariser.flags import FLAGS

    assert set(FLAGS) <= set(FLAG_TEXT)


async def test_editing_over_another_reviewers_decision_asks_before_the_form_opens(store_path: Path) -> None:
    with Store(store_path) as store, Store(store_path) as other:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            rid = app.review_screen.item.record_id
            bob = ReviewService(other, "bob")
            bob.current()
            bob.reject("dup")
            app.review_screen.refresh_from_store()
            await pilot.press("e")
            assert isinstance(app.screen, ConfirmScreen)  # asked before any typing, so no typing is lost
            await pilot.press("y")
            assert isinstance(app.screen, EditScreen)
            app.screen.query_one("#location", Input).value = "Baku"
            await pilot.press("ctrl+s")
            state, record = stored(store_path, rid)
            assert state == "edited" and record is not None and record.location == "Baku"
