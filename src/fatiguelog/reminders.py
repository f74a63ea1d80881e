"""A daily reminder outside the terminal: a systemd user timer that runs
`fatiguelog remind --notify`, which shows one desktop notification (through `notify-send`)
when today has no check-in.

It never nags: at most one notification a day (the day is remembered in `<data>/state.toml`),
none once today is checked in, none on a day marked as a crash. Where systemd is missing, the
crontab line that does the same is offered instead. Nothing here touches the network, and the
programs it runs (`systemctl`, `notify-send`) are looked up on PATH and run through `run`, so
tests substitute their own.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Final, NamedTuple

from fatiguelog.atomic import atomic_write

TIMER: Final = "fatiguelog-remind.timer"
SERVICE: Final = "fatiguelog-remind.service"
HOUR: Final = 19  # early evening: most of the day is known, and it's before bedtime
MESSAGE: Final = (
    "No check-in yet today. Run 'fatiguelog checkin' when you're ready "
    "(under a minute; 'fatiguelog checkin --quick' on a crash day)."
)
_SAFE_ARG = re.compile(r"^[A-Za-z0-9_/.:@+=,-]+$")


class Ran(NamedTuple):
    code: int
    said: str  # the program's first line of error (or output), for a one-line report


#: How a program is run: argv -> (exit code, what it said). Tests pass their own.
Runner = Callable[[list[str]], Ran]


def run(argv: list[str]) -> Ran:
    """Run a short program, never raising: a missing or hanging one is a non-zero code."""
    import subprocess

    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return Ran(127, str(exc))
    said = (done.stderr or done.stdout or "").strip().splitlines()
    return Ran(done.returncode, said[0] if said else "")


def program() -> list[str]:
    """How to start this very fatiguelog again, by absolute path (a timer has no PATH of the
    user's shell): the `fatiguelog` script being run, else this Python with `-m fatiguelog`."""
    script = sys.argv[0] if sys.argv else ""
    if os.path.basename(script) == "fatiguelog" and os.path.isfile(script):
        return [os.path.abspath(script)]
    return [os.path.abspath(sys.executable), "-m", "fatiguelog"]


def notify_command(data_dir: Path | None) -> list[str]:
    """The command the timer runs; the data folder is passed when one was chosen."""
    folder = ["--data-dir", str(data_dir.expanduser().absolute())] if data_dir else []
    return [*program(), *folder, "remind", "--notify"]


def units_dir(env: dict[str, str] | None = None) -> Path:
    """`$XDG_CONFIG_HOME/systemd/user` (`~/.config/...` when unset or not absolute)."""
    env = dict(os.environ) if env is None else env
    config = env.get("XDG_CONFIG_HOME", "")
    base = Path(config) if config and os.path.isabs(config) else Path.home() / ".config"
    return base / "systemd" / "user"


def _systemd_arg(arg: str) -> str:
    """One argument of ExecStart=, quoted the way systemd reads it ('%' and '$' doubled)."""
    if not _SAFE_ARG.match(arg):
        arg = '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return arg.replace("%", "%%").replace("$", "$$")


HEADER: Final = (
    "# Written by 'fatiguelog remind install'; 'fatiguelog remind uninstall' removes it."
)


def not_ours(folder: Path) -> Path | None:
    """The first unit file in `folder` with our name but without our header (written by
    hand, or by something else): install and uninstall leave it alone and say so."""
    for name in (SERVICE, TIMER):
        path = folder / name
        try:
            with open(path, "rb") as handle:
                first = handle.readline(len(HEADER) + 2).decode("utf-8", "replace")
        except FileNotFoundError:
            continue
        except OSError:
            return path
        if first.rstrip("\r\n") != HEADER:
            return path
    return None


def _not_ours_failure(path: Path, what: str) -> str:
    return (
        f'{path} was not written by fatiguelog (its first line is not "{HEADER}"), so '
        f"it was left as it is and nothing was {what}: rename or remove it yourself if "
        "you no longer want it, then run this again"
    )


def service_text(command: list[str]) -> str:
    return (
        f"{HEADER}\n"
        "[Unit]\n"
        "Description=fatiguelog: a reminder when today has no check-in\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={' '.join(_systemd_arg(a) for a in command)}\n"
    )


def timer_text(hour: int = HOUR) -> str:
    return (
        f"{HEADER}\n"
        "[Unit]\n"
        "Description=fatiguelog: daily check-in reminder\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar=*-*-* {hour:02d}:00:00\n"
        "Persistent=true\n"
        f"Unit={SERVICE}\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def crontab_line(command: list[str], hour: int = HOUR) -> str:
    """The same reminder for cron. cron has no session bus address, which notify-send needs;
    '%' is special in a crontab line."""
    bus = f"DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/{os.getuid()}/bus"
    line = " ".join(shlex.quote(a) for a in command).replace("%", "\\%")
    return f"0 {hour} * * * {bus} {line}"


class Outcome(NamedTuple):
    """What install/uninstall did: lines for standard output, and one line of failure."""

    said: list[str]
    failure: str | None = None


def install(
    data_dir: Path | None,
    *,
    runner: Runner = run,
    which: Callable[[str], str | None] = shutil.which,
    env: dict[str, str] | None = None,
) -> Outcome:
    command = notify_command(data_dir)
    systemctl = which("systemctl")
    if systemctl is None:
        return Outcome(
            [
                "systemd is not available here, so no timer was installed. To get the same daily "
                "reminder from cron, add this line with 'crontab -e':",
                crontab_line(command),
            ]
        )
    folder = units_dir(env)
    foreign = not_ours(folder)
    if foreign is not None:
        return Outcome([], _not_ours_failure(foreign, "installed"))
    replaced = (folder / TIMER).exists() or (folder / SERVICE).exists()
    atomic_write(folder / SERVICE, service_text(command).encode("utf-8"))
    atomic_write(folder / TIMER, timer_text().encode("utf-8"))
    said = [
        f"Wrote {folder / TIMER} and {SERVICE}"
        + (" (replacing the earlier ones)." if replaced else ".")
    ]
    for step in (["daemon-reload"], ["enable", "--now", TIMER]):
        done = runner([systemctl, "--user", *step])
        if done.code != 0:
            said += [
                f"In a desktop session, 'systemctl --user enable --now {TIMER}' starts "
                "it. Without a systemd user session, this crontab line ('crontab -e') "
                "does the same:",
                crontab_line(command),
            ]
            return Outcome(
                said,
                f"'systemctl --user {' '.join(step)}' failed"
                f"{': ' + done.said if done.said else ''}; the timer is not "
                "running",
            )
    said.append(
        f"A daily reminder at {HOUR}:00 is on: one desktop notification, only when "
        "today has no check-in, at most once a day, never on a crash day. "
        "'fatiguelog remind uninstall' removes it."
    )
    if which("notify-send") is None:
        said.append(
            "notify-send was not found: install it (package libnotify-bin or "
            "libnotify) for the notification to show."
        )
    return Outcome(said)


def uninstall(
    *,
    runner: Runner = run,
    which: Callable[[str], str | None] = shutil.which,
    env: dict[str, str] | None = None,
) -> Outcome:
    folder = units_dir(env)
    present = [folder / name for name in (TIMER, SERVICE) if (folder / name).exists()]
    foreign = not_ours(folder)
    if foreign is not None:
        return Outcome([], _not_ours_failure(foreign, "removed"))
    systemctl = which("systemctl")
    if not present:
        said = [f"No reminder timer was installed (nothing in {folder})."]
        if systemctl is None:
            said.append("If you added the crontab line, remove it with 'crontab -e'.")
        return Outcome(said)
    failure = None
    if systemctl is not None:
        done = runner([systemctl, "--user", "disable", "--now", TIMER])
        if done.code != 0:
            failure = (
                f"'systemctl --user disable --now {TIMER}' failed"
                f"{': ' + done.said if done.said else ''}; the files are removed "
                "anyway, so the timer won't start again"
            )
    for path in present:
        path.unlink(missing_ok=True)
    if systemctl is not None and failure is None:
        runner([systemctl, "--user", "daemon-reload"])
    return Outcome([f"Removed the daily reminder ({', '.join(str(p) for p in present)})."], failure)


def should_notify(root: Path, today: date) -> bool:
    """Today has no check-in, isn't marked as a crash, and had no notification yet."""
    from fatiguelog.model import reminder_due
    from fatiguelog.state import read_last_reminder
    from fatiguelog.store import Status, Store

    if read_last_reminder(root) == today:
        return False
    day = Store(root, use_cache=False).read(today)
    if day.status is Status.BROKEN:
        return False  # something was written today; 'fatiguelog check' is the way to hear of it
    entry = day.entry
    return entry is None or reminder_due(entry.doc)


def notify(
    root: Path,
    today: date,
    *,
    runner: Runner = run,
    which: Callable[[str], str | None] = shutil.which,
) -> Outcome:
    """Send today's one notification when it is due. Without notify-send, the message is
    said on standard output instead (the timer's log keeps it). A notify-send that fails is
    a failure (one line, for the timer's log and its exit code) and is not counted, so the
    next run may still reach the user."""
    from fatiguelog.state import remember_reminder

    if not should_notify(root, today):
        return Outcome([])
    sender = which("notify-send")
    if sender is None:
        remember_reminder(root, today)
        return Outcome([f"fatiguelog: {MESSAGE}"])
    done = runner([sender, "--app-name=fatiguelog", "fatiguelog", MESSAGE])
    if done.code != 0:
        return Outcome(
            [],
            f"notify-send failed (exit {done.code}"
            f"{': ' + done.said if done.said else ''}), so no reminder was "
            "shown; the next run tries again",
        )
    remember_reminder(root, today)
    return Outcome([])
