"""Sync-conflict copies of entries: find them, merge each into its day, keep it aside.

When two computers change the same day before the sync tool catches up, Syncthing, Nextcloud
or Dropbox keep both: the entry, and a copy named after it (see `paths.sync_copy_of`). Such a
copy is never read as an entry. Merging is two-way (there is no common ancestor to compare
with): an answer only one side has is taken, equal answers pass, bowel movements and doses are
united without duplicates, a red flag reported on either side stays reported, and where both
sides gave different answers the entry's is kept and the clash is listed. The copy is then
moved to `<data>/conflicts/`, never deleted, so nothing is ever lost.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from copy import deepcopy
from datetime import date
from pathlib import Path
from typing import Any, Final, NamedTuple

from fatiguelog import paths
from fatiguelog.atomic import FILE_MODE, open_private_dir
from fatiguelog.model import Entry
from fatiguelog.records import by_time
from fatiguelog.store import (
    Status,
    Store,
    StoreError,
    describe_os_error,
    parse_entry_bytes,
    read_bytes,
)
from fatiguelog.validate import beyond_limits, future_schema
from fatiguelog.vocabulary import key_label
from fatiguelog.wording import plural, show_value

#: Lists where each side may have added items: united, not compared whole.
_ITEM_LISTS: Final = {("gi", "stools"): "bowel movement", ("intake",): "dose"}
#: Keys every save rewrites, or that name the file itself: never a clash.
_IGNORED: Final = {("updated",), ("schema",), ("date",)}
DAY_UNKNOWN: Final = date.min  # for reading a document's red flags, whatever its day


class SyncCopy(NamedTuple):
    path: Path
    day: date
    tool: str  # "Syncthing", "Nextcloud or Dropbox"

    def relative(self, root: Path) -> str:
        try:
            return self.path.relative_to(root).as_posix()
        except ValueError:
            return str(self.path)


class Clash(NamedTuple):
    """Both sides answered differently; the entry's answer was kept."""

    path: tuple[str, ...]
    kept: Any
    other: Any

    def __str__(self) -> str:
        if (
            self.path in _ITEM_LISTS
            and isinstance(self.kept, dict)
            and isinstance(self.other, dict)
        ):
            return _item_clash(self.path, self.kept, self.other)
        return (
            f"{key_label(self.path)} (yours {show_value(self.kept)}, "
            f"the copy's {show_value(self.other)})"
        )


def _item_clash(path: tuple[str, ...], kept: dict[str, Any], other: dict[str, Any]) -> str:
    """One record edited on one computer: which, and each detail that differs."""
    noun = _ITEM_LISTS[path]
    name = f" of {show_value(kept['substance']).strip(chr(34))}" if "substance" in kept else ""
    at = f" at {show_value(kept['time'])}" if kept.get("time") is not None else ""
    # (the substance is the same one, perhaps written in another case: not a difference)
    keys = [
        k
        for k in dict.fromkeys([*kept, *other])
        if k != "substance" and kept.get(k) != other.get(k)
    ]
    diff = ", ".join(
        f"{k} yours {show_value(kept.get(k, 'none'))}, the copy's "
        f"{show_value(other.get(k, 'none'))}"
        for k in keys
    )
    return f"the {noun}{name}{at} ({diff})"


class SyncMerge(NamedTuple):
    doc: dict[str, Any]
    added: list[str]  # what the copy contributed, in words
    clashes: list[Clash]
    red_flags: tuple[str, ...] = ()  # red-flag keys only the copy reported


class CopyResult(NamedTuple):
    copy: SyncCopy
    merged: SyncMerge | None  # None: left where it is (see `reason`)
    kept_at: Path | None = None
    reason: str = ""
    created: bool = False  # the day had no entry: the copy became it


def find_copies(root: Path, only: range | None = None) -> list[SyncCopy]:
    """Every sync-conflict copy beside the entries (of the years `only`, when given), by day then
    name (a quick folder listing)."""
    found: list[SyncCopy] = []
    try:
        years = sorted(os.scandir(paths.entries_dir(root)), key=lambda e: e.name)
    except OSError:
        return found
    for year in years:
        if not year.is_dir(follow_symlinks=False):
            continue
        if only is not None and not (year.name.isdigit() and int(year.name) in only):
            continue
        try:
            names = sorted(os.listdir(year.path))
        except OSError:
            continue
        for name in names:
            copy = paths.sync_copy_of(name)
            if copy is not None:
                found.append(SyncCopy(Path(year.path) / name, copy[0], copy[1]))
    return sorted(found, key=lambda c: (c.day, c.path.name))


