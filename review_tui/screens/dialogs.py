"""Small modal screens: the rejection reason, a record's history and the key help."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from summariser.review.model import Decision, Event, changed_fields
from summariser.schema import AgreementRecord
from summariser.store.articles import ArticleDecision, ArticleEvent


class RejectScreen(ModalScreen[str | None]):
    """Answers the reason ('' for none) on Enter, None on Escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="reject-dialog"):
            yield Label("Reject this record. Reason (optional), Enter to reject, Esc to cancel:")
            yield Input(placeholder="why not", id="reason")

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: y or Enter answers True, n or Esc False."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, text: str, title: str = "Are you sure?") -> None:
        super().__init__()
        self.text = text
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Label(f"[b]{escape(self.title_text)}[/]")
            yield Label(escape(self.text), id="confirm-text")
            yield Label("[b]y[/] yes · [b]n[/] no", id="confirm-keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


def _describe(d: Decision | ArticleDecision | None) -> str:
    if d is None:
        return "[dim]no decision[/]"
    text = f"{d.state} by {escape(d.reviewer)} (v{d.version})"
    reason = d.reason if isinstance(d, Decision) else None  # article decisions have none
    if reason:
        text += f" “{escape(reason)}”"
    return text


class HistoryScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,h,q", "close", "Close")]

    def __init__(
        self, record_id: str, events: list[Event] | list[ArticleEvent], suggested: AgreementRecord | None = None
    ) -> None:
        super().__init__()
        self.record_id = record_id
        self.events = events
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="history-dialog"):
            what = "article" if any(isinstance(e, ArticleEvent) for e in self.events) else "record"
            yield Label(f"[b]History of {what} {self.record_id[:12]}[/]  (Esc to close)")
            with VerticalScroll():
                if not self.events:
                    yield Static("[dim]No decisions yet.[/]")
                for e in self.events:
                    yield Static(self.line(e), classes=f"event event-{e.action}")

    def line(self, e: Event | ArticleEvent) -> str:
        when = f"{e.at[:19].replace('T', ' ')} [b]{escape(e.reviewer)}[/]"
        if e.action == "conflict":
            # The attempt was refused: say what was tried and what stayed.
            return (f"{when} conflict: tried {_describe(e.after)} over {_describe(e.before)}; "
                    "[b]nothing was applied[/]")
        text = f"{when} {e.action}: {_describe(e.before)} → {_describe(e.after)}"
        if self.suggested is not None and isinstance(e, Event) and e.after is not None and e.after.record_json:
            changed = changed_fields(self.suggested, e.after.edited_record or self.suggested)
            text += f"\n    [dim]version kept changes:[/] {escape(', '.join(changed) or 'nothing')}"
        return text

    def action_close(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, bindings: dict) -> None:  # type: ignore[type-arg]
        super().__init__()
        self.bindings_shown = bindings

    def compose(self) -> ComposeResult:
        keys = []
        for active in self.bindings_shown.values():
            binding = active.binding
            if binding.id:
                shown = self.app.get_key_display(binding).rjust(3)
                key = escape(shown).replace("[", "\\[")  # "[" is a key too
                extra = len(key) - len(shown)  # markup escapes take no room on screen
                keys.append(f"[b]{key}[/] {binding.description} [dim]({binding.id})[/]".ljust(36 + extra + len("[b][/] [dim][/]")))
        # Two columns: every key and the legends fit an 80x24 terminal.
        columns = [keys[i] + (keys[i + 1] if i + 1 < len(keys) else "") for i in range(0, len(keys), 2)]
        lines = [
            "[b]Keys[/] (remap them in the settings file under \\[keys], e.g. accept = \"y\")",
            *columns,
            "[b]↑/↓[/] move in the queue  [b]tab[/] next panel (record, article: arrows scroll)",
            "[b]ctrl+p[/] palette: filters, export, theme, quit  [b]ctrl+q[/] quit too",
            "Select text with the mouse, or [b]][/]/[b]\\[[/] sentence, [b]⇧→/⇧←[/] word, [b]⇧↓/⇧↑[/] sentence",
            "more/less; [b]e[/] offers the selection as a quote, [b]+[/] adds a record from it.",
            "[b]Articles[/] ● complete ◐ in progress ○ not reviewed; 1/3 undecided/records",
            "Underlined: looks like an agreement, no record quotes it ([b]c[/] goes there).",
            "[b]d[/] marks an article done: every agreement it reports is in the register.",
            "",
            (
                "[b]Queue[/]  [$text-success]✓[/] accepted  [$text-accent]✎[/] edited  + added  [$text-error]✗[/] rejected"
                "  » skipped  [$text-warning]![/] a flag, not NO DATE"
            ),
            "[b]Evidence[/]  = exact  ≈ normalised  ~ fuzzy (score)  ✗ not in article",
            "[b]Flags[/]  UNGROUNDED / FUZZY quote, NO DATE, DATE WORDS NAME NO DAY, PARTY NOT IN TEXT,",
            "PARTY NOT A NAME?, SAME AS ANOTHER RECORD (same type and parties).",
            "[b]Edit form[/]  [b]alt+p/t/d/s/c/m/e[/] jump: parties, type, date, signers, scope,",
            "summary, evidence · [b]→[/] takes an offered name · [b]alt+a[/] article · [b]ctrl+s[/] save",
            "Quotes must be in the article; the date's words must say the date.",
        ]
        with Vertical(classes="dialog", id="help-dialog"):
            with VerticalScroll():
                yield Static("\n".join(lines))
            yield Label("[dim]Esc, ? or q closes this help[/]", id="help-close")

    def action_close(self) -> None:
        self.dismiss(None)
