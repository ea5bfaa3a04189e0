"""Versions derived from content: a hash over the files that decide a strategy's output.

A hand-bumped version string once missed a rule change, and resumed batches silently kept records made
by older rules. Hashing the code, vocabulary data and prompts makes every change a new cache key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

_SUFFIXES = {".py", ".json", ".toml", ".md", ".txt", ".csv"}


def _files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in _SUFFIXES and "__pycache__" not in p.parts)


def content_version(prefix: str, roots: Iterable[Path]) -> str:
    """`prefix-<12 hex>` over the contents (and relative names) of every file under `roots`."""
    digest = hashlib.sha256()
    for root in roots:
        for path in _files(root):
            digest.update(path.name.encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return f"{prefix}-{digest.hexdigest()[:12]}"
