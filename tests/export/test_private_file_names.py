"""Exports never quote a file name the user chose (issue 11, outside test after the cache
redesign, point 10).

Why: "Private file names quoted in exports: a stray file `entries/2026/2026-11-23 told GP about
SECRETNAME.toml` appears word for word in MD/HTML/JSON problem lists without --include-notes."
"""

from __future__ import annotations

import html
from datetime import date, timedelta
from pathlib import Path

import pytest

from fatiguelog.cli import main
from fatiguelog.export.common import NOT_A_DATE, private_file

TODAY = date.today()
STRAY = "2026-11-23 told GP about SECRETNAME.toml"
SAID = "entries/2026/(a file whose name is not a date)"


def setup(root: Path) -> None:
    year = root / "entries" / "2026"
    year.mkdir(parents=True)
    (year / STRAY).write_text("schema = 1\n")
    (year / "2026-11-22.toml").write_text("schema = 1\ndate = 2026-11-22\nnot toml =\n")


def export(root: Path, capsys: pytest.CaptureFixture[str], fmt: str, *more: str) -> str:
    code = main(
        [
            "--data-dir",
            str(root),
            "export",
            "--format",
            fmt,
            "--from",
            (TODAY - timedelta(days=29)).isoformat(),
            *more,
        ]
    )
    assert code == 0
    return html.unescape(capsys.readouterr().out)


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv"])
def test_a_stray_file_name_is_not_quoted(tmp_path: Path, capsys, fmt: str) -> None:
    root = tmp_path / "data"
    setup(root)
    text = export(root, capsys, fmt)
    assert "SECRETNAME" not in text
    assert SAID in text
    assert "entries/2026/2026-11-22.toml" in text  # a day's own file keeps its name


def test_with_notes_and_in_check_the_name_is_kept(tmp_path: Path, capsys) -> None:
    root = tmp_path / "data"
    setup(root)
    assert STRAY in export(root, capsys, "md", "--include-notes")
    assert main(["--data-dir", str(root), "check"]) == 1
    assert STRAY in capsys.readouterr().out


@pytest.mark.parametrize(
    ("file", "said"),
    [
        ("entries/SECRETFOLDER/2026-11-21.toml", "entries/(a folder)/2026-11-21.toml"),
        (
            "entries/2026/2026-11-21 (Jo's conflicted copy).toml",
            "entries/2026/2026-11-21 (conflicted copy).toml",
        ),
        ("settings.toml", "settings.toml"),
        ("SECRET/settings.toml", f"(a folder)/{NOT_A_DATE}"),
    ],
)
def test_only_the_data_folders_own_names_are_kept(file: str, said: str) -> None:
    assert private_file(file) == said
