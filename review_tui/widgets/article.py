"""The article with the record's evidence highlighted, scrolled so the first quote is in view."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from summariser.schema import AgreementRecord, Document, MatchKind

MATCH_STYLE = {
    MatchKind.exact: "reverse $text-success",
    MatchKind.normalised: "reverse $text-success",
    MatchKind.fuzzy: "reverse $text-warning",
}


class ArticleView(VerticalScroll, can_focus=True):
    """Holds one Static; re-renders only when the document or the evidence changes."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._key: tuple[str, tuple[tuple[int, int], ...]] | None = None
        self._first: int | None = None
        self._doc_text = ""
        self.text = Static(id="article-text")

    def compose(self):  # type: ignore[no-untyped-def]
        yield self.text

    def show(self, document: Document | None, record: AgreementRecord | None) -> None:
        if document is None or record is None:
            self._key = None
            self.text.update("")
            return
        spans = sorted(
            (e.start, e.end, e.match)
            for e in record.evidence
            if e.grounded and e.start is not None and e.end is not None
        )
        self._doc_text = document.text
        key = (document.id, tuple((s, e) for s, e, _ in spans))
        if key != self._key:
            self._key = key
            content = Content(document.text)
            for start, end, match in spans:
                content = content.stylize(MATCH_STYLE[match], start, end)
            self.text.update(content)
        self._first = spans[0][0] if spans else None
        self.call_after_refresh(self.scroll_to_first_quote)

    def scroll_to_first_quote(self) -> None:
        if self._first is None:
            self.scroll_home(animate=False, immediate=True)
            return
        width = max(1, self.scrollable_content_region.width)
        prefix = self._doc_text[: self._first]
        # The number of wrapped lines before the quote is the line it starts on.
        line = len(Content(prefix).wrap(width)) - 1 if prefix else 0
        self.scroll_to(y=max(0, line - 1), animate=False, immediate=True)
