"""The register as it leaves the tool: JSON (the contract), JSONL or CSV, written atomically.

The pydantic models below *are* the contract: `summarise schema` prints their JSON Schema. Rows are
turned into plain dicts of that shape directly from SQLite (no per-record pydantic validation) so
that 100,000 records export in about a second; the contract test checks the dicts against the schema.
Nothing here reads run settings, so no API key or endpoint can reach an export.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gc
import io
import sqlite3
import sys
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field

from summariser.atomic import OutputError, atomic_output
from summariser.schema import EVIDENCE_FIELDS, SCHEMA_VERSION, AgreementRecord, AgreementType, MatchKind, Status
from summariser.store.db import StoreError, utcnow

Format = Literal["json", "jsonl", "csv"]
ReviewState = Literal["accepted", "edited", "rejected", "pending"]
EvidenceField = Literal[EVIDENCE_FIELDS]  # type: ignore[valid-type]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExportedDocument(_Strict):
    id: str = Field(
        description="sha256 of the document text: the article file's content after its metadata header "
        "(' date YYYY-MM-DD ') is removed and line endings are normalised to \\n. Evidence offsets index "
        "that text, not the raw file."
    )
    path: str = Field(description="The path as given at extraction.")
    reported: dt.date | None = Field(description="The article's own date, when it has one.")


class ExportedParty(_Strict):
    name: str
    canonical: str


class ExportedSignatory(_Strict):
    name: str
    title: str | None
    organisation: str | None


class ExportedEvidence(_Strict):
    """One quote supporting one field: a quote backing two fields appears twice."""

    field: EvidenceField
    quote: str
    start: int | None = Field(
        description="Character offset into the document text (see document.id); null when ungrounded."
    )
    end: int | None
    match: MatchKind
    score: float | None = Field(default=None, description="Similarity 0-100 for fuzzy matches.")


class ExportedReview(_Strict):
    state: ReviewState
    reviewer: str | None
    at: dt.datetime | None
    changes: list[str] = Field(description="Fields the reviewer changed relative to the model's suggestion.")


class ExportedProvenance(_Strict):
    model: str
    prompt_version: str
    extracted_at: dt.datetime


class ExportedRecord(_Strict):
    """One agreement in the register: the reviewer's version when edited, the model's otherwise."""

    id: str
    agreement_id: str = Field(
        description="The agreement this record reports: records from different articles about one agreement share it "
        "(proposed by linking, decided by reviewers; `summarise export --by agreement` merges them)."
    )
    document: ExportedDocument
    agreement_type: AgreementType
    status: Status
    parties: list[ExportedParty]
    date_signed: dt.date | None
    date_text: str | None
    signatories: list[ExportedSignatory]
    location: str | None
    scope: list[str]
    summary: str
    evidence: list[ExportedEvidence]
    review: ExportedReview
    provenance: ExportedProvenance


class ExportFile(_Strict):
    schema_version: str
    exported_at: dt.datetime
    records: list[ExportedRecord]


@dataclass(frozen=True)
class ExportFilters:
    """Empty tuples / None mean "no restriction"."""

    documents: tuple[str, ...] = ()  # document id (or a prefix of it), path, or file name
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    reviewers: tuple[str, ...] = ()
    signed_from: dt.date | None = None  # on date_signed; undated records fall outside any range
    signed_to: dt.date | None = None


@dataclass
class ExportSummary:
    count: int
    target: str
    states: dict[str, int] = field(default_factory=dict)


class ExportError(OutputError):
    """Bad export request (unknown document, unwritable target); the message says what to do."""


RECORD_FIELDS = tuple(AgreementRecord.model_fields)

# The `current_records` view, computed once per document rather than once per record. Documents are
# sorted (small rows), then their records fetched a chunk of documents at a time through the
# records_by_document index: sorting 100k full record rows in SQLite cost more than the whole query.
# One streaming query in document path order (migration 4's indexes make this an index walk, not a sort).
_RECORDS = """
SELECT r.document_id, r.idx, r.id, CAST(r.record_json AS BLOB), e.model, e.prompt_version, e.extracted_at,
       dc.state, dc.reviewer, CAST(dc.record_json AS BLOB), dc.decided_at, d.path, d.reported
