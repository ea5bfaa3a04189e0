"""The key bar: the screen's shown bindings on one line, like Textual's compact Footer, as a single widget.

Footer builds a widget per key and recomposes them whenever the bindings change (twice while the review
screen starts, then once more laid out on the first keypress): ~40 ms of start-up and a slow first decision.
This draws the same line as one Text and repaints only itself. Keys remapped in the settings show as remapped
(`App.get_key_display`); a click on a key presses it.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget


class KeyBar(Widget):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--separator"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .keybar--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
        & > .keybar--description { color: $footer-description-foreground; background: $footer-description-background; }
        & > .keybar--separator { color: $foreground 20%; }
    }
    """

    def __init__(self, *, id: str | None = None, drop_order: tuple[str, ...] = ()) -> None:
        """`drop_order`: binding ids to leave out, first to last, while the keys do not fit the width
        (rather than cutting off whichever keys come last)."""
        super().__init__(id=id)
        self._drop_order = drop_order
        self._hits: list[tuple[int, int, str]] = []  # (first column, end column, key) of each shown key

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: object) -> None:
        self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        desc_style = self.get_component_rich_style("keybar--description")
        app = self.app
        shown, seen = [], set()
        palette = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if app.ENABLE_COMMAND_PALETTE and binding.key == app.COMMAND_PALETTE_BINDING:
                palette = (binding, enabled)
            elif binding.show and binding.action not in seen:  # one entry per action, as Footer shows
                seen.add(binding.action)
                shown.append((binding, enabled))
        right = Text()
        if palette is not None:
            binding, enabled = palette
            right.append("▏", self.get_component_rich_style("keybar--separator"))
            right.append(app.get_key_display(binding), key_style)
            right.append(" " + binding.description, desc_style)
            right.append(" ")  # Footer's right margin after its last key
        width = self.size.width
        shown = self._fit(shown, width - right.cell_len)
        left, hits = Text(), []
        for binding, enabled in shown:
            start = left.cell_len
            left.append(app.get_key_display(binding), key_style + (_DIM if not enabled else _PLAIN))
            left.append(" " + binding.description, desc_style + (_DIM if not enabled else _PLAIN))
            hits.append((start, left.cell_len, binding.key))
            left.append(" ")
        left.truncate(max(0, width - right.cell_len), pad=True)
        if palette is not None:
            hits.append((width - right.cell_len + 1, width - 1, palette[0].key))
        self._hits = [h for h in hits if h[1] <= width]
        left.append_text(right)
        left.stylize_before(self.rich_style)
        return left

    def _fit(self, shown: list, room: int) -> list:  # type: ignore[type-arg]
        def length(entries: list) -> int:  # type: ignore[type-arg]
            # "key description " each; the last one's space may give way to the palette's separator
            return sum(cell_len(self.app.get_key_display(b)) + cell_len(b.description) + 2 for b, _ in entries) - 1

        for binding_id in self._drop_order:
            if length(shown) <= room:
                break
            shown = [(b, e) for b, e in shown if b.id != binding_id]
        return shown

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._hits:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return


_DIM = Style(dim=True)
_PLAIN = Style()
