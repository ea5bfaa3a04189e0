"""The Store over a real SQLite file: documents, runs, extractions, records, counts, flags."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3

import pytest

from summariser.flags import record_flags
from summariser.schema import SCHEMA_VERSION, AgreementRecord, Document, Evidence, ExtractionResult, MatchKind
from summariser.store.db import StoreError
from summariser.store.repo import RecordNotFound, Store

TEXT = " date 2026-01-28 SOCAR and CITIC Construction signed a framework agreement in Baku on January 27."


def _doc(text: str = TEXT, path: str = "a.txt") -> Document:
    return Document(id=hashlib.sha256(text.encode()).hexdigest(), path=path, reported=dt.date(2026, 1, 28), text=text)


def _record(*, quote: str = "signed a framework agreement", party: str = "SOCAR", date: dt.date | None = None) -> AgreementRecord:
    start = TEXT.find(quote)
    evidence = (
        Evidence(fields=["agreement_type"], quote=quote, start=start, end=start + len(quote), match=MatchKind.exact)
        if start >= 0
        else Evidence(fields=["agreement_type"], quote=quote)
    )
    return AgreementRecord(
        parties=[{"name": party, "canonical": party}, {"name": "CITIC Construction", "canonical": "CITIC"}],
        agreement_type="framework_agreement",
        status="signed",
        date_signed=date,
        evidence=[evidence],
    )


def _result(doc: Document, records: list[AgreementRecord], model: str = "m") -> ExtractionResult:
    return ExtractionResult(
        document_id=doc.id, records=records, model=model, prompt_version="p1", schema_version=SCHEMA_VERSION
    )


def test_round_trip_and_cache_key(tmp_path):
    doc = _doc()
    with Store(tmp_path / "s.db") as store:
        assert store.add_document(doc) is True
        assert store.add_document(doc) is False  # same text: one document
        assert store.get_document(doc.id) == doc
        assert store.get_document("nope") is None
        run = store.start_run("m", "p1", SCHEMA_VERSION, {"concurrency": 2})
        assert not store.is_extracted(doc.id, "m", "p1", SCHEMA_VERSION)
        ids = store.save_extraction(run, _result(doc, [_record(date=dt.date(2026, 1, 27)), _record(party="BP")]))
        store.finish_run(run, "finished")
        assert len(ids) == 2 and len(set(ids)) == 2
        assert store.is_extracted(doc.id, "m", "p1", SCHEMA_VERSION)
        assert not store.is_extracted(doc.id, "m", "p2", SCHEMA_VERSION)
        assert not store.is_extracted(doc.id, "other", "p1", SCHEMA_VERSION)

    with Store(tmp_path / "s.db", readonly=True) as store:  # reopened: everything survived
        current = store.current_records()
        assert [r.id for r in current] == ids
        assert current[0].flags == []
        assert current[1].flags == ["no_date", "party_not_in_text"]
        assert current[0].record.date_signed == dt.date(2026, 1, 27)
        assert store.get_record(ids[1]).record.parties[0].name == "BP"
        with pytest.raises(RecordNotFound):
            store.get_record("missing")
        counts = store.status_counts()
        assert counts["documents"] == {"total": 1, "done": 1, "failed": 0, "pending": 0}
        assert counts["records"]["total"] == 2 and counts["records"]["pending"] == 2
        assert counts["articles"] == {"total": 1, "unreviewed": 1, "in_progress": 0, "complete": 0, "no records": 0}


def test_failure_keeps_earlier_records_current_and_new_extraction_replaces_them(tmp_path):
    doc = _doc()
    with Store(tmp_path / "s.db") as store:
        store.add_document(doc)
        run = store.start_run("m", "p1", SCHEMA_VERSION, {})
        first = store.save_extraction(run, _result(doc, [_record()]))
        store.save_failure(run, doc.id, "m2", "p1", SCHEMA_VERSION, "HTTP 500 after 4 retries")
        assert [r.id for r in store.current_records(doc.id)] == first
        assert store.failures(run)[0]["error"] == "HTTP 500 after 4 retries"
        second = store.save_extraction(run, _result(doc, [_record(), _record()], model="m2"))
        assert [r.id for r in store.current_records()] == second
        assert set(first).isdisjoint(second)
        assert store.get_record(first[0]).model == "m"  # superseded but still readable


def test_document_only_failed_counts_as_failed(tmp_path):
    doc, other = _doc(), _doc("Another article.", "b.txt")
    with Store(tmp_path / "s.db") as store:
        store.add_document(doc)
        store.add_document(other)
        store.save_failure(None, doc.id, "m", "p1", SCHEMA_VERSION, "timeout")
        counts = store.status_counts()
        assert counts["documents"] == {"total": 2, "done": 0, "failed": 1, "pending": 1}


def test_extraction_for_unknown_document_is_refused(tmp_path):
    with Store(tmp_path / "s.db") as store, pytest.raises(StoreError, match="not in the store"):
        store.save_extraction(None, _result(_doc(), [_record()]))


def test_decisions_are_counted_by_review_state(tmp_path):
    doc = _doc()
    with Store(tmp_path / "s.db") as store:
        store.add_document(doc)
        ids = store.save_extraction(None, _result(doc, [_record(), _record(), _record()]))
        store.conn.execute(
            "INSERT INTO decisions(record_id, state, reviewer, decided_at, version) VALUES (?, 'accepted', 'r', 'now', 1)",
            (ids[0],),
        )
        counts = store.status_counts()["records"]
        assert counts["accepted"] == 1 and counts["pending"] == 2
        articles = store.status_counts()["articles"]
        assert articles == {"total": 1, "unreviewed": 0, "in_progress": 1, "complete": 0, "no records": 0}


def test_not_sqlite_file_is_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a summariser store"):
        Store(path)
    assert path.read_bytes() == before


def test_other_sqlite_database_is_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE mine(x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a summariser store"):
        Store(path)
    assert path.read_bytes() == before


def test_flags():
    assert record_flags(_record(date=dt.date(2026, 1, 27)), TEXT) == []
    assert record_flags(_record(quote="not in the article"), TEXT) == ["ungrounded", "no_date"]
    no_evidence = _record().model_copy(update={"evidence": []})
    assert "ungrounded" in record_flags(no_evidence, TEXT)
    fuzzy = _record()
    fuzzy.evidence[0] = fuzzy.evidence[0].model_copy(update={"match": MatchKind.fuzzy, "score": 91.0})
    assert record_flags(fuzzy, TEXT) == ["fuzzy", "no_date"]
    # Case, accents and curly apostrophes do not make a party "missing".
    text = "SOCAR Türkiye’s unit and citic construction agreed."
    rec = _record(party="Socar Turkiye's unit")
    assert "party_not_in_text" not in record_flags(rec, text)
    assert "party_not_in_text" in record_flags(_record(party="Gazprom"), text)
