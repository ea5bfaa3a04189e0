"""The store's one reading and writing interface: documents, runs, extractions and suggested records.

Every write is one short `BEGIN IMMEDIATE ... COMMIT` transaction, so a process killed at any moment
leaves either the whole extraction (attempt row + all its records) or none of it. Decisions made in
review live in their own table (see `summariser.review`); this module only counts them.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from summariser.flags import duplicates, record_flags
from summariser.schema import AgreementRecord, Document, ExtractionResult
from summariser.store.db import StoreError, connect, utcnow


class RecordNotFound(KeyError):
    """No record with this id in the store."""


class StoredRecord(BaseModel):
    """A suggested record as stored, with where it came from."""

    id: str
    document_id: str
    idx: int
    record: AgreementRecord
    flags: list[str]
    model: str
    prompt_version: str
    extracted_at: str
    extraction_id: int


def record_id(document_id: str, extraction_id: int, idx: int) -> str:
    # Stable for the life of the store: the same extraction row always yields the same ids.
    return hashlib.sha256(f"{document_id}:{extraction_id}:{idx}".encode()).hexdigest()[:24]


_RECORD_SELECT = """
    SELECT r.id, r.document_id, r.idx, r.record_json, r.flags, r.extraction_id,
           e.model, e.prompt_version, e.extracted_at
    FROM {source} r JOIN extractions e ON e.id = r.extraction_id
