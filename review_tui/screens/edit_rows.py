"""Repeating rows of the edit form (parties, signatories, evidence), each with its own error line."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label


class Row(Vertical):
    """A removable row; `data()` returns what the reviewer typed, `show_error` marks the row.

    Editing any input of the row clears its error: the message was about the old text, and saving
    checks everything again."""

    def compose_fields(self) -> ComposeResult:
        raise NotImplementedError

    def compose_second_line(self) -> ComposeResult:
        yield from ()

    def compose(self) -> ComposeResult:
        with Horizontal(classes="row-fields"):
            yield from self.compose_fields()
            yield Button("✕", classes="remove", compact=True, tooltip="remove this row")
        yield from self.compose_second_line()
        yield Label("", classes="error")

    def show_error(self, message: str | None) -> None:
        label = self.query_one(".error", Label)
        label.update(message or "")
        label.display = bool(message)
        self.set_class(bool(message), "-invalid")

    @on(Input.Changed)
    def edited(self, event: Input.Changed) -> None:
        if self.has_class("-invalid"):
            self.show_error(None)

    @on(Button.Pressed, ".remove")
    def remove_row(self, event: Button.Pressed) -> None:
        event.stop()
        self.remove()

    def value(self, cls: str) -> str:
        return self.query_one(f".{cls}", Input).value.strip()

    def data(self) -> dict | None:  # type: ignore[type-arg]
        raise NotImplementedError


class PartyRow(Row):
    def __init__(self, name: str = "", canonical: str = "") -> None:
        super().__init__(classes="row party-row")
        self._initial = (name, canonical)

    def compose_fields(self) -> ComposeResult:
        yield Input(self._initial[0], placeholder="name as written", classes="party-name", compact=True)
        yield Input(self._initial[1], placeholder="canonical", classes="party-canonical", compact=True)

    def data(self) -> dict | None:  # type: ignore[type-arg]
        name, canonical = self.value("party-name"), self.value("party-canonical")
        if not name and not canonical:
            return None
        # A blank canonical name defaults to the name: one less thing to type for a new party.
        return {"name": name, "canonical": canonical or name}


class SignatoryRow(Row):
    def __init__(self, name: str = "", title: str | None = None, organisation: str | None = None) -> None:
        super().__init__(classes="row signatory-row")
        self._initial = (name, title or "", organisation or "")

    def compose_fields(self) -> ComposeResult:
        yield Input(self._initial[0], placeholder="name", classes="sig-name", compact=True)
        yield Input(self._initial[1], placeholder="title", classes="sig-title", compact=True)
        yield Input(self._initial[2], placeholder="organisation", classes="sig-org", compact=True)

    def data(self) -> dict | None:  # type: ignore[type-arg]
        name, title, org = self.value("sig-name"), self.value("sig-title"), self.value("sig-org")
        if not (name or title or org):
            return None
        return {"name": name, "title": title or None, "organisation": org or None}


class EvidenceRow(Row):
    def __init__(self, quote: str = "", fields: list[str] | None = None, match: str = "") -> None:
        super().__init__(classes="row evidence-row")
        self._initial = (quote, ", ".join(fields or []), match)

    def compose_fields(self) -> ComposeResult:
        yield Input(self._initial[0], placeholder="quote, verbatim from the article", classes="ev-quote", compact=True)

    def compose_second_line(self) -> ComposeResult:
        # The fields on a labelled line of their own: side by side, a long quote ran into its field list.
        with Horizontal(classes="row-fields ev-second"):
            yield Label("└ supports", classes="ev-label")
            yield Input(self._initial[1], placeholder="fields: parties, status…", classes="ev-fields", compact=True)

    def data(self) -> dict | None:  # type: ignore[type-arg]
        quote, fields = self.value("ev-quote"), self.value("ev-fields")
        if not quote and not fields:
            return None
        return {"quote": quote, "fields": [f.strip() for f in fields.split(",") if f.strip()]}
