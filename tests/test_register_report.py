"""`summarise report`: one self-contained HTML page, loaded in a real headless Chromium (the distribution's
package; `make test` installs it): it draws without script errors, fetches nothing, and its counts match
`summarise export --by agreement`."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from summariser.cli import main
from tests.export_helpers import build_seed_store, decide

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run")  # fmt: skip


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def rendered(page: Path, tmp_path: Path) -> str:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (`make test` installs it with apt-get install -y chromium)")
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000", "--dump-dom", page.as_uri()],
        check=False, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.parametrize("include_all", [True, False])
def test_the_page_draws_without_errors_and_its_counts_match_the_export(tmp_path, include_all):
    store = tmp_path / "store.db"
    ids = build_seed_store(store)
    decide(store, "ann", {ids["003-b"]: "accept", ids["004-a"]: "accept", ids["001-a"]: "accept", ids["002-a"]: "reject"})
    options = ["--store", str(store), *(["--all"] if include_all else [])]
    page = tmp_path / "register.html"
    code, _, err = run("report", *options, "--out", str(page))
    assert code == 0, err
    code, out, err = run("export", *options, "--by", "agreement")
    assert code == 0, err
    exported = json.loads(out)["agreements"]

    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//|@import|url\(""", html)  # nothing to fetch

    dom = rendered(page, tmp_path)
    body = re.search(r"<body([^>]*)>", dom)
    assert body and 'data-ready="1"' in body.group(1), "the page's script did not finish"
    assert "data-errors" not in body.group(1), body.group(1)
    number = {k: int(re.search(rf'id="count-{k}">(\d+)<', dom).group(1)) for k in ("agreements", "reports")}
    assert number == {"agreements": len(exported), "reports": sum(len(a["reports"]) for a in exported)}
    assert len(re.findall(r'<li class="status-', dom)) == len(exported)
    memo = next(a for a in exported if len(a["reports"]) == 2)
    assert f'id="{memo["id"]}"' in dom and "Sumgait Technological Park" in dom


def test_a_script_error_is_caught_by_the_check(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text(
        Path(__file__).resolve().parent.parent.joinpath("summariser/report/page.html").read_text()
        .replace("/*CSS*/", "").replace("/*DATA*/", "{}").replace("/*JS*/", "(function(){ undefined.x; })();")
    )  # fmt: skip
    dom = rendered(page, tmp_path)
    assert "data-errors" in re.search(r"<body([^>]*)>", dom).group(1)
