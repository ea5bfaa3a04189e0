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
from summariser.schema import (
    EVIDENCE_FIELDS,
    SCHEMA_VERSION,
    AgreementRecord,
    AgreementType,
    MatchKind,
    Status,
)
from summariser.store.db import utcnow
from summariser.store.export_reads import document_paths, document_rows, has_decision, read_snapshot, record_rows

Format = Literal["json", "jsonl", "csv"]
ReviewState = Literal["accepted", "edited", "rejected", "added", "pending"]
ArticleState = Literal["unreviewed", "in_progress", "complete"]
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


class ExportedEvent(_Strict):
    """One entry of a record's decision history (export --all)."""

    at: dt.datetime
    reviewer: str
    action: Literal["accept", "reject", "edit", "skip", "undo", "conflict"]
    applied: bool = Field(description="False for a conflict: the attempted decision was refused and nothing changed.")
    state: Literal["accepted", "edited", "rejected", "skipped"] | None = Field(
        description="The decision after this entry (for a conflict: the one attempted); null when an undo removed it."
    )
    reason: str | None
    changes: list[str] = Field(description="Fields of the version this decision keeps that differ from the model's.")


class ExportedReview(_Strict):
    state: ReviewState
    reviewer: str | None
    at: dt.datetime | None
    reason: str | None = Field(description="Why the record was rejected, when the reviewer said.")
    changes: list[str] = Field(description="Fields the reviewer changed relative to the model's suggestion.")
    original: dict[str, Any] = Field(
        description="The model's values of the changed fields (the record carries the reviewer's), keyed by field."
    )
    history: list[ExportedEvent] | None = Field(
        description="Every decision on the record, oldest first (export --all); null otherwise."
    )


class ExportedProvenance(_Strict):
    model: str = Field(description="The model that suggested the record; `human` for a record a reviewer added.")
    prompt_version: str = Field(description="The prompt version of the suggestion; `human` for an added record.")
    extracted_at: dt.datetime = Field(description="When it was extracted, or added.")
    example_ids: list[str] = Field(
        default_factory=list, description="Reviewed (or gold) records the model was shown as few-shot examples."
    )


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


class ExportedArticleReview(_Strict):
    state: ArticleState = Field(
        description="complete: a reviewer marked every agreement the article reports as in the register; "
        "in_progress: some of its records are decided, or it was reopened; unreviewed: neither."
    )
    reviewer: str | None = Field(description="Who marked it complete or reopened it.")
    at: dt.datetime | None


class ExportedArticle(_Strict):
    """An article of the store (one with a successful extraction), whether or not it has records."""

    id: str = Field(description="As document.id in the records.")
    path: str
    reported: dt.date | None
    text: str | None = Field(
        default=None,
        description="The document text that evidence offsets index (left out with --no-text): "
        "text[start:end] is the evidence's matched span.",
    )
    review: ExportedArticleReview


class ExportFile(_Strict):
    schema_version: str
    exported_at: dt.datetime
    records: list[ExportedRecord]
    documents: list[ExportedArticle] = Field(
        default_factory=list, description="Every article exported from, with its review state (JSON format only)."
    )


@dataclass(frozen=True)
class ExportFilters:
    """Empty tuples / None mean "no restriction"."""

    documents: tuple[str, ...] = ()  # document id (or a prefix of it), path, or file name
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    reviewers: tuple[str, ...] = ()
    signed_from: dt.date | None = None  # on date_signed; undated records fall outside any range
    signed_to: dt.date | None = None
    complete_only: bool = False  # only articles a reviewer marked complete


@dataclass
class ExportSummary:
    count: int
    target: str
    states: dict[str, int] = field(default_factory=dict)


class ExportError(OutputError):
    """Bad export request (unknown document, unwritable target); the message says what to do."""


RECORD_FIELDS = tuple(AgreementRecord.model_fields)
HUMAN = "human"  # the provenance model (and prompt version) of records reviewers added

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
    docs = document_paths(conn)
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
    wanted = set(resolve_documents(conn, filters.documents)) if filters.documents else None
    types, statuses = set(filters.types), set(filters.statuses)
    lo = filters.signed_from.isoformat() if filters.signed_from else None
    hi = filters.signed_to.isoformat() if filters.signed_to else None
    history: dict[str, list[tuple]] | None = {} if include_all else None
    rows = record_rows(
        conn, decided_only=not include_all, complete_only=filters.complete_only, reviewers=filters.reviewers,
        wanted=wanted, history=history,
    )  # fmt: skip
    for row in rows:
        rec = _exported(row, history)
        if types and rec["agreement_type"] not in types:
            continue
        if statuses and rec["status"] not in statuses:
            continue
        if lo or hi:
            signed = rec["date_signed"]
            if signed is None or (lo and signed < lo) or (hi and signed > hi):
                continue
        yield rec


def _exported(row: tuple, history: dict[str, list[tuple]] | None = None) -> dict[str, Any]:
    doc_id, _idx, rid, suggested_json, model, prompt_version, extracted_at = row[:7]
    state, reviewer, edited_json, decided_at, path, reported, reason, added_at, example_ids = row[7:]
    if added_at is not None:  # a record a reviewer added: no model suggested it
        model, prompt_version, extracted_at, example_ids = HUMAN, HUMAN, added_at, None
    rec = orjson.loads(suggested_json)
    suggested = rec
    changes: list[str] = []
    original: dict[str, Any] = {}
    if edited_json:  # an edit, or an edited version someone accepted or rejected
        edited = orjson.loads(edited_json)
        changes = changed_fields(rec, edited)
        original = {name: rec.get(name, _DEFAULTS[name]) for name in changes}
        rec = edited
    decided = state in ("accepted", "edited", "rejected", "added")
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
            "reason": reason if decided else None,
            "changes": changes,
            "original": original,
            "history": None if history is None else _history(history.get(rid, ()), suggested),
        },
        "provenance": {
            "model": model,
            "prompt_version": prompt_version,
            "extracted_at": extracted_at,
            "example_ids": orjson.loads(example_ids) if example_ids and example_ids != "[]" else [],
        },
    }


