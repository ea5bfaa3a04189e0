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
    if d.reason:
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
            yield Label(f"[b]History of record {self.record_id[:12]}[/]  (Esc to close)")
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
        lines = ["[b]Keys[/] (remap them in the settings file under \\[keys], e.g. accept = \"y\")", ""]
        for key, active in self.bindings_shown.items():
            binding = active.binding
            if binding.id:
                lines.append(f"  [b]{escape(self.app.get_key_display(binding))}[/]  {binding.description}  [dim]({binding.id})[/]")
        lines += [
            "",
            "  [b]up/down[/] move in the queue   [b]tab[/] switch panel   [b]ctrl+p[/] filters, export, theme",
            "  Select text in the article with the mouse, then [b]e[/]: it is offered as a quote.",
            "  Flags: UNGROUNDED / FUZZY quote, NO DATE, PARTY NOT IN TEXT. Edits must ground every quote.",
        ]
        with Vertical(classes="dialog", id="help-dialog"):
            yield Static("\n".join(lines))

    def action_close(self) -> None:
        self.dismiss(None)
