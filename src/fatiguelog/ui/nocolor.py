"""`NO_COLOR` (https://no-color.org): when it is set to anything but "", no colour at all.

Textual's own handling of `NO_COLOR` turns colours into shades of grey: still colour escape
sequences (`38;2;r;g;b`), which a terminal without colour, or a person who asked for none,
gets anyway. Here every colour is taken out of what is drawn; bold, reverse and underline stay,
and the app's stylesheet marks what colour alone would have shown (the highlighted line of a
list, a focused box) in reverse under `:nocolor` (see app.tcss).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from rich.segment import Segment
from textual.color import Color
from textual.filter import ANSIToTruecolor, LineFilter, Monochrome, NoColor


def no_colour() -> bool:
    """Whether the user asked for no colour: `NO_COLOR` set and not empty."""
    return bool(os.environ.get("NO_COLOR"))


class WithoutColour(LineFilter):
    """Every colour removed from what is drawn, every other attribute kept."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(text, None if style is None else style.without_color, control)
            for text, style, control in segments
        ]


def line_filters(filters: Sequence[LineFilter]) -> list[LineFilter]:
    """The app's filters for this environment: Textual's, but with `NO_COLOR` set no colour
    at all (not grey), and with `NO_COLOR=""` (not set, says no-color.org) colour as usual."""
    kept = [f for f in filters if not isinstance(f, Monochrome | NoColor)]
    if not no_colour():
        return kept
    return [*(f for f in kept if not isinstance(f, ANSIToTruecolor)), WithoutColour()]
