"""run_batch with a small stand-in extractor (the batch's protocol): cache, retries, limit, stop, lock, bad input."""

from __future__ import annotations

import os
import shutil
import threading

import pytest

from summariser.batch import BatchBusy, batch_lock, run_batch
from summariser.paths import expand_paths
from summariser.schema import SCHEMA_VERSION, AgreementRecord, Document, Evidence, ExtractionResult, MatchKind
from summariser.settings import load_settings
from summariser.store.repo import Store


class StandIn:
    """Extracts one record quoting the article's first words; fails documents whose text contains FAIL."""

    model_name = "stand-in"
    prompt_version = "t1"

    def __init__(self, fail_marker: str | None = "FAIL", on_extract=None) -> None:
        self.fail_marker = fail_marker
        self.on_extract = on_extract
        self.calls: list[str] = []
        self._lock = threading.Lock()

    def extract(self, doc: Document) -> ExtractionResult:
        with self._lock:
            self.calls.append(doc.path)
        if self.on_extract:
            self.on_extract(doc)
        if self.fail_marker and self.fail_marker in doc.text:
            raise RuntimeError("scripted failure")
        start = len(doc.text) - len(doc.text.lstrip())
        quote = doc.text[start : start + 12]
        record = AgreementRecord(
            parties=[{"name": "Alpha", "canonical": "Alpha"}, {"name": "Beta", "canonical": "Beta"}],
            agreement_type="contract",
            status="signed",
            evidence=[
                Evidence(fields=["parties"], quote=quote, start=start, end=start + len(quote), match=MatchKind.exact)
            ],
        )
        return ExtractionResult(
            document_id=doc.id,
            records=[record],
            model=self.model_name,
            prompt_version=self.prompt_version,
            schema_version=SCHEMA_VERSION,
            model_seconds=0.0,
        )


def _articles(folder, n: int, fail: set[int] = frozenset()) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        marker = " FAIL" if i in fail else ""
        (folder / f"{i:03}.txt").write_text(f"Alpha and Beta signed contract number {i}.{marker}\n")


def _settings(tmp_path, **kw):
    return load_settings(store=tmp_path / "s.db", provider="openai", base_url="http://127.0.0.1:9/v1", **kw)


def test_seeds_cache_and_rerun(tmp_path, seeds_dir):
    settings = _settings(tmp_path, concurrency=3)
    stand_in = StandIn()
    with Store(settings.store) as store:
        first = run_batch([seeds_dir], settings, store, stand_in)
        assert (first.done, first.failed, first.skipped, first.records) == (5, 0, 0, 5)
        assert first.state == "finished"
        second = run_batch([seeds_dir], settings, store, stand_in)
        assert (second.done, second.skipped) == (0, 5)
        assert len(stand_in.calls) == 5  # the re-run asked the model nothing
        forced = run_batch([seeds_dir], settings, store, stand_in, force=True)
        assert forced.done == 5 and len(store.current_records()) == 5
        runs = store.conn.execute("SELECT state FROM runs").fetchall()
        assert [r[0] for r in runs] == ["finished"] * 3


def test_failures_recorded_with_reason_and_rerun_retries_only_them(tmp_path):
    _articles(tmp_path / "in", 6, fail={1, 4})
    settings = _settings(tmp_path)
    with Store(settings.store) as store:
        first = run_batch([tmp_path / "in"], settings, store, StandIn())
        assert (first.done, first.failed) == (4, 2)
        assert sorted(os.path.basename(f.path) for f in first.failures) == ["001.txt", "004.txt"]
        assert all(f.reason == "RuntimeError: scripted failure" for f in first.failures)
        stored = store.failures(first.run_id)
        assert {os.path.basename(f["path"]) for f in stored} == {"001.txt", "004.txt"}
        assert store.status_counts()["documents"] == {"total": 6, "done": 4, "failed": 2, "pending": 0}

        healed = StandIn(fail_marker=None)
        second = run_batch([tmp_path / "in"], settings, store, healed)
        assert sorted(os.path.basename(p) for p in healed.calls) == ["001.txt", "004.txt"]
        assert (second.done, second.skipped, second.failed) == (2, 4, 0)
        assert store.status_counts()["documents"]["done"] == 6


def test_limit_counts_only_documents_sent_to_the_model(tmp_path):
    _articles(tmp_path / "in", 5)
    settings = _settings(tmp_path)
    with Store(settings.store) as store:
        assert run_batch([tmp_path / "in"], settings, store, StandIn(), limit=2).done == 2
        again = run_batch([tmp_path / "in"], settings, store, StandIn(), limit=2)
        assert (again.done, again.skipped) == (2, 2)


def test_same_text_under_two_names_is_extracted_once(tmp_path):
    _articles(tmp_path / "in", 2)
    shutil.copy(tmp_path / "in" / "000.txt", tmp_path / "in" / "copy.txt")
    settings = _settings(tmp_path, concurrency=4)
    stand_in = StandIn()
    with Store(settings.store) as store:
        summary = run_batch([tmp_path / "in", tmp_path / "in" / "000.txt"], settings, store, stand_in)
    assert summary.found == 3 and (summary.done, summary.skipped) == (2, 1)
    assert len(stand_in.calls) == 2


