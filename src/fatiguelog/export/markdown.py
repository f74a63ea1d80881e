"""The appointment summary as Markdown: readable as plain text, tidy when rendered.

The first screen holds what the HTML's page one holds, in the same order: blanks for the name
and date of birth, the period and the rules checked, the urgent banner, the patient's own
"What I want to discuss", the key figures, the flags on now with how long the symptom lasted,
the medicines and substances timeline (the current amount marked) and the alarm symptoms with
their dates; then the week-by-week table. Everything else is in an appendix. User text (the
discuss text, substance names, notes, file names) is stripped of control characters and
escaped so it can never become a heading, a link or HTML.
"""

from __future__ import annotations

import re

from fatiguelog import flagtext
from fatiguelog import intaketext as it
from fatiguelog.analysis.summary import FlagReport, RatingStats, Summary
from fatiguelog.export import common as c
from fatiguelog.model import BRISTOL
from fatiguelog.substances import class_words
from fatiguelog.textsafe import strip_controls
from fatiguelog.wording import (
    CLINICIAN_DISCLAIMER,
    DISCUSS_TITLE,
    NO_DATA,
    PEM_TITLE,
    SUMMARY_TITLE,
    amount,
    answer_name,
    answer_words,
    days_text,
    level_word,
    mean_text,
    nights_text,
    number,
    percent,
    plural,
)

# `&` only matters where it would start an entity such as `&lt;` or `&#60;`.
_INLINE = re.compile(r"([\\`*_\[\]<>|~]|&(?=#?\w+;))")
#: `1. x` is a list only with a space after the mark: `7.5 mg` stays as it is.
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)](?=\s|$))")


def esc(text: str) -> str:
    """One line of user text, inert in Markdown (and in a terminal)."""
    text = _INLINE.sub(r"\\\1", strip_controls(str(text), one_line=True))
    return _LINE_START.sub(_escape_line_start, text)


def cell(text: str) -> str:
    """Text inside a table cell: inline marks escaped; a line start can't occur there, so
    `1.5 g` stays `1.5 g`."""
    return _INLINE.sub(r"\\\1", strip_controls(str(text), one_line=True))


def _escape_line_start(match: re.Match[str]) -> str:
    """`# x`, `- x`, `> x`, `1. x` at a line start would become structure: escape the mark."""
    lead, mark = match.group(1), match.group(2)
    if mark[0].isdigit():
        return f"{lead}{mark[:-1]}\\{mark[-1]}"
    return f"{lead}\\{mark}"


def code(text: str) -> str:
    """Literal text in a code span: Markdown and HTML inside it stay inert; backticks go."""
    return "`" + strip_controls(str(text), one_line=True).replace("`", "'") + "`"


def esc_block(text: str) -> list[str]:
    """Multi-line user text: each line escaped, blank lines kept as paragraph breaks."""
    lines = strip_controls(text).split("\n")
    return [esc(line.replace("\t", "    ")) for line in lines]


def render(summary: Summary, include_notes: bool = False) -> str:
    s = summary
    out: list[str] = []
    # Page one: what a clinician reads first, in the order of the HTML's first page.
    out += _header(s)
    out += _urgent(s)
    out += _discuss(s)
    out += _figures(s)
    out += _flags_now(s)
    out += _medication(s)
    out += _alarms(s)
    out += _weeks(s)
    out += ["---", "", "# Appendix: details", ""]
    out += _flags(s)
    out += _symptoms(s)
    out += _own(s)
    out += _sleep(s)
    out += _gi(s)
    out += _intake(s)
    out += _pem(s)
    out += _coverage(s)
    out += _gaps(s)
    if include_notes:
        out += _notes(s)
    out += [
        "---",
        "",
        f"*{CLINICIAN_DISCLAIMER}* Made with fatiguelog from the patient's own entries.",
        "",
    ]
    return "\n".join(out)


def _header(s: Summary) -> list[str]:
    blanks = "  ".join(f"{label}: ____________________" for label in c.WHO)
    return [
        f"# {SUMMARY_TITLE} (fatiguelog)"
        if not s.generated
        else f"# DEMO {SUMMARY_TITLE.lower()}: {c.GENERATED}",
        "",
        blanks,
        "",
        f"**{c.iso(s.first)} to {c.iso(s.last)}** ({days_text(s.days)}) · entries on "
        f"{s.days_recorded} of {s.days} days ({c.recorded_share(s)}) · bowel answers on "
        f"{days_text(s.gi.recorded_days)} · {esc(c.coverage_line(s))}",
        "",
        f"> {CLINICIAN_DISCLAIMER}",
        "",
    ]


