"""Outside test 15: through a pipe, a refused answer must not shift the later answers onto the
wrong questions. The check-in stops at the first refused answer, keeps what was accepted before
it as a draft, and says on one line of standard error which question and what it accepts."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

from fatiguelog import drafts
from fatiguelog.cli.plain import run_plain
from fatiguelog.paths import entry_path

from .conftest import read_entry
from .test_plain_checkin import DAY, plain


def test_a_refused_answer_in_a_pipe_stops_there_and_keeps_the_answers_before(root: Path) -> None:
    done = plain(root, "7\n12\n6\n4\n8\ny\nn\n6\n3\n6\n\n\n\n0\n\ny\n", "--plain")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "question 2/" in lines[0] and "(PEM)" in lines[0]
    assert "'12' is not a rating: type a whole number from 0 to 10" in lines[0]
    assert "Your 1 answer before it is kept as a draft" in lines[0]
    draft = drafts.load_draft(root, DAY)
    assert draft is not None and draft.answers == {"fatigue": 7}
    assert not entry_path(root, DAY).exists()


def test_a_refused_first_answer_keeps_nothing(root: Path) -> None:
    done = plain(root, "12\n6\n4\n", "--plain")
    assert done.returncode == 1
    assert "question 1/" in done.stderr and "(Fatigue)" in done.stderr
    assert "Nothing was answered before it" in done.stderr
    assert drafts.load_draft(root, DAY) is None


class Terminal(io.StringIO):
    """Typed at a terminal: a refused answer is asked again there."""

    def isatty(self) -> bool:
        return True


def test_at_a_terminal_a_refused_answer_is_asked_again(root: Path) -> None:
    out = io.StringIO()
    args = argparse.Namespace(date=DAY.isoformat(), quick=True, plain=True)
    code = run_plain(args, root, stdin=Terminal("35\n3\nn\n\n\n\ny\n"), stdout=out)
    assert code == 0
    assert "'35' is not a rating: type a whole number from 0 to 10" in out.getvalue()
    assert read_entry(root, DAY)["symptoms"] == {"fatigue": 3, "crash": False}
