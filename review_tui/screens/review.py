"""The main screen: queue | record fields over the article, a progress line, the footer with the keys."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Input, Static

from summariser.review.model import ConflictError, QueueFilter, ReviewError, ReviewItem
from summariser.review.service import ReviewService
from review_tui.widgets.article import ArticleView
from review_tui.widgets.keybar import KeyBar
from review_tui.widgets.queue import QueueView
from review_tui.widgets.record import RecordPanel

# Every binding has an id so Settings.keys can remap it (App.set_keymap); none is a priority binding,
# so a focused Input gets its letters first and no decision fires while someone types.
REVIEW_BINDINGS = [
    Binding("a", "accept", "Accept", id="accept"),
    Binding("x", "reject", "Reject", id="reject"),
    Binding("e", "edit", "Edit", id="edit"),
    Binding("space", "skip", "Skip", id="skip", key_display="␣"),
    Binding("u", "undo", "Undo", id="undo"),
    Binding("n", "next", "Next", id="next"),
    Binding("p", "prev", "Prev", id="prev"),
    Binding("slash", "search", "Search", id="search"),
    Binding("h", "history", "History", id="history", show=False),
    Binding("g", "agreement", "Agreement", id="agreement", show=False),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("q", "app.quit", "Quit", id="quit"),
    Binding("escape", "clear", "Clear search/filters", id="clear", show=False),
]
# What the key bar leaves out first when the terminal is too narrow for every key (arrows also move, and
# help lists every key).
KEYBAR_DROP_ORDER = ("prev", "next")


# Under the queue when the terminal is tall enough (the help screen always has it).
QUEUE_LEGEND = "✓ accepted  ✎ edited\n✗ rejected  » skipped\n! flagged: check it"


class ReviewScreen(Screen[None]):
    BINDINGS = REVIEW_BINDINGS
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    CSS_PATH = "../review.tcss"

    def __init__(self, service: ReviewService) -> None:
        super().__init__()
        self.service = service
        self.item: ReviewItem | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="progress")
        with Horizontal(id="main"):
            with Vertical(id="queue-column"):
                yield QueueView(id="queue")
                yield Static(QUEUE_LEGEND, id="queue-legend")
            with Vertical(id="right"):
                yield RecordPanel(id="record")
                yield ArticleView(id="article")
        yield Input(placeholder="search records (Enter: apply, Esc: cancel)", id="search")
        yield KeyBar(id="keys", drop_order=KEYBAR_DROP_ORDER)

    def on_mount(self) -> None:
        self.query_one("#search", Input).display = False
        self.refresh_queue()
        self.query_one(QueueView).focus()
        # Other reviewers' decisions reach the progress line within this many seconds.
        self.set_interval(15, self.reread_progress)

    def reread_progress(self) -> None:
        self.service.refresh_progress()
        self.show_progress()

    # ------------------------------------------------------------------ showing
    def refresh_queue(self) -> None:
        self.query_one(QueueView).set_items(self.service.queue, self.service.position)
        self.show_current()

    def show_current(self) -> None:
        """Read the current record fresh and show it; callers have already committed any decision."""
        try:
            self.item = self.service.current()
        except ReviewError as exc:
            self.item = None
            self.notify(str(exc), severity="error")
        self.query_one(QueueView).set_cursor(self.service.position)
        self.query_one(RecordPanel).show(self.item, self.service.position, len(self.service.queue),
                                           empty="" if self.item else self.empty_message())
        self.query_one(ArticleView).show(self.item.document if self.item else None, self.item.shown if self.item else None)
        self.show_progress()

    def empty_message(self) -> str:
        f = self.service.filter
        if f == QueueFilter():
            return "[dim]No records in this store.[/]"
        esc, search = self._key("clear"), self._key("search")
        others = f != QueueFilter(text=f.text)
        if f.text:
            how = f"[b]{esc}[/] clears the search" + (f", a second [b]{esc}[/] the filters" if others else "")
            how += f" (or [b]{search}[/], empty the box, Enter)"
        else:
            how = f"[b]{esc}[/] clears the filters"
        return f"No records match [b]{escape(f.describe())}[/].\n{how}."

    def _key(self, binding_id: str) -> str:
        """The key a binding is on now (after the settings' remapping), as the key bar shows it."""
        for active in self.active_bindings.values():
            if active.binding.id == binding_id:
                return escape(self.app.get_key_display(active.binding))
        return binding_id

    def show_progress(self) -> None:
        p = self.service.progress()
        filtered = self.service.filter != QueueFilter()
        self.query_one("#progress", Static).update(
            f"[b]{self.service.reviewer}[/] · done {p.done}/{p.total} · left {p.remaining} · "
            f"[$text-success]✓{p.accepted}[/] [$text-accent]✎{p.edited}[/] [$text-error]✗{p.rejected}[/]"
            f" »{p.skipped} · filter: {escape(self.service.filter.describe())}"
            + (f" [dim]({self._key('clear')}: clear)[/]" if filtered else ""),
            layout=False,  # one fixed line: no need to lay out the screen again
        )

    # ------------------------------------------------------------------ decisions
    def _decide(self, method: str, *args: object) -> None:
        if self.item is None:
            self.notify("nothing to decide here", severity="warning")
            return
        try:
            getattr(self.service, method)(*args)
        except ConflictError as exc:
            self.notify(str(exc), title="Conflict", severity="error", timeout=8)
        except ReviewError as exc:
            self.notify(str(exc), severity="error")
        self.show_current()

    def action_accept(self) -> None:
        self._decide("accept")

    def action_reject(self) -> None:
        from review_tui.screens.dialogs import RejectScreen

        if self.item is None:
            return
        record_id = self.item.record_id

        def done(reason: str | None) -> None:
            # The dialog answers None when cancelled, a string (maybe empty) to reject.
            if reason is not None and self.item is not None and self.item.record_id == record_id:
                self._decide("reject", reason)

        self.app.push_screen(RejectScreen(), done)

    def action_edit(self) -> None:
        from review_tui.screens.edit import EditScreen

        if self.item is None:
            return
        record_id = self.item.record_id
        selected = self.get_selected_text()

        def done(record: object) -> None:
            if record is not None and self.item is not None and self.item.record_id == record_id:
                self._decide("edit", record)

        self.app.push_screen(EditScreen(self.item, self.service.validate_edit, selected), done)

    def action_skip(self) -> None:
        self._decide("skip")

    def action_undo(self) -> None:
        try:
            event = self.service.undo()
        except ConflictError as exc:
            self.notify(str(exc), title="Conflict", severity="error", timeout=8)
            event = None
        else:
            if event is None:
                self.notify("nothing of yours to undo")
        self.show_current()

    def action_next(self) -> None:
        self.service.next()
        self.show_current()

    def action_prev(self) -> None:
        self.service.prev()
        self.show_current()

    @on(QueueView.Selected)
    def goto(self, event: QueueView.Selected) -> None:
        self.service.goto(event.index)
        self.show_current()

    # ------------------------------------------------------------------ search, filters, views
    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        box.value = self.service.filter.text or ""
        box.display = True
        box.focus()

    @on(Input.Submitted, "#search")
    def apply_search(self, event: Input.Submitted) -> None:
        f = self.service.filter
        self.apply_filter(QueueFilter(f.state, f.document_id, f.agreement_type, f.flags, event.value.strip() or None))
        self.close_search()

    def action_clear(self) -> None:
        """Esc closes the search box; otherwise it drops the text search, and the next Esc every filter."""
        if self.query_one("#search", Input).display:
            self.close_search()
            return
        f = self.service.filter
        if f.text:
            self.apply_filter(QueueFilter(f.state, f.document_id, f.agreement_type, f.flags, None))
            self.notify("search cleared")
        elif f != QueueFilter():
            self.apply_filter(QueueFilter())
            self.notify("filters cleared: all records")

    def close_search(self) -> None:
        box = self.query_one("#search", Input)
        box.display = False
        self.query_one(QueueView).focus()

    def apply_filter(self, queue_filter: QueueFilter) -> None:
        try:
            self.service.reload(queue_filter)
        except ReviewError as exc:
            self.notify(str(exc), severity="error")
            return
        if not self.service.queue:
            self.notify(f"no records match: {queue_filter.describe()} ({self._key('clear')} clears it)", severity="warning")
        self.refresh_queue()

    def action_history(self) -> None:
        from review_tui.screens.dialogs import HistoryScreen

        if self.item is not None:
            self.app.push_screen(HistoryScreen(self.item.record_id, self.service.history(self.item.record_id)))

    def action_agreement(self) -> None:
        """The current record's agreement: the other articles' reports beside it, and link decisions."""
        from summariser.review.links import LinkService
        from review_tui.screens.agreement import AgreementScreen

        if self.item is None:
            return
        links = getattr(self, "_links", None)
        if links is None:
            links = self._links = LinkService(self.service.store, self.service.reviewer)
        else:
            links.refresh()  # other reviewers' decisions, and this one's record edits
        self.app.push_screen(AgreementScreen(links, self.item.record_id))

    def action_help(self) -> None:
        from review_tui.screens.dialogs import HelpScreen

        self.app.push_screen(HelpScreen(self.active_bindings))
