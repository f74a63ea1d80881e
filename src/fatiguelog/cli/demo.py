"""`fatiguelog demo`: the app on a generated history in a temporary folder.

The user's own data folder and cache are never read or written: the app gets only the
temporary root, its cache lives inside it, and both are removed when the app exits (or fails).
Every screen says DEMO; a marker file in the temporary data folder tells every export that the
data is generated (its title says so), and exports stay in the temporary folder.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from fatiguelog.cli import EXIT_OK, UserError

MAX_DAYS = 3650 * 3


def run_demo(args: argparse.Namespace) -> int:
    days = getattr(args, "days", 180)
    seed = getattr(args, "seed", 7)
    if not 1 <= days <= MAX_DAYS:
        raise UserError(f"--days must be from 1 to {MAX_DAYS}, not {days}")
    from fatiguelog.demo_history import generate
    from fatiguelog.paths import ENV_CACHE_DIR

    previous = os.environ.get(ENV_CACHE_DIR)
    with tempfile.TemporaryDirectory(prefix="fatiguelog-demo-") as folder:
        root = Path(folder) / "data"
        os.environ[ENV_CACHE_DIR] = str(Path(folder) / "cache")
        try:
            generate(root, days=days, seed=seed)
            from fatiguelog.paths import DEMO_MARKER

            (root / DEMO_MARKER).write_text(
                "This folder was made by 'fatiguelog demo': every entry in it is generated.\n",
                encoding="utf-8")
            from fatiguelog.ui.app import FatiguelogApp

            FatiguelogApp(root, demo=True).run()
        finally:
            if previous is None:
                os.environ.pop(ENV_CACHE_DIR, None)
            else:
                os.environ[ENV_CACHE_DIR] = previous
    return EXIT_OK
