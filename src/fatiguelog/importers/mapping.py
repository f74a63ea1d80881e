"""The map file (`--map MAP.toml`): which column (or named reading) becomes which answer, and
on what scale. Needed for `import csv`; with the other formats it adds to or replaces their
built-in mapping.

```toml
[file]                        # import csv only
date = "Date"                 # the column with the day (default: a column named "date")
date_format = "%d/%m/%Y"      # strptime codes (default: YYYY-MM-DD)
delimiter = ";"               # default: guessed from the first line

[columns]
"Hours slept" = "sleep.hours" # the short form: just the answer's key

[columns."Fatigue (1-5)"]
key = "symptoms.fatigue"      # where it goes (see docs/import.md for every key)
scale = "1-5"                 # the column's own scale: converted to 0-10, and said
higher = "worse"              # which way the column runs: worse (default) or better

[columns."Ibuprofen"]
key = "intake"                # each value is an amount: a dose
substance = "ibuprofen"       # default: the column's name
unit = "mg"                   # default: from the value ("200 mg"), else "other"

[columns.Energy]
key = "skip"                  # leave it out without listing it as not mapped
```

`key = "custom.<tracker>"` names one of the user's own trackers (settings `[[trackers]]`): a
rating takes a scale like the built-in ratings (and `higher = "better"` when the tracker's own
scale runs that way), a yes/no or a number is read as such.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from fatiguelog.importers.core import SKIP, Rule, Scale, Source
from fatiguelog.importers.targets import RATING_KINDS, MapError, resolve

if TYPE_CHECKING:
    from fatiguelog.settings import Tracker

_ENTRY_KEYS = {"key", "scale", "higher", "substance", "unit"}
_FILE_KEYS = {"date", "date_format", "delimiter"}


class MapFile(NamedTuple):
    columns: dict[str, dict[str, Any]]
    date: str | None = None
    date_format: str | None = None
    delimiter: str | None = None


def load_map(path: Path) -> MapFile:
    try:
        doc = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise MapError(f"{path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MapError(f"{path} can't be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise MapError(f"{path} is not valid TOML ({exc})") from None
    unknown = set(doc) - {"file", "columns"}
    if unknown:
        raise MapError(f"{path}: unknown table {sorted(unknown)[0]!r} (use [file] and [columns])")
    file = doc.get("file", {})
    columns = doc.get("columns", {})
    if not isinstance(file, dict) or not isinstance(columns, dict):
        raise MapError(f"{path}: [file] and [columns] must be tables")
    extra = set(file) - _FILE_KEYS
    if extra:
        raise MapError(
            f"{path}: [file] has no {sorted(extra)[0]!r} (it knows {', '.join(sorted(_FILE_KEYS))})"
        )
    for key in _FILE_KEYS:
        if key in file and not isinstance(file[key], str):
            raise MapError(f"{path}: [file] {key} must be text")
    entries: dict[str, dict[str, Any]] = {}
    for name, entry in columns.items():
        if isinstance(entry, str):
            entry = {"key": entry}
        if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
            raise MapError(f'{path}: column {name!r} needs key = "..." (where it goes)')
        extra = set(entry) - _ENTRY_KEYS
        if extra:
            raise MapError(
                f"{path}: column {name!r} has no {sorted(extra)[0]!r} (it knows "
                f"{', '.join(sorted(_ENTRY_KEYS))})"
            )
        if any(not isinstance(v, str) for v in entry.values()):
            raise MapError(f"{path}: column {name!r}: every value is text in quotes")
        entries[name] = entry
    return MapFile(entries, file.get("date"), file.get("date_format"), file.get("delimiter"))


def rules_with_map(
    source: Source, mapped: MapFile | None, where: str, trackers: Sequence[Tracker] = ()
) -> dict[str, Rule | None]:
    """The format's own rules, with the map's added on top (None: skipped by the map);
    `trackers`: the user's own, which a map may name as `custom.<key>`."""
    rules: dict[str, Rule | None] = dict(source.rules)
    for name, entry in (mapped.columns if mapped else {}).items():
        if entry["key"].strip() == SKIP:
            rules[name] = None
            continue
        try:
            target = resolve(entry["key"], trackers)
        except MapError as exc:
            raise MapError(f"{where}: column {name!r}: {exc}") from None
        scale = None
        if target.kind in RATING_KINDS:
            scale = _scale(entry, source.scales.get(name), name, where)
        rules[name] = Rule(target, scale, entry.get("substance"), entry.get("unit"), mine=True)
    return rules


def _scale(entry: dict[str, Any], known: Scale | None, name: str, where: str) -> Scale:
    if "scale" not in entry:
        if known is None:
            raise MapError(
                f'{where}: column {name!r} needs its scale, e.g. scale = "1-5" '
                '(and higher = "better" if a high number is good)'
            )
        if entry.get("higher", known.higher) not in ("worse", "better"):
            raise MapError(f'{where}: column {name!r}: higher must be "worse" or "better"')
        return known._replace(higher=entry.get("higher", known.higher))
    try:
        return Scale.parse(entry["scale"], entry.get("higher", "worse"))
    except ValueError as exc:
        raise MapError(f"{where}: column {name!r}: {exc}") from None


def unused(mapped: MapFile | None, source: Source) -> list[str]:
    """Map entries that name nothing in the file (a typo, usually)."""
    if mapped is None:
        return []
    present = {reading.source for reading in source.readings}
    return [name for name in mapped.columns if name not in present]
