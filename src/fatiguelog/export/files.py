"""Saving an appointment summary to a file: the one way an export reaches the disk, for
`fatiguelog export -o FILE` and the export screen alike. No Textual.

`check_place` looks at where the file goes before anything is summarized: the folder is there
(or is the exports folder, which is created private), the place is not a folder, not inside
the data or cache folder, not a link, pipe or device, its name not ending in another format's
extension (`visit.json` for Markdown); it returns the files already there,
which only an explicit yes (`--force`, the screen's "Replace") may replace. `save` summarizes
the period and writes it (atomically, 0600; CSV: a file per table), checking the place again.

Every refusal is a `SaveError` that states the fact in one line; each surface adds the way out
in its own terms ("--output" and "--force" on the command line, another place or the Replace
question in the app).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from fatiguelog.frozen import frozen, replace

if TYPE_CHECKING:
    from fatiguelog.analysis.summary import Summary
    from fatiguelog.export.formats import ExportFormat
    from fatiguelog.settings import Settings


class SaveError(Exception):
    """Nothing was written (or nothing more); `str()` is one line saying why."""


class FolderMissing(SaveError):
    def __init__(self, folder: Path) -> None:
        super().__init__(f"the folder {folder} does not exist")
        self.folder = folder


class FolderNotCreated(SaveError):
    def __init__(self, folder: Path, error: OSError) -> None:
        super().__init__(f"the folder {folder} could not be created: {error.strerror or error}")
        self.folder = folder


class IsAFolder(SaveError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is a folder")
        self.path = path


class Refused(SaveError):
    """A place an export is never written to (inside the data folder, a link, a device...)."""


class AlreadyThere(SaveError):
    """A file is there and replacing it was not asked for (or it appeared since the check)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists")
        self.path = path


class WrongExtension(SaveError):
    """The file name ends in another export format's extension (`cli.json` for Markdown): a
    reader's computer would open it as that format. `name`: the file's name with the chosen
    format's extension instead, for the way out; `other`: the format the ending belongs to."""

    def __init__(self, path: Path, chosen: ExportFormat, other: ExportFormat) -> None:
        super().__init__(f"{path} ends in {path.suffix} but the format is {chosen.choice}")
        self.path = path
        self.chosen = chosen
        self.other = other
        self.name = path.with_suffix(chosen.extension).name


def check_extension(fmt: str, target: Path) -> None:
    """Refuse (`WrongExtension`) a file name ending in a registered export extension that is
    not `fmt`'s (Markdown written into `visit.json`). Endings no format has (`.txt`, `.htm`,
    none) are the user's choice and allowed."""
    from fatiguelog.export import formats

    chosen = formats.find(fmt)
    ending = target.suffix.lower()
    if ending == chosen.extension.lower():
        return
    for other in formats.FORMATS:
        if other.extension.lower() == ending:
            raise WrongExtension(target, chosen, other)


class WriteFailed(SaveError):
    """The disk said no (full, no permission...): `describe_os_error`'s sentence."""


@frozen
class Written:
    """What `save` wrote: every file (CSV: one per table) and the period it covers."""

    paths: tuple[Path, ...]
    first: date
    last: date
    include_notes: bool


def check_place(
    fmt: str, target: Path, root: Path, *, may_create: Path | None = None
) -> list[Path]:
    """Refuse (a `SaveError`) a place the export can't or must never go; return the files an
    export in `fmt` to `target` would replace. `may_create`: the folder the caller offers by
    default (the exports folder), created 0700 when the file goes straight into it; any other
    missing folder is an error, never created silently."""
    from fatiguelog.export import TargetError, check_targets

    check_extension(fmt, target)  # before a folder is made for it
    folder = target.parent
    if (
        may_create is not None
        and folder == Path(os.path.abspath(may_create))
        and not folder.exists()
    ):
        from fatiguelog.atomic import ensure_private_dir

        try:
            ensure_private_dir(folder)
        except OSError as exc:
            raise FolderNotCreated(folder, exc) from None
    if not folder.is_dir():
        raise FolderMissing(folder)
    if target.is_dir():
        raise IsAFolder(target)
    try:
        return check_targets(fmt, target, root)
    except TargetError as exc:
        raise Refused(str(exc)) from None


