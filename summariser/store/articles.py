"""Articles as units of review: their state, the reviewer's decisions about them, and added records.

An article is a document with a successful extraction. Its review state is `complete` once a reviewer
said every agreement it reports is in the register; `in_progress` once any of its records has a
decision or it was reopened; `unreviewed` otherwise.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from summariser.flags import record_flags
from summariser.schema import AgreementRecord
from summariser.store.repo import record_id

ARTICLE_STATES = ("unreviewed", "in_progress", "complete")
# Filters of the article queue: the states, and articles the extractor found nothing in.
ARTICLE_FILTERS = (*ARTICLE_STATES, "no_records")


@dataclass(frozen=True)
class ArticleDecision:
    """A row of `article_reviews`: `complete`, `reopened`, or `open` (a completion undone)."""

    document_id: str
    state: str
    reviewer: str
    decided_at: str
    version: int

    def to_dict(self) -> dict[str, Any]:
        return {"document_id": self.document_id, "state": self.state, "reviewer": self.reviewer,
                "decided_at": self.decided_at, "version": self.version}  # fmt: skip

    @classmethod
    def from_mapping(cls, row: Any) -> ArticleDecision:
        return cls(row["document_id"], row["state"], row["reviewer"], row["decided_at"], int(row["version"]))

    @classmethod
    def from_json(cls, text: str | None) -> ArticleDecision | None:
        return cls.from_mapping(json.loads(text)) if text else None

    def same(self, other: ArticleDecision | None) -> bool:
        # Versions change when an undo restores a row; who decided what, and when, identifies a decision.
        return other is not None and (self.state, self.reviewer, self.decided_at) == (
            other.state, other.reviewer, other.decided_at
        )


@dataclass
class Article:
    """One line of the article queue: counts come from SQL, no record JSON is parsed."""

    document_id: str
    path: str
    reported: str | None
    records: int  # current records, added ones included
    undecided: int  # of those, without a decision or skipped
    decided: int  # with any decision (skipped included)
    decision: ArticleDecision | None

    @property
    def state(self) -> str:
        if self.decision is not None and self.decision.state == "complete":
            return "complete"
        if self.decided or (self.decision is not None and self.decision.state == "reopened"):
            return "in_progress"
        return "unreviewed"

    @property
    def complete(self) -> bool:
        return self.state == "complete"


# Without `reported` the documents_by_path index covers the scan: the rows (with their texts) are not read.
_DOCUMENTS = """
SELECT d.id, d.path, {reported}, ar.document_id, ar.state, ar.reviewer, ar.decided_at, ar.version
FROM documents d LEFT JOIN article_reviews ar ON ar.document_id = d.id {where}
ORDER BY d.path, d.id
"""
# Documents with a successful extraction, as one set: a per-document EXISTS cost as much as the rest.
_EXTRACTED = "SELECT DISTINCT document_id FROM extractions WHERE state = 'done' {where}"
_COUNTS = """
SELECT r.document_id, COUNT(*), COALESCE(SUM(dc.state IS NULL OR dc.state = 'skipped'), 0), COUNT(dc.state)
FROM current_records r LEFT JOIN decisions dc ON dc.record_id = r.id {where} GROUP BY r.document_id
"""


Counts = dict[str, tuple[int, int, int]]  # document id -> (records, undecided, decided)


def load_articles(
    conn: sqlite3.Connection, document_id: str | None = None, *, counts: Counts | None = None,
    reported: bool = False,
) -> list[Article]:  # fmt: skip
    """Every article in path order (or the one with `document_id`), with its counts and decision.
    `counts`: already known (from a review queue of every record), so not read again; `reported`: read the
    articles' dates too (slower: the document rows are read)."""
    params: tuple[str, ...] = (document_id,) if document_id else ()
    if counts is None:
        counts = {
            row[0]: (row[1], row[2], row[3])
            for row in conn.execute(_COUNTS.format(where="WHERE r.document_id = ?" if document_id else ""), params)
        }
    extracted = {r[0] for r in conn.execute(_EXTRACTED.format(where="AND document_id = ?" if document_id else ""), params)}
    out = []
    sql = _DOCUMENTS.format(where="WHERE d.id = ?" if document_id else "", reported="d.reported" if reported else "NULL")
    for row in conn.execute(sql, params):
        if row[0] not in extracted:
            continue
        decision = ArticleDecision(row[3], row[4], row[5], row[6], row[7]) if row[3] else None
        n, undecided, decided = counts.get(row[0], (0, 0, 0))
        out.append(Article(row[0], row[1], row[2], n, undecided, decided, decision))
    return out


