"""The evaluation report as tables on the terminal (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from summariser.evaluate import Report, Score

FIELD_LABELS = {"agreement_type": "type", "date_signed": "date signed"}


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _row(table: Table, name: str, score: Score) -> None:
    table.add_row(name, str(score.tp), str(score.fp), str(score.fn), _pct(score.precision), _pct(score.recall), _pct(score.f1))


def print_report(report: Report, console: Console | None = None) -> None:
    console = console or Console()
    table = Table(
        title=f"Agreements against gold ({report.documents} articles)",
        caption="Field rows: a matched record whose field is right counts as correct.",
    )
    for column in ("", "correct", "false +", "missed", "precision", "recall", "F1"):
        table.add_column(column, justify="right" if column else "left", no_wrap=True)
    _row(table, "signed agreements", report.signed)
    _row(table, "all statuses", report.all)
    table.add_section()
    for name, score in report.fields.items():
        _row(table, FIELD_LABELS.get(name, name), score)
    console.print(table)

    ev = report.evidence
    console.print(
        f"Evidence ({ev['total']} quotes): exact {_pct(ev['exact'])}, normalised {_pct(ev['normalised'])}, "
        f"fuzzy {_pct(ev['fuzzy'])}, ungrounded {_pct(ev['ungrounded'])}"
    )
    if report.documents_missing:
        console.print(f"[yellow]No predictions for (their records count as missed):[/] {', '.join(report.documents_missing)}")
    for d in report.details:
        if d.missed or d.extra:
            parts = []
            if d.missed:
                parts.append(f"missed {', '.join(d.missed)}")
            if d.extra:
                parts.append(f"{len(d.extra)} extra")
            console.print(f"  {d.document}: {'; '.join(parts)}")
