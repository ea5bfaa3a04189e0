"""Repeating rows of the edit form (parties, signatories, evidence), each with its own error line."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import Suggester, SuggestFromList
from textual.widgets import Button, Input, Label

from summariser.review.checks import canonical_name
from summariser.schema import EVIDENCE_FIELDS


class FormInput(Input):
    """An input that never takes an alt+key as text. A terminal sends alt+d as a printable "d" after ESC,
    and an Esc pressed just before a letter can arrive the same way: neither is something typed."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key.startswith("alt+"):
            event.prevent_default()  # Input's own handler would insert the character


def field(value: str, placeholder: str, *, classes: str = "", id: str | None = None,
          suggester: Suggester | None = None) -> Input:
    """An input of the form. Moving into it keeps its text (select_on_focus would let the next letter replace
    a whole name) and puts the cursor at its end."""
    return FormInput(value, placeholder=placeholder, classes=classes, id=id, compact=True, select_on_focus=False,
                     suggester=suggester)


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
    """`names`: the organisations the program found in the article, name -> canonical name; offered as
    the reviewer types a name, and their canonical names fill the canonical field."""

    def __init__(self, name: str = "", canonical: str = "", *, names: Mapping[str, str] | None = None) -> None:
        super().__init__(classes="row party-row")
        self._initial = (name, canonical)
        self._names = names if names is not None else {}
        # The canonical name follows the name while it is derived from it (not a short name such as "STP"
        # the model or a reviewer chose), until the reviewer types in the canonical field.
        # (Against the name's own derivation: the offered names include this record's, with this canonical.)
        self._canonical_typed = canonical not in ("", name, canonical_name(name))
        self._filled = canonical

    def derived(self, name: str) -> str:
        return self._names.get(name.strip()) or canonical_name(name)

    def compose_fields(self) -> ComposeResult:
        offers = SuggestFromList(list(self._names), case_sensitive=False) if self._names else None
        yield field(self._initial[0], "name as written", classes="party-name", suggester=offers)
        yield field(self._initial[1], "canonical", classes="party-canonical")

    @on(Input.Changed, ".party-name")
    def name_changed(self, event: Input.Changed) -> None:
        if not self._canonical_typed and event.value != self._initial[0]:
            self._filled = self.derived(event.value)
            canonical = self.query_one(".party-canonical", Input)
            canonical.value = self._filled
            canonical.cursor_position = len(self._filled)

    @on(Input.Changed, ".party-canonical")
    def canonical_changed(self, event: Input.Changed) -> None:
        if event.value != self._filled:
            self._canonical_typed = True

    def data(self) -> dict | None:  # type: ignore[type-arg]
        name, canonical = self.value("party-name"), self.value("party-canonical")
        if not name and not canonical:
            return None
        # A blank canonical name defaults to the name: one less thing to type for a new party.
        return {"name": name, "canonical": canonical or canonical_name(name)}


class SignatoryRow(Row):
    def __init__(
        self, name: str = "", title: str | None = None, organisation: str | None = None, *,
        names: Sequence[str] | None = None,
    ) -> None:
        super().__init__(classes="row signatory-row")
        self._initial = (name, title or "", organisation or "")
        self._names = names if names is not None else []

    def compose_fields(self) -> ComposeResult:
        offers = SuggestFromList(list(self._names), case_sensitive=False) if self._names else None
        yield field(self._initial[0], "name", classes="sig-name", suggester=offers)
        yield field(self._initial[1], "title", classes="sig-title")
        yield field(self._initial[2], "organisation", classes="sig-org")

    def data(self) -> dict | None:  # type: ignore[type-arg]
        name, title, org = self.value("sig-name"), self.value("sig-title"), self.value("sig-org")
        if not (name or title or org):
            return None
        return {"name": name, "title": title or None, "organisation": org or None}


class FieldNames(Suggester):
    """Completes the last comma-separated word to an evidence field name (→ takes it)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        last = value.rpartition(",")[2].lstrip()
        if not last:
            return None
        for name in EVIDENCE_FIELDS:
            if name.startswith(last.casefold()) and name != last:
                return value + name[len(last):]
        return None


class EvidenceRow(Row):
    def __init__(self, quote: str = "", fields: list[str] | None = None, match: str = "") -> None:
        super().__init__(classes="row evidence-row")
        self._initial = (quote, ", ".join(fields or []), match)

    def compose_fields(self) -> ComposeResult:
        yield field(self._initial[0], "quote, verbatim from the article", classes="ev-quote")

    def compose_second_line(self) -> ComposeResult:
        # The fields on a labelled line of their own: side by side, a long quote ran into its field list.
        with Horizontal(classes="row-fields ev-second"):
            yield Label("└ supports", classes="ev-label")
            yield field(self._initial[1], ", ".join(EVIDENCE_FIELDS), classes="ev-fields", suggester=FieldNames())

    def data(self) -> dict | None:  # type: ignore[type-arg]
        quote, fields = self.value("ev-quote"), self.value("ev-fields")
        if not quote and not fields:
            return None
        return {"quote": quote, "fields": [f.strip() for f in fields.split(",") if f.strip()]}
