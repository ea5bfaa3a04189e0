"""A small OpenAI-compatible HTTP server on loopback that plays back scripted replies.

Faults are tested at the network boundary: the real `openai` client talks HTTP to this server, which
answers each POST /v1/chat/completions with the next scripted `Reply` (or the default when the script
is empty). Every request body is recorded for assertions.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict -> JSON; str/bytes -> sent raw (malformed or truncated output)
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering: longer than the client's timeout makes a timeout
    # For 200 replies built from a tool call or message content, filled in per request.
    tool_arguments: str | None = None
    content: str | None = None
    usage: dict[str, int] | None = None  # default: 100 prompt + 20 completion tokens

    @classmethod
    def tool_call(cls, arguments: Any, **kw: Any) -> Reply:
        """A forced tool call (instructor Mode.TOOLS) whose arguments are `arguments` (JSON-encoded if not str)."""
        args = arguments if isinstance(arguments, str) else json.dumps(arguments)
        return cls(tool_arguments=args, **kw)

    @classmethod
    def message(cls, content: str, **kw: Any) -> Reply:
        return cls(content=content, **kw)

    @classmethod
    def error(cls, status: int, message: str = "scripted error", **kw: Any) -> Reply:
        return cls(status=status, body={"error": {"message": message, "type": "scripted", "code": status}}, **kw)

    @classmethod
    def hang(cls, seconds: float) -> Reply:
        return cls(delay=seconds, body={"error": {"message": "too late"}})


def _completion(request: dict[str, Any], reply: Reply) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": reply.content}
    finish = "stop"
    if reply.tool_arguments is not None:
        tools = request.get("tools") or []
        name = tools[0]["function"]["name"] if tools else "tool"
        message["content"] = None
        message["tool_calls"] = [
            {"id": "call_0", "type": "function", "function": {"name": name, "arguments": reply.tool_arguments}}
        ]
        finish = "tool_calls"
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "fake"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": reply.usage or {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    }


class FakeOpenAI:
    """Use as a context manager; `base_url` goes to the client, `requests` holds what it received."""

    def __init__(
        self,
        script: list[Reply] | None = None,
        default: Reply | None = None,
        responder: Callable[[dict[str, Any]], Reply] | None = None,
    ) -> None:
        self.script: deque[Reply] = deque(script or [])
        self.default = default
        # Answers from the request itself (a capable model's answer for the article it carries), after the script.
        self.responder = responder
        # Files + Batch API (tests/fakebatches.py); None: the endpoint has none and answers 404.
        self.batches: Any = None
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def push(self, *replies: Reply) -> None:
        with self._lock:
            self.script.extend(replies)

    def _next(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            self.requests.append(body)
            if self.script:
                return self.script.popleft()
        if self.responder is not None:
            return self.responder(body)
        with self._lock:
            if self.default is not None:
                return self.default
        return Reply.error(500, "fake server script exhausted")

    def _answer(self, body: dict[str, Any]) -> tuple[int, Any]:
        """One request inside a batch, answered like a live one: (status, body)."""
        reply = self._next(body)
        if reply.status == 200 and (reply.tool_arguments is not None or reply.content is not None):
            return 200, _completion(body, reply)
        return reply.status, reply.body

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def _json(self, status: int, data: Any) -> None:
                payload = data if isinstance(data, bytes) else json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                found: Any = None
                if server.batches is not None:
                    if path.startswith("/v1/files/") and path.endswith("/content"):
                        found = server.batches.content(path.split("/")[3])
                    elif path == "/v1/batches":
                        found = server.batches.list()
                    elif path.startswith("/v1/batches/"):
                        found = server.batches.retrieve(path.split("/")[3], server._answer)
                if found is None:
                    self._json(404, {"error": {"message": f"no route {path}", "type": "invalid_request_error"}})
                else:
                    self._json(200, found)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                path = self.path.split("?", 1)[0]
                if path in ("/v1/files", "/v1/batches"):
                    if server.batches is None:  # an endpoint without the Batch API
                        self._json(404, {"error": {"message": "Not Found", "type": "invalid_request_error"}})
                    elif path == "/v1/files":
                        self._json(200, server.batches.upload(self.headers.get("Content-Type", ""), raw))
                    else:
                        self._json(200, server.batches.create(json.loads(raw)))
                    return
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    body = {}
                reply = server._next(body)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.status == 200 and (reply.tool_arguments is not None or reply.content is not None):
                    payload: bytes = json.dumps(_completion(body, reply)).encode()
                elif isinstance(reply.body, (dict, list)):
                    payload = json.dumps(reply.body).encode()
                elif isinstance(reply.body, str):
                    payload = reply.body.encode()
                else:
                    payload = reply.body or b""
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout): that is the point of a hang

        return Handler

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._server.shutdown()
        self._server.server_close()
