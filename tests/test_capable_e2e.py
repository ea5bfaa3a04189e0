"""A capable model at the network boundary: `summarise extract` (auto = whole, since a key is set) against
the loopback server answering as a strong model would, for English, French and German articles, a
paraphrased quote (fuzzy), an invented one (re-asked, then flagged), a long article answered per chunk,
and `temperature` left out when null."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner

from summariser.cli import main
from summariser.documents import read_document
from summariser.prompts import ARTICLE_BEGIN, ARTICLE_END
from summariser.store.repo import Store
from tests.fakeserver import Reply

EN = (
    " date 2024-03-07 \nLONDON, March 7 (Wire) - Northwind Energy and Harbor Grid Ltd signed a framework "
    "agreement on Tuesday to build battery storage in Kent, the companies said. The deal covers 400 megawatts."
)
FR = (
    " date 2024-03-07 \nPARIS, 7 mars — La société Aquitaine Rail et la Région Occitanie ont signé lundi un "
    "accord-cadre pour moderniser les lignes régionales. L'accord porte sur 300 millions d'euros."
)
DE = (
    " date 2024-06-21 \nDüsseldorf, 21. Juni 2024 – Die Rheinwerk AG und die Stadtwerke Nordhafen haben am "
    "20. Juni 2024 einen Liefervertrag über grünen Wasserstoff unterzeichnet."
)
INVENTED = " date 2024-03-07 \nOrbital Foods reported record sales. Its chief executive spoke about the weather."
A = "Skyline Metals and Ports of Valdora signed a memorandum of understanding on a new ore terminal."
B = "Skyline Metals and Ports of Valdora also signed a contract for dredging the harbour basin."
FILLER = " ".join(f"Paragraph {i} describes the town of Valdora and its history in some detail." for i in range(25))
LONG = f" date 2024-03-07 \n{A} {FILLER}\n\n{B} {FILLER}"


def _record(quote, parties, agreement_type, **kw):
    return {
        "quotes": [{"quote": quote, "fields": ["parties", "agreement_type", "status"]}],
        "parties": [{"name": n, "canonical": n.split()[0]} for n in parties],
        "agreement_type": agreement_type,
        "status": "signed",
        **kw,
    }


def _article(body) -> str:
    user = body["messages"][1]["content"]
    return user.split(ARTICLE_BEGIN + "\n", 1)[1].rsplit("\n" + ARTICLE_END, 1)[0]


def capable(body) -> Reply:
    """What a strong model answers for each test article (per chunk for the long one)."""
    text = _article(body)
    records = []
    if "Northwind" in text:  # a paraphrase: "have signed" is not the article's wording
        records.append(_record("Northwind Energy and Harbor Grid Ltd have signed a framework agreement",
                               ["Northwind Energy", "Harbor Grid Ltd"], "framework_agreement",
                               date_text="on Tuesday"))
    elif "Aquitaine" in text:
        records.append(_record("La société Aquitaine Rail et la Région Occitanie ont signé lundi un accord-cadre",
                               ["Aquitaine Rail", "Région Occitanie"], "framework_agreement",
                               date_text="lundi", summary="Aquitaine Rail and the Occitanie region signed a framework agreement."))
    elif "Rheinwerk" in text:
        records.append(_record("Die Rheinwerk AG und die Stadtwerke Nordhafen haben am 20. Juni 2024 einen Liefervertrag",
                               ["Rheinwerk AG", "Stadtwerke Nordhafen"], "contract", date_text="am 20. Juni 2024"))
    elif "Orbital" in text:  # invented: the article reports no agreement
        records.append(_record("Orbital Foods signed a supply contract with Meadow Farms",
                               ["Orbital Foods", "Meadow Farms"], "contract"))
    for sentence, kind in ((A, "memorandum_of_understanding"), (B, "contract")):
        if sentence in text:
            records.append(_record(sentence, ["Skyline Metals", "Ports of Valdora"], kind))
    return Reply.tool_call({"records": records})


def _run(tmp_path, server, monkeypatch, articles: dict[str, str], **env: str):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-capable")
    monkeypatch.setenv("SUMMARISER_MAX_REASKS", "1")
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    store = tmp_path / "s.db"
    result = CliRunner().invoke(main, ["extract", str(folder), "--store", str(store), "--json"])
    assert result.exit_code == 0, result.output
    with Store(store, readonly=True) as opened:
        stored = {}
        for r in opened.current_records():
            doc = opened.get_document(r.document_id)
            stored.setdefault(doc.path.rsplit("/", 1)[-1], []).append((r, doc))
    return json.loads(result.stdout), stored


def test_english_french_german_records_offsets_and_dates(tmp_path, fake_openai, monkeypatch):
    fake_openai.responder = capable
    summary, stored = _run(tmp_path, fake_openai, monkeypatch, {"en.txt": EN, "fr.txt": FR, "de.txt": DE})
    assert summary["prompt_version"].startswith("whole-v2-")  # auto resolved to whole: a key is set
    (en, en_doc), = stored["en.txt"]
    (fr, fr_doc), = stored["fr.txt"]
    (de, de_doc), = stored["de.txt"]
    assert en.record.date_signed == dt.date(2024, 3, 5)  # the Tuesday before Thursday 7 March
    assert fr.record.date_signed == dt.date(2024, 3, 4)  # lundi
    assert de.record.date_signed == dt.date(2024, 6, 20)
    # The paraphrase is located approximately, flagged for a reviewer; the others are exact.
    (paraphrase,) = [e for e in en.record.evidence if "parties" in e.fields]
    assert paraphrase.match.value == "fuzzy" and "fuzzy" in en.flags
    assert "Northwind Energy and Harbor Grid Ltd signed a framework agreement" in en_doc.text[paraphrase.start : paraphrase.end]
    assert len(fake_openai.requests) == 3  # each answer validated at once: the paraphrase is close enough
    for rec, doc in ((fr, fr_doc), (de, de_doc)):
        for e in rec.record.evidence:
            assert e.match.value == "exact" and doc.text[e.start : e.end] == e.quote
        assert rec.flags == []
    assert fr.record.summary.startswith("Aquitaine Rail and the Occitanie region")  # English summary, French quote


def test_an_invented_quote_is_reasked_then_kept_flagged(tmp_path, fake_openai, monkeypatch):
    fake_openai.responder = capable
    _, stored = _run(tmp_path, fake_openai, monkeypatch, {"invented.txt": INVENTED})
    assert len(fake_openai.requests) == 2  # the answer, and one re-ask with the error
    reask = json.dumps(fake_openai.requests[1]["messages"])
    assert "this quote is not in the article" in reask
    ((record, _),) = stored["invented.txt"]
    assert record.flags[:1] == ["ungrounded"] and record.record.evidence[0].start is None


def test_a_long_article_is_answered_per_chunk_with_offsets_into_the_whole(tmp_path, fake_openai, monkeypatch):
    fake_openai.responder = capable
    _, stored = _run(tmp_path, fake_openai, monkeypatch, {"long.txt": LONG}, SUMMARISER_CHUNK_CHARS="900")
    assert len(fake_openai.requests) >= 4
    records = [r for r, _ in stored["long.txt"]]
    doc = read_document(tmp_path / "news" / "long.txt")
    assert [r.record.agreement_type.value for r in records] == ["memorandum_of_understanding", "contract"]
    for r, sentence in zip(records, (A, B), strict=True):
        (e,) = r.record.evidence
        assert doc.text[e.start : e.end] == sentence and e.start == doc.text.index(sentence)


def test_temperature_is_sent_by_default_and_left_out_when_null(tmp_path, fake_openai, monkeypatch):
    fake_openai.responder = capable
    _run(tmp_path, fake_openai, monkeypatch, {"de.txt": DE})
    assert fake_openai.requests[-1]["temperature"] == 0
    fake_openai.requests.clear()
    monkeypatch.setenv("SUMMARISER_TEMPERATURE", "null")
    (tmp_path / "again").mkdir()
    _run(tmp_path / "again", fake_openai, monkeypatch, {"de.txt": DE})
    assert "temperature" not in fake_openai.requests[-1]
