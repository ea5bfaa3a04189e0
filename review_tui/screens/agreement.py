"""The agreement of the current record: every article's report side by side, and the link decisions
(confirm, split off, relink to another agreement found by search, undo)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from review_tui.widgets.reports import ReportColumns
from summariser.review.links import LinkService
from summariser.review.model import ReviewError

AGREEMENT_BINDINGS: list[BindingType] = [
    Binding("c", "confirm", "Confirm link", id="link_confirm"),
    Binding("s", "split", "Split off", id="link_split"),
    Binding("r", "relink", "Relink…", id="link_relink"),
    Binding("u", "undo", "Undo link", id="link_undo"),
    Binding("escape,g,q", "close", "Back", id="link_close"),
]


class AgreementScreen(Screen[None]):
    BINDINGS = AGREEMENT_BINDINGS
    AUTO_FOCUS = None  # the keys act on the screen; the search box takes focus only when relinking
    DEFAULT_CSS = """
    AgreementScreen #agreement-title { height: auto; padding: 0 1; background: $panel; }
    AgreementScreen #relink { height: auto; max-height: 14; display: none; }
    AgreementScreen #relink.open { display: block; }
    AgreementScreen #matches { height: auto; max-height: 10; }
    """

    def __init__(self, links: LinkService, record_id: str) -> None:
        super().__init__()
        self.links = links
        self.record_id = record_id

    def compose(self) -> ComposeResult:
        yield Static(id="agreement-title")
        yield Vertical(id="columns")
        with Vertical(id="relink"):
            # Disabled while closed, so it never takes the keys meant for the screen.
            yield Input(placeholder="find an agreement: party, type, words (Enter: search, Esc: cancel)",
                        id="relink-search", disabled=True)
            yield OptionList(id="matches", disabled=True)
        yield Footer()

    async def on_mount(self) -> None:
        await self.show()

    async def show(self) -> None:
        try:
            reports = self.links.reports(self.record_id)
        except ReviewError as exc:
            self.notify(str(exc), severity="error")
            return
        agreement = self.links.agreement_of[self.record_id]
        n = len(reports)
        self.query_one("#agreement-title", Static).update(
            f"[b]Agreement {escape(agreement)}[/] · {n} report{'s' if n != 1 else ''} from "
            f"{len({r.path for r in reports})} article{'s' if n != 1 else ''}"
            + ("" if n > 1 else " · [dim]no other article reports it[/]")
        )
        columns = self.query_one("#columns", Vertical)
        await columns.remove_children()
        await columns.mount(ReportColumns(reports))

    async def _do(self, method: str, *args: object, done: str = "") -> None:
        try:
            getattr(self.links, method)(*args)
        except ReviewError as exc:
            self.notify(str(exc), title="Link", severity="error", timeout=8)
        else:
            self.notify(done)
        await self.show()

    async def action_confirm(self) -> None:
        await self._do("confirm", self.record_id, done="link confirmed")

    async def action_split(self) -> None:
        await self._do("split", self.record_id, done="split off into its own agreement")

    async def action_undo(self) -> None:
        try:
            event = self.links.undo()
        except ReviewError as exc:
            self.notify(str(exc), title="Link", severity="error", timeout=8)
        else:
            self.notify("link decision undone" if event else "no link decision of yours to undo")
        await self.show()

    def action_relink(self) -> None:
        self.query_one("#relink").add_class("open")
        self.query_one("#matches", OptionList).disabled = False
        box = self.query_one("#relink-search", Input)
        box.disabled = False
        box.focus()

    @on(Input.Submitted, "#relink-search")
    def search(self, event: Input.Submitted) -> None:
        matches = self.query_one("#matches", OptionList)
        matches.clear_options()
        for agreement, reports in self.links.search(event.value, exclude=self.record_id):
            first = reports[0]
            label = (f"{'; '.join(first.parties)} · {first.agreement_type.replace('_', ' ')} · "
                     f"{first.date_signed or first.reported or 'undated'} · {len(reports)} report(s)")
            matches.add_option(Option(escape(label), id=agreement))
        if matches.option_count:
            matches.highlighted = 0
            matches.focus()
        else:
            self.notify("no agreement matches", severity="warning")

    @on(OptionList.OptionSelected, "#matches")
    async def chosen(self, event: OptionList.OptionSelected) -> None:
        self.close_relink()
        if event.option.id:
            await self._do("relink", self.record_id, event.option.id, done="linked to the chosen agreement")

    def close_relink(self) -> None:
        self.query_one("#relink").remove_class("open")
        self.query_one("#relink-search", Input).disabled = True
        self.query_one("#matches", OptionList).disabled = True
        self.set_focus(None)

    def action_close(self) -> None:
        if self.query_one("#relink").has_class("open"):
            self.close_relink()
            return
        self.dismiss(None)
