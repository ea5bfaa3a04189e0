"""Turn the PATH... arguments of `summarise extract` into a sorted, de-duplicated list of article files.

A file named explicitly is taken whatever its extension (the user asked for it); folders are walked
recursively for article extensions, skipping hidden entries; arguments that do not exist are tried as
glob patterns. Problems (missing paths, unreadable folders) are collected, never raised: one bad
argument must not stop a batch of thousands.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field
from pathlib import Path

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
_GLOB_CHARS = frozenset("*?[")


@dataclass
class Expanded:
    files: list[Path] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path as given or found, reason)


def expand_paths(args: list[str | Path]) -> Expanded:
    """Files for `args`, sorted by path, each once even when named twice or reached twice."""
    out = Expanded()
    seen: dict[str, Path] = {}

    def add(path: Path) -> None:
        key = os.path.realpath(path)
        seen.setdefault(key, path)

    for arg in args:
        text = str(arg)
        path = Path(text).expanduser()
        if path.is_dir():
            _walk(path, add, out.problems)
        elif path.exists():
            add(path)
        elif _GLOB_CHARS & set(text):
            matches = sorted(glob.glob(str(path), recursive=True))
            if not matches:
                out.problems.append((text, "no file matches this pattern"))
            for match in matches:
                found = Path(match)
                if found.is_dir():
                    _walk(found, add, out.problems)
                else:
                    add(found)
        else:
            out.problems.append((text, "no such file or folder"))
    out.files = sorted(seen.values(), key=str)
    return out


def _walk(root: Path, add, problems: list[tuple[str, str]]) -> None:
    def onerror(exc: OSError) -> None:
        problems.append((exc.filename or str(root), f"cannot read this folder: {exc.strerror or exc}"))

    for folder, dirs, files in os.walk(root, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in ARTICLE_SUFFIXES:
                add(Path(folder) / name)
