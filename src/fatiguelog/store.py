"""Entry files on disk: read, validate, write atomically, and never destroy what we can't read.

Data flows one way: files -> store -> entries -> analysis. Nothing here knows about screens.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from datetime import date
from enum import Enum
from pathlib import Path

from fatiguelog import paths
from fatiguelog.atomic import (
    TooLargeError,
    UnsafePathError,
    atomic_write,
    ensure_private_dir,
    is_temporary_name,
    kind_of,
    read_capped,
)
from fatiguelog.model import Entry
from fatiguelog.problems import Problem
from fatiguelog.tomlsafe import MAX_FILE_BYTES, TOO_LARGE, decode_toml, structure_issue
from fatiguelog.validate import Locator, entry_issues, future_schema

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `fatiguelog log` never imports typing
if TYPE_CHECKING:
    from threading import Lock
    from typing import Any, NamedTuple, Protocol

    from fatiguelog.cache import RecordCache
    from fatiguelog.dayrecord import DayRecord
else:
    from fatiguelog.ntuple import NamedTuple

    Protocol = object  # (FileCheck is for type checkers: nothing tests isinstance)

# (patterns as text, compiled and cached by `re` on first use: not before the first frame)
_UPDATED_LINE = r"(?m)^(updated = \d{4}-\d{2}-\d{2}) (\d)"
#: An entry is a few hundred bytes; past this a file is not an entry (and is never read whole).
MAX_ENTRY_BYTES = MAX_FILE_BYTES
#: How long `log` and a save wait for another fatiguelog's lock before saying so.
LOCK_WAIT_SECONDS = 3.0
_LINK_OUTSIDE = (
    "a link leading outside the data folder (or reached through one): "
    "fatiguelog neither reads nor writes there"
)


class StoreError(Exception):
    """A storage problem said in one plain sentence (disk full, read-only folder...)."""


class BrokenEntryError(StoreError):
    """The day's file exists but can't be used; it is left exactly as it is."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = problems[0]
        super().__init__(
            f"{first} (the file was left untouched; fix it by hand or run 'fatiguelog check')"
        )


class ReadOnlyEntryError(StoreError):
    """A file written by a newer fatiguelog: readable, never rewritten."""


class Status(Enum):
    MISSING = "missing"
    OK = "ok"
    BROKEN = "broken"
    FUTURE = "future"  # newer schema: read-only


class Fingerprint(NamedTuple):
    """What a file held when read, to notice when someone else changed it. Its bytes, not its
    mtime: an edit within one clock tick keeps the mtime."""

    content: bytes
    writable: bool = True  # False for a file this version must not rewrite (newer schema)


class DayFile:
    """One day's file as read: the entry (if usable), its problems, and how it looked."""

    __slots__ = ("day", "entry", "fingerprint", "path", "problems", "status")

    def __init__(
        self,
        day: date,
        path: Path,
        status: Status,
        entry: Entry | None = None,
        problems: list[Problem] | None = None,
        fingerprint: Fingerprint | None = None,
    ):
        self.day = day
        self.path = path
        self.status = status
        self.entry = entry
        self.problems: list[Problem] = problems if problems is not None else []
        self.fingerprint = fingerprint

    def __repr__(self) -> str:
        return f"DayFile({self.day}, {self.status.value}, problems={self.problems!r})"


class History(NamedTuple):
    """Every readable entry, by date, plus every file that could not be read."""

    entries: dict[date, Entry]
    problems: list[Problem]


class FileCheck(Protocol):
    """Told what a read of the records met, in order (`Store.record_years`,
    `Store.check_files`): the range, each file read with its bytes, and each problem found
    without parsing (a folder that can't be used, a name that is not an entry's, a file that
    can't be read)."""

    def begin(self, first: date | None, last: date | None) -> None: ...
    def file(self, rel: str, raw: bytes) -> None: ...
    def problem(self, problem: Problem) -> None: ...


class Records(NamedTuple):
    """Every readable entry's `DayRecord`, by date, plus the problems of every file."""

    records: dict[date, DayRecord]
    problems: list[Problem]


