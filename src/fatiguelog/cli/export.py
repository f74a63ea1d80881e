"""`fatiguelog export`: the appointment summary to standard output or a private file.

The period is `--from` to `--to`, both included; without `--from` it is the 90 calendar days
ending on `--to` (default today), i.e. `--from` = `--to` minus 89 days. Files are written
atomically and 0600; a missing folder is an error rather than something created silently.
An existing file is replaced only with `--force`; a path inside the data folder, or one that is
not a regular file (a link, a pipe, a device), is refused whatever the options; a file name
ending in another format's extension (`-o visit.json` for Markdown) is wrong usage (exit 2).
`--discuss TEXT` or `--discuss-file PATH` opens the summary with the user's own words.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

from fatiguelog.cli import EXIT_OK, UserError, today_for
from fatiguelog.wording import DEFAULT_DAYS

EXIT_USAGE = 2  # cli.md: wrong usage (as argparse's own refusals)


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
        first = (
            parse_past_day(from_text, today)
            if from_text
            else last - timedelta(days=DEFAULT_DAYS - 1)
        )
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


def _refused(error: Exception) -> int:
    """A refusal of the export's file (`export.files.SaveError`), said with the way out on
    the command line: a file name ending in another format's extension is wrong usage (exit
    2, one line with both ways out: `--format` for the ending's format, or the name with the
    chosen one's); anything else raises a `UserError`."""
    from fatiguelog.cli import _say_error
    from fatiguelog.export import files

    if isinstance(error, files.WrongExtension):
        _say_error(f"{error}: add --format {error.other.key}, or name it {error.name}")
        return EXIT_USAGE
    if isinstance(error, files.FolderMissing):
        raise UserError(f"{error}: create it first or choose another --output") from None
    if isinstance(error, files.IsAFolder):
        raise UserError(f"{error}: give a file name for --output") from None
    if isinstance(error, files.AlreadyThere):
        raise UserError(f"{error}, so nothing was written: add --force to replace it") from None
    raise UserError(str(error)) from None


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
    from fatiguelog.export import formats

    fmt = getattr(args, "format", None) or formats.default().key
    include_notes = bool(getattr(args, "include_notes", False))
    first, last = period(getattr(args, "from_", None), getattr(args, "to", None), today_for(root))
    discuss = _discuss(args)
    output = getattr(args, "output", None)
    target = None if output in (None, "-") else Path(output).expanduser()
    force = bool(getattr(args, "force", False))
    from fatiguelog import export
    from fatiguelog.export import files

    if target is not None:
        try:
            existing = files.check_place(fmt, target, root)
            if existing and not force:
                raise files.AlreadyThere(existing[0])
        except files.SaveError as exc:
            return _refused(exc)
    from fatiguelog.settings import load_settings
    from fatiguelog.textsafe import strip_controls

    settings, settings_problems = load_settings(root)
    for problem in settings_problems:
        print(strip_controls(f"fatiguelog: {problem}", one_line=True), file=sys.stderr)
    if target is None:
        summary = files.summary_for(root, settings, first, last, fmt, include_notes, discuss)
        _print_utf8(export.render(summary, fmt, include_notes))
        return EXIT_OK
    try:  # the same writer as the export screen's
        written = files.save(
            root, settings, first, last, fmt, target, include_notes, force=force, discuss=discuss
        )
    except files.SaveError as exc:  # (a file that appeared since the check included)
        return _refused(exc)
    notes = "with notes" if include_notes else "without notes"
    where = ", ".join(str(path) for path in written.paths)
    kind = "as CSV: " if fmt == "csv" else "to "
    print(
        strip_controls(
            f"Saved the summary ({first} to {last}, {notes}) {kind}{where}", one_line=True
        )
    )
    return EXIT_OK
