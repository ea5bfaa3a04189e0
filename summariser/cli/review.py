"""`summarise review`: the Textual review app over a store (textual is imported only when it runs)."""

from __future__ import annotations

from pathlib import Path

import click

from summariser.cli import main


@main.command("review", short_help="Open the review app: accept, edit or reject records.")
@click.option("--store", "store_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The store written by `summarise extract` (default: settings / SUMMARISER_STORE).")
@click.option("--reviewer", default=None, help="Your name in decisions and the audit trail (default: your login).")
@click.option("--document", default=None, metavar="ID|PATH|NAME", help="Open at this article (id or id prefix, path, or file name).")
def review_command(store_path: Path | None, reviewer: str | None, document: str | None) -> None:
    """Review every article: accept, edit or reject its records, add the agreements the extractor
    missed, and mark the article complete.

    Keys: a accept, x reject, e edit, space skip, u undo, n/p next/previous, + add a record,
    d article done, c next uncovered cue sentence, / search, ? help, ctrl+p filters and export.
    Remap them in the settings file under [keys].
    """
    import gc

    # Start-up makes many long-lived objects and no garbage worth collecting; the app freezes them and turns
    # the collector back on once the first record is shown (see ReviewApp's freeze_gc).
    gc.disable()
    from summariser.review.model import ReviewError
    from summariser.settings import load_settings
    from summariser.store.db import StoreError
    from summariser.store.repo import Store

    settings = load_settings(store=store_path, reviewer=reviewer)
    path = settings.store.expanduser()
    if not path.exists():
        raise click.ClickException(f"no store at {path}: run `summarise extract` first, or name one with --store")
    try:
        store = Store(path)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        from review_tui import ReviewApp

        document_id = _article(store, document) if document else None
        try:
            app = ReviewApp(store, settings.reviewer, keys=settings.keys, freeze_gc=True, document=document_id)
        except ReviewError as exc:
            raise click.ClickException(str(exc)) from exc
        app.run()
    finally:
        store.close()


def _article(store: object, selector: str) -> str:
    """The one article `selector` names, as export's --document accepts it; else a usage error."""
    from summariser.export import ExportError, resolve_documents

    try:
        hits = resolve_documents(store.conn, (selector,))  # type: ignore[attr-defined]
    except ExportError as exc:
        raise click.ClickException(str(exc)) from exc
    if len(hits) > 1:
        raise click.ClickException(f"{selector!r} names {len(hits)} articles; give more of the id or the path")
    return hits[0]
