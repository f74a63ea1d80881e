"""The words every view uses for flags: the urgent banner, earlier alarm symptoms, how long a
symptom lasted, and which rules could be checked (flags.md v2).

Home, the trend view, `trends --print` and every export format these same sentences from the
same `Summary`, so they can't disagree. Plain strings only: each view escapes or wraps them
(no Textual, no Rich, no markup here). Rule ids never appear in these words: views show
titles; ids belong to JSON, CSV and docs/flags.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # annotations only: home imports this before its first frame
    from fatiguelog.analysis.summary import Alarm, FlagReport, Summary

SBM_EXPLAINED: Final = (
    "SBM means spontaneous bowel movement: one on a day when no laxative "
    "was taken that day or the day before."
)
BANNER_TODAY: Final = "URGENT: SEEK MEDICAL CARE PROMPTLY"
ALARMS_HEADING: Final = "Alarm symptoms reported in this period"

#: What a flag's qualifying days are, in words (flags.md, "Qualifying days").
_EVIDENCE_NOUN: Final = {
    "gi.infrequent": (
        "day without a spontaneous bowel movement",
        "days without a spontaneous bowel movement",
    ),
    "gi.hard_stools": (
        "day with a hard stool (Bristol 1-2)",
        "days with a hard stool (Bristol 1-2)",
    ),
    "gi.straining": ("day with straining", "days with straining"),
    "gi.incomplete": ("day with incomplete emptying", "days with incomplete emptying"),
    "gi.loose_stools": (
        "day with a loose stool (Bristol 6-7)",
        "days with a loose stool (Bristol 6-7)",
    ),
    "gi.constipation_pattern": (
        "day with a constipation symptom",
        "days with a constipation symptom",
    ),
    "gi.after_intake_increase": (
        "day with a constipation symptom",
        "days with a constipation symptom",
    ),
    "gi.persistent": ("day with the symptoms", "days with the symptoms"),
    "red.age_change": ("day with the symptoms", "days with the symptoms"),
}


def dates_text(days: Sequence[date], most: int = 6) -> str:
    """`2026-09-26`, `2026-09-26 and 2026-10-02`, `a, b and c`; long lists keep the latest."""
    shown = [d.isoformat() for d in days[-most:]]
    if len(days) > most:
        shown[0] = f"{len(days) - most + 1} earlier days up to {shown[0]}"
    if len(shown) == 1:
        return shown[0]
    return f"{', '.join(shown[:-1])} and {shown[-1]}"


def alarm_for(flag: FlagReport, summary: Summary) -> Alarm | None:
    key = flag.id.removeprefix("red.")
    return next((a for a in summary.alarms if a.key == key), None)


# --- the urgent banner ------------------------------------------------------------------
def banner_heading(summary: Summary) -> str:
    """The banner's first line; only said when `summary.banner` has a flag."""
    if summary.ends_today:
        return BANNER_TODAY
    return (
        f"URGENT: an alarm symptom was reported in the last 7 days of this period "
        f"(it ends on {summary.last.isoformat()})"
    )


def banner_lines(summary: Summary) -> list[str]:
    """One line per urgent flag active on the period's last day: what, when, what to do.
    "Today" only when the period ends today; otherwise "was reported on D"."""
    lines = []
    for flag in summary.banner:
        alarm = alarm_for(flag, summary)
        days = alarm.days if alarm is not None else flag.report_days
        words = alarm.title if alarm is not None else flag.title.removesuffix(" reported")
        if summary.ends_today:
            advice = alarm.advice if alarm is not None else flag.advice
            lines.append(f"{words}: reported on {dates_text(days)}. {advice}")
        else:
            advice = alarm.advice_past if alarm is not None else ""
            lines.append(f"{words} was reported on {dates_text(days)}. {advice}".rstrip())
    return lines


def alarm_lines(alarms: Sequence[Alarm]) -> list[str]:
    """Earlier alarm symptoms: each with its report dates, never "today", never a banner."""
    return [f"{a.title}: reported on {dates_text(a.days)}. {a.advice_past}" for a in alarms]


# --- one flag ---------------------------------------------------------------------------
def lasted(flag: FlagReport) -> str:
    """How long the symptom lasted, from `evidence_days`, and how long the flag stays on."""
    ev = flag.evidence_days
    if ev is None:
        return ""
    if flag.id.startswith("red.") and flag.id != "red.age_change":
        which = "a report" if ev.count == 1 else "the last report"
        return (
            f"Reported on {dates_text(flag.report_days) if flag.report_days else ev.last}; "
            f"the flag stays on for {flag.window} days after {which}."
        )
    span = (ev.last - ev.first).days + 1
    if flag.id == "gi.change":  # its qualifying days are the days compared, not symptoms
        return (
            f"Compares {ev.count} recorded days between {ev.first.isoformat()} and "
            f"{ev.last.isoformat()} (each day's last 14 days) with the 28 days before them. "
            f"The flag stays on for up to {flag.window} days after the last of them."
        )
    one, many = _EVIDENCE_NOUN.get(flag.id, ("day that met the rule", "days that met the rule"))
    if ev.count == 1:
        said = f"1 {one}: {ev.first.isoformat()}."
    else:
        said = (
            f"{ev.count} {many} between {ev.first.isoformat()} and {ev.last.isoformat()} "
            f"({span} days)."
        )
    return f"{said} The flag stays on for up to {flag.window} days after the last of them."


