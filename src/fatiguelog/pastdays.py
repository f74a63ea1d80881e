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
from fatiguelog.wording import question_name

#: How much of a note a search result shows around the text found (one line at 80 columns).
SNIPPET_BEFORE = 24
SNIPPET_LENGTH = 50


def day_answers(
    entry: Entry, settings: Settings | None = None
) -> tuple[list[tuple[str, str]], list[str]]:
    """(question, answer in words) for every question the day answered, in check-in order,
    and the questions it left unanswered (of those `settings` still asks). Notes are not among
    them (see `Entry.notes`).

    The words are the check-in's own (each step describes its answer); the questions are the
    vocabulary's, the user's own trackers included, and a `[custom]` answer the settings no
    longer declare is shown by its key, "(not in your settings now)"."""
    from fatiguelog import checkin, vocabulary

    questions = vocabulary.with_trackers(settings.trackers if settings is not None else ())
    custom = entry.section(vocabulary.CUSTOM) or {}
    found = {
        key: "yesno" if isinstance(value, bool) else "number"
        for key, value in custom.items()
        if isinstance(value, bool | int | float)
    }
    questions = questions.with_found(found)
    answered: list[tuple[str, str]] = []
    missing: list[str] = []
    for step in checkin.all_steps(questions, every=True):
        if isinstance(step, checkin.ReviewStep | checkin.NotesStep):
            continue
        label = step.short.replace(" today", "")
        if isinstance(step, checkin.QuestionStep) and not step.q.declared:
            label = question_name(step.q)  # as the trend view and the exports name it
        value = step.current(entry)  # as the file has it, usable or not
        switched_off = isinstance(step, checkin.QuestionStep) and not step.q.asked
        asked = not switched_off and (
            step.group is None or settings is None or settings.asks(step.group)
        )
        if value is None:
            if asked:
                missing.append(label)
            continue
        if isinstance(step, checkin.QuestionStep) and not step.q.fits(value):
            # Shown, never hidden: the figures leave it out, and the day says why.
            answered.append(
                (label, f"{checkin.as_found(value)} (not used: {step.q.not_used(value)})")
            )
            continue
        if not step.well_formed(value):
            continue
        words = checkin.describe(step, value).replace("none today", "none")
        answered.append((label, words))
    return answered, missing


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


def search_notes(
    root: Path, query: str, cancelled: Callable[[], bool] = lambda: False
) -> list[NoteHit]:
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
