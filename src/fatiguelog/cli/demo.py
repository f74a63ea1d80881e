"""`fatiguelog demo`: the app on a generated history in a temporary folder.

The user's own data folder and cache are never read or written: the app gets only the
temporary root, its cache lives inside it, and both are removed when the app exits (or fails,
or the terminal closes, or it is sent SIGTERM).
Every screen says DEMO; a marker file in the temporary data folder tells every export that the
data is generated (its title says so), and exports stay in the temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from fatiguelog.cli import EXIT_OK, UserError

MAX_DAYS = 3650 * 3


def run_demo(args: argparse.Namespace) -> int:
    days = getattr(args, "days", 180)
    seed = getattr(args, "seed", 7)
    if not 1 <= days <= MAX_DAYS:
        raise UserError(f"--days must be from 1 to {MAX_DAYS}, not {days}")
    from fatiguelog.cli.app import needs_terminal

    refused = needs_terminal("demo")
    if refused is not None:
        return refused
    from fatiguelog.demo_history import generate
    from fatiguelog.paths import ENV_CACHE_DIR

    previous = os.environ.get(ENV_CACHE_DIR)
    # Removed on quit, on a failure, and on SIGTERM or SIGHUP (see `_removed_on_signals`),
    # which may have removed it already.
    with tempfile.TemporaryDirectory(
        prefix="fatiguelog-demo-", ignore_cleanup_errors=True
    ) as folder:
        root = Path(folder) / "data"
        os.environ[ENV_CACHE_DIR] = str(Path(folder) / "cache")
        try:
            with _removed_on_signals(folder):
                generate(root, days=days, seed=seed)
                from fatiguelog.paths import DEMO_MARKER

                (root / DEMO_MARKER).write_text(
                    "This folder was made by 'fatiguelog demo': every entry in it is generated.\n",
                    encoding="utf-8",
                )
                from fatiguelog.cli.app import launch

                return launch(root, demo=True)
        finally:
            if previous is None:
                os.environ.pop(ENV_CACHE_DIR, None)
            else:
                os.environ[ENV_CACHE_DIR] = previous
    return EXIT_OK


#: Signals that end the demo from outside: the terminal closed (SIGHUP: a window closed, an
#: SSH link dropped, `tmux kill-session`) or a polite kill (SIGTERM: `timeout`, a logout).
ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


@contextlib.contextmanager
def _removed_on_signals(folder: str) -> Iterator[None]:
    """While the demo runs, SIGTERM and SIGHUP remove its temporary folder first, as quitting
    does (their default action ends the process at once: no `finally` runs, and generated
    health data was left behind in /tmp). Then the process ends as that signal would have
    ended it, so whoever sent it sees the usual outcome."""

    def ending(signum: int, _frame: FrameType | None) -> None:
        # Again while it is still there: the app's worker threads (reading the history,
        # writing its cache) may add a file while it is being removed.
        for _attempt in range(5):
            shutil.rmtree(folder, ignore_errors=True)
            if not os.path.lexists(folder):
                break
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    before = {sig: signal.getsignal(sig) for sig in ENDING_SIGNALS}
    for sig in ENDING_SIGNALS:
        signal.signal(sig, ending)
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
