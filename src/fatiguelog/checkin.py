"""The guided check-in without a screen: its steps, their defaults, how answers land in an entry.

Answers are kept per step id, and only for steps the user actually answered: a skipped step has
no answer, so the file keeps whatever it had (nothing, for a new day). That is how "a skipped
question is an absent key, never a made-up zero" and "editing keeps what you skip" both hold.
Answers are applied onto a copy of the whole TOML document, so unknown keys survive.

Answer shapes, by step kind (also what a draft file stores):
- rating: int 0-10; yesno: bool; number: int or float; notes: str
- intake: list of dose tables (substance, amount, unit, optional form/time, unknown keys kept)
- stools: {"stools": [stool tables], "no_bowel_movement": bool, optional "laxative": bool}
- red_flags: {key: bool} for every known red flag
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from typing import Any, Final

from fatiguelog.model import (
    BRISTOL,
    EXERTION,
    GI_RATINGS,
    MAX_AMOUNT,
    RED_FLAGS,
    SLEEP_QUALITY,
    STOOL_FLAGS,
    SYMPTOM_RATINGS,
    UNITS,
    Entry,
    Rating,
)
from fatiguelog.records import InputError, by_time, read_number, split_unit
from fatiguelog.settings import Settings
from fatiguelog.textsafe import strip_controls

#: How many days back the intake default may come from (a gap of a few crash days is common).
DEFAULT_INTAKE_LOOKBACK: Final = 7


@dataclass(frozen=True)
class Step:
    """One question on one screen."""

    id: str
    kind: str  # rating | yesno | number | intake | stools | red_flags | notes | review
    title: str
    group: str | None = None  # the settings switch (settings.OPTIONAL_STEPS) that can hide it
    rating: Rating | None = None
    path: tuple[str, str] | None = None  # where a rating/yesno/number answer lives
    minimum: float = 0
    maximum: float = math.inf
    integer: bool = False
    unit_label: str = ""
    example: str = ""  # a placeholder for typed numbers
    help: str = ""
    label: str = ""  # short name for the review
    #: Words for the number box's own unit, accepted after the number ("7.5 h", "500 ml").
    unit_words: tuple[str, ...] = ()
    #: Other units a person may type, with their size in this box's unit: refused with the
    #: number to type instead ("1.5 l" in millilitres: "type 1500").
    other_units: tuple[tuple[tuple[str, ...], float], ...] = ()

    def about(self, day_word: str) -> Step:
        """The question as asked of `day_word` ("today", or "that day" when backfilling)."""
        if day_word == "today":
            return self
        return replace(self, title=self.title.replace("today", day_word),
                       help=self.help.replace("today", day_word))

    @property
    def short(self) -> str:
        return self.label or (self.rating.label if self.rating else self.title)

    @property
    def scale(self) -> str:
        """Which way a 0-10 scale runs, said every time a rating is asked."""
        if self.rating is None:
            return ""
        direction = ("higher is better" if self.rating is SLEEP_QUALITY else
                     "higher is more" if self.rating is EXERTION else "higher is worse")
        return f"0 = {self.rating.low}, 10 = {self.rating.high} ({direction})"


def _rating_step(rating: Rating, group: str | None = None) -> Step:
    return Step(rating.key, "rating", rating.label, group, rating, rating.path)


FATIGUE, PEM, PAIN, BRAIN_FOG = (_rating_step(r) for r in SYMPTOM_RATINGS)
UNREFRESHING = Step("unrefreshing_sleep", "yesno", "Did you wake up unrefreshed?",
                    path=("symptoms", "unrefreshing_sleep"), label="Unrefreshing sleep",
                    help="Unrefreshing sleep: still exhausted after a night's sleep.")
SLEEP_HOURS = Step("sleep_hours", "number", "How many hours did you sleep?", "sleep",
                   path=("sleep", "hours"), maximum=24, unit_label="hours", example="e.g. 6.5",
                   help="A number from 0 to 24, e.g. 6.5", label="Hours of sleep",
                   unit_words=("h", "hr", "hrs", "hour", "hours"),
                   other_units=((("min", "mins", "minute", "minutes"), 1 / 60),))
QUALITY = _rating_step(SLEEP_QUALITY, "sleep")
EXERTION_STEP = _rating_step(EXERTION, "exertion")
INTAKE = Step("intake", "intake", "What did you take today?", "intake",
              help="Any substance, medicine or supplement, one line per dose.", label="Intake")
STOOLS = Step("stools", "stools", "Bowel movements today",
              help="Add each one (Bristol type 1-7), or say none today.",
              label="Bowel movements")
STOMACH = tuple(_rating_step(r, "stomach") for r in GI_RATINGS)
FIBER = Step("fiber_servings", "number", "Servings of fibre-rich food today", "diet",
             path=("diet", "fiber_servings"), maximum=100, unit_label="servings",
             example="e.g. 3",
             help="Fruit, vegetables, wholegrains, beans: a serving is a handful. 0 or more.",
             label="Fibre", unit_words=("serving", "servings"))
WATER = Step("water_ml", "number", "How much water did you drink?", "diet",
             path=("diet", "water_ml"), maximum=20000, integer=True, unit_label="ml",
             example="e.g. 1500",
             help="In millilitres: a glass is about 250 ml.", label="Water",
             unit_words=("ml", "millilitre", "millilitres", "milliliter", "milliliters"),
             other_units=((("l", "litre", "litres", "liter", "liters"), 1000),
                          (("dl",), 100), (("cl",), 10)))
RED = Step("red_flags", "red_flags", "Any of these today?",
           help="Check any that happened today. None checked = none today.", label="Red flags")
NOTES = Step("notes", "notes", "Anything else to note?", "notes",
             help="Free text, kept private; left out of exports unless you ask.", label="Notes")
REVIEW = Step("review", "review", "Review and save")

FULL_STEPS: Final = (FATIGUE, PEM, PAIN, BRAIN_FOG, UNREFRESHING, SLEEP_HOURS, QUALITY,
                     EXERTION_STEP, INTAKE, STOOLS, *STOMACH, FIBER, WATER, RED, NOTES, REVIEW)
QUICK_STEPS: Final = (FATIGUE, STOOLS, RED)
STEPS_BY_ID: Final = {step.id: step for step in FULL_STEPS}


def steps_for(settings: Settings, quick: bool = False) -> list[Step]:
    """The steps to ask, in order: optional ones the user switched off are left out."""
    if quick:
        return list(QUICK_STEPS)
    return [s for s in FULL_STEPS if s.group is None or settings.asks(s.group)]


# --- What a step shows first ---------------------------------------------------------


def current_value(step: Step, entry: Entry | None) -> Any:
    """The answer already in the file for this step, in the step's answer shape (or None)."""
    if entry is None:
        return None
    if step.path is not None:
        return entry.get(*step.path)
    if step.kind == "intake":
        raw = entry.doc.get("intake")
        return copy.deepcopy(raw) if isinstance(raw, list) else None
    if step.kind == "stools":
        gi = entry.section("gi")
        if gi is None:
            return None
        value: dict[str, Any] = {
            "stools": copy.deepcopy(gi.get("stools") or []),
            "no_bowel_movement": gi.get("no_bowel_movement") is True,
        }
        if isinstance(gi.get("laxative"), bool):
            value["laxative"] = gi["laxative"]
        return value
    if step.kind == "red_flags":
        table = entry.section("red_flags")
        if table is None:
            return None
        return {key: table.get(key) is True for key in RED_FLAGS}
    if step.kind == "notes":
        return entry.notes
    return None


