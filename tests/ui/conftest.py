"""Shared set-up for app tests: a fixed 'today', no cursor blink, a private data folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.factories import TODAY, make_app, read_entry
from tests.factories import save_entry as write_entry

YESTERDAY = date(2026, 11, 24)

#: Three of the user's own questions, one of each kind, as written in settings.toml.
TRACKERS = """
[[trackers]]
key = "dizziness_standing"
label = "Dizziness on standing"
kind = "rating"
higher = "worse"

[[trackers]]
key = "heart_rate"
label = "Resting heart rate"
kind = "number"
unit = "bpm"
min = 30
max = 220

[[trackers]]
key = "period"
label = "Period"
kind = "yesno"
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "data"


def screen_text(app) -> str:
    """Every line the screen in front shows (its `Line`s), as the user reads them."""
    from fatiguelog.ui.widgets.lines import Line

    return "\n".join(line.render().plain for line in app.screen.query(Line) if line.display)


def header(app) -> str:
    """The check-in's top line: the day and the step counter."""
    from fatiguelog.ui.widgets.lines import Line

    return app.screen.query_one("#step-header", Line).render().plain


async def press(pilot, *keys: str) -> None:
    """Press keys one by one, letting each screen change settle (nothing here is timed)."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def type_text(pilot, text: str) -> None:
    await press(pilot, *text)


async def skip_to(pilot, step_id: str | None = None, *, kind: str | None = None) -> None:
    """Skip (s) through the check-in, answering nothing on the way, to the step `step_id` (or
    the first step of `kind`)."""
    for _ in range(40):
        step = pilot.app.screen.session.step
        if step.id == step_id or step.kind == kind:
            return
        await press(pilot, "s")
    raise AssertionError(f"the check-in never reached {step_id or kind}")


async def wait_for_home(pilot) -> None:
    """The home screen draws its two weeks (and an urgent line) in the first frame and works
    out the flags just after it."""
    for _ in range(200):
        await pilot.pause(0.02)
        lines = [str(w.render()) for w in pilot.app.screen.query("#home-flags Static")]
        if lines and not any(line.startswith("Looking") for line in lines):
            # the new lines' layout (the two weeks move down under them) before a test
            # clicks by position: a click on the table's header once hit the caption
            await pilot.pause()
            await pilot.pause()
            return
    raise AssertionError("the home screen never finished loading")


__all__ = [
    "TODAY",
    "TRACKERS",
    "YESTERDAY",
    "header",
    "make_app",
    "press",
    "read_entry",
    "screen_text",
    "skip_to",
    "type_text",
    "wait_for_home",
    "write_entry",
]
