"""Appointment summary exporters: they format a `Summary`, they compute nothing of their own.

Formats: Markdown (`md`, the default), self-contained HTML (`html`), CSV tables (`csv`) and
JSON (`json`, contract in the shared cli spec), declared once in `fatiguelog.export.formats`.
Imports stay lazy so `fatiguelog export` loads only the renderer it uses, and never Textual;
the command-line parser imports this package (for the formats) at every start, so not even
`typing` is imported here.
"""

from __future__ import annotations

import errno
import os
import stat
from importlib import import_module
from pathlib import Path

from fatiguelog.export import formats

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: see above
if TYPE_CHECKING:
    from datetime import date

    from fatiguelog.analysis.summary import Summary
    from fatiguelog.settings import Settings
    from fatiguelog.store import Store

#: Spreadsheet programs read a CSV as UTF-8 only when it starts with a byte-order mark.
BOM = "\ufeff"


def render(summary: Summary, fmt: str = "md", include_notes: bool = False) -> str:
    """The whole export as text (CSV: its tables separated by blank lines). ValueError for a
    format `formats.FORMATS` does not declare."""
    module = formats.find(fmt).module
    if not include_notes:
        summary = _private(summary)
    text: str = import_module(module).render(summary, include_notes)
    return text


def extension(fmt: str) -> str:
    """The file name ending of `fmt`'s summary, with its dot: `.md`."""
    return formats.find(fmt).extension


def summarize_for(
    store: Store, settings: Settings, first: date, last: date, fmt: str, include_notes: bool
) -> Summary:
    """The summary an export in `fmt` renders: only CSV has a row per day, so only it keeps
    the period's days (the others need figures, which a stream of the years gives, or the
    summary of the same period kept by the trend view or an earlier export:
    `fatiguelog.summarycache`). Without notes CSV's rows come from the day records (always
    right: a file changed since is parsed again); with notes, from the files, as notes are
    never kept."""
    from fatiguelog.dates import today as diary_today

    # The diary's today (`day_starts_at`), as the command line's period: at 01:00 with the
    # day starting at 04:00 a period ending "today" still ends today, its red flags urgent.
    # (From the settings in hand: settings.toml is not read again.)
    today = diary_today(settings.day_starts_at)
    if include_notes:
        from fatiguelog.report import summarize

        return summarize(
            store,
            settings,
            first,
            last,
            include_notes=True,
            keep_entries=fmt == "csv",
            today=today,
        )
    from fatiguelog.summarycache import cached_summary

    summary = cached_summary(store, settings, first, last, today=today)
    if fmt == "csv":  # a row per day: the period's day records (no notes asked for)
        from fatiguelog.export.csv_export import RecordDay
        from fatiguelog.frozen import replace

        found = store.load_records(first, last).records
        summary = replace(
            summary,
            entries=tuple(
                RecordDay(day, found[day])
                for day in sorted(found)
                if first <= day <= last and not found[day].partial
            ),
        )
    return _private(summary)


def _private(summary: Summary) -> Summary:
    """The summary with no file name the user chose in its problem lists (without
    --include-notes a name like "told GP about X.toml" is as private as a note)."""
    from fatiguelog.export.common import private_problems
    from fatiguelog.frozen import replace

    return replace(summary, problems=private_problems(summary.problems))


class TargetError(ValueError):
    """An output path an export must never write to; the message is one line."""


def output_paths(fmt: str, target: Path) -> list[Path]:
    """Every file an export to `target` writes (CSV: one per table)."""
    return list(csv_paths(target).values()) if fmt == "csv" else [target]


def check_targets(fmt: str, target: Path, root: Path) -> list[Path]:
    """Refuse (TargetError) an output inside the data folder `root`, links followed, and one
    that is not a regular file (a link, a pipe, a device: writing would replace it, not fill
    it); return the files that already exist, which only an explicit yes may replace."""
    from fatiguelog.atomic import kind_of
    from fatiguelog.paths import cache_dir, is_inside

    cache = cache_dir(root)
    existing = []
    for path in output_paths(fmt, target):
        where = os.path.join(os.path.realpath(path.parent), path.name)
        if is_inside(where, root):
            raise TargetError(
                f"{path} is inside the data folder ({root}): an export is never "
                "written there, so nothing was written"
            )
        if is_inside(where, cache):
            raise TargetError(
                f"{path} is inside fatiguelog's cache folder ({cache}): an "
                "export is never written there, so nothing was written"
            )
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise TargetError(f"{path} can't be used: {exc.strerror or exc}") from None
        if not stat.S_ISREG(mode):
            raise TargetError(
                f"{path} is {kind_of(mode)}, not a regular file, so nothing was "
                "written: give a file name (or - for standard output)"
            )
        existing.append(path)
    return existing


def csv_paths(path: Path) -> dict[str, Path]:
    """`x.csv` -> days in `x.csv`, stools in `x.stools.csv`, problems in `x.problems.csv`,
    flags in `x.flags.csv`, the rules checked in `x.coverage.csv`, the week table in
    `x.weeks.csv`, the medication timeline in `x.timeline.csv`, the discuss text in
    `x.discuss.csv`."""
    stem = path.name[: -len(".csv")] if path.name.lower().endswith(".csv") else path.name
    return {
        "days": path,
        "stools": path.with_name(f"{stem}.stools.csv"),
        "problems": path.with_name(f"{stem}.problems.csv"),
        "flags": path.with_name(f"{stem}.flags.csv"),
        "coverage": path.with_name(f"{stem}.coverage.csv"),
        "weeks": path.with_name(f"{stem}.weeks.csv"),
        "timeline": path.with_name(f"{stem}.timeline.csv"),
        "discuss": path.with_name(f"{stem}.discuss.csv"),
    }


def write_files(
    summary: Summary,
    fmt: str,
    target: Path,
    include_notes: bool,
    *,
    root: Path | None = None,
    force: bool = False,
) -> list[Path]:
    """Write the export to `target` (CSV: a file per table), atomically and 0600.

    The one place exports reach the disk, for the command line and the export screen alike.
    With the data folder `root`, the targets are checked again (`check_targets`) just before.
    An existing file is replaced only with `force` (else FileExistsError, even for one that
    appeared since the check); a link at the target is replaced, never followed.
    Raises OSError or TargetError; callers say it in a sentence.
    """
    from fatiguelog.atomic import atomic_write

    if root is not None:
        existing = check_targets(fmt, target, root)
        if existing and not force:
            raise FileExistsError(errno.EEXIST, "File exists", str(existing[0]))
    if fmt == "csv":
        from fatiguelog.atomic import atomic_write_files
        from fatiguelog.export.csv_export import tables

        parts = tables(summary, include_notes)
        paths = csv_paths(target)  # (one folder: flushed once, after the last file's name)
        atomic_write_files(
            [(path, (BOM + parts[name]).encode("utf-8")) for name, path in paths.items()],
            replace=force,
        )
        return list(paths.values())
    atomic_write(target, render(summary, fmt, include_notes).encode("utf-8"), replace=force)
    return [target]
