"""A cache of per-day records that is never a source of truth and cannot be made to lie.

Ten years of history is 3,650 TOML files; parsing them all each time the trend view shows
"All" costs more than the user should wait. Reading their bytes is cheap; parsing is what
costs. So this cache keeps, per entry file, a keyed hash of the file's bytes and what analysis
needs of it (a `DayRecord`: numbers, yes/no answers, bowel movements, doses; its status and
its problems), and a file's record is used only when the hash of the bytes on disk now is the
one stored. Nothing depends on timestamps: an edit made within the same second, at the same
size, by a clock that is wrong, is seen at once.

- **Cannot lie.** Each cache file carries a MAC (keyed BLAKE2b) of its contents, made with a
  random key kept beside it (`key`, 0600) and never written anywhere else; a cache file that
  was crafted, copied from another machine or torn is ignored as a whole and rebuilt. The
  per-file hashes are keyed too, so a record can't be pinned to another file's bytes, and a
  stored hash tells nothing about what a small file holds.
- **No tags.** The format is ours: a MAC line, then JSON whose every position has one meaning
  (the year's key paths once, then each record as lists of values by position). A key or a
  text in an entry is only ever data, so no entry can turn into another type on a later read.
- **No free text.** No notes, no forms, no text answers: only numbers, booleans, substance
  names and units (which intake analysis groups by), and the problems' fixed wording (which
  names a key and a kind of value, never a value).
- **Keyed on the file format**, not on the app: `ENTRY_FORMAT` (the entry schema) and
  `LAYOUT` (this cache's own layout and how a file is judged; bumped when either changes). An
  upgrade of the app keeps the cache; a change of either version rebuilds it.
- JSON, never pickle; one file per data folder and year, in the platform cache folder, 0600.
- **No names in clear.** Key paths (a tracker's key may be named after something private),
  stool keys and the data folder are stored by keyed hash only; substance names have their
  control characters stripped (`DayRecord.of`). A layout read back knows its paths by hash
  until a file using them is parsed (see `Layout`).
- **Swept.** Once per process, when a cache is written, the caches of fatiguelog before this
  format are deleted: the notes-holding `entries-*` ones, and the `days-<id>.root` markers
  that named their data folder in clear (used one last time to delete the caches of data
  folders that no longer exist). Since the folder is no longer named anywhere, a deleted
  data folder's cache now stays until the cache folder is cleared (it is safe to delete).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from _operator import _compare_digest as compare_digest  # (what `hmac.compare_digest` is)
from datetime import date
from pathlib import Path
from typing import Any

from fatiguelog.atomic import atomic_write, ensure_private_dir
from fatiguelog.dayrecord import Layout
from fatiguelog.model import SCHEMA_VERSION

# The hashes without `hashlib`: it loads OpenSSL's bindings, 2-3 ms of every command that
# reads the cache (an export, `trends --print`) for two hashes Python has built in.
try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without it
    from hashlib import blake2b
try:
    from _sha256 import sha256  # type: ignore[import-not-found, unused-ignore]
except ImportError:  # pragma: no cover - Python 3.12 and later
    try:
        from _sha2 import sha256  # type: ignore[import-not-found, no-redef, unused-ignore]
    except ImportError:
        from hashlib import sha256  # type: ignore[assignment, unused-ignore]

CACHE_FORMAT = "fatiguelog-day-records"
#: The entry file format the records were made from (an upgrade of the app keeps the cache).
ENTRY_FORMAT = SCHEMA_VERSION
#: This cache's layout and the rules a file is judged by (its problems are cached): bumped
#: when either changes, never for a new app version that changes neither.
LAYOUT = 4  # 2: a broken file's valid red flags are kept (a partial record); 3: key paths,
#: substance names and the data folder by keyed hash (no name the user chose in clear); 4: a
#: wrong `symptoms.crash` is a problem of that answer, no longer of its whole file
KEY_NAME = "key"
_KEY_BYTES = 32
_MAC_BYTES = 32
_DIGEST_BYTES = 16
#: The most a cache file may hold (a year of records is well under a megabyte); a bigger one
#: is a miss, never read.
MAX_RECORDS_BYTES = 64 << 20
MAX_HINTS_BYTES = 1 << 16
MAX_ROOT_BYTES = 1 << 16  # a folder's path
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_swept: set[str] = set()  # cache folders already cleaned up by this process


def load_key(folder: Path) -> bytes | None:
    """The cache's secret key, made (0600) the first time and when the one there is damaged;
    None when it can't be had, or when something other than a regular file is where it goes
    (a pipe, a link, a device: never read, never replaced): then nothing is cached this run,
    every file is parsed."""
    path = folder / KEY_NAME
    for _attempt in range(2):
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            st = None
        except OSError:
            return None
        if st is not None and not stat.S_ISREG(st.st_mode):
            return None  # not ours to replace
        key = None if st is None else read_cache_file(path, _KEY_BYTES)
        if key is not None and len(key) == _KEY_BYTES:
            return key
        if st is not None and key is None and st.st_size <= _KEY_BYTES:
            return None  # a regular file that could not be read (or became something else)
        try:  # absent, or a regular file of the wrong size: (re)made
            ensure_private_dir(folder)
            atomic_write(path, os.urandom(_KEY_BYTES), durable=False, replace=st is not None)
        except FileExistsError:
            pass  # another fatiguelog made it just now: read that one
        except OSError:
            return None
    return None


def read_cache_file(path: Path, limit: int) -> bytes | None:
    """A cache file's bytes, or None (a miss) for anything but a regular file of at most
    `limit` bytes: a link is never followed, a pipe never waited on (opened non-blocking, and
    never read), a device never opened, and no more than `limit` bytes are ever read, whatever
    the file claims or turns out to hold."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):  # (not even opened: some devices act)
            return None
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC)
    except OSError:
        return None
    try:
        st = os.fstat(fd)  # what was opened, in case it changed since
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, limit + 1 - total)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
        return None  # grew past the limit while being read
    except OSError:
        return None
    finally:
        os.close(fd)


