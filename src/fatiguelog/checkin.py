"""The guided check-in without a screen: its steps, their defaults, how answers land in an entry.

Answers are kept per step id, and only for steps the user actually answered: a skipped step has
no answer, so the file keeps whatever it had (nothing, for a new day). That is how "a skipped
question is an absent key, never a made-up zero" and "editing keeps what you skip" both hold.
Answers are applied onto a copy of the whole TOML document, so unknown keys survive.

Each kind of step is a class that knows its answer: where it is in the file (`current`), how
it is written in (`apply`), whether a value says something (`is_answer`) and makes sense
(`well_formed`, for drafts), and how it is said back (`describe`). The questions with one
answer (ratings, yes/no, numbers) come from `fatiguelog.vocabulary`, the built-in ones and the
user's own; the steps with several parts (doses, bowel movements, red flags, notes) are
declared here. Which view draws each kind is the UI's business (`ui.widgets.steps.view_for`).

Answer shapes, by step kind (also what a draft file stores):
- rating: int 0-10; yesno: bool; number: int or float; notes: str
- intake: list of dose tables (substance, amount, unit, optional form/time, unknown keys kept)
- stools: {"stools": [stool tables], "no_bowel_movement": bool, optional "laxative": bool}
- red_flags: {key: bool} for every known red flag
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from typing import Any, ClassVar, Final

from fatiguelog import vocabulary
from fatiguelog.model import BRISTOL, MAX_AMOUNT, MIN_AMOUNT, RED_FLAGS, STOOL_FLAGS, UNITS, Entry
from fatiguelog.records import InputError, by_time, read_number, split_unit
from fatiguelog.settings import Settings
from fatiguelog.textsafe import strip_controls
from fatiguelog.vocabulary import CUSTOM, Question, Vocabulary

#: How many days back the intake default may come from (a gap of a few crash days is common).
DEFAULT_INTAKE_LOOKBACK: Final = 7


def _is_num(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


@dataclass(frozen=True)
class Step:
    """One question on one screen. Subclasses are the kinds of step."""

    #: The kind's name (also what a test or a note may say); never dispatched on.
    kind: ClassVar[str] = ""

    id: str
    title: str
    group: str | None = None  # the settings switch (settings.OPTIONAL_STEPS) that can hide it
    help: str = ""
    label: str = ""  # short name for the review
    quick: bool = False  # the quick check-in asks it too

    def about(self, day_word: str) -> Step:
        """The question as asked of `day_word` ("today", or "that day" when backfilling)."""
        if day_word == "today":
            return self
        return replace(
            self,
            title=self.title.replace("today", day_word),
            help=self.help.replace("today", day_word),
            label=self.label.replace("today", day_word),
        )

    @property
    def short(self) -> str:
        return self.label or self.title

    # -- the answer ------------------------------------------------------------------------
    def current(self, entry: Entry) -> Any:
        """The answer already in the file for this step, in the step's answer shape (or None)."""
        return None

    def apply(self, entry: Entry, value: Any) -> None:
        """Write the answer `value` (never None) into `entry`."""

    def is_answer(self, value: Any) -> bool:
        """Whether a view's value says something (an untouched stools step says nothing)."""
        return value is not None

    def not_usable(self, value: Any) -> str:
        """Why a value found in the file can't be offered as this step's answer, in a few
        words ("outside 0-10"); "" when it can. (A file that breaks the format is refused
        before any step sees it: this is for answers the file may hold but the question can't
        take, such as a tracker's answer outside its scale.)"""
        return ""

    def well_formed(self, value: Any) -> bool:
        """Whether a value from a draft file still makes sense for this step."""
        return False

    def describe(self, value: Any) -> str:
        """One line a person reads on the review step (`value` is never None)."""
        return ""

    def items(self, value: Any) -> list[Any]:
        """The things listed in an answer of a list step (nothing for the others)."""
        return []

    #: What one listed thing is called ("bowel movement"); "" for steps that list nothing.
    noun: ClassVar[str] = ""


# --- Questions with one answer: from the vocabulary ---------------------------------------


