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

from textual.widgets import Checkbox, RadioButton


class MarkedRadioButton(RadioButton):
    #: The glyph inside the button: (off, on).
    MARKS: ClassVar[tuple[str, str]] = (" ", "●")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.BUTTON_INNER = self.MARKS[self.value]

    def watch_value(self) -> None:
        self.BUTTON_INNER = self.MARKS[self.value]
        super().watch_value()


class MarkedCheckbox(Checkbox):
    #: The glyph inside the box: (off, on).
    MARKS: ClassVar[tuple[str, str]] = (" ", "X")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.BUTTON_INNER = self.MARKS[self.value]

    def watch_value(self) -> None:
        self.BUTTON_INNER = self.MARKS[self.value]
        super().watch_value()


__all__ = ["MarkedCheckbox", "MarkedRadioButton"]
