"""`summarise extract` (the batch) and `summarise status`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from summariser.cli import main
from summariser.cli.options import fail, load, model_options, store_option

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
SHOWN_FAILURES = 20


@main.command(
    short_help="Extract records from articles into the store.",
    epilog="\b\nExit codes:\n  0    every document was extracted (or already was)\n"
    "  1    some documents failed; they are listed, and a re-run retries only them\n"
    "  2    bad usage (no article files under PATH), the model cannot start, or the store cannot be used\n"
    "       (not writable, not a store, in use by another batch)\n"
    "  130  interrupted (Ctrl-C): finished documents are kept; re-run to go on"
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@store_option
@model_options
@click.option("--concurrency", type=click.IntRange(min=1), help="Requests in flight against an endpoint (the embedded model always runs one at a time).")
@click.option("--limit", type=click.IntRange(min=1), help="Send at most N documents to the model this run (cached ones do not count).")
@click.option("--force", is_flag=True, help="Extract again even documents already extracted with this model, prompt and schema.")
@click.option(
    "--examples",
    "examples_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="A gold file whose records (quoted from the articles beside it) join the reviewed records as few-shot examples.",
)
@click.option(
    "--batch-api",
    is_flag=True,
    help="Send the documents through the endpoint's Batch API (half the price, answers within 24 h); "
    "interrupting and re-running resumes the same batch.",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Count what would be sent (documents to do, requests, prompt tokens) and its expected cost; nothing is sent or stored.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary on stdout.")
def extract(
    paths: tuple[str, ...],
    store: Path | None,
    model: str | None,
    base_url: str | None,
    embedded: bool | None,
    strategy: str | None,
    concurrency: int | None,
    limit: int | None,
    force: bool,
    examples_file: Path | None,
    batch_api: bool,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Extract agreement records from articles into the store.

    PATH may be a file, a folder (searched recursively for .txt, .md, .html, .htm) or a glob pattern.
    Documents already extracted with the same model, prompt version and schema are skipped, so
    re-running the same command resumes an interrupted batch and retries only the failed documents.
    A progress bar and a summary go to stderr.
    """
    import threading

    from summariser.batch import make_extractor
    from summariser.examples import ExamplesError
    from summariser.extract import ExtractionError
    from summariser.paths import expand_paths
    from summariser.store.db import StoreError
    from summariser.store.repo import Store

    settings = load(
        store=store, model=model, base_url=base_url, embedded=embedded, strategy=strategy, concurrency=concurrency
    )
    expanded = expand_paths(list(paths))
    if not expanded.files:  # nothing to read at all is a usage error, not a batch with failures
        for where, reason in expanded.problems:
            click.echo(f"{where}: {reason}", err=True)
        _fail("no article files (.txt, .md, .html, .htm) found under the given paths; nothing was done")
    if dry_run:
        _dry_run(expanded.files, settings, examples_file, force=force, as_json=as_json)
        return
    try:
        opened = Store(settings.store)
    except StoreError as exc:
        _fail(str(exc))
    with opened:
        try:
            extractor = make_extractor(settings, _examples(opened, examples_file))
        except (ExtractionError, ExamplesError) as exc:  # e.g. an unknown strategy: nothing to do with the documents
            _fail(str(exc))
        stop = threading.Event()
        if batch_api:
            summary = _through_batch_api(expanded, settings, opened, extractor, stop, force=force, limit=limit)
        else:
            summary = _live(expanded, settings, opened, extractor, stop, force=force, limit=limit)
    _print_summary(summary, settings.store)
    if as_json:
        click.echo(json.dumps({"store": str(settings.store), **summary.to_dict()}, indent=2))
    if summary.state == "interrupted":
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(EXIT_SOME_FAILED if summary.failed else EXIT_OK)


