"""Performance figures as ratios against baselines measured in the same run.

Usage: python bench/run.py [--repeats 5] [--json PATH] [--markdown PATH] [--only PREFIX...]
                           [--years 1,10,30]

Builds seeded, realistic histories (every section filled, 1-3 stools a day, doses, notes) of
1, 10 and 30 years in a temporary folder, each extended by a flag active for the last 200 days
(straining in every bowel movement) and an urgent red flag reported today. Every case runs
several times as a fresh process and the median is reported; the machines are shared and
noisy, so only ratios are compared with the targets of the shared spec performance.md
(version 1 and version 2, printed in one table and written as JSON). No test asserts a time.

What the user waits for is measured from outside, in a real terminal: each app runs in a pty
of 80x24 whose screen is kept by `bench/terminal.py`, and a figure is the moment the text that
means "useful" is on that screen (the minimal Textual app in the same harness is the baseline).
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
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).parent))
from terminal import Terminal

PY = sys.executable
K = TypeVar("K")
TODAY = date.today()
FORMATS = ("md", "html", "csv", "json")
FLAG_DAYS = 200  # the long-running flag: straining in every stool of the last 200 days

# -- probes run as fresh processes ------------------------------------------------------------
# The first frame (v1): Textual's Ready event, headless; each prints when and its peak RSS.
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

# The same minimal app in a terminal (v2 baseline): its text on screen is its first paint.
MINIMAL_TERMINAL = """
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("minimal app is here")
Minimal().run()
"""

# A minimal app switching screens on a key (the check-in step's baseline).
MINIMAL_SWITCH = """
from textual.app import App
from textual.screen import Screen
from textual.widgets import Static
class Two(Screen):
    def __init__(self, n):
        super().__init__()
        self.n = n
    def compose(self):
        yield Static(f"this is screen {self.n}")
class Switcher(App):
    BINDINGS = [("n", "next", "Next")]
    count = 0
    def compose(self):
        yield Static("this is screen 0")
    def action_next(self):
        self.count += 1
        self.switch_screen(Two(self.count)) if self.count > 1 else self.push_screen(Two(1))
Switcher().run()
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

NAIVE_FILES = """
import sys, tomllib
docs = []
for path in sys.argv[1:]:
    with open(path, "rb") as handle:
        docs.append(tomllib.load(handle))
"""

# Loading the history as the app does: every day's record (what analysis reads), through
# the cache. Whole documents are read only for the days a view shows.
LOAD_ALL = """
import sys, time
from pathlib import Path
t = time.perf_counter()
from fatiguelog.store import Store
history = Store(Path(sys.argv[1])).load_records()
assert len(history.records) > 0
print(time.perf_counter() - t)
"""

# Fills the caches as an older fatiguelog would have left them once it showed "All" (the
# version is not part of their key; the source of the domain code is, see summarycache).
OLDER_VERSION_FILL = """
import sys
from datetime import date
from pathlib import Path
import fatiguelog
fatiguelog.__version__ = "0.0.1"
from fatiguelog.settings import load_settings
from fatiguelog.store import Store
from fatiguelog.summarycache import summary_all
root = Path(sys.argv[1])
summary_all(Store(root), load_settings(root)[0], date.today())
"""

FLAGS_ALL = """
import sys, time
from pathlib import Path
from fatiguelog.store import Store
from fatiguelog.settings import load_settings
from fatiguelog.analysis.build import summary_of
root = Path(sys.argv[1])
records = Store(root).load_records()
settings, _ = load_settings(root)
days = sorted(records.records)
t = time.perf_counter()
summary = summary_of(records.records.items(), lambda: records.problems, days[0], settings,
                     days[0], days[-1], keep_entries=False)
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
    version: int
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


def wall(cmd: list[str], env: dict[str, str], check: bool = True) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=check, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def printed(cmd: list[str], env: dict[str, str]) -> list[float]:
    result = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
    return [float(x) for x in result.stdout.split()[-2:]] if result.stdout.strip() else []


def to_first_frame(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from starting the process to its first frame (the probe prints when)."""
    started = time.time()
    ready = printed(cmd, env)[0]
    return ready - started


