"""The real app in a real terminal (a pty, not Pilot): keys written in one go are all kept.

A paste, a fast typist or a slow SSH link delivers several keys in one read. Textual used to
run Enter (a priority binding) before the keys in front of it reached the box, so "7.5⏎"
moved on with nothing recorded, and "10" on a rating was 0. Here "10⏎", "7.5⏎" and a note
are each written to the terminal in a single write, at full speed, and the TOML file is read
back. Nothing is timed: the test polls the screen and the file, with a generous deadline.
"""

from __future__ import annotations

import os
import time
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.factories import PTY_DEADLINE as DEADLINE
from tests.factories import Pty

ptyprocess = pytest.importorskip("ptyprocess")


def _entry(root: Path) -> dict | None:
    for day in (date.today(), date.today() - timedelta(days=1)):  # a run across midnight
        path = root / "entries" / f"{day.year}" / f"{day.isoformat()}.toml"
        try:
            return tomllib.loads(path.read_text("utf-8"))
        except (FileNotFoundError, tomllib.TOMLDecodeError):
            continue
    return None


@pytest.mark.slow
def test_keys_written_together_are_all_kept(tmp_path: Path) -> None:
    if not hasattr(os, "openpty"):
        pytest.skip("no pseudo-terminals here")
    root = tmp_path / "data"
    term = Pty(root, "checkin", cache=tmp_path)
    try:
        at = term.wait_for("Fatigue")
        # Fatigue "10" and Enter, all in one write; then Enter past PEM, pain, brain fog and
        # "unrefreshing sleep" (unanswered: nothing written), then "7.5" and Enter in one write.
        term.write("10\r")
        at = term.wait_for("Post-exertional malaise", at)
        term.write("\r\r\r\r\r")
        at = term.wait_for("How many hours did you sleep?", at)
        term.write("7.5\r")
        at = term.wait_for("Sleep quality", at)
        # Quality, exertion, intake (n: nothing taken), stools, three stomach ratings, fibre,
        # water, red flags (n: none of these): through all of them in one write, to the notes.
        term.write("\r\rn\r\r\r\r\r\r\rn\r")
        at = term.wait_for("Anything else to note?", at)
        term.write("Slept badly, woke at 4\r")
        at = term.wait_for("Review and save", at)
        term.write("\r")  # save
        end = time.monotonic() + DEADLINE
        doc = _entry(root)
        while doc is None and time.monotonic() < end:
            time.sleep(0.05)
            doc = _entry(root)
        assert doc is not None, f"nothing was saved; the app drew:\n{term.text()[-2000:]}"
    finally:
        term.close()
    assert doc["symptoms"] == {"fatigue": 10}
    assert doc["sleep"] == {"hours": 7.5}
    assert doc["notes"] == "Slept badly, woke at 4"
    assert doc["intake"] == []
    assert not any(doc["red_flags"].values())


@pytest.mark.slow
def test_refused_numbers_pasted_notes_and_a_double_enter(tmp_path: Path) -> None:
    """Written in single writes: "30⏎" on a rating and "1,500⏎" on water are refused (never
    0 or 2); a bracketed paste of two lines into the notes keeps both; "⏎⏎" on the review saves
    once and the second Enter opens nothing."""
    if not hasattr(os, "openpty"):
        pytest.skip("no pseudo-terminals here")
    root = tmp_path / "data"
    term = Pty(root, "checkin", cache=tmp_path, TMPDIR=str(tmp_path))
    try:
        at = term.wait_for("Fatigue")
        term.write("30\r")
        at = term.wait_for("ratings go from 0 to 10", at)
        term.write("\x7f\x7f3\r")  # two backspaces, then 3
        at = term.wait_for("Post-exertional malaise", at)
        term.write("\r\r\r\r\r")
        at = term.wait_for("How many hours did you sleep?", at)
        term.write("\r" * 9)  # hours to fibre: nothing
        at = term.wait_for("How much water did you drink?", at)
        term.write("1,500\r")
        at = term.wait_for("could mean 1.5 or 1500", at)
        term.write("\x15" + "1500\r")  # ctrl+u empties the box
        at = term.wait_for("Any of these today?", at)
        term.write("\r")
        at = term.wait_for("Anything else to note?", at)
        term.write("\x1b[200~slept badly\rsecond line:\t7,5 mg\r\x1b[201~\r")
        at = term.wait_for("Review and save", at)
        term.write("\r\r")  # save, and a stray Enter
        saved = term.wait_for("checked in. Press c to change it.", at)
        # Keys are handled in order: once `t` has opened the trends, the Enter before it has
        # been handled, and it opened no check-in (on a check-in `t` would be a rating).
        term.write("t")
        term.wait_for("Trends", saved)
        assert "Step 1 of 19" not in term.text()[saved:]
        end = time.monotonic() + DEADLINE
        doc = _entry(root)
        while doc is None and time.monotonic() < end:
            time.sleep(0.05)
            doc = _entry(root)
    finally:
        term.close()
    assert doc is not None
    assert doc["symptoms"] == {"fatigue": 3}
    assert doc["diet"] == {"water_ml": 1500}
    assert doc["notes"] == "slept badly\nsecond line:\t7,5 mg"


@pytest.mark.slow
@pytest.mark.parametrize("ending", ["SIGHUP", "SIGTERM"])
def test_the_demo_folder_goes_when_the_terminal_closes(tmp_path: Path, ending: str) -> None:
    """Closing the terminal (SIGHUP) or `timeout` (SIGTERM) removes the demo's generated
    health data, as quitting does."""
    import signal

    if not hasattr(os, "openpty"):
        pytest.skip("no pseudo-terminals here")
    term = Pty(tmp_path / "mine", "demo", "--days", "20", cache=tmp_path, TMPDIR=str(tmp_path))
    try:
        term.wait_for("DEMO")
        term.wait_for("rules checked")  # home has read the history (its cache is written)
        folders = list(tmp_path.glob("fatiguelog-demo-*"))
        assert len(folders) == 1 and (folders[0] / "data").is_dir()
        term.proc.kill(getattr(signal, ending))
        end = time.monotonic() + DEADLINE
        while term.proc.isalive() and time.monotonic() < end:
            time.sleep(0.05)
        assert not term.proc.isalive()
    finally:
        term.close()
    assert not list(tmp_path.glob("fatiguelog-demo-*"))
    assert not (tmp_path / "mine").exists()
