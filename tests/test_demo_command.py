"""`fatiguelog demo`: a generated history in a temporary folder, removed afterwards."""

from __future__ import annotations

import sys
import types
from pathlib import Path

from fatiguelog.cli import main
from fatiguelog.store import Store


def test_demo_runs_the_app_on_a_temporary_history_and_removes_it(tmp_path, monkeypatch):
    seen: dict[str, object] = {}

    class FakeApp:
        def __init__(self, root: Path, start=None):
            seen["root"] = root
            seen["entries"] = len(Store(root).load_all().entries)

        def run(self) -> None:
            seen["ran"] = True

    fake = types.ModuleType("fatiguelog.ui.app")
    fake.FatiguelogApp = FakeApp
    monkeypatch.setitem(sys.modules, "fatiguelog.ui.app", fake)
    own = tmp_path / "my-data"
    monkeypatch.setenv("FATIGUELOG_DATA_DIR", str(own))

    assert main(["--data-dir", str(own), "demo", "--days", "30", "--seed", "3"]) == 0
    assert seen["ran"] is True
    root = seen["root"]
    assert isinstance(root, Path) and root != own and own not in root.parents
    assert 20 <= seen["entries"] <= 30
    assert not root.exists()  # removed on exit
    assert not own.exists()  # the user's own folder was never touched


def test_demo_rejects_zero_days(capsys):
    assert main(["demo", "--days", "0"]) == 1
    assert "--days" in capsys.readouterr().err