def save(
    root: Path,
    settings: Settings,
    first: date,
    last: date,
    fmt: str,
    target: Path,
    include_notes: bool,
    *,
    force: bool = False,
    discuss: str = "",
    remember: date | None = None,
) -> Written:
    """Summarize `first`..`last` and write it to `target`. An existing file is replaced only
    with `force` (else `AlreadyThere`, also for one that appeared since `check_place`).
    `discuss`: the user's own words that open the summary (already checked: `discuss.check`).

    `remember` (the export screen: today): the day and the format are kept in `state.toml`
    for "since the last export" and the next visit, and the discuss box's draft goes (its
    words are in the file now). A state file that can't be written only means those facts are
    forgotten: the summary is saved all the same, and said so."""
    from fatiguelog import export
    from fatiguelog.store import describe_os_error

    check_extension(fmt, target)
    summary = summary_for(root, settings, first, last, fmt, include_notes, discuss)
    try:
        written = export.write_files(summary, fmt, target, include_notes, root=root, force=force)
    except export.TargetError as exc:
        raise Refused(str(exc)) from None
    except FileExistsError as exc:
        raise AlreadyThere(Path(exc.filename or target)) from None
    except OSError as exc:
        raise WriteFailed(describe_os_error(exc, target)) from None
    if remember is not None:
        _remember(root, remember, fmt, discuss)
    return Written(tuple(written), first, last, include_notes)


def summary_for(
    root: Path,
    settings: Settings,
    first: date,
    last: date,
    fmt: str,
    include_notes: bool,
    discuss: str = "",
) -> Summary:
    """The summary an export in `fmt` renders (to a file, or to standard output), opened by
    the user's `discuss` words when there are any."""
    from fatiguelog import export
    from fatiguelog.store import Store

    summary = export.summarize_for(Store(root), settings, first, last, fmt, include_notes)
    return replace(summary, discuss=discuss) if discuss else summary


def _remember(root: Path, day: date, fmt: str, discuss: str) -> None:
    import contextlib

    from fatiguelog import discuss as said
    from fatiguelog.state import remember_export, remember_export_format

    with contextlib.suppress(OSError):
        remember_export(root, day)
        remember_export_format(root, fmt)
    if discuss:
        said.remove_draft(root)  # it is in the summary now


def default_name(first: date, last: date, fmt: str) -> str:
    """The file name an export of `first`..`last` in `fmt` is offered under."""
    from fatiguelog.export import extension

    return f"fatiguelog-summary-{first.isoformat()}-to-{last.isoformat()}{extension(fmt)}"


def resolve_target(raw: str, folder: Path, first: date, last: date, fmt: str) -> Path | None:
    """The file an export to what the user typed in the export screen writes, as a full path:
    `~` expanded, a name without a folder placed in `folder`, a folder given the default file
    name, a name without an extension given the format's. None: nothing typed. Nothing is
    created or checked here (`check_place` does that)."""
    text = raw.strip()
    if not text:
        return None
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = folder / path
    if path.is_dir():
        path = path / default_name(first, last, fmt)
    elif not path.suffix:  # "visit" -> "visit.md": a file the reader's computer can open
        from fatiguelog.export import extension

        path = path.with_name(path.name + extension(fmt))
    return Path(os.path.abspath(path))


__all__ = [
    "AlreadyThere",
    "FolderMissing",
    "FolderNotCreated",
    "IsAFolder",
    "Refused",
    "SaveError",
    "WriteFailed",
    "Written",
    "WrongExtension",
    "check_extension",
    "check_place",
    "default_name",
    "resolve_target",
    "save",
    "summary_for",
]
