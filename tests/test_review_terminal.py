"""The review app as a person runs it: a real process in a terminal (a pty, and tmux)."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import threading
import time
import uuid
from pathlib import Path

import pytest

from tests.review_data import build_store

ROOT = Path(__file__).resolve().parent.parent
SUMMARISE = [sys.executable, "-m", "summariser.cli"]
pytestmark = pytest.mark.slow


def decisions(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return dict(conn.execute("SELECT record_id, state FROM decisions"))
    finally:
        conn.close()


def env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith("SUMMARISER_STORE")}
    e.update(TERM="xterm-256color", COLUMNS="80", LINES="24", PYTHONPATH=str(ROOT))
    return e


class PtyApp:
    """The app on a pseudo-terminal; `screen_text` is everything it drew, escape codes removed."""

    def __init__(self, store: Path) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # child
            os.chdir(ROOT)
            os.execvpe(SUMMARISE[0], [*SUMMARISE, "review", "--store", str(store), "--reviewer", "ann"], env())
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.raw = b""
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.raw += chunk

    def screen_text(self) -> str:
        return re.sub(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]", "", self.raw.decode("utf-8", "replace"))

    def wait_for(self, text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.screen_text():
                return
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared; last output: {self.screen_text()[-600:]!r}")

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def kill(self) -> int:
        os.kill(self.pid, signal.SIGKILL)
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return status


def test_sigkill_after_decisions_loses_nothing_shown_as_made(tmp_path: Path) -> None:
    store = tmp_path / "store.db"
    ids = build_store(store)
    app = PtyApp(store)
    try:
        app.wait_for("done 0/7")
        app.send("a")
        app.wait_for("done 1/7")
        app.send("n")  # that was its article's only record: the article is shown; n goes on
        app.wait_for("2/7 002")
        app.send("x")
        app.wait_for("Reason")
        app.send("dup\r")
        app.wait_for("done 2/7")
        app.send("a")
        app.wait_for("done 3/7")
    finally:
        status = app.kill()
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert decisions(store) == {ids[0]: "accepted", ids[1]: "rejected", ids[2]: "accepted"}
    # Reopened, it resumes at the first undecided record.
    again = PtyApp(store)
    try:
        again.wait_for("done 3/7")
        again.wait_for("4/7 002_4b89f9ee8b676db5.txt #2")
    finally:
        again.kill()


def test_sigkill_right_after_an_add_keeps_the_added_record(tmp_path: Path) -> None:
    store = tmp_path / "store.db"
    build_store(store)
    app = PtyApp(store)
    try:
        app.wait_for("done 0/7")
        app.send("c")  # select the article's next sentence that looks like an agreement but no record quotes
        app.send("+")
        app.wait_for("Add record")
        app.send("\x13")  # ctrl+s: the draft read from the sentence names both parties
        app.wait_for("+1 ")
    finally:
        app.kill()
    conn = sqlite3.connect(store)
    try:
        added = conn.execute(
            "SELECT r.added_by, d.state, e.action FROM records r JOIN decisions d ON d.record_id = r.id"
            " JOIN review_events e ON e.record_id = r.id WHERE r.added_by IS NOT NULL"
        ).fetchall()
        assert added == [("ann", "added", "add")]
    finally:
        conn.close()


def test_sigkill_in_the_middle_of_a_burst_leaves_a_consistent_store(tmp_path: Path) -> None:
    store = tmp_path / "store.db"
    build_store(store)
    app = PtyApp(store)
    try:
        app.wait_for("done 0/7")
        app.send("aaaa")  # killed while these are being handled
        time.sleep(0.15)
    finally:
        app.kill()
    conn = sqlite3.connect(store)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # every decision row has its audit event: the pair is one transaction
        n_dec = conn.execute("SELECT COUNT(*) FROM decisions").fetchone()[0]
        n_ev = conn.execute("SELECT COUNT(*) FROM review_events WHERE action = 'accept'").fetchone()[0]
        assert n_dec == n_ev <= 4
    finally:
        conn.close()


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed; the tmux walk-through needs it")
def test_review_under_tmux_as_a_person_would(tmp_path: Path) -> None:
    store = tmp_path / "store.db"
    ids = build_store(store)
    session = f"review-test-{uuid.uuid4().hex[:8]}"
    socket = str(tmp_path / "tmux.sock")  # a private server: never touches the user's tmux
    tmux = ["tmux", "-S", socket]
    command = " ".join([*SUMMARISE, "review", "--store", str(store), "--reviewer", "ann"])
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", session, "-x", "80", "-y", "24", f"cd {ROOT} && exec {command}"],
        check=True, env=env(),
    )

    def screen() -> str:
        return subprocess.run([*tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout

    def wait_for(text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on:\n{screen()}")

    def gone(text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while text in screen() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert text not in screen(), screen()

    def keys(*k: str) -> None:
        subprocess.run([*tmux, "send-keys", "-t", session, *k], check=True)

    def escape() -> None:
        # A terminal app waits a moment after ESC to tell it from the start of a key sequence; so does a person.
        keys("Escape")
        time.sleep(0.5)

    try:
        first = wait_for("done 0/7")
        assert "a Accept" in first and "x Reject" in first and "Help" in first  # keys in the footer
        keys("a")
        wait_for("done 1/7")
        keys("/")
        wait_for("search records")
        keys("-l", "axe")  # letters typed into the search box are text, not decisions
        escape()
        gone("search records")  # a person sees the search box close before the next key
        # Known problem (issue note): a key pressed within about a second of closing the search on the article
        # view is lost under tmux (Pilot does not show it). A person's pause is longer than that.
        time.sleep(1.5)
        assert "done 1/7" in screen()
        keys("u")
        wait_for("done 0/7")
        keys("Space")
        wait_for("»1")
        keys("e")
        wait_for("Edit record")
        escape()
        gone("Edit record")  # a person presses the next key once the form has closed
        keys("?")
        wait_for("remap them")
        escape()
        gone("remap them")
        # Add the agreement the extractor missed in this article, then mark the article complete.
        keys("k")  # the article of the record shown (002), then the one before it (001)
        wait_for("Article 002")
        keys("k")
        wait_for("Article 001")
        keys("c")  # its sentence that looks like an agreement and no record quotes
        keys("+")
        wait_for("Add record")
        keys("C-s")
        wait_for("+1 ")
        keys("d")  # refused: its suggested record is still only skipped
        wait_for("still need")
        keys("k")
        wait_for("Article 001")
        keys("n")
        wait_for("1/8 001")
        keys("a")
        wait_for("✓1")
        keys("k")  # the article of the record shown
        wait_for("Article 001")
        keys("d")
        wait_for("●1/5")
        keys("C-q")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and subprocess.run([*tmux, "has-session", "-t", session], capture_output=True).returncode == 0:
            time.sleep(0.1)
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    assert decisions(store) == {ids[0]: "accepted", **{rid: "added" for rid in added_ids(store)}}
    conn = sqlite3.connect(store)
    try:
        assert conn.execute("SELECT state, reviewer FROM article_reviews").fetchall() == [("complete", "ann")]
    finally:
        conn.close()


def added_ids(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM records WHERE added_by IS NOT NULL")]
    finally:
        conn.close()
