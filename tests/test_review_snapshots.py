"""SVG snapshots of the review screens at 80x24 (pytest-textual-snapshot; update with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_tui import ReviewApp
from summariser.store.repo import Store
from tests.review_data import build_store

SIZE = (80, 24)


@pytest.fixture
def app(tmp_path: Path):
    path = tmp_path / "store.db"
    build_store(path)
    with Store(path) as store:
        yield ReviewApp(store, "ann")


def test_main_screen_dark(app: ReviewApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=SIZE)


def test_main_screen_light_on_a_flagged_record(app: ReviewApp, snap_compare) -> None:
    async def run_before(pilot) -> None:
        app.theme = "textual-light"
        await pilot.press("n", "n", "n")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_edit_dialog(app: ReviewApp, snap_compare) -> None:
    assert snap_compare(app, press=["e"], terminal_size=SIZE)


def test_help(app: ReviewApp, snap_compare) -> None:
    assert snap_compare(app, press=["question_mark"], terminal_size=SIZE)


def test_article_row_with_its_summary_and_cue_marks(app: ReviewApp, snap_compare) -> None:
    # Deciding 001's only record shows its article: what is left to do there, its uncovered cue underlined.
    assert snap_compare(app, press=["a"], terminal_size=SIZE)


def test_add_form_from_a_keyboard_selection(app: ReviewApp, snap_compare) -> None:
    assert snap_compare(app, press=["c", "plus"], terminal_size=SIZE)
