"""`fatiguelog log ...`, `path`, `remind`, `check`: what a user sees and what lands on disk."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import mode, snapshot_tree
from tests.factories import put_entry, write_settings

TODAY = date.today()


def entry_doc(root: Path, day: date = TODAY) -> dict:
    return tomllib.loads((root / "entries" / f"{day.year}" / f"{day}.toml").read_text())


def test_log_stool_with_straining(cli, data_dir: Path) -> None:
    result = cli("log", "stool", "2", "--straining")
    assert result.code == 0
    assert result.out.count("\n") == 1
    assert "Bristol type 2" in result.out and "straining" in result.out
    stool = entry_doc(data_dir)["gi"]["stools"][0]
    assert stool["bristol"] == 2
    assert stool["straining"] is True
    assert stool["incomplete"] is False
    assert "time" in stool
    assert entry_doc(data_dir)["gi"]["no_bowel_movement"] is False
    assert mode(data_dir / "entries" / str(TODAY.year) / f"{TODAY}.toml") == 0o600
    assert mode(data_dir) == 0o700


def test_stools_are_kept_in_time_order(cli, data_dir: Path) -> None:
    cli("log", "stool", "4", "--time", "18:00", "--date", "2026-03-01")
    cli("log", "stool", "3", "--time", "07:15", "--date", "2026-03-01")
    stools = entry_doc(data_dir, date(2026, 3, 1))["gi"]["stools"]
    assert [s["bristol"] for s in stools] == [3, 4]
    assert str(stools[0]["time"]) == "07:15:00"


@pytest.mark.parametrize("when", ["yesterday", "-1d", (TODAY - timedelta(days=1)).isoformat()])
def test_every_date_form_names_the_same_day(cli, data_dir: Path, when: str) -> None:
    assert cli("log", "none", "--date", when).code == 0
    doc = entry_doc(data_dir, TODAY - timedelta(days=1))
    assert doc["gi"] == {"stools": [], "no_bowel_movement": True}


def test_log_dose(cli, data_dir: Path) -> None:
    result = cli("log", "dose", "kratom", "2.5", "g", "--form", "leaf powder", "--time", "08:30")
    assert result.code == 0, result.err
    assert "kratom, 2.5 g" in result.out
    dose = entry_doc(data_dir)["intake"][0]
    assert dose == {
        "substance": "kratom",
        "amount": 2.5,
        "unit": "g",
        "form": "leaf powder",
        "time": dose["time"],
    }
    assert str(dose["time"]) == "08:30:00"


def test_log_dose_says_the_unit_as_it_reads(cli, data_dir: Path) -> None:
    """Outside test of issue 10 (item 9): "2 tablet/day", "1 other"."""
    assert "dose of vitamin D, 2 tablets" in cli("log", "dose", "vitamin D", "2", "tablet").out
    assert "dose of drops, 1 (other unit)" in cli("log", "dose", "drops", "1", "other").out
    assert "dose of tea, 1 cup" in cli("log", "dose", "tea", "1", "cup").out


def test_the_check_in_and_the_merge_reports_say_units_as_they_read() -> None:
    from fatiguelog.checkin import describe_dose
    from fatiguelog.wording import show_dose

    assert (
        describe_dose({"substance": "vitamin D", "amount": 2.0, "unit": "tablet"})
        == "vitamin D 2 tablets"
    )
    assert (
        describe_dose({"substance": "drops", "amount": 1, "unit": "other"})
        == "drops 1 (other unit)"
    )
    assert show_dose({"substance": "coffee", "amount": 2, "unit": "cup"}) == "coffee 2 cups"
    assert show_dose({"substance": "kratom", "amount": 1.5, "unit": "g"}) == "kratom 1.5 g"


def test_log_red_flag_says_what_to_do_graded_by_what_was_reported(cli, data_dir: Path) -> None:
    result = cli("log", "red-flag", "black_stool")
    assert result.code == 0
    assert (
        "ask for an urgent gp appointment or call your urgent medical advice line today"
        in result.out.lower()
    )
    assert entry_doc(data_dir)["red_flags"] == {"black_stool": True}
    assert "seek medical care promptly, today" in cli("log", "red-flag", "fever").out.lower()
    said = cli("log", "red-flag", "unintended_weight_loss").out
    assert "See a GP soon" in said and "today" not in said.split(":", 1)[1]


def test_log_red_flag_for_an_earlier_day_never_says_today(cli, data_dir: Path) -> None:
    """Review of issue 10, item 5: `log red-flag vomiting --date -10d` printed "Seek medical
    care promptly, today." about a day ten days ago."""
    for key, words in (
        ("vomiting", "seek medical care promptly."),
        ("blood_in_stool", "ask for an urgent gp appointment"),
    ):
        said = cli("log", "red-flag", key, "--date", "-10d").out
        day = (TODAY - timedelta(days=10)).isoformat()
        assert said.startswith(f"Recorded for {day}:")
        assert "today" not in said.lower()
        assert "if you still have it, or no clinician has seen you about it yet" in said.lower()
        assert words in said.lower()
    # today's date, however it is written, gets the graded urgent advice
    said = cli("log", "red-flag", "vomiting", "--date", TODAY.isoformat()).out
    assert "Seek medical care promptly, today." in said


