"""A corpus of hostile data folders and export targets, one case per line of issue 11's "Why".

Reusable: each `Case` builds a data folder (plus an `outside` folder an attacker points links
at) holding six good days and one hostile thing, and says what every command must make of it.
Run through every command by tests/test_hostile_corpus.py; other suites (the cache's, the
no-traceback sweep) can iterate `CASES` and `build` the same folders.

    for case in CASES:
        root, outside = tmp / "data", tmp / "outside"
        case.build(root, outside)
        ... run anything; then case.bad are the paths `check` must name ...
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

TODAY = date(2026, 11, 25)
BAD_DAY = date(2026, 11, 24)
#: Six good days before the hostile one; every case has them and they must all load.
GOOD_DAYS = tuple(BAD_DAY - timedelta(days=n) for n in range(6, 0, -1))
#: A day in a year folder of its own (2025), for the year-folder cases.
OTHER_YEAR_DAY = date(2025, 6, 2)
#: Exports and trends cover both years.
FROM = "2025-01-01"
SECRET = "nightmare about my ex"


def rel(day: date) -> str:
    return f"entries/{day.year:04d}/{day.isoformat()}.toml"


def entry_text(day: date, body: str = "") -> str:
    return f"schema = 1\ndate = {day.isoformat()}\n{body}"


GOOD_BODY = (
    "[symptoms]\nfatigue = 5\n[gi]\nstools = [{ time = 08:00:00, bristol = 4, "
    "straining = false }]\nno_bowel_movement = false\n"
)


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def good_days(root: Path) -> None:
    for day in GOOD_DAYS:
        write(root / rel(day), entry_text(day, GOOD_BODY))


def bad_entry(body: str | bytes) -> Callable[[Path, Path], None]:
    """The hostile day is an entry file with `body` after its head (bytes: the whole file)."""

    def build(root: Path, outside: Path) -> None:
        write(root / rel(BAD_DAY), body if isinstance(body, bytes) else entry_text(BAD_DAY, body))

    return build


@dataclass(frozen=True)
class Case:
    """One hostile set-up and what every command must make of it."""

    id: str
    why: str  # the line of the "Why" it comes from
    hostile: Callable[[Path, Path], None]  # (root, outside): adds the hostile thing
    bad: tuple[str, ...] = (rel(BAD_DAY),)  # what `check` (and the exports) must name
    loads: tuple[date, ...] = GOOD_DAYS  # days that must load
    refused_log_day: date | None = None  # `log` on this day must exit 1, writing nothing
    secret: str | None = None  # text no output may contain
    needs: str = ""  # "mknod" | "non-root": skipped where the set-up is impossible
    cached_run_fails: str = ""  # a known failure of the second (cached) run, and whose it is
    extra: dict[str, object] = field(default_factory=dict)

    def build(self, root: Path, outside: Path) -> None:
        root.mkdir(parents=True, exist_ok=True)
        outside.mkdir(parents=True, exist_ok=True)
        os.chmod(root, 0o700)
        good_days(root)
        self.hostile(root, outside)


# -- set-ups that are more than one bad file ------------------------------------------------


def year_link_outside(root: Path, outside: Path) -> None:
    write(
        outside / "2025" / f"{OTHER_YEAR_DAY}.toml",
        entry_text(OTHER_YEAR_DAY, "[symptoms]\nfatigue = 9\n"),
    )
    os.symlink(outside / "2025", root / "entries" / "2025")


def year_unreadable(root: Path, outside: Path) -> None:
    day = OTHER_YEAR_DAY
    write(root / rel(day), entry_text(day, GOOD_BODY))
    os.chmod(root / "entries" / "2025", 0)


def year_is_a_file(root: Path, outside: Path) -> None:
    write(root / "entries" / "2025", "not a folder")


def entries_link_outside(root: Path, outside: Path) -> None:
    (root / "entries").rename(outside / "entries")
    os.symlink(outside / "entries", root / "entries")


def fifo_entry(root: Path, outside: Path) -> None:
    os.mkfifo(root / rel(BAD_DAY))


def link_to_dev_zero(root: Path, outside: Path) -> None:
    os.symlink("/dev/zero", root / rel(BAD_DAY))


def device_entry(root: Path, outside: Path) -> None:
    os.mknod(root / rel(BAD_DAY), stat.S_IFCHR | 0o600, os.makedev(1, 5))  # like /dev/zero


def entry_link_outside(root: Path, outside: Path) -> None:
    target = write(outside / "elsewhere.toml", entry_text(BAD_DAY, "[symptoms]\nfatigue = 1\n"))
    os.symlink(target, root / rel(BAD_DAY))


def lock_is_a_link(root: Path, outside: Path) -> None:
    os.symlink(outside / "victim-of-the-lock", root / ".lock")


def leftover_temporary_file(root: Path, outside: Path) -> None:
    write(root / "entries" / "2026" / f".{BAD_DAY}.toml.4242.0badc0de.tmp", "schema = 1\n")


def settings(text: str | bytes) -> Callable[[Path, Path], None]:
    def build(root: Path, outside: Path) -> None:
        write(root / "settings.toml", text)

    return build


def settings_fifo(root: Path, outside: Path) -> None:
    os.mkfifo(root / "settings.toml")


def escaped_tag(root: Path, outside: Path) -> None:
    write(
        root / rel(BAD_DAY), entry_text(BAD_DAY, '[gi]\nstools = [{ "\\u0024t" = "07:00:00" }]\n')
    )


def huge_amount_and_a_red_flag_today(root: Path, outside: Path) -> None:
    write(
        root / rel(BAD_DAY),
        entry_text(BAD_DAY, f'[[intake]]\nsubstance = "kratom"\namount = {HUGE_INT}\nunit = "g"\n'),
    )
    write(root / rel(TODAY), entry_text(TODAY, "[red_flags]\nblood_in_stool = true\n"))


def crlf_note(root: Path, outside: Path) -> None:
    write(
        root / rel(BAD_DAY),
        entry_text(BAD_DAY, 'notes = "first line\\r\\nsecond line\\r\\n"\n' + GOOD_BODY),
    )


def formula_dose(root: Path, outside: Path) -> None:
    write(
        root / rel(BAD_DAY),
        entry_text(
            BAD_DAY,
            'notes = " =1+1"\n[[intake]]\n'
            'substance = "\t=2+2"\namount = 2\nunit = "g"\n' + GOOD_BODY,
        ),
    )


def many_invalid_stools(count: int) -> str:
    return "[gi]\nstools = [\n" + "{ bristol = 9 },\n" * count + "]\n"


HUGE_INT = "1" + "0" * 400
WITH_GOOD_BAD_DAY = (*GOOD_DAYS, BAD_DAY)

CASES: tuple[Case, ...] = (
    # export -o ...: see EXPORT_TARGETS below.
    Case(
        "year-folder-link-outside",
        "a year folder that is a symlink leading outside",
        year_link_outside,
        bad=("entries/2025",),
        refused_log_day=OTHER_YEAR_DAY,
    ),
    Case(
        "year-folder-unreadable",
        "a year folder that can't be read",
        year_unreadable,
        bad=("entries/2025",),
        needs="non-root",
    ),
    Case(
        "year-folder-is-a-file",
        "a year folder that is not a folder",
        year_is_a_file,
        bad=("entries/2025",),
        refused_log_day=OTHER_YEAR_DAY,
    ),
    Case(
        "entries-folder-link-outside",
        "the entries folder is a link leading outside",
        entries_link_outside,
        bad=("entries",),
        loads=(),
        refused_log_day=TODAY,
    ),
    Case(
        "integer-5000-digits",
        "an integer of 5,000 digits",
        bad_entry("[sleep]\nhours = " + "7" * 5000 + "\n"),
    ),
    Case("arrays-500-deep", "arrays nested 500 deep", bad_entry("x = " + "[" * 500 + "]" * 500)),
    Case(
        "dotted-key-3000", "a 3,000-level dotted key", bad_entry(".".join(["k"] * 3000) + " = 1\n")
    ),
    Case(
        "nested-33",
        "a value nested deeper than 32 levels",
        bad_entry("x = " + "[" * 33 + "1" + "]" * 33 + "\n"),
    ),
    Case(
        "escaped-cache-tag",
        'the key "\\u0024t" in a stool (the cache tag)',
        escaped_tag,
        bad=(),
        loads=WITH_GOOD_BAD_DAY,
    ),
    Case("fifo-entry", "a FIFO entry hangs check", fifo_entry),
    Case("link-to-dev-zero", "a link to /dev/zero gives MemoryError", link_to_dev_zero),
    Case("device-entry", "a device node as an entry", device_entry, needs="mknod"),
    Case(
        "entry-link-outside",
        "an entry that is a link leading outside",
        entry_link_outside,
        refused_log_day=BAD_DAY,
    ),
    Case("entry-over-1-mib", "a file over 1 MiB", bad_entry('notes = "' + "x" * (1 << 20) + '"\n')),
    Case(
        "amount-1e308-twice",
        "log dose kratom 1e308 g (twice)",
        bad_entry(
            '[[intake]]\nsubstance = "kratom"\namount = 1e308\nunit = "g"\n'
            '[[intake]]\nsubstance = "kratom"\namount = 1e308\nunit = "g"\n'
        ),
    ),
    Case(
        "amount-10-to-the-400",
        "a hand-edited amount of 10^400 passes check and hides the urgent banner",
        huge_amount_and_a_red_flag_today,
        loads=(*GOOD_DAYS, TODAY),
        extra={"urgent": True},
    ),
    Case(
        "amount-inf",
        "a non-finite amount",
        bad_entry('[[intake]]\nsubstance = "kratom"\namount = inf\nunit = "g"\n'),
    ),
    Case("hours-over-24", "absurd hours", bad_entry("[sleep]\nhours = 1e300\n")),
    Case(
        "stools-20000-invalid",
        "check on 20,000 invalid stools takes 147 s",
        bad_entry(many_invalid_stools(20_000)),
    ),
    Case(
        "stools-101",
        "more than 100 stools a day",
        bad_entry("[gi]\nstools = [\n" + "{ bristol = 4 },\n" * 101 + "]\n"),
    ),
    Case(
        "secret-in-a-mistyped-value",
        "a mistyped value is quoted in every export",
        bad_entry(f'[sleep]\nhours = "6, then a {SECRET}"\n'),
        secret=SECRET,
    ),
    Case(
        "lock-file-is-a-link",
        "the lock file is never followed",
        lock_is_a_link,
        bad=(),
        loads=GOOD_DAYS,
        refused_log_day=TODAY,
    ),
    Case(
        "bom-entry",
        "a UTF-8 BOM is 'Invalid statement'",
        bad_entry(b"\xef\xbb\xbf" + entry_text(BAD_DAY, GOOD_BODY).encode()),
        bad=(),
        loads=WITH_GOOD_BAD_DAY,
    ),
    Case(
        "bom-settings",
        "a UTF-8 BOM in settings",
        settings(b'\xef\xbb\xbftheme = "light"\n'),
        bad=(),
    ),
    Case(
        "opioid-acting-yes",
        'opioid_acting = "yes" silently turns the class off',
        settings('[[substances]]\nname = "kratom"\nunit = "g"\nopioid_acting = "yes"\n'),
        bad=("settings.toml",),
        extra={"opioid_acting": "kratom"},
    ),
    Case("settings-fifo", "a FIFO settings file", settings_fifo, bad=("settings.toml",)),
    Case(
        "csv-formula",
        'the CSV guard misses " =1+1"',
        formula_dose,
        bad=(),
        loads=WITH_GOOD_BAD_DAY,
        extra={"csv_notes_cell": " =1+1"},
    ),
    Case(
        "leftover-temporary-file",
        "temporary files of a killed write are never reported",
        leftover_temporary_file,
        bad=(f"entries/2026/.{BAD_DAY}.toml.4242.0badc0de.tmp",),
    ),
    Case(
        "crlf-note",
        "a note with CRLF line ends is rewritten with LF",
        crlf_note,
        bad=(),
        loads=WITH_GOOD_BAD_DAY,
        extra={"log_keeps_note": "first line\r\nsecond line\r\n"},
    ),
)


# -- export targets --------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """An `export -o` target and what must happen: "refused" (exit 1 with or without
    --force, nothing changed) or "exists" (exit 1 without --force, replaced with it)."""

    id: str
    make: Callable[[Path, Path], Path]  # (root, outside) -> the path given to -o
    outcome: str
    fmt: str = "md"
    needs: str = ""


def _fifo(root: Path, outside: Path) -> Path:
    os.mkfifo(outside / "pipe")
    return outside / "pipe"


def _link_to(name: str) -> Callable[[Path, Path], Path]:
    def make(root: Path, outside: Path) -> Path:
        write(outside / name, "the user's own file\n")
        os.symlink(outside / name, outside / "link.md")
        return outside / "link.md"

    return make


def _dangling(root: Path, outside: Path) -> Path:
    os.symlink(outside / "nothing-here", outside / "dangling.md")
    return outside / "dangling.md"


def _through_a_link_to_the_data_folder(root: Path, outside: Path) -> Path:
    os.symlink(root, outside / "looks-harmless")
    return outside / "looks-harmless" / rel(BAD_DAY - timedelta(days=1))


def _existing(root: Path, outside: Path) -> Path:
    return write(outside / "summary.md", "last month's summary\n")


def _csv_part_is_a_link(root: Path, outside: Path) -> Path:
    write(outside / "victim.txt", "the user's own file\n")
    os.symlink(outside / "victim.txt", outside / "visit.stools.csv")
    return outside / "visit.csv"


def _device(root: Path, outside: Path) -> Path:
    os.mknod(outside / "device", stat.S_IFCHR | 0o600, os.makedev(1, 3))  # like /dev/null
    return outside / "device"


EXPORT_TARGETS: tuple[Target, ...] = (
    Target("an-entry", lambda root, outside: root / rel(GOOD_DAYS[-1]), "refused"),
    Target(
        "the-settings",
        lambda root, outside: write(root / "settings.toml", 'theme = "dark"\n'),
        "refused",
    ),
    Target("a-new-file-in-the-data-folder", lambda root, outside: root / "summary.md", "refused"),
    Target("through-a-link-to-the-data-folder", _through_a_link_to_the_data_folder, "refused"),
    Target("a-fifo", _fifo, "refused"),
    Target("a-device", _device, "refused", needs="mknod"),
    Target("a-link-to-a-file", _link_to("victim.md"), "refused"),
    Target("a-dangling-link", _dangling, "refused"),
    Target("a-csv-part-that-is-a-link", _csv_part_is_a_link, "refused", fmt="csv"),
    Target("an-existing-file", _existing, "exists"),
)


def can_mknod() -> bool:
    """Whether this process may create device nodes (root in most containers)."""
    return hasattr(os, "mknod") and os.geteuid() == 0


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def tree(folder: Path) -> dict[str, object]:
    """Everything under `folder` without following a link: a regular file's bytes, a link's
    target, or the kind of anything else. Proves a command touched nothing."""
    out: dict[str, object] = {}
    if not os.path.lexists(folder):
        return out
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            st = os.lstat(path)
            key = str(path.relative_to(folder))
            if stat.S_ISLNK(st.st_mode):
                out[key] = ("link", os.readlink(path))
            elif stat.S_ISREG(st.st_mode):
                try:
                    out[key] = path.read_bytes()
                except PermissionError:
                    out[key] = ("unreadable", st.st_size)
            elif stat.S_ISDIR(st.st_mode):
                out[key] = ("folder", stat.S_IMODE(st.st_mode))
            else:
                out[key] = ("special", stat.S_IFMT(st.st_mode))
    return out
