"""The reports of one agreement side by side: one column per article (its file, date, what it says)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.widgets import Static

from summariser.review.links import Report


def describe(report: Report, *, current: bool = False) -> str:
    name = report.path.rsplit("/", 1)[-1]
    lines = [
        ("[b]this record[/] · " if current else "") + f"[b]{escape(name)}[/]",
        f"published {report.reported or '—'} · {report.status} · {report.agreement_type.replace('_', ' ')}",
        f"signed {report.date_signed or '[dim]no date stated[/]'}",
        "parties: " + escape("; ".join(report.parties)),
    ]
    if report.decided:
        lines.append(f"[$text-accent]link decided: {report.decided}[/]")
    if report.summary:
        lines.append(escape(report.summary))
    lines += [f"[dim]“{escape(q)}”[/]" for q in report.quotes[:3]]
    return "\n".join(lines)


class ReportColumns(Horizontal):
    """Columns of reports; the first is the current record's."""

    DEFAULT_CSS = """
    ReportColumns { height: 1fr; }
    ReportColumns > VerticalScroll { width: 1fr; border: round $panel-lighten-2; padding: 0 1; }
    ReportColumns > VerticalScroll.current { border: round $accent; }
    """

    def __init__(self, reports: list[Report], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.reports = reports

    def compose(self) -> ComposeResult:
        for i, report in enumerate(self.reports):
            with VerticalScroll(classes="current" if i == 0 else "", id=f"report-{i}"):
                yield Static(describe(report, current=i == 0), classes="report")
