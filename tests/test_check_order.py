"""Outside test 13b, finding 14: `fatiguelog check` listed one file's problems out of line
order (8, 10, 9): each check's findings came in the order it found them."""

from __future__ import annotations

import re
from pathlib import Path

from fatiguelog.cli import main
from tests.factories import write_settings

SETTINGS = """\
[[trackers]]
key = "heart_rate"
label = "Resting heart rate"
kind = "number"
min = 30
max = 220

[[trackers]]
key = "period_today"
label = "Period today"
kind = "yesno"
"""

#: Three answers that don't fit (lines 5, 6 and 9), written in another order than the
#: questions are declared in.
DAY = """\
schema = 1
date = 2026-11-21

[custom]
heart_rate = 250
period_today = 3

[symptoms]
crash = "yes"
"""


def test_each_file_s_problems_are_listed_in_line_order(tmp_path: Path, capsys) -> None:
    root = tmp_path / "data"
    (root / "entries" / "2026").mkdir(parents=True)
    write_settings(root, SETTINGS)
    (root / "entries" / "2026" / "2026-11-21.toml").write_text(DAY, encoding="utf-8")
    (root / "entries" / "2026" / "2026-11-20.toml").write_text(
        DAY.replace("2026-11-21", "2026-11-20"), encoding="utf-8"
    )
    assert main(["--data-dir", str(root), "check"]) == 1
    out = capsys.readouterr().out
    where = re.findall(r"^(entries/2026/[0-9-]+\.toml):(\d+):", out, flags=re.MULTILINE)
    assert where == [
        ("entries/2026/2026-11-20.toml", "5"),
        ("entries/2026/2026-11-20.toml", "6"),
        ("entries/2026/2026-11-20.toml", "9"),
        ("entries/2026/2026-11-21.toml", "5"),
        ("entries/2026/2026-11-21.toml", "6"),
        ("entries/2026/2026-11-21.toml", "9"),
    ]
