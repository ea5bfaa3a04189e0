"""Editing fast and knowing where one stands (issue 13), driven by Pilot on a real store."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label

from review_tui import ReviewApp
from review_tui.screens.dialogs import HistoryScreen
from review_tui.widgets.article import ArticleView
from summariser.store.repo import Store

SIZE = (80, 24)


async def back_to(app: ReviewApp, pilot, record_id: str) -> None:  # type: ignore[no-untyped-def]
    """Select the record's row in the queue (after its article's last decision the app shows the article)."""
    screen = app.review_screen
    screen.goto_row(screen.row_of[record_id])
    await pilot.pause()


def messages(app: ReviewApp) -> str:
    return " | ".join(n.message for n in app._notifications)


async def test_the_form_opens_in_the_first_field_and_moving_in_keeps_the_text(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("e")
            await pilot.pause()
            first = app.screen.query(".party-name").first(Input)
            assert app.focused is first
            await pilot.press("x", "tab", "y")  # typed at the end: nothing replaced
            assert first.value == "SOCARx"
            # the canonical name followed the name, and typing in it goes to its end too
            assert app.screen.query(".party-canonical").first(Input).value == "SOCARxy"


async def test_jump_keys_reach_each_section(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("e")
            await pilot.pause()
            for key, expected in (("alt+d", "date_text"), ("alt+m", "summary"), ("alt+s", "add-signatories"),
                                  ("alt+t", "agreement_type"), ("alt+c", "scope")):
                await pilot.press(key)
                assert app.focused is not None and app.focused.id == expected, key
            await pilot.press("alt+e")
            assert app.focused.has_class("ev-quote")
            await pilot.press("alt+p")
            assert app.focused.has_class("party-name")


async def test_names_are_offered_and_the_canonical_name_follows(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "e")  # seed 002, where the records name Kazakhstan
            await pilot.pause()
            second = list(app.screen.query(".party-name").results(Input))[1]
            second.focus()
            await pilot.press("ctrl+u", *"Kaz")
            await pilot.pause(0.2)
            await pilot.press("right")
            assert second.value == "Kazakhstan"
            canonical = list(app.screen.query(".party-canonical").results(Input))[1]
            assert canonical.value == "Kazakhstan"
            await pilot.press("ctrl+u", *"Kazakh QazaqGaz JSC")
            assert canonical.value == "Kazakh QazaqGaz"  # the legal form is no part of the short name
            fields = app.screen.query(".ev-fields").first(Input)
            fields.focus()
            await pilot.press("end", *", da")
            await pilot.pause(0.2)
            await pilot.press("right")
            assert fields.value.endswith(", date_signed")


async def test_errors_are_plain_words_at_their_field(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("e")
            await pilot.pause()
            list(app.screen.query(".party-row .remove").results())[1].press()
            await pilot.pause()
            await pilot.press("ctrl+s")
            error = app.screen.query_one("#err-parties", Label)
            assert error.display and str(error.render()) == "an agreement needs at least two parties"


async def test_the_article_stays_readable_while_editing(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("e")
            await pilot.pause()
            article = app.screen.query_one("#edit-article", ArticleView)
            assert article.display and article.region.width > 30  # beside the form
            assert "SOCAR" in article.text
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("e")
            await pilot.pause()
            article = app.screen.query_one("#edit-article", ArticleView)
            assert article.region.width == 0
            await pilot.press("alt+a")
            await pilot.pause()
            assert article.region.width > 60 and app.screen.query_one("#edit-dialog").region.width == 0
            await pilot.press("alt+p")  # a jump key brings the form back
            await pilot.pause()
            assert app.screen.query_one("#edit-dialog").region.width > 0
            await pilot.press("escape")
            await pilot.press("m")  # the article over the whole screen, from the review screen
            await pilot.pause()
            assert app.screen.maximized is app.screen.query_one("#article")
            await pilot.press("m")
            assert app.screen.maximized is None


async def test_undo_and_the_end_of_the_queue_say_where_one_stands(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("a", "u")
            assert "undid your accepted: the record is undecided again; moved to it (1/7)" in messages(app)
            await pilot.press("space", "end")
            await pilot.pause()
            await pilot.press("a")
            assert "6 record(s) still need a decision, 1 of them skipped" in messages(app)


async def test_history_says_what_an_edit_changed_and_that_a_conflict_applied_nothing(store_path: Path) -> None:
    with Store(store_path) as store, Store(store_path) as other:
        from summariser.review.service import ReviewService

        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("e")
            await pilot.pause()
            app.screen.query_one("#location", Input).value = "Baku"
            await pilot.press("ctrl+s")
            await back_to(app, pilot, app.service.queue[0].record_id)
            bob = ReviewService(other, "bob")
            bob.goto(0)
            bob.current()
            app.review_screen.refresh_from_store()
            bob.reject(confirm=True)
            await pilot.press("a")  # on a stale view: refused
            await pilot.press("h")
            assert isinstance(app.screen, HistoryScreen)
            lines = " ".join(str(s.render()) for s in app.screen.query(".event"))
            assert "version kept changes: location" in lines
            assert "conflict: tried accepted by ann" in lines and "nothing was applied" in lines


async def test_the_form_scrolls_to_the_first_error(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("e")
            await pilot.pause()
            form = app.screen.query_one("#edit-form")
            assert form.scroll_y == 0
            app.screen.query(".ev-quote").first(Input).value = "words that are nowhere in the article"
            await pilot.press("alt+p", "ctrl+s")  # saved from the top of the form
            await pilot.pause(0.3)
            error = app.screen.query_one(".evidence-row .error", Label)
            assert error.display and "not in the article" in str(error.render())
            assert form.scroll_y > 0 and form.region.contains_region(error.region)
