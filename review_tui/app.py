"""ReviewApp: opens the review service over a store and shows the review screen."""

from __future__ import annotations

import gc

from textual.app import App
from textual.binding import Binding

from review_tui.commands import ReviewCommands
from review_tui.screens.review import ReviewScreen
from summariser.review.articles import ArticleReview
from summariser.review.service import ReviewService


def _freeze_gc() -> None:
    gc.freeze()
    gc.enable()


class ReviewApp(App[None]):
    TITLE = "summarise review"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {ReviewCommands}
    # q (the review screen's, remappable) is the one the key bar shows; ctrl+q always quits as well.
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(  # type: ignore[no-untyped-def]
        self, store, reviewer: str, *, keys: dict[str, str] | None = None, theme: str | None = None,
        freeze_gc: bool = False, document: str | None = None,
    ) -> None:
        """`freeze_gc`: once the first record is on screen, move every object made so far out of the garbage
        collector's sight (`gc.freeze`) and switch collection back on. The start-up objects (queue, widgets,
        modules) live as long as the app, and scanning them made a full collection pause a keypress by ~50 ms.
        For a process that runs only this app (the `summarise review` command, which also turns the
        collector off while it starts); never in tests, where apps come and go. `document`: the id of the
        article to open at (`summarise review --document`)."""
        super().__init__()
        self.store = store
        self.service = ReviewService(store, reviewer)
        self.articles = ArticleReview(self.service)
        self._document = document  # open at this article (its id)
        self._keys = dict(keys or {})
        self._freeze_gc = freeze_gc
        if theme:
            self.theme = theme

    def on_mount(self) -> None:
        if self._keys:
            # Settings.keys maps binding ids (accept, reject, ...) to keys, e.g. {"accept": "y"}.
            self.set_keymap(self._keys)
        self.push_screen(ReviewScreen(self.service, self.articles, start_document=self._document))
        if self._freeze_gc:
            self.call_after_refresh(_freeze_gc)

    @property
    def review_screen(self) -> ReviewScreen:
        return next(s for s in self.screen_stack if isinstance(s, ReviewScreen))
