"""The article side of the review screen: the queue's article rows, adding a record, completing and
reopening an article, selecting article text from the keyboard, and jumping to uncovered cue sentences.

A mixin of `ReviewScreen`, kept apart so the record flow stays readable; the logic is in
`summariser.review.articles` (tested without a screen), this only shows it and reads keys.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.markup import escape
from textual.screen import Screen

from review_tui.widgets.article import ArticleView
from review_tui.widgets.queue import QueueView, Row
from review_tui.widgets.record import RecordPanel
from summariser.review.articles import ArticleConflictError, ArticleReview
from summariser.review.model import ConflictError, QueueItem, ReviewError
from summariser.schema import AgreementRecord
from summariser.store.articles import Article

if TYPE_CHECKING:
    from summariser.review.service import ReviewService

ARTICLE_BINDINGS = [
    Binding("plus", "add_record", "Add", id="add", key_display="+"),
    Binding("d", "complete", "Done", id="complete"),
    Binding("o", "reopen", "Reopen article", id="reopen", show=False),
    Binding("c", "next_cue", "Next cue sentence", id="next_cue", show=False),
    Binding("j", "next_article", "Next article", id="next_article", show=False),
    Binding("k", "prev_article", "Prev article", id="prev_article", show=False),
    Binding("right_square_bracket", "sentence(1)", "Next sentence", id="sentence", show=False, key_display="]"),
    Binding("left_square_bracket", "sentence(-1)", "Prev sentence", id="sentence_back", show=False, key_display="["),
    Binding("shift+down", "extend_sentence(1)", "Sentence more", id="sent_more", show=False, key_display="⇧↓"),
    Binding("shift+up", "extend_sentence(-1)", "Sentence less", id="sent_less", show=False, key_display="⇧↑"),
    Binding("shift+right", "extend_word(1)", "Word more", id="word_more", show=False, key_display="⇧→"),
    Binding("shift+left", "extend_word(-1)", "Word less", id="word_less", show=False, key_display="⇧←"),
]  # fmt: skip
_WORD_END = re.compile(r"\s*\S+")
CUE_DELAY_S = 0.25


class ArticleActions(Screen[None]):
    """The article half of `ReviewScreen`, which provides the state below and the methods that raise here."""

    service: ReviewService
    articles: ArticleReview
    on_article: Article | None
    rows: list[Row]
    item: Any  # the ReviewItem shown, None on an article row
    article_counts: dict[str, int]

    def show_current(self) -> None:
        raise NotImplementedError

    def show_progress(self) -> None:
        raise NotImplementedError

    def refresh_queue(self) -> None:
        raise NotImplementedError

    def _key(self, binding_id: str) -> str:
        raise NotImplementedError

    # ------------------------------------------------------------------ rows
    def build_rows(self) -> None:
        """Each article, then its records (those the record filters let through)."""
        f = self.service.filter
        record_filter = any((f.state, f.document_id, f.agreement_type, f.flags, f.text))
        by_doc: dict[str, list[QueueItem]] = {}
        for item in self.service.queue:
            by_doc.setdefault(item.document_id, []).append(item)
        rows: list[Row] = []
        self.row_of: dict[str, int] = {}
        self.article_row: dict[str, int] = {}
        self.queue_index = {item.record_id: i for i, item in enumerate(self.service.queue)}
        for article in self.articles.articles:
            records = by_doc.get(article.document_id, [])
            if record_filter and not records:
                continue
            self.article_row[article.document_id] = len(rows)
            rows.append(article)
            for item in records:
                self.row_of[item.record_id] = len(rows)
                rows.append(item)
        self.rows = rows

    def current_document(self) -> str | None:
        if self.on_article is not None:
            return self.on_article.document_id
        return self.item.queue_item.document_id if self.item else None

    def refresh_article_row(self, document_id: str) -> Article | None:
        """Re-read one article (its counts change with each decision) and redraw its queue line."""
        try:
            article = self.articles.article(document_id)
        except ReviewError:
            return None
        row = self.article_row.get(document_id)
        if row is not None:
            self.rows[row] = article
            self.query_one(QueueView).refresh_line(row)
        return article

    def show_article(self) -> None:
        """The article row: a summary of the article and what is left to do, over its text."""
        assert self.on_article is not None
        doc = self.on_article.document_id
        article = self.refresh_article_row(doc) or self.on_article
        self.on_article = article
        self.item = None
        document = self.service._document(doc)
        queue = self.query_one(QueueView)
        queue.set_cursor(self.article_row.get(doc, queue.cursor))
        cached = self.articles.cached_view(doc)
        self.query_one(RecordPanel).show_markup(self.article_markup(article, cached))
        pane = self.query_one(ArticleView)
        pane.show_article(document)
        if cached is not None:
            self._show_cues(doc, cached, scroll=True)
        else:
            self.schedule_cues(doc)
        self.show_progress()

    def _show_cues(self, doc: str, uncovered: list[tuple[int, int]], *, scroll: bool = False) -> None:
        pane = self.query_one(ArticleView)
        if pane.document_id != doc:
            return
        pane.set_cues(doc, uncovered)
        if self.on_article is not None and self.on_article.document_id == doc:
            # The article row: its summary counts them, and the first one comes into view.
            self.query_one(RecordPanel).show_markup(self.article_markup(self.on_article, uncovered))
            if (scroll or pane.scroll_offset.y == 0) and uncovered and pane.key_span is None:
                pane.scroll_to_offset(uncovered[0][0])

    def article_markup(self, a: Article, cues: list[tuple[int, int]] | None) -> str:
        key = self._key
        name = escape(a.path.rsplit("/", 1)[-1])
        if a.complete and a.decision is not None:
            state = f"[$text-success b]COMPLETE[/] by {escape(a.decision.reviewer)}"
        else:
            state = {"in_progress": "[$text-warning b]in progress[/]", "unreviewed": "[dim]not yet reviewed[/]"}[a.state]
        lines = [
            f"[b]Article[/] {name}  {state}",
            (
                    f"{a.records} record{'s' if a.records != 1 else ''} · {a.undecided} undecided · "
                + (f"{len(cues)} cue sentence{'s' if len(cues) != 1 else ''} no record covers (underlined)"
                   if cues is not None else "[dim]looking for sentences no record covers…[/]")
            ),
        ]
        if a.complete:
            lines.append(f"[b]{key('reopen')}[/] reopens it (to add a record)")
        else:
            lines.append(f"[b]{key('complete')}[/] done: every agreement it reports is in the register"
                         + (" (decide its records first)" if a.undecided else ""))  # fmt: skip
            lines.append(f"[b]{key('add')}[/] add a missed agreement from the selected text: "
                         f"[b]{key('next_cue')}[/] next uncovered cue, [b]]/\\[[/] sentence, [b]⇧→[/] word")  # fmt: skip
        lines.append(f"[b]{key('next')}[/] next record · [b]{key('next_article')}[/]/[b]{key('prev_article')}[/] next/previous article")
        return "\n".join(lines)

    def schedule_cues(self, document_id: str) -> None:
        """Underline the article's uncovered cue sentences once the reviewer stays on it a moment: the cue
        finder costs ~10 ms per new article, which a reviewer deciding quickly should not wait for."""
        timer = getattr(self, "_cue_timer", None)
        if timer is not None:
            timer.stop()

        def mark() -> None:
            if self.query_one(ArticleView).document_id == document_id:
                self._show_cues(document_id, self.articles.view(document_id).uncovered)

        self._cue_timer = self.set_timer(CUE_DELAY_S, mark)

    # ------------------------------------------------------------------ moving between articles
    def goto_row(self, index: int) -> None:
        if not self.rows:
            return
        row = self.rows[max(0, min(index, len(self.rows) - 1))]
        if isinstance(row, Article):
            self.on_article = row
        else:
            self.on_article = None
            self.service.goto(self.queue_index[row.record_id])
        self.show_current()

    def _cursor_row(self) -> int:
        return self.query_one(QueueView).cursor

    def action_next_article(self) -> None:
        self._to_article(1)

    def action_prev_article(self) -> None:
        self._to_article(-1)

    def _to_article(self, step: int) -> None:
        at = self._cursor_row()
        if step < 0 and self.on_article is None:
            doc = self.current_document()
            at = self.article_row.get(doc, at) if doc else at  # "previous" from a record: its own article first
            at += 1
        indexes = range(at + step, len(self.rows)) if step > 0 else range(at - 1, -1, -1)
        for i in indexes:
            if isinstance(self.rows[i], Article):
                self.goto_row(i)
                return
        self.notify("no more articles this way")

    def next_from_article(self) -> None:
        """`n` on an article row: its first undecided record, else the next record after it."""
        start = self._cursor_row() + 1
        for i in range(start, len(self.rows)):
            row = self.rows[i]
            if isinstance(row, QueueItem) and not row.done:
                self.goto_row(i)
                return
        for i in range(start, len(self.rows)):
            if isinstance(self.rows[i], QueueItem):
                self.goto_row(i)
                return

    def next_open_article(self, after_doc: str) -> None:
        """After completing an article: the next one not complete, at its first undecided record."""
        start = self.article_row.get(after_doc, -1) + 1
        for i in range(start, len(self.rows)):
            row = self.rows[i]
            if isinstance(row, Article) and not row.complete:
                if row.undecided:
                    for j in range(i + 1, len(self.rows)):
                        rec = self.rows[j]
                        if isinstance(rec, QueueItem) and rec.document_id == row.document_id and not rec.done:
                            self.goto_row(j)
                            return
                self.goto_row(i)
                return
        self.show_current()
        self.notify("no article after this one is left to review")

    # ------------------------------------------------------------------ complete / reopen
    def action_complete(self) -> None:
        doc = self.current_document()
        if doc is None:
            return
        try:
            self.articles.complete(doc)
        except ArticleConflictError as exc:
            self.notify(str(exc), title="Conflict", severity="error", timeout=8)
        except ReviewError as exc:
            self.notify(str(exc), severity="error")
        else:
            # No toast: the queue's ● and the progress line say it, and toasts would pile up over the record.
            before = self.rows[self.article_row[doc]] if doc in self.article_row else None
            if isinstance(before, Article) and not before.complete:  # counted without re-reading every article
                self.article_counts[before.state] -= 1
                self.article_counts["complete"] += 1
            self.refresh_article_row(doc)
            self.next_open_article(doc)
            return
        self.show_current()

    def action_reopen(self) -> None:
        doc = self.current_document()
        if doc is None:
            return
        try:
            self.articles.reopen(doc)
        except ArticleConflictError as exc:
            self.notify(str(exc), title="Conflict", severity="error", timeout=8)
        except ReviewError as exc:
            self.notify(str(exc), severity="error")
        else:
            self.article_counts = self.articles.counts()
            self.notify("article reopened")
        self.refresh_article_row(doc)
        self.show_current()

    # ------------------------------------------------------------------ adding a record
    def action_add_record(self) -> None:
        from review_tui.screens.edit import EditScreen
        from summariser.review.prefill import blank_record, draft_record

        doc = self.current_document()
        if doc is None:
            self.notify("no article here", severity="warning")
            return
        article = self.refresh_article_row(doc)
        if article is not None and article.complete:
            self.notify(f"this article is complete: {self._key('reopen')} reopens it to add a record", severity="warning")
            return
        document = self.service._document(doc)
        span = self.query_one(ArticleView).selected_span()
        draft = draft_record(document.text, span[0], span[1], document.reported) if span else blank_record()

        def validate(data: dict[str, Any]) -> Any:
            return self.articles.validate_added(doc, data)

        def done(record: AgreementRecord | None) -> None:
            if record is None:
                return
            try:
                self.articles.add_record(doc, record)
            except (ArticleConflictError, ConflictError) as exc:
                self.notify(str(exc), title="Conflict", severity="error", timeout=8)
            except ReviewError as exc:
                self.notify(str(exc), severity="error")
            else:
                self.on_article = None  # the new record is shown, "ADDED by ..."
            self.refresh_queue()

        names = self.service.article_names(doc)
        self.app.push_screen(EditScreen(None, validate, None, names, record=draft, document=document), done)

    # ------------------------------------------------------------------ selecting from the keyboard
    def _pane(self) -> ArticleView:
        return self.query_one(ArticleView)

    def action_sentence(self, step: int) -> None:
        pane = self._pane()
        sentences = pane.sentences()
        if not sentences:
            return
        span = pane.selected_span()
        if span is None:
            top = pane.scroll_offset.y
            at = pane._lines[top].start if pane._lines and top < len(pane._lines) else 0
            chosen = next((s for s in sentences if s[0] >= at), sentences[-1])
        elif step > 0:
            chosen = next((s for s in sentences if s[0] >= span[1]), sentences[-1])
        else:
            chosen = next((s for s in reversed(sentences) if s[1] <= span[0]), sentences[0])
        pane.select_span(chosen)

    def action_extend_sentence(self, step: int) -> None:
        pane = self._pane()
        span = pane.selected_span()
        if span is None:
            self.action_sentence(1)
            return
        ends = [e for _, e in pane.sentences()]
        if step > 0:
            end = next((e for e in ends if e > span[1]), span[1])
        else:
            end = next((e for e in reversed(ends) if span[0] < e < span[1]), span[1])
        pane.select_span((span[0], end))

    def action_extend_word(self, step: int) -> None:
        pane = self._pane()
        span = pane.selected_span()
        if span is None:
            self.action_sentence(1)
            return
        text = pane.text
        if step > 0:
            m = _WORD_END.match(text, span[1])
            end = m.end() if m else span[1]
        else:
            inner = text[span[0] : span[1]].rstrip()
            cut = max(inner.rfind(" "), inner.rfind("\n"))
            end = span[0] + len(inner[:cut].rstrip()) if cut > 0 else span[1]
        pane.select_span((span[0], end))

    def action_next_cue(self) -> None:
        doc = self.current_document()
        if doc is None:
            return
        pane = self._pane()
        cues = self.articles.view(doc).uncovered
        pane.set_cues(doc, cues)
        if not cues:
            self.notify("every sentence that looks like an agreement is covered by a record")
            return
        span = pane.selected_span()
        at = span[0] if span else -1
        pane.select_span(next((c for c in cues if c[0] > at), cues[0]))
