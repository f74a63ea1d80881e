"""The `fatiguelog` command line (contract: shared spec cli.md).

Only argparse is imported here: each command imports what it needs when it runs, so `log`,
`path` and `remind` never load Textual and start in a few tens of milliseconds.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from fatiguelog import __version__

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing costs `path` 2 ms
if TYPE_CHECKING:
    from datetime import date
    from typing import Any

EXIT_OK = 0
EXIT_DATA = 1  # a problem with the user's data or input (wrong usage: argparse exits 2)

_DATE_OPTIONS = ("--date", "--from", "--to")
_DAYS_AGO = re.compile(r"^-\d+d$")


class UserError(Exception):
    """Bad input or data: one line on standard error, exit 1, nothing touched."""


def check_days(days: int | None, today: date) -> None:
    """`--days` within what a period can be (back to 1900), else one line (UserError)."""
    from fatiguelog.dates import max_days

    if days is not None and not 1 <= days <= max_days(today):
        raise UserError(f"--days must be from 1 to {max_days(today)} (back to 1900), not {days}")


def _join_days_ago(argv: Sequence[str]) -> list[str]:
    """Let `--date -3d` through: argparse would take `-3d` for an option."""
    out: list[str] = []
    items = list(argv)
    i = 0
    while i < len(items):
        token = items[i]
        if token in _DATE_OPTIONS and i + 1 < len(items) and _DAYS_AGO.match(items[i + 1]):
            out.append(f"{token}={items[i + 1]}")
            i += 2
            continue
        out.append(token)
        i += 1
    return out


def _memoize_argparse_gettext() -> None:
    """argparse looks up a translation catalogue on disk for each of its ~40 strings; with a
    dozen sub-commands that is over 10 ms of every start. The answers can't change during a
    run, so ask once per string."""
    lookup = argparse._  # type: ignore[attr-defined]
    if not hasattr(lookup, "cache_info"):
        argparse._ = functools.cache(lookup)  # type: ignore[attr-defined]


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own formatter, but asking the terminal's width from `os` directly: argparse
    imports `shutil` (and with it bz2 and lzma) for that on every start, help or not."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            try:
                width = int(os.environ["COLUMNS"])
            except (KeyError, ValueError):
                try:
                    width = os.get_terminal_size().columns
                except OSError:
                    width = 80
            width -= 2
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every command's, or only `command`'s when the caller already
    knows which one the arguments name (`main` does: `log`, `path` and `remind` then skip
    building the other commands' parsers, a few milliseconds of every start)."""
    _memoize_argparse_gettext()
    parser = _Parser(
        prog="fatiguelog",
        description="A private daily diary for ME/CFS that flags bowel changes early. "
        "Run without a command to open the app.",
        epilog="Dates: YYYY-MM-DD, today, yesterday, or -Nd (N days ago).",
    )
    parser.add_argument(
        "--data-dir",
        metavar="PATH",
        help="data folder (default: $FATIGUELOG_DATA_DIR, else the platform's)",
    )
    parser.add_argument("--version", action="version", version=f"fatiguelog {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, add in _COMMANDS.items():
        if command is None or name == command:
            add(commands)
    return parser


def _add_checkin(commands: Any) -> None:
    checkin = commands.add_parser("checkin", help="the guided daily check-in")
    checkin.add_argument("--date", default="today", help="which day (default today)")
    checkin.add_argument(
        "--quick", action="store_true", help="the four-step check-in for crash days"
    )
    checkin.add_argument(
        "--plain",
        action="store_true",
        help="plain numbered questions, one per line (screen readers, braille, "
        "pipes); automatic when input or output is not a terminal or TERM=dumb",
    )


def _add_log(commands: Any) -> None:
    log = commands.add_parser("log", help="quick capture from the shell, no app")
    kinds = log.add_subparsers(dest="kind", metavar="KIND", required=True, parser_class=_Parser)
    stool = kinds.add_parser("stool", help="a bowel movement: log stool BRISTOL (1-7)")
    stool.add_argument("bristol", help="Bristol stool type, 1 (hard lumps) to 7 (watery)")
    for flag in ("straining", "incomplete", "blockage", "manual"):
        stool.add_argument(f"--{flag}", action="store_true")
    stool.add_argument("--time", help="HH:MM (default now, for today)")
    dose = kinds.add_parser("dose", help="a dose: log dose SUBSTANCE AMOUNT UNIT")
    dose.add_argument("substance")
    dose.add_argument("amount")
    dose.add_argument("unit", help="g, mg, ml, capsule, tablet, cup, drop or other")
    dose.add_argument("--form", help="free text, e.g. 'leaf powder'")
    dose.add_argument("--time", help="HH:MM (default now, for today)")
    kinds.add_parser("none", help="no bowel movement that day")
    kinds.add_parser("laxative", help="a laxative, enema or suppository taken that day")
    kinds.add_parser("no-intake", help="nothing taken that day (no doses)")
    red = kinds.add_parser("red-flag", help="a red-flag symptom, e.g. blood_in_stool")
    red.add_argument("key")
    for sub in (
        stool,
        dose,
        kinds.choices["none"],
        kinds.choices["laxative"],
        kinds.choices["no-intake"],
        red,
    ):
        sub.add_argument("--date", default="today", help="which day (default today)")


def _add_trends(commands: Any) -> None:
    from fatiguelog.wording import DEFAULT_DAYS

    trends = commands.add_parser("trends", help="trends and flags")
    trends.add_argument(
        "--days", type=int, default=None, help=f"period in days (default {DEFAULT_DAYS})"
    )
    trends.add_argument(
        "--print",
        action="store_true",
        dest="print_",
        help="print to the terminal instead of opening the app",
    )


def _add_export(commands: Any) -> None:
    from fatiguelog.export import formats  # (light: no renderer, no typing)
    from fatiguelog.wording import DEFAULT_DAYS, DISCUSS_TITLE, SUMMARY_TITLE

    export = commands.add_parser("export", help=f"the {SUMMARY_TITLE.lower()}")
    export.add_argument(
        "--format", choices=formats.keys(), default=formats.default().key, help=formats.help_text()
    )
    export.add_argument(
        "--from",
        dest="from_",
        metavar="D",
        help=f"first day (default: the {DEFAULT_DAYS} days ending on --to)",
    )
    export.add_argument("--to", metavar="D", default="today", help="last day (default today)")
    export.add_argument(
        "--output", "-o", metavar="PATH", help="file to write ('-' or none: standard output)"
    )
    export.add_argument("--include-notes", action="store_true", help="include free-text notes")
    export.add_argument("--force", action="store_true", help="replace the output file if it exists")
    discuss = export.add_mutually_exclusive_group()
    discuss.add_argument(
        "--discuss", metavar="TEXT", help=f"your own '{DISCUSS_TITLE}', at the top of the summary"
    )
    discuss.add_argument(
        "--discuss-file",
        metavar="PATH",
        help="the same, read from a UTF-8 text file ('-': standard input)",
    )


def _add_check(commands: Any) -> None:
    commands.add_parser("check", help="check every file; exit 1 when something is wrong")


def _add_path(commands: Any) -> None:
    commands.add_parser("path", help="print the data folder")


def _add_demo(commands: Any) -> None:
    demo = commands.add_parser("demo", help="the app on a generated history (your data untouched)")
    demo.add_argument("--days", type=int, default=180)
    demo.add_argument("--seed", type=int, default=7)


def _add_remind(commands: Any) -> None:
    remind = commands.add_parser(
        "remind",
        help="one line when today has no check-in (for shell start-up); "
        "'remind install' sets up a daily desktop notification",
    )
    remind.add_argument(
        "action",
        nargs="?",
        choices=("install", "uninstall"),
        help="install or remove the daily reminder (a systemd user timer)",
    )
    remind.add_argument(
        "--notify",
        action="store_true",
        help="a desktop notification instead of a line (what the timer runs)",
    )


def _add_import(commands: Any) -> None:
    imports = commands.add_parser("import", help="add another tracker's export to your days")
    imports.add_argument(
        "format",
        metavar="FORMAT",
        choices=("bearable", "daylio", "flaredown", "visible", "csv"),
        help="bearable, daylio, flaredown, visible, or csv (with --map)",
    )
    imports.add_argument("file", metavar="FILE", help="the exported CSV file")
    imports.add_argument(
        "--map",
        metavar="MAP.toml",
        dest="map_file",
        help="which column is which answer, and its scale (needed for csv)",
    )
    imports.add_argument(
        "--dry-run", action="store_true", help="show what would change and write nothing"
    )


def _add_conflicts(commands: Any) -> None:
    conflicts = commands.add_parser("conflicts", help="sync-conflict copies of your entries")
    conflicts.add_argument(
        "--merge",
        action="store_true",
        help="merge each copy into its day, then keep it in conflicts/",
    )


def _add_delete(commands: Any) -> None:
    delete = commands.add_parser("delete", help="move a day's entry to the trash (never erased)")
    delete.add_argument("--date", required=True, metavar="D", help="which day")


def _add_restore(commands: Any) -> None:
    restore = commands.add_parser(
        "restore", help="bring back a deleted day (its latest deleted copy)"
    )
    restore.add_argument("--date", required=True, metavar="D", help="which day")
    which = restore.add_mutually_exclusive_group()
    which.add_argument(
        "--list",
        action="store_true",
        help="list the day's deleted copies, newest first, with what each holds",
    )
    which.add_argument(
        "--copy",
        metavar="N",
        help="restore copy N of --list (default 1, the latest), or the one with that file name",
    )


def _add_settings(commands: Any) -> None:
    commands.add_parser(
        "settings",
        help="the settings screen: substances, your own "
        "trackers, steps, birth year, when a day starts",
    )


# Every command's parser, in the order `fatiguelog --help` lists them.
_COMMANDS: dict[str, Callable[[Any], None]] = {
    "checkin": _add_checkin,
    "log": _add_log,
    "trends": _add_trends,
    "export": _add_export,
    "check": _add_check,
    "path": _add_path,
    "demo": _add_demo,
    "remind": _add_remind,
    "import": _add_import,
    "conflicts": _add_conflicts,
    "delete": _add_delete,
    "restore": _add_restore,
    "settings": _add_settings,
}


def _named_command(argv: Sequence[str]) -> str | None:
    """The command `argv` names, when that is certain before parsing: the first word after
    the only option that takes a value (`--data-dir`), and a known command. Anything else
    (`-h`, `--version`, an abbreviated option, a mistyped command) gets every command's
    parser, so help and errors list them all as before."""
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "--data-dir":
            i += 2
        elif token.startswith("--data-dir="):
            i += 1
        elif token.startswith("-"):
            return None
        else:
            return token if token in _COMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Whatever happens, the user gets one line on standard error and an exit
    code, never a traceback: 1 for their data or input, 2 for wrong usage, 130 for Ctrl+C."""
    argv = _join_days_ago(sys.argv[1:] if argv is None else argv)
    args = build_parser(_named_command(argv)).parse_args(argv)
    try:
        from fatiguelog.paths import data_dir

        if args.data_dir is not None and not args.data_dir.strip():
            raise UserError("--data-dir needs the path of a folder, not an empty one")
        root = data_dir(args.data_dir)
        if args.command not in ("remind", "demo"):  # silent / never uses the data folder
            _check_data_folder(root)
        return _dispatch(args, root)
    except UserError as exc:
        _say_error(str(exc))
        return EXIT_DATA
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the safety net: report in one line, never a traceback
        if os.environ.get("FATIGUELOG_DEBUG"):
            raise
        _say_error(
            f"unexpected error ({type(exc).__name__}: {exc}). Nothing more was "
            "changed; please report it (FATIGUELOG_DEBUG=1 shows the details)"
        )
        return EXIT_DATA


def _say_error(message: str) -> None:
    from fatiguelog.textsafe import strip_controls

    print(strip_controls(f"fatiguelog: {message}", one_line=True), file=sys.stderr)


def _check_data_folder(root: Path) -> None:
    """A data folder that exists but is not a folder: said before anything reads or writes."""
    if root.exists() and not root.is_dir():
        raise UserError(
            f"the data folder {root} is not a folder: move that file away or "
            "choose another with --data-dir"
        )


def today_for(root: Path) -> date:
    """The diary's today for a command: the calendar day, or the day before when the user's
    day has not started yet (`day_starts_at` in settings)."""
    from fatiguelog.dates import read_day_start, today

    return today(read_day_start(root))


def past_day(text: str, today: date, option: str = "--date") -> date:
    """A `--date`-like value that names a day that has happened, else UserError."""
    from fatiguelog.dates import DateError, parse_past_day

    try:
        return parse_past_day(text, today)
    except DateError as exc:
        raise UserError(f"{option} {exc}") from None


def _dispatch(args: argparse.Namespace, root: Path) -> int:
    command = args.command
    if command == "remind":
        if args.action or args.notify:
            from fatiguelog.cli.remind import run_remind

            return run_remind(args, root)
        from fatiguelog.cli.basic import remind

        return remind(root)
    if command == "path":
        print(root)
        return EXIT_OK
    if command == "log":
        from fatiguelog.cli.log import run_log

        return run_log(args, root)
    if command == "check":
        from fatiguelog.cli.basic import check

        return check(root)
    if command == "export":
        from fatiguelog.cli.export import run_export

        return run_export(args, root)
    if command == "trends" and args.print_:
        from fatiguelog.cli.trends import print_trends

        return print_trends(args, root)
    if command == "import":
        from fatiguelog.cli.importing import run_import

        return run_import(args, root)
    if command == "conflicts":
        from fatiguelog.cli.conflicts import run_conflicts

        return run_conflicts(args, root)
    if command in ("delete", "restore"):
        from fatiguelog.cli.trash import run_trash

        return run_trash(args, root)
    if command == "demo":
        from fatiguelog.cli.demo import run_demo

        return run_demo(args)
    if command == "checkin":
        from fatiguelog.cli.plain import run_plain, wants_plain

        if wants_plain(args):
            return run_plain(args, root)
    from fatiguelog.cli.app import run_app

    return run_app(args, root)
