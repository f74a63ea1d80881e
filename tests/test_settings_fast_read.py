"""The settings file is read before home's first frame: as fatiguelog writes it, by the fast
reader (no tomllib import); edited by hand, by tomllib. Either way the same settings."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from fatiguelog import paths
from fatiguelog.settings import Settings, Substance, load_settings, save_settings

PROBE = """
import sys
from pathlib import Path
from fatiguelog.settings import load_settings
settings, problems = load_settings(Path(sys.argv[1]))
print(repr(settings.substances), problems, 'tomllib' in sys.modules)
"""

WRITTEN = Settings(
    theme="light",
    birth_year=1968,
    substances=(Substance("kratom", "g", "opioid"), Substance("coffee", "cup")),
)


def _probe(root: Path) -> str:
    return subprocess.run(
        [sys.executable, "-c", PROBE, str(root)], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_settings_as_written_are_read_without_tomllib(tmp_path: Path) -> None:
    save_settings(tmp_path, WRITTEN)
    settings, problems = load_settings(tmp_path)
    assert problems == []
    assert settings.theme == "light" and settings.birth_year == 1968
    assert settings.substances[:2] == WRITTEN.substances
    assert _probe(tmp_path).endswith("[] False")


def test_settings_edited_by_hand_are_read_by_tomllib_the_same(tmp_path: Path) -> None:
    save_settings(tmp_path, WRITTEN)
    path = paths.settings_path(tmp_path)
    text = path.read_text(encoding="utf-8")
    edited = "# my settings\n" + text.replace('theme = "light"', "theme = 'light'  # bright")
    path.write_text(edited, encoding="utf-8")
    assert tomllib.loads(edited)["theme"] == "light"
    settings, problems = load_settings(tmp_path)
    assert problems == []
    assert settings.theme == "light" and settings.substances[:2] == WRITTEN.substances
    assert _probe(tmp_path).endswith("[] True")  # (a comment: tomllib's to read)
