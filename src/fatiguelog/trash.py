"""Deleting a day moves its file to `<data>/trash/`; nothing is ever erased, and it comes back.

`fatiguelog delete --date D` and the app move `entries/YYYY/YYYY-MM-DD.toml` to
`trash/YYYY-MM-DD.<deleted-at>.toml` (deleted-at as `YYYYMMDD-HHMMSS`, local time). The file
itself is moved (a hard link then an unlink, or a rename that never replaces), so it is byte
for byte what it was, a broken file included. `fatiguelog restore --date D` brings the latest
one back; it refuses while the day has a live entry (nothing is ever replaced).

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

_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_TRASHED = re.compile(r"^(\d{4}-\d{2}-\d{2})\.(\d{8}-\d{6})(?:-(\d+))?\.toml$")
#: Errors that mean "this file system has no hard links": a rename is used instead.
_NO_LINKS = (errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK,
             errno.ENOSYS)


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
                child = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC,
                                dir_fd=fd)
            except OSError as exc:
                if exc.errno not in (errno.ENOTDIR, errno.ELOOP):
                    raise
                raise UnsafePathError(exc.errno, "is a link or not a folder: fatiguelog never "
                                      "moves files through it", str(where)) from None
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
        raise TrashError(f"{where} is {kind_of(st.st_mode)}, not a regular file; fatiguelog "
                         "doesn't move it")


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
                raise TrashError(f"{day.isoformat()} has no entry, so nothing was "
                                 "deleted") from None
            try:
                try:
                    _regular(folder, name, where)
                except FileNotFoundError:
                    raise TrashError(f"{day.isoformat()} has no entry, so nothing was "
                                     "deleted") from None
                trash = open_private_dir(root, (paths.trash_dir(root).name,))
                try:
                    n = 1
                    while True:
                        trashed = Trashed(day, f"{day.isoformat()}.{stamp}"
                                               f"{'' if n == 1 else f'-{n}'}.toml", stamp, n)
                        try:
                            _move(folder, name, trash, trashed.name)
                            break
                        except FileExistsError:
                            n += 1
                    with contextlib.suppress(OSError, NotImplementedError):
                        os.chmod(trashed.name, FILE_MODE, dir_fd=trash)
                    _sync(trash, folder)
                finally:
                    os.close(trash)
            finally:
                os.close(folder)
    except OSError as exc:
        raise TrashError(describe_os_error(exc, where)) from exc
    return trashed


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
    return sorted((t for t in found if day is None or t.day == day),
                  key=lambda t: (t.stamp, t.n))


def restore_day(root: Path, day: date) -> Trashed:
    """Bring back the day's latest deleted file; TrashError when there is none, or when the
    day has an entry again (nothing is ever replaced)."""
    try:
        found = in_trash(root, day)
    except OSError as exc:
        raise TrashError(describe_os_error(exc, paths.trash_dir(root))) from exc
    if not found:
        raise TrashError(f"nothing to restore for {day.isoformat()}: there is no deleted copy "
                         f"of it in {paths.trash_dir(root)}")
    return restore(root, found[-1])


def restore(root: Path, trashed: Trashed) -> Trashed:
    """Bring back one deleted file (the app's undo) to its day's place."""
    store = Store(root)
    where = store.path(trashed.day)
    in_the_way = (f"{trashed.day.isoformat()} already has an entry, so nothing was restored "
                  f"(the deleted copy stays in the trash): delete that entry first "
                  f"('fatiguelog delete --date {trashed.day.isoformat()}'), then restore")
    try:
        with store.lock():
            try:
                trash = _open_existing(root, (paths.trash_dir(root).name,))
            except FileNotFoundError:
                raise TrashError(f"{trashed.path(root)} is no longer there; nothing was "
                                 "restored") from None
            try:
                try:
                    _regular(trash, trashed.name, trashed.path(root))
                except FileNotFoundError:
                    raise TrashError(f"{trashed.path(root)} is no longer there; nothing was "
                                     "restored") from None
                folder = open_private_dir(root, ("entries", f"{trashed.day.year:04d}"))
                try:
                    try:
                        os.stat(where.name, dir_fd=folder, follow_symlinks=False)
                    except FileNotFoundError:
                        pass
                    else:
                        raise TrashError(in_the_way)
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


__all__ = ["TrashError", "Trashed", "delete_day", "in_trash", "restore", "restore_day",
           "trashed_name"]
