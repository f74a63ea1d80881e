"""The cache folder is fatiguelog's own: an export never writes into it (as with the data
folder), and a FATIGUELOG_CACHE_DIR that is relative or inside the data folder (which may be
synced) is ignored with one warning line: the platform cache folder is used.

Real runs in a subprocess, bounded by a timeout (each warning is said once per process)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.ui_trends.histories import build, day_entry


def run(
    tmp_path: Path, *args: str, cache_env: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "FATIGUELOG_DATA_DIR": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    env.pop("FATIGUELOG_CACHE_DIR", None)
    if cache_env is not None:
        env["FATIGUELOG_CACHE_DIR"] = cache_env
    try:
        return subprocess.run(
            [sys.executable, "-m", "fatiguelog", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=20,
            cwd=tmp_path / "work",
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"fatiguelog {' '.join(args)} did not finish in 20 s")


@pytest.fixture
def history(tmp_path: Path) -> Path:
    (tmp_path / "work").mkdir()
    build(tmp_path / "data", 10, lambda i, day: day_entry(day), end=date.today())
    return tmp_path


@pytest.mark.parametrize("fmt", ["md", "json", "csv"])
def test_an_export_never_overwrites_the_cache_folder(history: Path, fmt: str) -> None:
    assert run(history, "trends", "--print").returncode == 0  # the cache is made
    key = history / "cache" / "fatiguelog" / "key"
    before = key.read_bytes()
    result = run(history, "export", "--format", fmt, "-o", str(key), "--force")
    assert result.returncode != 0
    assert "cache folder" in result.stderr
    assert key.read_bytes() == before
    result = run(
        history, "export", "--format", fmt, "-o", str(history / "cache" / "fatiguelog" / "new.out")
    )
    assert result.returncode != 0
    assert not (history / "cache" / "fatiguelog" / "new.out").exists()


@pytest.mark.parametrize("given", ["data", "data/entries", "data/entries/{year}", "rel"])
def test_a_cache_folder_inside_the_data_folder_or_relative_is_ignored(
    history: Path, given: str
) -> None:
    value = given.format(year=date.today().year)
    if given != "rel":
        value = str(history / value)
    before = sorted(p.name for p in (history / "data").rglob("*"))
    result = run(history, "trends", "--print", cache_env=value)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "FATIGUELOG_CACHE_DIR" in line]
    assert len(warnings) == 1, result.stderr
    assert "ignored" in warnings[0]
    assert sorted(p.name for p in (history / "data").rglob("*")) == before  # nothing added
    assert not (history / "work" / "rel").exists()
    assert list((history / "cache" / "fatiguelog").glob("days-*.json"))  # the platform's


def test_a_cache_folder_beside_the_data_folder_is_used(history: Path) -> None:
    result = run(history, "trends", "--print", cache_env=str(history / "own-cache"))
    assert result.returncode == 0
    assert "FATIGUELOG_CACHE_DIR" not in result.stderr
    assert list((history / "own-cache").glob("days-*.json"))


def test_a_lock_that_is_a_folder_is_named(cli, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """(not a cache matter, but a file of fatiguelog's own named in the message)"""
    (data_dir / ".lock").mkdir(parents=True)
    result = cli("log", "red-flag", "fever")
    assert result.code != 0
    assert f"{data_dir / '.lock'} is a folder" in result.err
