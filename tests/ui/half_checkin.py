"""Helper for the crash test: drive a check-in half-way, say READY, then wait to be killed.

Run as `python half_checkin.py DATA_DIR`; never imported by pytest.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import date
from pathlib import Path

from fatiguelog.ui.app import FatiguelogApp

KEYS = ["c", "7", "enter", "5", "enter", "s", "t", "enter", "y", "enter", "s", "6", ".", "5"]


async def main(root: Path) -> None:
    app = FatiguelogApp(root, today=date(2026, 11, 25), blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in KEYS:
            await pilot.press(key)
            await pilot.pause()
        print("READY", flush=True)
        await asyncio.sleep(3600)  # killed long before this


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