def read_sealed(path: Path, key: bytes, person: bytes, limit: int) -> bytes | None:
    """The body of a cache file `write_sealed` wrote with `key` and `person`, or None (a
    miss): absent, over `limit` bytes, not a regular file, or its MAC wrong (made with
    another key, copied from another machine, crafted or torn)."""
    raw = read_cache_file(path, limit)
    if raw is None:
        return None
    mac, _newline, body = raw.partition(b"\n")
    return body if compare_digest(mac, _seal(body, key, person)) else None


def write_sealed(path: Path, key: bytes, person: bytes, body: bytes) -> None:
    """Write `body` atomically (0600, its folder 0700) under a line with its MAC; an OSError
    says it could not be (a cache that can't be written is simply skipped)."""
    ensure_private_dir(path.parent)
    atomic_write(path, _seal(body, key, person) + b"\n" + body, durable=False)


#: What `write_sealed` adds to a body: the MAC in hex and a newline.
SEAL_BYTES = 2 * _MAC_BYTES + 1


def _seal(body: bytes, key: bytes, person: bytes) -> bytes:
    return blake2b(body, key=key, digest_size=_MAC_BYTES, person=person).hexdigest().encode()


def root_id(root: Path) -> str:
    return sha256(os.path.realpath(root).encode()).hexdigest()[:16]


def root_mac(root: Path | str, key: bytes | None) -> str:
    """What the cache stores of its data folder: a keyed hash of the folder's path (its name
    may say something private), enough to tell another folder's cache from this one's."""
    return blake2b(
        os.path.realpath(root).encode(),
        key=key or b"",
        digest_size=_DIGEST_BYTES,
        person=b"fl-root",
    ).hexdigest()