FROM documents d
JOIN extractions e ON e.id = (
    SELECT MAX(x.id) FROM extractions x WHERE x.document_id = d.id AND x.state = 'done'
)
JOIN records r ON r.extraction_id = e.id
LEFT JOIN decisions dc ON dc.record_id = r.id
WHERE 1 {where}
ORDER BY d.path, d.id, r.idx
"""


_DEFAULTS = {
    name: info.get_default(call_default_factory=True) for name, info in AgreementRecord.model_fields.items()
}


def changed_fields(suggested: dict[str, Any], edited: dict[str, Any]) -> list[str]:
    """Record fields whose value differs between the model's suggestion and the reviewer's version
    (both as stored: `AgreementRecord` JSON; a missing key means the field's default)."""
    return [
        name
        for name in RECORD_FIELDS
        if suggested.get(name, _DEFAULTS[name]) != edited.get(name, _DEFAULTS[name])
    ]


def resolve_documents(conn: sqlite3.Connection, selectors: tuple[str, ...]) -> list[str]:
    """Document ids named by id, id prefix, path or file name; an unknown selector is an error."""
    docs = conn.execute("SELECT id, path FROM documents").fetchall()
    chosen: list[str] = []
    for sel in selectors:
        hits = [d[0] for d in docs if d[0].startswith(sel) or d[1] == sel or Path(d[1]).name == sel]
        if not hits:
            raise ExportError(f"no document in the store matches {sel!r} (give an id, a path or a file name)")
        chosen.extend(h for h in hits if h not in chosen)
    return chosen


def iter_export_records(
    conn: sqlite3.Connection, *, include_all: bool = False, filters: ExportFilters | None = None
) -> Generator[dict[str, Any], None, None]:
    """Exported-record dicts (the `ExportedRecord` shape), in document path then record order."""
    from summariser.register.linking import agreement_id
    from summariser.register.view import agreement_ids

    agreements = agreement_ids(conn)[1]  # over every current record, whatever the filters keep
    for rec in _iter_records(conn, include_all, filters or ExportFilters()):
        rec["agreement_id"] = agreements.get(rec["id"]) or agreement_id([rec["id"]])
        yield rec


def _iter_records(conn: sqlite3.Connection, include_all: bool, filters: ExportFilters) -> Iterator[dict[str, Any]]:
    where: list[str] = []
    params: list[Any] = []
    if not include_all:
        where.append("dc.state IN ('accepted', 'edited')")
    if filters.reviewers:
        where.append(f"dc.reviewer IN ({','.join('?' * len(filters.reviewers))})")
        params.extend(filters.reviewers)
    wanted = set(resolve_documents(conn, filters.documents)) if filters.documents else None
    types, statuses = set(filters.types), set(filters.statuses)
    lo = filters.signed_from.isoformat() if filters.signed_from else None
    hi = filters.signed_to.isoformat() if filters.signed_to else None
    for row in _rows(conn, where, params, wanted):
        rec = _exported(row)
        if types and rec["agreement_type"] not in types:
            continue
        if statuses and rec["status"] not in statuses:
            continue
        if lo or hi:
            signed = rec["date_signed"]
            if signed is None or (lo and signed < lo) or (hi and signed > hi):
                continue
        yield rec


def _rows(conn: sqlite3.Connection, where: list[str], params: list[Any], wanted: set[str] | None) -> Iterator[tuple]:
    """(document id, idx, record id, record JSON, model, prompt version, extracted at, decision state,
    reviewer, edited JSON, decided at, path, reported) in path order, all from one read snapshot."""
    own_transaction = not conn.in_transaction
    try:
        if own_transaction:
            conn.execute("BEGIN")  # one snapshot for the whole stream (WAL readers never block writers)
        cur = conn.cursor()
        cur.row_factory = None  # plain tuples: much cheaper than sqlite3.Row on 100k rows
        for row in cur.execute(_RECORDS.format(where="".join(f" AND {w}" for w in where)), params):
            if wanted is None or row[0] in wanted:
                yield row
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot read the store: {exc}") from exc
    finally:
        # A generator dropped after its connection was closed: the snapshot went with the connection.
        with contextlib.suppress(sqlite3.ProgrammingError):
            if own_transaction and conn.in_transaction:
                conn.execute("COMMIT")


def _exported(row: tuple) -> dict[str, Any]:
    doc_id, _idx, rid, suggested_json, model, prompt_version, extracted_at = row[:7]
    state, reviewer, edited_json, decided_at, path, reported = row[7:]
    rec = orjson.loads(suggested_json)
    changes: list[str] = []
    if state == "edited" and edited_json:
        edited = orjson.loads(edited_json)
        changes = changed_fields(rec, edited)
        rec = edited
    decided = state in ("accepted", "edited", "rejected")
    # Stored records are `AgreementRecord.model_dump_json()` (extra="forbid"), so parties and
    # signatories already have exactly the exported shape; only evidence is reshaped (one per field).
    evidence = []
    for e in rec.get("evidence") or ():
        quote, start, end, match, score = e["quote"], e.get("start"), e.get("end"), e.get("match", "ungrounded"), e.get("score")
        for f in e["fields"]:
            evidence.append({"field": f, "quote": quote, "start": start, "end": end, "match": match, "score": score})
    get = rec.get
    return {
        "id": rid,
        "document": {"id": doc_id, "path": path, "reported": reported},
        "agreement_type": rec["agreement_type"],
        "status": rec["status"],
        "parties": rec["parties"],
        "date_signed": get("date_signed"),
        "date_text": get("date_text"),
        "signatories": get("signatories") or [],
        "location": get("location"),
        "scope": get("scope") or [],
        "summary": get("summary") or "",
        "evidence": evidence,
        "review": {
            "state": state if decided else "pending",
            "reviewer": reviewer if decided else None,
            "at": decided_at if decided else None,
            "changes": changes,
        },
        "provenance": {"model": model, "prompt_version": prompt_version, "extracted_at": extracted_at},
    }


CSV_COLUMNS = (
    "id", "document_id", "document_path", "reported", "agreement_type", "status", "parties", "canonical_parties",
    "date_signed", "date_text", "signatories", "location", "scope", "summary", "evidence", "review_state",
    "reviewer", "reviewed_at", "changes", "model", "prompt_version", "extracted_at", "agreement_id",
)  # fmt: skip


def csv_row(rec: dict[str, Any]) -> list[Any]:
    """One flat row; lists are joined with "; "."""

    def person(s: dict[str, Any]) -> str:
        extra = ", ".join(x for x in (s["title"], s["organisation"]) if x)
        return f"{s['name']} ({extra})" if extra else s["name"]

    doc, review, prov = rec["document"], rec["review"], rec["provenance"]
    return [
        rec["id"], doc["id"], doc["path"], doc["reported"], rec["agreement_type"], rec["status"],
        "; ".join(p["name"] for p in rec["parties"]), "; ".join(p["canonical"] for p in rec["parties"]),
        rec["date_signed"], rec["date_text"], "; ".join(person(s) for s in rec["signatories"]), rec["location"],
        "; ".join(rec["scope"]), rec["summary"],
        "; ".join(f"{e['field']}[{e['match']}]: {e['quote']}" for e in rec["evidence"]),
        review["state"], review["reviewer"], review["at"], "; ".join(review["changes"]),
        prov["model"], prov["prompt_version"], prov["extracted_at"], rec["agreement_id"],
    ]  # fmt: skip


def write_records(records: Iterator[dict[str, Any]], out: IO[bytes], fmt: Format) -> dict[str, int]:
    """Stream records to a binary file in `fmt`; returns the count per review state."""
    states: dict[str, int] = {}

    def counted() -> Iterator[dict[str, Any]]:
        for rec in records:
            state = rec["review"]["state"]
            states[state] = states.get(state, 0) + 1
            yield rec

    if fmt == "json":
        head = {"schema_version": SCHEMA_VERSION, "exported_at": utcnow()}
        out.write(orjson.dumps(head)[:-1] + b',"records":[')
        sep = b"\n"
        for rec in counted():
            out.write(sep + orjson.dumps(rec))
            sep = b",\n"
        out.write(b"\n]}\n")
    elif fmt == "jsonl":
        for rec in counted():
            out.write(orjson.dumps(rec) + b"\n")
    elif fmt == "csv":
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=False)
        writer = csv.writer(text)
        writer.writerow(CSV_COLUMNS)
        for rec in counted():
            writer.writerow(csv_row(rec))
        text.flush()
        text.detach()  # the caller owns `out`
    else:
        raise ExportError(f"unknown format {fmt!r}; use json, jsonl or csv")
    return states


