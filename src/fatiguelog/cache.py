"""A cache of parsed entries that is never a source of truth.

Ten years of history is 3,650 TOML files; parsing them all at every start costs more than the
user should wait. This cache keeps each file's parsed document (or its problems) keyed by what
`stat` says about the file. It is:
- rebuilt when missing, unreadable, foreign, or written by another version;
- per file, ignored when the file's size, mtime, ctime or inode changed;
- not trusted for files modified within `RACY_NS` of the moment the cache was built, because a
  coarse file-system clock can give an edit made in the same tick the same mtime (the "racy
  git" problem): such files are re-read every time until they are old enough;
- JSON, never pickle: it holds data, nothing executable;
- in the platform cache folder, 0600, one file per data folder and year (so a summary of one
  year reads one or two small files, not ten years).
"""

from __future__ import annotations

import hashlib
import json
import os
import time as clock
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from fatiguelog import __version__
from fatiguelog.atomic import atomic_write

CACHE_FORMAT = "fatiguelog-entry-cache"
CACHE_VERSION = 1
RACY_NS = 3_000_000_000  # 3 s: wider than any file-system timestamp granularity we know


def stat_key(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _tag(value: Any) -> Any:
    """JSON has no dates or times: write them as tagged objects (called by the C encoder)."""
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$d": value.isoformat()}
    if isinstance(value, time):
        return {"$t": value.isoformat()}
    raise TypeError(f"{type(value).__name__} can't be cached")


def _decode_hook(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        if "$d" in obj:
            return date.fromisoformat(obj["$d"])
        if "$t" in obj:
            return time.fromisoformat(obj["$t"])
        if "$dt" in obj:
            return datetime.fromisoformat(obj["$dt"])
    return obj


class EntryCache:
    """One year of one data folder: each entry file, its stat key and its parse result."""

    def __init__(self, folder: Path, root: Path, year: str):
        digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
        self.path = folder / f"entries-{digest}-{year}.json"
        self.root = str(root.resolve())
        self.built_ns = clock.time_ns()
        self.records: dict[str, list[Any]] = {}
        self._dirty = False

    def load(self) -> None:
        """Read the cache; anything wrong with it means starting empty (it is rebuilt)."""
        try:
            with open(self.path, "rb") as handle:
                data = json.loads(handle.read(), object_hook=_decode_hook)
        except (OSError, ValueError):
            self._dirty = True
            return
        if (
            not isinstance(data, dict)
            or data.get("format") != CACHE_FORMAT
            or data.get("version") != CACHE_VERSION
            or data.get("app") != __version__
            or data.get("root") != self.root
            or not isinstance(data.get("files"), dict)
        ):
            self._dirty = True
            return
        self.records = data["files"]

    def get(self, rel: str, key: list[int]) -> tuple[dict | None, list[list[Any]]] | None:
        """The cached (document, problems) for a file, or None when it must be read again."""
        record = self.records.get(rel)
        if (
            not isinstance(record, list)
            or len(record) != 4
            or record[0] != key
            or record[3] is not True  # not yet known to be safe from racy edits
        ):
            return None
        doc, problems = record[1], record[2]
        if (doc is not None and not isinstance(doc, dict)) or not isinstance(problems, list):
            return None
        return doc, problems

    def put(self, rel: str, key: list[int], doc: dict | None, problems: list[list[Any]]) -> None:
        trusted = self.built_ns - key[1] > RACY_NS and self.built_ns - key[2] > RACY_NS
        self.records[rel] = [key, doc, problems, trusted]
        self._dirty = True

    def keep_only(self, seen: set[str]) -> None:
        """Forget files that are gone."""
        gone = self.records.keys() - seen
        for rel in gone:
            del self.records[rel]
        self._dirty = self._dirty or bool(gone)

    def save(self) -> None:
        """Write the cache if it changed; a cache that can't be written is simply skipped."""
        if not self._dirty:
            return
        payload = {
            "format": CACHE_FORMAT,
            "version": CACHE_VERSION,
            "app": __version__,
            "root": self.root,
            "files": self.records,
        }
        try:
            # (check_circular off: parsed TOML has no cycles, and the check costs time)
            text = json.dumps(payload, separators=(",", ":"), default=_tag, check_circular=False)
            atomic_write(self.path, text.encode(), durable=False)
        except (OSError, TypeError, ValueError):
            return
        self._dirty = False