@dataclass(frozen=True)
class QuestionStep(Step):
    """A question of the vocabulary: its answer is one value at its key path."""

    question: Question | None = None

    @property
    def q(self) -> Question:
        assert self.question is not None
        return self.question

    @property
    def path(self) -> tuple[str, str]:
        return self.q.path

    def current(self, entry: Entry) -> Any:
        return entry.get(*self.q.path)

    def apply(self, entry: Entry, value: Any) -> None:
        entry.set(*self.q.path, value)

    def not_usable(self, value: Any) -> str:
        return self.q.not_used(value)

    def about(self, day_word: str) -> Step:
        """As `Step.about`, but the user's own question keeps its words as the user wrote
        them ("Period today" stays so for a past day): only our help around it changes."""
        if self.question is None or self.q.section != vocabulary.CUSTOM or day_word == "today":
            return super().about(day_word)
        return replace(self, help=self.help.replace("today", day_word))


@dataclass(frozen=True)
class RatingStep(QuestionStep):
    kind: ClassVar[str] = "rating"

    @property
    def scale(self) -> str:
        """Which way a 0-10 scale runs, said every time a rating is asked."""
        return self.q.scale

    @staticmethod
    def parse(typed: str) -> int:
        """The rating `typed` is; `InputError` (saying the rule) when it is none."""
        if typed.isascii() and typed.isdigit() and int(typed) <= 10:
            return int(typed)
        raise InputError(
            f"'{strip_controls(typed, one_line=True)}' is not a rating: ratings "
            "go from 0 to 10, in whole numbers. Backspace corrects it."
        )

    def well_formed(self, value: Any) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10

    def describe(self, value: Any) -> str:
        return f"{value} of 10"


@dataclass(frozen=True)
class YesNoStep(QuestionStep):
    kind: ClassVar[str] = "yesno"

    def well_formed(self, value: Any) -> bool:
        return isinstance(value, bool)

    def describe(self, value: Any) -> str:
        return "yes" if value else "no"


@dataclass(frozen=True)
class NumberStep(QuestionStep):
    kind: ClassVar[str] = "number"

    @property
    def minimum(self) -> float:
        return self.q.minimum

    @property
    def maximum(self) -> float:
        return self.q.maximum

    @property
    def integer(self) -> bool:
        return self.q.integer

    @property
    def unit_label(self) -> str:
        return self.q.unit

    @property
    def example(self) -> str:
        return self.q.example

    @property
    def unit_words(self) -> tuple[str, ...]:
        """Words for the box's own unit, accepted after the number ("7.5 h", "500 ml")."""
        return self.q.unit_words

    @property
    def other_units(self) -> tuple[tuple[tuple[str, ...], float], ...]:
        """Other units a person may type, with their size in this box's unit: refused with
        the number to type instead ("1.5 l" in millilitres: "type 1500")."""
        return self.q.other_units

    def parse(self, text: str) -> int | float:
        """The number typed in the box, exactly: a comma may be the decimal mark, the box's
        own unit may follow it ("7.5 h"); anything that would change the number (another
        unit, "1,500", a fraction of a whole-number box, out of range) is refused with a
        sentence saying what to type instead."""
        typed = strip_controls(text, one_line=True).strip()
        out_of_range = f"Please give a number {self.q.limits}."
        negative = typed.startswith("-")
        if negative:
            if self.minimum >= 0:
                raise InputError(out_of_range)
            text = typed[1:]
        number, unit = split_unit(text)
        unit_name = self.unit_label or "this box's unit"
        if unit and unit.rstrip(".").casefold() not in self.unit_words:
            word = unit.rstrip(".").casefold()
            size = next((size for words, size in self.other_units if word in words), None)
            if size is not None and number:
                value = read_number(number) * size
                raise InputError(
                    f"'{typed}': this box is in {unit_name}. {number} {unit} "
                    f"is {value:g} {unit_name}: type {value:g}."
                )
            glass = " (a glass is about 250 ml)" if self.unit_label == "ml" else ""
            only = f", in {unit_name}" if self.unit_label else ""
            raise InputError(f"'{typed}': type only the number{only}{glass}.")
        if not number:
            example = self.example.removeprefix("e.g. ")
            raise InputError(
                f"'{typed}' is not a number: type digits"
                + (f", e.g. {example}." if example else ".")
            )
        value = read_number(number) * (-1 if negative else 1)
        if not math.isfinite(value) or not self.minimum <= value <= self.maximum:
            raise InputError(out_of_range)
        if self.integer and not value.is_integer():
            if self.unit_label == "ml":
                raise InputError(
                    f"'{typed}': water is in whole millilitres ({value:g} ml looks "
                    f"like litres). For {value:g} litres type {value * 1000:g}."
                )
            raise InputError(f"'{typed}': type a whole number of {unit_name} here.")
        if value.is_integer():
            return round(value)
        return round(value, 2)

    def well_formed(self, value: Any) -> bool:
        return _is_num(value) and self.minimum <= value <= self.maximum

    def describe(self, value: Any) -> str:
        return f"{_fmt_number(value)} {self.unit_label}".strip()


