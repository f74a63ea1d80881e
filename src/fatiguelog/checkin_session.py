"""One check-in in progress: the answers, where the user is, drafts, and saving safely.

No Textual here, so saving, conflicts and drafts are tested without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from fatiguelog import checkin, vocabulary
from fatiguelog.checkin import IntakeStep, Step
from fatiguelog.drafts import Draft, remove_draft, save_draft
from fatiguelog.merge import merge_docs
from fatiguelog.model import Entry
from fatiguelog.settings import Settings
from fatiguelog.store import (
    ConflictError,
    DayFile,
    Status,
    Store,
    describe_os_error,
)

_NOTHING = object()  # (no answer recorded for a step)


class CannotEdit(Exception):
    """This day's file can't be changed (broken, or from a newer version); says why."""


@dataclass
class SaveResult:
    entry: Entry
    message: str


class CheckinSession:
    """Answers for one day, applied onto the file as it was when the check-in opened."""

    def __init__(
        self, root: Path, settings: Settings, day: date, quick: bool, draft: Draft | None = None
    ):
        self.root = root
        self.store = Store(root)
        self.day = day
        self.quick = quick
        self.steps: list[Step] = checkin.steps_for(settings, quick)
        #: Every question of this diary (for the names said in a merge message).
        self.questions = vocabulary.with_trackers(settings.trackers)
        opened = self.store.read(day)
        check_editable(opened)
        self.existing = opened.entry is not None
        self.base: Entry = opened.entry or Entry.new(day)
        self.fingerprint = opened.fingerprint
        ids = [s.id for s in self.steps]
        # Only answers to steps asked now, and that still fit them: one whose step was
        # switched off since the draft would be saved without the review ever showing it
        # (and a tracker may have changed its kind since).
        by_id = {s.id: s for s in self.steps}
        self.answers: dict[str, Any] = (
            {k: v for k, v in draft.answers.items() if k in by_id and by_id[k].well_formed(v)}
            if draft
            else {}
        )
        self.index = ids.index(draft.step) if draft and draft.step in ids else 0
        self._recent: dict[date, Entry] | None = None
        self.draft_error: str | None = None

    # -- where we are --------------------------------------------------------------------
    @property
    def step(self) -> Step:
        return self.steps[self.index]

    @property
    def count(self) -> int:
        return len(self.steps)

    @property
    def last(self) -> bool:
        return self.index == len(self.steps) - 1

    def shown_value(self, step: Step) -> Any:
        """What the step shows first: this check-in's answer, else the file's, else a default."""
        if step.id in self.answers:
            return self.answers[step.id]
        current = checkin.current_value(step, self.base)
        if current is None and isinstance(step, IntakeStep):
            doses, _source = checkin.intake_default(self.day, self.recent())
            return doses or None
        return current

    def intake_source(self) -> date | None:
        """The day the offered doses come from (None when they are the file's own or none)."""
        if "intake" in self.answers or checkin.current_value(checkin.INTAKE, self.base) is not None:
            return None
        return checkin.intake_default(self.day, self.recent())[1]

    def recent(self) -> dict[date, Entry]:
        if self._recent is None:
            found = {}
            for back in range(1, checkin.DEFAULT_INTAKE_LOOKBACK + 1):
                earlier = self.store.read(self.day - timedelta(days=back))
                if earlier.entry is not None:
                    found[earlier.day] = earlier.entry
            self._recent = found
        return self._recent

    # -- answering -------------------------------------------------------------------------
    def answer(self, step: Step, value: Any) -> None:
        """Record an answer (a keystroke's worth: the draft follows without an fsync; an answer
        the draft already holds is not written again)."""
        before = self.answers.get(step.id, _NOTHING)
        if checkin.is_answer(step, value):
            self.answers[step.id] = value
        else:
            self.answers.pop(step.id, None)
        if self.answers.get(step.id, _NOTHING) == before and self.draft_error is None:
            return
        self.save_draft(durable=False)

    def skip(self, step: Step) -> None:
        """Skipped: no answer from this check-in (the file keeps what it had)."""
        self.answers.pop(step.id, None)
        self.save_draft(durable=False)

    def move(self, index: int, *, flush: bool = True) -> None:
        """Go to another step; the draft is flushed to disk at every step change (`flush`
        False: the caller calls `save_draft` itself, once the step is on screen)."""
        self.index = max(0, min(index, len(self.steps) - 1))
        if flush:
            self.save_draft()

    def save_draft(self, *, durable: bool = True) -> None:
        draft = Draft(self.day, self.quick, self.step.id, self.answers)
        try:
            save_draft(self.root, draft, durable=durable)
            self.draft_error = None
        except OSError as exc:
            self.draft_error = describe_os_error(exc, self.root / "drafts")

    def discard(self) -> None:
        """Drop the draft (nothing to keep)."""
        remove_draft(self.root, self.day)

    def result(self) -> Entry:
        return checkin.apply_answers(self.base, self.answers, self.steps)

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> SaveResult:
        """Write the entry; merge with changes made on disk meanwhile. Raises StoreError."""
        ours = self.result()
        message = f"Saved your check-in for {self.day:%a %d %b %Y}."
        # The data folder's lock: `fatiguelog log` in another terminal can't slip a write
        # between our check of the file and our rename over it.
        with self.store.lock():
            try:
                self.store.save(ours, expected=self.fingerprint)
                saved = ours
            except ConflictError as exc:
                current = exc.current
                theirs = current.entry.doc if current.entry is not None else Entry.new(self.day).doc
                merged = merge_docs(self.base.doc, ours.doc, theirs, self.questions)
                saved = Entry(self.day, merged.doc)
                self.store.save(saved, expected=current.fingerprint)
                message = f"{message} {merged.summary()}"
        remove_draft(self.root, self.day)
        return SaveResult(saved, message)


def check_editable(opened: DayFile) -> None:
    """CannotEdit, in one line that names the day, for a file a check-in could never save."""
    day = f"{opened.day:%a %d %b %Y}"
    if opened.status is Status.BROKEN:
        first = opened.problems[0] if opened.problems else "the file can't be read"
        raise CannotEdit(
            f"{day}: this day's file can't be read, so it was left as it is: "
            f"{first}. Fix it by hand or run 'fatiguelog check'."
        )
    if opened.status is Status.FUTURE:
        raise CannotEdit(
            f"{day}: this day's file was written by a newer fatiguelog; it can "
            "be read but is never changed by this version."
        )


__all__ = ["CannotEdit", "CheckinSession", "SaveResult"]