def peak_rss_mib(cmd: list[str], env: dict[str, str]) -> float:
    """The peak resident memory of one run of `cmd` (that process alone), in MiB."""
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, _status, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    return usage.ru_maxrss / 1024


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


def interleaved(repeats: int, cases: dict[K, Callable[[], float]]) -> dict[K, float]:
    """The median of each case, the cases taking turns (baseline, case, case..., baseline,
    case...): on a shared machine the load changes from one second to the next, and a
    baseline measured first and a case measured a minute later would be timed under
    different loads. Taking turns puts each ratio's two sides under the same."""
    got: dict[K, list[float]] = {name: [] for name in cases}
    for _ in range(repeats):
        for name, measure in cases.items():
            got[name].append(measure())
    return {name: statistics.median(values) for name, values in got.items()}


def build_history(root: Path, days: int) -> None:
    """The seeded demo history (complete days) ending today, then a flag active for the last
    200 days (straining in every bowel movement) and blood in the stool reported today."""
    from fatiguelog.demo_history import generate
    from fatiguelog.model import Entry
    from fatiguelog.store import dump_entry

    generate(root, days=days, seed=2026, end=TODAY, complete=True)
    for back in range(min(FLAG_DAYS, days)):
        day = TODAY - timedelta(days=back)
        path = root / "entries" / f"{day.year}" / f"{day}.toml"
        doc = tomllib.loads(path.read_text())
        for stool in doc.get("gi", {}).get("stools", []):
            stool["straining"] = True
        if back == 0:
            doc.setdefault("red_flags", {})["blood_in_stool"] = True
        path.write_bytes(dump_entry(Entry(day, doc)))


# -- what the user sees, in a terminal -----------------------------------------------------
HOME_USEFUL = {
    "status": "Today (",  # today's status line
    "table": f"{TODAY - timedelta(days=1):%a %d %b}",  # the two weeks' table (a row of it)
    "flags": "rules checked",  # the flag lines worked out (not "Looking at...")
}
URGENT = "SEEK MEDICAL CARE PROMPTLY"


def home_times(env: dict[str, str], root: Path) -> dict[str, float]:
    """When home's status, table and flags were all on screen (useful), and when the urgent
    line first was."""
    with Terminal([*fatiguelog_command(), "--data-dir", str(root)], env) as term:
        seen = term.first_of({**HOME_USEFUL, "urgent": URGENT}, timeout=120)
    useful = max(seen[name] for name in HOME_USEFUL)
    return {"useful": useful, "urgent": seen["urgent"]}


def minimal_paint(env: dict[str, str]) -> float:
    with Terminal([PY, "-c", MINIMAL_TERMINAL], env) as term:
        return term.wait_for("minimal app is here")


def all_view(env: dict[str, str], root: Path) -> float:
    """Seconds from pressing 5 ("All") in the trend view to its figures on screen."""
    with Terminal(
        [*fatiguelog_command(), "--data-dir", str(root), "trends", "--days", "7"], env
    ) as term:
        term.wait_for("Last 7 days ·", "days recorded", timeout=120)
        term.drain(0.2)
        sent = term.press("5")
        done = term.wait_for("All your entries ·", "days recorded", "Flags:", timeout=300)
        # The view stays on screen a moment, as for anyone reading it (not timed): what it
        # keeps for next time is written once it is shown, and a kill at once would lose it.
        term.drain(0.5)
    return done - sent


