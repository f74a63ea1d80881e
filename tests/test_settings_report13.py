"""Outside test of issue 13, findings 5 and 8: `check` names every settings problem in words
that say what was wrong (not "found a number outside that range" for a key with a space, not
"datetime.time(4, 0)"), and reports an entry a later day start hides as not yet happened."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from fatiguelog.settings import load_settings
from tests.factories import put_entry, write_settings


def problems_of(root: Path, text: str) -> list[str]:
    write_settings(root, text)
    return [p.message for p in load_settings(root)[1]]


def test_a_tracker_key_with_a_space_says_so(tmp_path: Path):
    [said] = problems_of(tmp_path, '[[trackers]]\nkey = "x y"\nkind = "rating"\n')
    assert said == (
        'tracker 1: key must be 1-40 of a-z, 0-9 and _ (found "x y": only a-z, '
        "0-9 and _, at most 40); it was left out"
    )


def test_a_toml_time_for_the_day_start_says_quotes(tmp_path: Path):
    [said] = problems_of(tmp_path, "day_starts_at = 04:00:00\n")
    assert "datetime" not in said
    assert 'in quotes, like "04:00" (found a time without quotes)' in said


def test_a_theme_in_capitals_shows_what_was_typed(tmp_path: Path):
    [said] = problems_of(tmp_path, 'theme = "Dark"\n')
    assert said == (
        'theme must be one of dark, light, in lower case (found "Dark"); the default, dark, is used'
    )


def test_every_problem_of_an_item_left_out_is_named(tmp_path: Path):
    said = problems_of(
        tmp_path,
        '[[substances]]\nunit = "furlong"\n\n'
        '[[trackers]]\nkey = "k"\nkind = "slider"\nlabel = ""\n',
    )
    assert said == [
        "substance 1 needs a name; it was left out",
        "substance 1: unit must be one of g, mg, ml, capsule, tablet, cup, drop, other "
        '(found "furlong")',
        "tracker 'k': kind must be one of rating, yesno, number (found \"slider\")",
        "tracker 'k': label must be text (it is empty); it was left out",
    ]


def test_check_reports_an_entry_after_today(cli, data_dir: Path):
    later = date.today() + timedelta(days=1)
    path = data_dir / "entries" / f"{later.year}" / f"{later.isoformat()}.toml"
    path.parent.mkdir(parents=True)
    path.write_text(f"schema = 1\ndate = {later.isoformat()}\n")
    result = cli("check")
    assert result.code == 1
    assert f"dated {later.isoformat()}, after today" in result.out
    assert "hidden as a day that hasn't happened yet" in result.out


def test_day_start_hides_refuses_a_start_that_would_hide_today(tmp_path: Path):
    from fatiguelog.ui.screens.settings import day_start_hides

    now = datetime(2026, 11, 25, 16, 24)
    assert day_start_hides(tmp_path, "23:00", now) == ""  # no entry today: nothing hidden
    put_entry(tmp_path, date(2026, 11, 25), "schema = 1\ndate = 2026-11-25\n")
    said = day_start_hides(tmp_path, "23:00", now)
    assert "Wed 25 Nov's entry would be hidden" in said
    assert "Choose 16:24 or earlier" in said
    assert day_start_hides(tmp_path, "16:24", now) == ""
    assert day_start_hides(tmp_path, "04:00", now) == ""
