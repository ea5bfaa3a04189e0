"""`summarise report`: the register as one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path

import click

from summariser.cli import main
from summariser.cli.export import _STORE_HELP, _fail, _open_store


@main.command(short_help="Write the register as one self-contained HTML page.")
@click.option("--store", type=click.Path(dir_okay=False, path_type=Path), help=_STORE_HELP)
@click.option("--out", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The HTML file to write (atomically).")
@click.option("--all", "include_all", is_flag=True, help="Every current record, not only the accepted and edited ones (as `export --all`).")
def report(store: Path | None, out: Path, include_all: bool) -> None:
    """Agreements over time by status, who agreed with whom, the most active parties, and every agreement
    with its reports and quotes, filterable. One file: no network, nothing fetched when it is opened.
    It holds the same agreements as `summarise export --by agreement` with the same options."""
    from summariser.atomic import OutputError
    from summariser.report import write_report
    from summariser.store.db import StoreError

    with _open_store(store) as opened:
        try:
            counts = write_report(opened.conn, out, include_all=include_all)
        except (OutputError, StoreError) as exc:
            _fail(str(exc))
    click.echo(f"wrote {out}: {counts['agreements']} agreements, {counts['reports']} reports, "
               f"{counts['organisations']} organisations", err=True)
    if counts["agreements"] == 0 and not include_all:
        click.echo("no accepted or edited records yet: review with `summarise review`, or use --all", err=True)
