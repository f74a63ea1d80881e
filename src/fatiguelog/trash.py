"""Deleting a day moves its file to `<data>/trash/`; nothing is ever erased, and it comes back.

`fatiguelog delete --date D` and the app move `entries/YYYY/YYYY-MM-DD.toml` to
`trash/YYYY-MM-DD.<deleted-at>.toml` (deleted-at as `YYYYMMDD-HHMMSS`, local time). The file
itself is moved (a hard link then an unlink, or a rename that never replaces), so it is byte
for byte what it was, a broken file included. `fatiguelog restore --date D` brings the latest
one back (`restore --list` lists every deleted copy of the day, `--copy N` picks another); it
refuses while the day has a live entry (nothing is ever replaced).

A day is more than its entry: an unfinished check-in's draft (`drafts/YYYY-MM-DD.toml`) and
sync-conflict copies beside the entry would bring the day back (resuming the draft, or
`conflicts --merge` making the copy the day). So they move with it, beside it in the trash as
`YYYY-MM-DD.<deleted-at>.draft.toml` and `YYYY-MM-DD.<deleted-at>.copy.<its own name>`, and
come back with it. Nothing of the day is left behind, nothing is erased.

Nothing is moved through a link: every folder below the data folder is opened by descriptor
with O_NOFOLLOW (see `atomic.open_private_dir`), and a day's file that is a link, a folder or
a pipe is not moved. Both run under the data folder's lock, so a `fatiguelog log` in another
terminal can't write the day half-way through. Textual-free.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from fatiguelog import paths
from fatiguelog.atomic import FILE_MODE, UnsafePathError, kind_of, open_private_dir
from fatiguelog.store import Store, StoreError, describe_os_error
from fatiguelog.wording import plural

_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_TRASHED = re.compile(r"^(\d{4}-\d{2}-\d{2})\.(\d{8}-\d{6})(?:-(\d+))?\.toml$")
#: Errors that mean "this file system has no hard links": a rename is used instead.
_NO_LINKS = (errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS)


class TrashError(StoreError):
    """Nothing to delete or restore, or something in the way; said in one sentence."""


class Trashed(NamedTuple):
    """A deleted day's file in the trash."""

    day: date
    name: str
    stamp: str  # YYYYMMDD-HHMMSS
    n: int  # 1, or 2, 3... for a second delete of that day within one second

    def path(self, root: Path) -> Path:
        return paths.trash_dir(root) / self.name

    @property
    def stem(self) -> str:
        return self.name.removesuffix(".toml")

    @property
    def draft_name(self) -> str:
        """Its day's unfinished check-in, deleted with it (when there was one)."""
        return f"{self.stem}.draft.toml"

    def copy_name(self, original: str) -> str:
        """A sync-conflict copy of its day, deleted with it."""
        return f"{self.stem}.copy.{original}"

    def companions(self, names: list[str]) -> tuple[bool, list[str]]:
        """(whether its draft is there, the original names of its sync copies) among the
        trash folder's `names`."""
        prefix = f"{self.stem}.copy."
        return (
            self.draft_name in names,
            sorted(n.removeprefix(prefix) for n in names if n.startswith(prefix)),
        )

    @property
    def deleted_at(self) -> datetime:
        return datetime.strptime(self.stamp, "%Y%m%d-%H%M%S")


