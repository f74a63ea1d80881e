"""No command ever prints a traceback: every command x every hostile input, run as a user runs
it (a fresh process), says what is wrong in one line and exits 1 or 2, or copes (exit 0).

To extend: add a situation to SITUATIONS (a function that prepares the data folder and gives
the date to use), and say in `expected` what each command must do in it. A command added to
the parser without a line in COMMANDS fails `test_every_command_is_swept`.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from fatiguelog.cli import build_parser
from tests.factories import put_entry, run_cli

SAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples" / "import"
TODAY = date.today()  # the commands run on the real clock
YESTERDAY = TODAY - timedelta(days=1)

#: Every command, with "{D}" where a date goes (commands without a date ignore it).
COMMANDS: dict[str, list[str]] = {
    "app": [],
    "checkin": ["checkin", "--date", "{D}"],
    "checkin --quick": ["checkin", "--quick", "--date", "{D}"],
    "log stool": ["log", "stool", "4", "--date", "{D}"],
    "log dose": ["log", "dose", "kratom", "1", "g", "--date", "{D}"],
    "log none": ["log", "none", "--date", "{D}"],
    "log red-flag": ["log", "red-flag", "fever", "--date", "{D}"],
    "log laxative": ["log", "laxative", "--date", "{D}"],
    "log no-intake": ["log", "no-intake", "--date", "{D}"],
    "export --to": ["export", "--format", "md", "--to", "{D}"],
    "export --from": ["export", "--format", "json", "--from", "{D}", "--to", "{D}"],
    "trends": ["trends"],
    "trends --print": ["trends", "--print", "--days", "7"],
    "check": ["check"],
    "path": ["path"],
    "remind": ["remind"],
    "remind --notify": ["remind", "--notify"],
    "import": ["import", "daylio", str(SAMPLES / "daylio.csv")],
    "import --dry-run": ["import", "visible", str(SAMPLES / "visible.csv"), "--dry-run"],
    "conflicts": ["conflicts"],
    "conflicts --merge": ["conflicts", "--merge"],
    "demo": ["demo", "--days", "0"],
    "delete": ["delete", "--date", "{D}"],
    "restore": ["restore", "--date", "{D}"],
    "settings": ["settings"],
}
DATED = {name for name, argv in COMMANDS.items() if "{D}" in argv}
#: Open the Textual app: only situations that stop them before it starts.
APP = {"app", "trends", "settings"}

REFUSED = "refused"  # exit 1 or 2, exactly one line on standard error
COPES = "copes"  # exit 0 (the problem is reported in what it prints)

Setup = Callable[[Path], str]  # prepares <tmp> (the data folder is <tmp>/data); gives the date


def future(tmp: Path) -> str:
    return (TODAY + timedelta(days=1)).isoformat()


def tomorrow(tmp: Path) -> str:
    return "tomorrow"


def broken_day(tmp: Path) -> str:
    put_entry(tmp / "data", YESTERDAY, "schema = 1\ndate = [broken\n")
    put_entry(tmp / "data", TODAY, "schema = 1\ndate = [broken\n")  # remind reads today
    return YESTERDAY.isoformat()


def newer_day(tmp: Path) -> str:
    for day in (YESTERDAY, TODAY):
        put_entry(
            tmp / "data",
            day,
            f"schema = 2\ndate = {day.isoformat()}\n[symptoms]\n"
            "fatigue = 3\n[future_section]\nx = 1\n",
        )
    return YESTERDAY.isoformat()


def folder_is_a_file(tmp: Path) -> str:
    (tmp / "data").write_text("not a folder\n")
    return YESTERDAY.isoformat()


SITUATIONS: dict[str, Setup] = {
    "future date": future,
    "tomorrow": tomorrow,
    "broken day": broken_day,
    "newer-schema day": newer_day,
    "data folder is a file": folder_is_a_file,
}


def expected(situation: str, command: str) -> str | None:
    """What `command` must do in `situation` (None: not applicable, not run)."""
    if command == "demo":
        return REFUSED  # --days 0; it never reads the user's folder in any situation
    if situation == "data folder is a file":
        # a reminder never breaks a shell
        return COPES if command.startswith("remind") else REFUSED
    if command in APP:
        return None
    if situation in ("future date", "tomorrow"):
        return REFUSED if command in DATED else None
    if command in ("checkin", "checkin --quick") or command.startswith("log "):
        return REFUSED  # a day that can't be written: said before anything starts
    if command == "delete":
        return COPES  # a broken or newer file is moved to the trash like any other
    if command == "restore":
        return REFUSED  # nothing was deleted: nothing to restore
    if command == "check":
        return REFUSED if situation == "broken day" else COPES
    return COPES  # exports, trends and remind read around it and say so


CASES = [(s, c) for s in SITUATIONS for c in COMMANDS if expected(s, c) is not None]


@pytest.mark.parametrize(("situation", "command"), CASES, ids=[f"{s}-{c}" for s, c in CASES])
def test_no_traceback(tmp_path: Path, situation: str, command: str) -> None:
    when = SITUATIONS[situation](tmp_path)
    argv = [a.replace("{D}", when) for a in COMMANDS[command]]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path / "home")}
    env.pop("FATIGUELOG_DATA_DIR", None)
    env.pop("FATIGUELOG_DEBUG", None)
    done = run_cli(tmp_path / "data", *argv, stdin=subprocess.DEVNULL, timeout=120, env=env)
    said = f"exit {done.returncode}\nstdout: {done.stdout[-600:]}\nstderr: {done.stderr}"
    assert "Traceback" not in done.stderr + done.stdout, said
    if expected(situation, command) == REFUSED:
        assert done.returncode in (1, 2), said
        assert len(done.stderr.strip().splitlines()) == 1, said
        if situation in ("future date", "tomorrow") and command != "demo":
            assert "that day hasn't happened yet" in done.stderr, said
    else:
        assert done.returncode == 0, said


def test_every_command_is_swept() -> None:
    """A new command (or `log` kind) must be added to COMMANDS above."""
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")  # argparse's own
    commands = set(subparsers.choices)
    log_kinds = set(subparsers.choices["log"]._actions[-1].choices)  # type: ignore[union-attr]
    swept = {c.split()[0] for c in COMMANDS if c != "app"}
    swept_kinds = {c.split()[1] for c in COMMANDS if c.startswith("log ")}
    assert commands <= swept, f"add to COMMANDS: {sorted(commands - swept)}"
    assert log_kinds <= swept_kinds, f"add to COMMANDS: {sorted(log_kinds - swept_kinds)}"


def test_an_unexpected_error_is_one_line_not_a_traceback(cli, data_dir, monkeypatch) -> None:
    import fatiguelog.cli.basic as basic

    def broken(root: Path) -> int:
        raise RuntimeError("something nobody planned for")

    monkeypatch.setattr(basic, "check", broken)
    result = cli("check")
    assert result.code == 1
    assert result.err.count("\n") == 1 and "something nobody planned for" in result.err
    assert "Traceback" not in result.err
