"""The main screen: queue of articles and their records | record (or article) over the article text, a
progress line, the footer with the keys."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from review_tui.screens.article_actions import ARTICLE_BINDINGS, ArticleActions
from review_tui.widgets.article import ArticleView
from review_tui.widgets.keybar import KeyBar
from review_tui.widgets.queue import QueueView
from review_tui.widgets.record import RecordPanel
from summariser.review.articles import ArticleConflictError, ArticleReview
from summariser.review.model import ConflictError, OverrideNeeded, QueueFilter, QueueItem, ReviewError, ReviewItem
from summariser.review.service import ReviewService
from summariser.store.articles import Article, ArticleEvent

# Every binding has an id so Settings.keys can remap it (App.set_keymap); none is a priority binding,
# so a focused Input gets its letters first and no decision fires while someone types.
REVIEW_BINDINGS: list[BindingType] = [
    Binding("a", "accept", "Accept", id="accept"),
    Binding("x", "reject", "Reject", id="reject"),
    Binding("e", "edit", "Edit", id="edit"),
    Binding("space", "skip", "Skip", id="skip", key_display="␣"),
    Binding("u", "undo", "Undo", id="undo"),
    Binding("n", "next", "Next", id="next"),
    Binding("p", "prev", "Prev", id="prev"),
    Binding("slash", "search", "Search", id="search"),
    Binding("h", "history", "History", id="history", show=False),
    Binding("m", "maximize_article", "Article", id="article"),
    Binding("g", "agreement", "Agreement", id="agreement", show=False),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("q", "app.quit", "Quit", id="quit"),
    Binding("escape", "clear", "Clear search/filters", id="clear", show=False),
    *ARTICLE_BINDINGS,
]
# What the key bar leaves out first when the terminal is too narrow for every key (arrows also move, and
# help lists every key).
KEYBAR_DROP_ORDER = ("prev", "next", "search", "article", "complete", "add")


# Under the queue when the terminal is tall enough (the help screen always has it).
QUEUE_LEGEND = "✓ accepted ✎ edited + added\n✗ rejected » skipped ! flags\n● done ◐ in progress ○ new"


class ReviewScreen(ArticleActions):
    BINDINGS = REVIEW_BINDINGS
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    CSS_PATH = "../review.tcss"

    def __init__(self, service: ReviewService, articles: ArticleReview | None = None,
                 *, start_document: str | None = None) -> None:  # fmt: skip
        """`start_document`: open at this article's row instead of the first undecided record."""
        super().__init__()
        self.service = service
        self.articles = articles or ArticleReview(service)
        self.item: ReviewItem | None = None
        self.on_article: Article | None = None
        self.rows = []
        self._start_document = start_document

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
        self.article_counts = self.articles.counts()
        if self._start_document:
            found = [a for a in self.articles.articles if a.document_id == self._start_document]
            self.on_article = found[0] if found else None
            if not found:
                self.notify("that article has no successful extraction yet: run `summarise extract` on it",
                            severity="warning")  # fmt: skip
        self.refresh_queue()
        if self.item is None and self.on_article is None and self.rows:
            self.goto_row(0)  # no record to resume at: the first article
        self.query_one(QueueView).focus()
        # Other reviewers' decisions reach the queue's markers and the progress line within this many seconds.
        self.set_interval(15, self.refresh_from_store)

    def refresh_from_store(self) -> None:
        """Take in other reviewers' decisions: their records' markers, the counts, and the record on screen."""
        changed = self.service.refresh_from_others()
        self.article_counts = self.articles.counts()
        if not changed:
            self.show_progress()
            return
        queue = self.query_one(QueueView)
        for index in changed:
            queue.refresh_line(index)
        if self.service.position in changed and not isinstance(self.app.screen, ModalScreen):
            self.show_current()
        else:
            self.show_progress()

    # ------------------------------------------------------------------ showing
    def refresh_queue(self) -> None:
        self.build_rows()
        current = self.service.current_item
        row = self.row_of.get(current.record_id, 0) if current else 0
        self.query_one(QueueView).set_items(self.rows, row)
        self.show_current()

    def show_current(self) -> None:
        """Read the current record (or article) fresh and show it; callers have already committed any decision."""
        if self.on_article is not None and self.on_article.document_id in self.article_row:
            self.show_article()
            return
        self.on_article = None
        try:
            self.item = self.service.current()
        except ReviewError as exc:
            self.item = None
            self.notify(str(exc), severity="error")
        if self.item is not None:
            self.query_one(QueueView).set_cursor(self.row_of.get(self.item.record_id, 0))
        self.query_one(RecordPanel).show(self.item, self.service.position, len(self.service.queue),
                                           empty="" if self.item else self.empty_message())
        self.query_one(ArticleView).show(self.item.document if self.item else None, self.item.shown if self.item else None)
        if self.item is not None:
            self.refresh_article_row(self.item.document.id)
            self.schedule_cues(self.item.document.id)
        self.show_progress()

    def end_message(self) -> str:
        """What is left once the last record of the queue is decided, and how to get to it."""
        p = self.service.progress()
        if not p.remaining:
            return f"Every record is decided ({p.done}/{p.total})."
        skipped = f", {p.skipped} of them skipped" if p.skipped else ""
        return (f"{p.remaining} record(s) still need a decision{skipped}. "
                "home goes to the top of the queue; ctrl+p 'Filter: undecided' lists only them.")

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
            f" »{p.skipped} +{p.added} · articles ●{self.article_counts['complete']}/{sum(self.article_counts.values())}"
            f" · filter: {escape(self.describe_filter())}"
            + (f" [dim]({self._key('clear')}: clear)[/]" if filtered else ""),
            layout=False,  # one fixed line: no need to lay out the screen again
        )

    def describe_filter(self) -> str:
        records = self.service.filter.describe() if replace(self.service.filter, documents=None) != QueueFilter() else ""
        articles = f"articles:{self.articles.state_filter}" if self.articles.state_filter else ""
        return " ".join(x for x in (articles, records) if x) or "all"

    # ------------------------------------------------------------------ decisions
    def _decide(self, method: str, *args: object, confirm: bool = False) -> None:
        if self.item is None:
            self.notify("nothing to decide here", severity="warning")
            return
        before = self.service.position
        doc = self.item.document.id
        try:
            getattr(self.service, method)(*args, **({"confirm": True} if confirm else {}))
            if self.service.position == before and self.service.position == len(self.service.queue) - 1:
                self.notify(self.end_message(), title="End of the queue", timeout=10)
        except OverrideNeeded as exc:
            self._ask_override(exc, method, args)
        except ConflictError as exc:
            self.notify(str(exc), title="Conflict", severity="error", timeout=8)
        except ReviewError as exc:
            self.notify(str(exc), severity="error")
        else:
            self._stop_at_finished_article(doc)
        self.show_current()

    def _ask_override(self, exc: OverrideNeeded, method: str, args: tuple[object, ...]) -> None:
        """Another reviewer decided this record: say what the decision would replace, and decide only on yes."""
        from review_tui.screens.dialogs import ConfirmScreen

        record_id = exc.record_id

        def answered(yes: bool | None) -> None:
            if yes and self.item is not None and self.item.record_id == record_id:
                self._decide(method, *args, confirm=True)

        self.app.push_screen(ConfirmScreen(f"{exc}.\nReplace it?", title="Another reviewer decided this record"), answered)

    def _stop_at_finished_article(self, doc: str) -> None:
        """When the decision left every record of its article decided and the queue moved on to another
        article, show the article instead: what is left there is to add what was missed, or mark it done."""
        nxt = self.service.current_item
        if nxt is not None and nxt.document_id == doc and not nxt.done:  # (done: the end of the queue)
            return
        article = self.refresh_article_row(doc)
        if article is not None and not article.undecided and not article.complete:
            self.on_article = article

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
        """Open the edit form; over another reviewer's decision, ask first (not after the typing is done)."""
        from review_tui.screens.dialogs import ConfirmScreen

        if self.item is None:
            return
        theirs = self.item.decision
        if theirs is None or theirs.reviewer == self.service.reviewer or not self.item.queue_item.done:
            self._open_edit(confirm=False)
            return
        question = str(OverrideNeeded(self.item.record_id, theirs, "edit")) + ".\nEdit it anyway?"
        record_id = self.item.record_id

        def answered(yes: bool | None) -> None:
            if yes and self.item is not None and self.item.record_id == record_id:
                self._open_edit(confirm=True)

        self.app.push_screen(ConfirmScreen(question, title="Another reviewer decided this record"), answered)

    def _open_edit(self, *, confirm: bool) -> None:
        from review_tui.screens.edit import EditScreen

        assert self.item is not None
        record_id = self.item.record_id
        selected = self.get_selected_text()

        def done(record: object) -> None:
            if record is not None and self.item is not None and self.item.record_id == record_id:
                self._decide("edit", record, confirm=confirm)

        names = self.service.article_names(self.item.queue_item.document_id)
        self.app.push_screen(EditScreen(self.item, self.service.validate_edit, selected, names), done)

    def action_skip(self) -> None:
        self._decide("skip")

    def action_undo(self) -> None:
        queue_size = len(self.service.queue)
        try:
            event = self.articles.undo()
        except (ConflictError, ArticleConflictError) as exc:
            self.notify(str(exc), title="Conflict", severity="error", timeout=8)
            event = None
        else:
            if event is None:
                self.notify("nothing of yours to undo")
            else:
                undone = event.before.state if event.before else "decision"
                back = event.after.state if event.after else "undecided"
                what = "article" if isinstance(event, ArticleEvent) else "record"
                where = f"{self.service.position + 1}/{len(self.service.queue)}"
                self.notify(f"undid your {undone}: the {what} is {back} again; moved to it ({where})", title="Undo")
        if isinstance(event, ArticleEvent):  # an article decision: show that article
            self.article_counts = self.articles.counts()
            self.on_article = self.refresh_article_row(event.document_id)
        elif event is not None:
            self.on_article = None
        if len(self.service.queue) != queue_size:  # an added record was withdrawn
            self.refresh_queue()
            return
        self.show_current()

    def action_next(self) -> None:
        if self.on_article is not None:
            self.next_from_article()
            return
        self.service.next()
        self.show_current()

    def action_prev(self) -> None:
        if self.on_article is not None:
            # Back to the article's last record (the one just decided, when the article was shown for
            # being finished); an article without records goes to the record before it.
            row = self._cursor_row()
            doc = self.on_article.document_id
            mine = [i for i, r in enumerate(self.rows) if isinstance(r, QueueItem) and r.document_id == doc]
            before = [i for i in range(row) if isinstance(self.rows[i], QueueItem)]
            if mine or before:
                self.goto_row((mine or before)[-1])
            return
        self.service.prev()
        self.show_current()

    @on(QueueView.Selected)
    def goto(self, event: QueueView.Selected) -> None:
        self.goto_row(event.index)

    # ------------------------------------------------------------------ search, filters, views
    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        box.value = self.service.filter.text or ""
        box.display = True
        box.focus()

    @on(Input.Submitted, "#search")
    def apply_search(self, event: Input.Submitted) -> None:
        self.apply_filter(replace(self.service.filter, text=event.value.strip() or None))
        self.close_search()

    def action_clear(self) -> None:
        """Esc closes the search box; otherwise it drops the text search, and the next Esc every filter."""
        if self.maximized is not None:
            self.minimize()
            return
        if self.query_one("#search", Input).display:
            self.close_search()
            return
        f = self.service.filter
        if f.text:
            self.apply_filter(replace(f, text=None))
            self.notify("search cleared")
        elif f != QueueFilter() or self.articles.state_filter:
            self.articles.set_filter(None)
            self.apply_filter(QueueFilter())
            self.notify("filters cleared: every article and record")

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
        if not self.service.queue and queue_filter.documents is None:
            self.notify(f"no records match: {queue_filter.describe()} ({self._key('clear')} clears it)", severity="warning")
        self.on_article = None
        self.refresh_queue()
        if not self.service.queue and self.rows:
            self.goto_row(0)  # only articles without records are listed: show the first

    def apply_article_filter(self, state: str | None) -> None:
        """Show only articles in this review state (or `no_records`); their records follow them."""
        self.articles.set_filter(state)
        documents = frozenset(a.document_id for a in self.articles.articles) if state else None
        self.apply_filter(replace(self.service.filter, documents=documents))
        if not self.articles.articles:
            self.notify(f"no articles are {state} ({self._key('clear')} clears the filter)", severity="warning")

    def action_history(self) -> None:
        from review_tui.screens.dialogs import HistoryScreen

        if self.item is not None:
            history = self.service.history(self.item.record_id)
            self.app.push_screen(HistoryScreen(self.item.record_id, history, self.item.suggested))
        elif self.on_article is not None:
            from summariser.store.articles import article_events

            doc = self.on_article.document_id
            self.app.push_screen(HistoryScreen(doc, article_events(self.service.conn, doc)))

    def action_maximize_article(self) -> None:
        """The article over the whole screen, and back (m again, or Esc)."""
        if self.maximized is not None:
            self.minimize()
        else:
            self.maximize(self.query_one(ArticleView), container=False)

    def action_agreement(self) -> None:
        """The current record's agreement: the other articles' reports beside it, and link decisions."""
        from review_tui.screens.agreement import AgreementScreen
        from summariser.review.links import LinkService

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
