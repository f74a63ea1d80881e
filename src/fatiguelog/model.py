"""The daily entry: vocabulary of the file format (contract v1) and a thin typed view over it.

An entry is kept as the TOML document itself (a dict), so keys this version does not know
survive every rewrite untouched. Accessors below give typed, validated views for analysis
and screens; `validate.py` guarantees the shapes they rely on.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from fatiguelog.wording import plural

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `fatiguelog log` never imports typing
if TYPE_CHECKING:
    from typing import Any, Final, NamedTuple
else:
    from fatiguelog.ntuple import NamedTuple

# Value types are NamedTuples and plain classes, not dataclasses: `fatiguelog log` imports this
# module, and `dataclasses` (with `inspect`) alone costs about 10 ms of start-up.

SCHEMA_VERSION: Final = 1

# The questions with one answer each (ratings, yes/no, numbers) are declared once, in
# `fatiguelog.vocabulary`; this module holds the rest of the format.

# --- Bowel movements. -------------------------------------------------------------------

#: Bristol Stool Form Scale (Lewis & Heaton 1997), described in plain words.
BRISTOL: Final[dict[int, str]] = {
    1: "Separate hard lumps, like nuts (hard to pass)",
    2: "Sausage-shaped but lumpy",
    3: "Like a sausage with cracks on the surface",
    4: "Like a sausage or snake, smooth and soft",
    5: "Soft blobs with clear-cut edges (passed easily)",
    6: "Fluffy pieces with ragged edges, mushy",
    7: "Watery, no solid pieces, entirely liquid",
}
STOOL_FLAGS: Final[dict[str, str]] = {
    "straining": "Straining",
    "incomplete": "Felt incomplete",
    "blockage": "Felt blocked",
    "manual": "Needed manual help",
}

# --- Intake. ----------------------------------------------------------------------------

UNITS: Final = ("g", "mg", "ml", "capsule", "tablet", "cup", "drop", "other")

# --- Limits: past these a value is absurd, a problem of its file (never analysed). -------

#: The largest dose amount, and the largest diet figure (fibre servings, water in ml).
MAX_AMOUNT: Final = 1_000_000
#: The smallest dose amount: every view shows amounts to two decimals, so a smaller one would
#: read as "0 g" (a typo or a unit mix-up, never a dose to chart as none).
MIN_AMOUNT: Final = 0.01
#: Said when an amount is below MIN_AMOUNT, by `log`, the dose dialog, import and `check`.
TOO_SMALL_AMOUNT: Final = (
    f"at least {MIN_AMOUNT}: a smaller amount would show as 0 (write it "
    "in a smaller unit, such as mg instead of g)"
)
MAX_HOURS: Final = 24
#: More bowel movements (or doses) than this in one day is not a real day's record.
MAX_STOOLS: Final = 100
MAX_DOSES: Final = 100

# --- Red flags: any one of these means "seek medical care promptly". --------------------

RED_FLAGS: Final[dict[str, str]] = {
    "blood_in_stool": "Blood in stool",
    "black_stool": "Black or tarry stool",
    "severe_abdominal_pain": "Severe stomach pain",
    "vomiting": "Vomiting",
    "no_stool_no_gas": "No stool and no gas, with a swollen belly",
    "fever": "Fever",
    "unintended_weight_loss": "Weight loss without trying",
}
SEEK_CARE: Final = (
    "Seek medical care promptly: contact your doctor or an urgent care service today. "
    "If you feel very unwell, call your local emergency number."
)

# Advice graded by what was reported (flags.md v2). Bleeding: an urgent GP appointment or the
# urgent advice line today; the other alarm signs: prompt care today; weight loss without
# trying: a GP soon (not an emergency). The "past" forms are for a report before the last day
# of a period that ends before today: they never say "today".
_BLEEDING: Final = (
    "Ask for an urgent GP appointment or call your urgent medical advice line today; if "
    "bleeding is heavy or won't stop, call your emergency number."
)
_PROMPT: Final = "Seek medical care promptly, today."
_SOON: Final = (
    "See a GP soon: weight loss without trying is worth checking. It is not an emergency."
)
RED_ADVICE: Final[dict[str, str]] = {
    "blood_in_stool": _BLEEDING,
    "black_stool": _BLEEDING,
    "severe_abdominal_pain": _PROMPT,
    "vomiting": _PROMPT,
    "no_stool_no_gas": _PROMPT,
    "fever": _PROMPT,
    "unintended_weight_loss": _SOON,
}
_BLEEDING_PAST: Final = (
    "ask for an urgent GP appointment or call your urgent medical advice "
    "line; if bleeding is heavy or won't stop, call your emergency number."
)
_PROMPT_PAST: Final = "seek medical care promptly."


def _past(lead: str) -> dict[str, str]:
    return {
        key: (
            f"{lead}, {_BLEEDING_PAST}"
            if text is _BLEEDING
            else f"{lead}, {_PROMPT_PAST}"
            if text is _PROMPT
            else text
        )
        for key, text in RED_ADVICE.items()
    }


RED_ADVICE_PAST: Final[dict[str, str]] = _past("If no clinician has seen you about it yet")
#: For an alarm symptom logged for an earlier day (`fatiguelog log red-flag --date`): it may be
#: over, or not; never "today" about a day that is not today.
RED_ADVICE_LOGGED_PAST: Final[dict[str, str]] = _past(
    "If you still have it, or no clinician has seen you about it yet"
)


def red_advice(keys: Iterable[str]) -> list[str]:
    """The graded advice for the alarm symptoms `keys` (flags.md v2), each text once, the most
    urgent first (bleeding, then prompt care today, then a GP soon): the one source of these
    words for the check-in step, its saved message and every view."""
    chosen = set(keys)
    return list(dict.fromkeys(RED_ADVICE[key] for key in RED_FLAGS if key in chosen))


#: Red flags at level "urgent" (the banner); the others are warnings.
URGENT_RED_FLAGS: Final = frozenset(k for k in RED_FLAGS if k != "unintended_weight_loss")

SECTIONS: Final = ("symptoms", "sleep", "activity", "gi", "diet", "red_flags")


class Stool(NamedTuple):
    bristol: int | None
    time: time | None = None
    straining: bool | None = None
    incomplete: bool | None = None
    blockage: bool | None = None
    manual: bool | None = None

    def answered(self, flag: str) -> bool | None:
        return getattr(self, flag)


class Dose(NamedTuple):
    substance: str
    amount: float
    unit: str
    form: str | None = None
    time: time | None = None


class Entry:
    """One calendar day. `doc` is the whole TOML document, unknown keys included."""

    __slots__ = ("day", "doc")

    def __init__(self, day: date, doc: dict[str, Any] | None = None):
        self.day = day
        self.doc: dict[str, Any] = {} if doc is None else doc

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entry) and (self.day, self.doc) == (other.day, other.doc)

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"Entry({self.day!r}, {self.doc!r})"

    @classmethod
    def new(cls, day: date) -> Entry:
        return cls(day, {"schema": SCHEMA_VERSION, "date": day})

    # -- generic access ------------------------------------------------------------------
    def section(self, name: str) -> dict[str, Any] | None:
        value = self.doc.get(name)
        return value if isinstance(value, dict) else None

    def get(self, section: str, key: str) -> Any:
        table = self.section(section)
        return None if table is None else table.get(key)

    def set(self, section: str, key: str, value: Any) -> None:
        """Set an answer; `None` removes it (an unanswered question is an absent key)."""
        table = self.doc.setdefault(section, {})
        if value is None:
            table.pop(key, None)
            if not table:
                del self.doc[section]
        else:
            table[key] = value

    def touch(self, now: datetime | None = None) -> None:
        self.doc["updated"] = (now or datetime.now().astimezone()).replace(microsecond=0)

    @property
    def notes(self) -> str | None:
        value = self.doc.get("notes")
        return value if isinstance(value, str) else None

    # -- typed views ---------------------------------------------------------------------
    @property
    def has_gi(self) -> bool:
        """A recorded GI day: an answered `gi` table (stools, or "none today")."""
        gi = self.section("gi")
        return gi is not None and (bool(gi.get("stools")) or gi.get("no_bowel_movement") is True)

    @property
    def stools(self) -> list[Stool]:
        raw = self.get("gi", "stools") or []
        return [
            Stool(
                bristol=s.get("bristol"),
                time=s.get("time"),
                **{flag: s.get(flag) for flag in STOOL_FLAGS},
            )
            for s in raw
        ]

    @property
    def laxative(self) -> bool:
        return self.get("gi", "laxative") is True

    @property
    def has_intake(self) -> bool:
        """An intake day: the entry answered the intake question (an empty list counts)."""
        return isinstance(self.doc.get("intake"), list)

    @property
    def intake(self) -> list[Dose]:
        raw = self.doc.get("intake")
        if not isinstance(raw, list):
            return []
        return [
            Dose(d["substance"], float(d["amount"]), d["unit"], d.get("form"), d.get("time"))
            for d in raw
        ]

    @property
    def red_flags(self) -> list[str]:
        """Known red-flag keys reported true today, in the contract's order."""
        table = self.section("red_flags") or {}
        return [key for key in RED_FLAGS if table.get(key) is True]

    @property
    def crash(self) -> bool:
        """The day is marked as a PEM crash (`symptoms.crash = true`)."""
        return self.get("symptoms", "crash") is True