"""


class Store:
    """A summariser store at `path` (created and migrated when writable). Use as a context manager."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path).expanduser()
        self.readonly = readonly
        self.conn: sqlite3.Connection = connect(self.path, readonly=readonly)
        if not readonly:
            # WAL + NORMAL: a killed process loses nothing committed; only a power cut may drop the last commits.
            self.conn.execute("PRAGMA synchronous=NORMAL")
        if readonly and self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'current_records'").fetchone() is None:
            # A read-only open cannot migrate: a file another process is still creating looks like this.
            self.conn.close()
            raise StoreError(f"{self.path} is not a summariser store yet (empty); run `summarise extract` first")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; IMMEDIATE takes the write lock up front so it never fails half-way on busy."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot write to the store {self.path}: {exc}") from exc
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    # --- documents

    def add_document(self, doc: Document) -> bool:
        """Store `doc` unless a document with the same text is already there; True when it was new."""
        if self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone():
            return False  # without taking the write lock: re-runs over thousands of documents stay cheap
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT OR IGNORE INTO documents(id, path, reported, text, added_at) VALUES (?, ?, ?, ?, ?)",
                (doc.id, doc.path, doc.reported.isoformat() if doc.reported else None, doc.text, utcnow()),
            )
            return cur.rowcount == 1

    def get_document(self, doc_id: str) -> Document | None:
        row = self.conn.execute("SELECT id, path, reported, text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        return Document(id=row["id"], path=row["path"], reported=row["reported"], text=row["text"])

    # --- runs

    def start_run(self, model: str, prompt_version: str, schema_version: str, settings: dict[str, Any]) -> int:
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO runs(started_at, model, prompt_version, schema_version, settings_json)"
                " VALUES (?, ?, ?, ?, ?)",
                (utcnow(), model, prompt_version, schema_version, json.dumps(settings, sort_keys=True, default=str)),
            )
            assert cur.lastrowid is not None  # an INSERT always sets it
            return cur.lastrowid

    def finish_run(self, run_id: int, state: str) -> None:
        """Mark a run `finished` or `interrupted`."""
        with self.transaction() as conn:
            conn.execute("UPDATE runs SET finished_at = ?, state = ? WHERE id = ?", (utcnow(), state, run_id))

    def run_usage(self, run_id: int) -> dict[str, float]:
        """Token usage and model time of a run, summed over its extraction attempts."""
        row = self.conn.execute(
            "SELECT COALESCE(SUM(prompt_tokens), 0) AS prompt_tokens,"
            " COALESCE(SUM(completion_tokens), 0) AS completion_tokens,"
            " COALESCE(SUM(model_seconds), 0) AS model_seconds FROM extractions WHERE run_id = ?",
            (run_id,),
        ).fetchone()
        return dict(row)

    # --- extractions

    def is_extracted(self, doc_id: str, model: str, prompt_version: str, schema_version: str) -> bool:
        """True when this document already has a successful extraction under exactly this cache key."""
        row = self.conn.execute(
            "SELECT 1 FROM extractions WHERE document_id = ? AND model = ? AND prompt_version = ?"
            " AND schema_version = ? AND state = 'done' LIMIT 1",
            (doc_id, model, prompt_version, schema_version),
        ).fetchone()
        return row is not None

    def save_extraction(self, run_id: int | None, result: ExtractionResult) -> list[str]:
        """Store a successful extraction and its records in one transaction; returns the record ids."""
        doc = self.get_document(result.document_id)
        if doc is None:
            raise StoreError(f"document {result.document_id} is not in the store; add it before its extraction")
        repeated = duplicates(result.records)
        flagged = [(rec, record_flags(rec, doc.text) + ["duplicate"] * dup) for rec, dup in zip(result.records, repeated, strict=True)]
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO extractions(document_id, run_id, state, model, prompt_version, schema_version,"
                " prompt_tokens, completion_tokens, model_seconds, warnings_json, example_ids_json, extracted_at)"
                " VALUES (?, ?, 'done', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    result.document_id,
                    run_id,
                    result.model,
                    result.prompt_version,
                    result.schema_version,
                    result.usage.prompt_tokens,
                    result.usage.completion_tokens,
                    result.model_seconds,
                    json.dumps(result.warnings),
                    json.dumps(result.example_ids),
                    utcnow(),
                ),
            )
            assert cur.lastrowid is not None  # an INSERT always sets it
            extraction_id = cur.lastrowid
            ids = []
            for idx, (rec, flags) in enumerate(flagged):
                rid = record_id(result.document_id, extraction_id, idx)
                conn.execute(
                    "INSERT INTO records(id, extraction_id, document_id, idx, record_json, agreement_type, status, flags)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        rid,
                        extraction_id,
                        result.document_id,
                        idx,
                        rec.model_dump_json(),
                        rec.agreement_type.value,
                        rec.status.value,
                        " ".join(flags),
                    ),
                )
                ids.append(rid)
            return ids

    def example_ids(self, document_id: str) -> list[str]:
        """The few-shot examples the latest successful extraction of a document was shown."""
        row = self.conn.execute(
            "SELECT example_ids_json FROM extractions WHERE document_id = ? AND state = 'done' ORDER BY id DESC LIMIT 1",
            (document_id,),
        ).fetchone()
        return json.loads(row[0]) if row else []

    def token_totals(self) -> dict[str, Any]:
        """Tokens every extraction attempt recorded, in total and by model (failed attempts paid too)."""
        rows = [
            dict(r)
            for r in self.conn.execute(
                "SELECT model, COALESCE(SUM(prompt_tokens), 0) AS prompt_tokens,"
                " COALESCE(SUM(completion_tokens), 0) AS completion_tokens, COUNT(*) AS extractions"
                " FROM extractions GROUP BY model ORDER BY model"
            )
        ]
        return {
            "prompt_tokens": sum(r["prompt_tokens"] for r in rows),
            "completion_tokens": sum(r["completion_tokens"] for r in rows),
            "by_model": rows,
        }

    def reviewed_records(self) -> Iterator[sqlite3.Row]:
        """Records a reviewer accepted, edited (the reviewer's version) or added, with their article's text:
        the register's own examples for the model."""
        yield from self.conn.execute(
            "SELECT r.id, r.document_id, COALESCE(dec.record_json, r.record_json) AS record_json, d.text"
            " FROM decisions dec JOIN records r ON r.id = dec.record_id JOIN documents d ON d.id = r.document_id"
            " WHERE dec.state IN ('accepted', 'edited', 'added') ORDER BY dec.decided_at, r.id"
        )

    def save_file_failure(self, run_id: int, path: str, reason: str) -> None:
        """A file that could not be read as an article (empty, binary, unreadable, not UTF-8...)."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO file_failures(run_id, path, reason, at) VALUES (?, ?, ?, ?)",
                (run_id, path, reason, utcnow()),
            )

    def save_failure(
        self,
        run_id: int | None,
        doc_id: str,
        model: str,
        prompt_version: str,
        schema_version: str,
        error: str,
    ) -> None:
        """Record a failed attempt with its reason; earlier successful extractions stay current."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO extractions(document_id, run_id, state, error, model, prompt_version, schema_version,"
                " extracted_at) VALUES (?, ?, 'failed', ?, ?, ?, ?, ?)",
                (doc_id, run_id, error, model, prompt_version, schema_version, utcnow()),
            )

    def failures(self, run_id: int | None = None) -> list[dict[str, Any]]:
        """Failed attempts (document, path, reason), newest first; of one run when `run_id` is given."""
        sql = (
            "SELECT e.document_id, d.path, e.error, e.run_id, e.extracted_at FROM extractions e"
            " JOIN documents d ON d.id = e.document_id WHERE e.state = 'failed'"
        )
        params: tuple[Any, ...] = ()
        if run_id is not None:
            sql += " AND e.run_id = ?"
            params = (run_id,)
        return [dict(r) for r in self.conn.execute(sql + " ORDER BY e.id DESC", params)]

    # --- batch api jobs

    def create_batch_job(self, job_key: str, model: str, prompt_version: str, schema_version: str, documents: list[dict[str, Any]]) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO batch_jobs(job_key, model, prompt_version, schema_version, documents_json, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (job_key, model, prompt_version, schema_version, json.dumps(documents), utcnow(), utcnow()),
            )

    def update_batch_job(self, job_key: str, **values: Any) -> None:
        """Set any of batch_id, input_file_id, state, api_status, error."""
        allowed = {"batch_id", "input_file_id", "state", "api_status", "error"}
        if not values or set(values) - allowed:
            raise ValueError(f"unknown batch job columns: {sorted(set(values) - allowed)}")
        columns = ", ".join(f"{k} = ?" for k in values)
        with self.transaction() as conn:
            conn.execute(
                f"UPDATE batch_jobs SET {columns}, updated_at = ? WHERE job_key = ?",  # column names checked above
                (*values.values(), utcnow(), job_key),
            )

    def open_batch_job(self, model: str, prompt_version: str, schema_version: str) -> dict[str, Any] | None:
        """The latest job under this cache key still being prepared or waited for."""
        row = self.conn.execute(
            "SELECT * FROM batch_jobs WHERE model = ? AND prompt_version = ? AND schema_version = ?"
            " AND state IN ('preparing', 'submitted') ORDER BY id DESC LIMIT 1",
            (model, prompt_version, schema_version),
        ).fetchone()
        return _job(row) if row else None

    def batch_jobs(self) -> list[dict[str, Any]]:
        return [_job(r) for r in self.conn.execute("SELECT * FROM batch_jobs ORDER BY id")]

    # --- records

    def current_records(self, document_id: str | None = None) -> list[StoredRecord]:
        """Records of each document's latest successful extraction, in document path then record order."""
        sql = _RECORD_SELECT.format(source="current_records") + " JOIN documents d ON d.id = r.document_id"
        params: tuple[Any, ...] = ()
        if document_id is not None:
            sql += " WHERE r.document_id = ?"
            params = (document_id,)
        sql += " ORDER BY d.path, r.document_id, r.idx"
        return [_stored(row) for row in self.conn.execute(sql, params)]

    def get_record(self, record_id: str) -> StoredRecord:
        """Any stored record by id, current or superseded; raises `RecordNotFound`."""
        row = self.conn.execute(_RECORD_SELECT.format(source="records") + " WHERE r.id = ?", (record_id,)).fetchone()
        if row is None:
            raise RecordNotFound(record_id)
        return _stored(row)

    # --- status

    def stale_documents(self, model: str, prompt_version: str, schema_version: str) -> int:
        """Documents whose latest successful extraction was made under another cache key (other rules, prompt,
        schema or model) than this one: a batch with these settings would extract them again."""
        row = self.conn.execute(
            "SELECT COUNT(*) FROM extractions e WHERE e.state = 'done'"
            " AND e.id = (SELECT MAX(x.id) FROM extractions x WHERE x.document_id = e.document_id AND x.state = 'done')"
            " AND NOT (e.model = ? AND e.prompt_version = ? AND e.schema_version = ?)",
            (model, prompt_version, schema_version),
        ).fetchone()
        return int(row[0])

    def status_counts(self) -> dict[str, Any]:
        """Counts by document state, articles by review state, and current records by review state.

        A document is `done` once any extraction of it succeeded, `failed` when every attempt failed,
        `pending` when it was stored but never attempted. Current records without a decision are `pending`.
        """
        doc_states = dict.fromkeys(("done", "failed", "pending"), 0)
        for row in self.conn.execute(
            "SELECT CASE"
            " WHEN EXISTS (SELECT 1 FROM extractions e WHERE e.document_id = d.id AND e.state = 'done') THEN 'done'"
            " WHEN EXISTS (SELECT 1 FROM extractions e WHERE e.document_id = d.id) THEN 'failed'"
            " ELSE 'pending' END AS state, COUNT(*) AS n FROM documents d GROUP BY state"
        ):
            doc_states[row["state"]] = row["n"]
        review = dict.fromkeys(("pending", "accepted", "edited", "rejected", "skipped", "added"), 0)
        for row in self.conn.execute(
            "SELECT COALESCE(dec.state, 'pending') AS state, COUNT(*) AS n FROM current_records r"
            " LEFT JOIN decisions dec ON dec.record_id = r.id GROUP BY 1"
        ):
            review[row["state"]] = row["n"]
        runs = dict(
            self.conn.execute(
                "SELECT COUNT(*) AS total, COALESCE(SUM(state = 'running'), 0) AS running,"
                " COALESCE(SUM(state = 'interrupted'), 0) AS interrupted FROM runs"
            ).fetchone()
        )
        # Only the latest run's: a file fixed since then is no longer a problem.
        unreadable = self.conn.execute(
            "SELECT COUNT(*) FROM file_failures WHERE run_id = (SELECT MAX(id) FROM runs)"
        ).fetchone()[0]
        from summariser.store.articles import article_counts  # it builds on this module

        return {
            "documents": {"total": sum(doc_states.values()), **doc_states},
            "articles": article_counts(self.conn),
            "files": {"unreadable in last run": unreadable},
            "records": {"total": sum(review.values()), **review},
            "runs": runs,
        }


def _job(row: sqlite3.Row) -> dict[str, Any]:
    job = dict(row)
    job["documents"] = json.loads(job.pop("documents_json"))
    return job


def _stored(row: sqlite3.Row) -> StoredRecord:
    return StoredRecord(
        id=row["id"],
        document_id=row["document_id"],
        idx=row["idx"],
        record=AgreementRecord.model_validate_json(row["record_json"]),
        flags=row["flags"].split(),
        model=row["model"],
        prompt_version=row["prompt_version"],
        extracted_at=row["extracted_at"],
        extraction_id=row["extraction_id"],
    )
