"""What analysis needs of one day's entry: every number and yes/no answer, the bowel movements
and the doses. No free text (no notes, no dose forms, no text answers), so it can be cached.

A `DayRecord` is built from a parsed, validated entry (`DayRecord.of`) or read back from the
cache. It is generic over key paths: every scalar number or boolean of every table (any
section, `[custom]` and sections of a newer version included) is kept under its path, so a
new question needs no change here or in the cache; analysis reads an answer with
`value(section, key)` (or `at(*path)` for a deeper one).

Compact on purpose (ten years are 3,650 records, read at every "All"): the key paths are kept
once in a `Layout` shared by the records of one cache file (one year), and a record holds only
its values, by position. Bowel movements are `[seconds, value, ...]` by the layout's stool
keys (Bristol type, the four yes/no questions, any other number or yes/no); doses are
`[substance, amount, unit, seconds]` (substance names and units are what intake analysis
groups by). Times are seconds after midnight; a missing answer is None.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import time
from typing import Any

from fatiguelog.textsafe import strip_controls

__all__ = ["DayRecord", "Layout"]

Scalar = int | float | bool
Path = tuple[str, ...]


class Layout:
    """The key paths of a set of records, each at its position in every record's values (and
    the keys of their bowel movements). It only grows: a record made before a path was added
    is shorter, and reads None there.

    A layout read back from the cache knows its paths only by keyed hash (the cache never
    holds a key's name: a key may be named after something private). `hashed` maps such a
    hash to its position until the path is asked for (`find`, which hashes it) or a record is
    made with it (`position`). A `custom` answer's hash is marked (a leading "c"): analysis
    lists the undeclared ones by name, so the store parses a cached file again when it has an
    answer at a `custom` position still `unresolved` (once per key and year: that names it)."""

    __slots__ = (
        "absent",
        "custom",
        "hash_of",
        "hashed",
        "index",
        "paths",
        "stool_hashed",
        "stool_index",
        "stool_keys",
        "unresolved",
        "unresolved_stool",
    )

    def __init__(
        self,
        paths: list[Path] | None = None,
        stool_keys: list[str] | None = None,
        hash_of: Callable[[Path], str] | None = None,
    ):
        self.paths: list[Path | None] = []  # None: known by hash only (see `hashed`)
        self.index: dict[Path, int] = {}
        self.stool_keys: list[str | None] = []
        self.stool_index: dict[str, int] = {}  # position in a stool (after its time)
        self.hash_of = hash_of
        self.hashed: dict[str, int] = {}
        self.stool_hashed: dict[str, int] = {}
        self.custom: set[int] = set()
        self.unresolved: set[int] = set()  # the `custom` ones known by hash only
        # paths `find` hashed and did not find: `hashed` only shrinks, so they never will be
        # (unless a record is made with one: `position`, and `index` has it)
        self.absent: set[Path] = set()
        for path in paths or ():
            self.position(path)
        for key in stool_keys or ():
            self.stool_position(key)

    @classmethod
    def of_hashes(
        cls, paths: list[str], stool_keys: list[str], hash_of: Callable[[Path], str]
    ) -> Layout:
        """A layout read back from the cache: every path known by its keyed hash only."""
        layout = cls(hash_of=hash_of)
        for at, digest in enumerate(paths):
            layout.paths.append(None)
            layout.hashed[digest] = at
            if digest.startswith("c"):
                layout.custom.add(at)
        for at, digest in enumerate(stool_keys):
            layout.stool_keys.append(None)
            layout.stool_hashed[digest] = at + 1
        layout.unresolved = layout.custom
        return layout

    def position(self, path: Path) -> int:
        found = self.index.get(path)
        if found is None:
            at = (
                self.hashed.pop(self.hash_of(path), None)
                if self.hashed and self.hash_of is not None
                else None
            )
            if at is not None:  # a path of the cache, named now
                self.paths[at] = path
                self.unresolved.discard(at)
                found = self.index[path] = at
            else:
                found = self.index[path] = len(self.paths)
                self.paths.append(path)
        return found

    def stool_position(self, key: str) -> int:
        found = self.stool_index.get(key)
        if found is None:
            at = (
                self.stool_hashed.pop(self.hash_of(("", key)), None)
                if self.stool_hashed and self.hash_of is not None
                else None
            )
            if at is not None:
                self.stool_keys[at - 1] = key
                found = self.stool_index[key] = at
            else:
                found = self.stool_index[key] = len(self.stool_keys) + 1
                self.stool_keys.append(key)
        return found

    def find(self, path: Path) -> int | None:
        """A path's position (named now when the cache knew it by hash), or None."""
        found = self.index.get(path)
        if found is None and self.hashed and self.hash_of is not None and path not in self.absent:
            if self.hash_of(path) in self.hashed:
                found = self.position(path)
            else:  # (each day's row asks again: hashed once)
                self.absent.add(path)
        return found

    def stool_find(self, key: str) -> int | None:
        found = self.stool_index.get(key)
        if (
            found is None
            and self.stool_hashed
            and self.hash_of is not None
            and self.hash_of(("", key)) in self.stool_hashed
        ):
            found = self.stool_position(key)
        return found

    def hashes(self, hash_of: Callable[[Path], str]) -> tuple[list[str], list[str]]:
        """The paths and stool keys as the cache stores them: keyed hashes, by position."""
        named = {at: digest for digest, at in self.hashed.items()}
        stool_named = {at: digest for digest, at in self.stool_hashed.items()}
        return (
            [named[at] if path is None else hash_of(path) for at, path in enumerate(self.paths)],
            [
                stool_named[at + 1] if key is None else hash_of(("", key))
                for at, key in enumerate(self.stool_keys)
            ],
        )

    def names_all(self, values: list[Any]) -> bool:
        """Whether every `custom` answer of a record is at a named path (analysis lists the
        `custom` keys the settings don't declare, a removed tracker's, by name)."""
        if self.unresolved:
            n = len(values)
            return not any(at < n and values[at] is not None for at in self.unresolved)
        return True


def _seconds(value: Any) -> int | None:
    if type(value) is time:
        return value.hour * 3600 + value.minute * 60 + value.second
    return None


def _walk(table: dict[str, Any], prefix: Path, out: list[tuple[Path, Scalar]]) -> None:
    """The numbers and booleans of a table and of the tables in it, by key path (lists, text,
    dates and times left out; non-finite numbers too: no figure may be NaN or infinite)."""
    for key, value in table.items():
        kind = type(value)
        if kind is int or kind is bool:
            out.append(((*prefix, key), value))
        elif kind is float:
            if math.isfinite(value):
                out.append(((*prefix, key), value))
        elif kind is dict:
            _walk(value, (*prefix, key), out)


def _stool_scalars(stool: dict[str, Any]) -> list[tuple[str, Scalar]]:
    found = []
    for key, value in stool.items():
        kind = type(value)
        if kind is int or kind is bool or (kind is float and math.isfinite(value)):
            found.append((key, value))
    return found


class DayRecord:
    """One day's figures (see the module's docstring)."""

    __slots__ = ("doses", "layout", "partial", "stools", "values")

    def __init__(
        self,
        layout: Layout,
        values: list[Any],
        stools: list[list[Any]] | None,
        doses: list[list[Any]] | None,
        partial: bool = False,
    ):
        self.layout = layout
        #: Only the valid red-flag answers of a file that has a problem elsewhere: they still
        #: count (a red flag is never hidden by a file problem); the day is not a check-in.
        self.partial = partial
        self.values = values  # by `layout.paths`; shorter when paths were added later
        self.stools = stools  # None: no `gi.stools` list in the entry
        self.doses = doses  # None: the intake question was not answered (no `intake` list)

    @classmethod
    def of(cls, doc: dict[str, Any], layout: Layout | None = None) -> DayRecord:
        """The record of a parsed entry (validated: shapes are as the format says, though a
        newer version's file may hold more), its paths added to `layout` (a new one when
        None)."""
        layout = layout if layout is not None else Layout()
        found: list[tuple[Path, Scalar]] = []
        _walk(doc, (), found)
        values: list[Any] = [None] * len(layout.paths)
        for path, value in found:
            at = layout.position(path)
            if at >= len(values):
                values.extend([None] * (at + 1 - len(values)))
            values[at] = value
        stools: list[list[Any]] | None = None
        gi = doc.get("gi")
        if type(gi) is dict:
            raw = gi.get("stools")
            if type(raw) is list:
                stools = []
                for stool in raw:
                    if type(stool) is not dict:
                        continue
                    row: list[Any] = [_seconds(stool.get("time"))]
                    for key, value in _stool_scalars(stool):
                        at = layout.stool_position(key)
                        if at >= len(row):
                            row.extend([None] * (at + 1 - len(row)))
                        row[at] = value
                    stools.append(row)
        doses: list[list[Any]] | None = None
        intake = doc.get("intake")
        if type(intake) is list:
            doses = []
            for dose in intake:
                if type(dose) is not dict:
                    continue
                name, amount, unit = dose.get("substance"), dose.get("amount"), dose.get("unit")
                number: float | None = None
                if (type(amount) is int or type(amount) is float) and math.isfinite(amount):
                    number = float(amount)
                # (control characters stripped: a name is shown, and cached)
                doses.append(
                    [
                        strip_controls(name, one_line=True) if type(name) is str else "",
                        number,
                        unit if type(unit) is str else "other",
                        _seconds(dose.get("time")),
                    ]
                )
        return cls(layout, values, stools, doses)

    @classmethod
    def flags_only(cls, keys: list[str], layout: Layout | None = None) -> DayRecord:
        """The record of a file that can't be used as an entry but whose `[red_flags]`
        answers `keys` are valid (true): those alone, marked `partial`."""
        record = cls.of({"red_flags": dict.fromkeys(keys, True)}, layout)
        record.partial = True
        return record

    # -- reading -------------------------------------------------------------------------
    def value(self, section: str, key: str) -> Scalar | None:
        """The answer at `section.key` (None when absent)."""
        at = self.layout.find((section, key))
        values = self.values
        return values[at] if at is not None and at < len(values) else None

    def at(self, *path: str) -> Scalar | None:
        """The answer at any key path (a top-level one, a nested table's), or None."""
        at = self.layout.find(path)
        values = self.values
        return values[at] if at is not None and at < len(values) else None

    def section(self, name: str) -> dict[str, Scalar] | None:
        """A table's own numbers and booleans by key (None when it has none)."""
        found = {}
        values = self.values
        for path, at in self.layout.index.items():
            if len(path) == 2 and path[0] == name and at < len(values) and values[at] is not None:
                found[path[1]] = values[at]
        return found or None

    def answers(self) -> dict[Path, Scalar]:
        """Every answer by its key path."""
        values = self.values
        return {
            path: values[at]
            for path, at in self.layout.index.items()
            if at < len(values) and values[at] is not None
        }

    def stool_answers(self) -> list[tuple[dict[str, Scalar], int | None]]:
        """Each bowel movement's answers by key, and its time (seconds after midnight)."""
        keys = self.layout.stool_keys
        return [
            (
                {
                    key: row[i + 1]
                    for i, key in enumerate(keys)
                    if key is not None and i + 1 < len(row) and row[i + 1] is not None
                },
                row[0],
            )
            for row in self.stools or ()
        ]

    @property
    def red_flags(self) -> list[str]:
        """Red-flag keys reported true, in the contract's order."""
        from fatiguelog.model import RED_FLAGS

        return [key for key in RED_FLAGS if self.value("red_flags", key) is True]

    # -- the cache's form ----------------------------------------------------------------
    def to_json(self) -> list[Any]:
        """`[values, stools, doses]`: lists by position (the layout is stored once beside
        them); nothing in it is ever read as a tag."""
        if self.partial:
            return [self.values, None, None, 1]
        return [self.values, self.stools, self.doses]

    @classmethod
    def from_json(cls, layout: Layout, data: Any) -> DayRecord | None:
        """A record read back from the cache (its layout read beside it), or None when it
        has another shape. (The cache file's MAC says this fatiguelog's cache wrote it, in
        this layout: only the outer shape is checked, at every "All" of ten years.)"""
        if type(data) is not list or len(data) not in (3, 4) or (len(data) == 4 and data[3] != 1):
            return None
        values, stools, doses = data[:3]
        if (
            type(values) is not list
            or len(values) > len(layout.paths)
            or not (stools is None or type(stools) is list)
            or not (doses is None or type(doses) is list)
        ):
            return None
        return cls(layout, values, stools, doses, len(data) == 4)

    def plain(self) -> tuple[Any, ...]:
        """The record without its layout (to compare records of different layouts)."""
        return (
            self.answers(),
            None if self.stools is None else self.stool_answers(),
            self.doses,
            self.partial,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DayRecord) and self.plain() == other.plain()

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"DayRecord{self.plain()!r}"
