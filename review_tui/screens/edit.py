"""The edit form: every field of a record, validated by the service (quotes must ground) before it closes.

Made for speed: it opens in the first field, a jump key per section (alt+letter, listed in its first line),
moving into a field keeps its text (the cursor goes to its end), names the program found in the article are
(the records' parties and signatories) offered as you type (→ takes the offer), and the article stays in view (beside the form at 120 columns and
more; alt+a swaps form and article below that).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, TextArea

from review_tui.screens.edit_rows import EvidenceRow, PartyRow, Row, SignatoryRow, field
from review_tui.widgets.article import ArticleView
from summariser.review.model import EditError, ReviewItem
from summariser.schema import AgreementRecord, AgreementType, Document, Status

ROW_GROUPS = {"parties": PartyRow, "signatories": SignatoryRow, "evidence": EvidenceRow}

# Section -> (jump key, what gets the focus: the first match of these selectors).
SECTIONS = {
    "parties": ("alt+p", ".party-name"),
    "type": ("alt+t", "#agreement_type"),
    "date": ("alt+d", "#date_text"),
    "signatories": ("alt+s", ".sig-name, #add-signatories"),
    "scope": ("alt+c", "#scope"),
    "summary": ("alt+m", "#summary"),
    "evidence": ("alt+e", ".ev-quote, #add-evidence"),
}
KEYS_LINE = (
    "[b]{title}[/]  [b]ctrl+s[/] save · [b]esc[/] cancel · [b]alt+a[/] the article\n"
    "[dim]jump[/] [b]alt+[/] [b]p[/]arties [b]t[/]ype [b]d[/]ate [b]s[/]igners s[b]c[/]ope su[b]m[/]mary [b]e[/]vidence"
)


class EditScreen(ModalScreen[AgreementRecord | None]):
    """Dismisses with the validated, grounded record, or None when cancelled."""

    CSS_PATH = "../edit.tcss"
    AUTO_FOCUS = ".party-name"  # the form opens in its first field

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="edit.save"),
        Binding("escape", "cancel", "Cancel"),
        # Priority: in a terminal alt+d arrives as a printable "d" that a focused input would take as text.
        Binding("alt+a", "toggle_article", "Article", id="edit.article", priority=True),
        *(
            Binding(key, f"jump('{name}')", name.title(), id=f"edit.{name}", priority=True)
            for name, (key, _) in SECTIONS.items()
        ),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    def __init__(
        self,
        item: ReviewItem | None,
        validate: Callable[[dict[str, Any]], AgreementRecord],
        selected: str | None = None,
        names: tuple[dict[str, str], list[str]] | None = None,
        *,
        record: AgreementRecord | None = None,
        document: Document | None = None,
    ) -> None:
        """`names`: the organisations (name -> canonical name) and people found in the article, offered as the
        reviewer types a party or a signatory. `record` and `document`: open pre-filled with this draft of a
        *new* record of `document` (adding one) instead of `item`'s record."""
        super().__init__()
        self.item = item
        self.validate = validate
        self.selected = (selected or "").strip() or None
        self.orgs, self.people = names or ({}, [])
        self.draft = record
        self.document = document if document is not None else (item.document if item is not None else None)

    @property
    def record(self) -> AgreementRecord:
        """What the form opened with: the draft of a new record, or the record under review."""
        assert self.draft is not None or self.item is not None
        return self.draft if self.draft is not None else self.item.shown  # type: ignore[union-attr]

    def compose(self) -> ComposeResult:
        rec = self.record
        with Horizontal(id="edit-layout"):
            yield from self._form(rec)
            yield ArticleView(id="edit-article")

    def _form(self, rec: AgreementRecord) -> ComposeResult:
        title = "Add record" if self.draft is not None else "Edit record"
        with Vertical(classes="dialog", id="edit-dialog"):
            yield Label(KEYS_LINE.format(title=title), id="edit-keys")
            with VerticalScroll(id="edit-form"):
                yield Label("Parties", classes="group")
                with Vertical(id="parties"):
                    for p in rec.parties:
                        yield PartyRow(p.name, p.canonical, names=self.orgs)
                    for _ in range(2 - len(rec.parties)):  # a record being added starts with two empty parties
                        yield PartyRow(names=self.orgs)
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
                    # The words first: the date is read from them when left empty.
                    yield field(rec.date_text or "", "the article's words for the date", id="date_text")
                    yield field(rec.date_signed.isoformat() if rec.date_signed else "",
                                "YYYY-MM-DD (empty: from the words)", id="date_signed")
                yield Label("", id="err-date_text", classes="error")
                yield Label("", id="err-date_signed", classes="error")
                yield field(rec.location or "", "location", id="location")
                yield Label("", id="err-location", classes="error")
                yield Label("Signatories", classes="group")
                with Vertical(id="signatories"):
                    for s in rec.signatories:
                        yield SignatoryRow(s.name, s.title, s.organisation, names=self.people)
                yield Button("+ signatory", id="add-signatories", compact=True)
                yield Label("", id="err-signatories", classes="error")
                yield Label("Scope, one per line", classes="group")
                yield TextArea("\n".join(rec.scope), id="scope", soft_wrap=True, compact=True)
                yield Label("", id="err-scope", classes="error")
                yield field(rec.summary, "summary (written from the fields unless you change it)", id="summary")
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
        self._initial: dict[str, Any] | None = None
        self.call_after_refresh(self._remember_initial)
        self.query_one(ArticleView).show(self.document, self.record)

    def action_jump(self, section: str) -> None:
        """Focus the first field of `section` and bring it into view."""
        self.set_class(False, "-show-article")
        target = self.query(SECTIONS[section][1]).first()
        target.focus()
        self.query_one("#edit-form").scroll_to_center(target, animate=False)

    def action_toggle_article(self) -> None:
        # Below 120 columns form and article share the screen by turns; at 120 and more both show.
        self.toggle_class("-show-article")
        if self.has_class("-show-article"):
            self.query_one(ArticleView).focus()

    def _remember_initial(self) -> None:
        # What the form held when it opened: Esc asks before throwing away anything that differs from it.
        self._initial = self.data()[0]

    @property
    def changed(self) -> bool:
        return self._initial is not None and self.data()[0] != self._initial

    # ------------------------------------------------------------------ rows
    @on(Button.Pressed, "#add-parties, #add-signatories, #add-evidence")
    def add_row(self, event: Button.Pressed) -> None:
        group = (event.button.id or "").removeprefix("add-")
        names = {"parties": self.orgs, "signatories": self.people}.get(group)
        row = ROW_GROUPS[group](names=names) if names is not None else ROW_GROUPS[group]()
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
            self.call_after_refresh(self._scroll_to_first_error)
            return
        self.dismiss(record)

    @on(Button.Pressed, "#save")
    def save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return
        from review_tui.screens.dialogs import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Your changes to this record will be lost.", title="Discard the edit?"), answered)

    def _scroll_to_first_error(self) -> None:
        # In document order, which is the form's order from top to bottom.
        shown = [label for label in self.query(".error") if label.display]
        if shown:
            self.query_one("#edit-form").scroll_to_center(shown[0], animate=False)

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
        if self.query(f"#err-{group}") and len(parts) == 1:
            self._show(f"err-{group}", message)  # the label is the field's own: the message alone says it
        else:
            self._show(f"err-{group}" if self.query(f"#err-{group}") else "err-evidence", f"{key}: {message}")

    def _show(self, label_id: str, message: str | None) -> None:
        label = self.query_one(f"#{label_id}", Label)
        label.update(message or "")
        label.display = bool(message)