def trashed_name(name: str) -> Trashed | None:
    """A trash file's day and time of deletion, from its name (None: not one of ours)."""
    match = _TRASHED.match(name)
    if match is None:
        return None
    try:
        day = date.fromisoformat(match.group(1))
        datetime.strptime(match.group(2), "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return Trashed(day, name, match.group(2), int(match.group(3) or 1))


def _open_existing(root: Path, parts: tuple[str, ...]) -> int:
    """A descriptor of the folder `root/parts...` (FileNotFoundError when it isn't there);
    never through a link below `root` (UnsafePathError)."""
    fd = os.open(root, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    where = root
    try:
        for part in parts:
            where = where / part
            try:
                child = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=fd)
            except OSError as exc:
                if exc.errno not in (errno.ENOTDIR, errno.ELOOP):
                    raise
                raise UnsafePathError(
                    exc.errno,
                    "is a link or not a folder: fatiguelog never moves files through it",
                    str(where),
                ) from None
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


def _regular(folder: int, name: str, where: Path) -> None:
    """FileNotFoundError when `name` is not there; TrashError unless it is a regular file."""
    st = os.stat(name, dir_fd=folder, follow_symlinks=False)
    if not stat.S_ISREG(st.st_mode):
        raise TrashError(
            f"{where} is {kind_of(st.st_mode)}, not a regular file; fatiguelog doesn't move it"
        )


def _move(src: int, name: str, dst: int, target: str) -> None:
    """Move a file between two open folders without ever replacing one (FileExistsError)."""
    try:
        os.link(name, target, src_dir_fd=src, dst_dir_fd=dst, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        try:  # no hard links here: a rename, after making sure nothing is in the way
            os.stat(target, dir_fd=dst, follow_symlinks=False)
        except FileNotFoundError:
            os.rename(name, target, src_dir_fd=src, dst_dir_fd=dst)
            return
        raise FileExistsError(errno.EEXIST, "File exists", target) from None
    os.unlink(name, dir_fd=src)


def _sync(*folders: int) -> None:
    for fd in folders:
        with contextlib.suppress(OSError):
            os.fsync(fd)


def delete_day(root: Path, day: date, now: datetime | None = None) -> Trashed:
    """Move the day's file (readable or not) to the trash; TrashError when there is none."""
    store = Store(root)
    where = store.path(day)
    name = where.name
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    try:
        with store.lock():
            try:
                folder = _open_existing(root, ("entries", f"{day.year:04d}"))
            except FileNotFoundError:
                raise TrashError(
                    f"{day.isoformat()} has no entry, so nothing was deleted"
                ) from None
            try:
                try:
                    _regular(folder, name, where)
                except FileNotFoundError:
                    raise TrashError(
                        f"{day.isoformat()} has no entry, so nothing was deleted"
                    ) from None
                trash = open_private_dir(root, (paths.trash_dir(root).name,))
                try:
                    n = 1
                    while True:
                        trashed = Trashed(
                            day,
                            f"{day.isoformat()}.{stamp}{'' if n == 1 else f'-{n}'}.toml",
                            stamp,
                            n,
                        )
                        try:
                            _move(folder, name, trash, trashed.name)
                            break
                        except FileExistsError:
                            n += 1
                    with contextlib.suppress(OSError, NotImplementedError):
                        os.chmod(trashed.name, FILE_MODE, dir_fd=trash)
                    # (after the entry: a crash in between leaves them where they were,
                    # never in the trash without their day)
                    for copy in _sync_copies(folder, day):
                        _move_along(folder, copy, trash, trashed.copy_name(copy))
                    with contextlib.suppress(UnsafePathError):  # drafts/ is a link: not ours
                        _move_draft(root, day, trash, trashed.draft_name, to_trash=True)
                    _sync(trash, folder)
                finally:
                    os.close(trash)
            finally:
                os.close(folder)
    except OSError as exc:
        raise TrashError(describe_os_error(exc, where)) from exc
    return trashed


def _sync_copies(folder: int, day: date) -> list[str]:
    """The names of the day's sync-conflict copies in its year folder (regular files only)."""
    found = []
    for name in sorted(os.listdir(folder)):
        copy = paths.sync_copy_of(name)
        if copy is None or copy[0] != day:
            continue
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode):
                found.append(name)
    return found


def _move_along(src: int, name: str, dst: int, target: str) -> None:
    """Move one of the day's other files with it (never replacing one: FileExistsError)."""
    _move(src, name, dst, target)
    with contextlib.suppress(OSError, NotImplementedError):
        os.chmod(target, FILE_MODE, dir_fd=dst)


def _move_draft(root: Path, day: date, trash: int, trashed_name: str, *, to_trash: bool) -> bool:
    """Move the day's draft into the trash (or back); False when there was none to move."""
    draft = f"{day.isoformat()}.toml"
    try:
        drafts = (
            _open_existing(root, (paths.drafts_dir(root).name,))
            if to_trash
            else open_private_dir(root, (paths.drafts_dir(root).name,))
        )
    except (FileNotFoundError, NotADirectoryError):
        return False
    try:
        src, name, dst, target = (
            (drafts, draft, trash, trashed_name)
            if to_trash
            else (trash, trashed_name, drafts, draft)
        )
        try:
            if not stat.S_ISREG(os.stat(name, dir_fd=src, follow_symlinks=False).st_mode):
                return False
        except FileNotFoundError:
            return False
        _move_along(src, name, dst, target)
        _sync(drafts)
        return True
    finally:
        os.close(drafts)


def in_trash(root: Path, day: date | None = None) -> list[Trashed]:
    """The trash's files (of `day`, when given), oldest deletion first."""
    try:
        folder = _open_existing(root, (paths.trash_dir(root).name,))
    except (FileNotFoundError, NotADirectoryError):
        return []
    try:
        names = os.listdir(folder)
    finally:
        os.close(folder)
    found = [t for t in map(trashed_name, names) if t is not None]
    return sorted((t for t in found if day is None or t.day == day), key=lambda t: (t.stamp, t.n))


def copies_of(root: Path, day: date) -> list[Trashed]:
    """The day's deleted copies, newest deletion first (the order `--list` numbers them);
    TrashError when there is none."""
    try:
        found = in_trash(root, day)
    except OSError as exc:
        raise TrashError(describe_os_error(exc, paths.trash_dir(root))) from exc
    if not found:
        raise TrashError(
            f"nothing to restore for {day.isoformat()}: there is no deleted copy "
            f"of it in {paths.trash_dir(root)}"
        )
    return found[::-1]


def pick(root: Path, day: date, which: str | None = None) -> Trashed:
    """One of the day's deleted copies: `which` is its number in `copies_of` (1, the latest,
    when None) or its file name in the trash."""
    found = copies_of(root, day)
    if which is None:
        return found[0]
    text = which.strip()
    if text.isdigit() and 1 <= int(text) <= len(found):
        return found[int(text) - 1]
    named = next((t for t in found if t.name == text), None)
    if named is None:
        count = plural(len(found), "deleted copy", "deleted copies")
        raise TrashError(
            f"{day.isoformat()} has {count} in the trash, numbered 1 to "
            f"{len(found)} (newest first), and none is {text!r}: "
            f"'fatiguelog restore --date {day.isoformat()} --list' lists them"
        )
    return named


def restore_day(root: Path, day: date, which: str | None = None) -> Trashed:
    """Bring back the day's latest deleted file (or the one `which` picks, see `pick`);
    TrashError when there is none, or when the day has an entry again (nothing is ever
    replaced)."""
    return restore(root, pick(root, day, which))


def restore(root: Path, trashed: Trashed, *, again: str = "") -> Trashed:
    """Bring back one deleted day (the app's undo, or a copy picked from the list) to its
    place, with the draft and sync copies deleted with it. `again` says how to try this same
    copy again once the way is clear (the default: the command that names it)."""
    store = Store(root)
    where = store.path(trashed.day)
    iso = trashed.day.isoformat()
    again = again or f"'fatiguelog restore --date {iso} --copy {trashed.name}'"
    in_the_way = (
        f"{iso} already has an entry, so nothing was restored (the deleted copy "
        f"stays in the trash): delete that entry first ('fatiguelog delete --date "
        f"{iso}'; it goes to the trash too), then {again}"
    )
    draft_in_the_way = (
        f"{iso} has an unfinished check-in again, and the deleted copy has "
        "one of its own, so nothing was restored: finish or discard the new "
        f"one first (open {iso} in the check-in), then {again}"
    )
    try:
        with store.lock():
            try:
                trash = _open_existing(root, (paths.trash_dir(root).name,))
            except FileNotFoundError:
                raise TrashError(
                    f"{trashed.path(root)} is no longer there; nothing was restored"
                ) from None
            try:
                try:
                    _regular(trash, trashed.name, trashed.path(root))
                except FileNotFoundError:
                    raise TrashError(
                        f"{trashed.path(root)} is no longer there; nothing was restored"
                    ) from None
                folder = open_private_dir(root, ("entries", f"{trashed.day.year:04d}"))
                try:
                    try:
                        os.stat(where.name, dir_fd=folder, follow_symlinks=False)
                    except FileNotFoundError:
                        pass
                    else:
                        raise TrashError(in_the_way)
                    names = os.listdir(trash)
                    has_draft, copies = trashed.companions(names)
                    if has_draft and os.path.lexists(paths.drafts_dir(root) / f"{iso}.toml"):
                        raise TrashError(draft_in_the_way)
                    for copy in copies:
                        if os.path.lexists(where.parent / copy):
                            raise TrashError(
                                f"a sync copy named {copy} is beside {iso}'s entry again, "
                                "and the deleted copy holds one of that name, so nothing was "
                                "restored: merge it first ('fatiguelog conflicts --merge'), "
                                f"then {again}"
                            )
                    # The draft and the copies first: a crash in between leaves the entry in
                    # the trash, listed and restorable, never them there without it.
                    for copy in copies:
                        _move_along(trash, trashed.copy_name(copy), folder, copy)
                    if has_draft:
                        _move_draft(root, trashed.day, trash, trashed.draft_name, to_trash=False)
                    try:
                        _move(trash, trashed.name, folder, where.name)
                    except FileExistsError:
                        raise TrashError(in_the_way) from None
                    _sync(folder, trash)
                finally:
                    os.close(folder)
            finally:
                os.close(trash)
    except OSError as exc:
        raise TrashError(describe_os_error(exc, where)) from exc
    return trashed


def moved_with(root: Path, trashed: Trashed) -> str:
    """What went to (or came back from) the trash with the day's entry, in words ("" none):
    " with its unfinished check-in and 1 sync copy"."""
    try:
        names = os.listdir(paths.trash_dir(root))
    except OSError:
        return ""
    has_draft, copies = trashed.companions(names)
    return _with(has_draft, len(copies))


def _with(has_draft: bool, copies: int) -> str:
    parts = (["its unfinished check-in"] if has_draft else []) + (
        [plural(copies, "sync copy", "sync copies")] if copies else []
    )
    return f" with {' and '.join(parts)}" if parts else ""


def describe(root: Path, trashed: Trashed) -> str:
    """What a deleted copy holds, in a few words, for the lists that pick one: "checked in
    (fatigue 7)", "logged only (1 bowel movement logged)", "can't be read", and what was
    deleted with it."""
    from fatiguelog.model import is_checked_in, logged_items
    from fatiguelog.store import parse_entry_bytes, read_bytes

    try:
        raw = read_bytes(str(trashed.path(root)))
        names = os.listdir(paths.trash_dir(root))
    except OSError:
        return "can't be read"
    doc, _problems = parse_entry_bytes(raw, trashed.name, trashed.day)
    if doc is None:
        said = "can't be read (it is kept as it was)"
    elif is_checked_in(doc):
        symptoms = doc.get("symptoms")
        fatigue = symptoms.get("fatigue") if isinstance(symptoms, dict) else None
        said = "checked in" + (f" (fatigue {fatigue})" if isinstance(fatigue, int) else "")
    else:
        logged = logged_items(doc)
        said = f"logged only: {logged.removesuffix(' logged')}" if logged else "no answers"
    has_draft, copies = trashed.companions(names)
    along = _with(has_draft, len(copies))
    return f"{said},{along}" if along else said


__all__ = [
    "TrashError",
    "Trashed",
    "copies_of",
    "delete_day",
    "describe",
    "in_trash",
    "moved_with",
    "pick",
    "restore",
    "restore_day",
    "trashed_name",
]