def when(flag: FlagReport, last_day: date) -> str:
    """Since when it is on, and whether it still is on the period's last day."""
    since = flag.since.isoformat()
    if flag.last == last_day:
        return f"on since {since}, still on at {last_day.isoformat()}"
    return f"on from {since} to {flag.last.isoformat()}; not on at {last_day.isoformat()}"


# --- coverage ---------------------------------------------------------------------------
def coverage_heading(summary: Summary) -> str:
    cov = summary.coverage
    if cov is None:
        return ""
    text = f"Rules checked on {summary.last.isoformat()}: {cov.rules_checked} of {cov.rules_total}."
    if cov.unchecked:
        text += f" {len(cov.unchecked)} could not be checked (not enough data):"
    return text


def coverage_lines(summary: Summary) -> list[str]:
    """Each rule that could not be checked, in words, with what it needs."""
    cov = summary.coverage
    if cov is None:
        return []
    return [f"{gap.title}: {gap.needs}" for gap in cov.unchecked]


BOWEL_NEEDS: Final = (
    "they need bowel answers (stools, or none) on most days, for 1 to 6 weeks depending on the flag"
)
ALARM_NEEDS: Final = "the alarm symptoms need a check-in in the last 7 days"


def data_gap(summary: Summary, *, short: bool = False) -> str:
    """When no bowel rule could be checked on the last day (a new user, a long gap): that
    there is not enough data yet and what is needed. Said *before* "no flag", so nobody reads
    an all-clear first. Empty when some bowel rule was checked. `short` (home, whose next line
    names the alarm symptoms' need): the bowel flags' need only, in fewer words."""
    cov = summary.coverage
    if cov is None:
        return ""
    from fatiguelog.model import RED_FLAGS

    ids = [rule for rule, _title in cov.rules]
    if not ids:  # (a summary made without them: the rules say)
        from fatiguelog.analysis.rules import INFOS

        ids = [info.id for info in INFOS]
    bowel = {rule for rule in ids if rule.startswith("gi.")}
    if not bowel <= {gap.id for gap in cov.unchecked}:
        return ""
    if short:
        return (
            "Not enough data yet for the bowel flags: they need bowel answers on most "
            "days, for 1 to 6 weeks."
        )
    alarms_unchecked = any(gap.id.removeprefix("red.") in RED_FLAGS for gap in cov.unchecked)
    needs = f"{BOWEL_NEEDS}; {ALARM_NEEDS}" if alarms_unchecked else BOWEL_NEEDS
    return f"Not enough data yet for the bowel flags: {needs}."


def no_flags_text(summary: Summary) -> str:
    """Never "no flags" alone: how many rules were checked goes with it, and when no bowel
    rule could be checked, that comes first."""
    cov = summary.coverage
    checked = (
        ""
        if cov is None
        else (f" ({cov.rules_checked} of {cov.rules_total} rules could be checked on the last day)")
    )
    gap = data_gap(summary)
    text = f"No flag was on in this period{checked}."
    return f"{gap} {text}" if gap else text


def red_flag_words(day: date, keys: Sequence[str], today: date) -> str:
    """An alarm symptom found for `day` outside the check-in (an import, a sync copy), with
    the graded advice `fatiguelog log red-flag` gives: "today" only when the day is today."""
    from fatiguelog.model import RED_ADVICE, RED_ADVICE_LOGGED_PAST, RED_FLAGS

    chosen = [key for key in RED_FLAGS if key in keys]
    advice = RED_ADVICE if day == today else RED_ADVICE_LOGGED_PAST
    words = "; ".join(dict.fromkeys(advice[key] for key in chosen))
    names = ", ".join(RED_FLAGS[key] for key in chosen)
    return f"Red flag reported on {day.isoformat()}: {names}. {words}"


UNREAD_RED: str = "this day's file can't be read and may hold a red flag (fix it: fatiguelog check)"
IN_COPY: str = "in a sync copy not merged yet (run 'fatiguelog conflicts --merge')"


def alarm_caveats(summary: Summary, *, copies: bool = True) -> list[str]:
    """What the alarms can't show: red flags only a sync copy holds (with their advice), and
    days whose file can't be read at all (each may hold a red flag). Every view says them
    beside the alarms, so "no alarm symptom" is never said without them."""
    out = []
    if copies:
        for alarm in summary.copy_alarms:
            advice = alarm.advice if alarm.active and summary.ends_today else alarm.advice_past
            out.append(f"{alarm.title}: reported on {dates_text(alarm.days)} {IN_COPY}. {advice}")
    out += [f"{day.isoformat()}: {UNREAD_RED}." for day in summary.unread_days]
    return out


__all__ = [
    "ALARMS_HEADING",
    "BANNER_TODAY",
    "SBM_EXPLAINED",
    "alarm_caveats",
    "alarm_lines",
    "banner_heading",
    "banner_lines",
    "coverage_heading",
    "coverage_lines",
    "data_gap",
    "dates_text",
    "lasted",
    "no_flags_text",
    "red_flag_words",
    "when",
]