def test_log_laxative_marks_the_day(cli, data_dir: Path) -> None:
    result = cli("log", "laxative", "--date", "2026-03-01")
    assert result.code == 0 and result.out.count("\n") == 1
    assert "laxative" in result.out and "2026-03-01" in result.out
    doc = entry_doc(data_dir, date(2026, 3, 1))
    assert doc["gi"] == {"laxative": True}  # not a recorded bowel-movement day by itself
    cli("log", "stool", "4", "--date", "2026-03-01")
    gi = entry_doc(data_dir, date(2026, 3, 1))["gi"]
    assert gi["laxative"] is True and len(gi["stools"]) == 1


def test_log_no_intake_records_an_answered_nothing(cli, data_dir: Path) -> None:
    result = cli("log", "no-intake")
    assert result.code == 0 and result.out.count("\n") == 1
    assert "nothing taken" in result.out
    assert entry_doc(data_dir)["intake"] == []


def test_log_no_intake_refuses_a_day_with_doses(cli, data_dir: Path) -> None:
    cli("log", "dose", "kratom", "2", "g")
    before = (data_dir / "entries" / f"{TODAY.year}" / f"{TODAY}.toml").read_bytes()
    result = cli("log", "no-intake")
    assert result.code == 1
    assert result.err.count("\n") == 1 and "1 dose is already recorded" in result.err
    assert "Traceback" not in result.err
    assert (data_dir / "entries" / f"{TODAY.year}" / f"{TODAY}.toml").read_bytes() == before


def test_a_stool_after_none_today_replaces_none(cli, data_dir: Path) -> None:
    cli("log", "none")
    cli("log", "stool", "4")
    gi = entry_doc(data_dir)["gi"]
    assert gi["no_bowel_movement"] is False and len(gi["stools"]) == 1


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("log", "stool", "8"), "1 to 7"),
        (("log", "stool", "0"), "1 to 7"),
        (("log", "stool", "two"), "1 to 7"),
        (("log", "stool", "3", "--time", "25:00"), "not a time"),
        (("log", "stool", "3", "--date", "2026-02-30"), "not a date"),
        (("log", "dose", "kratom", "-2", "g"), "above 0"),
        (("log", "dose", "kratom", "nan", "g"), "above 0"),
        (("log", "dose", "kratom", "2", "kg"), "unit must be"),
        (("log", "dose", "  ", "2", "g"), "needs a name"),
        (("log", "red-flag", "headache"), "unknown red flag"),
    ],
)
def test_bad_input_is_one_line_exit_1_and_touches_nothing(cli, data_dir: Path, args, words) -> None:
    cli("log", "stool", "4", "--date", "2026-03-01")
    before = snapshot_tree(data_dir)
    result = cli(*args)
    assert result.code == 1
    assert words in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert snapshot_tree(data_dir) == before


