"""Run code under another installed fatiguelog version, as an upgrade really looks.

A copy of the installed package whose `__init__.py` says another `__version__` is put first on
a child process's path: every module there, whether it reads `fatiguelog.__version__` at call
time, binds it at import (`from fatiguelog import __version__`) or hashes the package's source,
sees the other version. Patching `fatiguelog.__version__` in the test's own process can't do
that: a module that bound the name at import keeps the old value, so such a test passes
whether or not a cache is keyed on the app version.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import fatiguelog

#: Where the child puts what it says it imported, to prove it ran the copy.
_CHECK = "import fatiguelog; print(fatiguelog.__version__, fatiguelog.__file__)\n"


def installed_as(folder: Path, version: str) -> Path:
    """A copy of the installed package under `folder`, its `__version__` set to `version`;
    returns the folder to put on the child's path."""
    source = Path(fatiguelog.__file__).parent
    target = folder / "fatiguelog"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    init = target / "__init__.py"
    text, count = re.subn(
        r'^__version__ = ".*"$', f'__version__ = "{version}"', init.read_text(), flags=re.M
    )
    assert count == 1, "the package's __init__ no longer sets __version__ on one line"
    init.write_text(text)
    return folder


def run_as_version(folder: Path, version: str, code: str, *args: str) -> None:
    """Run `code` (with `args` as sys.argv[1:]) in a child whose fatiguelog is `version`, with
    the test's environment (its private cache folder included)."""
    path = installed_as(folder, version)
    tests_root = Path(__file__).resolve().parents[1]  # (so the code may import tests.*)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(path), str(tests_root)])}
    done = subprocess.run(
        [sys.executable, "-c", _CHECK + code, *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    said_version, said_file = done.stdout.splitlines()[0].split(" ", 1)
    assert said_version == version != fatiguelog.__version__
    assert Path(said_file).is_relative_to(path)
