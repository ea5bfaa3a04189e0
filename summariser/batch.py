"""Extract many articles into the store: cached, resumable, bounded concurrency, clean stop.

Workers only call the model; every store write happens on the calling thread, one short transaction
per document, so a Ctrl-C or a SIGKILL at any moment keeps every document finished before it and never
leaves half an extraction. Workers are daemon threads: on Ctrl-C the answers still in flight are
dropped (they were not written) instead of holding the process until a slow request ends.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from summariser.llm.start import ModelStartError, start_model
from summariser.paths import Expanded, expand_paths
from summariser.schema import SCHEMA_VERSION, Document, ExtractionResult
from summariser.settings import Settings
from summariser.store.db import StoreError
from summariser.store.repo import Store


class ExtractorLike(Protocol):
    prompt_version: str

    @property
    def model_name(self) -> str: ...

    def extract(self, doc: Document) -> ExtractionResult: ...


class BatchBusy(StoreError):
    """Another batch is writing to this store."""


# Consecutive documents the model did not answer at all before the batch stops instead of going on.
GIVE_UP_AFTER = 5


@dataclass
class Failure:
    path: str
    reason: str
    document_id: str | None = None  # None when the file could not be read as a document


@dataclass
class BatchSummary:
    run_id: int | None = None
    state: str = "running"  # running | finished | interrupted | failed (the model could not start)
    total: int = 0  # article files the paths expanded to, plus arguments that led nowhere
    found: int = 0  # article files the paths expanded to
    done: int = 0
    failed: int = 0
    skipped: int = 0  # already extracted with the same model + prompt + schema, or duplicate text
    records: int = 0
    elapsed_s: float = 0.0
    model_start_s: float = 0.0  # loading the embedded model / building the endpoint client, once per batch
    model_seconds: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    model: str = ""
    prompt_version: str = ""
    failures: list[Failure] = field(default_factory=list)
    gave_up: str | None = None  # why the batch stopped early (an endpoint that stopped answering)

    @property
    def processed(self) -> int:
        return self.done + self.failed + self.skipped

    @property
    def rate_per_minute(self) -> float:
        """Documents extracted (not skipped) per minute of wall time."""
        return 60.0 * self.done / self.elapsed_s if self.elapsed_s > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["rate_per_minute"] = round(self.rate_per_minute, 3)
        data["elapsed_s"] = round(self.elapsed_s, 3)
        data["model_seconds"] = round(self.model_seconds, 3)
        data["model_start_s"] = round(self.model_start_s, 3)
        return data


ProgressCallback = Callable[[BatchSummary], None]


def make_extractor(settings: Settings, examples: Any = None) -> ExtractorLike:
    """The real extractor, whose model starts only when a document needs it (a cached re-run never loads it).
    `examples`: an ExamplePool of reviewed records for few-shot prompts."""
    from summariser.extract import Extractor

    return Extractor(settings, client=DeferredClient(settings), examples=examples)


class DeferredClient:
    """A model client that starts the real one (endpoint or embedded model) on first use.

    Its `name` is the one the real client records (`settings.model_name`), so the cache key is known
    without starting anything.
    """

    def __init__(self, settings: Settings) -> None:
        self.name = settings.model_name
        self._settings = settings
        self._client: Any = None
        self._lock = threading.Lock()

    def start(self) -> Any:
        with self._lock:
            if self._client is None:
                self._client = start_model(self._settings)
            return self._client

    def structured(self, *args: Any, **kwargs: Any) -> Any:
        return self.start().structured(*args, **kwargs)

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("_"):
            raise AttributeError(attr)
        return getattr(self.start(), attr)


def _start_model(extractor: ExtractorLike) -> None:
    """Start a deferred model on this thread, so a model that cannot start fails the batch once, clearly."""
    client = getattr(extractor, "client", None)
    if isinstance(client, DeferredClient):
        client.start()


def run_batch(
    paths: list[str | Path] | Expanded,
    settings: Settings,
    store: Store,
    extractor: ExtractorLike | None = None,
    *,
    force: bool = False,
    limit: int | None = None,
    progress: ProgressCallback | None = None,
    stop: threading.Event | None = None,
) -> BatchSummary:
    """Extract every article under `paths` not yet extracted under the same cache key.

    `limit` caps how many documents are sent to the model (cached ones do not count). Setting `stop`
    (the CLI sets it on Ctrl-C / SIGTERM) ends the batch after the current writes: the run is marked
    `interrupted`. Raises `BatchBusy` when another batch holds this store.
    """
    from summariser.documents import DocumentError, read_document

    started = time.perf_counter()
    stop = stop or threading.Event()
    summary = BatchSummary()
    # The CLI expands first to refuse an empty batch before touching the store; do not walk twice.
    expanded = paths if isinstance(paths, Expanded) else expand_paths(paths)
    summary.found = len(expanded.files)
    summary.total = summary.found + len(expanded.problems)
    for path, reason in expanded.problems:
        summary.failures.append(Failure(path, reason))
        summary.failed += 1
    extractor = extractor or make_extractor(settings)
    summary.model, summary.prompt_version = extractor.model_name, extractor.prompt_version
    key = (extractor.model_name, extractor.prompt_version, SCHEMA_VERSION)
    workers = 1 if settings.use_embedded else settings.concurrency

    def tick() -> None:
        summary.elapsed_s = time.perf_counter() - started
        if progress is not None:
            progress(summary)

    with batch_lock(store.path):
        summary.run_id = run_id = store.start_run(*key, settings.public_dict())
        for path, reason in expanded.problems:
            store.save_file_failure(run_id, path, reason)
        pool = _Pool(extractor, workers)
        in_flight: dict[str, Document] = {}
        seen: set[str] = set()
        sent = unanswered = 0
        files = iter(expanded.files)
        exhausted = False
        tick()
        try:
            while not stop.is_set():
                # Keep the workers fed without reading thousands of articles into memory at once.
                while not exhausted and len(in_flight) < 2 * workers and (limit is None or sent < limit):
                    next_path = next(files, None)
                    if next_path is None:
                        exhausted = True
                        break
                    try:
                        doc = read_document(next_path, max_bytes=settings.max_document_bytes)
                    except DocumentError as exc:
                        summary.failures.append(Failure(str(next_path), exc.reason))
                        summary.failed += 1
                        store.save_file_failure(run_id, str(next_path), exc.reason)
                        tick()
                        continue
                    store.add_document(doc)
                    if doc.id in seen or (not force and store.is_extracted(doc.id, *key)):
                        summary.skipped += 1
                        seen.add(doc.id)
                        tick()
                        continue
                    seen.add(doc.id)
                    if sent == 0:
                        t0 = time.perf_counter()
                        _start_model(extractor)
                        summary.model_start_s = time.perf_counter() - t0
                    in_flight[doc.id] = doc
                    pool.submit(doc)
                    sent += 1
                if limit is not None and sent >= limit:
                    exhausted = True
                if not in_flight:
                    break
                outcome = pool.next_outcome(timeout=0.2)
                if outcome is None:
                    continue
                doc = in_flight.pop(outcome.document_id)
                _record_outcome(store, run_id, key, doc, outcome, summary)
                unanswered = unanswered + 1 if outcome.unavailable else 0
                tick()
                if unanswered >= GIVE_UP_AFTER:
                    # Every further document would wait through the same retries and fail the same way.
                    summary.gave_up = (
                        f"the model did not answer {unanswered} documents in a row (last: {outcome.error}); "
                        "stopped the batch: check the endpoint, then run the same command again"
                    )
                    break
        except ModelStartError:
            summary.state = "failed"
            raise
        finally:
            pool.close()
            if summary.state == "running":
                summary.state = "interrupted" if stop.is_set() else "finished"
            summary.elapsed_s = time.perf_counter() - started
            with contextlib.suppress(StoreError):
                store.finish_run(run_id, summary.state)
    if summary.done:
        _link(store)
    return summary


def _link(store: Store) -> None:
    """Link the register once, now, so exports read agreement ids instead of linking every record again."""
    from summariser.register.view import current_agreement_ids

    with contextlib.suppress(StoreError, sqlite3.Error):  # a cache: exports link for themselves without it
        current_agreement_ids(store.conn)


@dataclass
class _Outcome:
    document_id: str
    result: ExtractionResult | None = None
    error: str | None = None
    unavailable: bool = False  # the model did not answer at all (not a bad answer)


def _model_unavailable(exc: BaseException | None) -> bool:
    from summariser.llm.base import ModelUnavailable

    while exc is not None:
        if isinstance(exc, ModelUnavailable):
            return True
        exc = exc.__cause__
    return False


def _record_outcome(
    store: Store, run_id: int, key: tuple[str, str, str], doc: Document, outcome: _Outcome, summary: BatchSummary
) -> None:
    if outcome.result is not None:
        result = outcome.result
        store.save_extraction(run_id, result)
        summary.done += 1
        summary.records += len(result.records)
        summary.model_seconds += result.model_seconds
        summary.prompt_tokens += result.usage.prompt_tokens
        summary.completion_tokens += result.usage.completion_tokens
    else:
        reason = outcome.error or "unknown error"
        store.save_failure(run_id, doc.id, *key, reason)
        summary.failed += 1
        summary.failures.append(Failure(doc.path, reason, doc.id))


class _Pool:
    """A few daemon threads calling `extractor.extract`; outcomes come back on a queue."""

    def __init__(self, extractor: ExtractorLike, workers: int) -> None:
        self._extractor = extractor
        self._jobs: queue.Queue[Document | None] = queue.Queue()
        self._outcomes: queue.Queue[_Outcome] = queue.Queue()
        self._threads = [threading.Thread(target=self._work, daemon=True, name=f"extract-{i}") for i in range(workers)]
        for t in self._threads:
            t.start()

    def submit(self, doc: Document) -> None:
        self._jobs.put(doc)

    def next_outcome(self, timeout: float) -> _Outcome | None:
        try:
            return self._outcomes.get(timeout=timeout)
        except queue.Empty:
            return None

    def close(self) -> None:
        # Drop queued work; a request already in flight finishes in its daemon thread and is discarded.
        with contextlib.suppress(queue.Empty):
            while True:
                self._jobs.get_nowait()
        for _ in self._threads:
            self._jobs.put(None)

    def _work(self) -> None:
        while (doc := self._jobs.get()) is not None:
            try:
                result = self._extractor.extract(doc)
            except Exception as exc:  # noqa: BLE001 - any failure of one document is that document's failure
                self._outcomes.put(_Outcome(doc.id, error=_reason(exc), unavailable=_model_unavailable(exc)))
            else:
                if result.document_id != doc.id:
                    self._outcomes.put(_Outcome(doc.id, error="extractor returned a result for another document"))
                else:
                    self._outcomes.put(_Outcome(doc.id, result=result))


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    if type(exc).__name__ == "ExtractionError" and text:
        return text  # the extractor's own reasons are written for people already
    name = type(exc).__name__
    return f"{name}: {text}" if text else name


@contextlib.contextmanager
def batch_lock(store_path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock beside the store for the whole batch (released even on SIGKILL)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: SQLite's own locking still keeps the store consistent
        yield
        return
    lock_path = Path(f"{store_path}.lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"cannot create the lock file {lock_path}: {exc.strerror or exc}") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "another process"
            raise BatchBusy(
                f"another `summarise extract` ({holder}) is writing to the store {store_path}; "
                "wait for it to finish or use another --store"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


@contextlib.contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """First Ctrl-C / SIGTERM sets `stop` (clean stop); a second Ctrl-C stops at once."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
