"""Outside test of issue 13, finding 1: when the app fails, the terminal gets one line and a
non-zero exit, never Textual's traceback with its locals (which showed a note being typed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fatiguelog.cli import main
from fatiguelog.cli.app import run_tui
from fatiguelog.ui.app import FatiguelogApp

SECRET = "walked to the shop, my private note"


class Failing(FatiguelogApp):
    def run(self, *args, **kwargs):  # type: ignore[override]
        return super().run(headless=True)

    def on_ready(self) -> None:
        note = SECRET  # a local, as a note is in the check-in
        raise KeyError(note)


def test_a_crash_prints_one_line_without_locals_and_exits_1(
    root: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("FATIGUELOG_DEBUG", raising=False)
    monkeypatch.setattr("fatiguelog.ui.app.FatiguelogApp", Failing)
    monkeypatch.setattr("fatiguelog.cli.app.needs_terminal", lambda command: None)
    code = main(["--data-dir", str(root), "settings"])
    out, err = capfd.readouterr()
    assert code == 1
    assert SECRET not in out + err
    assert "Traceback" not in out + err and "locals" not in out + err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines == [lines[-1]]
    assert lines[-1].startswith("fatiguelog: unexpected error in the app (KeyError).")


def test_run_tui_returns_0_when_the_app_just_quits(root: Path):
    class Quits(FatiguelogApp):
        def run(self, *args, **kwargs):  # type: ignore[override]
            return super().run(headless=True)

        def on_ready(self) -> None:
            self.exit()

    assert run_tui(Quits(root)) == 0


@pytest.mark.parametrize("argv", [["settings"], ["trends"], [], ["demo"]])
def test_a_screen_command_without_a_terminal_says_so_and_exits_2(
    root: Path, capfd: pytest.CaptureFixture[str], argv: list[str]
):
    """`fatiguelog settings </dev/null` waited for keys that never come (pytest's standard
    input is not a terminal either)."""
    code = main(["--data-dir", str(root), *argv])
    out, err = capfd.readouterr()
    assert code == 2 and out == ""
    [line] = err.splitlines()
    assert "needs a terminal, and standard input or output is not one" in line