def describe_os_error(error: OSError, path: Path) -> str:
    """One clear sentence for a storage fault."""
    where = str(path)
    if isinstance(error, UnsafePathError):
        return f"{error.describe()}."
    if isinstance(error, TooLargeError):
        return f"{error.filename or where} is too large to be one of fatiguelog's files."
    if error.errno == errno.ENOSPC:
        return f"The disk is full, so {where} could not be saved."
    if error.errno == errno.EDQUOT:
        return f"Your disk quota is used up, so {where} could not be saved."
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"Permission denied for {where}: check that you own it and can write to it."
    if error.errno == errno.EROFS:
        return f"{where} is on a read-only file system."
    return f"Could not use {where}: {error.strerror or error}."


def read_bytes(path: str) -> bytes:
    """A whole entry file (by its path as text: thousands of `Path` objects cost a cold load
    ~10 ms): never a pipe or device, never more than `MAX_ENTRY_BYTES` (see `read_capped`)."""
    return read_capped(path, MAX_ENTRY_BYTES)


def loads_entry_toml(text: str) -> dict[str, Any]:
    """An entry's (or the settings') document: the fast reader for the TOML fatiguelog
    writes, tomllib for anything else (and for every error, which tomllib words)."""
    from fatiguelog import quicktoml

    try:
        return quicktoml.loads(text)
    except Exception:  # (Unsupported, or anything unforeseen: the reference parser decides)
        import tomllib

        return tomllib.loads(text)


def parse_entry_bytes(
    raw: bytes, rel: str, day: date | None, *, fast: bool = False
) -> tuple[dict | None, list[Problem]]:
    """Parse and validate one file's bytes; the document is `None` when it can't be used.
    `fast`: through the fast reader (`quicktoml`, tomllib for anything it does not take), as
    every read by the store is; `fast=False` hands the text to tomllib alone."""
    decoded = decode_toml(raw, rel, loads=loads_entry_toml) if fast else decode_toml(raw, rel)
    if isinstance(decoded, Problem):
        return None, [decoded]
    text, doc = decoded
    locator = Locator(text)
    whole = structure_issue(doc)
    if whole is not None:  # too deep or too large to hand to anything else
        return None, [Problem(rel, whole[0], locator.locate(whole[1]))]
    issues = entry_issues(doc, day)
    problems = [Problem(rel, message, locator.locate(path)) for message, path in issues]
    if problems and future_schema(doc):
        # A newer file: keep what this version can read, drop the parts it can't.
        for _message, path in issues:
            if path:
                doc.pop(str(path[0]), None)
        if entry_issues(doc, day):
            return None, problems
        return doc, problems
    return (None if problems else doc), problems


def red_flags_of_bytes(raw: bytes) -> list[str] | None:
    """The red flags a file reports true in its `[red_flags]` table, read even when another
    part of it is wrong (a bad value elsewhere must never hide a red flag); None when the file
    is not TOML at all (then nothing in it can be known)."""
    from fatiguelog.model import RED_FLAGS

    decoded = decode_toml(raw, "", loads=loads_entry_toml)
    if isinstance(decoded, Problem):
        return None
    table = decoded[1].get("red_flags")
    if type(table) is not dict:
        return []
    return [key for key in RED_FLAGS if table.get(key) is True]


