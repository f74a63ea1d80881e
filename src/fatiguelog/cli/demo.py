"""`fatiguelog demo`: the app on a generated history in a temporary folder.

The user's own data folder and cache are never read or written: the app gets only the
temporary root, its cache lives inside it, and both are removed when the app exits (or fails).
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
            from fatiguelog.ui.app import FatiguelogApp

            FatiguelogApp(root).run()
        finally:
            if previous is None:
                os.environ.pop(ENV_CACHE_DIR, None)
            else:
                os.environ[ENV_CACHE_DIR] = previous
    return EXIT_OK