def intake_default(day: date, recent: dict[date, Entry]) -> tuple[list[dict], date | None]:
    """The latest earlier day's doses (within a week), offered as today's; times left out.

    Only offered: nothing is written unless the user accepts the step.
    """
    for back in range(1, DEFAULT_INTAKE_LOOKBACK + 1):
        earlier = recent.get(day - timedelta(days=back))
        if earlier is not None and earlier.has_intake:
            doses = []
            for dose in earlier.doc["intake"]:
                offered = {k: copy.deepcopy(v) for k, v in dose.items() if k != "time"}
                doses.append(offered)
            return doses, earlier.day
    return [], None


# --- Applying answers ------------------------------------------------------------------


def apply_answers(entry: Entry, answers: dict[str, Any]) -> Entry:
    """A new entry: `entry` (untouched) with every answered step written in."""
    result = Entry(entry.day, copy.deepcopy(entry.doc))
    for step_id, value in answers.items():
        step = STEPS_BY_ID.get(step_id)
        if step is None or value is None:
            continue
        _apply(result, step, copy.deepcopy(value))
    return result


def _apply(entry: Entry, step: Step, value: Any) -> None:
    if step.path is not None:
        entry.set(*step.path, value)
    elif step.kind == "intake":
        entry.doc["intake"] = by_time(value)
    elif step.kind == "stools":
        gi = entry.doc.setdefault("gi", {})
        if value["stools"]:
            gi["stools"] = by_time(value["stools"])
            gi["no_bowel_movement"] = False
        elif value.get("no_bowel_movement"):
            gi["stools"] = []
            gi["no_bowel_movement"] = True
        if "laxative" in value:
            gi["laxative"] = value["laxative"]
        if not gi:
            del entry.doc["gi"]
    elif step.kind == "red_flags":
        table = entry.doc.setdefault("red_flags", {})
        table.update({key: bool(value.get(key)) for key in RED_FLAGS})
    elif step.kind == "notes":
        if value == entry.doc.get("notes"):
            return  # passed through untouched: kept byte for byte
        text = value.strip()
        if text:
            entry.doc["notes"] = text
        else:
            entry.doc.pop("notes", None)


