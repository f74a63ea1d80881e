"""The data and cache folders: fatiguelog's own reading of the plain Linux case gives exactly
what platformdirs gives (it is not imported for that case: it costs a short command dearly)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from platformdirs import user_cache_dir, user_data_dir

from fatiguelog import paths

CASES = [
    {"XDG_CACHE_HOME": "/somewhere/cache", "XDG_DATA_HOME": "/somewhere/data", "HOME": "/h"},
    {"HOME": "/home/jo"},
    {"XDG_CACHE_HOME": "", "XDG_DATA_HOME": "", "HOME": "/home/jo/"},
    {"XDG_CACHE_HOME": "relative/cache", "XDG_DATA_HOME": "relative", "HOME": "/home/jo"},
    {"HOME": "relative-home"},
    {"HOME": "/home/jo", "ANDROID_DATA": "/data", "ANDROID_ROOT": "/system"},
]


@pytest.mark.skipif(sys.platform != "linux", reason="the plain case is Linux's")
@pytest.mark.parametrize("env", CASES)
def test_the_folders_are_platformdirs_own(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in (
        "XDG_CACHE_HOME",
        "XDG_DATA_HOME",
        "HOME",
        "ANDROID_DATA",
        "ANDROID_ROOT",
        paths.ENV_CACHE_DIR,
        paths.ENV_DATA_DIR,
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert paths.cache_dir() == Path(user_cache_dir(paths.APP_NAME, appauthor=False))
    assert paths.data_dir() == Path(user_data_dir(paths.APP_NAME, appauthor=False))


def test_export_and_log_import_neither_platformdirs_nor_logging(tmp_path: Path) -> None:
    """(Both cost more than parsing a month of entries; `logging` only on a rule's error.)"""
    probe = (
        "import sys\nfrom fatiguelog.cli import main\n"
        "main(['--data-dir', sys.argv[1], 'export', '--format', 'json', '-o', '-'])\n"
        "main(['--data-dir', sys.argv[1], 'log', 'stool', '4'])\n"
        "print('LOADED=' + ','.join(m for m in ('platformdirs', 'logging') "
        "if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        check=True,
        env={"HOME": str(tmp_path), "PATH": ""},
    )
    assert result.stdout.strip().splitlines()[-1] == "LOADED="
