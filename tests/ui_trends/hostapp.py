"""A tiny host app for the screens under test (the real app shell lives elsewhere)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static


class HostApp(App[None]):
    """Shows a blank home screen, then pushes the screen a test gives it."""

    #: No cursor blink, as the app in tests: a slow machine's screenshot never catches one.
    blink = False

    def __init__(self, make_screen) -> None:
        super().__init__()
        self._make_screen = make_screen

    def compose(self) -> ComposeResult:
        yield Static("home")

    def on_mount(self) -> None:
        self.push_screen(self._make_screen())


def screen_of(app: App) -> Screen:
    return app.screen


__all__ = ["HostApp", "Path"]
