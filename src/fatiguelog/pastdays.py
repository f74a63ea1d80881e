"""Past days for the app's day view and notes search: a day's answers in words, and the days
whose notes hold a text.

Notes are private: what these functions return is shown on screen and nowhere else (never
logged, notified, cached or exported). Textual-free, so both are tested without a screen.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import NamedTuple

from fatiguelog.model import Entry
from fatiguelog.settings import Settings
from fatiguelog.textsafe import strip_controls

#: How much of a note a search result shows around the text found (one line at 80 columns).
SNIPPET_BEFORE = 24
SNIPPET_LENGTH = 50


def day_answers(entry: Entry, settings: Settings | None = None
                ) -> tuple[list[tuple[str, str]], list[str]]:
    """(question, answer in words) for every question the day answered, in check-in order,
    and the questions it left unanswered (of those `settings` still asks). Notes are not among
    them (see `Entry.notes`).

    The one place the day view gets its words from: the check-in's own descriptions today,
    the question registry's when there is one."""
    from fatiguelog import checkin

    answered: list[tuple[str, str]] = []
    missing: list[str] = []
    for step in checkin.FULL_STEPS:
        if step.kind in ("review", "notes"):
            continue
        label = step.short.replace(" today", "")
        value = checkin.current_value(step, entry)
        if value is None:
            if step.group is None or settings is None or settings.asks(step.group):
                missing.append(label)
            continue
        words = checkin.describe(step, value).replace("none today", "none")
        answered.append((label, words))
    answered += _custom_answers(entry, settings)
    return answered, missing


def _custom_answers(entry: Entry, settings: Settings | None) -> list[tuple[str, str]]:
    """The user's own trackers' answers (`[custom]`), named as in settings when still there."""
    custom = entry.section("custom")
    if not custom:
        return []
    trackers = {t.key: t for t in settings.trackers} if settings is not None else {}
    found = []
    for key, value in custom.items():
        tracker = trackers.get(key)
        label = tracker.label if tracker else key.replace("_", " ").capitalize()
        if isinstance(value, bool):
            words = "yes" if value else "no"
        elif isinstance(value, int | float):
            if tracker is not None and tracker.kind == "rating":
                words = f"{value:g} of 10"
            else:
                words = f"{value:g} {tracker.unit if tracker else ''}".strip()
        else:
            continue
        found.append((label, words))
    return found


class NoteHit(NamedTuple):
    """A day whose notes hold the text searched for, with one line of the note around it."""

    day: date
    snippet: str  # the note on one line, cut around the first match
    start: int  # where the match is within `snippet`
    end: int


def note_snippet(notes: str, query: str) -> tuple[str, int, int] | None:
    """The note as one line around the first case-insensitive match of `query`, or None."""
    text = " ".join(strip_controls(notes, one_line=True).split())
    match = re.search(re.escape(" ".join(query.split())), text, re.IGNORECASE)
    if match is None:
        return None
    first = max(0, match.start() - SNIPPET_BEFORE)
    # (never more than one line's worth: a 5,000-character match filled the whole list)
    last = min(max(first + SNIPPET_LENGTH, match.end()), first + SNIPPET_BEFORE + SNIPPET_LENGTH)
    snippet = text[first:last]
    lead = "..." if first > 0 else ""
    tail = "..." if last < len(text) else ""
    start = len(lead) + match.start() - first
    return f"{lead}{snippet}{tail}", start, start + min(match.end(), last) - match.start()


def search_notes(root: Path, query: str,
                 cancelled: Callable[[], bool] = lambda: False) -> list[NoteHit]:
    """Every day (the whole history) whose notes hold `query`, ignoring case; newest first.

    Reads the files themselves (the cache keeps no free text), and only parses those that
    have notes at all. Files that can't be read are skipped (`fatiguelog check` names them).
    `cancelled` is asked between files: a newer search makes this one stop."""
    from fatiguelog.store import Store, parse_entry_bytes, read_bytes

    if not query.strip():
        return []
    store = Store(root)
    hits: list[NoteHit] = []
    for year, files in store.entry_files():
        for day, item in files:
            if cancelled():
                return []
            if day is None:
                continue
            try:
                if item.is_symlink() and store.outside(item.path):
                    continue
                if not stat.S_ISREG(item.stat().st_mode):
                    continue
                raw = read_bytes(item.path)
            except OSError:
                continue
            if b"notes" not in raw:
                continue
            doc, _problems = parse_entry_bytes(raw, f"entries/{year}/{item.name}", day)
            notes = doc.get("notes") if doc is not None else None
            if not isinstance(notes, str):
                continue
            found = note_snippet(notes, query)
            if found is not None:
                hits.append(NoteHit(day, *found))
    hits.sort(key=lambda hit: hit.day, reverse=True)
    return hits


__all__ = ["NoteHit", "day_answers", "note_snippet", "search_notes"]
