"""`fatiguelog export` refuses bad input with one line and exit 1, before reading anything."""

from __future__ import annotations

from datetime import date

import pytest

from fatiguelog.cli import UserError, main
from fatiguelog.cli.export import period
from fatiguelog.export import csv_paths


def test_default_period_is_the_90_days_ending_on_to():
    assert period(None, "2026-11-25") == (date(2026, 8, 28), date(2026, 11, 25))
    assert period(None, None, today=date(2026, 3, 31)) == (date(2026, 1, 1), date(2026, 3, 31))
    assert period("-6d", "today", today=date(2026, 3, 31)) == (date(2026, 3, 25), date(2026, 3, 31))
    assert period("2026-03-31", "2026-03-31") == (date(2026, 3, 31), date(2026, 3, 31))


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--from", "2026-13-01"], "'2026-13-01' is not a date"),
        (["--to", "next week"], "'next week' is not a date"),
        (
            ["--from", "2026-11-25", "--to", "2026-11-01"],
            "--from 2026-11-25 is after --to 2026-11-01",
        ),
    ],
)
def test_bad_dates_exit_1_with_one_line(tmp_path, capsys, argv, says):
    code = main(["--data-dir", str(tmp_path), "export", *argv])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and says in err and "Traceback" not in err


def test_output_in_a_missing_folder_is_a_clear_error(tmp_path, capsys):
    target = tmp_path / "no" / "such" / "folder" / "summary.md"
    code = main(["--data-dir", str(tmp_path), "export", "-o", str(target)])
    _out, err = capsys.readouterr()
    assert code == 1
    assert "does not exist" in err and err.count("\n") == 1
    assert not (tmp_path / "no").exists()  # nothing created behind the user's back


def test_output_that_is_a_folder_is_a_clear_error(tmp_path, capsys):
    code = main(["--data-dir", str(tmp_path), "export", "--output", str(tmp_path)])
    assert code == 1
    assert "is a folder" in capsys.readouterr().err


def test_unknown_format_is_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--data-dir", str(tmp_path), "export", "--format", "pdf"])
    assert exc.value.code == 2


def test_period_raises_user_error():
    with pytest.raises(UserError):
        period("yesterday", "-3d", today=date(2026, 3, 31))


def test_csv_files_are_named_after_the_output(tmp_path):
    paths = csv_paths(tmp_path / "visit.csv")
    assert [p.name for p in paths.values()] == [
        "visit.csv",
        "visit.stools.csv",
        "visit.problems.csv",
        "visit.flags.csv",
        "visit.coverage.csv",
        "visit.weeks.csv",
        "visit.timeline.csv",
        "visit.discuss.csv",
    ]
    assert csv_paths(tmp_path / "visit")["stools"].name == "visit.stools.csv"


@pytest.mark.parametrize(
    ("argv", "name", "says"),
    [
        (
            [],
            "cli.json",
            "cli.json ends in .json but the format is Markdown (.md): add --format json, "
            "or name it cli.md",
        ),
        (
            ["--format", "csv"],
            "c2.html",
            "c2.html ends in .html but the format is Spreadsheet (.csv): add --format html, "
            "or name it c2.csv",
        ),
        (
            ["--format", "json"],
            "x.MD",
            "x.MD ends in .MD but the format is JSON (.json): add --format md, or name it x.json",
        ),
    ],
)
def test_another_format_s_extension_is_refused_and_nothing_written(
    tmp_path, capsys, argv, name, says
):
    """Markdown saved as `cli.json` (or CSV as `c2.html`) would open as the wrong format on
    a clinician's computer (report 13b, finding 8): wrong usage, one line, no file."""
    out_dir = tmp_path / "ex"
    out_dir.mkdir()
    target = out_dir / name
    code = main(["--data-dir", str(tmp_path / "data"), "export", *argv, "-o", str(target)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err == f"fatiguelog: {out_dir}/{says}\n"
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize("name", ["visit.txt", "visit.htm", "visit"])
def test_an_ending_no_format_has_stays_allowed(tmp_path, capsys, name):
    target = tmp_path / name
    code = main(["--data-dir", str(tmp_path / "data"), "export", "-o", str(target)])
    assert code == 0, capsys.readouterr().err
    assert target.read_text(encoding="utf-8").startswith("#")