def merge_copy(entry: dict[str, Any], copy: dict[str, Any]) -> SyncMerge:
    """The entry with the copy's answers merged in, field by field (see the module's rules)."""
    added: list[str] = []
    clashes: list[Clash] = []
    doc = _merge_tables(deepcopy(entry), copy, (), added, clashes)
    gi = doc.get("gi")
    if isinstance(gi, dict) and gi.get("stools") and gi.get("no_bowel_movement") is True:
        # A bowel movement recorded on either side beats "none today" (and the file's rules
        # don't allow both).
        gi["no_bowel_movement"] = False
        added.append("its bowel movements replace 'no bowel movement today'")
    before = set(Entry(DAY_UNKNOWN, entry).red_flags)
    new_flags = tuple(k for k in Entry(DAY_UNKNOWN, doc).red_flags if k not in before)
    return SyncMerge(doc, added, clashes, new_flags)


def _merge_tables(
    ours: dict[str, Any],
    theirs: dict[str, Any],
    path: tuple[str, ...],
    added: list[str],
    clashes: list[Clash],
) -> dict[str, Any]:
    out = dict(ours)
    for key, value in theirs.items():
        where = (*path, key)
        if where in _IGNORED:
            continue
        if key not in ours:
            out[key] = value
            added.append(_said(where, value))
            continue
        mine = ours[key]
        if mine == value:
            continue
        if isinstance(mine, dict) and isinstance(value, dict):
            out[key] = _merge_tables(mine, value, where, added, clashes)
        elif where in _ITEM_LISTS and isinstance(mine, list) and isinstance(value, list):
            new, changed = _unite(mine, value)
            if new:
                noun = _ITEM_LISTS[where]
                out[key] = by_time([*mine, *new])
                added.append(plural(len(new), noun))
            clashes.extend(Clash(where, kept, other) for kept, other in changed)
        elif where == ("gi", "no_bowel_movement") and (ours.get("stools") or theirs.get("stools")):
            continue  # settled below: a recorded bowel movement beats "none today"
        elif len(where) == 2 and where[0] == "red_flags" and True in (mine, value):
            if value is True:
                out[key] = True  # reported on either computer: stays reported
                added.append(key_label(where))
        else:
            clashes.append(Clash(where, mine, value))
    return out


def _same_item(a: Any, b: Any) -> bool:
    """Equal, with a substance's name compared case-insensitively ("kratom" is "Kratom")."""
    if isinstance(a, dict) and isinstance(b, dict):
        return _fold(a) == _fold(b)
    return bool(a == b)


def _fold(item: dict[str, Any]) -> dict[str, Any]:
    name = item.get("substance")
    return {**item, "substance": name.casefold()} if isinstance(name, str) else item


def _slot(item: Any) -> tuple[Any, ...] | None:
    """What makes two items one record edited on two computers: the same time (and, for a
    dose, the same substance, any case). Without a time there is no telling an edit from a
    second record made on the other computer: such items are united, as before."""
    if not isinstance(item, dict) or item.get("time") is None:
        return None
    name = item.get("substance")
    return (str(item.get("time")), name.casefold() if isinstance(name, str) else name)


def _unite(mine: list[Any], theirs: list[Any]) -> tuple[list[Any], list[tuple[Any, Any]]]:
    """The copy's bowel movements or doses the entry lacks, and the pairs (the entry's, the
    copy's) that are one record with different details (a straining or an amount changed on
    one computer): those are clashes, the entry's kept, never a second item."""
    left = list(mine)
    unmatched = []
    for item in theirs:
        same = next((i for i, have in enumerate(left) if _same_item(have, item)), None)
        if same is None:
            unmatched.append(item)
        else:
            del left[same]  # one of ours per one of theirs: a real second one is still added
    new: list[Any] = []
    changed: list[tuple[Any, Any]] = []
    for item in unmatched:
        slot = _slot(item)
        edited = next(
            (i for i, have in enumerate(left) if slot is not None and _slot(have) == slot), None
        )
        if edited is None:
            new.append(item)
        else:
            changed.append((left.pop(edited), item))
    return new, changed


