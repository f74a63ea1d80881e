"""Crash-safe, private writes (temporary file in the same folder, fsync, rename) and guarded reads.

A crash leaves either the old file or the new one, never half of one. Files are 0600 and
folders 0700 because this is health data.

Inside the data folder nothing is ever written through a link: given the data folder as `root`,
`atomic_write` opens each folder below it with `O_NOFOLLOW` (relative to the one above, so a
link swapped in meanwhile is not followed either) and refuses a link, pipe or device where the
file goes. `read_capped` never hangs on a pipe, never reads a device and never reads more than
a limit, whatever a file claims to be.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
#: A temporary file: created here or an error, never through a link.
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
#: Whether folders can be walked by descriptor (POSIX); elsewhere each step is checked by path.
_BY_FD = os.open in os.supports_dir_fd and os.mkdir in os.supports_dir_fd and bool(_NOFOLLOW)
#: Reads open through this (bound once): a test that breaks `os.open` to fake a failing write
#: still reads the file it is about to rewrite.
_open_for_reading = os.open


class UnsafePathError(OSError):
    """A link, pipe, device or other non-regular thing where fatiguelog reads or writes.

    `strerror` is the rest of a sentence that starts with the path (see `describe`)."""

    def describe(self) -> str:
        return f"{self.filename} {self.strerror}"


class TooLargeError(OSError):
    """A file over the size the caller accepts (nothing of it is used)."""


def ensure_private_dir(path: Path) -> None:
    """Create `path` and missing parents as 0700 (existing folders are left as they are)."""
    if path.is_dir():
        return
    if not path.parent.is_dir():
        ensure_private_dir(path.parent)
    try:
        os.mkdir(path, DIR_MODE)
    except FileExistsError:
        return
    os.chmod(path, DIR_MODE)  # umask may have narrowed or widened it


def atomic_write(
    path: Path,
    data: bytes,
    *,
    durable: bool = True,
    root: Path | None = None,
    replace: bool = True,
    sync_folder: bool = True,
) -> None:
    """Replace `path` with `data` atomically; the file ends up 0600.

    `durable=False` skips the fsyncs, for files that are only ever a copy (the cache): a torn
    copy is detected and rebuilt, so it is not worth two disk flushes.
    `root` (the data folder, which `path` must be under): no folder below it and not the file
    itself may be a link or anything but a folder / regular file (UnsafePathError).
    `replace=False`: raise FileExistsError instead of replacing an existing file.
    `sync_folder=False` (with `durable`): the file's bytes are flushed but not yet its name,
    for a caller writing several files into one folder, whose last write flushes the folder
    once for them all (a CSV export is eight files: eight folder flushes saved to one).
    """
    if root is not None and _BY_FD:
        parts = path.relative_to(root).parts
        folder = open_private_dir(root, parts[:-1])
        try:
            _write_at(folder, parts[-1], data, durable, replace, path, sync_folder)
        finally:
            os.close(folder)
        return
    if root is not None:  # pragma: no cover - not POSIX: the same checks, by path
        _check_by_path(root, path)
    ensure_private_dir(path.parent)
    tmp, fd = _open_temporary(path)
    try:
        _fill(fd, data, durable)
        _take_name(tmp, path, replace)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable and sync_folder:
        _fsync_dir(path.parent)


def atomic_write_files(files: Sequence[tuple[Path, bytes]], *, replace: bool = True) -> None:
    """`atomic_write` (durable, no `root`) of several files in one folder, as one export's
    files (a CSV export is eight): each is written to its own temporary file, the temporary
    files are flushed to disk at the same time (in threads: an fsync waits on the disk with
    the interpreter released, and the disk takes the flushes together), then each takes its
    name in order, and the folder is flushed once, after the last. A failure before the
    first name leaves no file changed; a name that can't be taken (`replace=False` and a
    file appeared) stops there, its temporary file and the later ones removed."""
    import threading

    if not files:
        return
    folder = files[0][0].parent
    ensure_private_dir(folder)
    made: list[tuple[Path, Path, int]] = []  # (temporary, target, descriptor until flushed)
    try:
        for path, data in files:
            tmp, fd = _open_temporary(path)
            made.append((tmp, path, fd))
            _write_all(fd, data)
        failed: list[OSError] = []

        def flush(fd: int) -> None:
            try:
                os.fsync(fd)
            except OSError as exc:
                failed.append(exc)

        threads = [threading.Thread(target=flush, args=(fd,)) for _t, _p, fd in made]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if failed:
            raise failed[0]
        for n, (tmp, path, fd) in enumerate(made):
            os.close(fd)
            made[n] = (tmp, path, -1)
        while made:
            tmp, path, _fd = made[0]
            _take_name(tmp, path, replace)
            made.pop(0)
    finally:
        for tmp, _path, fd in made:  # (only after a failure)
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    _fsync_dir(folder)


def _temporary_name(name: str) -> str:
    return f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"


def is_temporary_name(name: str) -> bool:
    """A name `atomic_write` gives its temporary files (left behind only by a killed write)."""
    return name.startswith(".") and name.endswith(".tmp") and name.count(".") >= 4


def _open_temporary(path: Path) -> tuple[Path, int]:
    """A new temporary file beside `path`, open for writing. A unique hidden name (not
    `tempfile`, whose import costs a few ms of every `fatiguelog log`); O_EXCL makes a clash
    an error rather than a shared file."""
    tmp = path.with_name(_temporary_name(path.name))
    return tmp, os.open(tmp, _NEW_FILE, FILE_MODE)


def _write_all(fd: int, data: bytes) -> None:
    os.fchmod(fd, FILE_MODE)  # whatever the umask
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _fill(fd: int, data: bytes, durable: bool) -> None:
    """Write `data` to the temporary file `fd` (flushed to disk if `durable`) and close it."""
    try:
        _write_all(fd, data)
        if durable:
            os.fsync(fd)
    finally:
        os.close(fd)


def _take_name(tmp: Path, path: Path, replace: bool) -> None:
    """The flushed temporary file `tmp` becomes `path` (see `_publish`)."""
    _publish(
        lambda: os.replace(tmp, path),
        lambda: os.link(tmp, path),
        lambda: os.path.lexists(path),
        replace,
    )
    if not replace:  # (linked: the temporary name goes)
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _publish(
    rename: Callable[[], None], link: Callable[[], None], exists: Callable[[], bool], replace: bool
) -> None:
    """Put the temporary file in place: replace, or (no replacing) link it to the name, which
    fails if a file appeared meanwhile. A file system without hard links gets a check."""
    if replace:
        rename()
        return
    try:
        link()
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (
            errno.EPERM,
            errno.ENOTSUP,
            errno.EOPNOTSUPP,
            errno.EXDEV,
            errno.EMLINK,
            errno.ENOSYS,
        ):
            raise
        if exists():
            raise FileExistsError(errno.EEXIST, "File exists") from None
        rename()


def _write_at(
    folder: int,
    name: str,
    data: bytes,
    durable: bool,
    replace: bool,
    path: Path,
    sync_folder: bool = True,
) -> None:
    """Write `name` in the open folder `folder`, never following a link at `name`."""
    try:
        st = os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        pass
    else:
        if not stat.S_ISREG(st.st_mode):
            raise UnsafePathError(
                errno.ELOOP, _not_regular(st.st_mode, "nothing was written"), str(path)
            )
        if not replace:
            raise FileExistsError(errno.EEXIST, "File exists", str(path))
    tmp = _temporary_name(name)
    fd = os.open(tmp, _NEW_FILE, FILE_MODE, dir_fd=folder)
    try:
        _fill(fd, data, durable)
        _publish(
            lambda: os.replace(tmp, name, src_dir_fd=folder, dst_dir_fd=folder),
            lambda: os.link(tmp, name, src_dir_fd=folder, dst_dir_fd=folder, follow_symlinks=False),
            lambda: _lexists_at(folder, name),
            replace,
        )
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=folder)
        raise
    if not replace:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=folder)
    if durable and sync_folder:
        with contextlib.suppress(OSError):
            os.fsync(folder)


def _lexists_at(folder: int, name: str) -> bool:
    try:
        os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return True


def open_private_dir(root: Path, parts: Sequence[str]) -> int:
    """A descriptor of the folder `root/parts...`, creating missing ones 0700.

    `root` itself may be a link (the user chose it); no folder below it may be: each is opened
    with O_NOFOLLOW relative to its parent, so nothing is written through a link."""
    ensure_private_dir(root)
    fd = os.open(root, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    where = root
    try:
        for part in parts:
            where = where / part
            created = False
            try:
                os.mkdir(part, DIR_MODE, dir_fd=fd)
                created = True
            except FileExistsError:
                pass
            try:
                child = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=fd)
            except OSError as exc:
                if exc.errno not in (errno.ENOTDIR, errno.ELOOP):
                    raise
                st = os.stat(part, dir_fd=fd, follow_symlinks=False)
                raise UnsafePathError(errno.ENOTDIR, _not_folder(st.st_mode), str(where)) from None
            if created:
                os.fchmod(child, DIR_MODE)  # umask may have narrowed or widened it
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


def _check_by_path(root: Path, path: Path) -> None:  # pragma: no cover - not POSIX
    where = root
    for part in path.relative_to(root).parts:
        where = where / part
        try:
            st = os.lstat(where)
        except FileNotFoundError:
            return
        if where == path:
            if not stat.S_ISREG(st.st_mode):
                raise UnsafePathError(
                    errno.ELOOP, _not_regular(st.st_mode, "nothing was written"), str(where)
                )
        elif not stat.S_ISDIR(st.st_mode):
            raise UnsafePathError(errno.ENOTDIR, _not_folder(st.st_mode), str(where))


def remove_under(root: Path, path: Path) -> None:
    """Delete `path` (under the data folder `root`) without following a link on the way."""
    parts = path.relative_to(root).parts
    if not _BY_FD:  # pragma: no cover - not POSIX
        _check_by_path(root, path)
        os.unlink(path)
        return
    try:
        fd = os.open(root, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    except FileNotFoundError:
        return
    try:
        for part in parts[:-1]:
            try:
                child = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=fd)
            except FileNotFoundError:
                return
            except OSError as exc:
                if exc.errno not in (errno.ENOTDIR, errno.ELOOP):
                    raise
                raise UnsafePathError(
                    errno.ENOTDIR,
                    "is a link or not a folder; nothing was deleted through it",
                    str(root / part),
                ) from None
            os.close(fd)
            fd = child
        with contextlib.suppress(FileNotFoundError):
            os.unlink(parts[-1], dir_fd=fd)
    finally:
        os.close(fd)


def _not_folder(mode: int) -> str:
    kind = "a link" if stat.S_ISLNK(mode) else "not a folder"
    return (
        f"is {kind}: fatiguelog never writes through links or into anything but folders "
        "in its data folder, so nothing was written"
    )


def _not_regular(mode: int, outcome: str) -> str:
    return f"is {kind_of(mode)}, not a regular file; {outcome}"


def kind_of(mode: int) -> str:
    """What a file-system entry is, in words."""
    if stat.S_ISLNK(mode):
        return "a link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a regular file" if stat.S_ISREG(mode) else "something other than a file"


def read_capped(path: str, limit: int) -> bytes:
    """A regular file's bytes, at most `limit` of them.

    Raises UnsafePathError for a pipe, device or folder (a pipe is opened non-blocking, so it
    never hangs the reader) and TooLargeError past `limit` (checked against the size the file
    claims and against what is actually read). Links are followed: callers that must not
    follow one check first."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):  # not even opened: opening some devices does things
        raise UnsafePathError(errno.EINVAL, _not_regular(st.st_mode, "it was not read"), path)
    if st.st_size > limit:
        raise TooLargeError(errno.EFBIG, "File too large", path)
    fd = _open_for_reading(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC)
    try:
        st = os.fstat(fd)  # what was opened, in case it changed since
        if not stat.S_ISREG(st.st_mode):
            raise UnsafePathError(errno.EINVAL, _not_regular(st.st_mode, "it was not read"), path)
        if st.st_size > limit:
            raise TooLargeError(errno.EFBIG, "File too large", path)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, st.st_size + 1 if total == 0 else 65536)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLargeError(errno.EFBIG, "File too large", path)
    finally:
        os.close(fd)
    return b"".join(chunks)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (not every platform allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
