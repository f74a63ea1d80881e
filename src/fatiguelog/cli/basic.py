"""`fatiguelog remind` and `fatiguelog check`: small, fast, no Textual."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from fatiguelog.cli import EXIT_DATA, EXIT_OK
from fatiguelog.wording import plural

if TYPE_CHECKING:
    from datetime import date, time

    from fatiguelog.model import Entry
    from fatiguelog.problems import Problem
    from fatiguelog.settings import Settings
    from fatiguelog.store import Store

REMINDER = "Run 'fatiguelog checkin' (under a minute)."


def remind(root: Path) -> int:
    """One line when today has no check-in (a day with only shell-logged stools or doses has
    none yet); silent otherwise (a day marked as a crash too); always exit 0."""
    try:
        line = reminder(root)
    except Exception:  # a reminder must never break a shell start-up
        line = None
    if line:
        print(line)
    return EXIT_OK


def reminder(root: Path) -> str | None:
    """The reminder for the diary's today, or None when it is checked in."""
    from fatiguelog.dates import read_day_start, today
    from fatiguelog.paths import entry_path

    day = today(read_day_start(root))
    try:
        with open(entry_path(root, day), "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return f"fatiguelog: no check-in yet today. {REMINDER}"
    import tomllib

    from fatiguelog.model import logged_items, reminder_due
    from fatiguelog.validate import entry_issues, future_schema

    unreadable = "fatiguelog: today's entry can't be read; 'fatiguelog check' says why."
    try:
        doc = tomllib.loads(raw.decode("utf-8"))
    except ValueError:  # not UTF-8 or not TOML
        return unreadable
    # A bad value (`fatigue = 11`) makes the file as unreadable as broken TOML does: home
    # says "its file can't be read", and so does the reminder (never silence).
    if not future_schema(doc) and entry_issues(doc, day):
        return unreadable
    if not reminder_due(doc):  # checked in, or a crash day: as the notification
        return None
    logged = logged_items(doc)
    return (
        f"fatiguelog: {logged} today, but no check-in yet. {REMINDER}"
        if logged
        else f"fatiguelog: no check-in yet today. {REMINDER}"
    )


def check(root: Path) -> int:
    """List every problem with file and line; change nothing."""
    from fatiguelog.settings import load_settings
    from fatiguelog.store import Store
    from fatiguelog.textsafe import strip_controls

    store = Store(root, use_cache=False)  # check reads every file itself
    _settings, settings_problems = load_settings(root)
    problems = list(settings_problems)
    count = 0
    from fatiguelog.dates import today

    now = today(_settings.day_starts_at)
    later: list[date] = []  # entries dated after today (hidden everywhere else)
    for year in store.years(None, None):  # a year at a time: thirty years need no more memory
        problems += year.problems
        count += len(year.entries)
        later += sorted(day for day in year.entries if day > now)
        problems += _answer_problems(store, _settings, year.entries)
    problems += store.leftovers()
    problems += store.misplaced()
    problems = [_copy_problem(store, problem) for problem in problems]
    problems += _after_today(_settings.day_starts_at, now, later)
    for problem in _in_line_order(problems):
        print(strip_controls(str(problem), one_line=True))
    if problems:
        print(
            f"{plural(len(problems), 'problem')} found; {plural(count, 'entry', 'entries')} "
            "read. Nothing was changed.",
            file=sys.stderr,
        )
        return EXIT_DATA
    print(f"All is well: {count} entries read from {root}.")
    return EXIT_OK


def _in_line_order(problems: list[Problem]) -> list[Problem]:
    """Each file's problems together and in line order (a whole-file one first), the files
    in the order they were read (settings first, then the days): they were listed as each
    check found them, lines 8, 10, 9."""
    first_seen: dict[str, int] = {}
    for problem in problems:
        first_seen.setdefault(problem.file, len(first_seen))
    return sorted(problems, key=lambda p: (first_seen[p.file], p.line or 0))


def _answer_problems(store: Store, settings: Settings, entries: dict[date, Entry]) -> list[Problem]:
    """Answers that don't fit their question but leave their day readable
    (`validate.answer_issues`: `crash = "yes"`, a tracker's answer outside its scale as the
    settings declare it now): every figure leaves such an answer out, so `check` says which
    and where."""
    from fatiguelog import vocabulary
    from fatiguelog.problems import Problem
    from fatiguelog.validate import Locator, answer_issues

    questions = vocabulary.with_trackers(settings.trackers)
    problems: list[Problem] = []
    for day in sorted(entries):
        issues = answer_issues(entries[day].doc, questions)
        if not issues:
            continue
        path = store.path(day)
        try:
            locator: Locator | None = Locator(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            locator = None
        problems += [
            Problem(
                store.relative(path),
                message,
                locator.locate(where) if locator is not None else None,
            )
            for message, where in issues
        ]
    return problems


def _after_today(start: time, now: date, days: list[date]) -> list[Problem]:
    """The entries of `days`, dated after today (`now`, for a day starting at `start`): every
    screen and command treats them as days that haven't happened yet, so they are hidden. A
    later start of the day (or a clock set back) does that to an entry written before; said
    here rather than left unseen."""
    from fatiguelog.dates import MIDNIGHT
    from fatiguelog.problems import Problem

    why = (
        f"your day starts at {start:%H:%M} (day_starts_at in settings.toml): an earlier "
        "start shows it again"
        if start != MIDNIGHT
        else "is the computer's clock right?"
    )
    return [
        Problem(
            f"entries/{day.year:04d}/{day.isoformat()}.toml",
            f"dated {day.isoformat()}, after today ({now.isoformat()}), so it is hidden "
            f"as a day that hasn't happened yet; {why}",
        )
        for day in days
    ]


def _copy_problem(store: Store, problem: Problem) -> Problem:
    """A sync-conflict copy that `conflicts --merge` would refuse: say why, and what to do,
    rather than "run 'fatiguelog conflicts --merge'"."""
    from fatiguelog.conflicts import SyncCopy, plan_merge
    from fatiguelog.paths import sync_copy_of

    found = sync_copy_of(problem.file.rsplit("/", 1)[-1])
    if found is None:
        return problem
    day, tool = found
    why = plan_merge(store, SyncCopy(store.root / problem.file, day, tool))
    if not isinstance(why, str):
        return problem
    return problem._replace(
        message=f"a {tool} conflict copy of {day.isoformat()}, not read as "
        f"an entry; it can't be merged as it is: "
        f"{why.rstrip('.')}."
    )
