"""`fatiguelog demo`: DEMO on every screen, and exports kept in the demo's own folder.

The demo runs the real app on a generated history in a temporary folder. Nobody should take
its screens for their own diary, and nothing it exports may land among the user's files (it
once replaced a real summary in ~/Documents with generated "blood in stool" data).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual.screen import Screen

from fatiguelog.settings import Settings
from fatiguelog.ui.screens.export import ExportError, ExportScreen
from fatiguelog.ui.widgets.lines import Line

BANNER = "DEMO: generated data, not your diary"


class DemoBanner(Line):
    """One line at the top of a screen (docked: it never covers what is under it)."""


def mark_demo(screen: Screen[Any]) -> None:
    """Put the DEMO banner on `screen` (once)."""
    if screen.has_class("-demo"):
        return
    screen.add_class("-demo")
    screen.mount(DemoBanner(BANNER, classes="demo-banner"))


class DemoExportScreen(ExportScreen):
    """The export screen confined to the demo's temporary folder (the default place too)."""

    def __init__(self, root: Path, settings: Settings, *, today: date | None = None) -> None:
        self.demo_folder = Path(root).parent  # the demo's temporary folder, removed on exit
        super().__init__(root, settings, today=today, exports_folder=self.demo_folder / "exports")

    def target(self, first: date, last: date) -> Path:
        path = super().target(first, last)
        try:
            path.resolve().relative_to(self.demo_folder.resolve())
        except ValueError:
            raise ExportError(
                f"the demo saves only inside its own temporary folder "
                f"({self.demo_folder}), never among your files"
            ) from None
        return path

    def show_status(self, text: str, kind: str) -> None:
        """A summary saved by the demo goes when the demo ends: say so where it says where."""
        if kind == "done":
            text = (
                f"{text}\nThis is the demo's temporary folder: it is deleted when the demo "
                "ends (quit, or the terminal closes). Copy the file elsewhere to keep it."
            )
        super().show_status(text, kind)


__all__ = ["BANNER", "DemoBanner", "DemoExportScreen", "mark_demo"]
