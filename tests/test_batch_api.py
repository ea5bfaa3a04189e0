"""The Batch API at the network boundary: the loopback server's /v1/files and /v1/batches walk through
validating, in_progress, completed / failed / expired with partial errors; a run killed with SIGKILL while
polling resumes the same batch; nothing is submitted twice; endpoints without batches get a clear message."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from summariser.cli import main
from summariser.store.repo import Store
from tests.cli_helpers import ONE_RECORD
from tests.fakebatches import FakeBatches
from tests.fakeserver import FakeOpenAI, Reply

ROOT = Path(__file__).resolve().parent.parent
NOT_IN_ARTICLE = {
    "records": [
        {
            "quotes": [{"quote": "a refinery on the Moon", "fields": ["parties", "agreement_type", "status"]}],
            "parties": [{"name": "SOCAR", "canonical": "SOCAR"}, {"name": "Partner", "canonical": "Partner"}],
            "agreement_type": "contract",
            "status": "signed",
        }
    ]
}


def _env(monkeypatch, server) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-batch")
    monkeypatch.setenv("SUMMARISER_BATCH_POLL_S", "0.01")
    monkeypatch.setenv("SUMMARISER_MAX_RETRIES", "0")


def _extract(store: Path, folder: Path, *args: str):
    return CliRunner().invoke(main, ["extract", str(folder), "--store", str(store), "--batch-api", "--json", *args])


def _documents(store: Path) -> dict[str, int]:
    with Store(store, readonly=True) as opened:
        return opened.status_counts()["documents"]


def test_a_corpus_goes_through_a_batch_and_comes_back_into_the_store(tmp_path, seeds_dir, fake_openai, monkeypatch):
    fake_openai.batches = FakeBatches()
    fake_openai.default = Reply.tool_call(ONE_RECORD)
    _env(monkeypatch, fake_openai)
    store = tmp_path / "s.db"
    result = _extract(store, seeds_dir)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["done"], summary["records"], summary["failed"]) == (5, 5, 0)
    assert fake_openai.batches.created == 1 and fake_openai.batches.uploads == 1
    assert "validating" in result.stderr and "in_progress" in result.stderr and "completed" in result.stderr
    lines = [json.loads(x) for x in fake_openai.batches.files["file-1"].decode().splitlines()]
    assert len(lines) == 5 and all(x["url"] == "/v1/chat/completions" for x in lines)
    assert lines[0]["body"]["tool_choice"]["function"]["name"] == "WholeDraft"
    with Store(store, readonly=True) as opened:
        (job,) = opened.batch_jobs()
        assert (job["batch_id"], job["state"], job["api_status"]) == ("batch_1", "done", "completed")
        assert opened.token_totals()["prompt_tokens"] == 500
    again = _extract(store, seeds_dir)  # everything is extracted: nothing is sent
    assert again.exit_code == 0 and fake_openai.batches.created == 1


def test_partial_errors_fail_their_documents_and_ungrounded_answers_are_reasked_live(tmp_path, seeds_dir, fake_openai, monkeypatch):
    batches = fake_openai.batches = FakeBatches()
    names = sorted(p.name for p in seeds_dir.glob("*.txt"))
    _env(monkeypatch, fake_openai)
    from summariser.documents import read_document

    first = read_document(seeds_dir / names[0]).id
    batches.errors_for = {f"{first}:0"}
    # In the batch: 4 answers, the first ungrounded; live: the re-ask is grounded.
    fake_openai.push(*[Reply.tool_call(NOT_IN_ARTICLE)] + [Reply.tool_call(ONE_RECORD)] * 3)
    fake_openai.default = Reply.tool_call(ONE_RECORD)
    store = tmp_path / "s.db"
    result = _extract(store, seeds_dir)
    summary = json.loads(result.stdout)
    assert result.exit_code == 1
    assert (summary["done"], summary["failed"]) == (4, 1)
    assert "batch request failed: scripted request failure" in summary["failures"][0]["reason"]
    assert len(fake_openai.requests) == 4 + 1  # four batched answers, one live re-ask
    # The re-run sends only the failed document, in a new batch.
    batches.errors_for = set()
    rerun = _extract(store, seeds_dir)
    assert rerun.exit_code == 0 and batches.created == 2
    assert _documents(store)["done"] == 5


def test_a_failed_batch_fails_its_documents_with_the_reason(tmp_path, seeds_dir, fake_openai, monkeypatch):
    fake_openai.batches = FakeBatches(states=["validating", "failed"])
    _env(monkeypatch, fake_openai)
    result = _extract(tmp_path / "s.db", seeds_dir)
    summary = json.loads(result.stdout)
    assert result.exit_code == 1 and summary["failed"] == 5
    assert "the batch failed: scripted validation failure" in summary["failures"][0]["reason"]


def test_an_expired_batch_keeps_what_was_answered(tmp_path, seeds_dir, fake_openai, monkeypatch):
    fake_openai.batches = FakeBatches(states=["validating", "in_progress", "expired"], expire_after=2)
    fake_openai.default = Reply.tool_call(ONE_RECORD)
    _env(monkeypatch, fake_openai)
    result = _extract(tmp_path / "s.db", seeds_dir)
    summary = json.loads(result.stdout)
    assert (summary["done"], summary["failed"]) == (2, 3)
    assert all("expired before" in f["reason"] for f in summary["failures"])


def test_an_endpoint_without_batches_gets_a_clear_message(tmp_path, seeds_dir, fake_openai, monkeypatch):
    _env(monkeypatch, fake_openai)  # no fake batches: /v1/files answers 404
    result = _extract(tmp_path / "s.db", seeds_dir)
    assert result.exit_code == 2
    assert "this endpoint has no Batch API" in result.stderr and "without --batch-api" in result.stderr
    assert fake_openai.requests == []


def test_the_embedded_model_refuses_the_batch_api(tmp_path, seeds_dir):
    result = CliRunner().invoke(main, ["extract", str(seeds_dir), "--store", str(tmp_path / "s.db"), "--batch-api"])
    assert result.exit_code == 2 and "needs an endpoint model" in result.stderr


def test_sigkill_while_polling_then_rerun_resumes_the_same_batch(tmp_path, seeds_dir):
    batches = FakeBatches(states=["validating"] + ["in_progress"] * 10_000 + ["completed"])
    store = tmp_path / "s.db"
    with FakeOpenAI(default=Reply.tool_call(ONE_RECORD)) as server:
        server.batches = batches
        env = {**os.environ, "OPENAI_API_KEY": "k", "OPENAI_BASE_URL": server.base_url,
               "SUMMARISER_BATCH_POLL_S": "0.02", "SUMMARISER_MAX_RETRIES": "0"}
        args = [sys.executable, "-m", "summariser.cli", "extract", str(seeds_dir), "--store", str(store), "--batch-api", "--json"]
        proc = subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while batches.retrieves < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert batches.retrieves >= 3, proc.stderr.read() if proc.poll() is not None else "no polls"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        with Store(store, readonly=True) as opened:
            (job,) = opened.batch_jobs()
            assert (job["batch_id"], job["state"]) == ("batch_1", "submitted")
        batches.states = ["validating", "completed"]  # the provider finishes while nobody is watching
        batches.batches["batch_1"]["_step"] = 0
        done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "resuming batch job" in done.stderr
    assert batches.created == 1 and batches.uploads == 1  # nothing submitted twice
    assert json.loads(done.stdout)["done"] == 5
