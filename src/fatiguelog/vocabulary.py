"""Every question of the diary, declared once: the one list the rest of the app reads.

A question is a single answer with a home in an entry (`symptoms.fatigue`, `sleep.hours`, a
user's own `custom.<key>`): its key path, its kind (a 0-10 rating, yes/no or a number), its
label and the words for the ends of its scale, its limits and unit, whether it is charted,
which settings switch hides it, and whether the quick check-in asks it too. From this list
come the file checks (`validate`), the check-in's steps (`checkin`), the day table and its
series (`analysis`), the names said in merge and import messages, the CSV columns, the JSON
figures, the import targets and every chart. Adding a built-in question is one line in
`QUESTIONS` (plus its words in the docs); it goes where its section goes.

The user's own trackers (settings `[[trackers]]`) become the same `Question`, under
`custom`; a `custom` key found in a file but no longer in the settings is a question too,
shown by its key, so a tracker removed from settings keeps its history.

Answers made of several parts (bowel movements, doses, the red-flag list, notes) are not
questions here: their steps are written out in `checkin`.

No Textual, and nothing heavier than `model` (the file-format constants): `validate` imports
this on every start-up of every command.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from fatiguelog.model import MAX_AMOUNT, MAX_HOURS, RED_FLAGS

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `fatiguelog log` never imports typing
if TYPE_CHECKING:
    from typing import Final, NamedTuple

    from fatiguelog.settings import Tracker
else:
    from fatiguelog.ntuple import NamedTuple

#: The kinds of question: what an answer is, in the file and on screen.
KINDS: Final = ("rating", "yesno", "number")
#: Where the user's own answers live in an entry.
CUSTOM: Final = "custom"
#: Which way one of the user's own ratings may run (settings `higher = ...`).
OWN_DIRECTIONS: Final = ("worse", "better")
#: Which way a rating runs, in words said every time it is asked.
DIRECTIONS: Final = {
    "worse": "higher is worse",
    "better": "higher is better",
    "more": "higher is more",
}


class Question(NamedTuple):
    """One question with one answer in an entry (see the module's docstring)."""

    path: tuple[str, str]  # where the answer lives: (section, key)
    kind: str  # rating (0-10, whole numbers) | yesno | number
    label: str  # its name on screen and in tables: "Fatigue", "Hours of sleep"
    short: str = ""  # its name on a chart ("PEM", "Sleep"); default: the label
    name: str = ""  # its name in a sentence ("PEM", "hours of sleep"); default: label, lower
    title: str = ""  # the question as the check-in asks it; default: the label
    step: str = ""  # the check-in step's id (drafts keep answers by it); default: the key
    series: str = ""  # the key of its daily series and figures; default: the key
    help: str = ""  # a line under the question (numbers, yes/no)
    # Ratings: which way the scale runs, and what its ends mean (said on screen every time).
    higher: str = "worse"  # worse | better | more
    low: str = "none"
    high: str = "worst imaginable"
    # Numbers: the unit, what a person can answer, and what a file may hold at most.
    unit: str = ""
    minimum: float = 0
    maximum: float = math.inf
    integer: bool = False
    example: str = ""  # a placeholder for the typed number, e.g. "e.g. 6.5"
    #: Words for its own unit, accepted after the number ("7.5 h", "500 ml").
    unit_words: tuple[str, ...] = ()
    #: Other units a person may type, with their size in this unit: refused with the number
    #: to type instead ("1.5 l" in millilitres: "type 1500").
    other_units: tuple[tuple[tuple[str, ...], float], ...] = ()
    file_max: float = MAX_AMOUNT  # numbers: larger is absurd, a problem of its file
    chart_top: float = 0  # numbers: the chart's scale reaches at least this high
    # Where it is asked.
    group: str | None = None  # the settings switch that can hide it (settings.OPTIONAL_STEPS)
    quick: bool = False  # the quick check-in asks it too
    asked: bool = True  # False: a tracker switched off (`ask = false`), or no longer declared
    chart: bool = False  # drawn in the trend view, `trends --print` and the HTML export
    declared: bool = True  # False: a `custom` key found in a file, not in the settings
    #: Added to the file format after its version 1 (entry-format.md, "Added"): older versions
    #: keep it as an unknown key, so a value there this version can't take (`crash = "yes"`)
    #: is a problem of that answer alone, as a tracker's is (`validate.answer_issues`): the
    #: rest of its day is read, the answer is left out of every figure. A problem of a
    #: version-1 answer (`fatigue = 11`) is its whole file's.
    added: bool = False
    #: Other names other trackers give it, for imports ("tiredness" for fatigue): its label,
    #: short name, name and key are known without saying. A rating, higher is worse, is
    #: matched by those names; another kind only by the names given here.
    also_called: tuple[str, ...] = ()

    # -- names -------------------------------------------------------------------------------
    @property
    def section(self) -> str:
        return self.path[0]

    @property
    def key(self) -> str:
        return self.path[1]

    @property
    def dotted(self) -> str:
        """`symptoms.fatigue`: the key path as the file says it (and the CSV column)."""
        return f"{self.path[0]}.{self.path[1]}"

    @property
    def step_id(self) -> str:
        return self.step or (self.dotted if self.section == CUSTOM else self.key)

    @property
    def series_key(self) -> str:
        return self.series or (self.dotted if self.section == CUSTOM else self.key)

    @property
    def chart_name(self) -> str:
        return self.short or self.label

    @property
    def said(self) -> str:
        """Its name in a sentence: "fatigue", "PEM", "hours of sleep"."""
        return self.name or (self.label if self.section == CUSTOM else self.label.lower())

    @property
    def asked_as(self) -> str:
        return self.title or self.label

    # -- its scale, in words -----------------------------------------------------------------
    @property
    def direction(self) -> str:
        """ "higher is worse" (ratings; "" for other kinds)."""
        return DIRECTIONS.get(self.higher, "") if self.kind == "rating" else ""

    @property
    def scale(self) -> str:
        """What the ends of a 0-10 scale mean and which way it runs ("" for other kinds)."""
        if self.kind != "rating":
            return ""
        return f"0 = {self.low}, 10 = {self.high} ({self.direction})"

    @property
    def scale_note(self) -> str:
        """The scale in a few words, beside a chart: "0-10, higher is worse", "hours"."""
        if self.kind == "rating":
            # Exertion is how much was done: neither better nor worse, so only the range.
            return "0-10" if self.higher == "more" else f"0-10, {self.direction}"
        if self.kind == "yesno":
            return "days marked yes"
        return self.unit or "a number"

    @property
    def kind_words(self) -> str:
        """What an answer is, in words for a list of questions: "0-10, higher is worse",
        "yes or no", "a number in bpm"."""
        if self.kind == "rating":
            return f"0-10, {self.direction}"
        if self.kind == "yesno":
            return "yes or no"
        return f"a number in {self.unit}" if self.unit else "a number"

    @property
    def series_label(self) -> str:
        """Its series named with its scale: "Fatigue (0-10, higher is worse)", "Sleep hours"
        (a unit its name says already is not said twice)."""
        if self.kind == "number" and self.unit and self.unit in self.chart_name.lower():
            return self.chart_name
        return f"{self.chart_name} ({self.scale_note})"

    @property
    def chart_scale(self) -> tuple[float, float] | None:
        """The fixed range of its chart (None: the answers' own range)."""
        if self.kind == "rating":
            return (0, 10)
        if self.kind == "yesno":
            return (0, 1)
        return (self.minimum, self.chart_top) if self.chart_top else None

    @property
    def limits(self) -> str:
        """What a person can answer, in words: "from 0 to 24", "of 0 or more"."""
        if math.isfinite(self.maximum):
            return f"from {self.minimum:g} to {self.maximum:g}"
        return f"of {self.minimum:g} or more"

    # -- an answer -----------------------------------------------------------------------------
    def fits(self, value: object) -> bool:
        """Whether `value` is an answer of this kind (a rating 0-10, true/false, a finite
        number). One of the user's own numbers must also be within the tracker's lowest and
        highest as the settings say now: an answer outside them (a typo, `500` bpm) is left
        out of every figure, shown as "not used" on its day and reported by `check`. (Built-in
        numbers are checked with their file: `validate.entry_issues`.)"""
        if self.kind == "yesno":
            return type(value) is bool
        if self.kind == "rating":
            return type(value) is int and 0 <= value <= 10
        if type(value) not in (int, float) or not math.isfinite(value):  # type: ignore[arg-type]
            return False
        if self.section != CUSTOM:
            return True
        number = float(value)  # type: ignore[arg-type]
        return self.minimum <= number <= self.maximum and (not self.integer or number.is_integer())

    def not_used(self, value: object) -> str:
        """Why `value` is not an answer to this question, in a few words ("outside 30-220",
        "not yes or no"); "" when it fits."""
        if self.fits(value):
            return ""
        if self.kind == "yesno":
            return "not yes or no"
        number = type(value) in (int, float) and math.isfinite(value)  # type: ignore[arg-type]
        if self.kind == "rating":
            if number and 0 <= value <= 10:  # type: ignore[operator]
                return "not a whole number from 0 to 10"
            return "outside 0-10" if number else "not a number from 0 to 10"
        if not number:
            return "not a number"
        if self.integer and float(value).is_integer() is False:  # type: ignore[arg-type]
            return "not a whole number"
        if math.isfinite(self.maximum):
            return f"outside {self.minimum:g}-{self.maximum:g}"
        return f"below {self.minimum:g}"


class Vocabulary:
    """The questions of one diary, in the order they are asked: the built-in ones, then the
    user's own, then `custom` keys found in files and no longer declared."""

    __slots__ = ("_by_path", "questions")

    def __init__(self, questions: Iterable[Question]):
        self.questions: tuple[Question, ...] = tuple(questions)
        self._by_path = {q.path: q for q in self.questions}

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions)

    def __len__(self) -> int:
        return len(self.questions)

    def __repr__(self) -> str:
        return f"Vocabulary({[q.dotted for q in self.questions]})"

    def find(self, path: tuple[str, ...]) -> Question | None:
        return self._by_path.get(path)  # type: ignore[arg-type]

    def in_section(self, *sections: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.section in sections)

    def ratings(self, section: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.section == section and q.kind == "rating")

    @property
    def custom(self) -> tuple[Question, ...]:
        """The user's own questions: declared in settings, then found in files."""
        return self.in_section(CUSTOM)

    @property
    def charted(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.chart)

    def with_found(self, keys: dict[str, str]) -> Vocabulary:
        """This vocabulary plus the `custom` keys found in files (key -> kind) that it does
        not declare: shown by their key."""
        extra = [
            found_question(key, kind)
            for key, kind in sorted(keys.items())
            if (CUSTOM, key) not in self._by_path
        ]
        return self if not extra else Vocabulary((*self.questions, *extra))


