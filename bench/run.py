"""Performance figures as ratios against baselines measured in the same run.

Usage: python bench/run.py [--repeats 5] [--days 3650] [--json PATH]

Builds a seeded, realistic 10-year history in a temporary data folder, runs every case several
times as a fresh process, takes the median, and prints one table (and writes the same figures as
JSON). The machines are shared and noisy, so only ratios are compared with the targets of
shared spec performance.md; no test asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

PY = sys.executable
END = date(2026, 11, 25)
FORMATS = ("md", "html", "csv", "json")

# Start-up probes print two numbers: the wall-clock time of the first frame (Textual's Ready
# event; the parent subtracts the moment it started the process) and the peak RSS in KiB.
MINIMAL_APP = """
import resource, sys, time
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("hello")
    def on_ready(self):
        self.exit((time.time(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
ready, rss = Minimal().run(headless=True, size=(80, 24))
print(ready, rss)
"""

FATIGUELOG_APP = """
import resource, sys, time
from pathlib import Path
from fatiguelog.ui.app import FatiguelogApp
start = {start!r}
class Probe(FatiguelogApp):
    def on_ready(self):
        self.ready = time.time()
        if start is None:
            self.exit((self.ready, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
        else:
            self.set_interval(0.05, self._check)
    def _check(self):
        screen = self.screen
        if type(screen).__name__ == "TrendsScreen" and getattr(screen, "loaded", True):
            self.exit((self.ready, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
ready, rss = Probe(Path(sys.argv[1]), start=start).run(headless=True, size=(80, 24))
print(ready, rss)
"""

NAIVE_LOOP = """
import sys, tomllib, time
from pathlib import Path
t = time.perf_counter()
docs = []
for path in sorted(Path(sys.argv[1]).glob(sys.argv[2])):
    with open(path, "rb") as handle:
        docs.append(tomllib.load(handle))
print(time.perf_counter() - t)
"""

LOAD_ALL = """
import sys, time
from pathlib import Path
from fatiguelog.store import Store
t = time.perf_counter()
history = Store(Path(sys.argv[1])).load_all()
assert len(history.entries) > 0
print(time.perf_counter() - t)
"""

FLAGS_ALL = """
import sys, time
from pathlib import Path
from fatiguelog.store import Store
from fatiguelog.settings import load_settings
from fatiguelog.analysis.build import build_summary
root = Path(sys.argv[1])
history = Store(root).load_all()
settings, _ = load_settings(root)
days = sorted(history.entries)
t = time.perf_counter()
summary = build_summary(history, settings, days[0], days[-1])
print(time.perf_counter() - t)
"""

PARSE_ONE = """
import sys, tomllib
with open(sys.argv[1], "rb") as handle:
    tomllib.load(handle)
"""

SAVE_ONE = """
import os, sys, time
from datetime import date
from pathlib import Path
import tomli_w  # loaded before the clock starts: the figure is the save, not an import
from fatiguelog.store import Store
root = Path(sys.argv[1])
store = Store(root, use_cache=False)
day = date.fromisoformat(sys.argv[2])
current = store.read(day)
entry = current.entry
entry.set("symptoms", "fatigue", 5)
folder = store.path(day).parent
probe = folder / ".bench-fsync"
with open(probe, "wb") as handle:
    handle.write(b"x" * 1024)
    handle.flush()
    t = time.perf_counter()
    os.fsync(handle.fileno())
    fsync_time = time.perf_counter() - t
os.unlink(probe)
t = time.perf_counter()
store.save(entry, expected=current.fingerprint)
print(time.perf_counter() - t, fsync_time)
"""


@dataclass
class Figure:
    name: str
    measured: float
    baseline_name: str
    baseline: float
    ratio: float
    target: str
    ok: bool
    unit: str = "s"


def fatiguelog_command() -> list[str]:
    script = Path(PY).with_name("fatiguelog")
    return [str(script)] if script.exists() else [PY, "-m", "fatiguelog"]


def wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def printed(cmd: list[str], env: dict[str, str]) -> list[float]:
    result = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
    return [float(x) for x in result.stdout.split()[-2:]] if result.stdout.strip() else []


def to_first_frame(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from starting the process to its first frame (the probe prints when)."""
    started = time.time()
    ready = printed(cmd, env)[0]
    return ready - started


def wall_any(cmd: list[str], env: dict[str, str]) -> float:
    """Like `wall`, for a command whose exit code is not 0 on purpose (`check` finds problems)."""
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=False, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def write_invalid_stools(path: Path, size: int = 1 << 20) -> int:
    """One entry file of `size` bytes whose bowel movements all have a wrong Bristol type."""
    head = f"schema = 1\ndate = {path.stem}\n[gi]\nstools = [\n"
    line = "{ bristol = 9 },\n"
    count = (size - len(head) - 3) // len(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(head + line * count + "]\n")
    return count


def median_of(repeats: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(repeats))


def build_history(root: Path, days: int) -> None:
    from fatiguelog.demo_history import generate

    generate(root, days=days, seed=2026, end=END, complete=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--days", type=int, default=3650)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--only", nargs="*", help="run only these figures (by name prefix)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="fatiguelog-bench-"))
    try:
        figures = run_all(work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(figures)
    if args.json:
        args.json.write_text(json.dumps([asdict(f) for f in figures], indent=2) + "\n")
    return 0 if all(f.ok for f in figures) else 1


def run_all(work: Path, args: argparse.Namespace) -> list[Figure]:
    root, empty, cache = work / "data", work / "empty", work / "cache"
    empty.mkdir()
    t = time.perf_counter()
    build_history(root, args.days)
    took = time.perf_counter() - t
    print(f"history: {args.days} days generated in {took:.1f} s", file=sys.stderr)
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "FATIGUELOG_DATA_DIR": str(root)}
    # Measure the package as an install leaves it: byte-compiled. (With PYTHONDONTWRITEBYTECODE
    # every process would compile fatiguelog's sources again, which no user's machine does.)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    import fatiguelog

    subprocess.run([PY, "-m", "compileall", "-q", str(Path(fatiguelog.__file__).parent)],
                   env=env, check=True, stdout=subprocess.DEVNULL)
    n = args.repeats
    fl = fatiguelog_command()
    figures: list[Figure] = []

    def wanted(name: str) -> bool:
        return not args.only or any(name.startswith(p) for p in args.only)

    def ratio(name, value, base_name, base, limit, unit="s", additive=False):
        if additive:
            r = value - base
            figures.append(Figure(name, value, base_name, base, r, f"<= +{limit} MiB", r <= limit,
                                  unit))
        else:
            r = value / base
            figures.append(Figure(name, value, base_name, base, r, f"<= {limit}x", r <= limit,
                                  unit))
        print(f"  {figures[-1].name}: {r:.2f}", file=sys.stderr)

    def warm() -> None:
        subprocess.run([PY, "-c", LOAD_ALL, str(root)], env=env, check=True,
                       capture_output=True)

    # Start-up of the app (first frame) against a minimal Textual app.
    if wanted("app"):
        minimal = median_of(n, lambda: to_first_frame([PY, "-c", MINIMAL_APP], env))
        probe = FATIGUELOG_APP.format(start=None)
        warm()
        full = median_of(n, lambda: to_first_frame([PY, "-c", probe, str(root)], env))
        bare = median_of(n, lambda: to_first_frame([PY, "-c", probe, str(empty)],
                                                   {**env, "FATIGUELOG_DATA_DIR": str(empty)}))
        ratio("app start, 10 years", full, "minimal Textual app", minimal, 1.25)
        ratio("app start, 10 years vs empty", full, "app, empty history", bare, 1.10)

    # Commands that must not import Textual.
    if wanted("cli"):
        python = median_of(n, lambda: wall([PY, "-c", "pass"], env))
        for name, cmd in {
            "remind": [*fl, "remind"],
            "path": [*fl, "path"],
            "log stool": [*fl, "log", "stool", "4", "--date", "2000-01-01"],
        }.items():
            ratio(f"cli {name}", median_of(n, lambda cmd=cmd: wall(cmd, env)),
                  "python -c pass", python, 4.0)

    # Loading ten years.
    naive_10y = None
    if wanted("load") or wanted("flags"):
        naive_10y = statistics.median(
            printed([PY, "-c", NAIVE_LOOP, str(root), "entries/*/*.toml"], env)[0]
            for _ in range(n)
        )
    if wanted("load"):
        def cold() -> float:
            shutil.rmtree(cache, ignore_errors=True)
            return printed([PY, "-c", LOAD_ALL, str(root)], env)[0]

        cold_time = median_of(n, cold)
        warm()
        warm_time = median_of(n, lambda: printed([PY, "-c", LOAD_ALL, str(root)], env)[0])
        ratio("load 10 years, warm", warm_time, "naive tomllib loop", naive_10y, 0.25)
        ratio("load 10 years, cold", cold_time, "naive tomllib loop", naive_10y, 1.2)

    if wanted("flags"):
        warm()
        flags = median_of(n, lambda: printed([PY, "-c", FLAGS_ALL, str(root)], env)[0])
        ratio("every flag, every day, 10 years", flags, "naive tomllib loop", naive_10y, 0.5)

    # Exports of one year, every format, against the naive loop over that year's files.
    if wanted("export"):
        year_first = END - timedelta(days=364)
        year_glob = "entries/*/*.toml"
        year_files = work / "year"
        for day in (year_first + timedelta(days=i) for i in range(365)):
            src = root / "entries" / str(day.year) / f"{day}.toml"
            if src.exists():
                dst = year_files / "entries" / str(day.year) / src.name
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)
        naive_1y = median_of(n, lambda: wall([PY, "-c", NAIVE_LOOP, str(year_files), year_glob],
                                             env))
        warm()
        for fmt in FORMATS:
            out = work / f"export.{fmt}"
            cmd = [*fl, "export", "--format", fmt, "--from", year_first.isoformat(), "--to",
                   END.isoformat(), "--output", str(out), "--force"]
            ratio(f"export 1 year, {fmt}", median_of(n, lambda cmd=cmd: wall(cmd, env)),
                  "naive loop, 1 year", naive_1y, 1.5)

    # Peak memory with the trend view open on ten years.
    if wanted("memory"):
        warm()
        minimal_rss = statistics.median(printed([PY, "-c", MINIMAL_APP], env)[1] for _ in range(3))
        probe = FATIGUELOG_APP.format(start=("trends", 3650))  # all ten years
        app_rss = statistics.median(printed([PY, "-c", probe, str(root)], env)[1]
                                    for _ in range(3))
        ratio("peak memory, trend view on 10 years", app_rss / 1024, "minimal Textual app",
              minimal_rss / 1024, 40, unit="MiB", additive=True)

    # `check` on one hostile file: 1 MiB of invalid bowel movements (about 61,000). Each
    # problem once rescanned the whole text (20,000 took 147 s); now the file is read once,
    # so the figure is near the cost of parsing it.
    if wanted("check"):
        hostile = work / "hostile"
        write_invalid_stools(hostile / "entries" / "2026" / "2026-11-24.toml")
        one = str(hostile / "entries" / "2026" / "2026-11-24.toml")
        parse = median_of(n, lambda: wall([PY, "-c", PARSE_ONE, one], env))
        took = median_of(n, lambda: wall_any([*fl, "--data-dir", str(hostile), "check"], env))
        ratio("check, 1 MiB of invalid stools", took, "tomllib parse of it", parse, 2.0)

    # Saving one check-in.
    if wanted("save"):
        pairs = [printed([PY, "-c", SAVE_ONE, str(root), END.isoformat()], env)
                 for _ in range(max(n, 7))]
        save = statistics.median(p[0] for p in pairs)
        fsync = statistics.median(p[1] for p in pairs)
        ratio("save one check-in", save, "one fsync of 1 KiB", fsync, 3.0)
    return figures


def print_table(figures: list[Figure]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="fatiguelog performance (medians; ratios against same-run baselines)")
    for column in ("figure", "measured", "baseline", "ratio", "target", ""):
        table.add_column(column)
    for f in figures:
        unit = "MiB" if f.unit == "MiB" else "ms"
        scale = 1 if f.unit == "MiB" else 1000
        shown = f"+{f.ratio:.1f} MiB" if f.unit == "MiB" else f"{f.ratio:.2f}x"
        table.add_row(f.name, f"{f.measured * scale:.1f} {unit}",
                      f"{f.baseline_name}: {f.baseline * scale:.1f} {unit}", shown, f.target,
                      "ok" if f.ok else "OVER")
    Console().print(table)


if __name__ == "__main__":
    raise SystemExit(main())