class RecordCache:
    """One year of one data folder: each entry file's keyed hash, problems and record."""

    __slots__ = ("_dirty", "_hasher", "folder", "key", "layout", "path", "records", "root", "year")

    def __init__(self, folder: Path, root: Path, year: str, key: bytes):
        self.folder = folder
        self.root = root_mac(root, key)
        self.year = year
        self.key = key
        self.path = folder / f"days-{root_id(root)}-{year}.json"
        self.records: dict[str, list[Any]] = {}
        # the key paths of this year's records (see `DayRecord`), stored by keyed hash
        self.layout = Layout(hash_of=self.path_hash)
        self._dirty = False
        self._hasher = blake2b(key=key, digest_size=_DIGEST_BYTES)  # (keyed once)

    def digest(self, raw: bytes) -> str:
        """The keyed hash a file's record is checked against."""
        hasher = self._hasher.copy()
        hasher.update(raw)
        return hasher.hexdigest()

    def path_hash(self, path: tuple[str, ...]) -> str:
        """What the cache stores of a key path: its keyed hash, never its names (a key, a
        tracker's, may be named after something private)."""
        digest = blake2b(
            json.dumps(path).encode(), key=self.key, digest_size=_DIGEST_BYTES, person=b"fl-path"
        ).hexdigest()
        return ("c" if len(path) == 2 and path[0] == "custom" else "k") + digest

    def load(self) -> None:
        """Read the cache; anything wrong with it (MAC, format, versions, folder, year) means
        starting empty: it is rebuilt."""
        body = read_sealed(self.path, self.key, b"fl-cache", MAX_RECORDS_BYTES)
        if body is None:
            self._dirty = True
            return
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            self._dirty = True
            return
        if (
            type(data) is not dict
            or data.get("format") != CACHE_FORMAT
            or data.get("entry_format") != ENTRY_FORMAT
            or data.get("layout") != LAYOUT
            or data.get("root") != self.root
            or data.get("year") != self.year
            or type(data.get("files")) is not dict
            or not _layout_shape(data.get("paths"), data.get("stool_keys"))
        ):
            self._dirty = True
            return
        self.records = data["files"]
        self.layout = Layout.of_hashes(data["paths"], data["stool_keys"], self.path_hash)

    def get(self, name: str, digest: str) -> tuple[Any, Any] | None:
        """(problems, record) of a file whose bytes hash to `digest`, else None. The record is
        None for a file that can't be used (its problems say why)."""
        found = self.records.get(name)
        if type(found) is not list or len(found) != 3 or found[0] != digest:
            return None
        return found[1], found[2]

    def put(
        self, name: str, digest: str, problems: list[list[Any]], record: list[Any] | None
    ) -> None:
        self.records[name] = [digest, problems, record]
        self._dirty = True

    def keep_only(self, names: set[str]) -> None:
        """Forget files that are gone."""
        gone = self.records.keys() - names
        for name in gone:
            del self.records[name]
        self._dirty = self._dirty or bool(gone)

    def save(self) -> None:
        """Write the cache if it changed; a cache that can't be written is simply skipped."""
        if not self._dirty:
            return
        paths, stool_keys = self.layout.hashes(self.path_hash)
        payload = {
            "format": CACHE_FORMAT,
            "entry_format": ENTRY_FORMAT,
            "layout": LAYOUT,
            "root": self.root,
            "year": self.year,
            "paths": paths,
            "stool_keys": stool_keys,
            "files": self.records,
        }
        try:
            # (check_circular off: records are plain lists and tables, made here)
            body = json.dumps(
                payload, separators=(",", ":"), check_circular=False, allow_nan=False
            ).encode()
            write_sealed(self.path, self.key, b"fl-cache", body)
        except (OSError, TypeError, ValueError):
            return
        self._dirty = False
        sweep(self.folder)


def _layout_shape(paths: Any, stool_keys: Any) -> bool:
    return (
        type(paths) is list
        and type(stool_keys) is list
        and all(type(p) is str for p in paths)
        and all(type(k) is str for k in stool_keys)
        and len(set(paths)) == len(paths)
        and len(set(stool_keys)) == len(stool_keys)
    )