def is_answer(step: Step, value: Any) -> bool:
    """Whether a widget's value says something (an untouched stools step says nothing)."""
    if value is None:
        return False
    if step.kind == "stools":
        return bool(value["stools"]) or bool(value.get("no_bowel_movement")) or "laxative" in value
    return True


# --- Checking what the user typed -----------------------------------------------------


def parse_number(step: Step, text: str) -> int | float:
    """The number typed in a step's box, exactly: a comma may be the decimal mark, the box's
    own unit may follow it ("7.5 h"); anything that would change the number (another unit,
    "1,500", a fraction of a whole-number box, out of range) is refused with a sentence
    saying what to type instead."""
    number, unit = split_unit(text)
    typed = strip_controls(text, one_line=True).strip()
    top = f" to {step.maximum:g}" if math.isfinite(step.maximum) else " or more"
    out_of_range = f"Please give a number from {step.minimum:g}{top}."
    if typed.startswith("-"):
        raise InputError(out_of_range)
    if unit and unit.rstrip(".").casefold() not in step.unit_words:
        word = unit.rstrip(".").casefold()
        size = next((size for words, size in step.other_units if word in words), None)
        if size is not None and number:
            value = read_number(number) * size
            raise InputError(f"'{typed}': this box is in {step.unit_label}. {number} {unit} "
                             f"is {value:g} {step.unit_label}: type {value:g}.")
        glass = " (a glass is about 250 ml)" if step.unit_label == "ml" else ""
        raise InputError(f"'{typed}': type only the number, in {step.unit_label}{glass}.")
    if not number:
        raise InputError(f"'{typed}' is not a number: type digits, e.g. "
                         f"{step.example.removeprefix('e.g. ')}.")
    value = read_number(number)
    if not math.isfinite(value) or not step.minimum <= value <= step.maximum:
        raise InputError(out_of_range)
    if step.integer and not value.is_integer():
        if step.unit_label == "ml":
            raise InputError(f"'{typed}': water is in whole millilitres ({value:g} ml looks "
                             f"like litres). For {value:g} litres type {value * 1000:g}.")
        raise InputError(f"'{typed}': type a whole number of {step.unit_label} here.")
    if value.is_integer():
        return round(value)
    return round(value, 2)


# --- Saying answers back --------------------------------------------------------------


