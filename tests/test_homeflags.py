"""Home's flag lines worked out ahead, in a forked process, while the app starts: the same
lines as worked out on the spot, and nothing at all when they are for another day."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from fatiguelog.homeflags import home_lines
from fatiguelog.settings import Settings
from tests.ui_trends.histories import TODAY, build, day_entry

# A fresh process (no threads yet: pytest's workers run some, and `Ahead` never forks then).
AHEAD = """
import json, sys
from datetime import date
from pathlib import Path
from fatiguelog.homeflags import Ahead
from fatiguelog.settings import Settings
ahead = Ahead.start(Path(sys.argv[1]), Settings(), date.fromisoformat(sys.argv[2]))
assert ahead is not None, "no fork here"
print(json.dumps(ahead.lines(wait=True)))
"""


def history(root: Path) -> None:
    build(
        root,
        120,
        lambda i, day: day_entry(
            day,
            bristol=(6, 7) if i > 60 else (4,),
            straining=i > 90,
            red="blood_in_stool" if i == 118 else None,
            notes="private words",
        ),
    )


def test_lines_worked_out_ahead_are_those_worked_out_on_the_spot(tmp_path: Path) -> None:
    root = tmp_path / "data"
    history(root)
    env_cache = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-c", AHEAD, str(root), TODAY.isoformat()],
        capture_output=True,
        text=True,
        env={**os.environ, **env_cache},
        check=True,
    )
    ahead = [tuple(line) for line in json.loads(result.stdout)]
    here = home_lines(root, Settings(), TODAY)
    assert ahead == here
    assert ahead[0][0].startswith("!! SEEK MEDICAL CARE PROMPTLY: Blood in stool")
    # (with the urgent lines, the other flags are counted in one line: see test_home_flags)
    assert any(text.startswith("! Also on today: ") for text, _css in ahead)


def test_lines_for_another_day_are_not_used() -> None:
    """The child says which day its lines are for: lines from before midnight are never shown
    as today's (home then works them out itself)."""
    import os

    from fatiguelog.homeflags import Ahead

    def finished_with(day: str) -> Ahead:
        read_end, write_end = os.pipe()
        os.write(
            write_end,
            json.dumps({"today": day, "lines": [["No flag on today.", "flag-none"]]}).encode(),
        )
        os.close(write_end)
        child = subprocess.Popen([sys.executable, "-c", "pass"])
        return Ahead(child.pid, read_end, TODAY)

    assert finished_with((TODAY - timedelta(days=1)).isoformat()).lines(wait=True) is None
    assert finished_with(TODAY.isoformat()).lines(wait=True) == [("No flag on today.", "flag-none")]


STUCK = """
import os, subprocess, sys, time
from datetime import date
from fatiguelog.homeflags import Ahead
read_end, write_end = os.pipe()
# A child that never answers (as one stuck on a pipe planted in the cache folder would be).
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"],
                         pass_fds=(write_end,))
os.close(write_end)
Ahead.WAIT_SECONDS = 1.0
ahead = Ahead(child.pid, read_end, date(2026, 11, 25))
print(ahead.lines(wait=True))
try:
    os.kill(child.pid, 0)
    print("child still there")
except ProcessLookupError:
    print("child gone")
"""


def test_home_never_waits_forever_for_the_lines_worked_out_ahead() -> None:
    """A child that never answers: home stops waiting after a bound (then works the lines out
    itself: `lines` says None), and the child is killed and reaped, not left behind."""
    try:
        result = subprocess.run(
            [sys.executable, "-c", STUCK], capture_output=True, text=True, timeout=20
        )
    except subprocess.TimeoutExpired:
        raise AssertionError("Ahead.lines(wait=True) waited for a stuck child") from None
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["None", "child gone"]


def test_beside_urgent_lines_one_other_flag_is_named_and_more_are_counted(tmp_path: Path) -> None:
    """Outside test 14c #1: beside the urgent lines the other flags take one line, so none
    is cut off unsaid; one flag is named (as short as a count), more are counted."""
    one, three = tmp_path / "one", tmp_path / "three"
    build(
        one,
        120,
        lambda i, day: day_entry(
            day, bristol=(4,), straining=i > 90, red="blood_in_stool" if i == 118 else None
        ),
    )
    history(three)
    for root, said in ((one, "Straining."), (three, "3 other flags.")):
        lines = home_lines(root, Settings(), TODAY)
        assert [css for _text, css in lines] == ["flag-urgent", "flag-urgent-advice", "flag-line"]
        assert lines[-1][0] == (
            f"! Also on today: {said} This is not a diagnosis. Press t for the evidence "
            "(15 of 17 rules checked)."
        )


def test_beside_urgent_lines_the_rules_not_checked_are_only_counted(tmp_path: Path) -> None:
    """Outside test 14c #2: the "Not checked (not enough data): ..." line was cut off under
    urgent lines; beside them the count in the last line says it ("15 of 17")."""
    build(
        tmp_path,
        120,
        lambda i, day: day_entry(day, bristol=(4,), red="blood_in_stool" if i == 118 else None),
    )
    lines = home_lines(tmp_path, Settings(), TODAY)
    assert [css for _text, css in lines] == ["flag-urgent", "flag-urgent-advice", "flag-hint"]
    assert lines[-1][0] == (
        "This is not a diagnosis. Press t for the evidence (15 of 17 rules checked)."
    )
