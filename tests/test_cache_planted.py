"""Something planted in the cache folder (a pipe, a link to a device, a huge file) is a cache
miss: every view still finishes, with its flags, and never reads more than a cache can hold.

Each run is a real `fatiguelog trends --print` in a subprocess bounded by a timeout (and an
address-space limit, so a whole read of a 3 GB file or of /dev/zero fails instead of eating
the machine's memory): the test can never hang the suite.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from fatiguelog.cache import root_id
from tests.ui_trends.histories import build, day_entry

MEMORY_LIMIT = 1 << 30  # 1 GiB: far more than a run needs, far less than a planted file holds


def history(root: Path) -> None:
    # (ending on the real today: the subprocess has no fixed today)
    build(
        root,
        20,
        lambda i, day: day_entry(day, red="blood_in_stool" if i == 18 else None),
        end=date.today(),
    )


def limited() -> None:  # (in the child, before exec)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def trends(root: Path, cache_home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FATIGUELOG_DATA_DIR": str(root), "XDG_CACHE_HOME": str(cache_home)}
    env.pop("FATIGUELOG_CACHE_DIR", None)
    try:
        return subprocess.run(
            [sys.executable, "-m", "fatiguelog", "trends", "--print"],
            capture_output=True,
            text=True,
            env=env,
            timeout=20,
            preexec_fn=limited,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("fatiguelog trends --print did not finish in 20 s")


def assert_flags_shown(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stderr
    assert "Blood in stool" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    root = tmp_path / "data"
    history(root)
    cache_home = tmp_path / "cache"
    assert_flags_shown(trends(root, cache_home))  # the cache is made
    folder = cache_home / "fatiguelog"
    assert (folder / "key").is_file()
    return root, cache_home, folder


def plant(path: Path, kind: str) -> None:
    if path.exists() or path.is_symlink():
        path.unlink()
    if kind == "fifo":
        os.mkfifo(path, 0o600)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    elif kind == "huge":
        with open(path, "wb") as handle:
            handle.truncate(3 << 30)  # sparse: no disk used


@pytest.mark.parametrize("kind", ["fifo", "zero", "huge"])
@pytest.mark.parametrize(
    "name", ["key", "days-{id}-2026.json", "days-{id}-runs.json", "days-{id}.root"]
)
def test_a_planted_cache_file_is_a_miss_never_a_hang(
    setup: tuple[Path, Path, Path], name: str, kind: str
) -> None:
    root, cache_home, folder = setup
    path = folder / name.format(id=root_id(root))
    plant(path, kind)
    assert_flags_shown(trends(root, cache_home))
    assert_flags_shown(trends(root, cache_home))  # and again, with whatever the first left
    if name == "key" and kind != "huge":
        # not a regular file: never replaced (the cache is simply not used this run)
        assert path.is_symlink() if kind == "zero" else not path.is_file()


def test_a_damaged_key_file_is_replaced(setup: tuple[Path, Path, Path]) -> None:
    root, cache_home, folder = setup
    (folder / "key").write_bytes(b"short")
    assert_flags_shown(trends(root, cache_home))
    assert len((folder / "key").read_bytes()) == 32
    assert (folder / "key").stat().st_mode & 0o777 == 0o600
