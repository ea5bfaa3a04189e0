"""`summarise config [--json]`: effective settings, their sources, the resolved strategy; never the key."""

from __future__ import annotations

import json
import os

from click.testing import CliRunner

from summariser.cli import main

SECRET = "sk-config-test-secret"


def _config(*args: str):
    return CliRunner().invoke(main, ["config", *args])


def test_auto_is_choice_on_the_embedded_model():
    result = _config("--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["resolved"]["strategy"] == "choice"
    assert data["resolved"]["model"].startswith("embedded:")
    assert data["settings"]["strategy"] == {"value": "auto", "source": "default"}
    assert data["settings"]["api_key"] == {"value": None, "source": "default"}


def test_auto_is_whole_with_a_key_and_the_key_is_never_printed(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    for args in (("--json",), ()):
        result = _config(*args)
        assert result.exit_code == 0, result.output
        assert SECRET not in result.output
    data = json.loads(_config("--json").stdout)
    assert data["resolved"]["strategy"] == "whole"
    assert data["resolved"]["model"] == "gpt-4o-mini"
    assert data["settings"]["api_key"] == {"value": "set", "source": "environment"}


def test_sources_default_config_file_environment_option(monkeypatch):
    config = os.environ["SUMMARISER_CONFIG"]
    with open(config, "w", encoding="utf-8") as fh:
        fh.write('model = "from-file"\nconcurrency = 3\nmax_reasks = 1\n')
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    monkeypatch.setenv("SUMMARISER_CONCURRENCY", "5")
    data = json.loads(_config("--json", "--strategy", "choice").stdout)
    items = data["settings"]
    assert items["model"] == {"value": "from-file", "source": "config file"}
    assert items["concurrency"] == {"value": 5, "source": "environment"}
    assert items["strategy"] == {"value": "choice", "source": "option"}
    assert items["max_retries"]["source"] == "default"
    assert data["resolved"]["strategy"] == "choice"  # an explicit strategy wins over auto


def test_embedded_option_forces_choice_under_auto_even_with_a_key(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    data = json.loads(_config("--json", "--embedded").stdout)
    assert data["resolved"]["strategy"] == "choice"
    assert data["settings"]["provider"] == {"value": "embedded", "source": "option"}


def test_invalid_settings_exit_2_with_a_message(monkeypatch):
    monkeypatch.setenv("SUMMARISER_CONCURRENCY", "zero")
    result = _config()
    assert result.exit_code == 2
    assert result.stderr.startswith("error: invalid settings")
