"""The benchmark runner: one line per figure, `name: value unit`, on stdout.

Figures are ratios or rates measured within this one run (the machines are shared and noisy). Other
modules add figures: bench/review_bench.py, bench/export_bench.py, bench/quality_bench.py and bench/replay_bench.py each expose
`figures(quick: bool) -> list[tuple[str, float, str]]` and are run when present.

    python bench/run.py [--quick]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OTHER_MODULES = ("review_bench", "export_bench", "quality_bench", "replay_bench", "names_bench", "linking_bench")
REPEATS = {True: 1, False: 3}  # --quick: one pass over the seeds


def extract_figures(quick: bool) -> list[tuple[str, float, str]]:
    """Batch extraction on the embedded model, default strategy, each pass into a fresh store.

    docs_per_minute and rerun_speedup: the seeds, a first run (model start included) then an identical
    re-run in the same process. overhead_pct: every article the repository holds (seeds and the evaluation
    sets), with the extractor built beforehand: the share of wall time spent outside `Extractor.extract`
    (reading files, the store, flags, progress). With the choice strategy `extract` includes the program's
    own choosing, not only model calls; the one-time model start has its own line. With several passes
    the median of each figure is reported.
    """
    from summariser.batch import make_extractor, run_batch
    from summariser.settings import load_settings
    from summariser.store.repo import Store

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    corpus = seeds + sorted((ROOT / "tests").glob("*/*.txt"))
    rates, speedups, overheads, starts = [], [], [], []
    for _ in range(REPEATS[quick]):
        with tempfile.TemporaryDirectory() as tmp:
            settings = load_settings(store=Path(tmp) / "bench.db", provider="embedded")
            with Store(settings.store) as store:
                first = run_batch(seeds, settings, store)
                t0 = time.perf_counter()
                second = run_batch(seeds, settings, store)
                second_wall = time.perf_counter() - t0
            settings = load_settings(store=Path(tmp) / "corpus.db", provider="embedded")
            extractor = make_extractor(settings)
            with Store(settings.store) as store:
                whole = run_batch(corpus, settings, store, extractor)
        if first.failed or whole.failed:
            print(f"note: {first.failed} seeds and {whole.failed} corpus articles failed", file=sys.stderr)
        if second.skipped != first.done:
            print(f"note: the re-run skipped {second.skipped}, expected {first.done}", file=sys.stderr)
        rates.append(first.rate_per_minute)
        speedups.append(first.elapsed_s / max(second_wall, 1e-9))
        outside = whole.elapsed_s - whole.model_seconds - whole.model_start_s
        overheads.append(100.0 * outside / whole.elapsed_s if whole.elapsed_s else 0.0)
        starts.append(first.model_start_s)
    return [
        ("extract.docs_per_minute", statistics.median(rates), "docs/min"),
        ("extract.rerun_speedup", statistics.median(speedups), "x"),
        ("extract.overhead_pct", statistics.median(overheads), "%"),
        ("extract.model_start_seconds", statistics.median(starts), "s"),
    ]


def _module_figures(name: str, quick: bool) -> list[tuple[str, float, str]]:
    path = ROOT / "bench" / f"{name}.py"
    if not path.is_file():
        return []
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.figures(quick))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="One pass instead of three: under five minutes.")
    args = parser.parse_args(argv)
    failed = 0
    sources = [("extract", lambda: extract_figures(args.quick))]
    sources += [(name, lambda name=name: _module_figures(name, args.quick)) for name in OTHER_MODULES]
    for name, figures in sources:
        try:
            for fig_name, value, unit in figures():
                print(f"{fig_name}: {_fmt(value)} {unit}", flush=True)
        except Exception:  # noqa: BLE001 - one broken figure source must not hide the others
            failed += 1
            print(f"bench {name} failed:\n{traceback.format_exc()}", file=sys.stderr)
    return 1 if failed else 0


def _fmt(value: float) -> str:
    if abs(value) >= 100:
        return f"{value:.0f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"


if __name__ == "__main__":
    sys.exit(main())
