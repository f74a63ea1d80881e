"""The two weeks on home: a light table of one line per day, with a row cursor.

Textual's `DataTable` drew the same rows, but mounting it (its module, its CSS, its caches)
cost home's first frame about 128M instructions of 1,300M at 10 years; this draws each line
with the Line API (`render_line`): a header that stays put, the rows scrolled under it.

The picked row is marked by `>` in front of it as well as by the highlight (never by colour
alone). Keys as the DataTable's row cursor had them: up/down, PageUp/PageDown, Home/End
(also with ctrl); Enter or a click selects. It says so with its own messages, `Highlighted`
(another row picked) and `Selected`.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

#: In front of the picked row (and two spaces in front of the others).
MARKER = ">"
#: Between two columns.
GAP = "  "


class RowMessage(Message):
    """A row of a `DayTable`, by its key. (Not a dataclass: making one costs the first
    frame.)"""

    def __init__(self, table: DayTable, key: str) -> None:
        super().__init__()
        self.table = table
        self.key = key

    @property
    def control(self) -> DayTable:
        return self.table


class DayTable(ScrollView, can_focus=True):
    """Rows of plain text cells under a header line, each row with a key (its day)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first", "First", show=False),
        Binding("end,ctrl+end", "last", "Last", show=False),
        Binding("left", "scroll_left", "Left", show=False),
        Binding("right", "scroll_right", "Right", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"daytable--header", "daytable--cursor"}

    #: As few rules as will do: each is parsed before the first frame. (`:nocolor`: app.tcss.)
    DEFAULT_CSS = """
    DayTable {
        background: $surface;
        & > .daytable--header {
            text-style: bold;
            background: $panel;
        }
        & > .daytable--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .daytable--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    class Highlighted(RowMessage):
        """Another row is picked (by a key, a click or `move_cursor`)."""

    class Selected(RowMessage):
        """The picked row is opened (Enter, or a click on it)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._labels: tuple[str, ...] = ()
        self._rows: list[tuple[str, ...]] = []
        self._keys: list[str] = []
        self._cursor = 0
        self._widths: list[int] = []
        self._styles: tuple[Style, Style, Style] | None = None  # (base, header, cursor)

    # --- what it holds ------------------------------------------------------------------
    @property
    def column_labels(self) -> tuple[str, ...]:
        return self._labels

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def row_keys(self) -> tuple[str, ...]:
        return tuple(self._keys)

    @property
    def cursor_row(self) -> int:
        """The index of the picked row (0 when there are none)."""
        return min(self._cursor, max(len(self._rows) - 1, 0))

    @property
    def cursor_key(self) -> str | None:
        """The key of the picked row, None while there are no rows."""
        return self._keys[self.cursor_row] if self._rows else None

    def row(self, key: str) -> tuple[str, ...]:
        """The cells of the row with this key (KeyError when there is none)."""
        if key not in self._keys:
            raise KeyError(key)
        return self._rows[self._keys.index(key)]

    def set_columns(self, *labels: str) -> None:
        self._labels = labels
        self._changed()

    def clear(self) -> None:
        """No rows (the picked index is kept: rows read again keep the same day picked)."""
        self._rows.clear()
        self._keys.clear()
        self._changed()

    def add_row(self, *cells: str, key: str) -> None:
        self._rows.append(cells)
        self._keys.append(key)
        self._changed(cells)

    def _changed(self, added: tuple[str, ...] | None = None) -> None:
        """The columns' widths and the size to scroll (only the row `added` measured)."""
        if added is None:
            widths = [cell_len(label) for label in self._labels]
            rows = self._rows
        else:
            widths, rows = self._widths, [added]
        for cells in rows:
            for index, cell in enumerate(cells):
                if index < len(widths):
                    widths[index] = max(widths[index], cell_len(cell))
                else:
                    widths.append(cell_len(cell))
        self._widths = widths
        width = cell_len(MARKER) + 1 + sum(widths) + len(GAP) * max(len(widths) - 1, 0)
        self.virtual_size = Size(width, len(self._rows) + 1)  # (+1: the header)
        self.refresh()

    # --- the cursor ---------------------------------------------------------------------
    def move_cursor(self, row: int, *, scroll: bool = True) -> None:
        """Pick row `row` (kept within the rows); `Highlighted` when another row is picked."""
        before = self.cursor_key
        self._cursor = max(0, min(row, len(self._rows) - 1))
        if scroll:
            self.scroll_to_cursor()
        self.refresh()
        if self.cursor_key is not None and self.cursor_key != before:
            self.post_message(self.Highlighted(self, self.cursor_key))

    def scroll_to_cursor(self) -> None:
        """The picked row in view, under the header (after the next layout when not yet
        laid out)."""
        if not self.size.height:
            self.call_after_refresh(self.scroll_to_cursor)
            return
        shown = max(self.scrollable_content_region.height - 1, 1)
        top = round(self.scroll_y)
        row = self.cursor_row
        if row < top:
            self.scroll_to(y=row, animate=False, force=True)
        elif row >= top + shown:
            self.scroll_to(y=row - shown + 1, animate=False, force=True)

    def on_resize(self) -> None:
        """Fewer rows fit (a smaller terminal, a message above): the picked one stays in
        view."""
        self.scroll_to_cursor()

    def _page(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row - self._page())

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row + self._page())

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._rows) - 1)

    def action_select(self) -> None:
        if self.cursor_key is not None:
            self.post_message(self.Selected(self, self.cursor_key))

    def on_click(self, event: events.Click) -> None:
        """A click on a row picks it and opens it (as the DataTable did); on the header,
        nothing."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        row = round(self.scroll_y) + offset.y - 1
        if row < len(self._rows):
            self.focus()
            self.move_cursor(row, scroll=False)
            self.action_select()

    def on_focus(self) -> None:
        self._styles = None  # (the cursor's style follows the focus)
        self.refresh()

    def on_blur(self) -> None:
        self._styles = None
        self.refresh()

    def notify_style_update(self) -> None:
        """(A theme change, a class: the styles are looked up again.)"""
        self._styles = None
        super().notify_style_update()

    def _line_styles(self) -> tuple[Style, Style, Style]:
        """(base, header, cursor), looked up once for all the lines of a frame (each look-up
        walks the styles of every ancestor)."""
        if self._styles is None:
            base = self.rich_style
            self._styles = (
                base,
                base + self.get_component_rich_style("daytable--header"),
                base + self.get_component_rich_style("daytable--cursor"),
            )
        return self._styles

    # --- drawing ------------------------------------------------------------------------
    def line_text(self, cells: tuple[str, ...], picked: bool) -> str:
        """One line as it is drawn (before the view's left and right edges cut it)."""
        mark = MARKER if picked else " " * cell_len(MARKER)
        parts = [
            cell + " " * (width - cell_len(cell))
            for cell, width in zip(cells, self._widths, strict=False)
        ]
        return f"{mark} {GAP.join(parts)}".rstrip()

    def render_line(self, y: int) -> Strip:
        width = self.size.width - self.scrollbar_size_vertical
        base, header, cursor = self._line_styles()
        if y == 0:
            text = self.line_text(self._labels, picked=False)
            style = header
        else:
            row = round(self.scroll_y) + y - 1
            if row >= len(self._rows):
                return Strip.blank(width, base)
            picked = row == self.cursor_row
            text = self.line_text(self._rows[row], picked)
            style = cursor if picked else base
        left = round(self.scroll_x)
        strip = Strip([Segment(text, style)], cell_len(text))
        return strip.crop_extend(left, left + width, style)

    def lines(self) -> list[str]:
        """The text of the lines in view, as on screen (the header first)."""
        height = self.scrollable_content_region.height
        return [self.render_line(y).text.rstrip() for y in range(height)]
