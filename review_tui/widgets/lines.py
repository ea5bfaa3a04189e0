"""A ScrollView base for widgets that paint their own lines (Textual's Line API)."""

from __future__ import annotations

from rich.style import Style
from textual.scroll_view import ScrollView


class LineView(ScrollView):
    """Keeps the widget's base style for the length of one paint.

    `rich_style` walks every ancestor; asking for it once per line made long paints noticeably slower.
    Subclasses use `self.base_style` inside `render_line`.
    """

    _paint_style: Style | None = None

    @property
    def base_style(self) -> Style:
        return self._paint_style or self.rich_style

    def render_lines(self, crop):  # type: ignore[no-untyped-def]
        self._paint_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._paint_style = None
