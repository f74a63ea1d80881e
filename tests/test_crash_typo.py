"""Outside test of issue 13/15: `crash = "yes"` (a typo for `crash = true`) made the whole day
unreadable, its fatigue, doses and bowel movements gone from every view. `symptoms.crash` is an
answer added to the format after version 1 (older versions keep it as an unknown key), so a
value there that isn't true/false is a problem of that answer alone, as a tracker's answer that
doesn't fit is: the rest of the day is read, the crash answer is left out of every figure and
shown as "not used" on the day, and `fatiguelog check` names it with its line.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from fatiguelog.cli import main
from fatiguelog.cli.basic import reminder
from fatiguelog.pastdays import day_answers
from fatiguelog.paths import entry_path
from fatiguelog.store import Status, Store

TEXT = """schema = 1
date = {day}

[symptoms]
fatigue = 7
crash = {crash}

[gi]
stools = [{{ bristol = 4 }}]
no_bowel_movement = false
"""


def typo_day(root: Path, day: date, crash: str = '"yes"') -> Path:
    path = entry_path(root, day)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEXT.format(day=day.isoformat(), crash=crash), encoding="utf-8")
    return path


@pytest.mark.parametrize("crash", ['"yes"', "1", "[true]"])
def test_the_rest_of_the_day_is_read(tmp_path: Path, crash: str) -> None:
    day = date.today() - timedelta(days=1)
    typo_day(tmp_path, day, crash)
    read = Store(tmp_path).read(day)
    assert read.status is Status.OK, read.problems
    assert read.entry is not None
    assert read.entry.get("symptoms", "fatigue") == 7
    assert len(read.entry.stools) == 1
    assert read.entry.crash is False  # not a crash day: the answer is not used


def test_the_day_view_shows_the_answer_as_not_used(tmp_path: Path) -> None:
    day = date.today() - timedelta(days=1)
    typo_day(tmp_path, day)
    entry = Store(tmp_path).read(day).entry
    said = dict(day_answers(entry)[0])
    assert said["Fatigue"] == "7 of 10"
    assert said["PEM crash"] == '"yes" (not used: not yes or no)'


def test_check_names_the_key_and_its_line(tmp_path: Path, capsys) -> None:
    day = date.today() - timedelta(days=1)
    typo_day(tmp_path, day)
    assert main(["--data-dir", str(tmp_path), "check"]) == 1
    out = capsys.readouterr().out
    name = f"entries/{day.year}/{day.isoformat()}.toml"
    lines = [line for line in out.splitlines() if line.startswith(name)]
    assert len(lines) == 1, out
    assert lines[0].startswith(f"{name}:6: ")
    assert "symptoms.crash must be true or false (found text)" in lines[0]
    assert "yes" not in lines[0].split("(found text)")[0]  # never the value itself


def test_trends_count_the_day_but_not_as_a_crash(tmp_path: Path, capsys) -> None:
    today = date.today()
    for back in (1, 2, 3):
        typo_day(tmp_path, today - timedelta(days=back), "true" if back == 3 else '"yes"')
    assert main(["--data-dir", str(tmp_path), "trends", "--print"]) == 0
    out = capsys.readouterr().out
    assert "could not be read" not in out
    assert "Fatigue (0-10, higher is worse): mean 7.0, range 7-7, 3 days answered" in out


def test_the_shell_reminder_reads_the_day(tmp_path: Path) -> None:
    from fatiguelog.dates import read_day_start, today

    typo_day(tmp_path, today(read_day_start(tmp_path)))
    said = reminder(tmp_path)
    assert said is None  # checked in (fatigue answered), not "can't be read"
