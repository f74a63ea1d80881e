"""Any CSV with one row per day, read through a map file (`import csv FILE --map MAP.toml`):
the map names the date column (and its format), and where each other column goes."""

from __future__ import annotations

from datetime import date, datetime

from fatiguelog.importers.core import ImportFileError, Reading, Source
from fatiguelog.importers.csvfile import Table, iso_day, said
from fatiguelog.importers.mapping import MapFile

LABEL = "CSV"


def read(table: Table, mapped: MapFile) -> Source:
    date_column = mapped.date or next((h for h in table.header if h.casefold() == "date"), None)
    if date_column is None or date_column not in table.header:
        wanted = f"'{said(date_column)}'" if date_column else "named 'date'"
        raise ImportFileError(
            f"the file has no date column {wanted}: set [file] date = "
            '"..." in the map to the column that holds the day'
        )
    readings: list[Reading] = []
    for row in table.rows:
        day = _day(row.cells[date_column], row.line, mapped.date_format)
        for name, value in row.cells.items():
            if name != date_column and value:
                readings.append(Reading(day, name, value, row.line, name=name))
    return Source(LABEL, readings, {}, {}, [])


def _day(text: str, line: int, pattern: str | None) -> date:
    if not pattern:
        return iso_day(text, line)
    try:
        return datetime.strptime(text.strip(), pattern).date()
    except ValueError:
        raise ImportFileError(
            f"line {line}: '{said(text)}' does not match the date format "
            f"'{pattern}'; nothing was imported"
        ) from None
