"""SVG snapshots of the review screens at 80x24 (pytest-textual-snapshot; update with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from review_tui import ReviewApp
from summariser.store.repo import Store
from tests.review_data import build_store

SIZE = (80, 24)


def after(*keys: str, theme: str | None = None):  # type: ignore[no-untyped-def]
    """Press `keys`, then wait past the delay after which uncovered cue sentences are underlined, so the
    snapshot never depends on how fast the machine is."""

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        if theme:
            pilot.app.theme = theme
        await pilot.press(*keys)
        # A focused input's cursor blinks: shown steady, so the picture does not depend on the moment taken.
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        await pilot.pause(0.5)
        # A focused input's cursor blinks: shown steadily, the picture does not depend on when it is taken.
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        await pilot.pause()

    return run_before


@pytest.fixture
def app(tmp_path: Path):
    path = tmp_path / "store.db"
    build_store(path)
    with Store(path) as store:
        yield ReviewApp(store, "ann")


def test_main_screen_dark(app: ReviewApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=after())


def test_main_screen_light_on_a_flagged_record(app: ReviewApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=after("n", "n", "n", theme="textual-light"))


def test_edit_dialog(app: ReviewApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=after("e"))


def test_help(app: ReviewApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=after("question_mark"))


def test_article_row_with_its_summary_and_cue_marks(app: ReviewApp, snap_compare) -> None:
    # Deciding 001's only record shows its article: what is left to do there, its uncovered cue underlined.
    assert snap_compare(app, terminal_size=SIZE, run_before=after("a"))


def test_add_form_from_a_keyboard_selection(app: ReviewApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=after("c", "plus"))
