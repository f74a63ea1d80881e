"""Radio buttons and checkboxes whose state shows as a symbol, not only as a colour.

Textual draws an on and an off toggle with the same glyph in different colours; here an
unchosen radio button is empty ("▐ ▌") and a chosen one filled ("▐●▌"), an unticked box is
empty and a ticked one holds an "X", in any theme and on a monochrome terminal.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


class MarkedRadioButton(RadioButton):
    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else " "
        return super()._button


class MarkedCheckbox(Checkbox):
    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button


__all__ = ["MarkedCheckbox", "MarkedRadioButton"]
