"""OpenAI's Files and Batch API on the loopback server (tests/fakeserver.py): upload, create, retrieve, list,
download; each batch walks a scripted list of states, one per retrieve, and answers its requests through
the server's usual replies (script, responder or default) when it completes or expires.

Scriptable outcomes: `states` (e.g. validating → in_progress → completed, or → failed / expired),
`errors_for` (custom ids answered in the error file instead: partial errors), `expire_after` (on expiry only
the first N requests have answers). Counters say what was created, so a test can prove nothing was
submitted twice.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

TERMINAL = ("completed", "failed", "expired", "cancelled")


@dataclass
class FakeBatches:
    states: list[str] = field(default_factory=lambda: ["validating", "in_progress", "completed"])
    errors_for: set[str] = field(default_factory=set)
    expire_after: int = 0
    files: dict[str, bytes] = field(default_factory=dict)
    batches: dict[str, dict[str, Any]] = field(default_factory=dict)
    created: int = 0
    uploads: int = 0
    retrieves: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # --- files
    def upload(self, content_type: str, raw: bytes) -> dict[str, Any]:
        data = _multipart_file(content_type, raw)
        with self._lock:
            self.uploads += 1
            file_id = f"file-{len(self.files) + 1}"
            self.files[file_id] = data
        return {"id": file_id, "object": "file", "bytes": len(data), "created_at": int(time.time()),
                "filename": "requests.jsonl", "purpose": "batch", "status": "processed"}

    def content(self, file_id: str) -> bytes | None:
        return self.files.get(file_id)

    # --- batches
    def create(self, body: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            self.created += 1
            batch_id = f"batch_{self.created}"
            batch = {
                "id": batch_id, "object": "batch", "endpoint": body.get("endpoint"), "errors": None,
                "input_file_id": body.get("input_file_id"), "completion_window": body.get("completion_window"),
                "status": self.states[0], "output_file_id": None, "error_file_id": None,
                "created_at": int(time.time()), "metadata": body.get("metadata"),
                "request_counts": {"total": 0, "completed": 0, "failed": 0}, "_step": 0,
            }
            self.batches[batch_id] = batch
        return _public(batch)

    def retrieve(self, batch_id: str, answer) -> dict[str, Any] | None:
        with self._lock:
            batch = self.batches.get(batch_id)
            if batch is None:
                return None
            self.retrieves += 1
            if batch["status"] not in TERMINAL:
                batch["_step"] = min(batch["_step"] + 1, len(self.states) - 1)
                batch["status"] = self.states[batch["_step"]]
                if batch["status"] in ("completed", "expired"):
                    self._finish(batch, answer)
                elif batch["status"] == "failed":
                    batch["errors"] = {"object": "list", "data": [{"code": "invalid_request", "message": "scripted validation failure", "line": 1}]}
            return _public(batch)

    def list(self) -> dict[str, Any]:
        with self._lock:
            data = [_public(b) for b in self.batches.values()]
        return {"object": "list", "data": data, "has_more": False, "first_id": None, "last_id": None}

    def _finish(self, batch: dict[str, Any], answer) -> None:
        lines = [json.loads(line) for line in self.files[batch["input_file_id"]].decode().splitlines() if line.strip()]
        if batch["status"] == "expired":
            lines = lines[: self.expire_after]
        out, errors = [], []
        for n, line in enumerate(lines):
            custom_id = line["custom_id"]
            if custom_id in self.errors_for:
                errors.append({"id": f"req_{n}", "custom_id": custom_id, "response": None,
                               "error": {"code": "server_error", "message": "scripted request failure"}})
                continue
            status, body = answer(line["body"])
            out.append({"id": f"req_{n}", "custom_id": custom_id, "response": {"status_code": status, "body": body}, "error": None})
        batch["request_counts"] = {"total": len(lines), "completed": len(out), "failed": len(errors)}
        if out:
            batch["output_file_id"] = self._store_file(out)
        if errors:
            batch["error_file_id"] = self._store_file(errors)

    def _store_file(self, rows: list[dict[str, Any]]) -> str:
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = "".join(json.dumps(r) + "\n" for r in rows).encode()
        return file_id


def _public(batch: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in batch.items() if not k.startswith("_")}


def _multipart_file(content_type: str, raw: bytes) -> bytes:
    """The `file` part of a multipart/form-data body (what the openai client uploads)."""
    boundary = content_type.split("boundary=", 1)[1].strip().strip('"').encode()
    for part in raw.split(b"--" + boundary):
        head, _, body = part.partition(b"\r\n\r\n")
        if b'name="file"' in head:
            return body[:-2] if body.endswith(b"\r\n") else body
    return b""
