"""`check` names entry-like files that sit where no entry is read (issue 11, outside test after
the cache redesign, point 5).

Why: "Misplaced entry files with a red flag are ignored silently and `check` says "All is well":
entries/2026-11-25.toml (no year folder), entries/2026/2026-11-25.TOML,
"entries/2026/2026-11-25.toml " (trailing space), entries/2026/sub/2026-11-25.toml,
data/2026-11-25.toml."
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fatiguelog.cli import main
from tests.factories import write_settings

ENTRY = "schema = 1\ndate = 2026-11-20\n[red_flags]\nfever = true\n"


def run_check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--data-dir", str(root), "check"])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(
    "where",
    [
        "entries/2026-11-20.toml",
        "entries/2026/2026-11-20.TOML",
        "entries/2026/2026-11-20.toml ",
        "entries/2026/sub/2026-11-20.toml",
        "2026-11-20.toml",
        "backup/old/2026-11-20.Toml",
    ],
)
def test_a_misplaced_entry_is_a_problem_saying_where_it_belongs(
    tmp_path: Path, capsys, where: str
) -> None:
    root = tmp_path / "data"
    path = root / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ENTRY)
    code, out, err = run_check(root, capsys)
    assert code == 1, out
    assert f"{where}: " in out
    assert "move it to entries/2026/2026-11-20.toml to count it" in out
    assert "1 problem found" in err


def test_known_files_and_entries_are_not_reported(tmp_path: Path, capsys) -> None:
    root = tmp_path / "data"
    (root / "entries" / "2026").mkdir(parents=True)
    (root / "entries" / "2026" / "2026-11-20.toml").write_text(ENTRY)
    write_settings(root, "")
    for folder in ("drafts", "trash", "conflicts"):
        (root / folder).mkdir()
        (root / folder / "2026-11-19.toml").write_text(ENTRY)
    code, out, _err = run_check(root, capsys)
    assert code == 0, out
    assert "All is well: 1 entries" in out


def test_links_are_not_followed_and_depth_is_bounded(tmp_path: Path, capsys) -> None:
    root = tmp_path / "data"
    root.mkdir()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "2026-11-20.toml").write_text(ENTRY)
    os.symlink(outside, root / "linked")
    os.symlink(root, root / "loop")
    deep = root.joinpath(*["d"] * 30)
    deep.mkdir(parents=True)
    (deep / "2026-11-20.toml").write_text(ENTRY)
    code, out, _err = run_check(root, capsys)
    assert code == 0, out