def test_log_none_refuses_when_stools_are_recorded(cli, data_dir: Path) -> None:
    cli("log", "stool", "4")
    before = snapshot_tree(data_dir)
    result = cli("log", "none")
    assert result.code == 1 and "already recorded" in result.err
    assert snapshot_tree(data_dir) == before


def test_log_into_a_broken_file_refuses_and_keeps_it(cli, data_dir: Path) -> None:
    path = data_dir / "entries" / str(TODAY.year) / f"{TODAY}.toml"
    path.parent.mkdir(parents=True)
    path.write_text("schema = 1\n[[[ broken")
    result = cli("log", "stool", "4")
    assert result.code == 1
    assert "not valid TOML" in result.err and "untouched" in result.err
    assert path.read_text() == "schema = 1\n[[[ broken"


@pytest.mark.parametrize(
    "args",
    [("log",), ("log", "stool"), ("log", "bogus"), ("bogus",), ("export", "--format", "pdf")],
)
def test_wrong_usage_exits_2(cli, args) -> None:
    assert cli(*args).code == 2


def test_path_prints_the_data_folder_and_the_option_wins(cli, data_dir: Path, tmp_path) -> None:
    assert cli("path").out.strip() == str(data_dir)
    assert cli("--data-dir", str(tmp_path / "other"), "path").out.strip() == str(tmp_path / "other")


def test_remind_speaks_until_today_is_checked_in(cli, data_dir: Path) -> None:
    first = cli("remind")
    assert first.code == 0 and first.out.count("\n") == 1 and "check-in" in first.out
    # Items logged from the shell are not a check-in: the reminder says what is there.
    cli("log", "stool", "4")
    cli("log", "stool", "5")
    second = cli("remind")
    assert second.code == 0 and second.out.count("\n") == 1
    assert "2 bowel movements logged today, but no check-in yet" in second.out
    cli("log", "red-flag", "fever")
    assert "no check-in yet" in cli("remind").out
    # A check-in's answers (here a rating written as the check-in writes it) silence it.
    path = data_dir / "entries" / str(TODAY.year) / f"{TODAY}.toml"
    path.write_text(path.read_text() + "\n[symptoms]\nfatigue = 6\n")
    third = cli("remind")
    assert third.code == 0 and third.out == ""


def test_check_lists_each_problem_and_changes_nothing(cli, data_dir: Path) -> None:
    assert cli("check").code == 0
    cli("log", "stool", "4", "--date", "2026-03-01")
    bad = data_dir / "entries" / "2026" / "2026-03-02.toml"
    bad.write_text("schema = 1\ndate = 2026-03-02\n[symptoms]\nfatigue = 12\n")
    write_settings(data_dir, 'theme = "purple"\n')
    before = snapshot_tree(data_dir)
    result = cli("check")
    assert result.code == 1
    assert "entries/2026/2026-03-02.toml:4: symptoms.fatigue must be a whole number" in result.out
    assert "settings.toml: theme must be one of dark, light" in result.out
    assert snapshot_tree(data_dir) == before


def test_check_output_is_safe_for_a_terminal(cli, data_dir: Path) -> None:
    put_entry(
        data_dir,
        date(2026, 3, 2),
        'schema = 1\ndate = 2026-03-02\n[[intake]]\nsubstance = "\\u001b]0;pwned\\u0007"\n'
        'amount = -1\nunit = "g"\n',
    )
    result = cli("check")
    assert result.code == 1
    assert "\x1b" not in result.out and "\x07" not in result.out


def test_a_full_disk_is_one_sentence_and_writes_nothing(cli, data_dir: Path, monkeypatch) -> None:
    import errno
    import os

    cli("log", "stool", "4", "--date", "2026-03-01")
    before = snapshot_tree(data_dir)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = cli("log", "stool", "2", "--date", "2026-03-01")
    monkeypatch.undo()
    assert result.code == 1
    assert result.err.startswith("fatiguelog: The disk is full") and result.err.count("\n") == 1
    assert snapshot_tree(data_dir) == before
