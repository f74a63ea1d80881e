"""The words every view shares, said once: titles, flag levels, "not a diagnosis", numbers
and amounts, the periods offered, and an answer said in a few plain words.

Home, the trend view, `trends --print`, the export screen and every export take these from
here, so they say the same thing the same way ("mean 4.0" everywhere, "! WARNING" on every
screen, one "not a diagnosis"). Plain strings only: each view escapes, wraps or styles them.

Cheap to import on purpose, below everything that says something: no Textual, no Rich, no
analysis (the summary's types are for annotations only), not even `typing` at run time (nor
`textsafe`'s patterns until an answer is said), so the command-line parser can take its
defaults from here without slowing `fatiguelog path` or `log`.
"""

from __future__ import annotations

from datetime import date, time

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing costs the parser 2 ms
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, Final

    from fatiguelog.analysis.summary import AnswerStats
    from fatiguelog.vocabulary import Question

# --- titles (each used by more than one view) -----------------------------------------------
TRENDS_TITLE: Final = "Trends"
SUMMARY_TITLE: Final = "Appointment summary"
DISCUSS_TITLE: Final = "What I want to discuss"
PEM_TITLE: Final = "Delayed post-exertional malaise (PEM)"

# --- flag levels ----------------------------------------------------------------------------
#: Each level named once: its word (the clinician's page writes it as it is here; screens and
#: the terminal in capitals) and the mark before it on a screen, so that a level never rests
#: on colour alone.
LEVELS: Final = {"urgent": ("URGENT", "!!"), "warn": ("Warning", "!"), "info": ("Note", "i")}


def level_word(level: str) -> str:
    """`URGENT`, `Warning`, `Note` (the exports' badges and headings)."""
    return LEVELS[level][0] if level in LEVELS else level


def level_mark(level: str) -> str:
    """`!!`, `!`, `i`: what stands for the level where colour would."""
    return LEVELS[level][1] if level in LEVELS else ""


def level_label(level: str) -> str:
    """`!! URGENT`, `! WARNING`, `i NOTE`: a level on home, the trend view and the print."""
    return f"{level_mark(level)} {level_word(level).upper()}".lstrip()


# --- not a diagnosis ------------------------------------------------------------------------
#: The sentence itself, as every text below and each rule's advice says it.
NOT_A_DIAGNOSIS: Final = "This is not a diagnosis."
#: What the user reads in their own views (home says the first sentence and points to it).
DISCLAIMER: Final = (
    f"{NOT_A_DIAGNOSIS} It describes your own entries; talk to your doctor "
    "or another clinician about anything here. It never gives advice on doses."
)
#: What the clinician reads on the summary (every export), about the patient.
CLINICIAN_DISCLAIMER: Final = (
    "This summary is not a diagnosis. It describes the patient's own diary entries; flags "
    "name the rule they met and are for discussion with a clinician."
)

# --- numbers --------------------------------------------------------------------------------
#: A figure that lacks the answers it needs, in words ("mean: not enough data").
NO_DATA: Final = "not enough data"
#: An unknown value in a table or beside a label: never 0 (unknown is not zero).
DASH: Final = "—"
#: The most decimals an amount taken keeps (`0.25 g`, never `0.2500001 g`).
AMOUNT_DIGITS: Final = 2


def number(value: float | None, digits: int = 1, *, none: str = DASH) -> str:
    """A number as a person reads it: `6.2`, `3`, `0.25` (at most `digits` decimals, never
    `3.0000001`); `None` (unknown) as `none`, never a zero."""
    if value is None:
        return none
    if float(value).is_integer():
        return str(int(value))
    text = f"{value:.{digits}f}"
    if "." in text:  # (`digits` 0: "10" keeps its zero)
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def mean_text(value: float | None, *, none: str = DASH) -> str:
    """A mean as every view shows it: always one decimal (`3.0`, `3.4`), so a whole mean
    beside a fractional one ("PEM 3.4 → 3") never looks like another kind of number.
    Answers, counts and ranges of answers stay whole (`number`)."""
    if value is None:
        return none
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def percent(share: float | None, *, none: str = DASH) -> str:
    """A share (0-1) as a whole percentage: `33%`."""
    return none if share is None else f"{round(share * 100)}%"


def percent_of(count: int, total: int, *, none: str = DASH) -> str:
    """`count` of `total` as a whole percentage: `3 of 9` -> `33%`; `none` of nothing."""
    return none if total <= 0 else f"{round(100 * count / total)}%"


def plural(count: int, one: str, many: str | None = None) -> str:
    """`1 day`, `3 days`, `0 days`; `many` for a noun that is not one + "s" (`copies`)."""
    return f"{count} {one if count == 1 else many or one + 's'}"


def verb(count: int, singular: str, plural: str) -> str:
    """The verb that agrees with `count`: verb(1, "is", "are") is "is"."""
    return singular if count == 1 else plural


def days_text(count: int) -> str:
    return plural(count, "day")


def nights_text(count: int) -> str:
    return plural(count, "night")


#: Units counted in pieces: they take a plural "s".
COUNTED_UNITS: Final = frozenset({"capsule", "tablet", "cup", "drop"})
OTHER_UNIT: Final = "other"


