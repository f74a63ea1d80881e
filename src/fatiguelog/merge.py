"""Three-way merge of one day's document when the file changed behind the check-in's back.

base = the document as the check-in opened it, ours = what the user made of it, theirs = what
is on disk now (e.g. `fatiguelog log stool 2` ran in another terminal). Keys the user changed
in this check-in win; every other key takes the disk's value; bowel movements and doses added
on disk are kept alongside the user's. Safety answers are never lost: a red flag reported on
either side stays reported (true wins). The result says in words what came from disk, and names
every answer both sides changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from fatiguelog.model import RED_FLAGS
from fatiguelog.records import by_time
from fatiguelog.vocabulary import Vocabulary, key_label
from fatiguelog.wording import plural

_MISSING: Final = object()
#: Lists of tables where both sides may add items (merged item by item, not replaced whole).
_ITEM_LISTS: Final = {("gi", "stools"): "bowel movement", ("intake",): "dose"}
_IGNORED: Final[set[tuple[str, ...]]] = {("updated",)}  # rewritten by every save


@dataclass
class MergeResult:
    doc: dict[str, Any]
    from_disk: list[str] = field(default_factory=list)  # what the other change contributed
    both_changed: list[str] = field(default_factory=list)  # answers changed on both sides
    #: The questions whose names the message uses (the user's own included); None: built-in.
    questions: Vocabulary | None = field(default=None, repr=False)

    def summary(self) -> str:
        if not self.from_disk and not self.both_changed:
            return (
                "The file had changed on disk; your answers were saved and nothing else was lost."
            )
        # Short, and a red flag first: home shows this on a 60x20 terminal too.
        parts = []
        if self.from_disk:
            first = sorted(self.from_disk, key=lambda note: not note.startswith("red flag"))
            parts.append(
                "Kept what changed on disk meanwhile (another terminal?): " + "; ".join(first)
            )
        else:
            parts.append("The file had changed on disk meanwhile (another terminal?)")
        if self.both_changed:
            parts.append("Changed in both places, yours kept: " + "; ".join(self.both_changed))
        return ". ".join(parts) + "."


def merge_docs(
    base: dict[str, Any],
    ours: dict[str, Any],
    theirs: dict[str, Any],
    questions: Vocabulary | None = None,
) -> MergeResult:
    """`questions` names the answers in the message (default: the built-in ones; a key it
    does not name is said as its dotted path)."""
    result = MergeResult({}, questions=questions)
    result.doc = _merge_tables(base, ours, theirs, (), result)
    gi = result.doc.get("gi")
    if isinstance(gi, dict) and gi.get("stools") and gi.get("no_bowel_movement") is True:
        gi["no_bowel_movement"] = False  # a bowel movement recorded anywhere beats "none today"
        # ...so "none today" was not kept: the message must not say it was.
        said = key_label(("gi", "no_bowel_movement"))
        result.both_changed = [n for n in result.both_changed if not n.startswith(said)]
    return result


def _merge_tables(
    base: dict, ours: dict, theirs: dict, path: tuple[str, ...], result: MergeResult
) -> dict:
    out: dict[str, Any] = {}
    for key in [*ours, *(k for k in theirs if k not in ours)]:
        value = _merge_value(
            base.get(key, _MISSING),
            ours.get(key, _MISSING),
            theirs.get(key, _MISSING),
            (*path, key),
            result,
        )
        if value is not _MISSING:
            out[key] = value
    return out


def _merge_value(
    base: Any, ours: Any, theirs: Any, path: tuple[str, ...], result: MergeResult
) -> Any:
    notes = result.from_disk
    label = key_label(path, result.questions)
    if path in _IGNORED:
        return ours if ours is not _MISSING else theirs
    if ours == base:
        if theirs != base:
            _note_disk(base, theirs, path, notes, result.questions)
        return theirs
    if theirs in (base, ours):
        return ours
    # Both sides changed this key.
    if isinstance(ours, dict) and isinstance(theirs, dict):
        return _merge_tables(base if isinstance(base, dict) else {}, ours, theirs, path, result)
    if path in _ITEM_LISTS and isinstance(ours, list) and isinstance(theirs, list):
        before = base if isinstance(base, list) else []
        added = [item for item in theirs if item not in before and item not in ours]
        if added:
            noun = _ITEM_LISTS[path]
            notes.append(f"{plural(len(added), noun)} added elsewhere")
        return by_time([*ours, *added])
    if (
        len(path) == 2
        and path[0] == "red_flags"
        and path[1] in RED_FLAGS
        and (ours is True or theirs is True)
    ):
        if theirs is True:  # reported elsewhere: a safety answer is never dropped
            notes.append(f"{label} reported elsewhere")
        return True
    result.both_changed.append(f"{label} (elsewhere: {_said(theirs)})")
    return ours  # the user's answer in this check-in wins


def _said(value: Any) -> str:
    """A value from the other side, short, for the message."""
    if value is _MISSING:
        return "removed"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        text = " ".join(value.split())
        return f"'{text[:30]}...'" if len(text) > 30 else f"'{text}'"
    if isinstance(value, list | dict):
        return "a different list" if isinstance(value, list) else "a different table"
    return str(value)


def _note_disk(
    base: Any,
    theirs: Any,
    path: tuple[str, ...],
    notes: list[str],
    questions: Vocabulary | None = None,
) -> None:
    if path in _ITEM_LISTS and isinstance(theirs, list):
        before = base if isinstance(base, list) else []
        added = [item for item in theirs if item not in before]
        if added:
            noun = _ITEM_LISTS[path]
            notes.append(f"{plural(len(added), noun)} added elsewhere")
            return
    if isinstance(theirs, dict) and isinstance(base, dict | type(_MISSING)):
        inner_base = base if isinstance(base, dict) else {}
        for key in theirs:
            if inner_base.get(key, _MISSING) != theirs[key]:
                _note_disk(
                    inner_base.get(key, _MISSING), theirs[key], (*path, key), notes, questions
                )
        return
    label = key_label(path, questions)
    if theirs is _MISSING:
        notes.append(f"{label} removed elsewhere")
    elif path[0] == "red_flags" and theirs is True:
        notes.append(f"{label} reported elsewhere")
    else:
        notes.append(f"{label} changed elsewhere")
