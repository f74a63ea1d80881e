"""`atomic_write_files`, the writer of a CSV export's eight files: all or nothing up to the
first name, never a temporary file left behind, 0600, an existing file kept without a yes."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from fatiguelog.atomic import atomic_write_files


def _files(folder: Path) -> list[tuple[Path, bytes]]:
    return [(folder / f"visit{n}.csv", f"table {n}\r\n".encode()) for n in range(8)]


def test_every_file_is_written_private(tmp_path: Path) -> None:
    atomic_write_files(_files(tmp_path))
    for path, data in _files(tmp_path):
        assert path.read_bytes() == data
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p, _ in _files(tmp_path))


def test_a_failed_flush_changes_no_file_and_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "visit3.csv"
    old.write_bytes(b"last month\r\n")
    real_fsync = os.fsync
    calls = []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 5:
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OSError) as caught:
        atomic_write_files(_files(tmp_path))
    assert caught.value.errno == errno.EIO
    assert [p.name for p in tmp_path.iterdir()] == ["visit3.csv"]
    assert old.read_bytes() == b"last month\r\n"


def test_without_replace_an_existing_file_is_kept(tmp_path: Path) -> None:
    old = tmp_path / "visit0.csv"
    old.write_bytes(b"last month\r\n")
    with pytest.raises(FileExistsError):
        atomic_write_files(_files(tmp_path), replace=False)
    assert old.read_bytes() == b"last month\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["visit0.csv"]
