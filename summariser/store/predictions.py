"""Reads for evaluation: which documents were extracted, which are complete, and the extractor's suggestions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator


def extracted_documents(conn: sqlite3.Connection) -> Iterator[tuple[str, str]]:
    """(id, path) of every document with a successful extraction, in path order."""
    yield from conn.execute(
        "SELECT d.id, d.path FROM documents d WHERE EXISTS"
        " (SELECT 1 FROM extractions e WHERE e.document_id = d.id AND e.state = 'done') ORDER BY d.path"
    )


def complete_documents(conn: sqlite3.Connection) -> set[str]:
    """Ids of the articles a reviewer marked complete."""
    return {doc_id for (doc_id,) in conn.execute("SELECT document_id FROM article_reviews WHERE state = 'complete'")}


def suggested_records(conn: sqlite3.Connection) -> Iterator[tuple[str, str]]:
    """(document id, record JSON) of the extractor's current suggestions; records reviewers added are not its work."""
    yield from conn.execute("SELECT document_id, record_json FROM current_records WHERE added_by IS NULL ORDER BY idx")