def checkin_steps(env: dict[str, str], root: Path, steps: int = 4) -> list[float]:
    """Seconds from Enter on a rating step to the next step drawn, for the first few steps."""
    times = []
    day = (TODAY - timedelta(days=1)).isoformat()
    with Terminal(
        [*fatiguelog_command(), "--data-dir", str(root), "checkin", "--date", day], env
    ) as term:
        term.wait_for("Step 1 of", timeout=120)
        for step in range(1, steps + 1):
            term.drain(0.1)
            term.press("5")
            term.wait_for("Your answer: 5 of 10")
            term.drain(0.1)
            sent = term.press("\r")
            done = term.wait_for(f"Step {step + 1} of")
            times.append(done - sent)
    shutil.rmtree(root / "drafts", ignore_errors=True)  # (the next run starts afresh)
    return times


def minimal_switches(env: dict[str, str], switches: int = 4) -> list[float]:
    times = []
    with Terminal([PY, "-c", MINIMAL_SWITCH], env) as term:
        term.wait_for("this is screen 0")
        for n in range(1, switches + 1):
            term.drain(0.1)
            sent = term.press("n")
            done = term.wait_for(f"this is screen {n}")
            times.append(done - sent)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--markdown", type=Path, help="also write the table here (README)")
    parser.add_argument("--only", nargs="*", help="run only these figures (by name prefix)")
    parser.add_argument("--years", default="1,10,30", help="histories to build (years)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="fatiguelog-bench-"))
    try:
        figures = run_all(work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(figures)
    if args.json:
        args.json.write_text(json.dumps([asdict(f) for f in figures], indent=2) + "\n")
    if args.markdown:
        args.markdown.write_text(markdown_table(figures))
    return 0 if all(f.ok for f in figures) else 1


def compile_packages(env: dict[str, str]) -> None:
    """Byte-compile fatiguelog and Textual as pip installs them (an editable install would
    otherwise compile on first import, in the middle of a measured run)."""
    import textual

    import fatiguelog

    for package in (fatiguelog, textual):
        subprocess.run(
            [PY, "-m", "compileall", "-q", str(Path(package.__file__).parent)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def run_all(work: Path, args: argparse.Namespace) -> list[Figure]:
    years = [int(y) for y in args.years.split(",")]
    roots = {y: work / f"data-{y}y" for y in years}
    empty = work / "empty"
    empty.mkdir()
    for y, root in roots.items():
        t = time.perf_counter()
        build_history(root, 365 * y)
        print(f"history: {y} years generated in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    cache = work / "cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "FATIGUELOG_DATA_DIR": str(roots[10])}
    # Measure the package as an install leaves it: byte-compiled. (With PYTHONDONTWRITEBYTECODE
    # every process would compile fatiguelog's sources again, which no user's machine does.)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("FATIGUELOG_CACHE_DIR", None)
    compile_packages(env)
    n = args.repeats
    fl = fatiguelog_command()
    root = roots[10]
    figures: list[Figure] = []

    def wanted(name: str) -> bool:
        return not args.only or any(name.startswith(p) for p in args.only)

    def ratio(
        version: int,
        name: str,
        value: float,
        base_name: str,
        base: float,
        limit: float,
        unit: str = "s",
        additive: bool = False,
    ) -> None:
        if additive:
            r = value - base
            figures.append(
                Figure(
                    version, name, value, base_name, base, r, f"<= +{limit} MiB", r <= limit, unit
                )
            )
        else:
            r = value / base
            figures.append(
                Figure(version, name, value, base_name, base, r, f"<= {limit}x", r <= limit, unit)
            )
        print(f"  v{version} {name}: {r:.2f}", file=sys.stderr)

    def warm(where: Path = root) -> None:
        subprocess.run([PY, "-c", LOAD_ALL, str(where)], env=env, check=True, capture_output=True)

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    naive: dict[int, float] = {}

    def naive_years(y: int) -> float:
        if y not in naive:
            naive[y] = statistics.median(
                printed([PY, "-c", NAIVE_LOOP, str(roots[y]), "entries/*/*.toml"], env)[0]
                for _ in range(n)
            )
        return naive[y]

    # ---------------------------------------------------------------- version 1 --------
    if wanted("app"):
        probe = FATIGUELOG_APP.format(start=None)
        warm()
        got = interleaved(
            n,
            {
                "minimal": lambda: to_first_frame([PY, "-c", MINIMAL_APP], env),
                "full": lambda: to_first_frame([PY, "-c", probe, str(root)], env),
                "bare": lambda: to_first_frame(
                    [PY, "-c", probe, str(empty)], {**env, "FATIGUELOG_DATA_DIR": str(empty)}
                ),
            },
        )
        minimal, full, bare = got["minimal"], got["full"], got["bare"]
        ratio(1, "app start to first frame, 10 years", full, "minimal Textual app", minimal, 1.25)
        ratio(1, "app start, 10 years vs empty", full, "app, empty history", bare, 1.10)

    if wanted("cli"):
        commands = {
            "remind": [*fl, "remind"],
            "path": [*fl, "path"],
            "log stool": [*fl, "log", "stool", "4", "--date", "2000-01-01"],
        }
        got = interleaved(
            n,
            {
                "python": lambda: wall([PY, "-c", "pass"], env),
                **{name: lambda cmd=cmd: wall(cmd, env) for name, cmd in commands.items()},
            },
        )
        for name in commands:
            ratio(1, f"cli {name}", got[name], "python -c pass", got["python"], 4.0)

    if wanted("load"):

        def cold_load() -> float:
            cold()
            return printed([PY, "-c", LOAD_ALL, str(root)], env)[0]

        got = interleaved(
            n,
            {
                "naive": lambda: printed(
                    [PY, "-c", NAIVE_LOOP, str(root), "entries/*/*.toml"], env
                )[0],
                "cold": cold_load,  # (which leaves the cache filled: warm next)
                "warm": lambda: printed([PY, "-c", LOAD_ALL, str(root)], env)[0],
            },
        )
        naive.setdefault(10, got["naive"])
        cold_time, warm_time = got["cold"], got["warm"]
        ratio(1, "load 10 years, warm", warm_time, "naive tomllib loop", naive_years(10), 0.25)
        ratio(1, "load 10 years, cold", cold_time, "naive tomllib loop", naive_years(10), 1.2)

    if wanted("flags"):
        warm()
        flags = median_of(n, lambda: printed([PY, "-c", FLAGS_ALL, str(root)], env)[0])
        ratio(
            1, "every flag, every day, 10 years", flags, "naive tomllib loop", naive_years(10), 0.5
        )

    def exports_against_naive(days: int, args: list[str], name: str) -> dict[str, float]:
        """Each format's export of the last `days` days (`args`: how the period is asked for;
        written to `name`.<format>), interleaved with the naive loop over the same files."""
        first = TODAY - timedelta(days=days - 1)
        files = [
            str(root / "entries" / f"{d.year}" / f"{d}.toml")
            for d in (first + timedelta(days=i) for i in range(days))
        ]
        warm()
        return interleaved(
            n,
            {
                "naive": lambda: wall([PY, "-c", NAIVE_FILES, *files], env),
                **{
                    fmt: lambda fmt=fmt: wall(
                        [
                            *fl,
                            "export",
                            "--format",
                            fmt,
                            *args,
                            "--output",
                            str(work / f"{name}.{fmt}"),
                            "--force",
                        ],
                        env,
                    )
                    for fmt in FORMATS
                },
            },
        )

    if wanted("export 1 year"):
        got = exports_against_naive(
            365, ["--from", (TODAY - timedelta(days=364)).isoformat()], "export"
        )
        for fmt in FORMATS:
            ratio(1, f"export 1 year, {fmt}", got[fmt], "naive loop, 1 year", got["naive"], 1.5)

    if wanted("memory"):
        warm()
        minimal_rss = statistics.median(printed([PY, "-c", MINIMAL_APP], env)[1] for _ in range(3))
        probe = FATIGUELOG_APP.format(start=("trends", 3650))  # all ten years
        app_rss = statistics.median(printed([PY, "-c", probe, str(root)], env)[1] for _ in range(3))
        ratio(
            1,
            "peak memory, trend view on 10 years",
            app_rss / 1024,
            "minimal Textual app",
            minimal_rss / 1024,
            40,
            unit="MiB",
            additive=True,
        )

    # `check` on one hostile file: 1 MiB of invalid bowel movements (about 61,000).
    if wanted("check, 1 MiB"):
        hostile = work / "hostile"
        write_invalid_stools(hostile / "entries" / f"{TODAY.year}" / f"{TODAY}.toml")
        one = str(hostile / "entries" / f"{TODAY.year}" / f"{TODAY}.toml")
        parse = median_of(n, lambda: wall([PY, "-c", PARSE_ONE, one], env))
        took = median_of(
            n, lambda: wall([*fl, "--data-dir", str(hostile), "check"], env, check=False)
        )
        ratio(1, "check, 1 MiB of invalid stools", took, "tomllib parse of it", parse, 2.0)

    if wanted("save"):
        pairs = [
            printed([PY, "-c", SAVE_ONE, str(root), TODAY.isoformat()], env)
            for _ in range(max(n, 7))
        ]
        ratio(
            1,
            "save one check-in",
            statistics.median(p[0] for p in pairs),
            "one fsync of 1 KiB",
            statistics.median(p[1] for p in pairs),
            3.0,
        )

    # ---------------------------------------------------------------- version 2 --------
    useful: dict[int, float] = {}
    paint = None
    if wanted("home") or wanted("urgent") or wanted("30 years"):
        homes = [y for y in years if y != 30 or wanted("30 years") or wanted("home")]
        for y in homes:
            warm(roots[y])
        runs: dict[int, list[dict[str, float]]] = {y: [] for y in homes}
        paints: list[float] = []
        for _ in range(n):  # (taking turns: see `interleaved`)
            paints.append(minimal_paint(env))
            for y in homes:
                runs[y].append(home_times(env, roots[y]))
        paint = statistics.median(paints)
        for y in homes:
            useful[y] = statistics.median(r["useful"] for r in runs[y])
            if y == 10:
                urgent = statistics.median(r["urgent"] for r in runs[y])
                late = max(r["urgent"] - r["useful"] for r in runs[y])
        if wanted("home"):
            ratio(2, "home useful, 10 years", useful[10], "minimal app's first paint", paint, 1.4)
            if 1 in useful:
                ratio(
                    2,
                    "home useful, 10 years vs 1 year (200-day flag)",
                    useful[10],
                    "home useful, 1 year",
                    useful[1],
                    1.10,
                )
        if wanted("urgent"):
            ratio(
                2,
                f"urgent red flag on screen (latest run: {1000 * late:+.0f} ms vs useful)",
                urgent,
                "home useful, 10 years",
                useful[10],
                1.0,
            )

    if wanted("trend"):

        def cold_all() -> float:
            cold()
            return all_view(env, root)  # (which leaves the cache filled: warm next)

        def upgraded() -> float:
            cold()
            subprocess.run([PY, "-c", OLDER_VERSION_FILL, str(root)], env=env, check=True)
            return all_view(env, root)

        got = interleaved(
            n,
            {
                "naive": lambda: printed(
                    [PY, "-c", NAIVE_LOOP, str(root), "entries/*/*.toml"], env
                )[0],
                "cold": cold_all,
                "warm": lambda: all_view(env, root),
                "upgrade": upgraded,
            },
        )
        base, cold_time, warm_time, upgrade_time = (
            got["naive"],
            got["cold"],
            got["warm"],
            got["upgrade"],
        )
        ratio(2, "trend view All, 10 years, warm", warm_time, "naive tomllib loop", base, 0.20)
        ratio(2, "trend view All, 10 years, cold", cold_time, "naive tomllib loop", base, 1.0)
        ratio(
            2, "trend view All after an app upgrade", upgrade_time, "naive tomllib loop", base, 0.20
        )

    if wanted("check-in"):
        warm()
        steps: list[float] = []
        switches: list[float] = []
        for _ in range(n):  # (taking turns: see `interleaved`)
            switches += minimal_switches(env)
            steps += checkin_steps(env, root)
        ratio(
            2,
            "check-in: Enter to the next step drawn",
            statistics.median(steps),
            "minimal app's screen switch",
            statistics.median(switches),
            3.0,
        )

    if wanted("check memory") and 1 in roots and 30 in roots:
        one = statistics.median(
            peak_rss_mib([*fl, "--data-dir", str(roots[1]), "check"], env) for _ in range(3)
        )
        thirty = statistics.median(
            peak_rss_mib([*fl, "--data-dir", str(roots[30]), "check"], env) for _ in range(3)
        )
        ratio(
            2,
            "check peak memory, 30 years",
            thirty,
            "check, 1 year",
            one,
            20,
            unit="MiB",
            additive=True,
        )

    if wanted("30 years") and 30 in roots:
        ratio(2, "home useful, 30 years", useful[30], "home useful, 10 years", useful[10], 1.10)
        for y in (10, 30):
            warm(roots[y])
        printing = interleaved(
            n,
            {
                y: lambda y=y: wall([*fl, "--data-dir", str(roots[y]), "trends", "--print"], env)
                for y in (10, 30)
            },
        )
        ratio(2, "trends --print, 30 years", printing[30], "the same, 10 years", printing[10], 1.10)
        out = work / "export-90.json"
        exported = interleaved(
            n,
            {
                y: lambda y=y: wall(
                    [
                        *fl,
                        "--data-dir",
                        str(roots[y]),
                        "export",
                        "--format",
                        "json",
                        "-o",
                        str(out),
                        "--force",
                    ],
                    env,
                )
                for y in (10, 30)
            },
        )
        ratio(
            2,
            "export json (90 days), 30 years",
            exported[30],
            "the same, 10 years",
            exported[10],
            1.10,
        )

    if wanted("export 90"):
        got = exports_against_naive(90, [], "export-90")
        for fmt in FORMATS:
            ratio(2, f"export 90 days, {fmt}", got[fmt], "naive loop, 90 files", got["naive"], 1.5)
    return figures


def shown(f: Figure) -> tuple[str, str, str]:
    """(measured, baseline, ratio) as the table says them."""
    unit = "MiB" if f.unit == "MiB" else "ms"
    scale = 1 if f.unit == "MiB" else 1000
    ratio = f"+{f.ratio:.1f} MiB" if f.unit == "MiB" else f"{f.ratio:.2f}x"
    return (
        f"{f.measured * scale:.1f} {unit}",
        f"{f.baseline_name}: {f.baseline * scale:.1f} {unit}",
        ratio,
    )


def markdown_table(figures: list[Figure]) -> str:
    lines = [
        "| v | figure | measured | baseline (same run) | ratio | target | |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        measured, baseline, ratio = shown(f)
        lines.append(
            f"| {f.version} | {f.name} | {measured} | {baseline} | {ratio} | "
            f"{f.target.replace('<=', '≤')} | {'ok' if f.ok else 'OVER'} |"
        )
    return "\n".join(lines) + "\n"


def print_table(figures: list[Figure]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="fatiguelog performance (medians; ratios against same-run baselines)")
    for column in ("v", "figure", "measured", "baseline", "ratio", "target", ""):
        table.add_column(column)
    for f in figures:
        table.add_row(str(f.version), f.name, *shown(f), f.target, "ok" if f.ok else "OVER")
    Console(width=160).print(table)


if __name__ == "__main__":
    raise SystemExit(main())
