"""The agreement screen of the review app, driven by Pilot on a real store: the 2019 memorandum's two
reports side by side, and the link keys (split, undo, relink by search, confirm) written to the store."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static

from review_tui import ReviewApp
from review_tui.screens.agreement import AgreementScreen
from review_tui.widgets.reports import ReportColumns
from summariser.register.view import agreement_ids
from summariser.store.links import LinkStore
from summariser.store.repo import Store
from tests.export_helpers import build_seed_store

SIZE = (120, 32)


def columns(app: ReviewApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, AgreementScreen)
    return [str(s.render()) for s in screen.query_one(ReportColumns).query(Static).results() if s.has_class("report")]


async def test_the_memorandum_reports_side_by_side_and_link_keys(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    ids = build_seed_store(path)
    memo, other, jv = ids["004-a"], ids["003-b"], ids["003-a"]
    with Store(path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            assert app.service.goto_record(memo)
            app.review_screen.show_current()
            await pilot.press("g")
            await pilot.pause()
            shown = columns(app)
            assert len(shown) == 2
            assert "004_5be99347c5321900.txt" in shown[0] and "003_9608eef0915d8430.txt" in shown[1]
            assert "2019-12-10" in shown[1]

            await pilot.press("s")  # split off
            await pilot.pause()
            assert [e.action for e in LinkStore(store.conn).events(record_id=memo)] == ["split"]
            assert len(columns(app)) == 1

            await pilot.press("u")  # undo: the two reports again
            await pilot.pause()
            assert len(columns(app)) == 2

            await pilot.press("r")
            await pilot.pause()
            app.screen.query_one("#relink-search", Input).value = "joint venture"
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.query_one("#matches", OptionList).option_count == 1
            await pilot.press("enter")
            await pilot.pause()
            shown = columns(app)
            assert len(shown) == 2 and "joint venture" in shown[1]
            assert agreement_ids(store.conn)[1][memo] == agreement_ids(store.conn)[1][jv]

            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, AgreementScreen)
    with Store(path) as store:
        actions = [e.action for e in LinkStore(store.conn).events(record_id=memo)]
        assert actions == ["split", "undo", "relink"]
        assert agreement_ids(store.conn)[1][other] != agreement_ids(store.conn)[1][memo]
