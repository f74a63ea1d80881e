"""`fatiguelog demo`: a generated history in a temporary folder, removed afterwards."""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

from fatiguelog.cli import main
from fatiguelog.paths import is_demo
from fatiguelog.store import Store


def test_demo_runs_the_app_on_a_temporary_history_and_removes_it(
    tmp_path, monkeypatch, private_cache
):
    seen: dict[str, object] = {}

    class FakeApp:
        def __init__(self, root: Path, start=None, demo=False):
            seen["root"] = root
            seen["demo"] = demo
            seen["marked"] = is_demo(root)
            seen["entries"] = len(Store(root).load_records().records)  # builds the cache
            seen["cache"] = list(Path(os.environ["FATIGUELOG_CACHE_DIR"]).glob("*.json"))

        return_code = 0

        def run(self) -> None:
            seen["ran"] = True

    fake = types.ModuleType("fatiguelog.ui.app")
    fake.FatiguelogApp = FakeApp
    monkeypatch.setitem(sys.modules, "fatiguelog.ui.app", fake)
    own = tmp_path / "my-data"
    monkeypatch.setenv("FATIGUELOG_DATA_DIR", str(own))
    monkeypatch.setattr("fatiguelog.cli.app.needs_terminal", lambda command: None)

    assert main(["--data-dir", str(own), "demo", "--days", "30", "--seed", "3"]) == 0
    assert seen["ran"] is True
    assert seen["demo"] is True and seen["marked"] is True  # DEMO on screen and in exports
    root = seen["root"]
    assert isinstance(root, Path) and root != own and own not in root.parents
    assert 20 <= seen["entries"] <= 30
    assert not root.exists()  # removed on exit
    assert seen["cache"] and all(root.parent in c.parents for c in seen["cache"])
    assert not list(private_cache.parent.rglob("*.json"))  # nothing in the user's cache
    assert "FATIGUELOG_CACHE_DIR" not in os.environ
    assert not own.exists()  # the user's own folder was never touched


def test_demo_rejects_zero_days(capsys):
    assert main(["demo", "--days", "0"]) == 1
    assert "--days" in capsys.readouterr().err