def export_records(
    store: Any,
    out: str | Path | None = "-",
    fmt: Format = "json",
    include_all: bool = False,
    filters: ExportFilters | None = None,
) -> ExportSummary:
    """Export the store's current records. `store` is a Store (anything with `.conn`) or a connection;
    `out` is a path or "-"/None for stdout. Returns how many records went out, per review state."""
    if fmt not in ("json", "jsonl", "csv"):
        raise ExportError(f"unknown format {fmt!r}; use json, jsonl or csv")
    conn = store if isinstance(store, sqlite3.Connection) else store.conn
    # Resolve document selectors before opening the target, so bad input leaves no file behind.
    if filters and filters.documents:
        resolve_documents(conn, filters.documents)
    records = iter_export_records(conn, include_all=include_all, filters=filters)
    with _gc_paused(), contextlib.closing(records):  # closing ends the read transaction even on error
        return _write(records, out, fmt)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    # Every record becomes a few dozen short-lived, acyclic objects: the cyclic collector finds
    # nothing to free and cost a tenth of the export time at 100k records.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _write(records: Iterator[dict[str, Any]], out: str | Path | None, fmt: Format) -> ExportSummary:
    if out in (None, "-"):
        states = write_records(records, sys.stdout.buffer, fmt)
        sys.stdout.buffer.flush()
        target = "-"
    else:
        with atomic_output(out) as f:
            states = write_records(records, f, fmt)
        target = str(out)
    return ExportSummary(count=sum(states.values()), target=target, states=states)


def export_schema(record_only: bool = False, by: str = "record") -> dict[str, Any]:
    """JSON Schema of an export file (or of one record, the shape of each JSONL line); `by="agreement"`:
    of `summarise export --by agreement` (or of one agreement with `record_only`)."""
    if by == "agreement":
        from summariser.register.export import agreement_schema

        return agreement_schema(record_only)
    model = ExportedRecord if record_only else ExportFile
    return model.model_json_schema(mode="serialization")