def sweep(folder: Path) -> None:
    """Delete the caches of data folders that no longer exist, and caches of older formats
    (those held whole entries, notes included). Once per process and folder; never fails."""
    name = str(folder)
    if name in _swept:
        return
    _swept.add(name)
    with contextlib.suppress(OSError):
        names = os.listdir(folder)
        gone: set[str] = set()
        for item in names:
            if item.startswith("days-") and item.endswith(".root"):
                raw = read_cache_file(folder / item, MAX_ROOT_BYTES)
                try:
                    root = "" if raw is None else raw.decode()
                except UnicodeDecodeError:
                    continue
                if root and not os.path.isdir(root):
                    gone.add(item[len("days-") : -len(".root")])
        for item in names:
            old = item.startswith("entries-") and item.endswith(".json")
            stale = item.startswith("days-") and item[5:21] in gone
            # (a `.root` marker named its data folder in clear: fatiguelog no longer writes
            # them, so a cache made from now on is not swept when its folder is deleted)
            marker = item.startswith("days-") and item.endswith(".root")
            if old or stale or marker:
                with contextlib.suppress(OSError):
                    os.unlink(folder / item)


class RunHints:
    """Where the last summaries of each period length had to start reading, so the next one
    starts there at once instead of stepping back a year at a time (a flag on for 200 days
    costs one read, not two, and the 90-day export one pass of the rules, not two).

    A hint is never a source of truth: `fatiguelog.report.summarize` still checks that every
    flag of the period began inside what was read (and reads further back when not), so a
    hint that is wrong, stale, crafted or unreadable can only make a read longer or shorter,
    never a figure different. It holds dates and period lengths only. One small JSON file per
    data folder beside the record caches (`days-<id>-runs.json`, swept with them), 0600.
    """

    FORMAT = "fatiguelog-run-hints"
    #: A hint is used for a period ending at most this many days after the one it was made
    #: for (the flags on then are, most days, those on now).
    FRESH_DAYS = 31
    KEEP = 8  # period lengths remembered (home's week, the trend periods, the 90-day export)

    def __init__(self, folder: Path, root: Path):
        self.folder = folder
        self.root = root_mac(root, load_key(folder))
        self.path = folder / f"days-{root_id(root)}-runs.json"
        self.hints: dict[str, list[str]] = {}
        self._loaded = False

    def load(self) -> None:
        self._loaded = True
        raw = read_cache_file(self.path, MAX_HINTS_BYTES)
        try:
            data = json.loads(raw) if raw is not None else None
        except (ValueError, UnicodeDecodeError):
            return
        if (
            type(data) is not dict
            or data.get("format") != self.FORMAT
            or data.get("root") != self.root
            or type(data.get("hints")) is not dict
        ):
            return
        self.hints = {
            str(k): v
            for k, v in data["hints"].items()
            if type(v) is list and len(v) == 2 and all(type(x) is str for x in v)
        }

    def start(self, first: date, last: date) -> date | None:
        """Where to start reading for `first..last`, when a recent summary of a period as long
        said so (None: no such hint)."""
        if not self._loaded:
            self.load()
        found = self.hints.get(str((last - first).days))
        if found is None:
            return None
        try:
            made_for, start = date.fromisoformat(found[0]), date.fromisoformat(found[1])
        except ValueError:
            return None
        return start if 0 <= (last - made_for).days <= self.FRESH_DAYS else None

    def remember(self, first: date, last: date, start: date) -> None:
        """That `first..last` needed reading from `start`; written only when that is news (a
        hint that can't be written is simply not kept)."""
        if not self._loaded:
            self.load()
        length = str((last - first).days)
        value = [last.isoformat(), start.isoformat()]
        old = self.hints.get(length)
        if old is not None and old[1] == value[1] and self.start(first, last) is not None:
            return  # the same start, and still fresh: nothing to write
        self.hints.pop(length, None)
        self.hints[length] = value
        while len(self.hints) > self.KEEP:
            del self.hints[next(iter(self.hints))]
        payload = {"format": self.FORMAT, "root": self.root, "hints": self.hints}
        with contextlib.suppress(OSError, ValueError, TypeError):
            ensure_private_dir(self.folder)
            atomic_write(self.path, json.dumps(payload).encode(), durable=False)


__all__ = ["RecordCache", "RunHints", "load_key", "read_sealed", "sweep", "write_sealed"]
