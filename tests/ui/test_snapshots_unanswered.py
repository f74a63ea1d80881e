"""Screenshots of steps that are not answered yet, and of the answers that say "none"
(outside test of issue 13, finding 6): unticked red flags say neither yes nor no, an empty dose
list is "nothing listed yet" until `n`. At 80x24 and 60x20. Update with
`pytest tests/ui/test_snapshots_unanswered.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

import pytest

from .conftest import TODAY, make_app
from .test_snapshots import SIZE, SMALL, go_to

SIZES = pytest.mark.parametrize("size", [SIZE, SMALL], ids=["80x24", "60x20"])


@SIZES
@pytest.mark.parametrize("keys", [[], ["n"]], ids=["not-answered", "none"])
def test_red_flags(snap_compare, root, size, keys):
    app = make_app(root, start=("checkin", TODAY, False))
    assert snap_compare(app, terminal_size=size, run_before=go_to("red_flags"), press=keys)


@SIZES
@pytest.mark.parametrize("keys", [[], ["n"]], ids=["not-answered", "nothing-taken"])
def test_intake(snap_compare, root, size, keys):
    app = make_app(root, start=("checkin", TODAY, False))
    assert snap_compare(app, terminal_size=size, run_before=go_to("intake"), press=keys)


@SIZES
def test_saved_answer_outside_its_scale(snap_compare, root, size):
    """A tracker's rating saved as 12 (by hand): said as not usable, never offered."""
    from fatiguelog.settings import Settings, Tracker, save_settings

    from .conftest import YESTERDAY, write_entry

    save_settings(root, Settings(trackers=(Tracker("dizzy", "Dizziness on standing", "rating"),)))
    write_entry(root, YESTERDAY, symptoms={"fatigue": 5}, custom={"dizzy": 12})
    app = make_app(root, start=("checkin", YESTERDAY, False))
    assert snap_compare(app, terminal_size=size, run_before=go_to("custom.dizzy"))