def _through_batch_api(expanded, settings, store, extractor, stop, *, force: bool, limit: int | None):
    import openai

    from summariser.batch import BatchBusy, stop_on_signals
    from summariser.batchapi import BatchApiError, run_batch_api
    from summariser.store.db import StoreError

    with stop_on_signals(stop):
        try:
            return run_batch_api(
                expanded, settings, store, extractor, force=force, limit=limit, stop=stop,
                say=lambda message: click.echo(message, err=True),
            )
        except (BatchBusy, BatchApiError) as exc:
            _fail(str(exc))
        except openai.OpenAIError as exc:
            _fail(f"the Batch API failed: {exc}; run the same command again to resume")
        except StoreError as exc:
            _fail(f"the store failed during the batch: {exc}")


def _live(expanded, settings, opened, extractor, stop, *, force: bool, limit: int | None):
    from summariser.batch import BatchBusy, run_batch, stop_on_signals
    from summariser.llm.start import ModelStartError
    from summariser.store.db import StoreError

    with _Progress() as bar, stop_on_signals(stop):
        try:
            return run_batch(
                expanded, settings, opened, extractor, force=force, limit=limit, progress=bar.update, stop=stop
            )
        except (BatchBusy, ModelStartError) as exc:
            _fail(str(exc))
        except KeyboardInterrupt:  # a second Ctrl-C: stop now; committed documents are still kept
            click.echo("interrupted: finished documents are kept; run the same command again to go on", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except StoreError as exc:
            _fail(f"the store failed during the batch: {exc}; documents finished before this are kept")
    raise AssertionError("unreachable")


@main.command(short_help="Count documents and records by state.", epilog="\b\nExit codes:\n  0  counts printed\n  2  no store, or not a store")
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def status(store: Path | None, as_json: bool) -> None:
    """Count documents by extraction state, articles and records by review state."""
    from summariser.store.db import StoreError
    from summariser.store.repo import Store

    settings = load(store=store)
    try:
        with Store(settings.store, readonly=True) as opened:
            counts = opened.status_counts()
            counts["documents"]["stale"] = _stale(opened, settings)
            counts["tokens"] = _token_totals(opened, settings)
    except StoreError as exc:
        _fail(str(exc))
    if as_json:
        click.echo(json.dumps({"store": str(settings.store), **counts}, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Store {settings.store}", show_header=True)
    table.add_column("what")
    table.add_column("state")
    table.add_column("count", justify="right")
    for group in ("documents", "articles", "files", "records", "runs", "tokens"):
        for state, n in counts[group].items():
            if not isinstance(n, dict):
                table.add_row(group, state, str(n))
    for model, row in counts["tokens"]["by_model"].items():
        cost = "no price" if row["cost_usd"] is None else f"${row['cost_usd']:.4f}"
        table.add_row("cost", model, cost)
    Console().print(table)


def _stale(store, settings) -> int:
    """Documents the current settings would extract again: their rules, prompt or model changed since."""
    from summariser.extract.registry import get_strategy
    from summariser.schema import SCHEMA_VERSION

    version = get_strategy(settings.resolved_strategy).version
    return store.stale_documents(settings.model_name, version, SCHEMA_VERSION)


def _dry_run(files: list[Path], settings, examples_file: Path | None, *, force: bool, as_json: bool) -> None:
    """Plan the batch against the store as it is (read-only: a dry run writes nothing, not even a new store)."""
    from summariser.cost import plan_batch
    from summariser.examples import ExamplePool, ExamplesError, examples_from_gold
    from summariser.store.db import StoreError
    from summariser.store.repo import Store

    try:
        store = Store(settings.store, readonly=True) if Path(settings.store).exists() else None
    except StoreError as exc:
        _fail(str(exc))
    try:
        examples = _examples(store, examples_file) if store is not None else (
            ExamplePool(examples_from_gold(examples_file)) if examples_file else None
        )
        plan = plan_batch(files, settings, store, examples, force=force)
    except ExamplesError as exc:
        _fail(str(exc))
    finally:
        if store is not None:
            store.close()
    if as_json:
        click.echo(json.dumps({"store": str(settings.store), **plan.to_dict()}, indent=2))
        return
    money = "unknown" if plan.cost_usd is None else f"${plan.cost_usd:.4f} (Batch API ${plan.cost_usd_batch_api:.4f}, at most ${plan.cost_usd_max:.4f})"
    click.echo(
        f"dry run, {plan.strategy} on {plan.model}: {plan.documents_to_do} of {plan.documents_found} documents to do "
        f"({plan.documents_cached} cached, {plan.unreadable} unreadable); {plan.requests} requests, "
        f"{plan.prompt_tokens} prompt tokens ({plan.counted_by}), about {plan.expected_completion_tokens} completion "
        f"tokens; cost {money}",
        err=True,
    )
    for note in plan.notes:
        click.echo(f"note: {note}", err=True)


def _examples(store, gold_file: Path | None):
    """Reviewed records of the store, and a gold file's records, as few-shot examples (None when there are none)."""
    from summariser.examples import ExamplePool, examples_from_gold, examples_from_store

    pool = ExamplePool([*examples_from_store(store), *(examples_from_gold(gold_file) if gold_file else [])])
    return pool if len(pool) else None


def _token_totals(store, settings) -> dict[str, Any]:
    from summariser.cost import cost_usd

    totals = store.token_totals()
    by_model = {}
    for row in totals.pop("by_model"):
        row["cost_usd"] = cost_usd(settings, row["model"], row["prompt_tokens"], row["completion_tokens"])
        by_model[row.pop("model")] = row
    return {**totals, "by_model": by_model}


def _fail(message: str) -> None:
    fail(message, EXIT_USAGE)


class _Progress:
    """A rich progress bar on stderr: done / failed / records / elapsed / rate."""

    def __enter__(self) -> _Progress:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self._progress = Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("done {task.fields[done]} · failed {task.fields[failed]} · records {task.fields[records]}"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[rate]:.1f} docs/min"),
            console=Console(stderr=True),
        )
        self._progress.start()
        self._task = self._progress.add_task("extract", total=None, done=0, failed=0, records=0, rate=0.0)
        return self

    def update(self, summary) -> None:
        self._progress.update(
            self._task,
            total=summary.total or None,
            completed=summary.processed,
            done=summary.done,
            failed=summary.failed,
            records=summary.records,
            rate=summary.rate_per_minute,
        )

    def __exit__(self, *exc: Any) -> None:
        self._progress.stop()


def _print_summary(summary, store: Path) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(stderr=True)
    table = Table(title=f"Batch {summary.state} — run {summary.run_id}, store {store}")
    table.add_column("documents found", justify="right")
    table.add_column("extracted", justify="right")
    table.add_column("skipped (cached)", justify="right")
    table.add_column("failed", justify="right")
    table.add_column("records", justify="right")
    table.add_column("elapsed", justify="right")
    table.add_column("docs/min", justify="right")
    table.add_row(
        str(summary.found),
        str(summary.done),
        str(summary.skipped),
        str(summary.failed),
        str(summary.records),
        f"{summary.elapsed_s:.1f} s",
        f"{summary.rate_per_minute:.1f}",
    )
    console.print(table)
    for failure in sorted(summary.failures, key=lambda f: f.path)[:SHOWN_FAILURES]:
        console.print(f"[red]failed[/red] {escape(failure.path)}: {escape(failure.reason)}", highlight=False)
    if len(summary.failures) > SHOWN_FAILURES:
        console.print(f"… and {len(summary.failures) - SHOWN_FAILURES} more failures (use --json for all)")
    if summary.state == "interrupted":
        console.print("Interrupted: finished documents are kept; run the same command again to go on.")
    if summary.gave_up:
        console.print(f"[red]Stopped early:[/red] {escape(summary.gave_up)}", highlight=False)