# --- The built-in questions, in the order the check-in asks them within their section ------
# (the sections' places among the other steps: `checkin.ORDER`).

QUESTIONS: Final[tuple[Question, ...]] = (
    Question(
        ("symptoms", "fatigue"),
        "rating",
        "Fatigue",
        quick=True,
        chart=True,
        also_called=("tiredness", "exhaustion"),
    ),
    Question(
        ("symptoms", "pem"),
        "rating",
        "Post-exertional malaise (PEM) today",
        short="PEM",
        name="PEM",
        chart=True,
        also_called=("post exertional malaise", "post exertional malaise (PEM)"),
    ),
    Question(("symptoms", "pain"), "rating", "Pain", also_called=("general pain",)),
    Question(("symptoms", "brain_fog"), "rating", "Brain fog", low="clear"),
    Question(
        ("symptoms", "unrefreshing_sleep"),
        "yesno",
        "Unrefreshing sleep",
        title="Did you wake up unrefreshed?",
        help="Unrefreshing sleep: still exhausted after a night's sleep.",
    ),
    Question(
        ("symptoms", "crash"),
        "yesno",
        "PEM crash",
        name="crash day",
        title="Is today a PEM crash day?",
        quick=True,
        chart=True,
        added=True,
        also_called=("crash", "PEM crash"),
        help="A crash: far worse than your usual after doing too much. y or n.",
    ),
    Question(
        ("sleep", "hours"),
        "number",
        "Hours of sleep",
        short="Sleep hours",
        title="How many hours did you sleep?",
        step="sleep_hours",
        series="sleep_hours",
        group="sleep",
        unit="hours",
        maximum=MAX_HOURS,
        file_max=MAX_HOURS,
        example="e.g. 6.5",
        help="A number from 0 to 24, e.g. 6.5",
        unit_words=("h", "hr", "hrs", "hour", "hours"),
        other_units=((("min", "mins", "minute", "minutes"), 1 / 60),),
        chart=True,
        chart_top=12,
    ),
    Question(
        ("sleep", "quality"),
        "rating",
        "Sleep quality",
        series="sleep_quality",
        group="sleep",
        higher="better",
        low="very poor",
        high="excellent",
        chart=True,
    ),
    Question(
        ("activity", "exertion"),
        "rating",
        "Exertion today",
        short="Exertion",
        name="exertion",
        group="exertion",
        higher="more",
        low="rested all day",
        high="far too much",
        chart=True,
    ),
    Question(
        ("gi", "abdominal_pain"),
        "rating",
        "Stomach pain",
        group="stomach",
        also_called=("abdominal pain", "stomach ache", "stomachache", "belly pain"),
    ),
    Question(("gi", "bloating"), "rating", "Bloating", group="stomach"),
    Question(("gi", "nausea"), "rating", "Nausea", group="stomach"),
    Question(
        ("diet", "fiber_servings"),
        "number",
        "Fibre",
        name="fibre servings",
        title="Servings of fibre-rich food today",
        group="diet",
        unit="servings",
        maximum=100,
        example="e.g. 3",
        help="Fruit, vegetables, wholegrains, beans: a serving is a handful. 0 or more.",
        unit_words=("serving", "servings"),
    ),
    Question(
        ("diet", "water_ml"),
        "number",
        "Water",
        name="water (ml)",
        title="How much water did you drink?",
        group="diet",
        unit="ml",
        maximum=20000,
        integer=True,
        example="e.g. 1500",
        help="In millilitres: a glass is about 250 ml.",
        unit_words=("ml", "millilitre", "millilitres", "milliliter", "milliliters"),
        other_units=(
            (("l", "litre", "litres", "liter", "liters"), 1000),
            (("dl",), 100),
            (("cl",), 10),
        ),
    ),
)

