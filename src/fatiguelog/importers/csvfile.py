"""Reading an exported CSV file safely: size, encoding and shape checked, one line of reason
for a file that can't be used (never a traceback), every row with its line number."""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path
from typing import NamedTuple

from fatiguelog.importers.core import ImportFileError
from fatiguelog.textsafe import strip_controls

MAX_BYTES = 64 * 1024 * 1024  # years of readings are a few MiB
_MONTHS = {
    name: n
    for n, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}
_CLOCK = re.compile(r"^\s*(\d{1,2})[:.](\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?\s*$", re.IGNORECASE)


class Row(NamedTuple):
    line: int
    cells: dict[str, str]  # header -> the cell's text, stripped


class Table(NamedTuple):
    header: list[str]
    rows: list[Row]
    #: (line, the line it repeats): a row exactly like an earlier one, read once. An export
    #: that says the same dose or bowel movement twice is a fault of the export, not two doses.
    duplicates: tuple[tuple[int, int], ...] = ()

    def has(self, *names: str) -> bool:
        return all(name in self.header for name in names)


def said(text: str) -> str:
    """A file's text, safe to put in one line on a terminal."""
    clean = strip_controls(text, one_line=True).strip()
    return clean if len(clean) <= 60 else clean[:57] + "..."


def read_table(path: Path, delimiter: str | None = None) -> Table:
    """The file's header and rows (`delimiter`: guessed from the first line when not given)."""
    try:
        if path.is_dir():
            raise ImportFileError(f"{path} is a folder, not a CSV file")
        if path.exists() and not path.is_file():
            raise ImportFileError(f"{path} is not a regular file")
        if path.stat().st_size > MAX_BYTES:
            raise ImportFileError(
                f"{path} is larger than {MAX_BYTES // 2**20} MiB: is it the right file?"
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"{path} does not exist") from None
    except OSError as exc:
        raise ImportFileError(f"{path} can't be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"{path} is not UTF-8 text (byte {exc.start}); export it again, "
            "or save it as 'CSV UTF-8'"
        ) from None
    if not text.strip():
        raise ImportFileError(f"{path} is empty")
    delimiter = delimiter or _guess_delimiter(text)
    return _parse(text, delimiter)


def _guess_delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first.count)


def _parse(text: str, delimiter: str) -> Table:
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, 16 * 1024 * 1024))  # a long note is still a note
    try:
        return _rows(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    finally:
        csv.field_size_limit(limit)


def _rows(reader: Iterator[list[str]]) -> Table:
    header: list[str] = []
    rows: list[Row] = []
    seen: dict[tuple[str, ...], int] = {}
    duplicates: list[tuple[int, int]] = []
    line = 0
    try:
        for cells in reader:
            # A record can span lines (a note with a line break): it is named by its first.
            first, line = line + 1, reader.line_num  # type: ignore[attr-defined]
            if not any(cell.strip() for cell in cells):
                continue
            if not header:
                header = _unique([cell.strip() for cell in cells])
                continue
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
                raise ImportFileError(
                    f"line {first} has {len(cells)} cells but the first line "
                    f"names {len(header)} columns"
                )
            padded = [*cells, *[""] * (len(header) - len(cells))]
            row = Row(
                first, {name: cell.strip() for name, cell in zip(header, padded, strict=False)}
            )
            same = tuple(row.cells.values())
            if same in seen:
                duplicates.append((first, seen[same]))
                continue
            seen[same] = first
            rows.append(row)
    except csv.Error as exc:
        raise ImportFileError(f"line {line + 1} is not valid CSV ({exc})") from None
    return Table(header, rows, tuple(duplicates))


def _unique(names: list[str]) -> list[str]:
    """Column names as given, a repeated one numbered ("Fatigue (2)") so none is lost."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def columns_error(fmt: str, expected: str, header: list[str]) -> ImportFileError:
    got = said(",".join(header))
    return ImportFileError(
        f"this is not a {fmt} export: its first line should be {expected} (it is {got})"
    )


def iso_day(text: str, line: int) -> date:
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise ImportFileError(
            f"line {line}: '{said(text)}' is not a date (YYYY-MM-DD); nothing was imported"
        ) from None


def named_day(text: str, line: int, year: int | None = None) -> date:
    """'22nd Sep 2020', 'September 22', '22 September', 'Sep. 22, 2020' (English names)."""
    words = re.findall(r"[A-Za-z]+|\d+", text)
    month = next((_MONTHS[w.casefold()] for w in words if w.casefold() in _MONTHS), None)
    numbers = [int(w) for w in words if w.isdigit()]
    years = [n for n in numbers if n > 31]
    days = [n for n in numbers if 1 <= n <= 31]
    found_year = years[0] if years else year
    with contextlib.suppress(ValueError, TypeError):
        if month and days and found_year:
            return date(found_year, month, days[0])
    raise ImportFileError(
        f"line {line}: '{said(text)}' is not a date this version can read "
        "(English month names only); nothing was imported"
    )


def clock(text: str) -> time | None:
    """'22:13', '10:00 pm', '7.05 am'; None for anything else ('am', 'mid', '')."""
    match = _CLOCK.match(text)
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2)), match.group(3)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.casefold().startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)
