"""Commands: placeholder, filled in by the issue that owns it."""

from __future__ import annotations

from summariser.cli import main  # noqa: F401
