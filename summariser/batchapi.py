"""A corpus through an endpoint's Batch API (`summarise extract --batch-api`): OpenAI's /v1/files and
/v1/batches, half the price, answers within 24 hours.

The requests are the whole strategy's, written as JSONL; the job is recorded in the store before anything
is sent, and its key travels with the batch as metadata. Interrupting (Ctrl-C, SIGKILL) and running the
same command again resumes the same batch: an id in the store is polled again; a job killed between
creating the batch and recording its id finds the batch by its key. Nothing is submitted twice. Results
are grounded and stored as normal extractions; an answer that fails grounding is re-asked live (it cannot
be re-asked inside the batch); a request that failed or expired leaves its document failed with the reason,
and the next run sends it in a new batch.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from summariser.batch import BatchSummary, ExtractorLike, Failure, _reason, batch_lock
from summariser.paths import Expanded
from summariser.schema import SCHEMA_VERSION, Document, ExtractionResult
from summariser.settings import Settings
from summariser.store.repo import Store

TERMINAL = ("completed", "failed", "expired", "cancelled")
MAX_POLL_S = 300.0


class BatchApiError(RuntimeError):
    """The Batch API cannot be used here; the message says why and what to do instead."""


def _client(settings: Settings) -> Any:
    import openai

    key = settings.api_key.get_secret_value() if settings.api_key else "not-needed"
    return openai.OpenAI(api_key=key, base_url=settings.base_url, timeout=settings.timeout_s, max_retries=settings.max_retries)


def _unsupported(exc: Exception, where: str) -> BatchApiError | None:
    import openai

    if isinstance(exc, openai.NotFoundError | openai.PermissionDeniedError) or (
        isinstance(exc, openai.APIStatusError) and exc.status_code in (404, 405, 501)
    ):
        return BatchApiError(
            f"this endpoint has no Batch API ({where} answered HTTP {getattr(exc, 'status_code', '?')}); "
            "run the same command without --batch-api"
        )
    return None


def run_batch_api(
    expanded: Expanded,
    settings: Settings,
    store: Store,
    extractor: ExtractorLike,
    *,
    force: bool = False,
    limit: int | None = None,
    stop: threading.Event | None = None,
    say: Callable[[str], None] = lambda _: None,
) -> BatchSummary:
    if settings.use_embedded:
        raise BatchApiError("the Batch API needs an endpoint model (set OPENAI_API_KEY); the embedded model runs here")
    if settings.resolved_strategy != "whole":
        raise BatchApiError("--batch-api sends the whole strategy's requests: use --strategy whole (or auto)")
    stop = stop or threading.Event()
    started = time.perf_counter()
    summary = BatchSummary(model=extractor.model_name, prompt_version=extractor.prompt_version)
    summary.found = len(expanded.files)
    summary.total = summary.found + len(expanded.problems)
    key = (extractor.model_name, extractor.prompt_version, SCHEMA_VERSION)
    client = _client(settings)
    with batch_lock(store.path):
        summary.run_id = run_id = store.start_run(*key, {**settings.public_dict(), "batch_api": True})
        try:
            job = store.open_batch_job(*key)
            if job is not None:
                say(f"resuming batch job {job['job_key']} ({job['batch_id'] or 'not yet created'})")
                job = _adopt(client, store, job)
            if job is None:
                job = _submit(client, store, expanded, settings, extractor, key, summary, force=force, limit=limit, say=say)
            if job is not None:
                batch = _poll(client, store, job, settings, stop, say)
                if batch is not None:
                    _collect(client, store, run_id, job, batch, settings, extractor, key, summary)
        finally:
            summary.state = "interrupted" if stop.is_set() else "finished"
            summary.elapsed_s = time.perf_counter() - started
            store.finish_run(run_id, summary.state)
    return summary


def _adopt(client: Any, store: Store, job: dict[str, Any]) -> dict[str, Any] | None:
    """A job with an id goes on; one killed before its id was stored is found by its key, or dropped
    (its batch was never created, so nothing was paid: its documents are sent again in a new job)."""
    if job["batch_id"]:
        return job
    for batch in client.batches.list(limit=100).data:
        if (batch.metadata or {}).get("summariser_job") == job["job_key"]:
            store.update_batch_job(job["job_key"], batch_id=batch.id, input_file_id=batch.input_file_id, state="submitted")
            return {**job, "batch_id": batch.id}
    store.update_batch_job(job["job_key"], state="failed", error="never created: interrupted before the batch was made")
    return None


def _submit(client, store, expanded, settings, extractor, key, summary, *, force, limit, say) -> dict[str, Any] | None:
    from summariser.documents import DocumentError, read_document
    from summariser.extract.strategies.whole.batch import chunks, request_body

    lines: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for path in expanded.files:
        if limit is not None and len(entries) >= limit:
            break
        try:
            doc = read_document(path, max_bytes=settings.max_document_bytes)
        except DocumentError as exc:
            summary.failures.append(Failure(str(path), exc.reason))
            summary.failed += 1
            continue
        store.add_document(doc)
        if doc.id in seen or (not force and store.is_extracted(doc.id, *key)):
            summary.skipped += 1
            continue
        seen.add(doc.id)
        chosen = extractor._examples_for(doc) if hasattr(extractor, "_examples_for") else None
        spans = chunks(doc, settings)
        for n, span in enumerate(spans):
            body = request_body(doc, span, settings, chosen.block if chosen else "")
            lines.append({"custom_id": f"{doc.id}:{n}", "method": "POST", "url": "/v1/chat/completions", "body": body})
        entries.append({"id": doc.id, "path": doc.path, "spans": [[s.start, s.end] for s in spans],
                        "examples": chosen.ids if chosen else []})
    if not entries:
        return None
    job_key = uuid.uuid4().hex
    store.create_batch_job(job_key, *key, entries)  # before anything is sent: a kill from here on is resumable
    data = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode()
    try:
        uploaded = client.files.create(file=("requests.jsonl", data), purpose="batch")
        batch = client.batches.create(
            input_file_id=uploaded.id, endpoint="/v1/chat/completions", completion_window="24h",
            metadata={"summariser_job": job_key},
        )
    except Exception as exc:
        reason = _unsupported(exc, "/v1/files or /v1/batches")
        store.update_batch_job(job_key, state="failed", error=str(reason or exc)[:500])
        if reason is not None:
            raise reason from exc
        raise
    store.update_batch_job(job_key, batch_id=batch.id, input_file_id=uploaded.id, state="submitted", api_status=batch.status)
    say(f"submitted batch {batch.id} ({batch.status}): {len(lines)} requests for {len(entries)} documents")
    return {"job_key": job_key, "batch_id": batch.id, "documents": entries}


def _poll(client, store, job, settings, stop, say) -> Any | None:
    """Wait for the batch with backoff; None when stopped first (the job stays open for the next run)."""
    delay = settings.batch_poll_s
    last = None
    while True:
        batch = client.batches.retrieve(job["batch_id"])
        if batch.status != last:
            store.update_batch_job(job["job_key"], api_status=batch.status)
            say(f"batch {batch.id}: {batch.status}")
            last = batch.status
        if batch.status in TERMINAL:
            return batch
        if stop.wait(delay):
            return None
        delay = min(delay * 1.5, MAX_POLL_S)


def _lines(client: Any, file_id: str | None) -> dict[str, dict[str, Any]]:
    if not file_id:
        return {}
    text = client.files.content(file_id).text
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return {row["custom_id"]: row for row in rows}


def _collect(client, store, run_id, job, batch, settings, extractor, key, summary) -> None:
    from summariser.extract.strategies.whole.batch import (
        NeedsReask,
        records_from_answers,
    )
    from summariser.sentences import Span

    outputs = _lines(client, batch.output_file_id)
    errors = _lines(client, batch.error_file_id)
    batch_error = None
    if batch.status in ("failed", "cancelled"):
        found = getattr(getattr(batch, "errors", None), "data", None) or []
        batch_error = f"the batch {batch.status}: " + ("; ".join(e.message for e in found if e.message) or "no reason given")
    for entry in job["documents"]:
        doc = store.get_document(entry["id"])
        if doc is None:
            continue
        spans = [Span(s, e) for s, e in entry["spans"]]
        ids = [f"{doc.id}:{n}" for n in range(len(spans))]
        reason = batch_error or _missing(ids, outputs, errors, batch.status)
        if reason is not None:
            _fail(store, run_id, key, doc, reason, summary)
            continue
        started = time.perf_counter()
        try:
            outcome = records_from_answers(doc, spans, [outputs[i]["response"]["body"] for i in ids], settings)
        except NeedsReask:
            _reask(store, run_id, key, doc, extractor, summary)
            continue
        result = ExtractionResult(
            document_id=doc.id, records=outcome.records, model=key[0], prompt_version=key[1], schema_version=key[2],
            usage=outcome.usage, model_seconds=round(time.perf_counter() - started, 3),
            warnings=outcome.warnings, example_ids=entry.get("examples", []),
        )
        _save(store, run_id, result, summary)
    state = {"completed": "done", "expired": "expired"}.get(batch.status, "failed")
    store.update_batch_job(job["job_key"], state=state, api_status=batch.status, error=batch_error)


def _missing(ids: list[str], outputs: dict, errors: dict, status: str) -> str | None:
    for custom_id in ids:
        if custom_id in errors:
            error = errors[custom_id].get("error") or {}
            return f"batch request failed: {error.get('message') or error.get('code') or 'no reason given'}"
        row = outputs.get(custom_id)
        if row is None:
            return "the batch expired before this document was answered" if status == "expired" else "no answer in the batch output"
        if row["response"]["status_code"] != 200:
            return f"batch request failed: HTTP {row['response']['status_code']}"
    return None


def _reask(store, run_id, key, doc: Document, extractor: ExtractorLike, summary: BatchSummary) -> None:
    """An answer that failed grounding is asked again live, with the error (the normal re-ask path)."""
    try:
        result = extractor.extract(doc)
    except Exception as exc:  # noqa: BLE001 - that document's failure, with its reason
        _fail(store, run_id, key, doc, _reason(exc), summary)
        return
    result.warnings.insert(0, "the batched answer failed validation; re-asked live")
    _save(store, run_id, result, summary)


def _save(store: Store, run_id: int, result: ExtractionResult, summary: BatchSummary) -> None:
    store.save_extraction(run_id, result)
    summary.done += 1
    summary.records += len(result.records)
    summary.prompt_tokens += result.usage.prompt_tokens
    summary.completion_tokens += result.usage.completion_tokens


def _fail(store: Store, run_id: int, key: tuple[str, str, str], doc: Document, reason: str, summary: BatchSummary) -> None:
    with contextlib.suppress(Exception):
        store.save_failure(run_id, doc.id, *key, reason)
    summary.failed += 1
    summary.failures.append(Failure(doc.path, reason, doc.id))
