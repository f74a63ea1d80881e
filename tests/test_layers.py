"""The import rules hold (import-linter contracts in pyproject's [tool.importlinter]), and they
are live: one import that breaks a rule, added to a copy of the package, makes them fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def lint_imports(cwd: Path, src: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` with the project's contracts, on the package found in `src`."""
    pytest.importorskip("importlinter")
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command as c; c()",
            "--no-cache",
        ],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )


def test_every_import_rule_is_kept() -> None:
    result = lint_imports(ROOT, ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


DOMAIN = "The domain never imports Textual or fatiguelog.ui"
WIDGET = "A widget never imports a screen"
NO_CLI = "Exports and the analysis never import the command line"
NO_WRITER = "The app and the commands bring no file writer of their own"
LAYERS = "Layers, from the command line down to the model"
#: The contracts, in the order pyproject declares them (and lint-imports reports them).
ORDER = [DOMAIN, WIDGET, NO_CLI, NO_WRITER, LAYERS]


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("ui/widgets/steps.py", "from fatiguelog.ui.screens import dialogs", [WIDGET]),
        ("model.py", "import textual.app", [DOMAIN]),
        ("cli/plain.py", "from fatiguelog.ui import keys", [DOMAIN]),
        # (and through the command line, which starts the app, a chart widget reaches the screens)
        ("analysis/series.py", "from fatiguelog.cli import trends", [WIDGET, NO_CLI, LAYERS]),
        ("ui/screens/export.py", "from fatiguelog.atomic import atomic_write", [NO_WRITER]),
        ("store.py", "from fatiguelog import report", [LAYERS]),
    ],
)
def test_a_rule_broken_in_a_copy_is_caught(
    tmp_path: Path, module: str, line: str, broken: list[str]
) -> None:
    """Inside a function, as the app's lazy imports are: they count all the same."""
    shutil.copytree(ROOT / "src", tmp_path / "src")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    path = tmp_path / "src" / "fatiguelog" / module
    path.write_text(
        path.read_text(encoding="utf-8") + f"\n\ndef _breaks_a_rule() -> None:\n    {line}\n",
        encoding="utf-8",
    )
    result = lint_imports(tmp_path, tmp_path / "src")
    assert result.returncode == 1, result.stdout + result.stderr
    said = [line.split(" BROKEN")[0] for line in result.stdout.splitlines() if " BROKEN" in line]
    assert said == sorted(broken, key=ORDER.index)
