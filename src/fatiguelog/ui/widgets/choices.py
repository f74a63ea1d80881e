"""Radio buttons and checkboxes whose state shows as a symbol, not only as a colour.

Textual draws an on and an off toggle with the same glyph in different colours; here an
unchosen radio button is empty ("▐ ▌") and a chosen one filled ("▐●▌"), an unticked box is
empty and a ticked one holds an "X", in any theme and on a monochrome terminal.

Only Textual's public names are used: `BUTTON_INNER` (the glyph inside the button, a class
attribute Textual documents for this) set on the instance whenever `value` changes, through the
`watch_value` watcher that `ToggleButton` itself declares (called, then Textual's own).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Checkbox, OptionList, RadioButton


class MarkedRadioButton(RadioButton):
    #: The glyph inside the button: (off, on).
    MARKS: ClassVar[tuple[str, str]] = (" ", "●")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.BUTTON_INNER = self.MARKS[self.value]

    def watch_value(self) -> None:
        self.BUTTON_INNER = self.MARKS[self.value]
        super().watch_value()

    def render(self) -> Content:
        """The button Up/Down has come to in a focused set (what Space chooses) ends in "◀",
        not only in a colour; the chosen one is the filled "●"."""
        content = super().render()
        parent = self.parent
        if self.has_class("-selected") and isinstance(parent, Widget) and parent.has_focus:
            return content + Content(" ◀")
        return content


class MarkedCheckbox(Checkbox):
    #: The glyph inside the box: (off, on).
    MARKS: ClassVar[tuple[str, str]] = (" ", "X")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.BUTTON_INNER = self.MARKS[self.value]

    def watch_value(self) -> None:
        self.BUTTON_INNER = self.MARKS[self.value]
        super().watch_value()


class MarkedOptionList(OptionList):
    """A list whose picked line carries a "▶" in front (the others two spaces), not only a
    colour: the dose or bowel movement that c changes and Delete removes. `show` sets the
    lines (already safe `Content`); the mark follows `highlighted` through its watcher."""

    MARK: ClassVar[tuple[str, str]] = ("  ", "▶ ")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown_lines: list[Content] = []

    def show(self, lines: list[Content]) -> None:
        """Replace every line (the highlight is set by the caller afterwards)."""
        self._shown_lines = []  # (the watcher leaves the list alone while it is refilled)
        self.clear_options()
        self.add_options([Content(self.MARK[False]) + line for line in lines])
        self._shown_lines = list(lines)
        self._mark(self.highlighted)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self._mark(highlighted)

    def _mark(self, highlighted: int | None) -> None:
        if len(self._shown_lines) != self.option_count:
            return
        for index, line in enumerate(self._shown_lines):
            marked = Content(self.MARK[index == highlighted]) + line
            if str(self.get_option_at_index(index).prompt) != marked.plain:
                self.replace_option_prompt_at_index(index, marked)


__all__ = ["MarkedCheckbox", "MarkedOptionList", "MarkedRadioButton"]