def unit_text(value: float, unit: str) -> str:
    """The unit as it reads after `value`: `g`, `cups`, `cup`, `(other unit)`."""
    if unit == OTHER_UNIT:
        return "(other unit)"
    if unit in COUNTED_UNITS and value != 1:
        return f"{unit}s"
    return unit


def amount_number(value: float) -> str:
    """An amount taken, without its unit: `2`, `1.5`, `0.25` (never `0` for the smallest
    amount a diary accepts, `model.MIN_AMOUNT`)."""
    return number(value, AMOUNT_DIGITS)


def amount(value: float, unit: str, digits: int = AMOUNT_DIGITS) -> str:
    """`1.5 g`, `2 cups`, `1 cup`, `1 (other unit)`."""
    return f"{number(value, digits)} {unit_text(value, unit)}"


# --- periods --------------------------------------------------------------------------------
#: The period every view opens with, in days ending today: the trend view, `trends --print`,
#: the export screen and `fatiguelog export` without `--from`.
DEFAULT_DAYS: Final = 90
#: The trend view's periods: the key that picks one, its days (None: the whole history), and
#: its label.
TREND_PERIODS: Final[tuple[tuple[str, int | None, str], ...]] = (
    ("1", 7, "7 days"),
    ("2", 30, "30 days"),
    ("3", DEFAULT_DAYS, f"{DEFAULT_DAYS} days"),
    ("4", 365, "1 year"),
    ("5", None, "All"),
)
#: The export screen's periods in days (it adds "since the last export" and custom dates).
EXPORT_PERIOD_DAYS: Final = (30, DEFAULT_DAYS)


def period_words(days: int | None) -> str:
    """`Last 90 days`, `All your entries`."""
    return "All your entries" if days is None else f"Last {days} days"


# --- an answer in a few words ---------------------------------------------------------------
# For lines that compare two answers ("yours 6, the copy's 7") in the import and sync-copy
# reports, and a question's period in every summary. Text from files is stripped of control
# characters and shortened: these lines go to a terminal.
MAX_TEXT = 40


def show_value(value: Any) -> str:
    """`7`, `yes`, `6.5`, `"felt better after..."`, `2 (types 3, 4)`, `ibuprofen 200 mg`."""
    from fatiguelog.textsafe import strip_controls

    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        text = strip_controls(value, one_line=True).strip()
        if len(text) > MAX_TEXT:
            text = text[: MAX_TEXT - 3].rstrip() + "..."
        return f'"{text}"'
    if isinstance(value, list):
        return _show_list(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return strip_controls(str(value), one_line=True)


def _show_list(items: list[Any]) -> str:
    if not items:
        return "none"
    if all(isinstance(i, dict) and "substance" in i for i in items):
        return "; ".join(show_dose(i) for i in items)
    if all(isinstance(i, dict) for i in items):
        types = [str(i["bristol"]) for i in items if isinstance(i.get("bristol"), int)]
        said = f"{len(items)}"
        return f"{said} (type{'s' if len(types) > 1 else ''} {', '.join(types)})" if types else said
    return ", ".join(show_value(i) for i in items)


def show_dose(dose: dict[str, Any]) -> str:
    from fatiguelog.textsafe import strip_controls

    name = strip_controls(str(dose.get("substance", "?")), one_line=True)
    value = dose.get("amount", "?")
    unit = str(dose.get("unit", ""))
    if isinstance(value, int | float) and not isinstance(value, bool) and unit:
        unit = unit_text(float(value), unit)  # "2 tablets", "1 (other unit)"
    return f"{name} {show_value(value)} {unit}".rstrip()


def answer_name(stats: AnswerStats) -> str:
    """A question's name in a summary: its label, or for a `custom` key the settings no
    longer declare, the key and why it is shown that way."""
    return question_name(stats.question)


def question_name(q: Question) -> str:
    """A question's name wherever its answers are shown (summaries, the day view): its
    label, or for a `custom` key the settings no longer declare, the key and why."""
    return q.label if q.declared else f"{q.key} (not in your settings now)"


def answer_words(
    stats: AnswerStats, day: Callable[[date], str] = date.isoformat, most: int = 6
) -> str:
    """One question's period in words, the same in the trend view, `trends --print` and every
    export: "yes on 3 of 9 answered days (2026-11-02, ...)", "mean 4.2 over 9 days, range
    2-7 (0-10, higher is worse)", "mean 72 bpm over 9 days, range 60-80"."""
    q = stats.question
    if not stats.days:
        return "no answers in this period"
    if q.kind == "yesno":
        yes = stats.yes_days
        shown = ", ".join(day(d) for d in yes[:most]) + (", ..." if len(yes) > most else "")
        return (
            f"yes on {len(yes)} of {stats.days} answered "
            f"{'day' if stats.days == 1 else 'days'}" + (f" ({shown})" if yes else "")
        )
    unit = f" {q.unit}" if q.kind == "number" and q.unit else ""
    scale = f" ({q.scale_note})" if q.kind == "rating" else ""
    low, high = show_value(stats.min), show_value(stats.max)
    days = days_text(stats.days)
    if stats.mean is None:  # a mean needs 3 answered days (flags.md, "Not enough data")
        said = low if low == high else f"{low}-{high}"
        return f"{said}{unit} on {days} answered{scale}; a mean needs 3 answered days"
    return f"mean {mean_text(stats.mean)}{unit} over {days}, range {low}-{high}{scale}"