def test_stop_keeps_finished_documents_and_marks_run_interrupted(tmp_path):
    _articles(tmp_path / "in", 8)
    settings = _settings(tmp_path, concurrency=1)
    stop = threading.Event()

    def stop_after_third(doc: Document) -> None:
        if doc.path.endswith("002.txt"):
            stop.set()

    with Store(settings.store) as store:
        summary = run_batch([tmp_path / "in"], settings, store, StandIn(on_extract=stop_after_third), stop=stop)
        assert summary.state == "interrupted"
        assert 2 <= summary.done < 8
        assert len(store.current_records()) == summary.done
        assert store.conn.execute("SELECT state FROM runs").fetchone()[0] == "interrupted"
        rest = run_batch([tmp_path / "in"], settings, store, StandIn())
        assert rest.done + rest.skipped == 8 and rest.skipped == summary.done


def test_ten_thousand_empty_files(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"{i:05}.txt").touch()
    _articles(folder, 1)  # one real article among them: 000.txt
    settings = _settings(tmp_path)
    with Store(settings.store) as store:
        summary = run_batch([folder], settings, store, StandIn())
        assert summary.found == 10_001
        assert (summary.done, summary.failed) == (1, 10_000)
        assert all(f.document_id is None and f.reason for f in summary.failures)
        counts = store.status_counts()
        assert counts["documents"]["total"] == 1
        assert counts["files"]["unreadable in last run"] == 10_000


def test_unreadable_and_missing_paths_are_reported_not_fatal(tmp_path):
    _articles(tmp_path / "in", 2)
    binary = tmp_path / "in" / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00" * 50)
    settings = _settings(tmp_path)
    with Store(settings.store) as store:
        summary = run_batch([tmp_path / "in", tmp_path / "missing.txt", str(tmp_path / "nope*.md")], settings, store, StandIn())
    assert summary.done == 2 and summary.failed == 3
    reasons = {os.path.basename(f.path): f.reason for f in summary.failures}
    assert reasons["missing.txt"] == "no such file or folder"
    assert reasons["nope*.md"] == "no file matches this pattern"
    assert reasons["image.txt"]
    with Store(settings.store, readonly=True) as store:
        assert store.status_counts()["files"]["unreadable in last run"] == 3


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_permission_denied_file_and_folder(tmp_path):
    _articles(tmp_path / "in", 3)
    locked_file = tmp_path / "in" / "001.txt"
    locked_dir = tmp_path / "in" / "private"
    _articles(locked_dir, 1)
    locked_file.chmod(0)
    locked_dir.chmod(0)
    try:
        settings = _settings(tmp_path)
        with Store(settings.store) as store:
            summary = run_batch([tmp_path / "in"], settings, store, StandIn())
    finally:
        locked_file.chmod(0o644)
        locked_dir.chmod(0o755)
    assert summary.done == 2 and summary.failed == 2
    reasons = " ".join(f.reason for f in summary.failures)
    assert "ermission" in reasons


def test_second_batch_on_the_same_store_is_refused(tmp_path):
    _articles(tmp_path / "in", 1)
    settings = _settings(tmp_path)
    with Store(settings.store) as store, batch_lock(settings.store):
        with pytest.raises(BatchBusy, match="another `summarise extract`"):
            run_batch([tmp_path / "in"], settings, store, StandIn())
        assert store.status_counts()["runs"]["total"] == 0


def test_expand_paths_sorted_deduplicated_recursive(tmp_path):
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "a" / ".hidden").mkdir()
    for name in ("a/z.txt", "a/b.md", "a/deep/c.HTML", "a/deep/skip.pdf", "a/.hidden/x.txt", "a/notes.htm"):
        (tmp_path / name).write_text("x")
    found = expand_paths([tmp_path / "a", tmp_path / "a" / "z.txt", str(tmp_path / "a" / "**" / "*.md"), tmp_path / "a" / "deep" / "skip.pdf"])
    names = [p.relative_to(tmp_path).as_posix() for p in found.files]
    assert names == ["a/b.md", "a/deep/c.HTML", "a/deep/skip.pdf", "a/notes.htm", "a/z.txt"]
    assert found.problems == []


def test_cached_rerun_never_starts_the_model(tmp_path, seeds_dir, fake_openai):
    from summariser.batch import make_extractor
    from tests.fakeserver import Reply

    fake_openai.default = Reply.tool_call({"records": []})
    settings = load_settings(
        store=tmp_path / "s.db", strategy="whole", base_url=fake_openai.base_url, api_key="k", concurrency=2
    )
    with Store(settings.store) as store:
        first = run_batch([seeds_dir], settings, store, make_extractor(settings))
        assert first.done == 5 and len(fake_openai.requests) == 5
        again = make_extractor(settings)
        second = run_batch([seeds_dir], settings, store, again)
    assert second.skipped == 5 and len(fake_openai.requests) == 5
    assert again.client._client is None  # the endpoint client (and instructor) were never built
