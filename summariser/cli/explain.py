"""`summarise explain FILE`: the records the rules propose for one article, and which rules made each."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from summariser.cli import main


@main.command("explain", short_help="Show which rules produced each record of one article.")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def explain(file: Path) -> None:
    """Print, for one article FILE, the language pack read, each record the choice strategy's rules propose
    (the program's own choices, no model asked) and the trace of rules that produced it, with its evidence.
    Nothing is stored."""
    from summariser.documents import DocumentError, read_document
    from summariser.extract.strategies.choice.explain import explain as run
    from summariser.extract.strategies.choice.explain import render
    from summariser.settings import load_settings

    settings = load_settings()
    try:
        doc = read_document(file, max_bytes=settings.max_document_bytes)
    except DocumentError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    for line in render(run(doc, settings)):
        click.echo(line)
