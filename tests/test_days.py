"""Which day is "today", and days that haven't happened (refused everywhere with one line)."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from fatiguelog.dates import (
    DateError,
    parse_day,
    parse_day_start,
    parse_past_day,
    read_day_start,
    today,
)
from fatiguelog.model import RED_FLAGS, is_checked_in, logged_items
from fatiguelog.settings import load_settings
from tests.factories import write_settings

DAY = date(2026, 11, 25)


def test_a_check_in_before_the_day_starts_is_for_the_day_before() -> None:
    assert today(time(4, 0), datetime(2026, 11, 26, 1, 30)) == DAY
    assert today(time(4, 0), datetime(2026, 11, 26, 4, 0)) == date(2026, 11, 26)
    assert today(None, datetime(2026, 11, 26, 0, 0)) == date(2026, 11, 26)


@pytest.mark.parametrize("text", ["tomorrow", "2026-11-26", "2030-01-01"])
def test_a_future_day_is_refused_in_one_line(text: str) -> None:
    with pytest.raises(DateError, match="that day hasn't happened yet"):
        parse_past_day(text, DAY)
    assert parse_day(text, DAY) > DAY  # parsing alone still understands it


def test_past_days_and_today_pass() -> None:
    assert parse_past_day("today", DAY) == DAY
    assert parse_past_day("-3d", DAY) == date(2026, 11, 22)
    assert parse_past_day("-9999d", DAY).year == 1999  # far back, but a day (1900 is the floor)
    with pytest.raises(DateError, match="is not a date"):
        parse_past_day("0000-01-01", DAY)


def test_day_starts_at_is_read_and_a_bad_one_is_reported(tmp_path: Path) -> None:
    write_settings(tmp_path, 'day_starts_at = "04:30"\n')
    assert load_settings(tmp_path)[0].day_starts_at == time(4, 30)
    assert read_day_start(tmp_path) == time(4, 30)  # the light reader the CLI uses agrees
    write_settings(tmp_path, 'day_starts_at = "25:00"\n')
    settings, problems = load_settings(tmp_path)
    assert settings.day_starts_at == time(0, 0)
    assert len(problems) == 1 and "day_starts_at" in problems[0].message
    assert read_day_start(tmp_path) == time(0, 0)
    with pytest.raises(ValueError):
        parse_day_start(4)


def test_the_command_line_today_follows_day_starts_at(cli, data_dir: Path, monkeypatch) -> None:
    import fatiguelog.dates as dates

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[override]
            return datetime(2026, 11, 26, 1, 30)

    data_dir.mkdir(parents=True)
    write_settings(data_dir, 'day_starts_at = "04:00"\n')
    monkeypatch.setattr(dates, "datetime", Clock)
    result = cli("log", "none")
    assert result.code == 0 and "2026-11-25" in result.out
    assert cli("log", "none", "--date", "2026-11-26").code == 1  # not yet, at 01:30


def test_checked_in_is_decided_from_what_the_day_holds() -> None:
    shell_only = {
        "schema": 1,
        "date": DAY,
        "gi": {"stools": [{"bristol": 4}, {"bristol": 5}], "no_bowel_movement": False},
        "intake": [{"substance": "kratom", "amount": 2, "unit": "g"}],
        "red_flags": {"fever": True},
    }
    assert not is_checked_in(shell_only)
    assert logged_items(shell_only) == "2 bowel movements, 1 dose and 1 red flag logged"
    assert is_checked_in({**shell_only, "symptoms": {"fatigue": 4}})
    assert is_checked_in({**shell_only, "notes": "slept badly"})
    assert is_checked_in({**shell_only, "red_flags": dict.fromkeys(RED_FLAGS, False)})
    assert is_checked_in({"gi": {"bloating": 2}})
    assert not is_checked_in({"gi": {"laxative": True}, "intake": []})
