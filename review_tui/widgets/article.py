"""The article with the record's evidence highlighted, scrolled so the first quote is in view.

A Line API widget: the text is wrapped once per document and width, and only the visible lines are
painted, so moving to the next record (often in the same article) repaints ~10 lines and never lays
out the screen again. Mouse selection works as in a Static: each cell carries its (column, line)
offset in the article, and `get_selection` extracts from the article text itself.

Selection from the keyboard: the screen moves a *key span* (character offsets) by sentence and word; it
is painted like a mouse selection, and `selected_span` answers either, as offsets into the article.
Sentences that look like they report an agreement but no record quotes are underlined (`set_cues`).
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise
from typing import NamedTuple

from rich._wrap import divide_line  # the same word wrapping Textual's Content uses
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget

from review_tui.widgets.lines import LineView
from summariser.schema import AgreementRecord, Document, MatchKind

MATCH_CLASS = {
    MatchKind.exact: "article--grounded",
    MatchKind.normalised: "article--grounded",
    MatchKind.fuzzy: "article--fuzzy",
}


class _Line(NamedTuple):
    start: int  # offset of the first character in the article
    end: int  # offset after the last character shown (trailing spaces of a wrapped line dropped)
    source_y: int  # which "\n"-separated line of the article it belongs to
    source_x: int  # offset of `start` within that source line


def wrap_lines(text: str, width: int) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for y, source in enumerate(text.split("\n")):
        cuts = [0, *divide_line(source, width, fold=True), len(source)]
        for i, (a, b) in enumerate(pairwise(cuts)):
            if i < len(cuts) - 2:
                b = a + len(source[a:b].rstrip())
            lines.append(_Line(pos + a, pos + b, y, a))
        pos += len(source) + 1
    return lines


class ArticleView(LineView, can_focus=True):
    COMPONENT_CLASSES = {"article--grounded", "article--fuzzy", "article--cue"}
    DEFAULT_CSS = """
    ArticleView { overflow-x: hidden; overflow-y: auto; scrollbar-gutter: stable; }
    ArticleView > .article--grounded { color: $text-success; text-style: reverse; }
    ArticleView > .article--fuzzy { color: $text-warning; text-style: reverse; }
    ArticleView > .article--cue { color: $text-warning; text-style: underline; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = ""
        self._doc_id: str | None = None
        self._spans: list[tuple[int, int, str]] = []
        self._first: int | None = None
        self._lines: list[_Line] = []
        self._starts: list[int] = []
        self._wrapped: tuple[str | None, int] | None = None  # (document id, width) the lines were made for
        self._source_starts: list[int] = [0]
        self._cues: list[tuple[int, int]] = []  # uncovered cue sentences of the article shown
        self.key_span: tuple[int, int] | None = None  # the keyboard selection, as article offsets
        self._sentences: tuple[str | None, list[tuple[int, int]]] = (None, [])

    @property
    def text(self) -> str:
        return self._text

    @property
    def document_id(self) -> str | None:
        return self._doc_id

    @property
    def cues(self) -> list[tuple[int, int]]:
        return self._cues

    def set_cues(self, document_id: str | None, spans: list[tuple[int, int]]) -> None:
        """Underline these sentences (uncovered agreement cues), if the article is still the one shown."""
        if document_id == self._doc_id:
            self._cues = spans
            self.refresh()

    def sentences(self) -> list[tuple[int, int]]:
        """The article's sentences as offsets (the splitter the extractor uses), computed once per article."""
        if self._sentences[0] != self._doc_id:
            from summariser.sentences import split_sentences

            self._sentences = (self._doc_id, [(s.start, s.end) for s in split_sentences(self._text)])
        return self._sentences[1]

    def select_span(self, span: tuple[int, int] | None) -> None:
        """Select article[start:end] from the keyboard (replacing any mouse selection) and bring it into view."""
        self.key_span = span
        if span is not None and self.text_selection is not None:
            self.screen.clear_selection()
        if span is not None and self._lines:
            line = max(0, bisect_right(self._starts, span[0]) - 1)
            height = self.scrollable_content_region.height
            if not self.scroll_offset.y <= line < self.scroll_offset.y + height:
                self.scroll_to(y=max(0, line - 1), animate=False, immediate=True)
        self.refresh()

    def scroll_to_offset(self, offset: int) -> None:
        """Bring the line holding article[offset] into view, near the top."""
        if self._lines:
            line = max(0, bisect_right(self._starts, offset) - 1)
            self.scroll_to(y=max(0, line - 1), animate=False, immediate=True)

    def selected_span(self) -> tuple[int, int] | None:
        """What is selected, from the keyboard or with the mouse, as (start, end) offsets into the article."""
        selection = self.text_selection
        if selection is not None:
            start = self._offset(selection.start, 0)
            end = self._offset(selection.end, len(self._text))
            # Selection.extract counts the last column of a multi-line selection as selected.
            if selection.start is not None and selection.end is not None and selection.end.y > selection.start.y:
                end = min(len(self._text), end + 1)
            return (start, end) if end > start else None
        return self.key_span

    def _offset(self, at: object, default: int) -> int:
        if at is None:
            return default
        x, y = at.x, at.y  # type: ignore[attr-defined]
        if y >= len(self._source_starts):
            return len(self._text)
        line_end = self._source_starts[y + 1] - 1 if y + 1 < len(self._source_starts) else len(self._text)
        return min(self._source_starts[y] + x, line_end)

    def show(self, document: Document | None, record: AgreementRecord | None) -> None:
        if document is None or record is None:
            self._set_text(None, "")
            self._spans, self._first = [], None
        else:
            self._set_text(document.id, document.text)
            self._spans = sorted(
                (e.start, e.end, MATCH_CLASS[e.match])
                for e in record.evidence
                if e.grounded and e.start is not None and e.end is not None and e.end > e.start
            )
            self._first = self._spans[0][0] if self._spans else None
        self.key_span = None
        self._rewrap()
        self.scroll_to_first_quote()
        self.refresh()

    def show_article(self, document: Document | None) -> None:
        """The article alone (no record's evidence): for its row in the queue."""
        self._set_text(document.id if document else None, document.text if document else "")
        self._spans, self._first = [], None
        self._rewrap()
        if self.key_span is None:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def _set_text(self, doc_id: str | None, text: str) -> None:
        if doc_id != self._doc_id or text != self._text:
            self._doc_id, self._text = doc_id, text
            self._cues, self.key_span = [], None
            starts, pos = [], 0
            for source in text.split("\n"):
                starts.append(pos)
                pos += len(source) + 1
            self._source_starts = starts
            self._wrapped = None

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or self._wrapped == (self._doc_id, width):
            return
        self._wrapped = (self._doc_id, width)
        self._lines = wrap_lines(self._text, width) if self._text else []
        self._starts = [line.start for line in self._lines]
        size = Size(width, len(self._lines))
        # Setting `virtual_size` directly would lay out the whole screen; only the scrollbars depend on it.
        self.set_reactive(Widget.virtual_size, size)
        self._scroll_update(size)

    def on_resize(self) -> None:
        self._rewrap()
        self.scroll_to_first_quote()

    def scroll_to_first_quote(self) -> None:
        if self._first is None or not self._lines:
            self.scroll_to(y=0, animate=False, immediate=True)
            return
        line = max(0, bisect_right(self._starts, self._first) - 1)
        self.scroll_to(y=max(0, line - 1), animate=False, immediate=True)

    # ------------------------------------------------------------------ painting
    def render_line(self, y: int) -> Strip:
        self._rewrap()
        width = self.scrollable_content_region.width
        base = self.base_style
        index = self.scroll_offset.y + y
        if index >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[index]
        marks = self._marks(line)
        cuts = sorted({line.start, line.end, *(p for a, b, _ in marks for p in (a, b) if line.start < p < line.end)})
        segments = []
        for a, b in pairwise(cuts):
            style = base
            for s, e, extra in marks:
                if s <= a and b <= e:
                    style += extra
            segments.append(Segment(self._text[a:b], style))
        strip = Strip(segments).crop_extend(0, width, base)
        return strip.apply_offsets(line.source_x, line.source_y)

    def _marks(self, line: _Line) -> list[tuple[int, int, Style]]:
        marks: list[tuple[int, int, Style]] = []
        if self._cues:
            cue = self.get_component_rich_style("article--cue")
            marks += [(max(s, line.start), min(e, line.end), cue) for s, e in self._cues if s < line.end and e > line.start]
        marks += [
            (max(s, line.start), min(e, line.end), self.get_component_rich_style(cls))
            for s, e, cls in self._spans
            if s < line.end and e > line.start
        ]
        if self.key_span is not None and self.key_span[0] < line.end and self.key_span[1] > line.start:
            style = self.screen.get_component_rich_style("screen--selection")
            marks.append((max(self.key_span[0], line.start), min(self.key_span[1], line.end), style))
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(line.source_y)) is not None:
            base = self._source_starts[line.source_y]
            start = base + span[0]
            end = line.end if span[1] == -1 else base + span[1]
            if start < line.end and end > line.start:
                style = self.screen.get_component_rich_style("screen--selection")
                marks.append((max(start, line.start), min(end, line.end), style))
        return marks

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract(self._text), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        if selection is not None:
            self.key_span = None  # the mouse took over
        self.refresh()