#: The step class for each kind of question.
QUESTION_STEPS: Final[dict[str, type[QuestionStep]]] = {
    "rating": RatingStep,
    "yesno": YesNoStep,
    "number": NumberStep,
}


def question_step(question: Question) -> QuestionStep:
    """The check-in step that asks `question`."""
    return QUESTION_STEPS[question.kind](
        question.step_id,
        question.asked_as,
        question.group,
        question.help,
        question.label,
        question.quick,
        question,
    )


# --- Steps with several parts ----------------------------------------------------------------


@dataclass(frozen=True)
class IntakeStep(Step):
    kind: ClassVar[str] = "intake"
    noun: ClassVar[str] = "dose"

    def current(self, entry: Entry) -> Any:
        raw = entry.doc.get("intake")
        return copy.deepcopy(raw) if isinstance(raw, list) else None

    def apply(self, entry: Entry, value: Any) -> None:
        entry.doc["intake"] = by_time(value)

    def items(self, value: Any) -> list[Any]:
        return list(value or [])

    def well_formed(self, value: Any) -> bool:
        return isinstance(value, list) and all(
            isinstance(d, dict)
            and isinstance(d.get("substance"), str)
            and d["substance"].strip()
            and _is_num(d.get("amount"))
            and MIN_AMOUNT <= d["amount"] <= MAX_AMOUNT
            and d.get("unit") in UNITS
            for d in value
        )

    def describe(self, value: Any) -> str:
        return "; ".join(describe_dose(d) for d in value) if value else "nothing taken"


@dataclass(frozen=True)
class StoolsStep(Step):
    kind: ClassVar[str] = "stools"
    noun: ClassVar[str] = "bowel movement"

    def current(self, entry: Entry) -> Any:
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

    def apply(self, entry: Entry, value: Any) -> None:
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

    def is_answer(self, value: Any) -> bool:
        if value is None:
            return False
        return bool(value["stools"]) or bool(value.get("no_bowel_movement")) or "laxative" in value

    def items(self, value: Any) -> list[Any]:
        return list((value or {}).get("stools") or [])

    def well_formed(self, value: Any) -> bool:
        return (
            isinstance(value, dict)
            and isinstance(value.get("stools"), list)
            and all(isinstance(s, dict) and s.get("bristol") in BRISTOL for s in value["stools"])
            and isinstance(value.get("no_bowel_movement", False), bool)
            and isinstance(value.get("laxative", False), bool)
        )

    def describe(self, value: Any) -> str:
        parts = []
        if value["stools"]:
            parts.append(
                f"{len(value['stools'])}: " + "; ".join(describe_stool(s) for s in value["stools"])
            )
        elif value.get("no_bowel_movement"):
            parts.append("none today")
        if "laxative" in value:
            parts.append("laxative taken" if value["laxative"] else "no laxative")
        return "; ".join(parts) or "not answered"


@dataclass(frozen=True)
class RedFlagsStep(Step):
    kind: ClassVar[str] = "red_flags"

    def current(self, entry: Entry) -> Any:
        table = entry.section("red_flags")
        if table is None:
            return None
        return {key: table.get(key) is True for key in RED_FLAGS}

    def apply(self, entry: Entry, value: Any) -> None:
        table = entry.doc.setdefault("red_flags", {})
        table.update({key: bool(value.get(key)) for key in RED_FLAGS})

    def well_formed(self, value: Any) -> bool:
        return isinstance(value, dict) and all(isinstance(v, bool) for v in value.values())

    def describe(self, value: Any) -> str:
        checked = [RED_FLAGS[k] for k in RED_FLAGS if value.get(k)]
        return ", ".join(checked) if checked else "none"


