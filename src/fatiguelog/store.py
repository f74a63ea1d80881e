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
from typing import TYPE_CHECKING, Any, NamedTuple

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

if TYPE_CHECKING:
    from fatiguelog.cache import EntryCache

_UPDATED_LINE = re.compile(r"^(updated = \d{4}-\d{2}-\d{2}) (\d)", re.MULTILINE)
#: An entry is a few hundred bytes; past this a file is not an entry (and is never read whole).
MAX_ENTRY_BYTES = MAX_FILE_BYTES
#: How long `log` and a save wait for another fatiguelog's lock before saying so.
LOCK_WAIT_SECONDS = 3.0
_LINK_OUTSIDE = ("a link leading outside the data folder (or reached through one): "
                 "fatiguelog neither reads nor writes there")


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


def parse_entry_bytes(raw: bytes, rel: str, day: date | None) -> tuple[dict | None, list[Problem]]:
    """Parse and validate one file's bytes; the document is `None` when it can't be used."""
    decoded = decode_toml(raw, rel)
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
            return DayFile(day, path, Status.BROKEN,
                           problems=[Problem(rel, (exc.strerror or "").removeprefix("is "))])
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
        found: list[Problem] = []  # folders that could not be read, gathered as they are met
        for year, files in self.entry_files(years, found):
            part = self._load_year(year, files, first, last)
            if found:
                part.problems[:0] = found
                found.clear()
            yield part
        if found:
            yield History({}, found)

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
            if item.is_symlink() and self.outside(item.path):
                return None, [Problem(rel, _LINK_OUTSIDE)]
            st = item.stat()
        except OSError as exc:
            return None, [Problem(rel, describe_os_error(exc, Path(item.path)))]
        if not stat.S_ISREG(st.st_mode):  # a pipe would hang the reader, a device never end
            return None, [Problem(rel, f"{kind_of(st.st_mode)}, not a regular file; it was "
                                       "not read")]
        if st.st_size > MAX_ENTRY_BYTES:
            return None, [Problem(rel, TOO_LARGE)]
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
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(
            os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            ensure_private_dir(self.root)
            fd = os.open(lock_path, flags, 0o600)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise StoreError(f"{lock_path} is a link; fatiguelog never follows a link for "
                                 "its lock, so nothing was changed (remove that link).") from exc
            raise StoreError(describe_os_error(exc, self.root)) from exc
        try:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                raise StoreError(f"{lock_path} is {kind_of(mode)}, not a regular file, so "
                                 "nothing was changed (remove it).")
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
                            "changed; try again in a moment") from None
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
                folders += sorted((Path(e.path) for e in os.scandir(base)
                                   if e.is_dir(follow_symlinks=False)), key=str)
        problems = []
        for folder in folders:
            try:
                names = sorted(os.listdir(folder))
            except OSError:
                continue
            for name in names:
                if is_temporary_name(name):
                    meant = name[1:].rsplit(".", 3)[0]
                    problems.append(Problem(
                        self.relative(folder / name),
                        f"a temporary file left by a save that was interrupted (it was meant "
                        f"to become {meant}, which was not changed); delete it once you have "
                        "checked that file"))
        return problems


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
    text = _UPDATED_LINE.sub(r"\1T\2", text, count=1)
    return text.encode("utf-8")
