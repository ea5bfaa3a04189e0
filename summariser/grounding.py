"""Locate a model's quote in the article: exact, then normalised, then fuzzy; offsets into the original.

Tiers, most trustworthy first:
- exact: `text[start:end] == quote`.
- normalised: equal after `normalise` (NFKC, case folding, curly/straight quotes and apostrophes, all
  dashes and hyphens as "-", whitespace runs as one space, invisible format characters dropped). The
  search runs on a normalised copy of the text with a piecewise offset map back to the original, so the
  offsets still slice the original text, and `normalise(text[start:end]) == normalise(quote)` is checked.
- fuzzy: rapidfuzz over windows of consecutive sentences (never the whole text at once), accepting the
  best window only if `fuzz.ratio` of the normalised quote and the normalised matched span reaches
  FUZZY_THRESHOLD. Quotes shorter than FUZZY_MIN_CHARS never match fuzzily.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from summariser.schema import Evidence, MatchKind
from summariser.sentences import split_sentences

__all__ = ["FUZZY_MIN_CHARS", "FUZZY_THRESHOLD", "Alignment", "align", "ground", "normalise"]

# Indel similarity (0-100) between the quote and the matched span, both normalised. One changed word in
# a 12-word quote scores about 90, a dropped clause in a long quote about 88; two unrelated news
# sentences of similar length score 40-65 (measured on the seeds, see tests/test_grounding.py).
# 85 leaves room for a paraphrased word or two and none for a different sentence.
FUZZY_THRESHOLD = 85.0
# Below this many normalised characters a fuzzy match is as likely chance as evidence ("SOCAR signed").
FUZZY_MIN_CHARS = 12
# A percentage is too loose for short quotes: at 85, "Other countries" matched "both countries" and
# "date 2022-08-25 By Azernews" matched "date 2020-02-20 By Azernews" across two seeds. Under
# FUZZY_SHORT_CHARS the quote may differ by one changed character at most ("SOCAR Turkiye").
FUZZY_SHORT_CHARS = 40
FUZZY_SHORT_EDITS = 2
# With many copies of a phrase, the nearest to `hint` is looked for among at most this many.
_MAX_OCCURRENCES = 10_000

_QUOTES_DASHES = str.maketrans(
    {
        **{c: "'" for c in "‘’‚‛′‵`´ʹʼ＇"},
        **{c: '"' for c in "“”„‟″‶«»〝〞＂"},
        **{c: "-" for c in "‐‑‒–—―−⁃﹘﹣－"},
    }
)
# Printable ASCII minus the backtick (which maps to an apostrophe), with single inner spaces: such runs
# normalise by lower() alone, one character for one, so most of an English article is a few big pieces.
_PIECE = re.compile(r"[!-_a-~]+(?: [!-_a-~]+)*|\s+|[^!-_a-~\s]+")


@dataclass(frozen=True, slots=True)
class Alignment:
    start: int
    end: int
    match: MatchKind
    score: float


@lru_cache(maxsize=4096)
def _norm_char(ch: str) -> str:
    if ch.isspace():
        return " "
    if unicodedata.category(ch) == "Cf":  # soft hyphen, zero-width space/joiner, BOM
        return ""
    out = unicodedata.normalize("NFKC", ch).casefold().translate(_QUOTES_DASHES)
    return " " if out.isspace() else out


class _Normalised:
    """A normalised copy of a text plus a piecewise map from its indices back to the original."""

    def __init__(self, text: str) -> None:
        parts: list[str] = []
        # Segment k covers normalised [n_start[k], ...) and original [o_start[k], o_end[k]); `linear`
        # segments map one character to one, the others map as a whole (a whitespace run, a ligature).
        self.n_start: list[int] = []
        self.n_len: list[int] = []
        self.o_start: list[int] = []
        self.o_end: list[int] = []
        self.linear: list[bool] = []
        size = 0

        def add(norm: str, o_start: int, o_end: int, linear: bool) -> None:
            nonlocal size
            if not norm:
                return
            if norm == " " and parts and parts[-1] == " ":  # collapse runs split across pieces
                self.o_end[-1] = o_end
                self.linear[-1] = False
                return
            parts.append(norm)
            self.n_start.append(size)
            self.n_len.append(len(norm))
            self.o_start.append(o_start)
            self.o_end.append(o_end)
            self.linear.append(linear)
            size += len(norm)

        for m in _PIECE.finditer(text):
            piece, start = m.group(), m.start()
            first = piece[0]
            if first.isspace():
                add(" ", start, m.end(), False)
            elif first.isascii() and first != "`":
                add(piece.lower(), start, m.end(), True)
            else:
                chars = [_norm_char(c) for c in piece]
                if all(len(c) == 1 and c != " " for c in chars):
                    add("".join(chars), start, m.end(), True)
                else:
                    for i, c in enumerate(chars):
                        add(c, start + i, start + i + 1, len(c) == 1)
        self.text = "".join(parts)

    def to_original(self, a: int, b: int) -> tuple[int, int]:
        """Original [start, end) covering normalised [a, b) (b > a)."""
        k = bisect_right(self.n_start, a) - 1
        start = self.o_start[k] + (a - self.n_start[k] if self.linear[k] else 0)
        k = bisect_right(self.n_start, b - 1) - 1
        end = self.o_start[k] + (b - self.n_start[k]) if self.linear[k] else self.o_end[k]
        return start, end

    def start_to_normalised(self, o: int) -> int:
        """Normalised index where original offset `o` starts (o is a character start, not whitespace)."""
        k = bisect_right(self.o_start, o) - 1
        if k < 0:
            return 0
        if o >= self.o_end[k]:
            return self.n_start[k] + self.n_len[k]
        return self.n_start[k] + (o - self.o_start[k] if self.linear[k] else 0)

    def end_to_normalised(self, o: int) -> int:
        """Normalised index where original end offset `o` (exclusive, > 0) ends."""
        k = bisect_right(self.o_start, o - 1) - 1
        if k < 0:
            return 0
        if self.linear[k] and o <= self.o_end[k]:
            return self.n_start[k] + (o - self.o_start[k])
        return self.n_start[k] + self.n_len[k]


def normalise(s: str) -> str:
    """The comparison form used by the `normalised` tier (and, per window, by the fuzzy tier)."""
    return _Normalised(s).text.strip(" ")


@lru_cache(maxsize=4)
def _normalised_text(text: str) -> _Normalised:
    return _Normalised(text)


def _occurrences(haystack: str, needle: str):
    pos = haystack.find(needle)
    count = 0
    while pos >= 0 and count < _MAX_OCCURRENCES:
        yield pos
        count += 1
        pos = haystack.find(needle, pos + 1)


def _pick(candidates, hint: int | None):
    """First candidate (in text order), or the one whose start is nearest `hint`."""
    best = None
    for cand in candidates:
        if hint is None:
            return cand
        if best is None or abs(cand[0] - hint) < abs(best[0] - hint):
            best = cand
        elif cand[0] > hint:  # candidates come in text order: later ones only get further away
            break
    return best


def _exact(quote: str, text: str, hint: int | None) -> Alignment | None:
    found = _pick(((p,) for p in _occurrences(text, quote)), hint)
    if found is None:
        return None
    return Alignment(found[0], found[0] + len(quote), MatchKind.exact, 100.0)


def _normalised(nquote: str, text: str, hint: int | None) -> Alignment | None:
    index = _normalised_text(text)

    def spans():
        for a in _occurrences(index.text, nquote):
            start, end = index.to_original(a, a + len(nquote))
            # A match can begin or end inside one character's expansion ("…" -> "..."): skip those.
            if normalise(text[start:end]) == nquote:
                yield start, end

    found = _pick(spans(), hint)
    if found is None:
        return None
    return Alignment(found[0], found[1], MatchKind.normalised, 100.0)


@lru_cache(maxsize=4)
def _normalised_sentences(text: str) -> tuple[tuple[int, int], ...]:
    index = _normalised_text(text)
    return tuple(
        (index.start_to_normalised(sp.start), index.end_to_normalised(sp.end)) for sp in split_sentences(text)
    )


def _windows(text: str, min_len: int) -> list[tuple[int, int]]:
    """Runs of consecutive sentences (normalised offsets), one starting at each sentence, long enough
    to hold the quote and always including the next sentence, so a quote that straddles a sentence
    boundary fits in one window."""
    sentences = _normalised_sentences(text)
    windows = []
    for i, (first, _) in enumerate(sentences):
        j = min(i + 1, len(sentences) - 1)
        while j + 1 < len(sentences) and sentences[j][1] - first < min_len:
            j += 1
        windows.append((first, sentences[j][1]))
    return windows


def _snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span cut mid-word to whole words and drop surrounding whitespace: the reviewer should
    see "...energy and industrial", not "...energy and industri"."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip()), end - (len(piece) - len(piece.rstrip()))


def _fuzzy(nquote: str, text: str, hint: int | None) -> Alignment | None:
    index = _normalised_text(text)
    windows = _windows(text, len(nquote) + len(nquote) // 4)
    # Screening with partial_ratio bounds the final ratio from above, so no good window is dropped.
    screened = process.extract(
        nquote,
        [index.text[a:b] for a, b in windows],
        scorer=fuzz.partial_ratio,
        score_cutoff=FUZZY_THRESHOLD,
        limit=20,
    )
    found: list[tuple[int, int, float]] = []
    for choice, _, k in screened:
        al = fuzz.partial_ratio_alignment(nquote, choice)
        if al is None or al.dest_end <= al.dest_start:
            continue
        start, end = index.to_original(windows[k][0] + al.dest_start, windows[k][0] + al.dest_end)
        start, end = _snap_to_words(text, start, end)
        if end <= start:
            continue
        matched = normalise(text[start:end])
        score = fuzz.ratio(nquote, matched)
        if score < FUZZY_THRESHOLD:
            continue
        if len(nquote) < FUZZY_SHORT_CHARS and Indel.distance(nquote, matched) > FUZZY_SHORT_EDITS:
            continue
        found.append((start, end, score))
    if not found:
        return None
    best = max(score for _, _, score in found)
    # Windows overlap, so one match is often found twice; among the best, the first or nearest `hint`.
    tied = sorted({(s, e) for s, e, score in found if score >= best - 0.5})
    start, end = _pick(iter(tied), hint)
    return Alignment(start, end, MatchKind.fuzzy, round(best, 1))


def align(quote: str, text: str, *, hint: int | None = None) -> Alignment | None:
    """Where `quote` is in `text`, or None. With repeats, the first occurrence, or the nearest `hint`."""
    if not quote or not quote.strip() or not text:
        return None
    found = _exact(quote, text, hint)
    if found is not None:
        return found
    nquote = normalise(quote)
    if not nquote:
        return None
    found = _normalised(nquote, text, hint)
    if found is not None or len(nquote) < FUZZY_MIN_CHARS:
        return found
    return _fuzzy(nquote, text, hint)


def ground(fields: list[str], quote: str, text: str, hint: int | None = None) -> Evidence:
    """Evidence for `fields` backed by `quote`: located when it can be, otherwise marked ungrounded.

    Surrounding whitespace is not part of a quote, so it is stripped before aligning and storing.
    Raises ValueError for an empty quote (there is nothing to show the reviewer).
    """
    quote = quote.strip()
    if not quote:
        raise ValueError("an evidence quote must not be empty")
    found = align(quote, text, hint=hint)
    if found is None:
        return Evidence(fields=fields, quote=quote)
    return Evidence(
        fields=fields,
        quote=quote,
        start=found.start,
        end=found.end,
        match=found.match,
        score=found.score if found.match is MatchKind.fuzzy else None,
    )
