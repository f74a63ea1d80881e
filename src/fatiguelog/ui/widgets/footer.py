"""The check-in's footer. Apart from `fields`, which home imports: Textual's Footer (its
module and its CSS) is not needed for home's first frame, so home brings it in after it."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    """Textual's Footer, rebuilt only when the keys it shows change.

    Textual's rebuilds every key widget of the footer on each bindings update (a focus change,
    `refresh_bindings`), and a check-in step spent most of its time doing that for the same
    keys. This keeps the keys it last showed, and asks for a rebuild only when they differ.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple[Any, ...] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        shown = tuple(
            (binding.key, binding.description, binding.action, enabled, tooltip)
            for _node, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._shown and self.is_attached and screen is self.screen:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # (else Textual's own waits: ask again next time)
        super().bindings_changed(screen)
