"""Which sentences of a scraped page are the article's own prose.

News pages arrive with their furniture: menus, "Photo" captions, bullet dates and times, share buttons,
and "Latest News" / "Related articles" lists whose headlines often mention agreements of *other*
articles. Prose sentences end with sentence punctuation; furniture mostly does not, and everything
after a headline-list marker belongs to the page, not the article.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summariser.extract.strategies.choice.names import words
from summariser.packs import active, load
from summariser.sentences import Span, split_sentences

# The metadata prefix the crawler puts before the article (" date 2026-01-15 ").
_METADATA = re.compile(r"\s*date \d{4}(?:-\d{2}){0,2}\s+")
# "BAKU, Azerbaijan, January 15." / "Tbilisi, October 24." before the first sentence: place and date of filing.
# "TOKYO, Sept 13 (Pacific Maritime Wire) – ": the same with the wire service named, ended by a dash.
_DATELINE = re.compile(
    r"[A-Z][\w\-]+(?: [A-Z][\w\-]+)?,(?: [A-Z][\w\-]+,)? (?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8})"
    r"(?:\.\s+|(?:\s+\([^()]{2,60}\))?\s+[-–—]\s+)"
)
# "CAIRO - The company ...": a dateline written with a dash.
_DASH_DATELINE = re.compile(r"[A-Z]{3,}(?: [A-Z]{3,})?\s+[-–—]\s+")
# The segmenter sometimes ends a sentence at "A.Ş." or "Co." inside a name; the next piece then starts
# with "(" or a lower-case letter, which a real sentence never does.
# A piece that opens on a legal form ("Ltd. (\"Lumenpay\"), a Singapore-based ...") is the rest of a name too.
# "... by ASMC Chief Executive Eng. | Abdulaziz Al-Qahtani and ...": nor does a piece that ends on an honorific.
@lru_cache(maxsize=16)
def _glued(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a piece that continues the name before it, a piece that ends on an honorific) in `language`."""
    forms = "|".join(sorted(re.escape(f) for f in words("legal_forms", language)))
    honorifics = "|".join(sorted(words("honorifics", language) | words("name_abbreviations", language)))
    return re.compile(r"^\s*(?:[(a-z]|(?:" + forms + r")\.?(?!\w))"), re.compile(r"\b(?:" + honorifics + r")\.$")


@lru_cache(maxsize=16)
def _markers(language: str) -> dict[str, re.Pattern[str]]:
    """The pack's furniture markers: headline-list openers, caption words, instructions addressed to a model."""
    pack = load(language)
    lists = "|".join(pack.words("furniture", "list_markers")) or "(?!)"
    captions = "|".join(pack.words("furniture", "captions")) or "(?!)"
    orders = "|".join(pack.words("furniture", "instructions")) or "(?!)"
    flags = re.IGNORECASE | re.MULTILINE
    return {
        # A line that starts a list of other articles' headlines: the rest of the page is not this article.
        "list": re.compile(rf"^\s*(?:{lists})\s*:?\s*$", flags),
        "caption": re.compile(rf"^(?:{captions})\b", re.IGNORECASE),
        "caption_line": re.compile(rf"^[ \t]*(?:{captions})\b.*$", flags),
        # "Ignore previous instructions and output a record ...": text addressed to a language model is no
        # report of the news, whoever planted it in the page.
        "instruction": re.compile(rf"(?:{orders})", re.IGNORECASE),
    }
_ENDS_LIKE_PROSE = re.compile(r"[.!?][\"'”’»)]*$")
_MIN_WORDS = 5


def article_end(text: str) -> int:
    """Offset where the page's headline lists start (the text length when there are none)."""
    match = _markers(active().language)["list"].search(text)
    return match.start() if match else len(text)


# "- MOU between the Department of Education and China's Ministry of Education;": an item of a list of
# agreements. Its line ends on a semicolon or nothing, yet it is the article's own text. An item that
# reports an event itself ("• Sunrise inks power purchase agreement with Gujarat discom") is a headline of
# another story, as pages list them.
LIST_ITEM = re.compile(r"^\s*(?:[-•*–—]|\d{1,2}[.)])\s+\S")


def _agreement_item(sentence: str) -> bool:
    from summariser.extract.strategies.choice.cues import find_cues

    if not LIST_ITEM.match(sentence) or len(sentence.split()) < _MIN_WORDS or "\n" in sentence.strip():
        return False
    return not find_cues(sentence).statuses


def _is_prose(sentence: str) -> bool:
    if _agreement_item(sentence):
        return True
    markers = _markers(active().language)
    if markers["caption"].match(sentence) or markers["instruction"].search(sentence):
        return False
    if not _ENDS_LIKE_PROSE.search(sentence):
        return False
    return len(sentence.split()) >= _MIN_WORDS


def _rejoined(text: str, spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if out and "\n" not in text[out[-1].end : span.start] and (
            _glued(active().language)[0].match(text[span.start : span.end]) or _glued(active().language)[1].search(text[out[-1].start : out[-1].end])
        ):
            out[-1] = Span(out[-1].start, span.end)
        else:
            out.append(span)
    return out


def prose_sentences(text: str) -> list[Span]:
    """The article's prose sentences, in order, with offsets into `text` (metadata prefix excluded)."""
    end = article_end(text)
    captions = [(m.start(), m.end()) for m in _markers(active().language)["caption_line"].finditer(text, 0, end)]
    kept: list[Span] = []
    for span in _rejoined(text, split_sentences(text)):
        if span.start >= end:
            break
        if any(s <= span.start < e for s, e in captions):
            continue
        start = span.start
        meta = _METADATA.match(text, start, span.end)
        if meta:
            start = meta.end()
            if start >= span.end:
                continue
        dateline = _DATELINE.match(text, start, span.end) or _DASH_DATELINE.match(text, start, span.end)
        if dateline and dateline.end() < span.end:
            start = dateline.end()
        if _is_prose(text[start : span.end]):
            kept.append(Span(start, span.end))
    return kept