def _fmt_number(value: float) -> str:
    return f"{value:g}"


def _unit(dose: dict) -> str:
    """"2 tablets", "1 (other unit)": the unit as it reads after the amount."""
    from fatiguelog.intaketext import unit_text

    amount = dose.get("amount")
    value = float(amount) if isinstance(amount, int | float) else 0.0
    return unit_text(value, str(dose.get("unit", "")))


def describe_dose(dose: dict) -> str:
    amount = _fmt_number(dose.get("amount", 0))
    text = f"{dose.get('substance', '?')} {amount} {_unit(dose)}"
    extra = [str(dose["form"])] if dose.get("form") else []
    if isinstance(dose.get("time"), time):
        extra.append(dose["time"].strftime("%H:%M"))
    return text + (f" ({', '.join(extra)})" if extra else "")


def describe_stool(stool: dict) -> str:
    bristol = stool.get("bristol")
    when = stool["time"].strftime("%H:%M") + " " if isinstance(stool.get("time"), time) else ""
    kind = f"type {bristol}" if bristol in BRISTOL else "type not given"
    flags = [label.lower() for flag, label in STOOL_FLAGS.items() if stool.get(flag) is True]
    return f"{when}{kind}" + (f", {', '.join(flags)}" if flags else "")


def describe(step: Step, value: Any) -> str:
    """One line a person reads on the review step."""
    if value is None:
        return "not answered"
    if step.kind == "rating":
        return f"{value} of 10"
    if step.kind == "yesno":
        return "yes" if value else "no"
    if step.kind == "number":
        return f"{_fmt_number(value)} {step.unit_label}".strip()
    if step.kind == "intake":
        return "; ".join(describe_dose(d) for d in value) if value else "nothing taken"
    if step.kind == "stools":
        parts = []
        if value["stools"]:
            parts.append(f"{len(value['stools'])}: " +
                         "; ".join(describe_stool(s) for s in value["stools"]))
        elif value.get("no_bowel_movement"):
            parts.append("none today")
        if "laxative" in value:
            parts.append("laxative taken" if value["laxative"] else "no laxative")
        return "; ".join(parts) or "not answered"
    if step.kind == "red_flags":
        checked = [RED_FLAGS[k] for k in RED_FLAGS if value.get(k)]
        return ", ".join(checked) if checked else "none"
    if step.kind == "notes":
        text = " ".join(value.split())
        return text if len(text) <= 60 else text[:57] + "..."
    return ""


# --- Drafts carry answers as TOML: keep only well-formed ones --------------------------


def clean_answers(raw: Any) -> dict[str, Any]:
    """The answers of a draft file that still make sense; anything odd is dropped."""
    if not isinstance(raw, dict):
        return {}
    out: dict[str, Any] = {}
    for step_id, value in raw.items():
        step = STEPS_BY_ID.get(step_id)
        if step is not None and _well_formed(step, value):
            out[step_id] = value
    return out


def _is_num(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _well_formed(step: Step, value: Any) -> bool:
    kind = step.kind
    if kind == "rating":
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10
    if kind == "yesno":
        return isinstance(value, bool)
    if kind == "number":
        return _is_num(value) and step.minimum <= value <= step.maximum
    if kind == "notes":
        return isinstance(value, str)
    if kind == "red_flags":
        return isinstance(value, dict) and all(isinstance(v, bool) for v in value.values())
    if kind == "intake":
        return isinstance(value, list) and all(
            isinstance(d, dict) and isinstance(d.get("substance"), str) and d["substance"].strip()
            and _is_num(d.get("amount")) and 0 < d["amount"] <= MAX_AMOUNT
            and d.get("unit") in UNITS
            for d in value)
    if kind == "stools":
        return (isinstance(value, dict) and isinstance(value.get("stools"), list)
                and all(isinstance(s, dict) and s.get("bristol") in BRISTOL
                        for s in value["stools"])
                and isinstance(value.get("no_bowel_movement", False), bool)
                and isinstance(value.get("laxative", False), bool))
    return False
