"""Capable-model answers replayed through the real pipeline: what `whole` keeps, loses and scores.

A strong LLM answered the product's `whole` prompt for each real-news article (WholeDraft JSON in
~/.cache/summariser/realnews_answers/<article>.json, or $SUMMARISER_REALNEWS_ANSWERS; never committed,
they quote the articles). A loopback OpenAI-compatible server (tests/fakeserver.py) serves each answer to
the request that carries its article, and `summarise extract --strategy whole` runs over the cached
articles as a person would run it. Reported, one `name: value unit` line each:

- records answered vs stored (a distinct agreement folded into another, or dropped, is a loss);
- signed P/R/F1 against tests/realnews/manifest.json, per split (untouched, dev);
- date accuracy on matched records; quotes exact / normalised / fuzzy / ungrounded;
- extraction overhead outside model calls, in process against the same server with a simulated latency
  (`--latency S`, default 0.5 s per request, a fast endpoint's order of magnitude).

The answers were written for whole articles, so the replay raises chunk_chars above the longest article.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summariser.evalsets import realnews_cache
from summariser.prompts import ARTICLE_BEGIN, ARTICLE_END
from tests.fakeserver import FakeOpenAI, Reply

MANIFEST = ROOT / "tests" / "realnews" / "manifest.json"
WHOLE_ARTICLE = "1000000"  # chunk_chars: one request per article, as the answers were written


def answers_dir() -> Path:
    default = Path.home() / ".cache" / "summariser" / "realnews_answers"
    return Path(os.environ.get("SUMMARISER_REALNEWS_ANSWERS") or default)


def _article_in(body: dict[str, Any]) -> str | None:
    for message in body.get("messages", []):
        content = message.get("content") or ""
        if ARTICLE_BEGIN + "\n" in content:
            return content.split(ARTICLE_BEGIN + "\n", 1)[1].rsplit("\n" + ARTICLE_END, 1)[0]
    return None


def _squash(text: str) -> str:
    return " ".join(text.split())


class Replay:
    """Answers each request with the stored answer of the article it carries; counts what it served."""

    def __init__(self, answers: dict[str, dict[str, Any]], texts: dict[str, str], latency: float = 0.0) -> None:
        # Whitespace-insensitive: instructor dedents messages (a line of spaces arrives as an empty line).
        self.by_text = {_squash(texts[name]): name for name in answers if name in texts}
        self.answers = answers
        self.latency = latency
        self.served: dict[str, int] = {}
        self.prompt_chars: dict[str, int] = {}

    def __call__(self, body: dict[str, Any]) -> Reply:
        name = self.by_text.get(_squash(_article_in(body) or ""))
        if name is None:
            return Reply.error(400, "replay: no stored answer for this article")
        self.served[name] = self.served.get(name, 0) + 1
        prompt = json.dumps(body.get("messages", []), ensure_ascii=False)
        self.prompt_chars[name] = len(prompt)
        arguments = json.dumps(self.answers[name], ensure_ascii=False)
        usage = {"prompt_tokens": len(prompt) // 4, "completion_tokens": len(arguments) // 4}
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        return Reply.tool_call(arguments, usage=usage, delay=self.latency)


def load_set() -> tuple[dict[str, Any], dict[str, dict[str, Any]], dict[str, str], Path]:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    cache = realnews_cache()
    answers, texts = {}, {}
    for name in manifest["docs"]:
        answer, article = answers_dir() / (Path(name).stem + ".json"), cache / name
        if answer.is_file() and article.is_file():
            from summariser.documents import read_document

            answers[name] = json.loads(answer.read_text(encoding="utf-8"))
            texts[name] = read_document(article).text
    return manifest, answers, texts, cache


def run_cli(names: list[str], cache: Path, store: Path, server: FakeOpenAI, *extra: str) -> dict[str, Any]:
    env = {
        **os.environ,
        "OPENAI_API_KEY": "replay",
        "OPENAI_BASE_URL": server.base_url,
        "SUMMARISER_CHUNK_CHARS": WHOLE_ARTICLE,
        "SUMMARISER_MAX_RETRIES": "0",
        "PYTHONPATH": str(ROOT),
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in names:
            (folder / name).symlink_to(cache / name)
        done = subprocess.run(
            [sys.executable, "-m", "summariser.cli", "extract", str(folder), "--store", str(store),
             "--strategy", "whole", "--model", "capable-replay", "--json", *extra],
            env=env, capture_output=True, text=True, timeout=1800, check=False,
        )
    if done.returncode not in (0, 1):
        raise SystemExit(f"summarise extract failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout)


def quality(manifest: dict[str, Any], store: Path, answers: dict[str, dict[str, Any]]) -> list[tuple[str, float, str]]:
    import sqlite3

    from summariser.evaluate import evaluate, field_agrees, predictions_from_store
    from summariser.gold import from_manifest, parse_gold

    conn = sqlite3.connect(store)
    predictions = predictions_from_store(conn)
    out: list[tuple[str, float, str]] = []
    answered = sum(len(answers[n]["records"]) for n in predictions)
    stored = sum(len(r) for r in predictions.values())
    out += [("replay.documents", len(predictions), "docs"), ("replay.records_answered", answered, "records"),
            ("replay.records_stored", stored, "records")]
    quotes: dict[str, int] = {}
    for records in predictions.values():
        for record in records:
            for e in record.evidence:
                quotes[e.match.value] = quotes.get(e.match.value, 0) + 1
    for kind in ("exact", "normalised", "fuzzy", "ungrounded"):
        out.append((f"replay.quotes_{kind}", quotes.get(kind, 0), "quotes"))
    for split in ("untouched", "dev"):
        gold_map = from_manifest(manifest, split=split)
        # The whole split is scored (same_as links cross articles): an article without an answer scores as missed.
        names = [k for k in gold_map if not k.startswith("_") and k in predictions]
        report = evaluate(gold_map, {n: predictions[n] for n in names})
        gold = parse_gold(gold_map)
        pairs = dated = dated_right = right = 0
        for detail in report.details:
            preds = predictions.get(detail.document, [])
            golds = {g.id: g for g in gold.documents[detail.document].records}
            for i, gid in detail.matched:
                pairs += 1
                ok = field_agrees("date_signed", preds[i], golds[gid], gold.aliases())
                right += ok
                if golds[gid].date_signed is not None:
                    dated += 1
                    dated_right += ok
        s = report.signed
        out += [
            (f"replay.{split}_docs", len(names), "docs"),
            (f"replay.{split}_signed_p", round(s.precision or 0.0, 3), "P"),
            (f"replay.{split}_signed_r", round(s.recall or 0.0, 3), "R"),
            (f"replay.{split}_signed_f1", round(s.f1 or 0.0, 3), "F1"),
            (f"replay.{split}_all_f1", round(report.all.f1 or 0.0, 3), "F1"),
            (f"replay.{split}_date_accuracy", round(right / pairs, 3) if pairs else 0.0, "matched"),
            (f"replay.{split}_matched", pairs, "records"),
            (f"replay.{split}_date_accuracy_gold_dated", round(dated_right / dated, 3) if dated else 0.0, "matched"),
            (f"replay.{split}_matched_gold_dated", dated, "records"),
        ]
    return out


def overhead(names: list[str], texts: dict[str, str], cache: Path, replay: Replay, server: FakeOpenAI) -> tuple[float, float]:
    """Share of batch wall time spent outside model calls, in process (the same run_batch the CLI runs),
    after the rule data the hints read (gazetteers, word frequencies) is loaded; and that one-time load, in s."""
    from summariser.batch import run_batch
    from summariser.extract import Extractor
    from summariser.extract.strategies.whole.hints import rule_hints
    from summariser.llm.start import start_model
    from summariser.settings import load_settings
    from summariser.store.repo import Store

    class Timed:
        def __init__(self, client: Any) -> None:
            self.client, self.name, self.seconds = client, client.name, 0.0
            self.max_input_chars = None

        def structured(self, *args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return self.client.structured(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - t0

    settings = load_settings(api_key="replay", base_url=server.base_url, strategy="whole", model="capable-replay",
                             chunk_chars=int(WHOLE_ARTICLE), max_retries=0, concurrency=1)
    timed = Timed(start_model(settings))
    t0 = time.perf_counter()
    rule_hints(texts[names[0]], None)
    warm = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "o.db") as store:
        t0 = time.perf_counter()
        run_batch([cache / n for n in names], settings, store, Extractor(settings, client=timed))  # type: ignore[arg-type]
        wall = time.perf_counter() - t0
    return 100.0 * (wall - timed.seconds) / wall, warm


def seed_tokens() -> list[tuple[str, float, str]]:
    """Prompt tokens per seed article for `whole` on an endpoint, without and with few-shot examples (the
    seeds' gold records, each seed never shown its own), counted by the dry-run planner (estimate)."""
    from summariser.cost import plan_batch
    from summariser.examples import ExamplePool, examples_from_gold
    from summariser.settings import load_settings

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    settings = load_settings(api_key="replay", strategy="whole", model="gpt-4o-mini")
    bare = plan_batch(seeds, settings, None)
    taught = plan_batch(seeds, settings, None, ExamplePool(examples_from_gold(ROOT / "seeds" / "gold.json")))
    return [
        ("replay.seed_prompt_tokens_per_doc_no_examples", round(bare.prompt_tokens / len(seeds)), "tokens"),
        ("replay.seed_prompt_tokens_per_doc_with_examples", round(taught.prompt_tokens / len(seeds)), "tokens"),
    ]


def figures(quick: bool, latency: float = 0.5) -> list[tuple[str, float, str]]:
    """For bench/run.py: every figure; `quick` skips the overhead run (it waits `latency` per request)."""
    manifest, answers, texts, cache = load_set()
    if not answers:
        print(f"replay: no answers in {answers_dir()} with articles in {cache}; skipped", file=sys.stderr)
        return []
    names = sorted(answers)
    replay = Replay(answers, texts)
    with FakeOpenAI(responder=replay) as server, tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "replay.db"
        summary = run_cli(names, cache, store, server)
        lines: list[tuple[str, float, str]] = [("replay.failed", summary["failed"], "docs")]
        for failure in summary["failures"]:
            print(f"failed {Path(failure['path']).name}: {failure['reason'][:300]}", file=sys.stderr)
        lines += quality(manifest, store, answers)
        lines.append(("replay.prompt_tokens_per_doc_est", round(summary["prompt_tokens"] / max(summary["done"], 1)), "tokens"))
        if not quick:
            replay.latency = latency
            pct, warm = overhead(names, texts, cache, replay, server)
            lines.append((f"replay.overhead_pct_at_{latency:g}s", round(pct, 2), "%"))
            lines.append(("replay.rule_data_load_seconds", round(warm, 2), "s"))
    return lines + seed_tokens()


def main() -> None:
    latency = float(sys.argv[sys.argv.index("--latency") + 1]) if "--latency" in sys.argv else 0.5
    for name, value, unit in figures(quick="--no-overhead" in sys.argv, latency=latency):
        print(f"{name}: {value} {unit}")


if __name__ == "__main__":
    main()
