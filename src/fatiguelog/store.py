"""Entry files on disk: read, validate, write atomically, and never destroy what we can't read.

Data flows one way: files -> store -> entries -> analysis. Nothing here knows about screens.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tomllib
from collections.abc import Callable, Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from fatiguelog import paths
from fatiguelog.atomic import atomic_write, ensure_private_dir
from fatiguelog.model import Entry
from fatiguelog.problems import Problem
from fatiguelog.validate import entry_issues, future_schema, locate

if TYPE_CHECKING:
    from fatiguelog.cache import EntryCache

_UPDATED_LINE = re.compile(r"^(updated = \d{4}-\d{2}-\d{2}) (\d)", re.MULTILINE)
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


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


def describe_os_error(error: OSError, path: Path) -> str:
    """One clear sentence for a storage fault."""
    where = str(path)
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
    """A whole file (by its path as text: thousands of `Path` objects cost a cold load ~10 ms)."""
    with open(path, "rb") as handle:
        return handle.read()


def parse_entry_bytes(raw: bytes, rel: str, day: date | None) -> tuple[dict | None, list[Problem]]:
    """Parse and validate one file's bytes; the document is `None` when it can't be used."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(rel, f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        message = _TOML_LINE.sub("", str(exc)).strip()
        line = int(match.group(1)) if match else None
        return None, [Problem(rel, f"not valid TOML: {message}", line)]
    issues = entry_issues(doc, day)
    problems = [Problem(rel, message, locate(text, path)) for message, path in issues]
    if problems and future_schema(doc):
        # A newer file: keep what this version can read, drop the parts it can't.
        for _message, path in issues:
            if path:
                doc.pop(str(path[0]), None)
        if entry_issues(doc, day):
            return None, problems
        return doc, problems
    return (None if problems else doc), problems


