"""Small shared widget helpers: inputs that obey the app's blink setting, a choice marked in
text, a line that fits its width. (`safe`, `Line` and `Note` live in `lines`, which home
imports without the input classes.)"""

from __future__ import annotations

import re
from typing import Any

from textual import events
from textual.content import Content
from textual.widgets import Button, Input

from fatiguelog.textsafe import for_input, strip_controls
from fatiguelog.ui.widgets.lines import Line

__all__ = [
    "FittedLine",
    "NumberField",
    "TextField",
    "ValueField",
    "show_choice",
]


def show_choice(button: Button, label: str, chosen: bool) -> None:
    """Mark the chosen button in text too ("[7]"), not by colour alone. As Content: a label
    string would be read as markup, and "[y  Yes]" would vanish as an unknown tag."""
    button.set_class(chosen, "-selected")
    button.label = Content(f"[{label}]" if chosen else label)


class TextField(Input):
    """An Input whose cursor blinks unless the app says not to (stable screenshots), whose
    value never carries a control or bidi character from a file, and which takes a paste
    whole (its first line, trimmed when the box takes one value: a number or a time)."""

    #: A box for one value (a number, a time): a paste is trimmed of the spaces around it.
    ONE_VALUE = False

    def __init__(self, value: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(None if value is None else for_input(value), *args, **kwargs)

    def on_mount(self) -> None:
        self.cursor_blink = getattr(self.app, "blink", True)

    def on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # instead of Input's own paste, which drops a refused paste
        event.stop()
        lines = event.text.splitlines()
        text = for_input(lines[0] if lines else "")
        if self.restrict or self.ONE_VALUE:
            text = text.strip()
        if not text:
            return
        start, end = sorted(self.selection)
        candidate = self.value[:start] + text + self.value[end:]
        if (self.restrict and re.fullmatch(self.restrict, candidate) is None) or (
            self.max_length and len(candidate) > self.max_length
        ):
            self.app.notify(
                f"'{text[:20]}' can't go in this box.", markup=False, severity="warning"
            )
            return
        self.replace(text, start, end)


class ValueField(TextField):
    """A box for one number or time. It takes every key typed, letters too: a key dropped
    without a word ("7.40pm" kept as "7.40", "2l" as "2") would change the value silently,
    so what can't be used is refused with a sentence instead."""

    ONE_VALUE = True

    def __init__(self, value: str | None = None, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 24)  # longer is never a number or a time anyway
        super().__init__(value, *args, **kwargs)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """`?` is never part of a number or a time: it is left to the screen's and the app's
        bindings (the help), as on every screen without a text box."""
        return character != "?" and super().check_consume_key(key, character)

    def on_key(self, event: events.Key) -> None:
        if event.character == "?":
            event.prevent_default()  # not into the box: on up to the help binding


class NumberField(ValueField):
    """A step's number box, where `s` skips the question until something is typed in it;
    then `s` is a letter like any other (a unit: "7 hours" is read, not skipped halfway
    through), and ctrl+s skips."""

    def __init__(self, value: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(value, *args, **kwargs)
        self.filled = self.value  # what the box showed when the step opened

    def on_key(self, event: events.Key) -> None:
        if event.character == "s" and self.value in ("", self.filled):
            event.stop()
            event.prevent_default()
            # Run it on the screen's queue: skipping removes this very widget.
            screen = self.screen
            screen.call_later(screen.run_action, "skip")


class FittedLine(Line):
    """A one-line label given several wordings, longest first: it shows the longest that fits
    its width, so what matters most (kept at the end of every wording, e.g. "Step 3 of 18")
    is never cut off on a narrow terminal."""

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self.wordings: tuple[str, ...] = (text,)

    def say_fitted(self, *wordings: str) -> None:
        self.wordings = tuple(strip_controls(w, one_line=True) for w in wordings)
        self.refresh()

    def render(self) -> Content:
        width = self.size.width
        for wording in self.wordings:
            if width <= 0 or Content(wording).cell_length <= width:
                return Content(wording)
        return Content(self.wordings[-1])

    def on_resize(self) -> None:
        self.refresh()
