"""Home's flag lines in words, worked out apart from the screen, and ahead of it.

Home is useful when today's status, the two weeks and the flags active today are all drawn.
The flags need weeks of history (and, for a flag that has been on for months, as far back as
its run goes), which is work the app's first frame should not wait for and the screen should
not race for the interpreter lock. So `Ahead.start` forks a process the moment the app is
asked for (before Textual is even imported), which works the lines out on the other core
while the app starts; home picks them up when it is drawn (`Ahead.lines`), or a little later.
Where there is no `fork` (or threads already run), home works them out in a thread as before.

Textual-free: the lines are (text, css class) pairs.
"""

from __future__ import annotations

import contextlib
import os
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fatiguelog.analysis.summary import Alarm, FlagReport, RuleGap, Summary
    from fatiguelog.settings import Settings

FLAG_DAYS = 7  # the period whose last day is today; flags active today are shown
MAX_FLAG_LINES = 3
Lines = list[tuple[str, str]]


def overview_line(flag: FlagReport, last_day: date | None = None) -> str:
    """One line per flag (home, and the top of the trend view); the details follow elsewhere.
    With `last_day` (a period's end) it also says whether the flag is still on then."""
    from fatiguelog.textsafe import strip_controls
    from fatiguelog.wording import level_label

    level = level_label(flag.level)
    title = strip_controls(flag.title)
    if last_day is None:
        return f"{level}: {title} (since {flag.since.isoformat()})"
    still = "still on" if flag.last == last_day else f"until {flag.last.isoformat()}"
    return f"{level}: {title} (since {flag.since.isoformat()}, {still})"


def flag_lines(summary: Summary) -> Lines:
    """(text, css class) lines for the home screen: the urgent banner first (alarm symptoms
    reported in the last 7 days, so on today), then one line per other flag on today, then
    which rules could not be checked. Never "no flags" alone."""
    urgent = urgent_lines(tuple(a for a in summary.alarms if a.active)) if summary.banner else []
    lines = list(urgent)
    from fatiguelog.flagtext import alarm_caveats

    # (a sync copy's red flag has its own line on home, see `conflicts.waiting_text`)
    lines += [(f"! {text}", "flag-line") for text in alarm_caveats(summary, copies=False)]
    others = [f for f in summary.active_flags() if f.level != "urgent"]
    cov = summary.coverage
    checked = "" if cov is None else f"{cov.rules_checked} of {cov.rules_total} rules checked"
    from fatiguelog.wording import NOT_A_DIAGNOSIS

    # (one line at 80 columns: the trend view says it whole, with each flag's rule)
    evidence = f"{NOT_A_DIAGNOSIS} Press t for the evidence ({checked})."
    if urgent and others:
        # The urgent lines take most of home's flag box (five rows at 80 columns for two red
        # flags): the others are counted in one line, never cut off unsaid.
        from fatiguelog.textsafe import strip_controls
        from fatiguelog.wording import plural

        # (one flag is named: as short as a count; more are counted)
        also = (
            strip_controls(others[0].title)
            if len(others) == 1
            else plural(len(others), "other flag")
        )
        return [*lines, (f"! Also on today: {also}. {evidence}", "flag-line")]
    for flag in others[:MAX_FLAG_LINES]:
        lines.append((overview_line(flag), "flag-line"))  # all on today: said above
    if len(others) > MAX_FLAG_LINES:
        lines.append((f"... and {len(others) - MAX_FLAG_LINES} more.", "flag-line"))
    if not summary.banner and not others:
        from fatiguelog import flagtext as ft

        gap = ft.data_gap(summary, short=True)  # a new user reads "not enough data" first
        lines.append(
            (
                f"{gap.removesuffix('.')} ({checked})."
                if gap
                else f"No flag on today ({checked}).",
                "flag-none",
            )
        )
    if cov is not None and cov.unchecked and not urgent:
        # (beside urgent lines there is no room for it: "15 of 17 rules checked" says it)
        lines.append((not_checked_line(cov.unchecked), "flag-hint not-checked"))
    if summary.banner or others:
        lines.append((evidence, "flag-hint"))
    return lines


def not_checked_line(gaps: tuple[RuleGap, ...], most: int = 4) -> str:
    """The rules that could not be checked today, in words, short enough for home: the alarm
    symptoms as one item (they all need a check-in in the last 7 days), then the first few
    titles; the trend view lists each with what it needs."""
    from fatiguelog.model import RED_FLAGS

    alarms = [g for g in gaps if g.id.removeprefix("red.") in RED_FLAGS]
    names = ["alarm symptoms (they need a check-in in the last 7 days)"] if alarms else []
    names += [g.title for g in gaps if g not in alarms]
    shown = ", ".join(names[:most])
    more = f" and {len(names) - most} more" if len(names) > most else ""
    return f"Not checked (not enough data): {shown}{more}. Press t for what each needs."