@dataclass(frozen=True)
class NotesStep(Step):
    kind: ClassVar[str] = "notes"

    def current(self, entry: Entry) -> Any:
        return entry.notes

    def apply(self, entry: Entry, value: Any) -> None:
        if value == entry.doc.get("notes"):
            return  # passed through untouched: kept byte for byte
        text = value.strip()
        if text:
            entry.doc["notes"] = text
        else:
            entry.doc.pop("notes", None)

    def well_formed(self, value: Any) -> bool:
        return isinstance(value, str)

    def describe(self, value: Any) -> str:
        text = " ".join(value.split())
        return text if len(text) <= 60 else text[:57] + "..."


@dataclass(frozen=True)
class ReviewStep(Step):
    """Every answer in words before saving; it has no answer of its own."""

    kind: ClassVar[str] = "review"


INTAKE = IntakeStep(
    "intake",
    "What did you take today?",
    "intake",
    help="Any substance, medicine or supplement, one line per dose.",
    label="Intake",
)
STOOLS = StoolsStep(
    "stools",
    "Bowel movements today",
    help="Add each one (Bristol type 1-7), or say none today.",
    label="Bowel movements",
    quick=True,
)
RED = RedFlagsStep(
    "red_flags",
    "Any of these today?",
    help="Check any that happened today; n if none of them did.",
    label="Red flags",
    quick=True,
)
NOTES = NotesStep(
    "notes",
    "Anything else to note?",
    "notes",
    help="Free text, kept private; left out of exports unless you ask.",
    label="Notes",
)
REVIEW = ReviewStep("review", "Review and save")

#: The check-in in order: a section's name stands for its questions in the vocabulary (a
#: question added there is asked with its section), `custom` for the user's own.
ORDER: Final[tuple[str | Step, ...]] = (
    "symptoms",
    CUSTOM,
    "sleep",
    "activity",
    INTAKE,
    STOOLS,
    "gi",
    "diet",
    RED,
    NOTES,
    REVIEW,
)


def all_steps(questions: Vocabulary | None = None, every: bool = False) -> list[Step]:
    """Every step of the full check-in, switched off or not, for `questions` (default: the
    built-in ones); `every`: the questions no longer asked too (a tracker switched off or
    removed from settings, for showing a past day's answers)."""
    questions = vocabulary.BUILT_IN if questions is None else questions
    steps: list[Step] = []
    for part in ORDER:
        if isinstance(part, Step):
            steps.append(part)
        else:
            steps += [question_step(q) for q in questions.in_section(part) if every or q.asked]
    return steps


def steps_for(settings: Settings, quick: bool = False) -> list[Step]:
    """The steps to ask, in order: optional ones the user switched off are left out, and the
    user's own questions (switched on) come after the built-in symptoms."""
    steps = all_steps(vocabulary.with_trackers(settings.trackers))
    if quick:
        return [s for s in steps if s.quick]
    return [s for s in steps if s.group is None or settings.asks(s.group)]


FULL_STEPS: Final = tuple(all_steps())
STEPS_BY_ID: Final = {step.id: step for step in FULL_STEPS}
FATIGUE, PEM, SLEEP_HOURS, QUALITY, FIBER, WATER, CRASH = (
    STEPS_BY_ID[i]
    for i in ("fatigue", "pem", "sleep_hours", "quality", "fiber_servings", "water_ml", "crash")
)


# --- What a step shows first ---------------------------------------------------------


def current_value(step: Step, entry: Entry | None) -> Any:
    """The answer already in the file for this step, in the step's answer shape: what the
    step offers to keep. None when there is none, or when the file's value can't be an answer
    to it (a 12 on a 0-10 rating: see `unusable`), which is never offered as one."""
    if entry is None:
        return None
    value = step.current(entry)
    return None if value is None or step.not_usable(value) else value


def _unusable(step: Step, entry: Entry | None) -> tuple[str, str] | None:
    """(the file's value as found, why it can't be an answer to `step`), or None."""
    value = None if entry is None else step.current(entry)
    why = "" if value is None else step.not_usable(value)
    return (as_found(value), why) if why else None


def unusable(step: Step, entry: Entry | None) -> str:
    """The file's value for `step` when it can't be an answer to it, with why: "12 (outside
    0-10)"; "" when there is none or it is usable. The check-ins say it and never offer it;
    going on without answering leaves it in the file as it is."""
    found = _unusable(step, entry)
    return f"{found[0]} ({found[1]})" if found else ""


