"""Wording every export shares, so the formats say the same thing.

Nothing here computes a figure: it turns fields of `Summary` into words and digits. The
numbers, levels, titles and the clinician's disclaimer are `fatiguelog.wording`'s, as on every
screen: each export imports them from there.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, Final

from fatiguelog import flagtext
from fatiguelog.analysis.summary import (
    AnswerStats,
    EvidenceDays,
    FlagReport,
    RatingStats,
    Summary,
    WeekRow,
)
from fatiguelog.frozen import frozen
from fatiguelog.model import RED_FLAGS
from fatiguelog.problems import Problem
from fatiguelog.textsafe import strip_controls
from fatiguelog.wording import (
    NO_DATA,
    days_text,
    mean_text,
    percent,
    percent_of,
    plural,
)

#: In the title of every export of the demo's made-up history.
GENERATED: Final = "generated data, not a real person's diary"
#: The blank lines a clinician fills in by hand (the diary holds no name: it stays private).
WHO: Final = ("Name", "Date of birth")
NO_DISCUSS: Final = "Nothing written for this appointment."
MEDICATION_HEADING: Final = "Medicines and substances"
WEEKS_HEADING: Final = "Week by week"
#: Rows per substance on page one (the latest; the current one is always there): opioid-class
#: substances keep more of their story (the GI one), the rest their current range and the one
#: before it. The others are in the appendix, and page one says how many.
PAGE1_RANGES_BY_CLASS: Final = {"opioid": 3}
PAGE1_RANGES_OTHER: Final = 2


def tight(s: Summary) -> bool:
    """A discuss text longer than a few short lines: page one shortens its lists (fewer
    medicine rows, one span per earlier flag) so everything still fits on it."""
    text = (s.discuss or "").strip()
    return text.count("\n") >= 4 or len(text) > 300


def long_discuss(s: Summary) -> bool:
    """A discuss text near its limit (10 lines or more, or over 700 characters): the printed
    page one sets it smaller and names earlier flags by title only (their days are in "Flags
    in detail"), so the medicines and the alarm dates still fit on page one at A4 and Letter
    (15 lines of 65 characters pushed the alarm symptoms to page 2 on Letter)."""
    rows = [line for line in (s.discuss or "").strip().splitlines() if line.strip()]
    return len(rows) >= 10 or sum(map(len, rows)) > 700


def page_one_rows(s: Summary) -> tuple[list, int]:
    """The medication timeline's rows for page one, and how many older ones were left out."""
    from fatiguelog import intaketext as it

    rows, hidden = it.rows(s)
    cut = 1 if tight(s) else 0  # a long discuss text takes the room of a row per substance
    out = []
    groups: dict[tuple[str, str], list] = {}
    for row in rows:
        groups.setdefault((row.substance.casefold(), row.range.unit), []).append(row)
    left_out = 0
    for group in groups.values():
        most = PAGE1_RANGES_BY_CLASS.get(group[0].range.klass or "", PAGE1_RANGES_OTHER) - cut
        left_out += max(0, len(group) - most)
        out += group[-most:]
    return out, hidden + left_out


def is_alarm(flag: FlagReport) -> bool:
    """A flag of an alarm symptom (a `red_flags` key); red.age_change is not one."""
    return flag.id.removeprefix("red.") in RED_FLAGS


def shown_flags(summary: Summary) -> list[FlagReport]:
    """Flags shown in full: alarm symptoms have the banner or the alarm list instead (weight
    loss without trying, a warning, gets its card while it is on)."""
    return [
        f
        for f in summary.flags
        if not is_alarm(f) or (f.level != "urgent" and f.last == summary.last)
    ]


def sbm_figure(value: float | None) -> str:
    return NO_DATA if value is None else f"{mean_text(value)} SBMs per week"


def laxative_text(summary: Summary) -> str:
    """Laxative days in words; an unanswered day is "not answered", never "no laxative"."""
    gi = summary.gi
    text = (
        f"{days_text(gi.laxative_days)} with a laxative, enema or suppository (answered or "
        f"a laxative-class dose); {days_text(gi.laxative_no_days)} answered no"
    )
    if gi.laxative_unanswered:
        text += f"; not answered on {days_text(gi.laxative_unanswered)}"
    return text


def iso(day: date) -> str:
    return day.isoformat()


def signed(value: float | None) -> str:
    """A difference with its sign, so `+1.2` and `-0.5` read at a glance."""
    if value is None:
        return "—"
    text = mean_text(value)
    return text if text.startswith("-") or text == "0.0" else f"+{text}"


def change(stats: RatingStats) -> float | None:
    """Second-half mean minus first-half mean (both are summary fields)."""
    if stats.first_half_mean is None or stats.second_half_mean is None:
        return None
    return stats.second_half_mean - stats.first_half_mean


def spells(days: tuple[date, ...] | list[date]) -> list[tuple[date, date]]:
    """Consecutive runs of active days, oldest first."""
    out: list[tuple[date, date]] = []
    for day in sorted(days):
        if out and (day - out[-1][1]).days == 1:
            out[-1] = (out[-1][0], day)
        else:
            out.append((day, day))
    return out


def spell_text(spell: tuple[date, date]) -> str:
    start, end = spell
    return iso(start) if start == end else f"{iso(start)} to {iso(end)}"


def spells_text(flag: FlagReport, summary: Summary, *, most: int = 4) -> str:
    """Every spell of the flag in the period, e.g. `2026-09-22 to 2026-10-19; 2026-11-12`."""
    found = spells([d for d in flag.active_days if summary.first <= d <= summary.last])
    if not found:
        return spell_text((flag.since, flag.last))
    shown = "; ".join(spell_text(s) for s in found[-most:])
    hidden = len(found) - most
    return f"{plural(hidden, 'earlier spell')}; {shown}" if hidden > 0 else shown


def flag_status(flag: FlagReport, summary: Summary) -> str:
    """When a flag was on, in words: since when, whether it still is, and earlier spells."""
    days = [d for d in flag.active_days if summary.first <= d <= summary.last]
    count = f" (on for {days_text(len(days))} in the period)" if days else ""
    if flag.last == summary.last:
        text = f"on since {iso(flag.since)}, still on at {iso(flag.last)}"
        earlier = [s for s in spells(days) if s[1] < flag.since]
        if earlier:
            text += "; earlier: " + "; ".join(spell_text(s) for s in earlier[-3:])
        return text + count
    return f"on {spells_text(flag, summary)}; not on at {iso(summary.last)}{count}"


def bristol_share(summary: Summary, count: int) -> str:
    """A Bristol type's share of the stools with a type; 4 stools at least (flags.md)."""
    total = bristol_total(summary)
    return percent_of(count, total) if total >= 4 else NO_DATA


def bristol_total(summary: Summary) -> int:
    return sum(summary.gi.bristol_counts.get(t, 0) for t in range(1, 8))


def recorded_share(summary: Summary) -> str:
    return percent_of(summary.days_recorded, summary.days)


def checked_words(s: Summary) -> str:
    """What a "no flag" sentence always carries: how many rules could be checked, e.g.
    `(7 of 17 rules could be checked; the others lack data, see Rules checked)`."""
    cov = s.coverage
    if cov is None:
        return ""
    said = f"({cov.rules_checked} of {cov.rules_total} rules could be checked"
    if cov.unchecked:
        said += "; the others lack data, see Rules checked"
    return said + ")"


# --- page one -------------------------------------------------------------------------------
@frozen
class Figure:
    """One key figure: what it is, its value ("not enough data" when it lacks it), a detail."""

    label: str
    value: str
    detail: str = ""


def coverage_line(s: Summary) -> str:
    """`17 of 17 rules checked on 2026-11-25` and, when some could not be, which (titles)."""
    cov = s.coverage
    if cov is None:
        return ""
    text = f"{cov.rules_checked} of {cov.rules_total} rules checked on {iso(s.last)}"
    if cov.unchecked:
        titles = "; ".join(g.title for g in cov.unchecked)
        text += (
            f"; not enough data to check {len(cov.unchecked)} (what each needs: Rules "
            f"checked, at the end): {titles}"
        )
    return text


def _rating_figure(label: str, stats: RatingStats | None) -> Figure:
    if stats is None or stats.mean is None:
        days = stats.days if stats is not None else 0
        return Figure(label, NO_DATA, f"needs 3 answered days (has {days})")
    detail = f"on {days_text(stats.days)}"
    if stats.first_half_mean is not None and stats.second_half_mean is not None:
        detail = (
            f"1st half {mean_text(stats.first_half_mean)} → 2nd half "
            f"{mean_text(stats.second_half_mean)}"
        )
    return Figure(label, mean_text(stats.mean), detail)


def _share_figure(label: str, share: float | None, count: int, of: str) -> Figure:
    if share is None:
        return Figure(label, NO_DATA, f"needs 4 {of} (has {count})")
    return Figure(label, percent(share), f"of {count} {of}")


def key_figures(s: Summary) -> list[Figure]:
    """The figures of page one, each "not enough data" (with what it needs) when it lacks it."""
    gi = s.gi
    typed = bristol_total(s)
    sbm = (
        Figure("SBMs a week", NO_DATA, f"needs 4 days with bowel answers (has {gi.recorded_days})")
        if gi.sbm_per_week is None
        else Figure(
            "SBMs a week",
            mean_text(gi.sbm_per_week),
            f"{gi.stools} stools on {days_text(gi.recorded_days)} answered",
        )
    )
    known = gi.laxative_days + gi.laxative_no_days
    if known == 0:
        laxative = Figure(
            "Laxative days",
            "not answered",
            f"on the {days_text(s.days_recorded)} recorded"
            if s.days_recorded == 1
            else f"on all {days_text(s.days_recorded)} recorded",
        )
    else:  # of the days it is known for, never of the period's days (unknown is not "no")
        unanswered = (
            f"; not answered on {days_text(gi.laxative_unanswered)}"
            if gi.laxative_unanswered
            else ""
        )
        laxative = Figure(
            "Laxative days", str(gi.laxative_days), f"of {days_text(known)} answered{unanswered}"
        )
    sleep = (
        Figure("Sleep", NO_DATA, f"needs 3 answered nights (has {s.sleep.days})")
        if s.sleep.hours_mean is None
        else Figure(
            "Sleep",
            f"{mean_text(s.sleep.hours_mean)} h a night",
            f"quality {mean_text(s.sleep.quality_mean, none=NO_DATA)}/10, higher is better",
        )
    )
    crash = s.crash
    crashes = (
        [Figure("PEM crash days", str(len(crash.yes_days)), f"of {days_text(crash.days)} answered")]
        if crash is not None and crash.days
        else []
    )
    return [
        _rating_figure("Fatigue (0-10)", s.symptoms.get("fatigue")),
        _rating_figure("PEM (0-10)", s.symptoms.get("pem")),
        *crashes,
        sbm,
        _share_figure("Hard stools (type 1-2)", gi.hard_share, typed, "stools with a type"),
        _share_figure("Loose stools (type 6-7)", gi.loose_share, typed, "stools with a type"),
        _share_figure("Straining", gi.straining_share, gi.straining_answered, "stools answered"),
        laxative,
        sleep,
    ]


#: The heading of the section of crash days and the patient's own questions.
OWN_HEADING = "Crash days and the patient's own questions"


def own_answers(s: Summary) -> list[AnswerStats]:
    """What that section lists: the crash days (when answered), then the patient's own
    questions (declared ones even unanswered; a key no longer declared when it has answers)."""
    shown = [s.crash] if s.crash is not None and s.crash.days else []
    return shown + [a for a in s.own if a.days or a.question.declared]


def flags_now(s: Summary) -> list[FlagReport]:
    """Flags on at the period's last day, other than alarm symptoms (those have the banner
    and the alarm list)."""
    return [f for f in shown_flags(s) if f.last == s.last]


def flags_earlier(s: Summary) -> list[FlagReport]:
    """Flags on at some time in the period but not at its end, other than alarm symptoms."""
    return [f for f in shown_flags(s) if f.last != s.last]


def flag_now_text(f: FlagReport) -> str:
    """`on since 2026-11-10. 14 days without ... (17 days). The flag stays on ...`."""
    lasted = flagtext.lasted(f)
    return f"on since {iso(f.since)}." + (f" {lasted}" if lasted else "")


def episode_text(ev: EvidenceDays, s: Summary) -> str:
    """`2026-10-12 to 2026-10-27`, `2026-10-12`, `before 2026-08-28 to 2026-09-10`: the days
    that met the rule in one run (not the days the flag stayed on after them)."""
    first = f"before {iso(s.first)}" if ev.first < s.first else iso(ev.first)
    return first if ev.first == ev.last else f"{first} to {iso(ev.last)}"


def earlier_text(f: FlagReport, s: Summary, most: int | None = None) -> str:
    """`Hard stools (2026-09-26 to 2026-10-08)`: the days that met the rule in each run of
    the flag in the period (more than `most`: the first, how many more, the latest), so a
    duration is the symptom's, never the flag's tail; one that began before the period says
    "before"."""
    if most is None:
        most = 1 if tight(s) else 2
    episodes: list[EvidenceDays] = []
    for e in f.episodes:  # runs whose qualifying days overlap or touch read as one
        if e.last < s.first:
            continue
        if episodes and e.first <= episodes[-1].last + timedelta(days=1):
            prev = episodes[-1]
            episodes[-1] = EvidenceDays(prev.first, max(prev.last, e.last), prev.count + e.count)
        else:
            episodes.append(e)
    if not episodes:
        days = [d for d in f.active_days if s.first <= d <= s.last] or [f.since, f.last]
        return f"{f.title} (on {iso(days[0])} to {iso(days[-1])})"
    if len(episodes) > most == 1:  # the latest, and how many before it
        hidden = len(episodes) - 1
        shown = [plural(hidden, "earlier time"), episode_text(episodes[-1], s)]
    elif len(episodes) > most:  # the first and the latest, and how many between them
        hidden = len(episodes) - 2
        shown = [
            episode_text(episodes[0], s),
            plural(hidden, "more time"),
            episode_text(episodes[-1], s),
        ]
    else:
        shown = [episode_text(e, s) for e in episodes]
    return f"{f.title} ({'; '.join(shown)})"


def no_flag_now_text(s: Summary) -> str:
    """What the flags section says when no flag other than an alarm symptom is on at the end."""
    besides = " other than the alarm symptoms" if s.banner else ""
    if not s.flags:
        return flagtext.no_flags_text(s)
    return f"No flag{besides} is on at {iso(s.last)} {checked_words(s)}.".replace(" .", ".")


def alarm_texts(s: Summary) -> list[str]:
    """Every alarm symptom reported in the period, with its dates; one on at the end says
    where its advice is (the banner), an earlier one gives its advice without "today"."""
    out = []
    for alarm in s.alarms:
        days = flagtext.dates_text(alarm.days)
        if alarm.active and alarm.level == "urgent" and s.banner:
            out.append(f"{alarm.title}: reported on {days} (in the urgent box above).")
        elif alarm.active:
            out.append(
                f"{alarm.title}: reported on {days}. "
                f"{alarm.advice if s.ends_today else alarm.advice_past}"
            )
        else:
            out.append(f"{alarm.title}: reported on {days}. {alarm.advice_past}")
    return out + flagtext.alarm_caveats(s)


NO_ALARMS: Final = "No alarm symptom was reported in this period."


def discuss_paragraphs(s: Summary) -> list[list[str]]:
    """The discuss text as paragraphs of lines (user text: callers escape every line)."""
    text = strip_controls(s.discuss or "").strip()
    if not text:
        return []
    return [block.split("\n") for block in text.split("\n\n")]


# --- the week table ------------------------------------------------------------------------------
WEEK_COLUMNS: Final = (
    "Week",
    "Days recorded",
    "Bowel answers",
    "Stools",
    "SBMs",
    "Type 1-2",
    "Type 6-7",
    "Straining",
    "Laxative days",
    "Alarm days",
)
WEEK_NOTE: Final = (
    "Weeks are counted back from the last day. Stools, SBMs and types count "
    "bowel movements; straining is of the stools that answered it; — means "
    "no bowel answers that week (unknown, not zero)."
)


def week_figures(w: WeekRow) -> dict[str, Any]:
    """One row of the week table as figures (the same numbers as the page's), for the JSON
    export's `weeks` and CSV's `weeks` table alike.
    Unknown is null, never 0: bowel figures of a week without bowel answers, straining and
    incomplete without an answer, laxative days without one, anything of a week without an
    entry."""
    bowel = w.gi_days > 0
    entries = w.days_recorded > 0
    laxative_known = w.laxative_days > 0 or w.laxative_unanswered < w.days_recorded

    def known(value: int, answered: bool) -> int | None:
        return value if answered else None

    return {
        "from": iso(w.first),
        "to": iso(w.last),
        "days": w.days,
        "days_recorded": w.days_recorded,
        "gi_days": w.gi_days,
        "stools": known(w.stools, bowel),
        "sbm": known(w.sbm, bowel),
        "no_sbm_days": known(w.no_sbm_days, bowel),
        "typed": known(w.typed, bowel),
        "bristol_1_2": known(w.hard, bowel),
        "bristol_6_7": known(w.loose, bowel),
        "straining": known(w.straining, w.straining_answered > 0),
        "straining_answered": w.straining_answered,
        "incomplete": known(w.incomplete, w.incomplete_answered > 0),
        "incomplete_answered": w.incomplete_answered,
        "laxative_days": known(w.laxative_days, laxative_known),
        "laxative_unanswered": known(w.laxative_unanswered, entries),
        "alarm_days": known(w.alarm_days, entries),
        "alarms": list(w.alarms),
    }


def week_cells(w: WeekRow) -> list[str]:
    """One row of the week table in words and digits (— for no bowel answers)."""
    span = f"{iso(w.first)} to {iso(w.last)}"
    if w.days != 7:
        span += f" ({days_text(w.days)})"
    bowel = w.gi_days > 0
    dash = "—"
    # unknown is never zero: no answer that week is a dash, not "0"
    lax = (
        dash
        if w.laxative_unanswered >= w.days_recorded and not w.laxative_days
        else str(w.laxative_days)
    )
    if w.laxative_unanswered:
        lax += f" ({w.laxative_unanswered} not answered)"
    alarms = str(w.alarm_days) if w.days_recorded else dash
    if w.alarms:
        alarms += ": " + ", ".join(RED_FLAGS[key].lower() for key in w.alarms)
    return [
        span,
        str(w.days_recorded),
        str(w.gi_days),
        str(w.stools) if bowel else dash,
        str(w.sbm) if bowel else dash,
        str(w.hard) if bowel else dash,
        str(w.loose) if bowel else dash,
        f"{w.straining} of {w.straining_answered}" if w.straining_answered else dash,
        lax,
        alarms,
    ]


def html_text(text: object) -> str:
    """User or analysis text for HTML and SVG, inert: control characters gone, escaped.
    (`html` is imported here: its entity table costs every other format a millisecond.)"""
    from html import escape

    return escape(strip_controls(str(text)), quote=True)


#: A sync-conflict copy is not an entry: the day's own entry (when there is one) is in every
#: figure, only what the copy alone holds is not. Said apart from files that can't be read.
COPIES_INTRO: Final = (
    "The day's own entry, when it has one, is in the figures above; what "
    "only the copy holds is not, until the copy is merged ('fatiguelog "
    "conflicts' lists them):"
)


def is_sync_copy(problem: Problem) -> bool:
    from fatiguelog.paths import sync_copy_of

    return sync_copy_of(problem.file.replace("\\", "/").rsplit("/", 1)[-1]) is not None


#: Folder names of the data folder's own layout: said as they are in an export.
_OWN_FOLDERS: Final = frozenset({"entries", "drafts", "trash", "conflicts"})
_OWN_FILES: Final = frozenset({"settings.toml", "state.toml"})
NOT_A_DATE: Final = "(a file whose name is not a date)"


def private_file(file: str) -> str:
    """A problem's file as an export may say it without --include-notes: a name the user
    chose ("2026-11-23 told GP about X.toml", a folder of theirs) is private like a note, so
    only the data folder's own names (entries/2026/2026-11-23.toml, settings.toml) and the
    date of a sync-conflict copy are kept."""
    from fatiguelog.paths import day_of_name, sync_copy_of

    *folders, name = file.replace("\\", "/").split("/")
    said = [
        part if part in _OWN_FOLDERS or (len(part) == 4 and part.isdigit()) else "(a folder)"
        for part in folders
    ]
    copy = sync_copy_of(name)
    if (
        day_of_name(name) is not None
        or (not folders and name in _OWN_FILES | _OWN_FOLDERS)
        or (folders == ["entries"] and len(name) == 4 and name.isdigit())
    ):
        said.append(name)
    elif copy is not None:  # (still a copy's name, so it is listed with the copies)
        said.append(f"{copy[0].isoformat()} (conflicted copy).toml")
    else:
        said.append(NOT_A_DATE)
    return "/".join(said)


def private_problems(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """`problems` with their files as `private_file` says them."""
    return tuple(p._replace(file=private_file(p.file)) for p in problems)
