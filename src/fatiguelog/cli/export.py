"""`fatiguelog export`: the appointment summary to standard output or a private file.

The period is `--from` to `--to`, both included; without `--from` it is the 90 calendar days
ending on `--to` (default today), i.e. `--from` = `--to` minus 89 days. Files are written
atomically and 0600; a missing folder is an error rather than something created silently.
An existing file is replaced only with `--force`; a path inside the data folder, or one that is
not a regular file (a link, a pipe, a device), is refused whatever the options.
`--discuss TEXT` or `--discuss-file PATH` opens the summary with the user's own words.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

from fatiguelog.cli import EXIT_OK, UserError, today_for

DEFAULT_DAYS = 90


def period(
    from_text: str | None, to_text: str | None, today: date | None = None
) -> tuple[date, date]:
    """The export's first and last day from what the user typed (days that have happened)."""
    from fatiguelog.dates import DateError, parse_past_day
    from fatiguelog.dates import today as diary_today

    today = today or diary_today()
    try:
        last = parse_past_day(to_text or "today", today)
    except DateError as exc:
        raise UserError(f"--to {exc}") from None
    try:
        first = (parse_past_day(from_text, today) if from_text
                 else last - timedelta(days=DEFAULT_DAYS - 1))
    except DateError as exc:
        raise UserError(f"--from {exc}") from None
    if first > last:
        raise UserError(
            f"--from {first.isoformat()} is after --to {last.isoformat()}: "
            "the first day must come before the last"
        )
    return first, last


def _discuss(args: argparse.Namespace) -> str:
    """The cleaned `--discuss` text or `--discuss-file` contents ("" without either); a file
    that is missing, unreadable, huge or binary, or a text too long for page one, is a
    UserError (one line, exit 1) before anything is read or written."""
    from fatiguelog.discuss import DiscussError, check, read_file

    text = getattr(args, "discuss", None)
    name = getattr(args, "discuss_file", None)
    try:
        if name is not None:
            return read_file(name)
        return check(text, "--discuss") if text else ""
    except DiscussError as exc:
        raise UserError(f"--discuss-file {exc}" if name is not None else str(exc)) from None


def _check_target(path: Path) -> None:
    if not path.parent.is_dir():
        raise UserError(
            f"the folder {path.parent} does not exist: create it first or choose another --output"
        )
    if path.is_dir():
        raise UserError(f"{path} is a folder: give a file name for --output")


def _print_utf8(text: str) -> None:
    """Standard output as UTF-8 whatever the console's code page, so `→` never crashes it."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        buffer.write(text.encode("utf-8"))
        buffer.flush()


def run_export(args: argparse.Namespace, root: Path) -> int:
    fmt = getattr(args, "format", None) or "md"
    include_notes = bool(getattr(args, "include_notes", False))
    first, last = period(getattr(args, "from_", None), getattr(args, "to", None),
                         today_for(root))
    discuss = _discuss(args)
    output = getattr(args, "output", None)
    target = None if output in (None, "-") else Path(output).expanduser()
    force = bool(getattr(args, "force", False))
    from fatiguelog import export

    if target is not None:
        _check_target(target)
        try:
            existing = export.check_targets(fmt, target, root)
        except export.TargetError as exc:
            raise UserError(str(exc)) from None
        if existing and not force:
            raise UserError(f"{existing[0]} already exists, so nothing was written: add "
                            "--force to replace it")
    from fatiguelog.settings import load_settings
    from fatiguelog.store import Store
    from fatiguelog.textsafe import strip_controls

    settings, settings_problems = load_settings(root)
    for problem in settings_problems:
        print(
            strip_controls(f"fatiguelog: {problem}", one_line=True), file=sys.stderr
        )
    summary = export.summarize_for(Store(root), settings, first, last, fmt, include_notes)
    if discuss:
        from fatiguelog.frozen import replace

        summary = replace(summary, discuss=discuss)

    if target is None:
        _print_utf8(export.render(summary, fmt, include_notes))
        return EXIT_OK
    from fatiguelog.store import describe_os_error

    try:
        written = export.write_files(summary, fmt, target, include_notes, root=root,
                                     force=force)
    except export.TargetError as exc:
        raise UserError(str(exc)) from None
    except FileExistsError as exc:  # appeared since the check
        raise UserError(f"{exc.filename or target} already exists, so nothing was written: "
                        "add --force to replace it") from None
    except OSError as exc:
        raise UserError(describe_os_error(exc, target)) from None
    notes = "with notes" if include_notes else "without notes"
    where = ", ".join(str(path) for path in written)
    kind = "as CSV: " if fmt == "csv" else "to "
    print(strip_controls(f"Saved the summary ({first} to {last}, {notes}) {kind}{where}",
                         one_line=True))
    return EXIT_OK
