"""Another tracker's export, read into facts per day (`fatiguelog import`). No Textual here.

One module per format reads its file into readings (`core.Reading`) and says which of them it
knows how to place; `mapping` adds the user's own map; `core` turns the readings into answers
and the answers into changes to entries, with every safety rule in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final

from fatiguelog.importers.core import ImportFileError, Plan
from fatiguelog.importers.targets import MapError

if TYPE_CHECKING:
    from fatiguelog.settings import Tracker

FORMATS: Final = ("bearable", "daylio", "flaredown", "visible", "csv")

__all__ = ["FORMATS", "ImportFileError", "MapError", "Plan", "plan_import"]


def plan_import(
    fmt: str, path: Path, map_path: Path | None, today: date, trackers: Sequence[Tracker] = ()
) -> tuple[Plan, list[str]]:
    """What importing `path` would do, and the map's entries that named nothing in the file
    (`trackers`: the user's own, which a map may name as `custom.<key>`).

    Raises ImportFileError (the file) or MapError (the map), each with one line of reason.
    """
    from fatiguelog.importers import bearable, daylio, flaredown, plaincsv, visible
    from fatiguelog.importers.csvfile import read_table
    from fatiguelog.importers.mapping import load_map, rules_with_map, unused

    mapped = load_map(map_path) if map_path is not None else None
    if fmt == "csv":
        if mapped is None:
            raise MapError(
                "import csv needs --map MAP.toml to know which column is which (see docs/import.md)"
            )
        table = read_table(path, mapped.delimiter)
        source = plaincsv.read(table, mapped)
    else:
        reader = {
            "bearable": bearable.read,
            "daylio": daylio.read,
            "flaredown": flaredown.read,
            "visible": visible.read,
        }[fmt]
        table = read_table(path)
        source = reader(table)
    rules = rules_with_map(source, mapped, str(map_path), trackers)
    plan = Plan(source, rules, today)
    plan.duplicates = list(table.duplicates)
    return plan, unused(mapped, source)
