"""Command palette entries: queue filters and export."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from summariser.review.model import QueueFilter
from summariser.review.queue import documents
from summariser.schema import AgreementType

if TYPE_CHECKING:
    from review_tui.app import ReviewApp

PROBLEM_FLAGS = frozenset({"ungrounded", "fuzzy", "party_not_in_text"})


class ReviewCommands(Provider):
    def _commands(self) -> list[tuple[str, object, str]]:
        app: ReviewApp = self.app  # type: ignore[assignment]
        cmds: list[tuple[str, object, str]] = []
        for state in ("undecided", "decided", "accepted", "edited", "rejected", "skipped"):
            cmds.append((f"Filter: {state}", partial(self._filter, state=state), f"show only {state} records"))
        cmds.append(("Filter: all records", partial(self._filter, clear=True), "clear every filter"))
        for state, words in (("unreviewed", "not yet reviewed"), ("in_progress", "in progress"),
                             ("complete", "complete"), ("no_records", "with no records")):  # fmt: skip
            cmds.append((f"Articles: {words}", partial(self._articles, state), f"show only articles {words}"))
        cmds.append(("Articles: all", partial(self._articles, None), "every article"))
        cmds.append(("Filter: grounding problems", partial(self._filter, flags=PROBLEM_FLAGS),
                     "ungrounded or fuzzy quotes, parties not in the article"))
        cmds.append(("Filter: no date", partial(self._filter, flags=frozenset({"no_date"})), "records without a signing date"))
        for t in AgreementType:
            cmds.append((f"Filter: type {t.value}", partial(self._filter, agreement_type=t.value), ""))
        for doc_id, path in documents(app.service.conn)[:200]:
            cmds.append((f"Filter: document {path}", partial(self._filter, document_id=doc_id), doc_id[:12]))
        cmds.append(("Export accepted and edited records (JSON)", self._export, "writes register.json in the current folder"))
        return cmds

    def _filter(self, *, clear: bool = False, **changes: object) -> None:
        app: ReviewApp = self.app  # type: ignore[assignment]
        current = app.service.filter
        if clear:
            new = QueueFilter()
        else:
            fields = {k: getattr(current, k) for k in ("state", "document_id", "agreement_type", "flags", "text", "documents")}
            fields.update(changes)
            new = QueueFilter(**fields)  # type: ignore[arg-type]
        app.review_screen.apply_filter(new)

    def _articles(self, state: str | None) -> None:
        app: ReviewApp = self.app  # type: ignore[assignment]
        app.review_screen.apply_article_filter(state)

    def _export(self) -> None:
        from review_tui.export import export_in_background

        export_in_background(self.app)  # type: ignore[arg-type]

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)  # type: ignore[arg-type]