class Store:
    """The entries of one data folder."""

    def __init__(self, root: Path, *, cache_dir: Path | None = None, use_cache: bool = True):
        """`cache_dir` defaults to the platform cache folder; the cache only ever saves time."""
        self.root = root
        self.use_cache = use_cache
        self._cache_dir = cache_dir
        self._real_root: str | None = None

    def path(self, day: date) -> Path:
        return paths.entry_path(self.root, day)

    def relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def outside(self, path: str) -> bool:
        """Whether `path`, its links followed, leads outside the data folder."""
        if self._real_root is None:
            self._real_root = os.path.realpath(self.root)
        real = os.path.realpath(path)
        inside = self._real_root.rstrip(os.sep) + os.sep
        return real != self._real_root and not real.startswith(inside)

    # -- reading -------------------------------------------------------------------------
    def exists(self, day: date) -> bool:
        return self.path(day).exists()

    def read(self, day: date) -> DayFile:
        path = self.path(day)
        rel = self.relative(path)
        if self.outside(str(path)):
            return DayFile(day, path, Status.BROKEN, problems=[Problem(rel, _LINK_OUTSIDE)])
        try:
            raw = read_bytes(str(path))
        except FileNotFoundError:
            return DayFile(day, path, Status.MISSING)
        except TooLargeError:
            return DayFile(day, path, Status.BROKEN, problems=[Problem(rel, TOO_LARGE)])
        except UnsafePathError as exc:  # a pipe, a device, a folder
            return DayFile(
                day,
                path,
                Status.BROKEN,
                problems=[Problem(rel, (exc.strerror or "").removeprefix("is "))],
            )
        except OSError as exc:
            return DayFile(
                day, path, Status.BROKEN, problems=[Problem(rel, describe_os_error(exc, path))]
            )
        fingerprint = Fingerprint(raw)
        # The fast reader: importing tomllib (and `typing` with it) costs `fatiguelog log`
        # more than making the fast reader's patterns does.
        doc, problems = parse_entry_bytes(raw, rel, day, fast=True)
        if doc is None:
            return DayFile(day, path, Status.BROKEN, problems=problems, fingerprint=fingerprint)
        if future_schema(doc):
            return DayFile(
                day,
                path,
                Status.FUTURE,
                Entry(day, doc),
                problems,
                fingerprint._replace(writable=False),
            )
        return DayFile(day, path, Status.OK, Entry(day, doc), problems, fingerprint)

    def first_day(self) -> date | None:
        """The date of the earliest entry file, from file names alone (None: no entries)."""
        for _year, files in self.entry_files():
            days = [day for day, _item in files if day is not None]
            if days:
                return min(days)
        return None

    def entry_files(
        self, years: range | None = None, problems: list[Problem] | None = None
    ) -> Iterator[tuple[str, list[tuple[date | None, os.DirEntry[str]]]]]:
        """Each year folder under entries/ (only `years`, when given) with its *.toml files.

        A file's day is None when its name is not an entry's (or sits in the wrong year).
        A year folder that can't be used (a link leading outside the data folder, unreadable,
        not a folder) is skipped and, when `problems` is given, added to it.
        """
        report = problems.append if problems is not None else (lambda _problem: None)
        base = paths.entries_dir(self.root)
        try:
            if os.path.islink(base) and self.outside(str(base)):
                report(Problem("entries", _LINK_OUTSIDE))
                return
            folders = sorted(os.scandir(base), key=lambda e: e.name)
        except FileNotFoundError:
            return
        except OSError as exc:
            report(Problem("entries", _unreadable_folder(exc)))
            return
        for year in folders:
            name = year.name
            if years is not None and not (name.isdigit() and int(name) in years):
                continue
            rel = f"entries/{name}"
            try:
                if year.is_symlink() and self.outside(year.path):
                    report(Problem(rel, _LINK_OUTSIDE))
                    continue
                is_folder = year.is_dir()
            except OSError as exc:
                report(Problem(rel, _unreadable_folder(exc)))
                continue
            if not is_folder:
                if len(name) == 4 and name.isdigit():  # where a year's entries belong
                    report(Problem(rel, "not a folder, so no entry in it was read"))
                continue
            files = []
            try:
                items = sorted(os.scandir(year.path), key=lambda e: e.name)
            except OSError as exc:
                report(Problem(rel, _unreadable_folder(exc)))
                continue
            for item in items:
                # Anything named *.toml is considered (a folder or a broken link with that name is
                # reported when read, never silently skipped).
                if item.name.endswith(".toml") and not item.name.startswith("."):
                    day = paths.day_of_name(item.name)
                    if day is not None and f"{day.year:04d}" != year.name:
                        day = None
                    files.append((day, item))
            yield year.name, files

    # -- whole documents (CSV rows, notes, check): read from the files, never cached --------
    def load_all(self) -> History:
        """Every entry; files that can't be read become problems, the rest still loads."""
        return self.load_range(None, None)

    def load_range(self, first: date | None, last: date | None) -> History:
        """The entries from `first` to `last` (None: unbounded), reading only their years."""
        entries: dict[date, Entry] = {}
        problems: list[Problem] = []
        for part in self.years(first, last):
            entries.update(part.entries)
            problems.extend(part.problems)
        return History(entries, problems)

    def years(self, first: date | None, last: date | None) -> Iterator[History]:
        """The same, one year at a time: a caller that only counts (`check`) lets each year
        go before the next is read."""
        for year, files, found in self._year_folders(first, last):
            entries: dict[date, Entry] = {}
            problems = found
            for read in self._read_files(year, files, first, last):
                if isinstance(read, Problem):
                    problems.append(read)
                    continue
                day, rel, raw = read
                doc, more = parse_entry_bytes(raw, rel, day, fast=True)
                problems.extend(more)
                if doc is not None:
                    entries[day] = Entry(day, doc)
            yield History(entries, problems)

    def stream(self, first: date | None, last: date | None) -> EntryStream:
        """The entries of a range read one year at a time (see `EntryStream`)."""
        return EntryStream(self, first, last)

    # -- per-day records (every figure, no free text): what analysis reads, cached ---------
    def load_records(self, first: date | None = None, last: date | None = None) -> Records:
        """The `DayRecord` of every readable entry from `first` to `last` (None: unbounded),
        with the problems of every file there; through the cache (`fatiguelog.cache`)."""
        records: dict[date, DayRecord] = {}
        problems: list[Problem] = []
        for part in self.record_years(first, last):
            records.update(part.records)
            problems.extend(part.problems)
        return Records(records, problems)

    def record_years(
        self,
        first: date | None,
        last: date | None,
        *,
        on_year: Callable[[str], None] | None = None,
        check: FileCheck | None = None,
    ) -> Iterator[Records]:
        """The same, one year (one cache file) at a time; `on_year` is told each year before
        it is read (a view shows progress). `check` is told the range, every file read (its
        bytes) and every problem found without parsing, in order (see `FileCheck`)."""
        key = self._cache_key()
        if check is not None:
            check.begin(first, last)
        for year, files, found in self._year_folders(first, last):
            if on_year is not None and year:
                on_year(year)
            if check is not None:
                for problem in found:
                    check.problem(problem)
            part = self._year_records(year, files, first, last, key, check)
            part.problems[:0] = found
            yield part

    def check_files(self, first: date | None, last: date | None, check: FileCheck) -> None:
        """Tell `check` what `record_years` would from `first` to `last` (the same files, the
        same problems, in the same order), without parsing anything: how a summary made from
        those files is known to be still true (`fatiguelog.summarycache`)."""
        check.begin(first, last)
        for year, files, found in self._year_folders(first, last):
            for problem in found:
                check.problem(problem)
            for read in self._read_files(year, files, first, last):
                if isinstance(read, Problem):
                    check.problem(read)
                else:
                    check.file(read[1], read[2])

    def fill_caches(self, stop: Callable[[], bool] | None = None) -> None:
        """Bring every year's cache up to date (the app does this in the background once home
        is drawn, so "All" in the trend view finds them ready). `stop` is asked between years."""
        key = self._cache_key()
        if key is None:
            return
        for year, files, _found in self._year_folders(None, None):
            if stop is not None and stop():
                return
            self._year_records(year, files, None, None, key, None)

    def _year_folders(
        self, first: date | None, last: date | None
    ) -> Iterator[tuple[str, list[tuple[date | None, os.DirEntry[str]]], list[Problem]]]:
        """Each year folder of the range with its files, and the folder problems met on the
        way to it (a folder that could not be read is reported with the next one read)."""
        years = None
        if first is not None or last is not None:
            years = range((first or date.min).year, (last or date.max).year + 1)
        found: list[Problem] = []
        for year, files in self.entry_files(years, found):
            gathered, found = found, []
            yield year, files, gathered
        if found:
            yield "", [], found

    def _cache_key(self) -> bytes | None:
        if not self.use_cache:
            return None
        from fatiguelog.cache import load_key

        return load_key(self.cache_folder())

    def cache_folder(self) -> Path:
        return self._cache_dir or paths.cache_dir(self.root)

    def _year_records(
        self,
        year: str,
        files: list[tuple[date | None, os.DirEntry[str]]],
        first: date | None,
        last: date | None,
        key: bytes | None,
        check: FileCheck | None,
    ) -> Records:
        """One year's records: a file whose bytes hash to what the cache holds is not parsed;
        every other one is, and the cache learns it."""
        if key is None or not year:
            return self._year_records_in(None, year, files, first, last, check)
        from fatiguelog.cache import RecordCache

        # One thread at a time per year and folder: the app fills the caches in the background
        # while a view may ask for the same year; the second one finds the cache just written.
        with _year_lock(self.root, year):
            cache = RecordCache(self.cache_folder(), self.root, year, key)
            cache.load()
            return self._year_records_in(cache, year, files, first, last, check)

    def _year_records_in(
        self,
        cache: RecordCache | None,
        year: str,
        files: list[tuple[date | None, os.DirEntry[str]]],
        first: date | None,
        last: date | None,
        check: FileCheck | None,
    ) -> Records:
        from fatiguelog.dayrecord import DayRecord, Layout  # (not for `log`'s one day: 1 ms)

        layout = cache.layout if cache is not None else Layout()
        records: dict[date, DayRecord] = {}
        problems: list[Problem] = []
        for read in self._read_files(year, files, first, last):
            if isinstance(read, Problem):
                problems.append(read)
                if check is not None:
                    check.problem(read)
                continue
            day, rel, raw = read
            name = rel.rsplit("/", 1)[1]
            if check is not None:
                check.file(rel, raw)
            record: DayRecord | None = None
            hit = None
            if cache is not None:
                digest = cache.digest(raw)
                hit = cache.get(name, digest)
            if hit is not None:
                found, data = hit
                record = DayRecord.from_json(layout, data) if data is not None else None
                said = _problems_of(rel, found)
                if (
                    said is None
                    or (data is not None and record is None)
                    or (record is not None and not layout.names_all(record.values))
                ):
                    # (or a `custom` answer the cache knows by hash only: the file is parsed,
                    # which names that key for every other record of the year)
                    hit = None  # not the shape this version writes: read the file
                else:
                    problems.extend(said)
            if hit is None:
                doc, found_problems = parse_entry_bytes(raw, rel, day, fast=True)
                record = DayRecord.of(doc, layout) if doc is not None else None
                if record is None:  # its valid red flags still count (None: not TOML)
                    flags = red_flags_of_bytes(raw)
                    if flags is not None:
                        record = DayRecord.flags_only(flags, layout)
                problems.extend(found_problems)
                if cache is not None:
                    cache.put(
                        name,
                        digest,
                        [[p.message, p.line] for p in found_problems],
                        None if record is None else record.to_json(),
                    )
            if record is not None:
                records[day] = record
        if cache is not None:
            cache.keep_only({item.name for day, item in files if day is not None})
            cache.save()
        return Records(records, problems)

    def _read_files(
        self,
        year: str,
        files: list[tuple[date | None, os.DirEntry[str]]],
        first: date | None,
        last: date | None,
    ) -> Iterator[tuple[date, str, bytes] | Problem]:
        """Each file of one year folder dated `first..last` as (day, path in the data folder,
        bytes), in order; a file whose name is not an entry's, or that can't be read, as its
        problem. (What every reader of entries, the cache's check included, goes through.)"""
        for day, item in files:
            rel = f"entries/{year}/{item.name}"
            if day is None:
                yield Problem(rel, _not_an_entry(item.name))
            elif not ((first and day < first) or (last and day > last)):
                raw = self._read_item(rel, item)
                yield raw if isinstance(raw, Problem) else (day, rel, raw)

    def _read_item(self, rel: str, item: os.DirEntry[str]) -> bytes | Problem:
        """An entry file's bytes, or why it can't be read: a link leading outside the data
        folder, not a regular file (a pipe would hang the reader, a device never end), over
        the size limit, unreadable."""
        try:
            if item.is_file(follow_symlinks=False):  # (the folder listing says so: no stat)
                return _read_regular(item.path)
        except TooLargeError:
            return Problem(rel, TOO_LARGE)
        except OSError:
            pass  # (changed since it was listed: looked at again below)
        try:
            if item.is_symlink() and self.outside(item.path):
                return Problem(rel, _LINK_OUTSIDE)
            st = item.stat()
        except OSError as exc:
            return Problem(rel, describe_os_error(exc, Path(item.path)))
        if not stat.S_ISREG(st.st_mode):
            return Problem(rel, f"{kind_of(st.st_mode)}, not a regular file; it was not read")
        if st.st_size > MAX_ENTRY_BYTES:
            return Problem(rel, TOO_LARGE)
        try:
            return read_bytes(item.path)
        except TooLargeError:
            return Problem(rel, TOO_LARGE)
        except OSError as exc:
            return Problem(rel, describe_os_error(exc, Path(item.path)))

    # -- writing -------------------------------------------------------------------------
    def save(self, entry: Entry, *, expected: Fingerprint | bool | None = True) -> Fingerprint:
        """Write `entry` atomically and return how the file now looks.

        Refuses to overwrite a file that could not be parsed, or one from a newer version.
        `expected` is the fingerprint the caller read; when the file changed since, raise
        `ConflictError` with what is on disk so nothing written elsewhere is silently lost.
        Pass `expected=True` to skip that check (the caller holds the lock and just read).
        """
        path = self.path(entry.day)
        if not (isinstance(expected, Fingerprint) and self._unchanged(path, expected)):
            self._check_writable(entry.day, expected)
        entry.touch()
        data = dump_entry(entry)
        try:
            atomic_write(path, data, root=self.root)
        except OSError as exc:
            raise StoreError(describe_os_error(exc, path)) from exc
        return Fingerprint(data)

    def _unchanged(self, path: Path, expected: Fingerprint) -> bool:
        """The file is byte for byte what the caller read (and could rewrite): no need to
        parse it again before saving."""
        try:
            return expected.writable and read_bytes(str(path)) == expected.content
        except OSError:
            return False

    def _check_writable(self, day: date, expected: Fingerprint | bool | None) -> None:
        """Refuse a broken or newer file, and notice one changed since `expected`."""
        path = self.path(day)
        current = self.read(day)
        if current.status is Status.BROKEN:
            raise BrokenEntryError(current.problems)
        if current.status is Status.FUTURE:
            raise ReadOnlyEntryError(
                f"{self.relative(path)} was written by a newer fatiguelog; it was not changed."
            )
        if isinstance(expected, Fingerprint | None) and _changed(current.fingerprint, expected):
            raise ConflictError(current)

    def update(self, day: date, change: Callable[[Entry], None]) -> Entry:
        """Read-modify-write one day under the data folder's lock (used by `fatiguelog log`)."""
        with self.lock():
            current = self.read(day)
            if current.status is Status.BROKEN:
                raise BrokenEntryError(current.problems)
            entry = current.entry or Entry.new(day)
            change(entry)
            self.save(entry, expected=current.fingerprint)  # just read: not parsed again
            return entry

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """An advisory lock so two fatiguelog processes don't interleave a read-modify-write.

        Waits at most `LOCK_WAIT_SECONDS` for another holder, then says so (StoreError): a
        quick `log` must never hang with no word. The lock file is never followed if it is a
        link, and must be a regular file."""
        lock_path = self.root / ".lock"
        flags = (
            os.O_RDWR
            | os.O_CREAT
            | getattr(os, "O_NOFOLLOW", 0)
            | getattr(os, "O_NONBLOCK", 0)
            | getattr(os, "O_CLOEXEC", 0)
        )
        try:
            ensure_private_dir(self.root)
            fd = os.open(lock_path, flags, 0o600)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise StoreError(
                    f"{lock_path} is a link; fatiguelog never follows a link for "
                    "its lock, so nothing was changed (remove that link)."
                ) from exc
            if exc.errno == errno.EISDIR:
                raise StoreError(
                    f"{lock_path} is a folder, not a regular file, so nothing "
                    "was changed (remove it)."
                ) from exc
            raise StoreError(describe_os_error(exc, self.root)) from exc
        try:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                raise StoreError(
                    f"{lock_path} is {kind_of(mode)}, not a regular file, so "
                    "nothing was changed (remove it)."
                )
            try:
                import fcntl
            except ImportError:  # pragma: no cover - not POSIX
                yield
                return
            deadline = time.monotonic() + LOCK_WAIT_SECONDS
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise StoreError(
                            "another fatiguelog is saving to this data folder and did not "
                            f"finish within {LOCK_WAIT_SECONDS:g} seconds, so nothing was "
                            "changed; try again in a moment"
                        ) from None
                    time.sleep(0.05)
            yield
        finally:
            os.close(fd)

    def leftovers(self) -> list[Problem]:
        """Temporary files a killed save left behind, beside the entries, the settings and
        the drafts (an interrupted write never replaced its file; each is worth a look)."""
        folders = [self.root, paths.drafts_dir(self.root)]
        with contextlib.suppress(OSError):
            base = paths.entries_dir(self.root)
            if not os.path.islink(base):
                folders += sorted(
                    (Path(e.path) for e in os.scandir(base) if e.is_dir(follow_symlinks=False)),
                    key=str,
                )
        problems = []
        for folder in folders:
            try:
                names = sorted(os.listdir(folder))
            except OSError:
                continue
            for name in names:
                if is_temporary_name(name):
                    meant = name[1:].rsplit(".", 3)[0]
                    problems.append(
                        Problem(
                            self.relative(folder / name),
                            f"a temporary file left by a save that was interrupted (it was meant "
                            f"to become {meant}, which was not changed); delete it once you have "
                            "checked that file",
                        )
                    )
        return problems

    def misplaced(self) -> list[Problem]:
        """Files that look like a day's entry (a *.toml name starting with a date, in any case
        or with trailing spaces) but sit where no entry is read: beside the year folders, in a
        folder inside one, at the top of the data folder, or named "2026-11-25.TOML". Without
        this a red flag written there is silently ignored. Links are not followed and only
        `_MISPLACED_DEPTH` levels are looked at; drafts, trash and merged copies are known."""
        problems: list[Problem] = []
        known = {("drafts",), ("trash",), ("conflicts",)}
        pending: list[tuple[str, ...]] = [()]
        while pending:
            parts = pending.pop()
            try:
                items = sorted(os.scandir(self.root.joinpath(*parts)), key=lambda e: e.name)
            except OSError:
                continue
            for item in items:
                where = (*parts, item.name)
                if item.name.startswith(".") or where in known:
                    continue
                try:
                    folder = item.is_dir(follow_symlinks=False)
                except OSError:
                    continue
                if folder:
                    if len(where) < _MISPLACED_DEPTH:
                        pending.append(where)
                    continue
                why = _misplaced_why(where)
                if why is not None:
                    problems.append(Problem("/".join(where), why))
        return sorted(problems)


