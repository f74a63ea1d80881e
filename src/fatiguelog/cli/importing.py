"""`fatiguelog import FORMAT FILE [--map MAP.toml] [--dry-run]`: another tracker's export,
added to the matching days. The report says every conversion, every clash (your answer is
kept), every column with no home, and every day that could not be changed."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from fatiguelog.cli import EXIT_DATA, EXIT_OK, UserError
from fatiguelog.flagtext import red_flag_words
from fatiguelog.importers import FORMATS, ImportFileError, MapError, plan_import
from fatiguelog.importers.core import DayChange, Plan, plan_changes, write_changes
from fatiguelog.importers.targets import Target
from fatiguelog.store import Store, StoreError
from fatiguelog.textsafe import strip_controls
from fatiguelog.wording import plural, show_value, verb

MAX_LISTED = 20


def run_import(args: argparse.Namespace, root: Path) -> int:
    fmt = args.format
    assert fmt in FORMATS
    path = Path(args.file).expanduser()
    map_path = Path(args.map_file).expanduser() if args.map_file else None
    from fatiguelog.settings import load_settings

    settings, _problems = load_settings(root)  # (a bad settings file: no trackers to name)
    try:
        plan, unused = plan_import(fmt, path, map_path, date.today(), settings.trackers)
    except (ImportFileError, MapError) as exc:
        raise UserError(strip_controls(str(exc), one_line=True)) from None
    out = _Out()
    _header(out, plan, path, unused)
    store = Store(root)
    done: list[DayChange] = []
    try:
        if args.dry_run:
            done = plan_changes(store, plan)
        else:
            for change in write_changes(store, plan, fmt):
                done.append(change)
    except StoreError as exc:
        _changes(out, done, dry_run=False)
        out.flush()
        raise UserError(
            f"{exc} The import stopped after {len(done)} of {len(plan.days)} "
            "days; running it again adds the rest."
        ) from None
    _changes(out, done, args.dry_run)
    _footer(out, plan)
    _red_flags(out, done, date.today())
    _summary(out, done, args.dry_run)
    out.flush()
    blocked = [c for c in done if c.status in ("unreadable", "newer")]
    refused = [c for c in done if c.status == "refused"]
    if blocked:
        print(
            f"fatiguelog: {plural(len(blocked), 'day')} {verb(len(blocked), 'was', 'were')} "
            "not changed because "
            f"{verb(len(blocked), 'its file', 'their files')} can't be read or "
            f"{verb(len(blocked), 'is', 'are')} from a newer version (listed above).",
            file=sys.stderr,
        )
    if refused:
        print(
            f"fatiguelog: {plural(len(refused), 'day')} {verb(len(refused), 'was', 'were')} "
            f"refused: importing {verb(len(refused), 'it', 'them')} would go past what one "
            "day's file may hold (listed above).",
            file=sys.stderr,
        )
    return EXIT_DATA if blocked or refused else EXIT_OK


class _Out:
    """Lines for standard output, control characters stripped (the file's text is data)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, text: str = "") -> None:
        self.lines.append(strip_controls(text, one_line=True))

    def flush(self) -> None:
        if self.lines:
            print("\n".join(self.lines))
        self.lines = []


def _header(out: _Out, plan: Plan, path: Path, unused: list[str]) -> None:
    days = sorted(plan.days)
    span = f" ({days[0]} to {days[-1]})" if days else ""
    out(
        f"{plan.label} export {path.name}: {plan.count} readings; answers for "
        f"{plural(len(days), 'day')}{span}."
    )
    if plan.used:
        out()
        out("How its answers become yours:")
        for source, rule in plan.used.items():
            out(f"  {rule.describe(source)}")
        kinds = {rule.target.kind for rule in plan.used.values()}
        if kinds & {"rating", "quality", "hours", "number"}:
            out(
                "  Several readings of one answer on a day: the worst is kept (the highest "
                "severity, the lowest sleep quality, the most hours)."
            )
    for note in plan.notes:
        out(f"Note: {note}")
    for name in unused:
        out(f"Note: your map names {name!r}, which has no values in the file.")


def _said(target: Target, value: Any) -> str:
    if target.kind == "stool":
        types = [str(s["bristol"]) for s in value]
        n = len(value)
        return (
            f"{n} bowel movement{'s' if n > 1 else ''} (type{'s' if n > 1 else ''} "
            f"{', '.join(types)})"
        )
    if target.kind == "dose":
        return "doses " + show_value(value)
    return f"{target.label} {show_value(value)}"


def _changes(out: _Out, changes: list[DayChange], dry_run: bool) -> None:
    adds = [c for c in changes if c.adds]
    if adds:
        out()
        out("Would add (dry run: nothing was written):" if dry_run else "Added:")
        for change in adds:
            new = " (new entry)" if change.status == "new" else ""
            out(f"  {change.day}{new}: " + ", ".join(_said(t, v) for t, v in change.adds))
    clashes = [clash for c in changes for clash in c.clashes]
    if clashes:
        out()
        out("Already answered differently: your answer is kept, the import's left out:")
        for clash in clashes:
            out(
                f"  {clash.day} {clash.target.label}: yours {show_value(clash.yours)}, "
                f"imported {show_value(clash.imported)}"
            )
    blocked = [c for c in changes if c.status in ("unreadable", "newer")]
    if blocked:
        out()
        out("Days not changed:")
        for change in blocked:
            out(
                f"  {change.day}: {change.problem} (the file was left as it is: fix it, then "
                "import again)"
            )
    refused = [c for c in changes if c.status == "refused"]
    if refused:
        out()
        out(
            "Days refused (nothing written for them): the import would make a file no command "
            "can read:"
        )
        for change in refused:
            out(f"  {change.day}: {change.problem}")


def _footer(out: _Out, plan: Plan) -> None:
    if plan.unmapped:
        out()
        out(
            "Not mapped (no place for them in fatiguelog yet; a map file can place them, see "
            "docs/import.md):"
        )
        out("  " + ", ".join(f"{name} ({n})" for name, n in plan.unmapped.most_common()))
    if plan.ignored:
        out("Skipped by your map: " + ", ".join(f"{n} ({c})" for n, c in plan.ignored.items()))
    if plan.not_understood or plan.unclear_count:
        out()
        out("Left out, not understood:")
        for name, n in plan.unclear_count.items():
            out(f"  column {name!r} ({plural(n, 'value')}): {plan.unclear[name]}")
        for skipped in plan.not_understood[:MAX_LISTED]:
            out(f"  line {skipped.line}, {skipped.source}: {skipped.why}")
        if len(plan.not_understood) > MAX_LISTED:
            out(f"  ... and {len(plan.not_understood) - MAX_LISTED} more.")
    if plan.duplicates:
        out()
        out("Rows repeated exactly in the file, read once:")
        shown = [f"line {line} (= line {first})" for line, first in plan.duplicates]
        more = len(shown) - MAX_LISTED
        out("  " + ", ".join(shown[:MAX_LISTED]) + (f" ... and {more} more" if more > 0 else ""))
    if plan.future:
        out("Left out, dated after today: " + ", ".join(str(d) for d in sorted(plan.future)))


def _red_flags(out: _Out, changes: list[DayChange], today: date) -> None:
    """Each alarm symptom the import adds, with the same graded advice as `log red-flag`."""
    for change in changes:
        keys = [t.path[1] for t, v in change.adds if t.path[0] == "red_flags" and v is True]
        if keys:
            out()
            out(f"!! {red_flag_words(change.day, keys, today)}")


def _summary(out: _Out, changes: list[DayChange], dry_run: bool) -> None:
    new = sum(1 for c in changes if c.adds and c.status == "new")
    filled = sum(1 for c in changes if c.adds and c.status == "existing")
    clashes = sum(len(c.clashes) for c in changes)
    out()
    counts = (
        f"{plural(new, 'new entry', 'new entries')}, {plural(filled, 'existing day')} filled "
        f"in, {plural(clashes, 'clash', 'clashes')} (your answers kept)"
    )
    if dry_run:
        out(
            f"Dry run: would make {counts}. Nothing was written; run it again without "
            "--dry-run to import."
        )
    else:
        out(f"Done: {counts}.")
