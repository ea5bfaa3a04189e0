"""The review app driven by Pilot (App.run_test) on real stores."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Button, Input, Label

from review_tui import ReviewApp
from review_tui.screens.dialogs import HistoryScreen
from review_tui.screens.edit import EditScreen
from review_tui.widgets.article import ArticleView
from review_tui.widgets.keybar import KeyBar
from review_tui.widgets.record import RecordPanel
from summariser.review.service import ReviewService
from summariser.store.repo import Store

SIZE = (80, 24)


def on_disk(path: Path) -> dict[str, tuple]:
    conn = sqlite3.connect(path)
    try:
        return {r[0]: tuple(r[1:]) for r in conn.execute("SELECT record_id, state, reviewer, reason FROM decisions")}
    finally:
        conn.close()


def shown_record(app: ReviewApp) -> str | None:
    item = app.review_screen.item
    return item.record_id if item else None


async def test_accept_commits_and_shows_the_next_record(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            first = shown_record(app)
            await pilot.press("a")
            assert on_disk(store_path) == {first: ("accepted", "ann", None)}
            # That was its article's only record: the article is shown (to add what was missed or mark it
            # done), and n goes on to the next record.
            assert shown_record(app) is None and app.review_screen.on_article is not None
            assert "done 1/7" in str(app.screen.query_one("#progress").render())
            await pilot.press("n")
            assert shown_record(app) == app.service.queue[1].record_id


async def test_reject_with_a_reason(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            first = shown_record(app)
            await pilot.press("x", *"dup", "enter")
            assert on_disk(store_path) == {first: ("rejected", "ann", "dup")}
            await pilot.press("x", "escape")  # cancelled: nothing more
            assert len(on_disk(store_path)) == 1


async def test_letters_typed_in_the_search_box_decide_nothing(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash", *"axe u", "backspace", "backspace", "backspace", "backspace", "backspace")
            assert on_disk(store_path) == {}
            await pilot.press(*"QazaqGaz", "enter")
            assert on_disk(store_path) == {}
            assert [q.first_parties for q in app.service.queue] == [("SOCAR", "QazaqGaz")]
            assert shown_record(app) == app.service.queue[0].record_id


async def test_edit_saves_the_reviewers_version(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            first = shown_record(app)
            await pilot.press("e")
            assert isinstance(app.screen, EditScreen)
            app.screen.query_one("#location", Input).value = "Baku"
            app.screen.query_one("#date_signed", Input).value = "2026-01-27"
            await pilot.press("ctrl+s")
            assert not isinstance(app.screen, EditScreen)
            assert on_disk(store_path)[first][0] == "edited"
            edited = app.service.history(first)[-1].after.edited_record
            assert edited.location == "Baku" and edited.date_signed.isoformat() == "2026-01-27"


async def test_invalid_edit_is_shown_at_the_field_and_cannot_be_saved(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("e")
            form = app.screen
            form.query_one("#date_signed", Input).value = "2026-13-40"
            await pilot.pause()
            error = form.query_one("#err-date_signed", Label)
            assert error.display and "YYYY-MM-DD" in str(error.render())
            form.query_one(".ev-quote", Input).value = "a sentence that is nowhere in the article"
            await pilot.press("ctrl+s")
            assert app.screen is form  # still open
            row_error = form.query_one(".evidence-row .error", Label)
            assert row_error.display and "not in the article" in str(row_error.render())
            assert on_disk(store_path) == {}
            await pilot.press("escape")
            assert on_disk(store_path) == {}


async def test_selected_article_text_becomes_a_grounded_quote(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            first = shown_record(app)
            # What a mouse selection in the article hands the edit form.
            screen = app.review_screen
            screen.get_selected_text = lambda: "SOCAR President Rovshan Najaf"  # type: ignore[method-assign]
            await pilot.press("e")
            app.screen.query_one("#add-selected", Button).press()
            await pilot.pause()
            rows = app.screen.query(".ev-fields").results(Input)
            new_fields = list(rows)[-1]
            new_fields.value = "signatories"
            await pilot.press("ctrl+s")
            assert on_disk(store_path)[first][0] == "edited"
            ev = app.service.history(first)[-1].after.edited_record.evidence[-1]
            assert ev.grounded and ev.quote == "SOCAR President Rovshan Najaf"


async def test_mouse_selection_in_the_article_is_the_article_text(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            article = app.screen.query_one(ArticleView)
            # Drag across a wrapped line end: the text comes from the article, not from the screen's lines.
            await pilot.mouse_down(article, offset=(5, 2))
            await pilot.hover(article, offset=(20, 3))
            await pilot.mouse_up(article, offset=(20, 3))
            await pilot.pause()
            selected = app.screen.get_selected_text()
            assert selected and "\n" not in selected and len(selected) > 30
            assert selected in app.review_screen.item.document.text


async def test_undo_restores_and_goes_back(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            first = shown_record(app)
            await pilot.press("a", "n", "a", "u")
            assert list(on_disk(store_path)) == [first]
            assert shown_record(app) == app.service.queue[1].record_id
            await pilot.press("u")
            assert on_disk(store_path) == {}
            assert shown_record(app) == first
            await pilot.press("h")
            assert isinstance(app.screen, HistoryScreen)
            assert [e.action for e in app.screen.events] == ["accept", "undo"]


async def test_reopening_resumes_at_the_first_undecided_record(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("a", "n", "x", "enter", "space")
            third = app.service.queue[3].record_id
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE):
            assert shown_record(app) == third


async def test_keys_are_remapped_from_settings(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann", keys={"accept": "y"})
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("a")
            assert on_disk(store_path) == {}
            await pilot.press("y")
            assert len(on_disk(store_path)) == 1
            bar = str(app.screen.query_one(KeyBar).render())
            assert "y Accept" in bar and "a Accept" not in bar and "^p palette" in bar


async def test_clicking_a_key_in_the_key_bar_presses_it(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            first = shown_record(app)
            await pilot.click(KeyBar, offset=(3, 0))  # on "Accept"
            await pilot.pause()
            assert on_disk(store_path)[first][0] == "accepted"
            assert shown_record(app) != first


async def test_a_conflict_with_another_reviewer_is_shown_and_nothing_is_overwritten(store_path: Path) -> None:
    with Store(store_path) as store, Store(store_path) as other:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            first = shown_record(app)
            bob = ReviewService(other, "bob")
            bob.current()
            bob.reject("bob says no")
            await pilot.press("a")
            assert on_disk(store_path)[first] == ("rejected", "bob", "bob says no")
            assert any("conflict" in n.message for n in app._notifications)
            assert shown_record(app) == first  # ann stays on it, now seeing bob's decision
            assert "REJECTED by bob" in str(app.screen.query_one(RecordPanel).render())


async def test_palette_filter(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+p", *"grounding problems")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert [q.first_parties for q in app.service.queue] == [("SOCAR", "Acme Widgets Ltd")]
            panel = str(app.screen.query_one(RecordPanel).render())
            assert "UNGROUNDED QUOTE" in panel and "PARTY NOT IN TEXT" in panel
