"""`summarise extract` / `summarise status` as a person runs them: real subprocesses, real extractor, loopback server."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summariser.store.db import StoreError
from summariser.store.repo import Store
from tests.cli_helpers import ONE_RECORD
from tests.fakeserver import FakeOpenAI, Reply

ROOT = Path(__file__).resolve().parent.parent



def summarise(*args: str, env: dict[str, str] | None = None, **kw) -> subprocess.Popen | subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "summariser.cli", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, **kw
    )


def _endpoint_env(server: FakeOpenAI, **extra: str) -> dict[str, str]:
    return {**os.environ, "OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": server.base_url, **extra}


def _finished(store: Path) -> set[str]:
    """Documents with records so far, read as another process would (the batch may still be creating it)."""
    try:
        with Store(store, readonly=True) as opened:
            return {r.document_id for r in opened.current_records()}
    except StoreError:
        return set()


def _common(store: Path) -> list[str]:
    return ["--store", str(store), "--strategy", "whole", "--concurrency", "1"]


def test_scripted_faults_recorded_then_rerun_retries_only_failed(tmp_path, seeds_dir):
    store = tmp_path / "s.db"
    ok = Reply.tool_call(ONE_RECORD)
    script = [
        ok,  # seed 0
        Reply.error(500), Reply.error(503),  # seed 1: 5xx, retried once, still failing
        Reply.error(429, headers={"Retry-After": "0"}), ok,  # seed 2: rate-limited, then fine
        ok,  # seed 3
        Reply.error(400, "bad request"),  # seed 4: not retryable
    ]
    with FakeOpenAI(script=script) as server:
        env = _endpoint_env(server, SUMMARISER_MAX_RETRIES="1", SUMMARISER_MAX_REASKS="0")
        first = summarise("extract", str(seeds_dir), *_common(store), "--json", env=env)
        assert first.returncode == 1, first.stderr
        summary = json.loads(first.stdout)
        assert (summary["done"], summary["failed"], summary["records"]) == (3, 2, 3)
        failed = {Path(f["path"]).name[:3]: f["reason"] for f in summary["failures"]}
        assert set(failed) == {"001", "004"}
        assert all(failed.values())
        assert "failed" in first.stderr  # the summary on stderr lists them
        with Store(store, readonly=True) as opened:
            assert {Path(f["path"]).name[:3] for f in opened.failures()} == {"001", "004"}

        requests_before = len(server.requests)
        server.default = ok
        second = summarise("extract", str(seeds_dir), *_common(store), "--json", env=env)
        assert second.returncode == 0, second.stderr
        again = json.loads(second.stdout)
        assert (again["done"], again["skipped"], again["failed"]) == (2, 3, 0)
        assert len(server.requests) - requests_before == 2

        status = summarise("status", "--store", str(store), "--json", env=_endpoint_env(server))
        counts = json.loads(status.stdout)
        assert counts["documents"] == {"total": 5, "done": 5, "failed": 0, "pending": 0, "stale": 0}
        assert counts["records"]["pending"] == 5


def test_sigkill_mid_batch_keeps_every_finished_document(tmp_path, seeds_dir):
    store = tmp_path / "s.db"
    with FakeOpenAI(default=Reply.tool_call(ONE_RECORD, delay=0.6)) as server:
        env = _endpoint_env(server)
        proc = subprocess.Popen(
            [sys.executable, "-m", "summariser.cli", "extract", str(seeds_dir), *_common(store)],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        finished_before_kill: set[str] = set()
        deadline = time.monotonic() + 60
        try:
            while len(finished_before_kill) < 2 and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.05)
                finished_before_kill = _finished(store) or finished_before_kill
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.wait(10)
        assert proc.returncode == -signal.SIGKILL
        assert 2 <= len(finished_before_kill) < 5, "the kill should land mid-batch"

        with Store(store) as opened:  # opens (and would migrate) after the kill
            assert opened.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            done = {r.document_id for r in opened.current_records()}
            assert finished_before_kill <= done
            # No half-written extraction: every done attempt has its one record.
            counts = opened.conn.execute(
                "SELECT e.id, COUNT(r.id) FROM extractions e LEFT JOIN records r ON r.extraction_id = e.id"
                " WHERE e.state = 'done' GROUP BY e.id"
            ).fetchall()
            assert all(n == 1 for _, n in counts)
            assert opened.conn.execute("SELECT state FROM runs").fetchone()[0] == "running"  # killed, never finished

        server.default = Reply.tool_call(ONE_RECORD)
        rest = summarise("extract", str(seeds_dir), *_common(store), "--json", env=env)
        assert rest.returncode == 0, rest.stderr
        summary = json.loads(rest.stdout)
        assert summary["skipped"] == len(done) and summary["done"] == 5 - len(done)


def test_sigint_stops_cleanly_with_exit_130(tmp_path, seeds_dir):
    store = tmp_path / "s.db"
    with FakeOpenAI(default=Reply.tool_call(ONE_RECORD, delay=0.5)) as server:
        proc = subprocess.Popen(
            [sys.executable, "-m", "summariser.cli", "extract", str(seeds_dir), *_common(store), "--json"],
            env=_endpoint_env(server), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            if _finished(store):
                break
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    summary = json.loads(out)
    assert summary["state"] == "interrupted" and summary["done"] >= 1
    with Store(store, readonly=True) as opened:
        assert len(opened.current_records()) == summary["done"]
        assert opened.conn.execute("SELECT state FROM runs").fetchone()[0] == "interrupted"


def test_two_batches_on_one_store(tmp_path, seeds_dir):
    store = tmp_path / "s.db"
    with FakeOpenAI(default=Reply.tool_call(ONE_RECORD, delay=2.0)) as server:
        env = _endpoint_env(server)
        first = subprocess.Popen(
            [sys.executable, "-m", "summariser.cli", "extract", str(seeds_dir), *_common(store)],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        deadline = time.monotonic() + 60
        while not server.requests and time.monotonic() < deadline:
            time.sleep(0.05)  # the first batch holds the store once it asks the model
        second = summarise("extract", str(seeds_dir), *_common(store), env=env)
        _, first_err = first.communicate(timeout=60)
    assert second.returncode == 2
    assert "another `summarise extract`" in second.stderr
    assert first.returncode == 0, first_err
    with Store(store, readonly=True) as opened:
        assert opened.status_counts()["documents"]["done"] == 5


def test_store_that_is_not_sqlite_is_left_byte_for_byte(tmp_path, seeds_dir):
    notes = tmp_path / "notes.db"
    notes.write_bytes(os.urandom(5000))
    before = notes.read_bytes()
    result = summarise("extract", str(seeds_dir), "--store", str(notes), "--embedded")
    assert result.returncode == 2
    assert "not a summariser store" in result.stderr and result.stdout == ""
    assert notes.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]
    status = summarise("status", "--store", str(notes))
    assert status.returncode == 2 and notes.read_bytes() == before


def test_store_on_a_read_only_path(tmp_path, seeds_dir):
    if os.geteuid() == 0:
        target = Path("/proc/summariser-test/store.db")  # root can write anywhere but /proc
    else:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o555)
        target = folder / "store.db"
    try:
        result = summarise("extract", str(seeds_dir), "--store", str(target), "--embedded")
    finally:
        if os.geteuid() != 0:
            target.parent.chmod(0o755)
    assert result.returncode == 2
    assert "error:" in result.stderr and str(target.parent) in result.stderr
    assert "Traceback" not in result.stderr


def test_existing_store_in_read_only_folder_is_not_lost(tmp_path, seeds_dir):
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    folder = tmp_path / "ro"
    folder.mkdir()
    store = folder / "s.db"
    with FakeOpenAI(default=Reply.tool_call(ONE_RECORD)) as server:
        assert summarise("extract", str(seeds_dir), *_common(store), env=_endpoint_env(server)).returncode == 0
    sqlite3.connect(store).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    before = store.read_bytes()
    folder.chmod(0o555)
    store.chmod(0o444)
    try:
        result = summarise("extract", str(seeds_dir), "--store", str(store), "--embedded")
        status = summarise("status", "--store", str(store), "--json")
    finally:
        folder.chmod(0o755)
        store.chmod(0o644)
    assert result.returncode == 2 and "not writable" in result.stderr
    assert store.read_bytes() == before
    assert status.returncode == 0 and json.loads(status.stdout)["documents"]["done"] == 5


def test_an_endpoint_that_stops_answering_stops_the_batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(8):
        (folder / f"{i}.txt").write_text(f"Alpha and Beta signed contract number {i}.\n")
    store = tmp_path / "s.db"
    with FakeOpenAI(default=Reply.error(503, "overloaded")) as server:
        done = summarise("extract", str(folder), *_common(store), env=_endpoint_env(server, SUMMARISER_MAX_RETRIES="0"))
    assert done.returncode == 1, done.stderr
    assert "did not answer 5 documents in a row" in done.stderr and "HTTP 503" in done.stderr
    with Store(store, readonly=True) as opened:
        attempted = opened.conn.execute("SELECT COUNT(DISTINCT document_id) FROM extractions").fetchone()[0]
    assert attempted == 5  # the rest were left for the next run, not sent to a dead endpoint


def test_no_article_under_the_paths_is_a_usage_error(tmp_path):
    store = tmp_path / "s.db"
    done = summarise("extract", str(tmp_path / "missing"), "--store", str(store), "--embedded")
    assert done.returncode == 2
    assert "no such file or folder" in done.stderr and "nothing was done" in done.stderr
    assert not store.exists()


def test_status_without_a_store(tmp_path):
    result = summarise("status", "--store", str(tmp_path / "none.db"))
    assert result.returncode == 2 and "no store" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_store_from_environment(tmp_path, seeds_dir):
    store = tmp_path / "env.db"
    with FakeOpenAI(default=Reply.tool_call({"records": []})) as server:
        env = _endpoint_env(server, SUMMARISER_STORE=str(store))
        result = summarise("extract", str(seeds_dir / "000_8c901ae40a9b689e.txt"), "--strategy", "whole", "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["store"] == str(store) and store.exists()


@pytest.mark.embedded
def test_seeds_on_the_embedded_model(tmp_path, seeds_dir):
    store = tmp_path / "s.db"
    first = summarise("extract", str(seeds_dir), "--store", str(store), "--embedded", "--json")
    assert first.returncode in (0, 1), first.stderr
    summary = json.loads(first.stdout)
    assert summary["done"] + summary["failed"] == 5
    assert summary["model"].startswith("embedded:")
    again = json.loads(summarise("extract", str(seeds_dir), "--store", str(store), "--embedded", "--json").stdout)
    assert again["skipped"] == summary["done"] and again["done"] + again["failed"] == summary["failed"]


def test_status_counts_documents_that_other_rules_or_another_model_extracted(tmp_path, seeds_dir):
    """A store extracted on an endpoint is stale for the embedded model (another cache key) and current for
    the same endpoint settings: status says how many documents a batch would extract again."""
    store = tmp_path / "s.db"
    with FakeOpenAI(default=Reply.tool_call(ONE_RECORD)) as server:
        env = _endpoint_env(server)
        assert summarise("extract", str(seeds_dir), *_common(store), env=env).returncode == 0
        same = summarise("status", "--store", str(store), "--json", env=env)
    other = summarise("status", "--store", str(store), "--json", env={**os.environ, "SUMMARISER_PROVIDER": "embedded"})
    assert json.loads(same.stdout)["documents"]["stale"] == 0
    assert json.loads(other.stdout)["documents"]["stale"] == 5
