"""`fatiguelog demo`: the app on a generated history in a temporary folder.

The user's own data folder is never read or written: the app gets only the temporary root,
which is removed when the app exits (or fails).
"""

from __future__ import annotations

import argparse
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

    with tempfile.TemporaryDirectory(prefix="fatiguelog-demo-") as folder:
        root = Path(folder)
        generate(root, days=days, seed=seed)
        from fatiguelog.ui.app import FatiguelogApp

        FatiguelogApp(root).run()
    return EXIT_OK
