"""The edit form: every field of a record, validated by the service (quotes must ground) before it closes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, TextArea

from summariser.review.model import EditError, ReviewItem
from summariser.schema import AgreementRecord, AgreementType, Status
from review_tui.screens.edit_rows import EvidenceRow, PartyRow, Row, SignatoryRow

ROW_GROUPS = {"parties": PartyRow, "signatories": SignatoryRow, "evidence": EvidenceRow}


class EditScreen(ModalScreen[AgreementRecord | None]):
    """Dismisses with the validated, grounded record, or None when cancelled."""

    CSS_PATH = "../edit.tcss"

    BINDINGS = [Binding("ctrl+s", "save", "Save", id="edit.save"), Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, item: ReviewItem | None, validate: Callable[[dict[str, Any]], AgreementRecord], selected: str | None = None,
        *, record: AgreementRecord | None = None,
    ) -> None:  # fmt: skip
        """`record`: open pre-filled with this draft of a *new* record (adding one) instead of `item`'s."""
        super().__init__()
        self.item = item
        self.validate = validate
        self.selected = (selected or "").strip() or None
        self.draft = record

    def compose(self) -> ComposeResult:
        assert self.item is not None or self.draft is not None
        rec = self.draft if self.draft is not None else self.item.shown  # type: ignore[union-attr]
        title = "Add record" if self.draft is not None else "Edit record"
        with Vertical(classes="dialog", id="edit-dialog"):
            yield Label(f"[b]{title}[/]  ctrl+s save · esc cancel · quotes must be in the article")
            with VerticalScroll(id="edit-form"):
                yield Label("Parties", classes="group")
                with Vertical(id="parties"):
                    for p in rec.parties:
                        yield PartyRow(p.name, p.canonical)
                yield Button("+ party", id="add-parties", compact=True)
                yield Label("", id="err-parties", classes="error")
                with Horizontal(classes="pair"):
                    yield Select([(t.value, t.value) for t in AgreementType], value=rec.agreement_type.value,
                                 allow_blank=False, id="agreement_type", compact=True)
                    yield Select([(s.value, s.value) for s in Status], value=rec.status.value,
                                 allow_blank=False, id="status", compact=True)
                yield Label("", id="err-agreement_type", classes="error")
                yield Label("", id="err-status", classes="error")
                with Horizontal(classes="pair"):
                    yield Input(rec.date_signed.isoformat() if rec.date_signed else "", placeholder="date signed YYYY-MM-DD",
                                id="date_signed", compact=True)
                    yield Input(rec.date_text or "", placeholder="the article's words for the date", id="date_text", compact=True)
                yield Label("", id="err-date_signed", classes="error")
                yield Label("", id="err-date_text", classes="error")
                yield Input(rec.location or "", placeholder="location", id="location", compact=True)
                yield Label("", id="err-location", classes="error")
                yield Label("Signatories", classes="group")
                with Vertical(id="signatories"):
                    for s in rec.signatories:
                        yield SignatoryRow(s.name, s.title, s.organisation)
                yield Button("+ signatory", id="add-signatories", compact=True)
                yield Label("", id="err-signatories", classes="error")
                yield Label("Scope, one per line", classes="group")
                yield TextArea("\n".join(rec.scope), id="scope", soft_wrap=True, compact=True)
                yield Label("", id="err-scope", classes="error")
                yield Input(rec.summary, placeholder="summary", id="summary", compact=True)
                yield Label("", id="err-summary", classes="error")
                yield Label("Evidence: quote · fields it supports", classes="group")
                with Vertical(id="evidence"):
                    for e in rec.evidence:
                        yield EvidenceRow(e.quote, list(e.fields), e.match.value)
                with Horizontal(classes="pair"):
                    yield Button("+ quote", id="add-evidence", compact=True)
                    yield Button("+ selected text", id="add-selected", compact=True, disabled=self.selected is None)
                yield Label("", id="err-evidence", classes="error")
            with Horizontal(id="edit-buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        for label in self.query(".error"):
            label.display = False

    # ------------------------------------------------------------------ rows
    @on(Button.Pressed, "#add-parties, #add-signatories, #add-evidence")
    def add_row(self, event: Button.Pressed) -> None:
        group = (event.button.id or "").removeprefix("add-")
        row = ROW_GROUPS[group]()
        self.query_one(f"#{group}", Vertical).mount(row)
        row.call_after_refresh(lambda: row.query(Input).first().focus())

    @on(Button.Pressed, "#add-selected")
    def add_selected(self) -> None:
        # The text the reviewer selected in the article becomes a quote; it is aligned like a model quote on save.
        self.query_one("#evidence", Vertical).mount(EvidenceRow(self.selected or "", []))

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    def field_edited(self, event: Input.Changed | Select.Changed | TextArea.Changed) -> None:
        """An error shown at a field goes once the field is edited (the date is checked as it is typed)."""
        widget = event.control
        if widget is None or widget.id == "date_signed":
            return
        if widget.id and self.query(f"#err-{widget.id}"):
            self._show(f"err-{widget.id}", None)
            return
        for group in ROW_GROUPS:
            if any(a.id == group for a in widget.ancestors):
                self._show(f"err-{group}", None)

    @on(Input.Changed, "#date_signed")
    def check_date(self, event: Input.Changed) -> None:
        import datetime as dt

        value = event.value.strip()
        try:
            if value:
                dt.date.fromisoformat(value)
            message = None
        except ValueError:
            message = "not a date: use YYYY-MM-DD"
        self._show("err-date_signed", message)

    # ------------------------------------------------------------------ save
    def data(self) -> tuple[dict[str, Any], dict[str, list[Row]]]:
        rows: dict[str, list[Row]] = {}
        data: dict[str, Any] = {}
        for group in ROW_GROUPS:
            kept = [(row, row.data()) for row in self.query_one(f"#{group}", Vertical).query(Row)]
            rows[group] = [row for row, d in kept if d is not None]
            data[group] = [d for _, d in kept if d is not None]
        data["agreement_type"] = self.query_one("#agreement_type", Select).value
        data["status"] = self.query_one("#status", Select).value
        for name in ("date_signed", "date_text", "location"):
            data[name] = self.query_one(f"#{name}", Input).value.strip() or None
        data["summary"] = self.query_one("#summary", Input).value.strip()
        data["scope"] = [s.strip() for s in self.query_one("#scope", TextArea).text.splitlines() if s.strip()]
        return data, rows

    def action_save(self) -> None:
        data, rows = self.data()
        self._clear_errors()
        try:
            record = self.validate(data)
        except EditError as exc:
            for key, message in exc.errors.items():
                self._show_error(key, message, rows)
            self.notify("fix the marked fields; nothing was saved", severity="error")
            return
        self.dismiss(record)

    @on(Button.Pressed, "#save")
    def save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _clear_errors(self) -> None:
        for label in self.query(".error"):
            label.display = False
        for row in self.query(Row):
            row.show_error(None)

    def _show_error(self, key: str, message: str, rows: dict[str, list[Row]]) -> None:
        parts = key.split(".")
        group = parts[0]
        if group in rows and len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(rows[group]):
            detail = ".".join(parts[2:])
            rows[group][int(parts[1])].show_error(f"{detail}: {message}" if detail else message)
            return
        self._show(f"err-{group}" if self.query(f"#err-{group}") else "err-evidence", f"{key}: {message}")

    def _show(self, label_id: str, message: str | None) -> None:
        label = self.query_one(f"#{label_id}", Label)
        label.update(message or "")
        label.display = bool(message)