#: The built-in questions. Read it as `vocabulary.BUILT_IN` when it is needed (not imported by
#: name), so a test can declare one more question for the whole app.
BUILT_IN: Vocabulary = Vocabulary(QUESTIONS)


# --- The user's own questions -------------------------------------------------------------

_ENDS: Final = {"worse": ("none", "worst imaginable"), "better": ("very poor", "excellent")}
_YOURS: Final = "One of your own questions (settings.toml)."


def tracker_question(tracker: Tracker) -> Question:
    """A tracker of the settings (`[[trackers]]`) as a question under `custom`."""
    path = (CUSTOM, tracker.key)
    if tracker.kind == "rating":
        bottom, top = _ENDS.get(tracker.higher, _ENDS["worse"])
        return Question(
            path,
            "rating",
            tracker.label,
            higher=tracker.higher,
            low=bottom,
            high=top,
            asked=tracker.ask,
            chart=True,
        )
    if tracker.kind == "yesno":
        return Question(
            path,
            "yesno",
            tracker.label,
            help=f"{_YOURS} y for yes, n for no.",
            asked=tracker.ask,
            chart=True,
        )
    low = 0.0 if tracker.minimum is None else float(tracker.minimum)
    high = math.inf if tracker.maximum is None else float(tracker.maximum)
    unit = tracker.unit
    example = f"e.g. {(low + high) / 2:g}" if math.isfinite(high) else ""
    in_unit = f", in {unit}" if unit else ""
    question = Question(
        path,
        "number",
        tracker.label,
        unit=unit,
        minimum=low,
        maximum=high,
        example=example,
        unit_words=(unit.casefold(),) if unit else (),
        asked=tracker.ask,
        chart=True,
    )
    return question._replace(help=f"A number {question.limits}{in_unit}. {_YOURS}")


