"""The queue: one line per article, its records under it; drawn lazily (only visible lines) so 10,000
records cost nothing."""

from __future__ import annotations

from rich.segment import Segment
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from review_tui.widgets.lines import LineView
from summariser.review.model import QueueItem, State
from summariser.store.articles import Article

MARKS = {None: " ", State.accepted: "✓", State.edited: "✎", State.rejected: "✗", State.skipped: "»", State.added: "+"}
ARTICLE_MARKS = {"unreviewed": "○", "in_progress": "◐", "complete": "●"}
Row = QueueItem | Article
TYPE_ABBREV = {
    "memorandum_of_understanding": "MoU",
    "joint_venture": "JV",
    "framework_agreement": "FA",
    "cooperation_agreement": "Coop",
    "contract": "Ctr",
    "other": "Oth",
}


STATUS_ABBREV = {"signed": "sig", "planned": "plan", "under_discussion": "talk", "terminated": "end"}
# A missing date is common and shows in the record's flags; `!` marks what needs a closer look.
QUIET_FLAGS = frozenset({"no_date"})


def needs_look(item: QueueItem) -> bool:
    return any(f not in QUIET_FLAGS for f in item.flags)


def queue_label(item: QueueItem) -> str:
    """Mark, `!`, the article's number, type, status and parties: enough to tell one article's records apart."""
    stem = item.document_path.rsplit("/", 1)[-1][:3]
    flag = "!" if needs_look(item) else " "
    parties = "/".join(item.short_parties if item.first_parties and item.short_parties else item.first_parties)
    kind = f"{TYPE_ABBREV.get(item.agreement_type, '?')} {STATUS_ABBREV.get(item.status, '?')}"
    return f"{MARKS[item.state]}{flag}{stem} {kind} {parties}"


def article_label(article: Article, width: int = 25) -> str:
    """"◐ 002_4b89f9ee8… 1/3": the mark, the file name cut to fit, undecided / records."""
    name = article.path.rsplit("/", 1)[-1]
    count = f" {article.undecided}/{article.records}" if article.undecided else f" {article.records}"
    room = max(4, width - 2 - len(count))
    if len(name) > room:
        name = name[: room - 1] + "…"
    return f"{ARTICLE_MARKS[article.state]} {name}{count.rjust(width - 2 - len(name))}"


def row_label(row: Row, width: int = 25) -> str:
    return article_label(row, width) if isinstance(row, Article) else queue_label(row)

class QueueView(LineView, can_focus=True):
    """Shows `items` with the reviewer's position highlighted; asks the screen to move via `Selected`."""

    COMPONENT_CLASSES = {"queue--cursor", "queue--done", "queue--flagged", "queue--article"}
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "move(-10)", show=False),
        Binding("pagedown", "move(10)", show=False),
        Binding("home", "move(-1000000)", show=False),
        Binding("end", "move(1000000)", show=False),
    ]

    class Selected(Message):
        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[Row] = []
        self.cursor = 0

    def set_items(self, items: list[Row], cursor: int) -> None:
        self.items = items
        self.virtual_size = Size(self.size.width, len(items))
        self.set_cursor(cursor)
        self.refresh()

    def set_cursor(self, cursor: int) -> None:
        """Move the highlight; the list scrolls only when the cursor would leave the view (a scroll repaints
        every line, a move two), and then puts it in the middle."""
        old, self.cursor = self.cursor, cursor
        self.refresh_line(old)
        self.refresh_line(cursor)
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        if not top <= cursor < top + height:
            self.scroll_to(y=max(0, cursor - height // 2), animate=False, immediate=True)

    def refresh_line(self, index: int) -> None:
        self.refresh_lines(index - self.scroll_offset.y)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        style = self.base_style
        if index >= len(self.items):
            return Strip.blank(width, style)
        item = self.items[index]
        if index == self.cursor:
            style += self.get_component_rich_style("queue--cursor")
        elif isinstance(item, Article):
            style += self.get_component_rich_style("queue--article")
        elif item.done:
            style += self.get_component_rich_style("queue--done")
        elif needs_look(item):
            style += self.get_component_rich_style("queue--flagged")
        text = row_label(item, width)[:width].ljust(width)
        return Strip([Segment(text, style)], width)

    def action_move(self, delta: int) -> None:
        if self.items:
            self.post_message(self.Selected(max(0, min(len(self.items) - 1, self.cursor + delta))))

    def on_click(self, event) -> None:  # type: ignore[no-untyped-def]
        index = self.scroll_offset.y + event.y
        if 0 <= index < len(self.items):
            self.post_message(self.Selected(index))

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.items))


__all__ = ["QueueView", "Row", "article_label", "queue_label", "row_label"]
