"""Export from inside the app, in a thread worker with its own read-only connection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App


def export_in_background(app: App[Any], target: str | Path = "register.json") -> None:
    store_path = app.store.path  # type: ignore[attr-defined]

    def run() -> None:
        from summariser.export import export_records
        from summariser.store.repo import Store

        try:
            with Store(store_path, readonly=True) as store:
                summary = export_records(store, str(target), "json")
        except Exception as exc:  # noqa: BLE001 - any failure is shown, never crashes the review
            app.call_from_thread(app.notify, f"export failed: {exc}", severity="error")
            return
        noun = "record" if summary.count == 1 else "records"
        app.call_from_thread(app.notify, f"exported {summary.count} {noun} to {Path(target).resolve()}")

    app.run_worker(run, thread=True, name="export", group="export", exclusive=True)
