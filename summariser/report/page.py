"""The register at a glance, as one HTML file: the data (agreements, their reports and quotes) embedded as
JSON, drawn by the page's own script (page.js) and styled by page.css; nothing is fetched from anywhere.

What it shows: agreements over time by status, the organisations' network (who agreed with whom, how
often), the most active parties, and every agreement with its reports and quotes, filterable. The page
marks itself `data-ready` once drawn and records script errors in `data-errors`, which the browser test
reads."""

from __future__ import annotations

import sqlite3
from collections import Counter
from importlib.resources import files
from pathlib import Path
from typing import Any

import orjson

from summariser.atomic import atomic_output
from summariser.export import ExportFilters
from summariser.orgnames import block_keys, normalise, same_organisation
from summariser.register.export import agreements as merged_agreements
from summariser.store.db import utcnow


class _Organisations:
    """Party names grouped into organisations with the shared matcher, looked up through block keys."""

    def __init__(self) -> None:
        self.names: dict[str, Counter[str]] = {}  # organisation key -> names seen
        self._by_block: dict[str, list[str]] = {}

    def key(self, party: dict[str, str]) -> str:
        spellings = {party["name"], party.get("canonical") or party["name"]}
        blocks = {b for n in spellings for part in block_keys(n) for b in part}
        for block in blocks:
            for key in self._by_block.get(block, ()):
                if any(same_organisation(n, known, lenient=True) for n in spellings for known in self.names[key]):
                    self.names[key][party["name"]] += 1
                    return key
        key = normalise(party["name"]) or party["name"].casefold()
        key = key if key not in self.names else f"{key}#{len(self.names)}"
        self.names[key] = Counter({party["name"]: 1})
        for block in blocks:
            self._by_block.setdefault(block, []).append(key)
        return key


def build_report(conn: sqlite3.Connection, *, include_all: bool = False, filters: ExportFilters | None = None) -> dict[str, Any]:
    """The page's data: the merged agreements plus the organisations the charts are drawn from."""
    items = merged_agreements(conn, include_all=include_all, filters=filters)
    organisations = _Organisations()
    for agreement in items:
        agreement["organisations"] = sorted({organisations.key(p) for p in agreement["parties"]})
    labels = {key: counts.most_common(1)[0][0] for key, counts in organisations.names.items()}
    return {
        "generated_at": utcnow(),
        "organisations": labels,
        "agreements": items,
        "counts": {
            "agreements": len(items),
            "reports": sum(len(a["reports"]) for a in items),
            "organisations": len(labels),
        },
    }


def _asset(name: str) -> str:
    return files("summariser.report").joinpath(name).read_text(encoding="utf-8")


def render_page(data: dict[str, Any]) -> str:
    # "</" inside the JSON would end the script element early; "\u2028" is harmless in JSON.
    payload = orjson.dumps(data).decode().replace("</", "<\\/")
    return (
        _asset("page.html")
        .replace("/*CSS*/", _asset("page.css"))
        .replace("/*DATA*/", payload)
        .replace("/*JS*/", _asset("page.js"))
    )


def write_report(conn: sqlite3.Connection, out: str | Path, *, include_all: bool = False,
                 filters: ExportFilters | None = None) -> dict[str, int]:
    data = build_report(conn, include_all=include_all, filters=filters)
    with atomic_output(out) as f:
        f.write(render_page(data).encode("utf-8"))
    return data["counts"]
