"""Files that appear complete or not at all: a temporary file in the same folder, fsync, rename.

A process killed mid-write leaves the previous file (or none) at the target, plus at worst a hidden
`.NAME.*.part` file next to it; it is never removed automatically because it may belong to a write
still in progress.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


class OutputError(Exception):
    """The target cannot be written; the message says why."""


@contextlib.contextmanager
def atomic_output(target: str | Path) -> Iterator[IO[bytes]]:
    """A file that appears at `target` complete or not at all (temp file in the same folder + rename)."""
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: the folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an export is an ordinary file
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # persist the rename itself; not possible on every filesystem
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
