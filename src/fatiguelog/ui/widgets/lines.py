"""Lines of text whose words are never markup: what home's first frame needs, apart from the
input boxes of `fields` (each Textual widget class, Input's with its many bindings most of
all, costs the first frame when its module is imported)."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from fatiguelog.textsafe import strip_controls


def safe(text: str, *, one_line: bool = False) -> Content:
    """User text as plain content: never markup, never a terminal control sequence."""
    return Content(strip_controls(text, one_line=one_line))


class Line(Static):
    """A one-line label whose text is never parsed as markup."""

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(safe(text), **kwargs)
        self.text = strip_controls(text)

    def say(self, text: str) -> None:
        self.text = strip_controls(text)
        self.update(safe(text))


class Note(Line):
    """A line that takes no room while it has nothing to say (an error, a passing remark):
    small terminals need every row."""

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self.display = bool(text)

    def say(self, text: str) -> None:
        super().say(text)
        self.display = bool(text)
