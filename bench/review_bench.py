"""Review app figures, measured end to end: `summarise review` runs on a real 80x24 pseudo-terminal.

- review.open_10k_seconds: from starting the command on a store of 10,000 records to the first record's
  header in the terminal output (Python start-up and imports included: what a person waits for).
- review.next_record_p95_ms: writing the decision key ('a') to the terminal until the next record's header
  comes back, 95th percentile (the decision is committed before that record is shown). Deciding an article's
  last record shows the article (to add what was missed, or mark it done): there the key is 'd' (complete),
  and its lap ends when the next article's first record is shown. Both kinds of lap are counted.
- review.next_record_median_ms: the same, median (p95 over --quick's 40 keys is nearly the slowest key).
- review.peak_rss_mb: peak resident memory (VmHWM) of the app process.

The figures move with the machine's load: note `uptime`'s load average next to them.

    python bench/review_bench.py [--quick]      # prints `name: value unit` lines
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORDS = 10_000


def build_store(path: Path, records: int = RECORDS) -> None:
    """A store of `records` records: the seed records repeated over distinct copies of the seed articles."""
    sys.path.insert(0, str(ROOT))
    from summariser.schema import SCHEMA_VERSION, ExtractionResult
    from summariser.store.repo import Store
    from tests.review_data import copy_of, gold_record, problem_record, seed_document

    gold = json.loads((ROOT / "seeds" / "gold.json").read_text(encoding="utf-8"))
    templates = []
    for name, entry in gold.items():
        if name.startswith("_") or not entry["records"]:
            continue
        doc = seed_document(name)
        templates.append((doc, [gold_record(doc, g) for g in entry["records"]] + [problem_record(doc)]))
    with Store(path) as store:
        store.conn.execute("PRAGMA synchronous=OFF")  # building the fixture only; the app runs with defaults
        run = store.start_run("bench", "bench-1", SCHEMA_VERSION, {})
        made, n = 0, 0
        while made < records:
            doc, recs = templates[n % len(templates)]
            n += 1
            copy = copy_of(doc, n)
            recs = recs[: records - made]
            store.add_document(copy)
            store.save_extraction(run, ExtractionResult(document_id=copy.id, records=recs, model="bench",
                                                        prompt_version="bench-1", schema_version=SCHEMA_VERSION))
            made += len(recs)
        store.finish_run(run, "finished")


class _Terminal:
    """`summarise review` on a pseudo-terminal of 80x24: keys go in as bytes, the screen comes back as text."""

    def __init__(self, store: Path) -> None:
        env = {**os.environ, "TERM": "xterm-256color", "PYTHONPATH": str(ROOT)}
        cmd = [sys.executable, "-m", "summariser.cli", "review", "--store", str(store), "--reviewer", "bench"]
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(ROOT)
            os.execvpe(cmd[0], cmd, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.raw = ""
        self.text = ""

    def wait_for(self, pattern: re.Pattern[str], timeout: float = 60.0) -> float:
        """Read output until `pattern` appears in it (escape codes removed); returns the time it did."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.5)
            if ready:
                # strip escapes from the whole buffer: a chunk may end inside an escape sequence
                self.raw = (self.raw + os.read(self.fd, 1 << 16).decode("utf-8", "replace"))[-50_000:]
                self.text = _ESCAPES.sub("", self.raw)
                if pattern.search(self.text):
                    return time.perf_counter()
        raise TimeoutError(f"{pattern.pattern!r} not shown; screen tail: {self.text[-400:]!r}")

    def press(self, key: str) -> float:
        self.raw = self.text = ""
        t = time.perf_counter()
        os.write(self.fd, key.encode())
        return t

    def peak_rss_mb(self) -> float:
        status = Path(f"/proc/{self.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


_ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


def _header(position: int, records: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!done )(?<![\d/]){position}/{records} ")


# The record panel when an article's records are all decided: "Article <file>  in progress".
_ARTICLE = re.compile(r"Article \S+\s+in pro")


def measure(path: Path, decisions: int, records: int = RECORDS) -> dict[str, float]:
    """Everything as a person sees it: process start to first record, key to next record, on a real pty."""
    term = _Terminal(path)
    try:
        # The record panel's header reads "<position>/<total> <file>"; the progress line says "done N/total".
        shown = term.wait_for(_header(1, records))
        open_s = shown - term.started
        laps = []
        for k in range(2, decisions + 2):
            t = term.press("a")
            either = re.compile(f"{_header(k, records).pattern}|{_ARTICLE.pattern}")
            shown = term.wait_for(either)
            laps.append((shown - t) * 1000)
            if not _header(k, records).search(term.text):  # the finished article: mark it done
                t = term.press("d")
                laps.append((term.wait_for(_header(k, records)) - t) * 1000)
        return {"open_s": open_s, "p95_ms": statistics.quantiles(laps, n=20)[18], "median_ms": statistics.median(laps),
                "rss_mb": term.peak_rss_mb()}
    finally:
        term.kill()


def figures(quick: bool) -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "review10k.db"
        build_store(path)
        m = measure(path, 40 if quick else 200)
    return [
        ("review.open_10k_seconds", m["open_s"], "s"),
        ("review.next_record_p95_ms", m["p95_ms"], "ms"),
        ("review.next_record_median_ms", m["median_ms"], "ms"),
        ("review.peak_rss_mb", m["rss_mb"], "MB"),
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for name, value, unit in figures("--quick" in sys.argv):
        print(f"{name}: {value:.3f} {unit}")
