"""Cost before you pay (`extract --dry-run`) and after (`status` token totals), at the network boundary."""

from __future__ import annotations

import json

from click.testing import CliRunner

from summariser.cli import main
from tests.cli_helpers import ONE_RECORD
from tests.fakeserver import Reply


def _invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def _endpoint(monkeypatch, server, **env: str) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-cost")
    for k, v in env.items():
        monkeypatch.setenv(k, v)


def test_dry_run_counts_and_prices_without_asking_or_storing(tmp_path, seeds_dir, fake_openai, monkeypatch):
    _endpoint(monkeypatch, fake_openai, SUMMARISER_PRICES='{"m-test": [1.0, 2.0]}')
    store = tmp_path / "s.db"
    result = _invoke("extract", str(seeds_dir), "--store", str(store), "--model", "m-test", "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert fake_openai.requests == [] and not store.exists()
    assert (plan["strategy"], plan["documents_found"], plan["documents_to_do"]) == ("whole", 5, 5)
    assert plan["requests"] == 5 and plan["prompt_tokens"] > 5 * 500
    expected = (plan["prompt_tokens"] * 1.0 + plan["expected_completion_tokens"] * 2.0) / 1e6
    assert abs(plan["cost_usd"] - expected) < 1e-6
    assert abs(plan["cost_usd_batch_api"] - expected / 2) < 1e-6
    assert plan["counted_by"] == "estimate"


def test_after_a_run_the_dry_run_finds_nothing_to_do_and_status_totals_tokens(tmp_path, seeds_dir, fake_openai, monkeypatch):
    _endpoint(monkeypatch, fake_openai, SUMMARISER_PRICES='{"m-test": [1.0, 2.0]}', SUMMARISER_MAX_REASKS="0")
    fake_openai.default = Reply.tool_call(ONE_RECORD)  # 100 prompt + 20 completion tokens per request
    store = tmp_path / "s.db"
    done = _invoke("extract", str(seeds_dir), "--store", str(store), "--model", "m-test", "--json")
    assert done.exit_code == 0, done.output
    again = json.loads(_invoke("extract", str(seeds_dir), "--store", str(store), "--model", "m-test", "--dry-run", "--json").stdout)
    assert (again["documents_to_do"], again["documents_cached"], again["requests"]) == (0, 5, 0)
    status = json.loads(_invoke("status", "--store", str(store), "--json").stdout)
    tokens = status["tokens"]
    assert (tokens["prompt_tokens"], tokens["completion_tokens"]) == (500, 100)
    assert tokens["by_model"]["m-test"]["cost_usd"] == (500 * 1.0 + 100 * 2.0) / 1e6
    table = _invoke("status", "--store", str(store))
    assert "m-test" in table.stdout and "$0.0007" in table.stdout


def test_a_model_without_a_price_says_how_to_give_one(tmp_path, seeds_dir, fake_openai, monkeypatch):
    _endpoint(monkeypatch, fake_openai)
    result = _invoke("extract", str(seeds_dir), "--store", str(tmp_path / "s.db"), "--model", "unknown-x", "--dry-run")
    assert result.exit_code == 0
    assert "cost unknown" in result.stderr and "prices" in result.stderr
