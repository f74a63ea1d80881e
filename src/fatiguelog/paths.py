"""Where the user's data lives: `--data-dir`, else `FATIGUELOG_DATA_DIR`, else the platform's."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

_ENTRY_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\.toml$")
#: Copies a sync tool leaves beside a file both computers changed (never read as entries):
#: Syncthing `2026-11-25.sync-conflict-20261125-210411-ABCDEFG.toml`, Nextcloud and Dropbox
#: `2026-11-25 (conflicted copy 2026-11-25 210411).toml`, `2026-11-25 (Jo's conflicted copy).toml`.
#: (Patterns as text, compiled by `re` when a folder is first looked through for copies: not
#: on every start, before home's first frame.)
_SYNC_COPIES = (
    # (a copy of a copy, when the conflict repeats: one ".sync-conflict-..." part per round)
    (
        r"^(\d{4}-\d{2}-\d{2})(?:\.sync-conflict-\d{8}-\d{6}-[0-9A-Za-z]+)+\.toml$",
        "Syncthing",
    ),
    (
        r"(?i)^(\d{4}-\d{2}-\d{2}) \([^/]*conflicted copy[^/]*\)\.toml$",
        "Nextcloud or Dropbox",
    ),
)
ENV_DATA_DIR = "FATIGUELOG_DATA_DIR"
ENV_CACHE_DIR = "FATIGUELOG_CACHE_DIR"  # used by `fatiguelog demo` to keep its cache apart
APP_NAME = "fatiguelog"


def data_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """The data folder; the command-line option wins over the environment."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    plain = _xdg_dir("XDG_DATA_HOME", ".local/share")
    if plain is not None:
        return Path(plain)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


_warned: set[str] = set()  # FATIGUELOG_CACHE_DIR values already warned about (once each)


def cache_dir(root: Path | None = None) -> Path:
    """The platform cache folder (never a source of truth), unless `FATIGUELOG_CACHE_DIR`.

    That variable is ignored (one warning line on standard error, the platform folder is used)
    when it is relative (the cache would follow the current folder) or, with the data folder
    `root`, the data folder itself or inside it (which may be synced or backed up: the cache
    stays on this computer)."""
    env = os.environ.get(ENV_CACHE_DIR)
    if env:
        given = Path(env).expanduser()
        why = (
            "is not an absolute path"
            if not given.is_absolute()
            else "is inside the data folder"
            if root is not None and is_inside(given, root)
            else None
        )
        if why is None:
            return given
        if env not in _warned:
            import sys

            _warned.add(env)
            print(
                f"fatiguelog: {ENV_CACHE_DIR}={env} {why}; it is ignored and the platform "
                "cache folder is used",
                file=sys.stderr,
            )
    return platform_cache_dir()


def is_inside(path: Path | str, folder: Path | str) -> bool:
    """Whether `path` is `folder` or below it, links followed."""
    where = os.path.realpath(path)
    base = os.path.realpath(folder)
    return where == base or where.startswith(base.rstrip(os.sep) + os.sep)


def platform_cache_dir() -> Path:
    """The platform cache folder, whatever `FATIGUELOG_CACHE_DIR` says."""
    plain = _xdg_dir("XDG_CACHE_HOME", ".cache")
    if plain is not None:
        return Path(plain)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def _xdg_dir(variable: str, default: str) -> str | None:
    """The folder platformdirs gives on Linux in the plain case (an absolute `$variable`, or
    none and an absolute `$HOME`), without importing it: platformdirs brings tempfile, shutil
    and bz2 along, a tenth of what `fatiguelog export` costs in all. None for every other
    case (another system, Android, a relative path...): platformdirs decides those."""
    import sys

    environ = os.environ
    if sys.platform != "linux" or "ANDROID_DATA" in environ or "ANDROID_ROOT" in environ:
        return None
    given = environ.get(variable, "")
    if given:
        return os.path.join(given, APP_NAME) if os.path.isabs(given) else None
    home = environ.get("HOME", "")
    return os.path.join(home, default, APP_NAME) if os.path.isabs(home) else None


def exports_dir() -> Path:
    """A sensible default folder for appointment summaries."""
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / APP_NAME


def entries_dir(root: Path) -> Path:
    return root / "entries"


def entry_path(root: Path, day: date) -> Path:
    return root / "entries" / f"{day.year:04d}" / f"{day.isoformat()}.toml"


def day_of_name(name: str) -> date | None:
    """The day an entry file's name stands for ("2026-11-25.toml"), or None."""
    if (
        len(name) == 15
        and name[4] == "-"
        and name[7] == "-"
        and name.endswith(".toml")
        and name[:10].replace("-", "").isdigit()
        and name.isascii()
    ):
        try:  # (the common case without the regular expression: this runs per file)
            return date(int(name[:4]), int(name[5:7]), int(name[8:10]))
        except ValueError:
            return None
    match = _ENTRY_NAME.match(name)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def sync_copy_of(name: str) -> tuple[date, str] | None:
    """(the day, the sync tool) when `name` is a sync-conflict copy of an entry, else None."""
    for pattern, tool in _SYNC_COPIES:
        match = re.match(pattern, name)
        if match:
            day = day_of_name(f"{match.group(1)}.toml")
            return None if day is None else (day, tool)
    return None


def conflicts_dir(root: Path) -> Path:
    """Where `fatiguelog conflicts --merge` keeps each merged copy (never deleted)."""
    return root / "conflicts"


def trash_dir(root: Path) -> Path:
    """Where a deleted day's file is moved (never erased): `fatiguelog.trash`."""
    return root / "trash"


def settings_path(root: Path) -> Path:
    return root / "settings.toml"


def drafts_dir(root: Path) -> Path:
    return root / "drafts"


#: Written by `fatiguelog demo` into its own temporary data folder: the history there is made up,
#: and every export of it says so in its title.
DEMO_MARKER = "generated-demo-data.txt"


def is_demo(root: Path) -> bool:
    return (root / DEMO_MARKER).is_file()
