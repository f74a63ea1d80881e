"""Outside test 15: an answer of the user's own tracker that doesn't fit it (outside its lowest
and highest, not of its kind) is left out of every figure, shown as "not used" on the day view,
and reported by `fatiguelog check`."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

from fatiguelog.cli import main
from fatiguelog.model import Entry
from fatiguelog.pastdays import day_answers
from fatiguelog.settings import load_settings
from fatiguelog.store import Store
from tests.factories import write_settings

SETTINGS = """
[[trackers]]
key = "resting_heart_rate"
label = "Resting heart rate"
kind = "number"
unit = "bpm"
min = 30
max = 220

[[trackers]]
key = "dizzy"
label = "Dizzy"
kind = "rating"

[[trackers]]
key = "period"
label = "Period"
kind = "yesno"
"""


def diary(root: Path) -> list[date]:
    write_settings(root, SETTINGS)
    today = date.today()
    days = [today - timedelta(days=k) for k in (4, 3, 2, 1)]
    answers = [
        {"resting_heart_rate": 60, "dizzy": 4, "period": True},
        {"resting_heart_rate": 70, "dizzy": 6, "period": False},
        {"resting_heart_rate": 80, "dizzy": 5, "period": False},
        {"resting_heart_rate": 500, "dizzy": 12, "period": "yes"},
    ]
    for day, custom in zip(days, answers, strict=True):
        entry = Entry.new(day)
        entry.doc.update({"symptoms": {"fatigue": 5}, "custom": custom})
        Store(root).save(entry)
    return days


def test_settings_limits_are_read(tmp_path: Path) -> None:
    diary(tmp_path)
    settings, problems = load_settings(tmp_path)
    assert not problems
    assert settings.trackers[0].minimum == 30 and settings.trackers[0].maximum == 220


def test_trends_print_leaves_out_answers_that_dont_fit(tmp_path: Path, capsys) -> None:
    diary(tmp_path)
    assert main(["--data-dir", str(tmp_path), "trends", "--print"]) == 0
    out = capsys.readouterr().out
    assert "Resting heart rate (bpm): mean 70.0, range 60-80, 3 days answered" in out
    assert "286" not in out and "500" not in out
    # Without the 12:
    assert "Dizzy (0-10, higher is worse): mean 5.0, range 4-6, 3 days answered" in out


def test_json_and_csv_leave_out_answers_that_dont_fit(tmp_path: Path, capsys) -> None:
    root = tmp_path / "data"
    root.mkdir()
    diary(root)
    out = tmp_path / "out.json"
    assert main(["--data-dir", str(root), "export", "--format", "json", "-o", str(out)]) == 0
    answers = json.loads(out.read_text())["metrics"]["answers"]
    heart = answers["custom.resting_heart_rate"]
    assert heart["max"] == 80 and heart["days"] == 3
    assert answers["custom.dizzy"]["max"] == 6
    table = tmp_path / "out.csv"
    assert main(["--data-dir", str(root), "export", "--format", "csv", "-o", str(table)]) == 0
    rows = list(csv.reader(table.read_text().splitlines()))
    column = rows[0].index("custom.resting_heart_rate")
    cells = [row[column] for row in rows[1:] if len(row) > column]
    assert "500" not in cells and "80" in cells


def test_check_reports_answers_that_dont_fit_their_tracker(tmp_path: Path, capsys) -> None:
    days = diary(tmp_path)
    assert main(["--data-dir", str(tmp_path), "check"]) == 1
    out = capsys.readouterr().out
    name = f"entries/{days[3].year}/{days[3].isoformat()}.toml"
    lines = [line for line in out.splitlines() if line.startswith(name)]
    assert any(
        "custom.resting_heart_rate" in line and "30" in line and "220" in line for line in lines
    ), out
    assert any("custom.dizzy" in line for line in lines), out
    assert any("custom.period" in line for line in lines), out
    assert "All is well" not in out


def test_day_view_shows_an_answer_not_used(tmp_path: Path) -> None:
    days = diary(tmp_path)
    settings, _ = load_settings(tmp_path)
    entry = Store(tmp_path).read(days[3]).entry
    answered, _missing = day_answers(entry, settings)
    said = dict(answered)
    assert said["Resting heart rate"] == "500 (not used: outside 30-220)"
    assert said["Dizzy"] == "12 (not used: outside 0-10)"
    assert said["Period"] == '"yes" (not used: not yes or no)'


def test_shell_reminder_is_quiet_on_a_crash_day_like_the_notification(
    tmp_path: Path, capsys
) -> None:
    """A quick check-in that only marked the day as a crash: `remind` says nothing, as
    `remind --notify` (one rule: `model.reminder_due`)."""
    from fatiguelog import reminders
    from fatiguelog.cli.basic import reminder
    from fatiguelog.dates import read_day_start, today

    day = today(read_day_start(tmp_path))
    entry = Entry.new(day)
    entry.doc["symptoms"] = {"crash": True}
    Store(tmp_path).save(entry)
    assert reminder(tmp_path) is None
    assert main(["--data-dir", str(tmp_path), "remind"]) == 0
    assert capsys.readouterr().out == ""
    assert not reminders.should_notify(tmp_path, day)
    entry.doc["symptoms"] = {"crash": False}
    Store(tmp_path).save(entry, expected=False)
    assert reminder(tmp_path) is not None
    assert reminders.should_notify(tmp_path, day)


def test_trends_print_shows_a_mean_only_from_three_answered_days(tmp_path: Path, capsys) -> None:
    """As the trend view and the exports: one or two days make no mean."""
    today = date.today()
    for k, fatigue in ((1, 7), (2, 5)):
        entry = Entry.new(today - timedelta(days=k))
        entry.doc["symptoms"] = {"fatigue": fatigue, "pem": 4} if k == 1 else {"fatigue": fatigue}
        Store(tmp_path).save(entry)
    assert main(["--data-dir", str(tmp_path), "trends", "--print"]) == 0
    out = capsys.readouterr().out
    # (the trend view's words: the same chart section)
    assert (
        "Fatigue (0-10, higher is worse): 5-7 on 2 days answered; a mean needs 3 answered days"
    ) in " ".join(out.split())
    assert "PEM (0-10, higher is worse): 4 on 1 day answered; a mean needs 3 answered days" in out
    assert "mean 7.0" not in out and "mean 6.0" not in out and "1 days" not in out
    assert "mean not enough data" not in out
