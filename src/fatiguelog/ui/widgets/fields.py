"""Small shared widget helpers: safe text, and inputs that obey the app's blink setting."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widgets import Button, Input, Static

from fatiguelog.textsafe import strip_controls


def safe(text: str, *, one_line: bool = False) -> Content:
    """User text as plain content: never markup, never a terminal control sequence."""
    return Content(strip_controls(text, one_line=one_line))


def show_choice(button: Button, label: str, chosen: bool) -> None:
    """Mark the chosen button in text too ("[7]"), not by colour alone. As Content: a label
    string would be read as markup, and "[y  Yes]" would vanish as an unknown tag."""
    button.set_class(chosen, "-selected")
    button.label = Content(f"[{label}]" if chosen else label)


class TextField(Input):
    """An Input whose cursor blinks unless the app says not to (stable screenshots)."""

    def on_mount(self) -> None:
        self.cursor_blink = getattr(self.app, "blink", True)


class Line(Static):
    """A one-line label whose text is never parsed as markup."""

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(safe(text), **kwargs)

    def say(self, text: str) -> None:
        self.update(safe(text))


class NumberField(TextField):
    """A number box where `s` still skips the question (it can't be part of a number)."""

    async def _on_key(self, event: events.Key) -> None:
        if event.character == "s":
            event.stop()
            event.prevent_default()
            # Run it on the screen's queue: skipping removes this very widget.
            screen = self.screen
            screen.call_later(screen.run_action, "skip")
            return
        await super()._on_key(event)
