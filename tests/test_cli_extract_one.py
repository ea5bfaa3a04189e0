"""`summarise extract-one`: JSON on stdout, clear messages on stderr and non-zero exits for bad input."""

from __future__ import annotations

import json

from click.testing import CliRunner

from summariser.cli import main
from tests.conftest import SEEDS
from tests.fakeserver import Reply

SEED = SEEDS / "002_4b89f9ee8b676db5.txt"
MOU = "have signed a memorandum of understanding (MoU)"
ANSWER = {
    "records": [
        {
            "quotes": [{"quote": MOU, "fields": ["parties", "agreement_type", "status"]}],
            "parties": [{"name": "SOCAR", "canonical": "SOCAR"}, {"name": "QazaqGaz", "canonical": "QazaqGaz"}],
            "agreement_type": "memorandum_of_understanding",
            "status": "signed",
        }
    ]
}


def _run(args, server=None, monkeypatch=None):
    if server is not None:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-cli-test")
        monkeypatch.setenv("SUMMARISER_MAX_RETRIES", "1")
    return CliRunner().invoke(main, ["extract-one", *map(str, args)])


def test_prints_records_with_evidence_as_json(fake_openai, monkeypatch):
    fake_openai.push(Reply.tool_call(ANSWER))
    result = _run([SEED, "--strategy", "whole", "--model", "m1"], fake_openai, monkeypatch)

    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    text = SEED.read_text(encoding="utf-8")
    (record,) = data["records"]
    (evidence,) = record["evidence"]
    assert data["model"] == "m1" and data["prompt_version"].startswith("whole-v2-") and data["reported"] == "2022-08-25"
    assert evidence["match"] == "exact" and MOU in text
    assert fake_openai.requests[0]["model"] == "m1"
    assert "sk-cli-test" not in result.output


def test_model_failure_exits_1_with_the_reason(fake_openai, monkeypatch):
    fake_openai.push(*[Reply.error(503, "overloaded")] * 2)
    result = _run([SEED, "--strategy", "whole"], fake_openai, monkeypatch)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "HTTP 503 after 1 retries: overloaded" in result.stderr


def test_unreachable_endpoint_fails_the_choice_strategy_too(fake_openai, monkeypatch):
    # The choice strategy falls back to the program's own choice when the model answers badly; when the
    # model does not answer at all, the program's output must not be passed off as the model's.
    fake_openai.default = Reply.error(500, "down")
    result = _run([SEED, "--strategy", "choice"], fake_openai, monkeypatch)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "HTTP 500 after 1 retries: down" in result.stderr
    assert fake_openai.requests, "the choice strategy asked the endpoint nothing"


def test_bad_files_exit_2_with_a_message(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    for path in (empty, binary, tmp_path / "missing.txt"):
        result = _run([path, "--strategy", "whole"])
        assert result.exit_code == 2, (path, result.output)
        assert result.stdout == ""
        assert result.stderr.startswith("error: ") and path.name in result.stderr


def test_help_describes_every_option():
    result = CliRunner().invoke(main, ["extract-one", "--help"])
    assert result.exit_code == 0
    for option in ("--model", "--base-url", "--strategy", "--embedded", "--compact"):
        assert option in result.stdout
