"""summariser/ is the headless library: importing any of its modules must not load textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import importlib, pkgutil, sys
import summariser
failed = []
for mod in pkgutil.walk_packages(summariser.__path__, "summariser."):
    if mod.name.endswith("__main__"):  # runs the CLI when imported
        continue
    try:
        importlib.import_module(mod.name)
    except ImportError as exc:  # an optional runtime missing here is not what this test is about
        failed.append(f"{mod.name}: {exc}")
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print("LOADED", loaded)
print("SKIPPED", failed)
sys.exit(1 if loaded else 0)
"""


def test_importing_every_summariser_module_does_not_load_textual() -> None:
    proc = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_review_help_does_not_load_textual() -> None:
    script = (
        "import sys; from click.testing import CliRunner; from summariser.cli import main;"
        "r = CliRunner().invoke(main, ['review', '--help']); print(r.output);"
        "sys.exit(2 if 'textual' in sys.modules else r.exit_code)"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "--reviewer" in proc.stdout and "--store" in proc.stdout
