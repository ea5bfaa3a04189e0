from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summariser.documents import read_document
from summariser.sentences import Span, chunk_spans, split_sentences

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))


def texts(text: str) -> list[str]:
    return [s.text(text) for s in split_sentences(text)]


def test_abbreviations_do_not_end_sentences():
    text = (
        "China National Chemical Engineering Co., Ltd. (CNCEC) met SOCAR. "
        "The MoU was signed on Dec. 10, 2019, Trend reports. "
        "The U.S. and the U.K. welcomed it, said J. R. Smith."
    )
    assert texts(text) == [
        "China National Chemical Engineering Co., Ltd. (CNCEC) met SOCAR.",
        "The MoU was signed on Dec. 10, 2019, Trend reports.",
        "The U.S. and the U.K. welcomed it, said J. R. Smith.",
    ]


def test_quotes_stay_with_their_sentence():
    text = "“SOCAR is a cornerstone,” Mo said. “CNCEC is ready.” He left."
    assert texts(text) == ["“SOCAR is a cornerstone,” Mo said.", "“CNCEC is ready.”", "He left."]


def test_line_breaks_and_bullets_are_boundaries():
    text = "Latest News\n\n21:06\nPhoto\n    • 28 January, 2026\nHeadline one • Headline two\nA real sentence here."
    assert texts(text) == [
        "Latest News",
        "21:06",
        "Photo",
        "• 28 January, 2026",
        "Headline one",
        "• Headline two",
        "A real sentence here.",
    ]


def test_lower_case_continuation_is_not_a_new_sentence():
    # From seed 003: a mangled character ("??") must not cut the sentence in two.
    assert texts("The area of ??the park is 250 hectares. Next.") == [
        "The area of ??the park is 250 hectares.",
        "Next.",
    ]


def test_offsets_with_multibyte_characters():
    text = "Emoji 🚀 test. SOCAR Türkiye met a Chinese сompany. Done."
    spans = split_sentences(text)
    assert texts(text) == ["Emoji 🚀 test.", "SOCAR Türkiye met a Chinese сompany.", "Done."]
    assert spans[1] == Span(text.index("SOCAR"), text.index(" Done."))


def test_empty_and_whitespace():
    assert split_sentences("") == []
    assert split_sentences(" \n\n\t ") == []


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seed_spans_are_trimmed_ordered_and_cover_all_text(seed):
    text = read_document(seed).text
    spans = split_sentences(text)
    assert spans
    previous_end = 0
    for span in spans:
        piece = span.text(text)
        assert piece and piece == piece.strip()
        assert span.start >= previous_end
        assert text[previous_end : span.start].strip() == ""  # nothing but whitespace is left out
        previous_end = span.end
    assert text[previous_end:].strip() == ""


def test_page_furniture_is_not_glued_to_sentences():
    text = read_document(SEEDS[1]).text
    pieces = texts(text)
    assert "Photo" in pieces
    assert "Latest News" in pieces
    assert "A framework agreement was signed at the meeting to study potential opportunities for cooperation between the two companies." in pieces


@given(st.text(alphabet=st.sampled_from("ab .?!\n•Ü🚀”“'\t"), max_size=200))
@settings(max_examples=200, deadline=None)
def test_spans_are_exact_and_trimmed_for_any_text(text):
    previous_end = 0
    for span in split_sentences(text):
        assert previous_end <= span.start < span.end <= len(text)
        assert span.text(text) == span.text(text).strip()
        previous_end = span.end


def test_chunks_respect_limit_and_overlap():
    sentences = [f"Sentence number {i} is here." for i in range(30)]
    text = " ".join(sentences)
    chunks = chunk_spans(text, max_chars=120, overlap_sentences=1)
    assert len(chunks) > 1
    assert chunks[0].start == 0 and chunks[-1].end == len(text)
    for a, b in pairwise(chunks):
        assert len(a) <= 120
        assert b.start < a.end  # one sentence shared
        assert b.start > a.start
        assert b.text(text).startswith(split_sentences(a.text(text))[-1].text(a.text(text)))
    for chunk in chunks:
        body = chunk.text(text)
        assert body.startswith("Sentence") and body.endswith(".")


def test_chunks_without_overlap_partition_the_sentences():
    text = " ".join(f"Sentence {i}." for i in range(50))
    chunks = chunk_spans(text, max_chars=40, overlap_sentences=0)
    joined = " ".join(c.text(text) for c in chunks)
    assert joined == text


def test_overlong_sentence_is_cut_hard():
    long = "word " * 100 + "end."
    text = "Short one. " + long + " After."
    chunks = chunk_spans(text, max_chars=50, overlap_sentences=1)
    assert all(len(c) <= 50 for c in chunks)
    covered = "".join(c.text(text) for c in chunks)
    assert "end." in covered and "After." in covered


def test_whole_text_in_one_chunk_when_it_fits():
    text = "One. Two. Three."
    assert chunk_spans(text, 1000, 2) == [Span(0, len(text))]
    assert chunk_spans("", 1000, 2) == []


def test_chunk_arguments_are_checked():
    with pytest.raises(ValueError):
        chunk_spans("One.", 0, 1)
    with pytest.raises(ValueError):
        chunk_spans("One.", 10, -1)