def article_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Articles by review state, for `summarise status`."""
    articles = load_articles(conn)
    counts = dict.fromkeys(ARTICLE_STATES, 0)
    for article in articles:
        counts[article.state] += 1
    return {"total": len(articles), **counts, "no records": sum(1 for a in articles if not a.records)}


# ---------------------------------------------------------------- writes (inside the caller's transaction)


def article_decision(conn: sqlite3.Connection, document_id: str) -> ArticleDecision | None:
    row = conn.execute("SELECT * FROM article_reviews WHERE document_id = ?", (document_id,)).fetchone()
    return ArticleDecision.from_mapping(row) if row else None


def article_token(conn: sqlite3.Connection, document_id: str) -> tuple[int, int]:
    """What a reviewer saw of an article: its decision's version and how many records were ever added to it.
    Both only grow, so a write based on an older token comes from a stale view."""
    row = conn.execute(
        "SELECT COALESCE((SELECT version FROM article_reviews WHERE document_id = ?), 0),"
        " (SELECT COUNT(*) FROM records WHERE document_id = ? AND added_by IS NOT NULL)",
        (document_id, document_id),
    ).fetchone()
    return int(row[0]), int(row[1])


def write_article_decision(conn: sqlite3.Connection, d: ArticleDecision) -> None:
    conn.execute(
        "INSERT INTO article_reviews(document_id, state, reviewer, decided_at, version) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(document_id) DO UPDATE SET state=excluded.state, reviewer=excluded.reviewer,"
        " decided_at=excluded.decided_at, version=excluded.version",
        (d.document_id, d.state, d.reviewer, d.decided_at, d.version),
    )


def article_event(
    conn: sqlite3.Connection, document_id: str, reviewer: str, at: str, action: str,
    before: ArticleDecision | None, after: ArticleDecision | None,
) -> int:  # fmt: skip
    cur = conn.execute(
        "INSERT INTO article_events(document_id, reviewer, at, action, before_json, after_json)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (document_id, reviewer, at, action, json.dumps(before.to_dict()) if before else None,
         json.dumps(after.to_dict()) if after else None),
    )  # fmt: skip
    return int(cur.lastrowid or 0)


@dataclass(frozen=True)
class ArticleEvent:
    id: int
    document_id: str
    reviewer: str
    at: str
    action: str
    before: ArticleDecision | None
    after: ArticleDecision | None


def article_events(conn: sqlite3.Connection, document_id: str) -> list[ArticleEvent]:
    rows = conn.execute("SELECT * FROM article_events WHERE document_id = ? ORDER BY id", (document_id,))
    return [_article_event(r) for r in rows]


def last_undoable_article_event(conn: sqlite3.Connection, reviewer: str) -> ArticleEvent | None:
    """This reviewer's latest complete/reopen not yet undone (undo events cancel them in stack order)."""
    pending = 0
    rows = conn.execute(
        "SELECT * FROM article_events WHERE reviewer = ? AND action IN ('undo', 'complete', 'reopen') ORDER BY id DESC",
        (reviewer,),
    )
    for row in rows:
        if row["action"] == "undo":
            pending += 1
        elif pending:
            pending -= 1
        else:
            return _article_event(row)
    return None


def _article_event(row: sqlite3.Row) -> ArticleEvent:
    return ArticleEvent(
        row["id"], row["document_id"], row["reviewer"], row["at"], row["action"],
        ArticleDecision.from_json(row["before_json"]), ArticleDecision.from_json(row["after_json"]),
    )  # fmt: skip


def insert_added_record(
    conn: sqlite3.Connection, document_id: str, text: str, record: AgreementRecord, reviewer: str, at: str
) -> str | None:
    """Store a reviewer's record under the document's current extraction; None when it has none."""
    row = conn.execute(
        "SELECT e.id, (SELECT COALESCE(MAX(r.idx), -1) FROM records r WHERE r.extraction_id = e.id)"
        " FROM extractions e WHERE e.document_id = ? AND e.state = 'done' ORDER BY e.id DESC LIMIT 1",
        (document_id,),
    ).fetchone()
    if row is None:
        return None
    extraction_id, idx = int(row[0]), int(row[1]) + 1
    rid = record_id(document_id, extraction_id, idx)
    conn.execute(
        "INSERT INTO records(id, extraction_id, document_id, idx, record_json, agreement_type, status, flags,"
        " added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (rid, extraction_id, document_id, idx, record.model_dump_json(), record.agreement_type.value,
         record.status.value, " ".join(record_flags(record, text)), reviewer, at),
    )  # fmt: skip
    return rid


def shown_records_json(conn: sqlite3.Connection, document_id: str) -> list[str]:
    """The record JSON an article's records show now: the reviewer's version of edited ones, rejected ones left out."""
    rows = conn.execute(
        "SELECT COALESCE(dc.record_json, r.record_json) FROM current_records r"
        " LEFT JOIN decisions dc ON dc.record_id = r.id AND dc.state = 'edited'"
        " WHERE r.document_id = ? AND COALESCE(dc.state, '') != 'rejected'",
        (document_id,),
    )
    return [r[0] for r in rows]
