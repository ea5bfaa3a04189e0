"""Small modal screens: the rejection reason, a record's history and the key help."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from summariser.review.model import Decision, Event


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


def _describe(d: Decision | None) -> str:
    if d is None:
        return "[dim]no decision[/]"
    text = f"{d.state} by {escape(d.reviewer)} (v{d.version})"
    if getattr(d, "reason", None):  # article decisions have none
        text += f" “{escape(d.reason)}”"
    return text


class HistoryScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,h,q", "close", "Close")]

    def __init__(self, record_id: str, events: list[Event]) -> None:
        super().__init__()
        self.record_id = record_id
        self.events = events

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="history-dialog"):
            what = "record" if all(hasattr(e, "record_id") for e in self.events) else "article"
            yield Label(f"[b]History of {what} {self.record_id[:12]}[/]  (Esc to close)")
            with VerticalScroll():
                if not self.events:
                    yield Static("[dim]No decisions yet.[/]")
                for e in self.events:
                    yield Static(
                        f"{e.at[:19].replace('T', ' ')} [b]{escape(e.reviewer)}[/] {e.action}: "
                        f"{_describe(e.before)} → {_describe(e.after)}",
                        classes=f"event event-{e.action}",
                    )

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
                key = escape(self.app.get_key_display(binding)).replace("[", "\\[")  # "[" is a key too
                keys.append(f"[b]{key:>3}[/] {binding.description} [dim]({binding.id})[/]".ljust(36 + len("[b][/] [dim][/]")))
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
                "  » skipped  [$text-warning]![/] has flags"
            ),
            "[b]Evidence[/]  = exact  ≈ normalised  ~ fuzzy (score)  ✗ not in article",
            "[b]Flags[/]  UNGROUNDED / FUZZY quote, NO DATE, PARTY NOT IN TEXT (ends in ?).",
            "Edits must ground every quote in the article.",
        ]
        with Vertical(classes="dialog", id="help-dialog"):
            with VerticalScroll():
                yield Static("\n".join(lines))
            yield Label("[dim]Esc, ? or q closes this help[/]", id="help-close")

    def action_close(self) -> None:
        self.dismiss(None)