def _urgent(s: Summary) -> list[str]:
    """The banner: only alarm symptoms on at the period's last day (flags.md v2)."""
    if not s.banner:
        return []
    out = [f"## {esc(flagtext.banner_heading(s))}", ""]
    out += [f"- **{esc(line)}**" for line in flagtext.banner_lines(s)]
    return [*out, ""]


def _discuss(s: Summary) -> list[str]:
    """The patient's own words, each line escaped (user text), as a quote."""
    out = [f"## {DISCUSS_TITLE}", ""]
    paragraphs = c.discuss_paragraphs(s)
    if not paragraphs:
        return [*out, f"*{c.NO_DISCUSS}*", ""]
    for n, lines in enumerate(paragraphs):
        if n:
            out.append(">")
        out += [
            f"> {esc(line)}" + ("\\" if k < len(lines) - 1 else "") for k, line in enumerate(lines)
        ]
    return [*out, ""]


def _figures(s: Summary) -> list[str]:
    out = ["## Key figures", "", flagtext.SBM_EXPLAINED, ""]
    out += [
        f"- **{f.label}:** {f.value}" + (f" ({f.detail})" if f.detail else "")
        for f in c.key_figures(s)
    ]
    return [*out, ""]


def _flags_now(s: Summary) -> list[str]:
    out = [f"## Flags on at {c.iso(s.last)}", ""]
    now = c.flags_now(s)
    if now:
        out += [
            f"- **{level_word(f.level)}: {esc(f.title)}**, {esc(c.flag_now_text(f))}" for f in now
        ]
    else:
        out.append(esc(c.no_flag_now_text(s)))
    earlier = c.flags_earlier(s)
    if earlier:
        out += [
            "",
            f"Earlier in the period (not on at {c.iso(s.last)}; the days that met each "
            "rule; details in the appendix): "
            + "; ".join(esc(c.earlier_text(f, s)) for f in earlier)
            + ".",
        ]
    return [*out, ""]


