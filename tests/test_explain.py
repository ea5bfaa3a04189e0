"""`summarise explain FILE`: each record with the trace of rules that produced it (articles written here)."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from summariser.cli import main
from summariser.extract.strategies.choice import extract_records
from summariser.schema import Document

ARTICLE = (
    " date 2026-03-02 \n"
    "Alcora Energy and Brenvik Power signed a supply contract on 2 March 2026 in Baku. "
    "The contract covers gas deliveries for ten years.\n"
)


def test_records_carry_the_rules_that_produced_them() -> None:
    doc = Document(id="t", path="t.txt", text=ARTICLE.split("\n", 1)[1], reported=dt.date(2026, 3, 2))
    [record] = extract_records(doc, None, None)[0]
    assert record.rules[0] == "pack.en"
    assert "status.signed" in record.rules and "type.contract" in record.rules
    assert "parties.subject+partner" in record.rules and "date.sentence" in record.rules
    assert "rules" not in record.model_dump()  # a trace for people, never stored or exported


def test_a_merged_record_keeps_both_traces() -> None:
    text = "Alcora Energy and Brenvik Power signed a supply contract. The supply contract was signed between Alcora Energy and Brenvik Power."
    doc = Document(id="t", path="t.txt", text=text, reported=None)
    [record] = extract_records(doc, None, None)[0]
    assert {"parties.subject+partner", "parties.between", "merge.same-agreement"} <= set(record.rules)


def test_explain_prints_language_records_rules_and_evidence(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", str(path)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "language: en" in out and "records: 1" in out
    assert "signed contract — Alcora Energy | Brenvik Power" in out
    assert "rules: pack.en > type.contract > status.signed > parties.subject+partner" in out
    assert "evidence [" in out and "Alcora Energy and Brenvik Power signed a supply contract" in out


def test_explain_reads_other_languages(tmp_path) -> None:
    path = tmp_path / "b.txt"
    path.write_text("Le groupe Alcora et la société Brenvik ont signé lundi un protocole d'accord pour un parc solaire.\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", str(path)])
    assert result.exit_code == 0, result.output
    assert "language: fr" in result.output and "pack.fr" in result.output


def test_explain_on_a_missing_file_says_so(tmp_path) -> None:
    result = CliRunner().invoke(main, ["explain", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_the_trace_names_how_the_parties_names_were_read() -> None:
    text = "Abu Dhabi-based Gulf Horizon Ports and Kazakh QazaqGaz signed a supply contract on 2 March 2026."
    doc = Document(id="t", path="t.txt", text=text, reported=dt.date(2026, 3, 2))
    [record] = extract_records(doc, None, None)[0]
    assert [p.name for p in record.parties] == ["Gulf Horizon Ports", "QazaqGaz"]
    assert {"name.after-descriptor", "name.after-demonym"} <= set(record.rules)


def test_the_trace_names_the_join_rules_that_built_a_name() -> None:
    text = "Hanseong Shipbuilding & Offshore Co., Ltd. signed a supply contract with Banco de la Nación on 2 March 2026."
    doc = Document(id="t", path="t.txt", text=text, reported=dt.date(2026, 3, 2))
    [record] = extract_records(doc, None, None)[0]
    assert "Banco de la Nación" in [p.name for p in record.parties]
    assert {"join.ampersand", "join.comma-legal", "join.connector-article"} <= set(record.rules)
