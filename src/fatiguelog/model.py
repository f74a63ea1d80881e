"""The daily entry: vocabulary of the file format (contract v1) and a thin typed view over it.

An entry is kept as the TOML document itself (a dict), so keys this version does not know
survive every rewrite untouched. Accessors below give typed, validated views for analysis
and screens; `validate.py` guarantees the shapes they rely on.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, Final, NamedTuple

# Value types are NamedTuples and plain classes, not dataclasses: `fatiguelog log` imports this
# module, and `dataclasses` (with `inspect`) alone costs about 10 ms of start-up.

SCHEMA_VERSION: Final = 1

# --- Ratings: integers 0-10, higher is worse, except sleep quality. ----------------------


class Rating(NamedTuple):
    """One 0-10 question and which way its scale runs (said on screen, every time)."""

    section: str
    key: str
    label: str
    low: str
    high: str

    @property
    def path(self) -> tuple[str, str]:
        return (self.section, self.key)


SYMPTOM_RATINGS: Final = (
    Rating("symptoms", "fatigue", "Fatigue", "none", "worst imaginable"),
    Rating("symptoms", "pem", "Post-exertional malaise (PEM) today", "none", "worst imaginable"),
    Rating("symptoms", "pain", "Pain", "none", "worst imaginable"),
    Rating("symptoms", "brain_fog", "Brain fog", "clear", "worst imaginable"),
)
SLEEP_QUALITY: Final = Rating("sleep", "quality", "Sleep quality", "very poor", "excellent")
EXERTION: Final = Rating("activity", "exertion", "Exertion today", "rested all day", "far too much")
GI_RATINGS: Final = (
    Rating("gi", "abdominal_pain", "Stomach pain", "none", "worst imaginable"),
    Rating("gi", "bloating", "Bloating", "none", "worst imaginable"),
    Rating("gi", "nausea", "Nausea", "none", "worst imaginable"),
)
ALL_RATINGS: Final = (*SYMPTOM_RATINGS, SLEEP_QUALITY, EXERTION, *GI_RATINGS)

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
    def rating(self, rating: Rating) -> int | None:
        return self.get(*rating.path)

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
