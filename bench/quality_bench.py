"""Quality figures of the choice strategy, for bench/run.py: F1 against every evaluation set's gold file.

With `quick`, the program's own choices are scored (no model: seconds); otherwise the embedded model
answers the questions it is trusted with, and seconds per document are measured.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Every set but "vault" has been a development set (see tests/README.md): their scores are fitted.
# "vault" has never been tuned on: its figure is the honest one for articles nobody has seen.
SETS = {
    "seeds": ROOT / "seeds",
    "fixtures": ROOT / "tests" / "fixtures",
    "heldout": ROOT / "tests" / "heldout",
    "blind": ROOT / "tests" / "blind",
    "final": ROOT / "tests" / "final",  # development set since choice-v4
    "unseen": ROOT / "tests" / "unseen",  # development set since choice-v5
    "last": ROOT / "tests" / "last",  # development set since choice-v7
    "holdout": ROOT / "tests" / "holdout",  # development set since choice-v9
    "fresh": ROOT / "tests" / "fresh",  # development set since choice-v10
    "novel": ROOT / "tests" / "novel",  # development set since choice-v11
    "sealed": ROOT / "tests" / "sealed",  # development set since choice-v12
    "vault": ROOT / "tests" / "vault",  # never tuned on
}


def _score(folder: Path, client, settings) -> tuple[object, float, int]:
    from summariser.choice import extract_records
    from summariser.documents import read_document
    from summariser.evaluate import evaluate

    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    predictions = {}
    started = time.perf_counter()
    for name in gold:
        if not name.startswith("_"):
            predictions[name] = extract_records(read_document(folder / name), client, settings)[0]
    return evaluate(gold, predictions), time.perf_counter() - started, len(predictions)


def figures(quick: bool) -> list[tuple[str, float, str]]:
    client = settings = None
    if not quick:
        from summariser.llm.clients import make_client
        from summariser.settings import load_settings

        settings = load_settings(provider="embedded")
        client = make_client(settings)
    out: list[tuple[str, float, str]] = []
    seconds = documents = 0.0
    for label, folder in SETS.items():
        report, elapsed, n = _score(folder, client, settings)
        seconds, documents = seconds + elapsed, documents + n
        out.append((f"quality.{label}_f1_signed", round(report.signed.f1 or 0.0, 3), "F1"))
        out.append((f"quality.{label}_f1_all", round(report.all.f1 or 0.0, 3), "F1"))
    if not quick:
        out.append(("quality.seconds_per_doc", round(seconds / documents, 2), "s"))
    return out


if __name__ == "__main__":
    import sys

    for name, value, unit in figures(quick="--quick" in sys.argv):
        print(f"{name}: {value} {unit}")