class Store:
    """The entries of one data folder."""

    def __init__(self, root: Path, *, cache_dir: Path | None = None, use_cache: bool = True):
        """`cache_dir` defaults to the platform cache folder; the cache only ever saves time."""
        self.root = root
        self.use_cache = use_cache
        self._cache_dir = cache_dir

    def path(self, day: date) -> Path:
        return paths.entry_path(self.root, day)

    def relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    # -- reading -------------------------------------------------------------------------
    def exists(self, day: date) -> bool:
        return self.path(day).exists()

    def read(self, day: date) -> DayFile:
        path = self.path(day)
        rel = self.relative(path)
        try:
            raw = read_bytes(str(path))
        except FileNotFoundError:
            return DayFile(day, path, Status.MISSING)
        except OSError as exc:
            return DayFile(day, path, Status.BROKEN,
                           problems=[Problem(rel, describe_os_error(exc, path))])
        fingerprint = Fingerprint(raw)
        doc, problems = parse_entry_bytes(raw, rel, day)
        if doc is None:
            return DayFile(day, path, Status.BROKEN, problems=problems, fingerprint=fingerprint)
        if future_schema(doc):
            return DayFile(day, path, Status.FUTURE, Entry(day, doc), problems,
                           fingerprint._replace(writable=False))
        return DayFile(day, path, Status.OK, Entry(day, doc), problems, fingerprint)

    def entry_files(
        self, years: range | None = None
    ) -> Iterator[tuple[str, list[tuple[date | None, os.DirEntry[str]]]]]:
        """Each year folder under entries/ (only `years`, when given) with its *.toml files.

        A file's day is None when its name is not an entry's (or sits in the wrong year).
        """
        base = paths.entries_dir(self.root)
        try:
            folders = sorted(os.scandir(base), key=lambda e: e.name)
        except FileNotFoundError:
            return
        for year in folders:
            if not year.is_dir(follow_symlinks=False):
                continue
            if years is not None and not (year.name.isdigit() and int(year.name) in years):
                continue
            files = []
            try:
                items = sorted(os.scandir(year.path), key=lambda e: e.name)
            except OSError:
                items = []
            for item in items:
                # Anything named *.toml is considered (a folder or a broken link with that name is
                # reported when read, never silently skipped).
                if item.name.endswith(".toml") and not item.name.startswith("."):
                    day = paths.day_of_name(item.name)
                    if day is not None and f"{day.year:04d}" != year.name:
                        day = None
                    files.append((day, item))
            yield year.name, files

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
        """The same, one year (one cache file) at a time: a caller that only counts can let
        each year go before the next is read."""
        years = None
        if first is not None or last is not None:
            years = range((first or date.min).year, (last or date.max).year + 1)
        for year, files in self.entry_files(years):
            yield self._load_year(year, files, first, last)

    def _load_year(self, year: str, files: list[tuple[date | None, os.DirEntry[str]]],
                   first: date | None, last: date | None) -> History:
        cache = self._open_cache(year)
        entries: dict[date, Entry] = {}
        problems: list[Problem] = []
        seen: set[str] = set()
        for day, item in files:
            rel = f"entries/{year}/{item.name}"
            if day is None:
                problems.append(Problem(rel, _not_an_entry(item.name)))
                continue
            seen.add(rel)
            if (first and day < first) or (last and day > last):
                continue
            doc, found = self._parse_cached(cache, rel, day, item)
            problems.extend(found)
            if doc is not None:
                entries[day] = Entry(day, doc)
        if cache is not None:
            cache.keep_only(seen)
            cache.save()
        return History(entries, problems)

    def stream(self, first: date | None, last: date | None) -> EntryStream:
        """The entries of a range read one year at a time (see `EntryStream`)."""
        return EntryStream(self, first, last)

    def _open_cache(self, year: str) -> EntryCache | None:
        if not self.use_cache:
            return None
        from fatiguelog.cache import EntryCache

        try:
            folder = self._cache_dir or paths.cache_dir()
            cache = EntryCache(folder, self.root, year)
        except OSError:
            return None
        cache.load()
        return cache

    def _parse_cached(
        self, cache: EntryCache | None, rel: str, day: date, item: os.DirEntry[str]
    ) -> tuple[dict | None, list[Problem]]:
        try:
            st = item.stat()
        except OSError as exc:
            return None, [Problem(rel, describe_os_error(exc, Path(item.path)))]
        if cache is not None:
            from fatiguelog.cache import stat_key

            key = stat_key(st)
            hit = cache.get(rel, key)
            if hit is not None:
                doc, found = hit
                return doc, [Problem(rel, message, line) for message, line in found]
        try:
            raw = read_bytes(item.path)
        except OSError as exc:
            return None, [Problem(rel, describe_os_error(exc, Path(item.path)))]
        doc, problems = parse_entry_bytes(raw, rel, day)
        if cache is not None and b"$d" not in raw and b"$t" not in raw:
            # (a file with a key the cache uses as a date tag is simply never cached)
            cache.put(rel, key, doc, [[p.message, p.line] for p in problems])
        return doc, problems

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
            atomic_write(path, data)
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
        """An advisory lock so two fatiguelog processes don't interleave a read-modify-write."""
        try:
            ensure_private_dir(self.root)
            fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StoreError(describe_os_error(exc, self.root)) from exc
        try:
            try:
                import fcntl
            except ImportError:  # pragma: no cover - not POSIX
                yield
                return
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)


class EntryStream:
    """(day, entry) pairs of a range, read one year (one cache file) at a time.

    A view that only needs figures (the trend view over ten years) counts each year and lets
    it go, instead of holding every document at once. Problems gather as the years are read.
    """

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
        return (f"a {tool} conflict copy of {day.isoformat()}, not read as an entry: "
                "run 'fatiguelog conflicts --merge' to merge it into that day")
    return "not an entry file name (expected entries/YYYY/YYYY-MM-DD.toml); it was not read"


def _changed(now: Fingerprint | None, before: Fingerprint | None) -> bool:
    if now is None or before is None:
        return now is not before
    return now.content != before.content


def dump_entry(entry: Entry) -> bytes:
    """The entry as TOML, with schema, date and updated first for a person reading it."""
    import tomli_w

    ordered: dict[str, Any] = {}
    for key in ("schema", "date", "updated"):
        if key in entry.doc:
            ordered[key] = entry.doc[key]
    ordered.update((k, v) for k, v in entry.doc.items() if k not in ordered)
    text = tomli_w.dumps(ordered, multiline_strings=True)
    # tomli-w writes "2026-11-25 21:04:11+01:00"; the format's examples use the "T" form.
    text = _UPDATED_LINE.sub(r"\1T\2", text, count=1)
    return text.encode("utf-8")
