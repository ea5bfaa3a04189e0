"""`summarise extract-one FILE`: try the extractor on one article and print the result as JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from summariser.cli import main
from summariser.cli.options import load, model_options

EXIT_FAILED, EXIT_USAGE = 1, 2


def _fail(message: str, code: int) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@main.command(
    "extract-one",
    short_help="Extract one article; print its records as JSON.",
    epilog="\b\nExit codes:\n  0  records printed (possibly none)\n  1  the model gave no usable answer\n"
    "  2  bad input or settings (unreadable, empty, binary or too large file; model cannot start)",
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@model_options
@click.option("--compact", is_flag=True, help="One line of JSON instead of indented JSON.")
def extract_one(
    file: Path, model: str | None, base_url: str | None, strategy: str | None, embedded: bool | None, compact: bool
) -> None:
    """Extract agreement records from one article FILE and print them, with evidence, as JSON on stdout.

    Nothing is stored. Each evidence quote carries its start/end character offsets into the article
    text and how it matched (exact, normalised, fuzzy, or ungrounded when it could not be found).
    """
    from summariser.documents import DocumentError, read_document
    from summariser.extract import ExtractionError, Extractor

    settings = load(model=model, base_url=base_url, strategy=strategy, embedded=embedded)
    try:
        doc = read_document(file, max_bytes=settings.max_document_bytes)
    except DocumentError as exc:
        _fail(str(exc), EXIT_USAGE)
    try:
        extractor = Extractor(settings)
    except ExtractionError as exc:
        _fail(str(exc), EXIT_USAGE)
    try:
        result = extractor.extract(doc)
    except ExtractionError as exc:
        _fail(f"{file}: {exc}", EXIT_FAILED)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    payload = {"path": doc.path, "reported": doc.reported, **result.model_dump(mode="json")}
    click.echo(json.dumps(payload, default=str, ensure_ascii=False, indent=None if compact else 2))
