"""Screenshots of what the outside test of issue 13 changed: the list of deleted days (`r`),
at 80x24 and 60x20. Update with `pytest tests/ui/test_snapshots_report13.py
--snapshot-update` and look at the SVGs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from fatiguelog.trash import delete_day

from .conftest import YESTERDAY, make_app, wait_for_home, write_entry
from .test_snapshots_past_and_settings import SIZES, history  # noqa: F401 (a fixture)


@SIZES
def test_deleted_days_list(snap_compare, history: Path, size):  # noqa: F811
    delete_day(history, YESTERDAY, datetime(2026, 11, 25, 9, 12, 5))
    write_entry(history, YESTERDAY, gi={"stools": [{"bristol": 3}]})
    delete_day(history, YESTERDAY, datetime(2026, 11, 25, 9, 40, 0))
    assert snap_compare(
        make_app(history), terminal_size=size, run_before=wait_for_home, press=["r"]
    )