class EntryStream:
    """(day, entry) pairs of a range, read one year at a time: a caller that only counts lets
    each year go, instead of holding every document at once. Problems gather as the years are
    read."""

    def __init__(self, store: Store, first: date | None, last: date | None):
        self.store = store
        self.first = first
        self.last = last
        self.problems: list[Problem] = []

    def __iter__(self) -> Iterator[tuple[date, Entry]]:
        for part in self.store.years(self.first, self.last):
            self.problems.extend(part.problems)
            yield from part.entries.items()


class ConflictError(StoreError):
    """The file changed on disk since it was read (another terminal, `fatiguelog log`)."""

    def __init__(self, current: DayFile):
        self.current = current
        super().__init__(f"{current.path} changed on disk since it was opened.")


def _not_an_entry(name: str) -> str:
    """Why a *.toml file beside the entries was not read: a sync tool's copy, or a stray name."""
    copy = paths.sync_copy_of(name)
    if copy is not None:
        day, tool = copy
        return (
            f"a {tool} conflict copy of {day.isoformat()}, not read as an entry: "
            "run 'fatiguelog conflicts --merge' to merge it into that day"
        )
    return "not an entry file name (expected entries/YYYY/YYYY-MM-DD.toml); it was not read"


#: How many folder levels below the data folder `Store.misplaced` looks (entries/2026/x/y...).
_MISPLACED_DEPTH = 6
_DATE_START = r"^(\d{4})-(\d{2})-(\d{2})"


