"""Shared fixtures: a private data folder per test, the CLI run in-process, a test-only export
format."""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings as hypothesis_settings

from fatiguelog.cli import main

if TYPE_CHECKING:
    from fatiguelog.export.formats import ExportFormat

# Property tests run the same examples on every run (derandomized: a seed per test), so a
# green CI means something and a red one can be run again. `HYPOTHESIS_PROFILE=explore` looks
# for new failures with random examples; keep each one found as an `@example`.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "data"
    monkeypatch.setenv("FATIGUELOG_DATA_DIR", str(root))
    return root


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run `fatiguelog ARGS` in-process against the test's data folder."""

    def run(*args: str) -> Result:
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors and --help
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def snapshot_tree(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes, to prove a command touched nothing."""
    return (
        {
            str(p.relative_to(root)): p.read_bytes()
            for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != ".lock"
        }
        if root.exists()
        else {}
    )


@pytest.fixture
def with_txt(monkeypatch: pytest.MonkeyPatch) -> ExportFormat:
    """A "txt" export format declared in the registry and nowhere else, with a renderer of its
    own: what adding a format takes (the CLI's choices, the export screen, the docs' table)."""
    from fatiguelog.export import formats

    txt = formats.ExportFormat(
        "txt", "Plain text", ".txt", "fatiguelog_test_plain_text", "plain text, for a test"
    )
    module = types.ModuleType(txt.module)
    module.render = lambda summary, include_notes: (  # type: ignore[attr-defined]
        f"PLAIN {summary.first.isoformat()} to {summary.last.isoformat()}\n"
    )
    monkeypatch.setitem(sys.modules, txt.module, module)
    monkeypatch.setattr(formats, "FORMATS", (*formats.FORMATS, txt))
    return txt


def mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Keep every test's cache out of the real platform cache folder (and out of tmp_path)."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "fatiguelog"
