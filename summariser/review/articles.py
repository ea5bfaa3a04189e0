"""Articles as the unit of review, headless: the article queue, records a reviewer adds, completing and
reopening an article, and one undo stack over record and article decisions.

Built on a `ReviewService` (records, decisions, two-reviewer versions) and sharing its transactions: an
added record or an article decision is committed, with its audit event, before a method returns.

Two reviewers: what this reviewer last saw of an article is its *token* (decision version, records ever
added). Completing, reopening or adding from an older token is refused with `ArticleConflictError` and a
`conflict` event, as record decisions are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from summariser.review.cues import agreement_cue_spans, uncovered
from summariser.review.model import Decision, EditError, Event, QueueFilter, ReviewError, State
from summariser.review.service import ReviewService
from summariser.schema import AgreementRecord
from summariser.store.articles import (
    ARTICLE_FILTERS,
    Article,
    ArticleDecision,
    ArticleEvent,
    Counts,
    article_decision,
    article_event,
    article_token,
    insert_added_record,
    last_undoable_article_event,
    load_articles,
    shown_records_json,
    write_article_decision,
)
from summariser.store.db import utcnow


class ArticleConflictError(ReviewError):
    """Another reviewer changed the article (decided it, or added a record) since this one saw it."""

    def __init__(self, document_id: str, theirs: ArticleDecision | None) -> None:
        self.document_id = document_id
        self.theirs = theirs
        who = f"{theirs.reviewer} marked it {theirs.state}" if theirs else "someone added a record to it"
        super().__init__(f"conflict: {who} meanwhile; nothing was written (look again, then retry)")


@dataclass(frozen=True)
class ArticleView:
    """What the article pane needs: the article, its cue sentences and those no record covers."""

    article: Article
    cues: list[tuple[int, int]]
    uncovered: list[tuple[int, int]]


class ArticleReview:
    def __init__(self, service: ReviewService, *, state_filter: str | None = None) -> None:
        self.service = service
        self.conn = service.conn
        self.reviewer = service.reviewer
        self.state_filter = state_filter
        self.articles: list[Article] = []
        self._seen: dict[str, tuple[int, int]] = {}
        self._cues: dict[str, list[tuple[int, int]]] = {}
        self.reload()

    # ------------------------------------------------------------------ reading
    def set_filter(self, state_filter: str | None) -> None:
        """Show only articles in this state (or `no_records`); None shows every article."""
        if state_filter is not None and state_filter not in ARTICLE_FILTERS:
            raise ReviewError(f"unknown article filter {state_filter!r}; expected one of {', '.join(ARTICLE_FILTERS)}")
        self.state_filter = state_filter
        self.reload()

    def reload(self) -> None:
        """Re-read the article list under the current filter."""
        articles = load_articles(self.conn, counts=self._queue_counts())
        f = self.state_filter
        if f == "no_records":
            articles = [a for a in articles if not a.records]
        elif f:
            articles = [a for a in articles if a.state == f]
        self.articles = articles

    def _queue_counts(self) -> Counts | None:
        """Counts per article from the service's queue when it lists every record (no filter): 10,000
        records are counted in Python faster than SQLite reads them; the service keeps their states current."""
        if self.service.filter != QueueFilter():
            return None
        counts: dict[str, list[int]] = {}
        for q in self.service.queue:
            c = counts.setdefault(q.document_id, [0, 0, 0])
            c[0] += 1
            c[1] += q.state is None or q.state is State.skipped
            c[2] += q.state is not None
        return {k: (a, b, c) for k, (a, b, c) in counts.items()}

    def article(self, document_id: str) -> Article:
        """The article read fresh; what this reviewer now saw of it is remembered for later writes."""
        found = load_articles(self.conn, document_id)
        if not found:
            raise ReviewError(f"article {document_id[:12]} is not in the store (or has no successful extraction)")
        self._seen[document_id] = article_token(self.conn, document_id)
        return found[0]

    def view(self, document_id: str) -> ArticleView:
        """The article with its cue sentences, marking those that no current record's evidence covers."""
        article = self.article(document_id)
        if document_id not in self._cues:
            self._cues[document_id] = agreement_cue_spans(self.service._document(document_id).text)
        cues = self._cues[document_id]
        return ArticleView(article, cues, uncovered(cues, self._records(document_id)))

    def cached_view(self, document_id: str) -> list[tuple[int, int]] | None:
        """The uncovered cue sentences when the article's cues were already found (cheap), else None."""
        if document_id not in self._cues:
            return None
        return uncovered(self._cues[document_id], self._records(document_id))

    def _records(self, document_id: str) -> list[AgreementRecord]:
        return [AgreementRecord.model_validate_json(j) for j in shown_records_json(self.conn, document_id)]

    def counts(self) -> dict[str, int]:
        """Articles by review state over the whole store (not only the filtered list)."""
        out = {"unreviewed": 0, "in_progress": 0, "complete": 0}
        for a in load_articles(self.conn, counts=self._queue_counts()):
            out[a.state] += 1
        return out

    # ------------------------------------------------------------------ adding a record
    def add_record(self, document_id: str, data: dict[str, Any] | AgreementRecord) -> str:
        """Add the reviewer's record to the article; returns its id. Validated like an edit (every quote
        grounded in the article) and it needs one quote at least. Refused on a complete article."""
        record = self.validate_added(document_id, data)
        text = self.service._document(document_id).text
        with self.service._transaction():
            token = article_token(self.conn, document_id)
            decision = article_decision(self.conn, document_id)
            stale = self._seen.get(document_id, token) != token
            rid: str | None = None
            if stale:
                article_event(self.conn, document_id, self.reviewer, utcnow(), "conflict", decision, None)
            else:
                if decision is not None and decision.state == "complete":
                    raise ReviewError("this article is marked complete: reopen it before adding a record")
                at = utcnow()
                rid = insert_added_record(self.conn, document_id, text, record, self.reviewer, at)
                if rid is None:
                    raise ReviewError("this article has no successful extraction to add to: run `summarise extract` on it")
                after = Decision(rid, State.added, self.reviewer, None, None, at, 1)
                self.service._write(after)
                self.service._event(rid, "add", None, after)
        self._seen[document_id] = token if stale else article_token(self.conn, document_id)
        if stale or rid is None:
            raise ArticleConflictError(document_id, decision)
        self.service._seen[rid] = 1
        self.service.reload()
        self.service.goto_record(rid)
        return rid

    def validate_added(self, document_id: str, data: dict[str, Any] | AgreementRecord) -> AgreementRecord:
        """A new record as `add_record` would store it (quotes grounded, one at least); else EditError."""
        record = self.service.validate_for(document_id, data)
        if not record.evidence:
            raise EditError({"evidence": "an added record needs at least one quote from the article"})
        return record

    # ------------------------------------------------------------------ complete / reopen
    def complete(self, document_id: str) -> ArticleDecision:
        """Mark the article complete; refused while any of its records is undecided (or skipped)."""
        return self._decide(document_id, "complete")

    def reopen(self, document_id: str) -> ArticleDecision:
        return self._decide(document_id, "reopened")

    def _decide(self, document_id: str, state: str) -> ArticleDecision:
        with self.service._transaction():
            token = article_token(self.conn, document_id)
            before = article_decision(self.conn, document_id)
            after = ArticleDecision(document_id, state, self.reviewer, utcnow(), token[0] + 1)
            stale = self._seen.get(document_id, token) != token
            if stale:
                article_event(self.conn, document_id, self.reviewer, after.decided_at, "conflict", before, after)
            else:
                self._check(document_id, state, before)
                write_article_decision(self.conn, after)
                article_event(self.conn, document_id, self.reviewer, after.decided_at,
                              "complete" if state == "complete" else "reopen", before, after)  # fmt: skip
        if stale:
            self._seen[document_id] = token
            raise ArticleConflictError(document_id, before)
        self._seen[document_id] = (after.version, token[1])
        return after

    def _check(self, document_id: str, state: str, before: ArticleDecision | None) -> None:
        is_complete = before is not None and before.state == "complete"
        if state == "complete":
            if is_complete:
                raise ReviewError("this article is already marked complete")
            found = load_articles(self.conn, document_id)
            if not found:
                raise ReviewError("this article has no successful extraction: run `summarise extract` on it")
            if found[0].undecided:
                n = found[0].undecided
                raise ReviewError(
                    f"{n} record{'s' if n > 1 else ''} of this article still need{'' if n > 1 else 's'} a decision"
                    " (accept, edit or reject); the article was not marked complete"
                )
        elif not is_complete:
            raise ReviewError("only a complete article can be reopened")

    # ------------------------------------------------------------------ undo
    def undo(self) -> Event | ArticleEvent | None:
        """Undo this reviewer's last decision not yet undone, record or article alike (stack order)."""
        record_target = self.service._undo_target()
        article_target = last_undoable_article_event(self.conn, self.reviewer)
        if article_target is not None and (record_target is None or article_target.at > record_target.at):
            return self._undo_article(article_target)
        event = self.service.undo()
        if event is not None and record_target is not None and record_target.action == "add":
            # The added record is withdrawn: it leaves the queue.
            self.service.reload()
        return event

    def _undo_article(self, target: ArticleEvent) -> ArticleEvent:
        doc = target.document_id
        with self.service._transaction():
            current = article_decision(self.conn, doc)
            token = article_token(self.conn, doc)
            conflict = target.after is None or not target.after.same(current)
            if conflict:
                article_event(self.conn, doc, self.reviewer, utcnow(), "conflict", current, target.before)
            else:
                b = target.before
                restored = ArticleDecision(
                    doc, b.state if b else "open", b.reviewer if b else self.reviewer,
                    b.decided_at if b else utcnow(), token[0] + 1,
                )  # fmt: skip
                write_article_decision(self.conn, restored)
                event_id = article_event(self.conn, doc, self.reviewer, utcnow(), "undo", current, restored)
        if conflict:
            raise ArticleConflictError(doc, current)
        self._seen[doc] = (restored.version, token[1])
        return ArticleEvent(event_id, doc, self.reviewer, restored.decided_at, "undo", current, restored)
