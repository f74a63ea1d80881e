"""Commands without the app never import Textual, so they start in a blink."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples" / "import"

PROBE = """
import sys
from fatiguelog.cli import main
code = main({args!r})
heavy = sorted(m for m in sys.modules if m.split('.')[0] in {{'textual', 'rich'}})
print('HEAVY=' + ','.join(heavy))
"""


@pytest.mark.parametrize(
    "args",
    [
        ["path"],
        ["remind"],
        ["log", "stool", "3"],
        ["log", "dose", "kratom", "2", "g"],
        ["log", "none", "--date", "-3d"],
        ["log", "red-flag", "fever", "--date", "-5d"],
        ["check"],
        ["import", "bearable", str(SAMPLES / "bearable.csv"), "--dry-run"],
        ["import", "csv", str(SAMPLES / "diary.csv"), "--map", str(SAMPLES / "diary-map.toml")],
        ["conflicts", "--merge"],
        ["remind", "--notify"],
    ],
)
def test_command_does_not_import_textual(tmp_path: Path, args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=["--data-dir", str(tmp_path), *args])],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PATH": ""},  # `remind --notify` must not reach a real notify-send
    )
    heavy = result.stdout.strip().splitlines()[-1]
    assert heavy == "HEAVY=", heavy


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--format", "html", "-o", "-"],
        ["export", "--format", "csv"],
        ["trends", "--print", "--days", "30"],
    ],
)
def test_export_and_printed_trends_do_not_import_textual(tmp_path: Path, args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=["--data-dir", str(tmp_path), *args])],
        capture_output=True,
        text=True,
        check=True,
    )
    heavy = result.stdout.strip().splitlines()[-1].removeprefix("HEAVY=").split(",")
    assert not [m for m in heavy if m.startswith("textual")]


def test_domain_modules_import_without_textual() -> None:
    code = (
        "import sys\n"
        "import fatiguelog.model, fatiguelog.store, fatiguelog.validate, fatiguelog.settings\n"
        "import fatiguelog.analysis.build, fatiguelog.export, fatiguelog.report\n"
        "import fatiguelog.demo_history, fatiguelog.cache, fatiguelog.checkin, fatiguelog.state\n"
        "import fatiguelog.importers.core, fatiguelog.conflicts, fatiguelog.reminders\n"
        "import fatiguelog.wording, fatiguelog.export.formats, fatiguelog.flagtext\n"
        "print(any(m.startswith('textual') for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    "args", [["log", "stool", "3"], ["log", "dose", "kratom", "2", "g"], ["log", "none"]]
)
def test_log_imports_neither_typing_nor_tomllib(tmp_path: Path, args: list[str]) -> None:
    """`log` is held to 4x an empty Python's start (performance.md): `typing` and `tomllib`
    were about 7 ms of it. The day is read by the fast reader, and named tuples come from
    fatiguelog.ntuple."""
    probe = PROBE.replace("{{'textual', 'rich'}}", "{{'typing', 'tomllib', 'dataclasses'}}")
    for _ in range(2):  # the second run reads and rewrites the day the first one wrote
        result = subprocess.run(
            [sys.executable, "-c", probe.format(args=["--data-dir", str(tmp_path), *args])],
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.strip().splitlines()[-1] == "HEAVY="


APP_TO_READY = """
import sys
from datetime import date, timedelta
from pathlib import Path
from fatiguelog.ui.app import FatiguelogApp
class Probe(FatiguelogApp):
    def on_ready(self):
        self.exit(sorted(m for m in sys.modules if m in {names!r}))
print('LOADED=' + ','.join(Probe(Path(sys.argv[1]), start=None).run(headless=True, size=(80, 24))))
"""


def test_home_s_first_frame_leaves_out_what_it_does_not_draw(tmp_path: Path) -> None:
    """Home's first frame is held to 1.25x a minimal Textual app's (performance.md): Rich's
    emoji table (a string column label read as markup) and Textual's Footer (drawn once home
    is useful) are not loaded before it."""
    from tests.factories import put_entry

    put_entry(tmp_path, date.today() - timedelta(days=1), "[symptoms]\nfatigue = 5\n")
    names = {"rich._emoji_codes", "textual.widgets._footer"}
    result = subprocess.run(
        [sys.executable, "-c", APP_TO_READY.format(names=names), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    assert result.stdout.strip().splitlines()[-1] == "LOADED="