def unusable_said(step: Step, entry: Entry | None) -> str:
    """ "Saved before: 12, which can't be used (outside 0-10)", as both check-ins say it when
    they show the step; "" when the file's value is usable or absent."""
    found = _unusable(step, entry)
    return f"Saved before: {found[0]}, which can't be used ({found[1]})" if found else ""


def as_found(value: object) -> str:
    """A value as the file holds it, for saying one that doesn't fit its question: a number
    as written, text in quotes (cut short, control characters removed), anything else by its
    kind."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, str):
        text = strip_controls(value, one_line=True)
        return f'"{text[:30]}…"' if len(text) > 30 else f'"{text}"'
    return "a list" if isinstance(value, list) else "a table"


def kept_words(step: Step, entry: Entry | None) -> str | None:
    """What the file keeps for a step this check-in leaves alone, for the review: "4 of 10
    (saved before, kept)", "12 (outside 0-10) saved before, not usable: left as it is"; None
    when it keeps nothing (the step is skipped)."""
    kept = current_value(step, entry)
    if kept is not None:
        return f"{describe(step, kept)} (saved before, kept)"
    found = unusable(step, entry)
    return f"{found} saved before, not usable: left as it is" if found else None


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


def _by_id(steps: Iterable[Step] | None) -> dict[str, Step]:
    if steps is None:
        return {step.id: step for step in all_steps()}
    return {step.id: step for step in steps}


def apply_answers(
    entry: Entry, answers: dict[str, Any], steps: Sequence[Step] | None = None
) -> Entry:
    """A new entry: `entry` (untouched) with every answered step of `steps` (default: the
    built-in ones) written in."""
    result = Entry(entry.day, copy.deepcopy(entry.doc))
    known = _by_id(steps)
    for step_id, value in answers.items():
        step = known.get(step_id)
        if step is None or value is None:
            continue
        step.apply(result, copy.deepcopy(value))
    return result


def is_answer(step: Step, value: Any) -> bool:
    """Whether a widget's value says something (an untouched stools step says nothing)."""
    return step.is_answer(value)


# --- Checking what the user typed -----------------------------------------------------


def parse_number(step: NumberStep, text: str) -> int | float:
    """The number typed in a number step's box (see `NumberStep.parse`)."""
    return step.parse(text)


# --- Saying answers back --------------------------------------------------------------


def _fmt_number(value: float) -> str:
    return f"{value:g}"


def _unit(dose: dict) -> str:
    """ "2 tablets", "1 (other unit)": the unit as it reads after the amount."""
    from fatiguelog.wording import unit_text

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
    return "not answered" if value is None else step.describe(value)


# --- Drafts carry answers as TOML: keep only well-formed ones --------------------------


def clean_answers(raw: Any, steps: Sequence[Step] | None = None) -> dict[str, Any]:
    """The answers of a draft file that still make sense; anything odd is dropped. Without
    `steps` (a draft read before the settings are), an answer to one of the user's own
    questions is kept when it is true/false or a number: the check-in that opens it checks
    it against the question again."""
    if not isinstance(raw, dict):
        return {}
    known = _by_id(steps)
    out: dict[str, Any] = {}
    for step_id, value in raw.items():
        step = known.get(step_id)
        if step is not None:
            if step.well_formed(value):
                out[step_id] = value
        elif (
            steps is None
            and step_id.startswith(f"{CUSTOM}.")
            and (isinstance(value, bool) or _is_num(value))
        ):
            out[step_id] = value
    return out


__all__ = [
    "FULL_STEPS",
    "INTAKE",
    "NOTES",
    "ORDER",
    "RED",
    "REVIEW",
    "STOOLS",
    "IntakeStep",
    "NotesStep",
    "NumberStep",
    "QuestionStep",
    "RatingStep",
    "RedFlagsStep",
    "ReviewStep",
    "Step",
    "StoolsStep",
    "YesNoStep",
    "all_steps",
    "apply_answers",
    "as_found",
    "clean_answers",
    "current_value",
    "describe",
    "intake_default",
    "is_answer",
    "kept_words",
    "question_step",
    "steps_for",
    "unusable",
    "unusable_said",
]
