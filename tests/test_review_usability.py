"""Pilot tests for what a first-time reviewer stumbled on: quitting, clearing a search, errors that go away
once fixed, a busy record that scrolls to its last line, neutral labels, the help's legends."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Label, Select

from review_tui import ReviewApp
from review_tui.screens.dialogs import HelpScreen
from review_tui.screens.edit import EditScreen
from review_tui.screens.review import ReviewScreen
from review_tui.widgets.keybar import KeyBar
from review_tui.widgets.record import RecordPanel
from summariser.grounding import ground
from summariser.review.model import QueueFilter
from summariser.schema import SCHEMA_VERSION, AgreementRecord, ExtractionResult, Party, Signatory
from summariser.store.repo import Store
from tests.review_data import seed_document

SIZE = (80, 24)
LAST_QUOTE = "where 2,000 people are employed"


@pytest.fixture
def busy_store(tmp_path: Path) -> Path:
    """Seed 003 as one busy joint venture: signatories, several scope lines, many quotes."""
    doc = seed_document("003_9608eef0915d8430.txt")
    quotes = [
        (["parties", "agreement_type"], "have signed an agreement on the establishment of a joint venture"),
        (["signatories"], "signed by STP Director General Emin Mammadov"),
        (["signatories"], "SOCAR Vice President for Field Development Yashar Latifov"),
        (["scope"], "manufacturing of heavy cranes and a large workshop of mechanical equipment in the Commonwealth Independent States (CIS)"),
        (["scope"], "maintenance and repair work of heavy cranes, gushing, APS (Advanced Parts Solution), drilling equipment, and well completion"),
        (["summary"], "creates conditions for a symbiosis of engineering and mechanical sectors"),
        (["scope"], LAST_QUOTE),
    ]
    record = AgreementRecord(
        parties=[Party(name="SOCAR", canonical="SOCAR"), Party(name="Sumgayit Technologies Park", canonical="STP")],
        agreement_type="joint_venture",
        status="signed",
        date_signed="2020-02-20",
        signatories=[
            Signatory(name="Emin Mammadov", title="Director General", organisation="STP"),
            Signatory(name="Yashar Latifov", title="Vice President for Field Development", organisation="SOCAR"),
        ],
        scope=[
            "manufacturing of heavy cranes and a large workshop of mechanical equipment in the Commonwealth Independent States (CIS)",
            "maintenance and repair work of heavy cranes, gushing, APS, drilling equipment, and well completion",
            "exchange of specialists between SOCAR and STP",
        ],
        summary="SOCAR and STP set up a joint venture for heavy cranes and mechanical equipment.",
        evidence=[ground(fields, quote, doc.text) for fields, quote in quotes],
    )
    path = tmp_path / "busy.db"
    with Store(path) as store:
        run = store.start_run("hand", "test-1", SCHEMA_VERSION, {})
        store.add_document(doc)
        store.save_extraction(run, ExtractionResult(document_id=doc.id, records=[record], model="hand",
                                                    prompt_version="test-1", schema_version=SCHEMA_VERSION))
        store.finish_run(run, "finished")
    return path


def painted(panel: RecordPanel) -> str:
    """The panel's lines as they are on screen now."""
    return "\n".join(panel.render_line(y).text for y in range(panel.scrollable_content_region.height))


async def test_q_quits_and_shows_in_the_key_bar_at_80_columns(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            bar = str(app.screen.query_one(KeyBar).render())
            assert "q Quit" in bar and "? Help" in bar and "^p palette" in bar
            await pilot.press("slash", "q")  # typed into the search box: a letter, not a quit
            assert app.is_running and app.screen.query_one("#search", Input).value == "q"
            await pilot.press("escape", "q")
        assert app.return_code == 0 and not app.is_running


async def test_quit_is_remappable(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann", keys={"quit": "Q"})
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("q")
            assert app.is_running
            assert "Q Quit" in str(app.screen.query_one(KeyBar).render())
            await pilot.press("Q")
        assert not app.is_running


async def test_escape_clears_the_search_then_the_filters(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash", *"nowhere at all", "enter")
            assert app.service.queue == []
            empty = str(app.screen.query_one(RecordPanel).render())
            assert "No records match" in empty and "esc clears the search" in empty
            await pilot.press("escape")
            assert len(app.service.queue) == 7 and app.review_screen.item is not None
            # A palette filter and a search: the first Esc drops the search, the second the filter.
            app.review_screen.apply_filter(QueueFilter(state="undecided", text="QazaqGaz"))
            await pilot.pause()
            assert len(app.service.queue) == 1
            await pilot.press("escape")
            assert app.service.filter == QueueFilter(state="undecided")
            await pilot.press("escape")
            assert app.service.filter == QueueFilter() and len(app.service.queue) == 7


async def test_a_quote_error_goes_once_the_quote_is_fixed(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("e")
            form = app.screen
            quote = form.query_one(".ev-quote", Input)
            good = quote.value
            quote.value = "a sentence that is nowhere in the article"
            await pilot.press("ctrl+s")
            error = form.query_one(".evidence-row .error", Label)
            assert error.display and "not in the article" in str(error.render())
            quote.value = good
            await pilot.pause()
            assert not error.display and not form.query_one(".evidence-row").has_class("-invalid")
            await pilot.press("ctrl+s")
            assert not isinstance(app.screen, EditScreen)


async def test_a_long_record_scrolls_to_its_last_evidence_line(busy_store: Path) -> None:
    with Store(busy_store) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            panel = app.screen.query_one(RecordPanel)
            assert len(panel.plain_lines) > panel.scrollable_content_region.height  # it does not fit
            assert "1/1 " in painted(panel) and LAST_QUOTE not in painted(panel)
            assert "Commonwealth Independent States (CIS)" in " ".join(panel.plain_lines)  # wrapped, not cut
            await pilot.press("tab")
            assert app.focused is panel
            await pilot.press("end")
            assert LAST_QUOTE in painted(panel).replace("\n", " ")


async def test_signatories_are_signers_only_when_the_agreement_is_signed(busy_store: Path) -> None:
    with Store(busy_store) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            panel = app.screen.query_one(RecordPanel)
            assert "Signed by Emin Mammadov" in str(panel.render())
            await pilot.press("e")
            app.screen.query_one("#status", Select).value = "under_discussion"
            await pilot.press("ctrl+s")
            await pilot.press("p")  # back to the edited record
            shown = str(panel.render())
            assert "EDITED" in shown and "Signatories Emin Mammadov" in shown and "Signed by" not in shown


async def test_help_explains_the_markers_and_how_to_close_it(store_path: Path) -> None:
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            text = " ".join(str(s.render()) for s in app.screen.query("Static"))
            for words in ("✓ accepted", "✎ edited", "✗ rejected", "» skipped", "! a flag, not NO DATE", "= exact",
                          "≈ normalised", "Esc, ? or q closes", "q Quit", "esc Clear search/filters"):
                assert words in text, words
            await pilot.press("q")  # closes the help, does not quit
            assert isinstance(app.screen, ReviewScreen) and app.is_running


async def test_palette_export_counts_in_words(store_path: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with Store(store_path) as store:
        app = ReviewApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("a")
            await pilot.press("ctrl+p", *"export accepted")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            messages = [n.message for n in app._notifications]
            assert any(m.startswith("exported 1 record to ") for m in messages), messages
            assert (tmp_path / "register.json").exists()
