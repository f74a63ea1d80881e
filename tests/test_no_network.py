"""fatiguelog never opens a network socket: a check-in, the trend view, and every export run
with network sockets made impossible, and any attempt fails the test."""

from __future__ import annotations

import socket
from datetime import date, timedelta
from pathlib import Path

import pytest

from fatiguelog.cli import main
from fatiguelog.demo_history import generate
from tests.factories import make_app

TODAY = date(2026, 11, 25)
NETWORK = {socket.AF_INET, socket.AF_INET6}


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record and refuse every attempt to reach a network (local socket pairs stay allowed:
    asyncio uses one to wake its own event loop)."""
    attempts: list[str] = []
    real_init = socket.socket.__init__

    def guarded_init(self, family=-1, *args, **kwargs):
        if family in NETWORK or family == -1:
            attempts.append(f"socket(family={family})")
            raise OSError("network access attempted")
        real_init(self, family, *args, **kwargs)

    def refuse(name: str):
        def refused(*args, **kwargs):
            attempts.append(name)
            raise OSError(f"{name} attempted")

        return refused

    monkeypatch.setattr(socket.socket, "__init__", guarded_init)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "create_server"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


async def test_checkin_trends_and_export_open_no_socket(
    tmp_path: Path, no_network: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from fatiguelog.ui.screens.trends import TrendsScreen

    root = tmp_path / "data"
    generate(root, days=120, seed=3, end=TODAY - timedelta(days=1))

    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("q", "7", "enter", "s", "n", "enter", "enter"):  # the quick check-in
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TrendsScreen)
        for _ in range(50):
            if getattr(app.screen, "loaded", False):
                break
            await pilot.pause(0.05)
        assert app.screen.loaded
    assert (root / "entries" / "2026" / "2026-11-25.toml").exists()

    for fmt in ("md", "html", "csv", "json"):
        out = tmp_path / f"summary.{fmt}"
        assert (
            main(
                [
                    "--data-dir",
                    str(root),
                    "export",
                    "--format",
                    fmt,
                    "-o",
                    str(out),
                    "--include-notes",
                ]
            )
            == 0
        )
        assert out.exists()
    assert main(["--data-dir", str(root), "trends", "--print"]) == 0
    assert main(["--data-dir", str(root), "log", "stool", "3"]) == 0
    capsys.readouterr()
    assert no_network == []


def test_the_guard_does_catch_a_connection(no_network: list[str]) -> None:
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(OSError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    assert no_network == ["create_connection", "socket(family=2)"]