def _history(events: Any, suggested: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for at, reviewer, action, _before_json, after_json in events:
        after = orjson.loads(after_json) if after_json else None
        kept = orjson.loads(after["record_json"]) if after and after.get("record_json") else None
        out.append({
            "at": at,
            "reviewer": reviewer,
            "action": action,
            "applied": action != "conflict",
            "state": after["state"] if after else None,
            "reason": after.get("reason") if after else None,
            "changes": changed_fields(suggested, kept) if kept else [],
        })  # fmt: skip
    return out


CSV_COLUMNS = (
    "id", "document_id", "document_path", "reported", "agreement_type", "status", "parties", "canonical_parties",
    "date_signed", "date_text", "signatories", "location", "scope", "summary", "evidence", "review_state",
    "reviewer", "reviewed_at", "review_reason", "changes", "original", "model", "prompt_version", "extracted_at",
    "example_ids", "agreement_id",
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
        review["state"], review["reviewer"], review["at"], review["reason"], "; ".join(review["changes"]),
        orjson.dumps(review["original"]).decode() if review["original"] else "",
        prov["model"], prov["prompt_version"], prov["extracted_at"], "; ".join(prov["example_ids"]), rec["agreement_id"],
    ]  # fmt: skip


def iter_export_documents(
    conn: sqlite3.Connection, *, with_text: bool = True, filters: ExportFilters | None = None,
    decided: set[str] | None = None,
) -> Iterator[dict[str, Any]]:  # fmt: skip
    """Exported-article dicts (the `ExportedArticle` shape) in path order, under the same document filters.

    `decided`: documents already known to have a decided record (those the record stream exported), so
    only the others are looked up: counting decisions over every record cost more than the rest together."""
    from summariser.store.articles import load_articles

    filters = filters or ExportFilters()
    wanted = set(resolve_documents(conn, filters.documents)) if filters.documents else None
    articles = [
        a for a in load_articles(conn, counts={})
        if (wanted is None or a.document_id in wanted) and (a.complete or not filters.complete_only)
    ]  # fmt: skip
    known = decided or set()
    rows = document_rows(conn, {a.document_id for a in articles}, with_text)
    for a in articles:
        _, reported, text = next(rows)
        d = a.decision if a.decision is not None and a.decision.state != "open" else None
        if a.state == "unreviewed" and (a.document_id in known or has_decision(conn, a.document_id)):
            state = "in_progress"
        else:
            state = a.state
        out: dict[str, Any] = {"id": a.document_id, "path": a.path, "reported": reported}
        if with_text:
            out["text"] = text
        out["review"] = {"state": state, "reviewer": d.reviewer if d else None, "at": d.decided_at if d else None}
        yield out


def write_records(
    records: Iterator[dict[str, Any]], out: IO[bytes], fmt: Format, documents: Iterator[dict[str, Any]] | None = None
) -> dict[str, int]:
    """Stream records to a binary file in `fmt` (with the articles after them, in JSON); returns the count
    per review state."""
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
        out.write(b"\n],\"documents\":[")
        sep = b"\n"
        for doc in documents or ():
            out.write(sep + orjson.dumps(doc))
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
    with_text: bool = True,
) -> ExportSummary:
    """Export the store's current records (and, in JSON, its articles: with their text unless `with_text`
    is false). `store` is a Store (anything with `.conn`) or a connection; `out` is a path or "-"/None for
    stdout. Returns how many records went out, per review state."""
    if fmt not in ("json", "jsonl", "csv"):
        raise ExportError(f"unknown format {fmt!r}; use json, jsonl or csv")
    conn = store if isinstance(store, sqlite3.Connection) else store.conn
    # Resolve document selectors before opening the target, so bad input leaves no file behind.
    if filters and filters.documents:
        resolve_documents(conn, filters.documents)
    with read_snapshot(conn):  # records and articles from one read snapshot
        decided: set[str] = set()
        records = _noting_decided(iter_export_records(conn, include_all=include_all, filters=filters), decided)
        # Iterated after the records: by then `decided` holds every document the records showed decided.
        documents = iter_export_documents(conn, with_text=with_text, filters=filters, decided=decided) if fmt == "json" else None
        with _gc_paused(), contextlib.closing(records):  # closing ends the read transaction even on error
            return _write(records, out, fmt, documents)


def _noting_decided(records: Iterator[dict[str, Any]], decided: set[str]) -> Generator[dict[str, Any], None, None]:
    add = decided.add
    try:
        for rec in records:
            if rec["review"]["state"] != "pending":
                add(rec["document"]["id"])
            yield rec
    finally:
        close = getattr(records, "close", None)
        if close is not None:
            close()


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


def _write(
    records: Iterator[dict[str, Any]], out: str | Path | None, fmt: Format, documents: Iterator[dict[str, Any]] | None
) -> ExportSummary:
    if out in (None, "-"):
        states = write_records(records, sys.stdout.buffer, fmt, documents)
        sys.stdout.buffer.flush()
        target = "-"
    else:
        with atomic_output(out) as f:
            states = write_records(records, f, fmt, documents)
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
