"""Outside test of issue 13: "Drop the 1 answer(s)", "Laxative days: not answered (on all 1 day
recorded)". Every count is said with its noun in the number it takes; no "(s)" is left in the
sources."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from fatiguelog.cli import main
from fatiguelog.model import Entry
from fatiguelog.store import Store
from fatiguelog.wording import plural, verb

SOURCES = Path(__file__).resolve().parents[1] / "src" / "fatiguelog"
#: "answer(s) are", "problem(s)." inside text; not a call such as `dict(s) for s in ...`.
_BRACKETED = re.compile(r"[a-z]\(s\)( (?!for |if |else |in |and |or )[a-z]|\.?[\"'])")


def test_counted_and_verb() -> None:
    assert plural(1, "answer") == "1 answer"
    assert plural(0, "answer") == "0 answers"
    assert plural(2, "entry", "entries") == "2 entries"
    assert verb(1, "is", "are") == "is" and verb(3, "is", "are") == "are"


def test_no_count_is_written_with_an_s_in_brackets() -> None:
    found = [
        f"{path.relative_to(SOURCES)}:{n}"
        for path in SOURCES.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _BRACKETED.search(line) and "Never" not in line
    ]
    assert found == []


def test_check_says_one_problem_and_one_entry(tmp_path: Path, capsys) -> None:
    day = date(2026, 11, 20)
    Store(tmp_path).save(Entry(day, {"schema": 1, "date": day}), expected=True)
    stray = tmp_path / "entries" / "2026" / "notes.toml"
    stray.write_text("x = 1\n")
    assert main(["--data-dir", str(tmp_path), "check"]) == 1
    err = capsys.readouterr().err
    assert "1 problem found; 1 entry read." in err


def test_laxative_days_on_the_one_day_recorded() -> None:
    from fatiguelog.analysis.build import build_summary
    from fatiguelog.export.common import key_figures
    from fatiguelog.settings import Settings
    from fatiguelog.store import History

    day = date(2026, 11, 20)
    entries = {day: Entry(day, {"schema": 1, "date": day, "symptoms": {"fatigue": 5}})}
    summary = build_summary(History(entries, []), Settings(), day, day, today=day)
    laxative = next(f for f in key_figures(summary) if f.label == "Laxative days")
    assert laxative.detail == "on the 1 day recorded"