def _medication(s: Summary) -> list[str]:
    out = [f"## {c.MEDICATION_HEADING}", ""]
    rows, hidden = c.page_one_rows(s)
    if not rows:
        said = (
            "No intake was recorded in this period."
            if not s.intake_timeline and not s.intake
            else "Nothing taken in this period."
        )
        return [*out, said, ""]
    out += [
        "| Substance | Class | From | To | Amount | How it began |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        name = esc(row.substance)
        cells = [
            f"**{name}** (now)" if row.current else name,
            row.klass,
            row.first,
            row.last,
            cell(row.amount),
            cell(row.change),
        ]
        if row.current:
            cells[2:] = [f"**{cell}**" for cell in cells[2:]]
        out.append("| " + " | ".join(cells) + " |")
    out += [
        "",
        "Ranges of a steady daily amount, each substance oldest first; (now) marks the "
        "current one. A day's wobble stays in its range.",
    ]
    if hidden:
        out.append(f"{plural(hidden, 'earlier range')}: see Intake in the appendix.")
    return [*out, ""]


def _alarms(s: Summary) -> list[str]:
    out = [f"## {flagtext.ALARMS_HEADING}", ""]
    lines = c.alarm_texts(s)
    out += [f"- {esc(line)}" for line in lines] if lines else [c.NO_ALARMS]
    return [*out, ""]


def _weeks(s: Summary) -> list[str]:
    if not s.weeks:
        return []
    out = [
        f"## {c.WEEKS_HEADING}",
        "",
        "| " + " | ".join(c.WEEK_COLUMNS) + " |",
        "|---|" + "---:|" * (len(c.WEEK_COLUMNS) - 1),
    ]
    out += ["| " + " | ".join(c.week_cells(w)) + " |" for w in s.weeks]
    return [*out, "", c.WEEK_NOTE, ""]


def _flags(s: Summary) -> list[str]:
    out = ["## Flags in detail", ""]
    shown = c.shown_flags(s)
    if not s.flags:
        return [*out, flagtext.no_flags_text(s), ""]
    if not shown:
        return [
            *out,
            f"No flag other than the alarm symptoms (at the top) {c.checked_words(s)}.",
            "",
        ]
    out += ["Each flag describes the patient's own entries and names its rule.", ""]
    for heading, flags in (
        (f"On at {c.iso(s.last)}", c.flags_now(s)),
        (f"Earlier in the period (not on at {c.iso(s.last)})", c.flags_earlier(s)),
    ):
        if flags:
            out += [f"**{heading}**", ""]
            for flag in flags:
                out += _flag(flag, s)
    return out


def _flag(flag: FlagReport, s: Summary) -> list[str]:
    level = level_word(flag.level)
    lasted = flagtext.lasted(flag)
    return [
        f"### {level}: {esc(flag.title)}",
        "",
        f"- **When:** {c.flag_status(flag, s)}",
        *([f"- **How long:** {esc(lasted)}"] if lasted else []),
        f"- **Evidence:** {esc(flag.evidence)}",
        f"- **Rule:** {esc(flag.rule)}",
        f"- **Source:** {esc(flag.source)}",
        f"- **Advice:** {esc(flag.advice)}",
        "",
    ]


def _coverage(s: Summary) -> list[str]:
    """How many rules were checked on the last day, and those that could not be, in words."""
    heading = flagtext.coverage_heading(s)
    if not heading:
        return []
    out = ["## Rules checked", "", esc(heading), ""]
    lines = flagtext.coverage_lines(s)
    if lines:
        out += [*(f"- {esc(line)}" for line in lines), ""]
    return out


def _ratings(s: Summary) -> list[RatingStats]:
    return [*s.symptoms.values(), *s.stomach.values()]


def _rating_row(r: RatingStats) -> str:
    if not r.days:
        return f"| {esc(r.label)} | 0 | {NO_DATA} | | | | |"
    return (
        f"| {esc(r.label)} | {r.days} | {mean_text(r.mean, none=NO_DATA)} | "
        f"{number(r.min)}-{number(r.max)} | "
        f"{mean_text(r.first_half_mean)} | {mean_text(r.second_half_mean)} | "
        f"{c.signed(c.change(r))} |"
    )


def _symptoms(s: Summary) -> list[str]:
    out = [
        "## Symptoms",
        "",
        "Ratings 0-10, higher is worse. Change = second half minus first half of the period; "
        "— means not enough data (a mean needs at least 3 answered days).",
        "",
        "| Rating | Days | Mean | Range | 1st half | 2nd half | Change |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    out += [_rating_row(r) for r in _ratings(s)]
    ex = s.exertion
    said = (
        f"mean {mean_text(ex.mean, none=NO_DATA)} over {days_text(ex.days)}, range "
        f"{number(ex.min)}-{number(ex.max)}"
        if ex.days
        else "no answers in this period"
    )
    out += ["", f"Exertion (0 = rested all day, 10 = far too much): {said}.", ""]
    return out


def _own(s: Summary) -> list[str]:
    """Crash days and the patient's own questions (settings `[[trackers]]`), one line each."""
    shown = c.own_answers(s)
    if not shown:
        return []
    out = [f"## {c.OWN_HEADING}", ""]
    out += [f"- **{esc(answer_name(a))}:** {esc(answer_words(a))}" for a in shown]
    return [*out, ""]


def _sleep(s: Summary) -> list[str]:
    sl = s.sleep
    if not sl.days:
        return ["## Sleep", "", f"Sleep: {NO_DATA}.", ""]
    return [
        "## Sleep",
        "",
        f"- Hours per night: mean **{mean_text(sl.hours_mean, none=NO_DATA)}** "
        f"({nights_text(sl.days)} recorded)",
        f"- Quality (0-10, higher is better): mean **{mean_text(sl.quality_mean, none=NO_DATA)}**",
        "",
    ]


def _gi(s: Summary) -> list[str]:
    gi = s.gi
    out = ["## Bowel habits", ""]
    if not gi.recorded_days:
        return [*out, f"No bowel movements were recorded in this period ({NO_DATA}).", ""]
    out += [
        f"- Days with bowel answers: {gi.recorded_days} of {s.days}",
        f"- Bowel movements: {gi.stools}; spontaneous (no laxative that day or the day before): "
        f"{gi.sbm}, i.e. **{c.sbm_figure(gi.sbm_per_week)}**",
        f"- Straining: {_share(gi.straining_share, gi.straining_answered)}",
        f"- Felt incomplete: {_share(gi.incomplete_share, gi.incomplete_answered)}",
        f"- Laxatives: {c.laxative_text(s)}",
        "",
        "| Bristol type | Description | Count | Share |",
        "|---:|---|---:|---:|",
    ]
    total = c.bristol_total(s)
    for kind in range(1, 8):
        count = gi.bristol_counts.get(kind, 0)
        out.append(f"| {kind} | {BRISTOL[kind]} | {count} | {c.bristol_share(s, count)} |")
    if gi.hard_share is None or gi.loose_share is None:
        shares = (
            f"Hard (types 1-2) and loose (types 6-7) shares: {NO_DATA} "
            f"({plural(total, 'stool')} with a type; a share needs at least 4)."
        )
    else:
        shares = (
            f"Hard (types 1-2): {percent(gi.hard_share)}; loose (types 6-7): "
            f"{percent(gi.loose_share)} of {total} stools with a type."
        )
    return [*out, "", shares, ""]


def _share(share: float | None, answered: int) -> str:
    if share is None or not answered:
        return NO_DATA
    return f"{percent(share)} of {answered} bowel movements that answered it"


def _intake(s: Summary) -> list[str]:
    out = ["## Intake in detail", ""]
    if not s.intake:
        return [*out, "No intake was recorded in this period.", ""]
    out += [
        "| Substance | Class | Days taken | Now | Mean on days taken | Most in a day |",
        "|---|---|---:|---|---:|---:|",
    ]
    for st in s.intake.values():
        ranges = it.ranges_of(s, st.substance, st.unit)
        now = it.range_amount(ranges[-1]) if ranges else "—"
        mean = "—" if st.mean_daily is None else amount(st.mean_daily, st.unit, 1)
        most = "—" if st.max_daily is None else amount(st.max_daily, st.unit)
        out.append(
            f"| {esc(st.substance)} | {class_words(st.klass)} | {st.days} | "
            f"{cell(now)} | {cell(mean)} | {cell(most)} |"
        )
    out += [
        "",
        "Every range (a new one begins when the amount went up or down by more than "
        "25% and stayed there, or the substance was started, stopped or taken again; days "
        "off are not zeros):",
        "",
    ]
    for group in it.by_substance(s.intake_timeline):
        out.append(f"- {esc(group[0].substance)}:")
        out += [f"  - {esc(line)}" for line in it.substance_lines(group, s.last)]
    return [*out, ""]


def _pem(s: Summary) -> list[str]:
    p = s.pem
    out = [f"## {PEM_TITLE}", "", esc(p.statement), ""]
    if not p.enough_data:
        return out
    out += [
        f"Days 1-2 after exertion of {p.threshold} or more ({p.high_days} such days) "
        f"vs. after other days ({p.other_days}):",
        "",
        "| Rating on the next 1-2 days | After higher exertion | After other days |",
        "|---|---:|---:|",
        f"| PEM | {mean_text(p.pem_after_high)} (n={p.pem_after_high_n}) | "
        f"{mean_text(p.pem_after_other)} (n={p.pem_after_other_n}) |",
        f"| Fatigue | {mean_text(p.fatigue_after_high)} (n={p.fatigue_after_high_n}) | "
        f"{mean_text(p.fatigue_after_other)} (n={p.fatigue_after_other_n}) |",
        "",
    ]
    return out


def _gaps(s: Summary) -> list[str]:
    out: list[str] = []
    copies = [p for p in s.problems if c.is_sync_copy(p)]
    broken = [p for p in s.problems if not c.is_sync_copy(p)]
    for problems, heading, intro in (
        (
            broken,
            "## Files that could not be read",
            "These days are missing from every figure above:",
        ),
        (copies, "## Sync-conflict copies not merged yet", c.COPIES_INTRO),
    ):
        if not problems:
            continue
        out += [heading, "", intro, ""]
        for p in problems:
            where = f"{p.file}:{p.line}" if p.line else p.file
            out.append(f"- {code(where)}: {esc(p.message)}")
        out.append("")
    return out


def _notes(s: Summary) -> list[str]:
    out = ["## Notes (included at the patient's request)", ""]
    if not s.notes:
        return [*out, "No notes in this period.", ""]
    for day, text in s.notes:
        lines = esc_block(text)
        out.append(f"- **{c.iso(day)}:** " + "\\\n  ".join(lines))
    return [*out, ""]
