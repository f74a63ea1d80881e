"""A check-in killed half-way (SIGKILL, no clean-up at all) is offered back with its answers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from textual.widgets import Input

from fatiguelog.ui.screens.checkin import CheckinScreen
from fatiguelog.ui.screens.dialogs import ResumeDialog

from .conftest import TODAY, header, make_app, press, read_entry, screen_text

HELPER = Path(__file__).with_name("half_checkin.py")


def run_until_ready(root: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, str(HELPER), str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 90
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.strip() == "READY":
            return proc
        if not line and proc.poll() is not None:
            error = proc.stderr.read() if proc.stderr else ""
            raise AssertionError(f"helper exited early: {error}")
    proc.kill()
    raise AssertionError("helper never became ready")


async def test_draft_survives_sigkill_and_is_resumed(root):
    proc = run_until_ready(root)
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    assert not (root / "entries").exists() or not any((root / "entries").rglob("*.toml"))
    assert (root / "drafts" / "2026-11-25.toml").exists()

    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "unfinished" in screen_text(app)
        await press(pilot, "c")
        assert isinstance(app.screen, ResumeDialog)
        assert "with 5 answers." in screen_text(app)
        await press(pilot, "r")
        assert isinstance(app.screen, CheckinScreen)
        assert header(app).endswith("Step 7 of 19")  # where it was killed
        assert app.screen.query_one("#number", Input).value == "6.5"
        await press(pilot, "escape", "escape", "escape")
        assert "Your answer: 10 of 10" in screen_text(app)  # brain fog, via t
        await press(pilot, "escape")
        assert "Your answer: not given yet" in screen_text(app)  # pain was skipped
        # Finish: Enter through the rest (the hours typed before the crash are kept), save.
        for _ in range(16):
            await press(pilot, "enter")
        assert header(app).endswith("Step 19 of 19")
        await press(pilot, "enter")
    doc = read_entry(root, TODAY)
    assert doc["symptoms"] == {"fatigue": 7, "pem": 5, "brain_fog": 10, "unrefreshing_sleep": True}
    assert doc["sleep"] == {"hours": 6.5}
    assert not (root / "drafts" / "2026-11-25.toml").exists()