# --- Checked in, or only logged from the shell? -----------------------------------------

#: Sections only a check-in writes (`fatiguelog log` never does); `custom` holds the user's own
#: trackers. An answer in any of them means the day was checked in.
_CHECKIN_SECTIONS: Final = ("symptoms", "sleep", "activity", "diet", "custom")
#: The `gi` keys `fatiguelog log` writes; any other `gi` answer (a stomach rating) is a check-in's.
_LOGGED_GI_KEYS: Final = frozenset(("stools", "no_bowel_movement", "laxative"))
_KNOWN_TOP: Final = {
    "schema",
    "date",
    "updated",
    "imported_from",
    "notes",
    "intake",
    *SECTIONS,
    "custom",
}


def reminder_due(doc: dict[str, Any]) -> bool:
    """Whether a day's document still wants a reminder: no check-in, and not marked as a crash
    (a crash day is a day to rest, and no reminder comes). One rule for the shell's `remind`
    and the desktop notification (`reminders.should_notify`)."""
    symptoms = doc.get("symptoms")
    crash = isinstance(symptoms, dict) and symptoms.get("crash") is True
    return not (crash or is_checked_in(doc))


def is_checked_in(doc: dict[str, Any]) -> bool:
    """Whether a day's document holds a check-in (full or quick), not only facts logged from
    the shell (stools, doses, one red flag, a laxative, "nothing taken"): decided from the
    content, so no file needs a marker. A check-in leaves an answer `log` never writes: a
    rating, sleep, exertion, diet, notes, a tracker of the user's own, or a red-flag table
    with every known flag answered (the check-in's red-flag step writes all of them)."""
    for name in _CHECKIN_SECTIONS:
        table = doc.get(name)
        # A crash answer alone (an import's or a sync copy's `crash = false`) is not a
        # check-in: a check-in answers more than that.
        if isinstance(table, dict) and any(
            not (name == "symptoms" and key == "crash") for key in table
        ):
            return True
    gi = doc.get("gi")
    if isinstance(gi, dict) and any(key not in _LOGGED_GI_KEYS for key in gi):
        return True
    notes = doc.get("notes")
    if isinstance(notes, str) and notes.strip():
        return True
    if any(key not in _KNOWN_TOP for key in doc):
        return True  # an answer from a newer version is never taken for a missing check-in
    flags = doc.get("red_flags")
    return isinstance(flags, dict) and all(isinstance(flags.get(k), bool) for k in RED_FLAGS)


def logged_items(doc: dict[str, Any]) -> str:
    """What the shell logged for a day, in words ("2 bowel movements logged"), or ""."""
    parts: list[str] = []
    raw_gi = doc.get("gi")
    gi: dict[str, Any] = raw_gi if isinstance(raw_gi, dict) else {}
    stools = gi.get("stools")
    if isinstance(stools, list) and stools:
        parts.append(plural(len(stools), "bowel movement"))
    elif gi.get("no_bowel_movement") is True:
        parts.append("no bowel movement")
    if gi.get("laxative") is True:
        parts.append("a laxative")
    intake = doc.get("intake")
    if isinstance(intake, list):
        parts.append(plural(len(intake), "dose") if intake else "nothing taken")
    flags = doc.get("red_flags")
    if isinstance(flags, dict):
        reported = [k for k in RED_FLAGS if flags.get(k) is True]
        if reported:
            parts.append(plural(len(reported), "red flag"))
    if not parts:
        return ""
    said = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    return f"{said} logged"
