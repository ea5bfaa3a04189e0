"""The article flow of the review app, driven by Pilot on real stores: add a record (keyboard selection,
mouse selection, blank), complete an article, jump to the next uncovered cue sentence."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Input

from review_tui import ReviewApp
from review_tui.screens.dialogs import HistoryScreen
from review_tui.screens.edit import EditScreen
from review_tui.widgets.article import ArticleView
from review_tui.widgets.queue import QueueView
from review_tui.widgets.record import RecordPanel
from summariser.store.articles import Article
from summariser.store.repo import Store

SIZE = (100, 30)


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)  # a separate connection: only what was committed
    try:
        return list(conn.execute(sql))
    finally:
        conn.close()


def panel_text(app: ReviewApp) -> str:
    return "\n".join(app.screen.query_one(RecordPanel).plain_lines)


async def fill_parties(app: ReviewApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Two parties, whatever the draft found (the form's own + party button adds rows)."""
    form = app.screen
    names = [i for i in form.query("#parties Input").results(Input)]
    while len(names) < 4:  # name + canonical per party
        form.query_one("#add-parties").press()
        await pilot.pause()
        names = [i for i in form.query("#parties Input").results(Input)]
    for i, value in enumerate(("Alpha Energy", "Alpha", "Beta Power", "Beta")):
        if not names[i].value:
            names[i].value = value


async def test_the_queue_lists_articles_with_their_records_and_the_empty_one(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE):
            queue = app.screen.query_one(QueueView)
            articles = [r for r in queue.items if isinstance(r, Article)]
            assert len(articles) == 5 and articles[0].records == 0  # 000 has no records, listed all the same
            assert len(queue.items) == 5 + 7


async def test_add_a_record_from_a_keyboard_selection(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            doc = app.review_screen.item.document
            await pilot.press("right_square_bracket", "shift+down", "shift+left")  # a sentence, one more, one word less
            start, end = app.screen.query_one(ArticleView).selected_span()
            assert end > start and not doc.text[start:end].endswith(" ")
            await pilot.press("plus")
            assert isinstance(app.screen, EditScreen)
            assert app.screen.query_one(".ev-quote", Input).value == doc.text[start:end]
            await fill_parties(app, pilot)
            await pilot.press("ctrl+s")
            assert not isinstance(app.screen, EditScreen)
            added = rows(store_path, "SELECT r.id, r.added_by, d.state FROM records r JOIN decisions d ON d.record_id = r.id"
                                     " WHERE r.added_by IS NOT NULL")  # fmt: skip
            assert [(a[1], a[2]) for a in added] == [("ann", "added")]
            assert app.review_screen.item.record_id == added[0][0]  # the new record is on screen


async def test_add_a_record_from_a_mouse_selection(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            article = app.screen.query_one(ArticleView)
            await pilot.mouse_down(article, offset=(2, 1))
            await pilot.hover(article, offset=(30, 1))
            await pilot.mouse_up(article, offset=(30, 1))
            await pilot.pause()
            start, end = article.selected_span()
            quote = article.text[start:end]
            assert quote.strip()
            await pilot.press("plus")
            assert app.screen.query_one(".ev-quote", Input).value == quote
            await fill_parties(app, pilot)
            await pilot.press("ctrl+s")
            assert rows(store_path, "SELECT COUNT(*) FROM records WHERE added_by = 'ann'") == [(1,)]


async def test_add_a_blank_record_needs_a_quote(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("plus")
            form = app.screen
            assert isinstance(form, EditScreen) and not form.query(".ev-quote")
            await fill_parties(app, pilot)
            await pilot.press("ctrl+s")
            assert app.screen is form  # refused: no evidence
            assert "at least one quote" in str(form.query_one("#err-evidence").render())
            await pilot.press("escape")
            assert rows(store_path, "SELECT COUNT(*) FROM records WHERE added_by IS NOT NULL") == [(0,)]


async def test_deciding_an_articles_last_record_shows_the_article_then_d_completes_it(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            doc = app.review_screen.item.document
            await pilot.press("a")  # 001's only record
            screen = app.review_screen
            assert screen.item is None and screen.on_article is not None
            assert screen.on_article.document_id == doc.id and "Article 001" in panel_text(app)
            await pilot.press("d")
            assert rows(store_path, "SELECT document_id, state, reviewer FROM article_reviews") == [
                (doc.id, "complete", "ann")
            ]
            # on to the next article's first undecided record
            assert screen.item is not None and screen.item.document.id != doc.id
            await pilot.press("d")  # its records are undecided: refused, nothing written
            assert len(rows(store_path, "SELECT * FROM article_reviews")) == 1
            await pilot.press("u")  # undoes the completion, and shows that article
            assert rows(store_path, "SELECT state FROM article_reviews") == [("open",)]
            assert screen.on_article is not None and screen.on_article.document_id == doc.id
            await pilot.press("h")  # the article's own history
            assert isinstance(app.screen, HistoryScreen)
            assert [e.action for e in app.screen.events] == ["complete", "undo"]


async def test_c_jumps_to_the_next_uncovered_cue_sentence(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            screen = app.review_screen
            doc = screen.item.document.id
            uncovered = screen.articles.view(doc).uncovered
            await pilot.press("c")
            pane = screen.query_one(ArticleView)
            if uncovered:
                assert pane.selected_span() == uncovered[0]
                assert pane.cues == uncovered
                await pilot.press("c")
                assert pane.selected_span() == (uncovered[1] if len(uncovered) > 1 else uncovered[0])
            else:
                assert pane.selected_span() is None


async def test_review_opens_at_the_named_article(store_path: Path) -> None:
    with Store(store_path) as store:
        first = store.conn.execute("SELECT id FROM documents ORDER BY path LIMIT 1").fetchone()[0]
        app = ReviewApp(store, "ann", document=first)
        async with app.run_test(size=SIZE):
            assert app.review_screen.on_article is not None
            assert app.review_screen.on_article.document_id == first
            assert "Article 000" in panel_text(app)
