"""Fixtures for the trend view and export screen tests: fixed "today", small histories."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.ui_trends.histories import build, calm, constipated_after_increase, with_red_flag


async def wait_loaded(pilot: Pilot) -> None:
    """Until the screen says its figures are shown (`loaded`), then one more refresh."""
    for _ in range(400):
        if getattr(pilot.app.screen, "loaded", False):
            break
        await pilot.pause(0.05)
    else:
        raise AssertionError("the trend view never finished loading")
    await pilot.pause()


@pytest.fixture
def calm_root(tmp_path: Path) -> Path:
    root = tmp_path / "calm"
    build(root, 120, calm)
    return root


@pytest.fixture
def warn_root(tmp_path: Path) -> Path:
    root = tmp_path / "warn"
    build(root, 200, constipated_after_increase(200))
    return root


@pytest.fixture
def urgent_root(tmp_path: Path) -> Path:
    root = tmp_path / "urgent"
    build(root, 200, with_red_flag(constipated_after_increase(200), 197))
    return root
