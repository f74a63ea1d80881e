"""Crash-safe, private writes: temporary file in the same folder, fsync, rename.

A crash leaves either the old file or the new one, never half of one. Files are 0600 and
folders 0700 because this is health data.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


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


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically; the file ends up 0600."""
    ensure_private_dir(path.parent)
    # A unique hidden name beside the target (not `tempfile`, whose import costs a few ms of
    # every `fatiguelog log`); O_EXCL makes a clash an error rather than a shared file.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), FILE_MODE)  # whatever the umask
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


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
