"""The current record: flags first (what to check), then every field with its evidence."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.markup import escape
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from review_tui.widgets.lines import LineView
from summariser.review.model import ReviewItem, State, changed_fields
from summariser.schema import AgreementRecord, MatchKind, Status

FLAG_TEXT = {
    "ungrounded": ("UNGROUNDED QUOTE", "error"),
    "fuzzy": ("FUZZY QUOTE", "warning"),
    "no_date": ("NO DATE", "warning"),
    "date_unresolved": ("DATE WORDS NAME NO DAY", "warning"),
    "party_not_in_text": ("PARTY NOT IN TEXT", "error"),
    "party_not_a_name": ("PARTY NOT A NAME?", "error"),
    "duplicate": ("SAME AS ANOTHER RECORD", "warning"),
}
MATCH_MARK = {
    MatchKind.exact: ("=", "success"),
    MatchKind.normalised: ("≈", "success"),
    MatchKind.fuzzy: ("~", "warning"),
    MatchKind.ungrounded: ("✗", "error"),
}
MATCH_LEGEND = "= exact ≈ normalised ~ fuzzy ✗ not in article"
STATE_STYLE = {
    State.accepted: "success", State.edited: "accent", State.rejected: "error", State.skipped: "warning",
    State.added: "accent",
}


def flag_badges(flags: tuple[str, ...] | list[str]) -> str:
    if not flags:
        return "[$success]no flags[/]"
    return " ".join(f"[$text-{FLAG_TEXT[f][1]} on $background-lighten-1 b] {FLAG_TEXT[f][0]} [/]" for f in flags if f in FLAG_TEXT)


def record_markup(item: ReviewItem, position: int, total: int) -> str:
    rec: AgreementRecord = item.shown
    lines = []
    head = f"[b]{position + 1}/{total}[/] {escape(item.document.path.rsplit('/', 1)[-1])} #{item.queue_item.idx}"
    if item.decision:
        d = item.decision
        head += f"  [$text-{STATE_STYLE[d.state]} b]{d.state.upper()}[/] by {escape(d.reviewer)}"
        if d.reason:
            head += f" ({escape(d.reason)})"
    else:
        head += "  [dim]undecided[/]"
    lines.append(head)
    # "Monday", "earlier this month": the signing date often hinges on when the article was published.
    reported = item.document.reported
    published = f"published {reported.isoformat()}" if reported else "[dim]no publication date[/]"
    lines.append(f"{flag_badges(item.flags)} · {published}")
    date = rec.date_signed.isoformat() if rec.date_signed else "[dim]no date[/]"
    if rec.date_text:
        date += f" “{escape(rec.date_text)}”"
    lines.append(f"[b]{rec.agreement_type.value}[/] · {rec.status.value} · {date}")
    text = item.document.text
    parties = []
    for p in rec.parties:
        missing = p.name.casefold() not in text.casefold() and "party_not_in_text" in item.flags
        name = f"[$text-error]{escape(p.name)}?[/]" if missing else escape(p.name)
        parties.append(name if p.canonical == p.name else f"{name} [dim]({escape(p.canonical)})[/]")
    lines.append("[b]Parties[/] " + " · ".join(parties))
    if rec.location:
        lines.append(f"[b]Where[/] {escape(rec.location)}")
    if rec.signatories:
        sig = "; ".join(escape(", ".join(x for x in (s.name, s.title, s.organisation) if x)) for s in rec.signatories)
        # Only a signed agreement has signers; otherwise they are the people the article names.
        label = "Signed by" if rec.status is Status.signed else "Signatories"
        lines.append(f"[b]{label}[/] {sig}")
    for line in rec.scope:
        lines.append(f"[b]Scope[/] {escape(line)}")
    if rec.summary:
        lines.append(f"[b]Summary[/] {escape(rec.summary)}")
    for ev in rec.evidence:
        mark, style = MATCH_MARK[ev.match]
        score = f" {ev.score:.0f}" if ev.match is MatchKind.fuzzy and ev.score is not None else ""
        lines.append(f"[$text-{style}]{mark}{score}[/] [dim]{','.join(ev.fields)}[/] “{escape(ev.quote)}”")
    if item.decision and item.decision.record_json:
        # The suggestion stays next to the reviewer's version, one changed field per line.
        for name in changed_fields(item.suggested, rec):
            lines.append(f"[dim]model's {name}: {escape(_short(getattr(item.suggested, name)))}[/]")
    # Last, so that it never pushes a field out of the first screenful; ? has the full legend.
    lines.append(f"[dim]quotes: {MATCH_LEGEND} · ? help[/]")
    return "\n".join(lines)


def _short(value: object, limit: int = 120) -> str:
    if isinstance(value, list):
        value = "; ".join(getattr(v, "quote", None) or getattr(v, "name", None) or str(v) for v in value)
    text = "" if value is None else str(getattr(value, "value", value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


class RecordPanel(LineView, can_focus=True):
    """The record's lines, wrapped to the panel's width and scrollable (tab to it, then arrows/page keys).

    A Line API widget, like the article: a new record re-wraps one short text and repaints the visible
    lines; the scrollbar is always shown so that neither a longer record nor a shorter one lays out the
    screen again (showing or hiding a scrollbar would)."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    RecordPanel { overflow-x: hidden; overflow-y: scroll; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content = Content("")
        self._lines: list[Content] = []
        self._wrapped_width: int | None = None

    @property
    def plain_lines(self) -> list[str]:
        """Every line of the record as wrapped for the panel, shown or scrolled out of view."""
        self._rewrap()
        return [line.plain for line in self._lines]

    def show(self, item: ReviewItem | None, position: int, total: int, *, empty: str = "") -> None:
        """Show `item` from its first line; with no item, show `empty` (markup: why nothing is here)."""
        self.show_markup(record_markup(item, position, total) if item else empty or "[dim]No records.[/]")

    def show_markup(self, markup: str) -> None:
        """Show any text (an article's summary) in the panel, from its first line."""
        self._content = Content.from_markup(markup)
        self._wrapped_width = None
        self._rewrap()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def render(self) -> Content:
        """The whole record (painting goes line by line through `render_line`)."""
        return self._content

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or self._wrapped_width == width:
            return
        self._wrapped_width = width
        self._lines = self._content.wrap(width)
        size = Size(width, len(self._lines))
        # Setting `virtual_size` directly would lay out the whole screen; only the scrollbar depends on it.
        self.set_reactive(Widget.virtual_size, size)
        self._scroll_update(size)

    def on_resize(self) -> None:
        self._wrapped_width = None
        self._rewrap()

    def render_line(self, y: int) -> Strip:
        self._rewrap()
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if index >= len(self._lines):
            return Strip.blank(width, self.base_style)
        # Styled at paint time, so theme and focus changes apply without re-wrapping.
        return Visual.to_strips(self, self._lines[index], width, 1, self.visual_style, pad=True)[0]
