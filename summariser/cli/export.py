"""`summarise export`, `summarise schema` and `summarise eval`: the register leaving the tool, and how good it is."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from summariser.cli import main
from summariser.schema import AgreementType, Status

_STORE_HELP = "SQLite store file [default: $SUMMARISER_STORE, the config file, or the user data folder]."
EXIT_USAGE = 2


def _fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _open_store(store: Path | None) -> Any:
    from summariser.settings import load_settings
    from summariser.store.db import StoreError
    from summariser.store.repo import Store

    path = load_settings(store=store).store
    try:
        return Store(path, readonly=True)
    except StoreError as exc:
        _fail(str(exc))


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


@main.command(short_help="Write the reviewed register as JSON, JSONL or CSV.")
@click.option("--store", type=click.Path(dir_okay=False, path_type=Path), help=_STORE_HELP)
@click.option("--out", "-o", default="-", show_default=True, metavar="FILE|-", help="File to write (atomically: complete or not at all); - for stdout.")
@click.option("--all", "include_all", is_flag=True, help="Include pending and rejected records too, each with its review state.")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv"]), default="json", show_default=True, help="json: one object with schema_version, exported_at and records; jsonl: one record per line; csv: lists joined with '; '.")
@click.option("--document", "documents", multiple=True, metavar="ID|PATH|NAME", help="Only this document (id or id prefix, path, or file name). Repeatable.")
@click.option("--type", "types", multiple=True, type=click.Choice([t.value for t in AgreementType]), help="Only this agreement type. Repeatable.")
@click.option("--status", "statuses", multiple=True, type=click.Choice([s.value for s in Status]), help="Only this status. Repeatable.")
@click.option("--reviewer", "reviewers", multiple=True, help="Only records decided by this reviewer. Repeatable.")
@click.option("--signed-from", callback=_date, metavar="YYYY-MM-DD", help="Only agreements signed on or after this date (undated ones are left out).")
@click.option("--signed-to", callback=_date, metavar="YYYY-MM-DD", help="Only agreements signed on or before this date (undated ones are left out).")
@click.option("--complete-only", is_flag=True, help="Only articles a reviewer marked complete (their records and, in JSON, the articles).")
@click.option("--no-text", is_flag=True, help="Leave each article's text out of the JSON `documents` list.")
@click.option("--by", "by", type=click.Choice(["record", "agreement"]), default="record", show_default=True, help="record: one entry per record, each with its agreement_id; agreement: one entry per agreement with merged fields, its reports and conflicts (json or jsonl).")
def export(
    store: Path | None,
    out: str,
    include_all: bool,
    fmt: str,
    documents: tuple[str, ...],
    types: tuple[str, ...],
    statuses: tuple[str, ...],
    reviewers: tuple[str, ...],
    signed_from: dt.date | None,
    signed_to: dt.date | None,
    complete_only: bool,
    no_text: bool,
    by: str,
) -> None:
    """Export the register: by default the reviewed records that were accepted, edited (the edited version)
    or added by a reviewer.

    Each record carries its document, evidence quotes with offsets, review state and provenance
    (model, prompt version, time; model `human` for added records). JSON also lists the articles
    (`documents`: id, path, reported, text, review state). `summarise schema` prints the JSON Schema.
    """
    from summariser.atomic import OutputError
    from summariser.export import ExportFilters, export_records
    from summariser.store.db import StoreError

    filters = ExportFilters(
        documents=documents, types=types, statuses=statuses, reviewers=reviewers,
        signed_from=signed_from, signed_to=signed_to, complete_only=complete_only,
    )  # fmt: skip
    with _open_store(store) as opened:
        try:
            if by == "agreement":
                from summariser.register.export import export_agreements

                summary = export_agreements(opened, out, fmt, include_all=include_all, filters=filters)
            else:
                summary = export_records(opened, out, fmt, include_all=include_all, filters=filters, with_text=not no_text)  # type: ignore[arg-type]
        except (OutputError, StoreError) as exc:
            _fail(str(exc))
        except BrokenPipeError:  # `summarise export | head`: the reader has what it wanted
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
    if by == "agreement":
        where = "stdout" if summary.target == "-" else summary.target
        click.echo(f"exported {summary.count} agreements ({summary.states['reports']} reports) to {where}", err=True)
        return
    states = ", ".join(f"{n} {s}" for s, n in sorted(summary.states.items())) or "none"
    where = "stdout" if summary.target == "-" else summary.target
    noun = "record" if summary.count == 1 else "records"
    click.echo(f"exported {summary.count} {noun} to {where} ({states})", err=True)
    if summary.count == 0 and not include_all:
        click.echo("no accepted, edited or added records yet: review with `summarise review`, or use --all", err=True)


@main.command(short_help="Print the JSON Schema of the export.")
@click.option("--record", "record_only", is_flag=True, help="The schema of one record (each JSONL line) instead of the whole export file.")
@click.option("--by", "by", type=click.Choice(["record", "agreement"]), default="record", show_default=True, help="The shape of `summarise export --by ...` (with --record: of one agreement).")
def schema(record_only: bool, by: str) -> None:
    """Print the JSON Schema of `summarise export` output, generated from the export models."""
    from summariser.export import export_schema

    click.echo(json.dumps(export_schema(record_only, by=by), indent=2))


@main.command(name="eval", short_help="Score records against a gold file (precision, recall, F1).")
@click.option("--gold", "gold_path", type=click.Path(dir_okay=False, path_type=Path), help="Gold file in the format of seeds/gold.json.")
@click.option("--store", type=click.Path(dir_okay=False, path_type=Path), help=_STORE_HELP)
@click.option("--export", "export_path", type=click.Path(dir_okay=False, path_type=Path), help="Score a JSON/JSONL export file instead of a store.")
@click.option("--reviewed", is_flag=True, help="Score the reviewed register instead of every current suggestion: the articles marked complete, with their accepted, edited and added records.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout.")
@click.option("--make-gold", "make_gold", type=click.Path(dir_okay=False, path_type=Path), metavar="OUT", help="Instead of scoring: write the store's reviewed register as a gold file OUT (the articles marked complete; one with no records is gold for 'no agreement').")
def evaluate(
    gold_path: Path | None,
    store: Path | None,
    export_path: Path | None,
    reviewed: bool,
    as_json: bool,
    make_gold: Path | None,
) -> None:
    """Score extracted records against a gold file: precision, recall and F1 for signed agreements
    (the headline), for all statuses, per field, and how the evidence was grounded.

    Predictions are the store's current suggestions (what the extractor produced), matched to gold by
    article file name, or the records of an export file with --export. With --make-gold OUT, turn the
    store's reviewed records into a gold file instead.
    """
    if make_gold is not None:
        if gold_path or export_path:
            _fail("--make-gold reads a store; it takes no --gold or --export")
        _write_gold(store, make_gold)
        return
    if gold_path is None:
        _fail("--gold FILE is needed (or --make-gold OUT to write one)")
    if export_path and (store or reviewed):
        _fail("give either --export FILE or a store (--store, --reviewed), not both")
    from summariser.evaluate import EvalError, predictions_from_export, predictions_from_store
    from summariser.evaluate import evaluate as run_eval
    from summariser.gold import GoldError, load_gold

    try:
        gold = load_gold(gold_path)
        if export_path:
            predictions = predictions_from_export(export_path)
        else:
            with _open_store(store) as opened:
                predictions = predictions_from_store(opened.conn, reviewed=reviewed)
        report = run_eval(gold, predictions)
        links = _link_scores(gold, report, store, export_path, reviewed)
    except (GoldError, EvalError) as exc:
        _fail(str(exc))
    if as_json:
        click.echo(json.dumps({**report.to_dict(), "linking": links.to_dict()}, indent=2))
    else:
        from summariser.cli.eval_table import print_report
        from summariser.register.scoring import print_link_scores

        print_report(report)
        print_link_scores(links, click.echo)


def _link_scores(gold: Any, report: Any, store: Path | None, export_path: Path | None, reviewed: bool) -> Any:
    from summariser.register.scoring import agreements_from_export, agreements_from_store, score_linking

    if export_path:
        agreements = agreements_from_export(export_path)
    else:
        with _open_store(store) as opened:
            agreements = agreements_from_store(opened.conn, reviewed=reviewed)
    return score_linking(gold, report, agreements)


def _write_gold(store: Path | None, out: Path) -> None:
    import orjson

    from summariser.atomic import OutputError, atomic_output
    from summariser.gold import GoldError, gold_from_store

    with _open_store(store) as opened:
        try:
            data = gold_from_store(opened.conn)
            with atomic_output(out) as f:
                f.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
        except (GoldError, OutputError) as exc:
            _fail(str(exc))
    docs = [k for k in data if not k.startswith("_")]
    n = sum(len(data[k]["records"]) for k in docs)
    click.echo(f"wrote {n} records from {len(docs)} documents to {out}", err=True)
    if data["_skipped_incomplete"]:
        click.echo(f"left out {len(data['_skipped_incomplete'])} documents not marked complete in review", err=True)
