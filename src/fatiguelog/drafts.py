"""Unfinished check-ins, kept on disk so a crash, a closed terminal or a nap loses nothing.

One draft per day in `<data>/drafts/YYYY-MM-DD.toml`, rewritten atomically (0600) at every
answer and step change, offered on the next start and removed once the entry is saved.
A draft that can't be read is ignored (never fatal): it only ever holds a copy of answers.
"""

from __future__ import annotations

import contextlib
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fatiguelog import paths
from fatiguelog.atomic import UnsafePathError, atomic_write, read_capped, remove_under

DRAFT_SCHEMA = 1


class Draft:
    """The answers given so far for one day, and where the user was.

    (A plain class, not a dataclass: home imports this module for `draft_days` before its
    first frame, and making a dataclass costs that frame.)"""

    __slots__ = ("answers", "day", "quick", "saved", "step")

    def __init__(
        self,
        day: date,
        quick: bool = False,
        step: str = "",
        answers: dict[str, Any] | None = None,
        saved: datetime | None = None,
    ) -> None:
        self.day = day
        self.quick = quick
        self.step = step
        self.answers: dict[str, Any] = {} if answers is None else answers
        self.saved = saved

    def _fields(self) -> tuple[object, ...]:
        return (self.day, self.quick, self.step, self.answers, self.saved)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Draft):
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # (mutable, as the dataclass was)

    def __repr__(self) -> str:
        return (
            f"Draft(day={self.day!r}, quick={self.quick!r}, step={self.step!r}, "
            f"answers={self.answers!r}, saved={self.saved!r})"
        )


def draft_path(root: Path, day: date) -> Path:
    return paths.drafts_dir(root) / f"{day.isoformat()}.toml"


def save_draft(
    root: Path, draft: Draft, now: datetime | None = None, *, durable: bool = True
) -> None:
    """Write the draft atomically (raises OSError: the caller decides how loud to be).

    `durable=False` skips the fsyncs: still whole after a crash of the app, not promised after
    a power cut. For every keystroke; each step change writes a durable one."""
    import tomli_w

    draft.saved = (now or datetime.now().astimezone()).replace(microsecond=0)
    doc = {
        "schema": DRAFT_SCHEMA,
        "date": draft.day,
        "quick": draft.quick,
        "step": draft.step,
        "saved": draft.saved,
        "answers": draft.answers,
    }
    atomic_write(
        draft_path(root, draft.day), tomli_w.dumps(doc).encode("utf-8"), durable=durable, root=root
    )


def load_draft(root: Path, day: date) -> Draft | None:
    """The day's draft, or None when there is none or it can't be used."""
    from fatiguelog.tomlsafe import MAX_FILE_BYTES, decode_toml, structure_issue

    try:  # (never a pipe or a device, never more than 1 MiB)
        raw = read_capped(str(draft_path(root, day)), MAX_FILE_BYTES)
    except OSError:
        return None
    from fatiguelog.problems import Problem

    decoded = decode_toml(raw, "draft")
    if isinstance(decoded, Problem) or structure_issue(decoded[1]) is not None:
        return None
    doc = decoded[1]
    if doc.get("schema") != DRAFT_SCHEMA or doc.get("date") != day:
        return None
    from fatiguelog.checkin import clean_answers  # not needed to list drafts at start-up

    answers = clean_answers(doc.get("answers"))
    saved = doc.get("saved")
    return Draft(
        day,
        quick=doc.get("quick") is True,
        step=doc["step"] if isinstance(doc.get("step"), str) else "",
        answers=answers,
        saved=saved if isinstance(saved, datetime) else None,
    )


def remove_draft(root: Path, day: date) -> None:
    with contextlib.suppress(UnsafePathError):  # a link: nothing of ours to remove there
        remove_under(root, draft_path(root, day))


def draft_days(root: Path) -> list[date]:
    """Days with a draft waiting, oldest first."""
    try:
        names = os.listdir(paths.drafts_dir(root))
    except OSError:
        return []
    return sorted(day for day in map(paths.day_of_name, names) if day is not None)
