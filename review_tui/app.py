"""ReviewApp: opens the review service over a store and shows the review screen."""

from __future__ import annotations

from textual.app import App

from summariser.review.service import ReviewService
from review_tui.commands import ReviewCommands
from review_tui.screens.review import ReviewScreen


class ReviewApp(App[None]):
    TITLE = "summarise review"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {ReviewCommands}
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def __init__(self, store, reviewer: str, *, keys: dict[str, str] | None = None, theme: str | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.store = store
        self.service = ReviewService(store, reviewer)
        self._keys = dict(keys or {})
        if theme:
            self.theme = theme

    def on_mount(self) -> None:
        if self._keys:
            # Settings.keys maps binding ids (accept, reject, ...) to keys, e.g. {"accept": "y"}.
            self.set_keymap(self._keys)
        self.push_screen(ReviewScreen(self.service))

    @property
    def review_screen(self) -> ReviewScreen:
        return next(s for s in self.screen_stack if isinstance(s, ReviewScreen))