def found_question(key: str, kind: str) -> Question:
    """A `custom` key found in a file that the settings don't declare (a tracker removed
    since): its answers still show, named by their key. `kind`: yesno or number."""
    return Question(
        (CUSTOM, key),
        "yesno" if kind == "yesno" else "number",
        key,
        asked=False,
        chart=True,
        declared=False,
        minimum=-MAX_AMOUNT,
        maximum=MAX_AMOUNT,
    )


def with_trackers(trackers: Sequence[Tracker] = ()) -> Vocabulary:
    """The built-in questions, then the user's own (asked after the built-in symptoms)."""
    return _with(BUILT_IN, tuple(trackers))


@lru_cache(maxsize=8)
def _with(base: Vocabulary, trackers: tuple[Tracker, ...]) -> Vocabulary:
    if not trackers:
        return base
    return Vocabulary((*base.questions, *(tracker_question(t) for t in trackers)))


# --- Short names of every answer, for sentences ------------------------------------------

#: Answers that are not questions here (several parts, or asked on a step of their own).
OTHER_NAMES: Final[dict[tuple[str, ...], str]] = {
    ("gi", "stools"): "bowel movements",
    ("gi", "no_bowel_movement"): "'no bowel movement today'",
    ("gi", "laxative"): "laxative",
    ("intake",): "doses",
    ("notes",): "notes",
    **{("red_flags", key): f"red flag '{label.lower()}'" for key, label in RED_FLAGS.items()},
}


def key_label(path: tuple[str, ...], questions: Vocabulary | None = None) -> str:
    """'fatigue' for ("symptoms", "fatigue"), a tracker's label for its `custom` key (when
    `questions` declares it); a key this version doesn't name: its dotted path."""
    found = (BUILT_IN if questions is None else questions).find(path)
    if found is None and questions is not None:
        found = BUILT_IN.find(path)
    if found is not None:
        return found.said
    return OTHER_NAMES.get(path, ".".join(path))


__all__ = [
    "BUILT_IN",
    "CUSTOM",
    "KINDS",
    "OWN_DIRECTIONS",
    "QUESTIONS",
    "Question",
    "Vocabulary",
    "found_question",
    "key_label",
    "tracker_question",
    "with_trackers",
]