def urgent_lines(alarms: tuple[Alarm, ...]) -> Lines:
    """The banner for the urgent alarm symptoms among `alarms` (reported in the last 7 days)."""
    from fatiguelog import flagtext as ft

    lines: Lines = []
    urgent = [a for a in alarms if a.level == "urgent"]
    if urgent:
        said = "; ".join(f"{a.title} reported on {ft.dates_text(a.days)}" for a in urgent)
        lines.append((f"!! SEEK MEDICAL CARE PROMPTLY: {said}.", "flag-urgent"))
        lines += [(text, "flag-urgent-advice") for text in dict.fromkeys(a.advice for a in urgent)]
    return lines


def alarms_of(reported: dict[str, list[date]]) -> tuple[Alarm, ...]:
    """Alarms from the days each red flag was reported (as `report.alarms_only` makes them,
    from files already read)."""
    if not reported:
        return ()
    from fatiguelog.analysis.summary import red_alarm
    from fatiguelog.model import RED_FLAGS

    return tuple(
        red_alarm(key, tuple(sorted(reported[key])), active=True)
        for key in RED_FLAGS
        if key in reported
    )


def alarm_only_lines(alarms: tuple[Alarm, ...], error: str) -> Lines:
    """When the flags could not be worked out: the alarm symptoms still show, first."""
    lines = urgent_lines(alarms)
    lines += [
        (f"{a.title} reported: {a.advice}", "flag-line") for a in alarms if a.level != "urgent"
    ]
    lines.append((f"The other flags could not be worked out: {error}", "flag-line"))
    return lines


def home_lines(root: Path, settings: Settings, today: date) -> Lines:
    """Home's flag lines for `today`: the flags active today (and since when), or, when they
    could not be worked out, the alarm symptoms read straight from their files."""
    from fatiguelog.store import Store
    from fatiguelog.summarycache import cached_summary

    store = Store(root)
    try:
        first = today - timedelta(days=FLAG_DAYS - 1)
        summary = cached_summary(store, settings, first, today, today=today)
    except Exception as exc:  # never let a bad history hide the home screen
        # ...nor an alarm symptom: those are read again on their own (flags.md v2).
        from fatiguelog.report import alarms_only

        return alarm_only_lines(alarms_only(store, today), str(exc))
    return flag_lines(summary)


class Ahead:
    """Home's flag lines, worked out by a forked process while the app starts."""

    #: The longest home waits for the child (`lines(wait=True)`): one that has not answered by
    #: then is stuck (or the history is huge); it is killed and home works the lines out
    #: itself, so the flags never stay on "Looking..." for good.
    WAIT_SECONDS = 20.0

    def __init__(self, pid: int, fd: int, today: date):
        self.pid = pid
        self.fd = fd
        self.today = today
        self._data = bytearray()
        self._done = False
        self._lines: Lines | None = None

    @classmethod
    def start(cls, root: Path, settings: Settings, today: date) -> Ahead | None:
        """Fork the process that works the lines out; None where that can't be done safely
        (no `fork`, or threads already running: a forked copy of them would hold their
        locks). The child never writes to the terminal and always ends with `os._exit`."""
        import threading

        if not hasattr(os, "fork") or threading.active_count() > 1:
            return None
        try:
            read_end, write_end = os.pipe()
            pid = os.fork()
        except OSError:
            return None
        if pid == 0:  # pragma: no cover - the child (its work is tested through `home_lines`)
            code = 1
            try:
                os.close(read_end)
                quiet = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(quiet, fd)
                import json

                lines = home_lines(root, settings, today)
                data = json.dumps({"today": today.isoformat(), "lines": lines}).encode()
                view = memoryview(data)
                while view:
                    view = view[os.write(write_end, view) :]
                code = 0
            except BaseException:
                pass
            finally:
                os._exit(code)
        os.close(write_end)
        return cls(pid, read_end, today)

    def lines(self, wait: bool) -> Lines | None:
        """The lines when the child has finished (waiting for it with `wait`, at most
        `WAIT_SECONDS`); None while it works (without `wait`), and when it failed or did not
        answer in time (then the child is killed, and the caller works them out)."""
        import select
        import time

        deadline = time.monotonic() + self.WAIT_SECONDS
        while not self._done:
            left = max(0.0, deadline - time.monotonic()) if wait else 0
            ready, _w, _x = select.select([self.fd], [], [], left)
            if not ready:
                if wait:
                    self.close()
                return None
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                chunk = b""
            if chunk:
                self._data += chunk
                continue
            self._finish()
        return self._lines

    def _finish(self) -> None:
        self._done = True
        os.close(self.fd)
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(self.pid, 0)
        import json  # (not on import: home's first frame needs it only when the lines are in)

        try:
            found = json.loads(self._data)
            if found["today"] == self.today.isoformat():
                self._lines = [(str(text), str(css)) for text, css in found["lines"]]
        except (ValueError, KeyError, TypeError):
            self._lines = None

    def close(self) -> None:
        """The app is leaving (or gave up waiting): stop a child still at work, and reap it.
        Its lines, if any came, are not used."""
        if self._done:
            return
        import signal

        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)  # (a child stuck in a read ignores nothing)
        self._data.clear()
        self._finish()


__all__ = [
    "Ahead",
    "alarm_only_lines",
    "alarms_of",
    "flag_lines",
    "home_lines",
    "not_checked_line",
    "overview_line",
    "urgent_lines",
]