def _misplaced_why(where: tuple[str, ...]) -> str | None:
    """Why an entry-like file at `where` (parts below the data folder) is not read, or None
    when it is not entry-like or is read (or reported) by the entry reader already."""
    name = where[-1]
    plain = name.rstrip().lower()
    if not plain.endswith(".toml") or re.match(_DATE_START, plain) is None:
        return None
    if len(where) == 3 and where[0] == "entries" and name.endswith(".toml"):
        return None  # read, or reported as a stray name or a sync copy, by entry_files
    day = paths.day_of_name(plain)
    if day is None:
        copy = paths.sync_copy_of(plain)
        return (
            "looks like a day's entry but is not where entries are read (entries/YYYY/"
            "YYYY-MM-DD.toml), so it was not read"
            if copy is None
            else f"a {copy[1]} conflict copy of {copy[0].isoformat()} outside its year folder "
            f"(entries/{copy[0].year:04d}/), so it was not read"
        )
    return (
        f"an entry file in the wrong place or with the wrong name, so it was not read: "
        f"move it to entries/{day.year:04d}/{day.isoformat()}.toml to count it"
    )


_LOCKS: dict[tuple[str, str], Lock] = {}


def _year_lock(root: Path, year: str) -> Lock:
    """(`threading` imported here: `fatiguelog log` never needs it. `setdefault` is atomic.)"""
    from threading import Lock

    return _LOCKS.setdefault((str(root), year), Lock())