def _said(path: tuple[str, ...], value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(_said((*path, k), v) for k, v in value.items())
    if path in _ITEM_LISTS and isinstance(value, list):
        noun = _ITEM_LISTS[path]
        return plural(len(value), noun)
    return f"{key_label(path)} {show_value(value)}"


def merge_all(store: Store, copies: list[SyncCopy]) -> list[CopyResult]:
    """Merge each copy into its day under the data folder's lock, then keep it aside.

    The entry is written first (atomically), the copy moved after: a crash in between leaves
    the copy in place, and merging it again changes nothing (equal answers pass).
    """
    results = []
    for copy in copies:
        with store.lock():
            results.append(_merge_one(store, copy))
    return results


class _Planned(NamedTuple):
    merged: SyncMerge
    current: Any  # the day's DayFile as read
    created: bool


def plan_merge(store: Store, copy: SyncCopy) -> _Planned | str:
    """What merging `copy` would make of its day (nothing written), or why it can't be merged
    as it is: `check`, home and `conflicts` say that reason instead of "run --merge"."""
    rel = copy.relative(store.root)
    try:
        if not stat.S_ISREG(os.lstat(copy.path).st_mode):
            return (
                "it is not a regular file (a link or a folder?), which fatiguelog doesn't "
                "follow: look at it and move it out of the entries folder"
            )
        raw = read_bytes(str(copy.path))
    except OSError as exc:
        return describe_os_error(exc, copy.path)
    doc, problems = parse_entry_bytes(raw, rel, copy.day)
    if doc is None or problems:
        first = problems[0] if problems else None
        why = first.message if first else "it can't be read"
        return (
            f"the copy can't be read ({why.rstrip('.')}): open it in a text editor, copy "
            "what you want to keep into the day, then delete the copy"
        )
    if future_schema(doc):
        return "the copy was written by a newer fatiguelog: merge it with that version"
    current = store.read(copy.day)
    if current.status is Status.BROKEN:
        why = str(current.problems[0]) if current.problems else "it can't be read"
        return (
            f"the day's entry can't be read ({why.rstrip('.')}): fix it first "
            "('fatiguelog check' says where), then merge"
        )
    if current.status is Status.FUTURE:
        return "the day's entry was written by a newer fatiguelog: merge the copy with that version"
    entry = current.entry
    if entry is None:  # no entry that day: the copy becomes it
        merged = SyncMerge(
            doc, ["the whole day (there was no entry)"], [], tuple(Entry(copy.day, doc).red_flags)
        )
    else:
        merged = merge_copy(entry.doc, doc)
    problem = beyond_limits(merged.doc, copy.day)
    if problem:
        return (
            f"the merged day would be a file no command can read ({problem.rstrip('.')}): "
            "copy what you want to keep from the copy into the day by hand"
        )
    return _Planned(merged, current, entry is None)


def _merge_one(store: Store, copy: SyncCopy) -> CopyResult:
    planned = plan_merge(store, copy)
    if isinstance(planned, str):
        return CopyResult(copy, None, reason=planned)
    merged, current, created = planned
    entry = current.entry
    try:
        if entry is None or merged.doc != entry.doc:
            store.save(Entry(copy.day, merged.doc), expected=current.fingerprint)
        kept = keep_aside(store.root, copy.path)
    except (StoreError, OSError) as exc:
        why = str(exc) if isinstance(exc, StoreError) else describe_os_error(exc, copy.path)
        return CopyResult(copy, None, reason=why)
    return CopyResult(copy, merged, kept, created=created)


def waiting_text(store: Store, today: date) -> str:
    """Home's line while copies wait: how many, which can't be merged as they are, and a red
    flag only a copy reports (with the graded advice: it must not wait unseen)."""
    from fatiguelog.flagtext import red_flag_words

    copies = find_copies(store.root)
    if not copies:
        return ""
    refused = 0
    flags: list[str] = []
    for copy in copies:
        planned = plan_merge(store, copy)
        if isinstance(planned, str):
            refused += 1
        elif planned.merged.red_flags:
            flags.append(red_flag_words(copy.day, planned.merged.red_flags, today))
    count = len(copies)
    line = f"{plural(count, 'sync-conflict copy', 'sync-conflict copies')} waiting: "
    if refused == count:
        line += (
            f"run 'fatiguelog conflicts' to see why {'it' if count == 1 else 'they'} "
            f"can't be merged as {'it is' if count == 1 else 'they are'}."
        )
    elif refused:
        line += (
            f"run 'fatiguelog conflicts --merge' ({refused} can't be merged as "
            f"{'it is' if refused == 1 else 'they are'}: 'fatiguelog conflicts' says why)."
        )
    else:
        line += "run 'fatiguelog conflicts --merge'."
    if flags:
        line = " ".join([f"!! A sync copy reports a red flag. {flags[0]}", *flags[1:], line])
    return line


def keep_aside(root: Path, path: Path) -> Path:
    """Move a merged copy into `<data>/conflicts/` (0700) under a name not yet taken; 0600.

    The folder is opened by descriptor (never through a link, see `open_private_dir`) and the
    copy is hard-linked into it first, so an existing kept copy is never replaced."""
    folder = paths.conflicts_dir(root)
    fd = open_private_dir(root, (folder.name,))
    try:
        stem = path.name.removesuffix(".toml")
        name = path.name
        n = 1
        while True:
            try:
                os.link(path, name, dst_dir_fd=fd)  # never replaces a file already kept there
            except FileExistsError:
                n += 1
                name = f"{stem}.{n}.toml"
                continue
            except OSError as exc:
                if exc.errno not in (errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EMLINK):
                    raise
                try:  # a file system without hard links: a rename that never replaces
                    os.stat(name, dir_fd=fd, follow_symlinks=False)
                except FileNotFoundError:
                    os.rename(path, name, dst_dir_fd=fd)
                    break
                n += 1
                name = f"{stem}.{n}.toml"
                continue
            os.unlink(path)
            break
        with contextlib.suppress(OSError):
            os.chmod(name, FILE_MODE, dir_fd=fd)
    finally:
        os.close(fd)
    return folder / name
