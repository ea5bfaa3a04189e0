"""`summarise export --by agreement`: one entry per agreement, its merged fields (rules in
`view.MERGE_RULES`, written into the file), its reports and its conflicts. The models below are the
contract; `summarise schema --by agreement` prints their JSON Schema."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import sys
from pathlib import Path
from typing import IO, Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict

from summariser.atomic import atomic_output
from summariser.export import (
    ExportedDocument,
    ExportedParty,
    ExportedSignatory,
    ExportError,
    ExportFilters,
    ExportSummary,
    ReviewState,
    iter_export_records,
    resolve_documents,
)
from summariser.register.view import MERGE_RULES, group_agreements
from summariser.schema import SCHEMA_VERSION, AgreementType, Status
from summariser.store.db import utcnow


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExportedReport(_Strict):
    """One article's report of the agreement (one record)."""

    record: str
    document: ExportedDocument
    date: dt.date | None  # the report's date: its signing date, else the article's date
    status: Status
    agreement_type: AgreementType
    date_signed: dt.date | None
    summary: str
    quotes: list[str]
    review_state: ReviewState


class ExportedHistoryEntry(_Strict):
    date: dt.date | None
    status: Status
    record: str


class ExportedConflictValue(_Strict):
    value: str
    records: list[str]


class ExportedConflict(_Strict):
    """Reports that disagree on a field: each value with the records that state it."""

    field: Literal["date_signed", "agreement_type", "location"]
    values: list[ExportedConflictValue]


class ExportedAgreement(_Strict):
    id: str
    agreement_type: AgreementType
    status: Status
    date_signed: dt.date | None
    parties: list[ExportedParty]
    location: str | None
    signatories: list[ExportedSignatory]
    scope: list[str]
    history: list[ExportedHistoryEntry]
    reports: list[ExportedReport]
    conflicts: list[ExportedConflict]


class AgreementExportFile(_Strict):
    schema_version: str
    exported_at: dt.datetime
    merge_rules: dict[str, str]
    agreements: list[ExportedAgreement]


def agreement_schema(one: bool = False) -> dict[str, Any]:
    return (ExportedAgreement if one else AgreementExportFile).model_json_schema(mode="serialization")


def agreements(conn: sqlite3.Connection, *, include_all: bool = False, filters: ExportFilters | None = None) -> list[dict[str, Any]]:
    """Merged agreements of the exported records (the same selection as the record export)."""
    records = iter_export_records(conn, include_all=include_all, filters=filters)
    with contextlib.closing(records):
        return group_agreements(records)


def write_agreements(items: list[dict[str, Any]], out: IO[bytes], fmt: str) -> None:
    if fmt == "json":
        head = {"schema_version": SCHEMA_VERSION, "exported_at": utcnow(), "merge_rules": MERGE_RULES}
        out.write(orjson.dumps(head)[:-1] + b',"agreements":[')
        out.write(b",\n".join(orjson.dumps(a) for a in items))
        out.write(b"]}\n")
    elif fmt == "jsonl":
        for a in items:
            out.write(orjson.dumps(a) + b"\n")
    else:
        raise ExportError(f"--by agreement writes json or jsonl, not {fmt}")


def export_agreements(
    store: Any,
    out: str | Path | None = "-",
    fmt: str = "json",
    include_all: bool = False,
    filters: ExportFilters | None = None,
) -> ExportSummary:
    if fmt not in ("json", "jsonl"):
        raise ExportError(f"--by agreement writes json or jsonl, not {fmt}")
    conn = store if isinstance(store, sqlite3.Connection) else store.conn
    if filters and filters.documents:
        resolve_documents(conn, filters.documents)
    items = agreements(conn, include_all=include_all, filters=filters)
    if out in (None, "-"):
        write_agreements(items, sys.stdout.buffer, fmt)
        sys.stdout.buffer.flush()
        target = "-"
    else:
        with atomic_output(out) as f:
            write_agreements(items, f, fmt)
        target = str(out)
    reports = sum(len(a["reports"]) for a in items)
    return ExportSummary(count=len(items), target=target, states={"reports": reports})