def _read_regular(path: str) -> bytes:
    """A file the folder listing says is regular: open, check what was opened, read. Four
    system calls (ten years of history are read at each "All"); anything unexpected (it is
    no longer a regular file, it grew past the limit) raises for the careful reader."""
    fd = os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if st.st_size > MAX_ENTRY_BYTES:
            raise TooLargeError(errno.EFBIG, "File too large", path)
        data = os.read(fd, st.st_size + 1)
        if len(data) > st.st_size:  # it grows as we read: the careful reader decides
            raise OSError(errno.EAGAIN, "changed while read")
        return data
    finally:
        os.close(fd)


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _problems_of(rel: str, found: Any) -> list[Problem] | None:
    """A file's problems as the cache holds them (`[[message, line], ...]`), or None when they
    have another shape."""
    if type(found) is not list:
        return None
    out = []
    for item in found:
        if (
            type(item) is not list
            or len(item) != 2
            or type(item[0]) is not str
            or not (item[1] is None or type(item[1]) is int)
        ):
            return None
        out.append(Problem(rel, item[0], item[1]))
    return out


def _unreadable_folder(exc: OSError) -> str:
    reason = exc.strerror or type(exc).__name__
    return f"this folder could not be read ({reason}), so no entry in it was read"


def _changed(now: Fingerprint | None, before: Fingerprint | None) -> bool:
    if now is None or before is None:
        return now is not before
    return now.content != before.content


def _has_cr(value: Any) -> bool:
    """Whether any text in the document holds a carriage return."""
    if type(value) is str:
        return "\r" in value
    if type(value) is dict:
        return any(_has_cr(v) for v in value.values())
    if type(value) is list:
        return any(_has_cr(v) for v in value)
    return False


def dump_entry(entry: Entry) -> bytes:
    """The entry as TOML, with schema, date and updated first for a person reading it."""
    import tomli_w

    ordered: dict[str, Any] = {}
    for key in ("schema", "date", "updated"):
        if key in entry.doc:
            ordered[key] = entry.doc[key]
    ordered.update((k, v) for k, v in entry.doc.items() if k not in ordered)
    # Multi-line strings read best, but TOML turns a CRLF inside one into LF: a note typed
    # with CRLF line ends is written with escapes instead, so it reads back byte for byte.
    text = tomli_w.dumps(ordered, multiline_strings=not _has_cr(ordered))
    # tomli-w writes "2026-11-25 21:04:11+01:00"; the format's examples use the "T" form.
    text = re.sub(_UPDATED_LINE, r"\1T\2", text, count=1)
    return text.encode("utf-8")
