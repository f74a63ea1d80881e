"""The guard of issue 14's shortcut can fail: home's "since" is compared with a full recount
(tests/ui_home/test_long_flag.py), and a shortcut that stops reading back too early is caught."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fatiguelog import report
from fatiguelog.store import Store
from tests.ui_home import test_long_flag as guard
from tests.ui_home.test_long_flag import long_root  # noqa: F401 (the ten-year history)


# Why 14 "home and trend views ... show the same since/last as a full recount" (the test that
# must exist): with report._has_before made to say "nothing earlier" (a shortcut that stops
# after one pass), the guard fails; no rev is needed, it checks the guard itself.
async def test_the_recount_guard_fails_on_a_shortcut_that_stops_reading_back(
    long_root: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def nothing_earlier(store: Store, day: date) -> bool:
        return False

    monkeypatch.setattr(report, "_has_before", nothing_earlier)
    with pytest.raises(AssertionError, match=r"\(since \d{4}-"):  # (its comparison, not a wait)
        await guard.test_home_dates_a_long_running_flag_as_a_full_recount(long_root)
