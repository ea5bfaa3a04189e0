"""The real-news `dev` split only: signed P/R/F1 overall, non-English and per language, seconds per article.

`-v` prints, per article, the signed records predicted and the gold ones (dev articles only: the
`untouched` split is never opened here). The program's own choices (no model), like `quality_bench --quick`;
with `--model` the embedded model answers the questions it is trusted with, like `quality_bench`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import orjson

from summariser.documents import read_document
from summariser.evalsets import realnews_cache
from summariser.evaluate import evaluate
from summariser.extract.strategies.choice import extract_records
from summariser.gold import from_manifest


def main(verbose: bool, only: str | None, model: bool = False) -> None:
    client = settings = None
    if model:
        from summariser.llm.start import start_model
        from summariser.settings import load_settings

        settings = load_settings(provider="embedded")
        client = start_model(settings)
    manifest = orjson.loads((ROOT / "tests" / "realnews" / "manifest.json").read_bytes())
    dev = {k: d for k, d in manifest["docs"].items() if d["split"] == "dev"}
    cache = realnews_cache()
    preds, seconds = {}, 0.0
    for name in dev:
        if only and only not in name:
            continue
        doc = read_document(cache / name)
        t = time.perf_counter()
        preds[name] = extract_records(doc, client, settings)[0]
        seconds += time.perf_counter() - t
    groups = {"all": list(preds), "non-en": [n for n in preds if dev[n]["language"] != "en"]}
    for lang in sorted({d["language"] for d in dev.values()}):
        groups[lang] = [n for n in preds if dev[n]["language"] == lang]
    gold_all = from_manifest(manifest, split="dev")
    for label, names in groups.items():
        gold = {k: v for k, v in gold_all.items() if k.startswith("_") or k in names}
        s = evaluate(gold, {n: preds[n] for n in names}).signed
        def f(x: float | None) -> str:
            return "  -  " if x is None else f"{x:.2f}"

        print(f"{label:7} n={len(names):2}  P {f(s.precision)}  R {f(s.recall)}  F1 {f(s.f1)}  (tp {s.tp} fp {s.fp} fn {s.fn})")
    print(f"seconds/article {seconds / max(1, len(preds)):.3f}")
    if verbose:
        for n, records in preds.items():
            print(f"\n== {n} [{dev[n]['language']}]")
            for g in dev[n]["records"]:
                if g["status"] == "signed":
                    print(f"  gold {'(opt) ' if g.get('optional') else ''}{g['parties']} {g['agreement_type']}")
            for r in records:
                print(f"  pred {[p.name for p in r.parties]} {r.agreement_type} {r.status} | {r.evidence[0].quote[:110]!r}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    main("-v" in sys.argv, args[0] if args else None, "--model" in sys.argv)
