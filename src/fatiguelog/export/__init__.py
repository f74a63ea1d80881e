"""Appointment summary exporters: they format a `Summary`, they compute nothing of their own.

Formats: Markdown (`md`, the default), self-contained HTML (`html`), CSV tables (`csv`) and
JSON (`json`, contract in the shared cli spec). Imports stay lazy so `fatiguelog export` loads
only the renderer it uses, and never Textual.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from fatiguelog.analysis.summary import Summary
    from fatiguelog.settings import Settings
    from fatiguelog.store import Store

#: Spreadsheet programs read a CSV as UTF-8 only when it starts with a byte-order mark.
BOM = "\ufeff"

FORMATS: dict[str, str] = {
    "md": "fatiguelog.export.markdown",
    "html": "fatiguelog.export.html",
    "csv": "fatiguelog.export.csv_export",
    "json": "fatiguelog.export.json_export",
}
EXTENSIONS = {"md": ".md", "html": ".html", "csv": ".csv", "json": ".json"}


def render(summary: Summary, fmt: str = "md", include_notes: bool = False) -> str:
    """The whole export as text (CSV: its three tables separated by blank lines)."""
    try:
        module = FORMATS[fmt]
    except KeyError:
        raise ValueError(
            f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}"
        ) from None
    text: str = import_module(module).render(summary, include_notes)
    return text


def summarize_for(store: Store, settings: Settings, first: date, last: date, fmt: str,
                  include_notes: bool) -> Summary:
    """The summary an export in `fmt` renders: only CSV has a row per day, so only it keeps
    the period's entries (the others need figures, which a stream of the years gives)."""
    from fatiguelog.report import summarize

    return summarize(store, settings, first, last, include_notes=include_notes,
                     keep_entries=fmt == "csv")


def csv_paths(path: Path) -> dict[str, Path]:
    """`x.csv` -> days in `x.csv`, stools in `x.stools.csv`, problems in `x.problems.csv`,
    flags in `x.flags.csv`, the rules checked in `x.coverage.csv`."""
    stem = path.name[: -len(".csv")] if path.name.lower().endswith(".csv") else path.name
    return {
        "days": path,
        "stools": path.with_name(f"{stem}.stools.csv"),
        "problems": path.with_name(f"{stem}.problems.csv"),
        "flags": path.with_name(f"{stem}.flags.csv"),
        "coverage": path.with_name(f"{stem}.coverage.csv"),
    }


def write_files(summary: Summary, fmt: str, target: Path, include_notes: bool) -> list[Path]:
    """Write the export to `target` (CSV: its three files), atomically and 0600.

    The one place exports reach the disk, for the command line and the export screen alike.
    Raises OSError; callers say it in a sentence.
    """
    from fatiguelog.atomic import atomic_write

    if fmt == "csv":
        from fatiguelog.export.csv_export import tables

        parts = tables(summary, include_notes)
        written = []
        for name, path in csv_paths(target).items():
            atomic_write(path, (BOM + parts[name]).encode("utf-8"))
            written.append(path)
        return written
    atomic_write(target, render(summary, fmt, include_notes).encode("utf-8"))
    return [target]
