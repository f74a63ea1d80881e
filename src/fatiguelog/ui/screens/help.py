"""The help screen (`?` or F1): the keys of the screen in front, in words.

It lists what that screen answers to right now (the same keys the footer shows, plus the
ones only the hint lines mention), so it is true on every screen and every step without a
separate list to keep up to date. The command palette (ctrl+p) offers the same actions.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer

from fatiguelog.ui.widgets.lines import Line


def _ours(node: DOMNode, action: str) -> bool:
    """Whether `action` is one of fatiguelog's (not a text box's cursor keys and the like)."""
    name = action.split("(", 1)[0]
    target: Any = node
    if "." in name:
        where, name = name.split(".", 1)
        target = node.app if where == "app" else node.screen if where == "screen" else node
    method = getattr(type(target), f"action_{name}", None)
    return bool(method) and str(getattr(method, "__module__", "")).startswith("fatiguelog")


def screen_keys(screen: Screen[Any]) -> Iterator[tuple[str, str, DOMNode, str]]:
    """(key as shown, what it does, where it is bound, action) for every key `screen` answers
    to now, the focused widget's first."""
    app = screen.app
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or not (binding.show or _ours(active.node, binding.action)):
            continue
        yield app.get_key_display(binding), binding.description, active.node, binding.action


class HelpScreen(ModalScreen[None]):
    """Keys of the screen it was opened over; Esc, `?` or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,enter", "close", "Close", key_display="Esc"),
    ]

    def __init__(self, over: Screen[Any]) -> None:
        super().__init__()
        self.over = over

    def compose(self) -> ComposeResult:
        rows: list[str] = []
        seen: set[str] = set()
        for key, description, _node, _action in screen_keys(self.over):
            if description not in seen:
                seen.add(description)
                rows.append(f"{key:>7}  {description}")
        extra = getattr(self.over, "help_lines", None)
        with Vertical(classes="dialog help"):
            yield Line("Keys on this screen", classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                for row in rows:
                    yield Line(row, classes="help-row")
                for line in extra() if callable(extra) else []:
                    yield Line(line, classes="help-row help-extra")
            yield Line(
                "ctrl+p lists every action to pick by name. Esc closes this help.", classes="hint"
            )
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)


__all__ = ["HelpScreen", "screen_keys"]
