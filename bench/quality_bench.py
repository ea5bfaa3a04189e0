"""Quality figures of the default (choice) strategy, for bench/run.py: signed-agreement P/R/F1 per set.

Real published articles come first (tests/realnews/manifest.json; texts from the cache folder outside the
repository, see tests/realnews/README.md): the `untouched` split is never tuned on. The invented sets
(seeds/, tests/invented/) are development fixtures; their figures are fitted.

With `--quick`, the program's own choices are scored (no model: seconds); otherwise the embedded model
answers the questions it is trusted with, and seconds per document are measured.
`--write-baseline` records the invented sets' figures in tests/invented/baseline.json (the regression gate).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summariser.evalsets import EvalSet, invented_sets, realnews_cache, realnews_sets

BASELINE = ROOT / "tests" / "invented" / "baseline.json"


def _predictor(quick: bool):
    from summariser.extract.strategies.choice import extract_records
    from summariser.settings import load_settings

    client = settings = None
    if not quick:
        from summariser.llm.start import start_model

        settings = load_settings(provider="embedded")
        client = start_model(settings)
    return lambda doc: extract_records(doc, client, settings)[0]


def _figures(s: EvalSet, predict, out: list[tuple[str, float, str]]) -> int:
    report = s.score(predict)
    for label, score in (("signed", report.signed), ("all", report.all)):
        out.append((f"quality.{s.name}_f1_{label}", round(score.f1 or 0.0, 3), "F1"))
    out.append((f"quality.{s.name}_p_signed", round(report.signed.precision or 0.0, 3), "P"))
    out.append((f"quality.{s.name}_r_signed", round(report.signed.recall or 0.0, 3), "R"))
    return report.documents


def figures(quick: bool, *, invented: bool = True) -> list[tuple[str, float, str]]:
    predict = _predictor(quick)
    out: list[tuple[str, float, str]] = []
    started, documents = time.perf_counter(), 0
    real = realnews_sets(ROOT)
    missing = sorted({n for s in real for n in s.missing()})
    if not real:
        print("quality: no real-news manifest (tests/realnews/manifest.json)", file=sys.stderr)
    elif missing:
        print(f"quality: {len(missing)} real-news texts missing from {realnews_cache()} "
              "(figures cover the cached ones; tests/realnews/README.md says how to rebuild)", file=sys.stderr)
    for s in real:
        n = _figures(s, predict, out)
        documents += n if s.name.count("_") == 1 else 0  # per-language rows repeat their split's articles
    if invented:
        for s in invented_sets(ROOT):
            documents += _figures(s, predict, out)
    if not quick and documents:
        out.append(("quality.seconds_per_doc", round((time.perf_counter() - started) / documents, 2), "s"))
    return out


def invented_baseline() -> dict[str, dict[str, float]]:
    """Each invented set's signed and all-status F1 and field F1s with the program's own choices."""
    predict = _predictor(quick=True)
    out: dict[str, dict[str, float]] = {}
    for s in invented_sets(ROOT):
        report = s.score(predict)
        row = {"signed": report.signed.f1 or 0.0, "all": report.all.f1 or 0.0}
        row |= {f: score.f1 or 0.0 for f, score in report.fields.items()}
        out[s.name] = {k: round(v, 4) for k, v in row.items()}
    return out


if __name__ == "__main__":
    if "--write-baseline" in sys.argv:
        BASELINE.write_text(json.dumps(invented_baseline(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {BASELINE}")
    else:
        for name, value, unit in figures(quick="--quick" in sys.argv, invented="--real-only" not in sys.argv):
            print(f"{name}: {value} {unit}")
