"""`fatiguelog trends --print` into a pipe (outside test of issues 13/15, item 9): it took the
width of whatever terminal was on standard input (or 80), cut chart labels at 15 characters
("Dizziness on s…") and ended wrapped lines with a space. Into a pipe or a file it now prints
at COLUMNS when set, else 80, whole labels, lines broken only between words, no trailing
spaces and no colour.

The command runs as a user's shell runs it: standard input a terminal 200 columns wide (a pty),
standard output a pipe.
"""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from fatiguelog.cli.trends import pipe_width
from fatiguelog.wording import DISCLAIMER as NOT_A_DIAGNOSIS
from tests.factories import cli_command, write_settings
from tests.ui_trends.histories import build, constipated_after_increase

LONG_LABEL = "Steps walked outside the house before noon today"
TRACKERS = f"""
[[trackers]]
key = "dizzy"
label = "Dizziness on standing"
kind = "rating"
higher = "worse"

[[trackers]]
key = "steps"
label = "{LONG_LABEL}"
kind = "number"
unit = "steps"
min = 0
max = 100000
"""


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 days ending today, with flags (kratom doubled, then hard stools) and two trackers."""
    root = tmp_path_factory.mktemp("pipe") / "data"
    base = constipated_after_increase(60)

    def make(i: int, day: date):
        entry = base(i, day)
        entry.doc["custom"] = {"dizzy": i % 11, "steps": 1500 if i % 2 else 12000}
        return entry

    build(root, 60, make, end=date.today())
    write_settings(root, TRACKERS)
    return root


def printed(root: Path, tmp_path: Path, **env: str) -> str:
    """The printed trends, standard input a 200-column terminal, standard output a pipe."""
    if not hasattr(os, "openpty"):
        pytest.skip("needs a pty")
    import fcntl
    import struct
    import termios

    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "TERM"}
    }
    clean.update(TERM="xterm-256color", XDG_CACHE_HOME=str(tmp_path / "cache"), **env)
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    try:
        done = subprocess.run(
            cli_command(root, "trends", "--print", "--days", "60"),
            stdin=follower,
            capture_output=True,
            env=clean,
            timeout=120,
            check=False,
        )
    finally:
        os.close(leader)
        os.close(follower)
    assert done.returncode == 0, done.stderr
    return done.stdout.decode("utf-8")


def widest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def words_in_order(text: str, phrase: str) -> bool:
    """`phrase` is in `text` as whole words, however the lines were broken."""
    return " ".join(phrase.split()) in " ".join(text.split())


def test_into_a_pipe_it_prints_80_columns_whole_labels_and_whole_words(root, tmp_path):
    out = printed(root, tmp_path)
    assert widest(out) <= 80 and widest(out) > 70, widest(out)  # not the 200 of stdin
    assert "\x1b" not in out  # no colour into a pipe
    lines = out.splitlines()
    assert [line for line in lines if line != line.rstrip()] == []
    assert "…" not in out
    assert any(
        line.startswith("Dizziness on standing (0-10, higher is worse): mean ") for line in lines
    )
    heading = next(n for n, line in enumerate(lines) if line.startswith("Steps walked"))
    assert words_in_order(" ".join(lines[heading : heading + 2]), LONG_LABEL + ": mean 6750")
    # Lines break between words: each sentence reads whole, whatever its wrapping.
    assert words_in_order(out, NOT_A_DIAGNOSIS)
    assert words_in_order(
        out,
        "SBM means spontaneous bowel movement: one on a day when no "
        "laxative was taken that day or the day before.",
    )
    assert "WARNING: Constipation after starting or increasing an opioid-class" in out


def test_columns_sets_the_width_of_a_pipe(root, tmp_path):
    wide = printed(root, tmp_path, COLUMNS="120")
    assert 80 < widest(wide) <= 120
    assert any(line.startswith(f"{LONG_LABEL}: mean 6750") for line in wide.splitlines())
    narrow = printed(root, tmp_path, COLUMNS="50")
    assert widest(narrow) <= 50
    assert words_in_order(narrow, NOT_A_DIAGNOSIS)
    assert words_in_order(narrow, LONG_LABEL + ": mean 6750")


def test_a_columns_that_says_nothing_usable_is_80():
    assert pipe_width({}) == 80
    assert pipe_width({"COLUMNS": "wide"}) == 80
    assert pipe_width({"COLUMNS": "0"}) == 80
    assert pipe_width({"COLUMNS": "132"}) == 132
    assert pipe_width({"COLUMNS": "8"}) == 20  # a chart needs some room


def test_no_trailing_spaces_in_flag_cards_and_wrapped_paragraphs(root, tmp_path):
    out = printed(root, tmp_path, COLUMNS="60")
    assert "Rule:" in out and "Evidence:" in out  # flag cards (a table) were printed
    assert [line for line in out.splitlines() if line.endswith(" ")] == []
