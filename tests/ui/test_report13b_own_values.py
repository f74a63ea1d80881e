"""Outside test 13b, finding 2: text, a list or yes/no where a number tracker's answer
belongs (`hours_upright = "lots"`) crashed the app's check-in when it reached that step
(`records.number_text('lots')`). The step now says the file's value can't be used, offers
nothing, and going on leaves the value in the file as it is. (Fixed on main by the session
that made unusable saved answers said; this keeps it so.)"""

from __future__ import annotations

import tomllib

import pytest

from fatiguelog.checkin import ReviewStep
from tests.factories import put_entry, write_settings

from .conftest import YESTERDAY, make_app, press, screen_text

HOURS = """
[[trackers]]
key = "hours_upright"
label = "Hours upright"
kind = "number"
unit = "h"
"""


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ('"lots"', '"lots", which can\'t be used (not a number)'),
        ("[1, 2]", "a list, which can't be used (not a number)"),
        ("true", "yes, which can't be used (not a number)"),
    ],
)
async def test_a_number_trackers_unusable_value_is_said_and_kept(root, written, said):
    write_settings(root, HOURS)
    path = put_entry(
        root,
        YESTERDAY,
        f"schema = 1\ndate = {YESTERDAY.isoformat()}\n\n"
        f"[symptoms]\nfatigue = 5\n\n[custom]\nhours_upright = {written}\n",
    )
    app = make_app(root, start=("checkin", YESTERDAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(40):
            if app.screen.session.step.id == "custom.hours_upright":
                break
            await press(pilot, "s")
        assert app.screen.session.step.id == "custom.hours_upright"
        assert said in screen_text(app)
        assert app.screen.query_one("#number").value == ""  # nothing offered
        await press(pilot, "enter")  # Enter on the empty box goes on
        for _ in range(40):
            if isinstance(app.screen.session.step, ReviewStep):
                break
            await press(pilot, "ctrl+s")
        await press(pilot, "enter")
    saved = tomllib.loads(path.read_text())
    assert saved["custom"]["hours_upright"] == tomllib.loads(f"v = {written}")["v"]
    assert saved["symptoms"] == {"fatigue": 5}
