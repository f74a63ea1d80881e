"""The appointment summary as Markdown: readable as plain text, tidy when rendered.

Order follows what a clinician needs first: urgent flags, then what changed and since when,
then what was taken, then the figures. User text (substance names, notes, file names) is
stripped of control characters and escaped so it can never become a heading, a link or HTML.
"""

from __future__ import annotations

import re

from fatiguelog.analysis.summary import FlagReport, RatingStats, Summary
from fatiguelog.export import common as c
from fatiguelog.textsafe import strip_controls

# `&` only matters where it would start an entity such as `&lt;` or `&#60;`.
_INLINE = re.compile(r"([\\`*_\[\]<>|~]|&(?=#?\w+;))")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def esc(text: str) -> str:
    """One line of user text, inert in Markdown (and in a terminal)."""
    text = _INLINE.sub(r"\\\1", strip_controls(str(text), one_line=True))
    return _LINE_START.sub(_escape_line_start, text)


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
    out: list[str] = []
    out += _header(summary)
    out += _urgent(summary)
    out += _glance(summary)
    out += _flags(summary)
    out += _symptoms(summary)
    out += _sleep(summary)
    out += _gi(summary)
    out += _intake(summary)
    out += _pem(summary)
    out += _gaps(summary)
    if include_notes:
        out += _notes(summary)
    out += [
        "---",
        "",
        f"*{c.NOT_A_DIAGNOSIS}* Made with fatiguelog from the patient's own entries.",
        "",
    ]
    return "\n".join(out)


def _header(s: Summary) -> list[str]:
    return [
        "# Appointment summary (fatiguelog)" if not s.generated else
        f"# DEMO appointment summary: {c.GENERATED}",
        "",
        f"**Period:** {c.iso(s.first)} to {c.iso(s.last)} ({s.days} days)  ",
        f"**Days recorded:** {s.days_recorded} of {s.days} ({c.recorded_share(s)})",
        "",
        f"> {c.NOT_A_DIAGNOSIS}",
        "",
    ]


def _urgent(s: Summary) -> list[str]:
    urgent = s.urgent
    if not urgent:
        return []
    out = ["## URGENT: warning signs reported", ""]
    for flag in urgent:
        out.append(
            f"- **{esc(flag.title)}**: {esc(flag.evidence)}. {c.flag_status(flag, s).capitalize()}."
        )
    return [*out, "", f"**{c.SEEK_CARE}**", ""]


def _glance(s: Summary) -> list[str]:
    """Two-minute view: what is on now, since when, and what intake changed when."""
    out = ["## At a glance", ""]
    active = s.active_flags()
    if active:
        out.append(
            f"- **Flags active on {c.iso(s.last)}:** "
            + "; ".join(
                f"{esc(f.title)} ({c.LEVEL_LABEL.get(f.level, f.level)}, since {c.iso(f.since)})"
                for f in active
            )
        )
    else:
        out.append(f"- **Flags active on {c.iso(s.last)}:** none")
    ended = [f for f in s.flags if f.last != s.last]
    if ended:
        out.append("- **Earlier in the period:**")
        out += [f"  - {esc(f.title)}: {c.spells_text(f, s)}" for f in ended]
    changes, hidden = c.glance_changes(s)
    if changes:
        out.append("- **Intake changes:**")
        out += [
            f"  - {c.iso(e.day)}: {esc(e.substance)} {c.change_text(e, until)}"
            for e, until in changes
        ]
        if hidden:
            out.append(f"  - and {hidden} more (see Intake below)")
    elif s.intake:
        out.append("- **Intake changes:** none in the period")
    worse = [(r, c.change(r)) for r in _ratings(s)]
    moved = [(r, d) for r, d in worse if d is not None and abs(d) >= 1]
    if moved:
        out.append(
            "- **Ratings that moved by 1 point or more (first vs second half):** "
            + "; ".join(
                f"{esc(r.label)} {c.num(r.first_half_mean)} → {c.num(r.second_half_mean)}"
                for r, _ in moved
            )
        )
    return [*out, ""]


def _flags(s: Summary) -> list[str]:
    out = ["## Flags", ""]
    if not s.flags:
        return [*out, "No flag was active in this period.", ""]
    out += ["Urgent first. Each flag describes the patient's own entries and names its rule.", ""]
    for flag in s.flags:
        out += _flag(flag, s)
    return out


def _flag(flag: FlagReport, s: Summary) -> list[str]:
    level = c.LEVEL_LABEL.get(flag.level, flag.level)
    return [
        f"### {level}: {esc(flag.title)}",
        "",
        f"- **When:** {c.flag_status(flag, s)}",
        f"- **Evidence:** {esc(flag.evidence)}",
        f"- **Rule:** {esc(flag.rule)} ({code(flag.id)})",
        f"- **Source:** {esc(flag.source)}",
        f"- **Advice:** {esc(flag.advice)}",
        "",
    ]


def _ratings(s: Summary) -> list[RatingStats]:
    return [*s.symptoms.values(), *s.stomach.values()]


def _rating_row(r: RatingStats) -> str:
    if not r.days:
        return f"| {esc(r.label)} | 0 | {c.NO_DATA} | | | | |"
    return (
        f"| {esc(r.label)} | {r.days} | {c.num(r.mean)} | {c.num(r.min)}-{c.num(r.max)} | "
        f"{c.num(r.first_half_mean)} | {c.num(r.second_half_mean)} | {c.signed(c.change(r))} |"
    )


def _symptoms(s: Summary) -> list[str]:
    out = [
        "## Symptoms",
        "",
        "Ratings 0-10, higher is worse. Change = second half minus first half of the period.",
        "",
        "| Rating | Days | Mean | Range | 1st half | 2nd half | Change |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    out += [_rating_row(r) for r in _ratings(s)]
    ex = s.exertion
    out += [
        "",
        f"Exertion (0 = rested all day, 10 = far too much): mean {c.num(ex.mean)} "
        f"over {ex.days} days, range {c.num(ex.min)}-{c.num(ex.max)}.",
        "",
    ]
    return out


def _sleep(s: Summary) -> list[str]:
    sl = s.sleep
    if not sl.days:
        return ["## Sleep", "", f"Sleep: {c.NO_DATA}.", ""]
    return [
        "## Sleep",
        "",
        f"- Hours per night: mean **{c.num(sl.hours_mean)}** ({sl.days} nights recorded)",
        f"- Quality (0-10, higher is better): mean **{c.num(sl.quality_mean)}**",
        "",
    ]


def _gi(s: Summary) -> list[str]:
    gi = s.gi
    out = ["## Bowel habits", ""]
    if not gi.recorded_days:
        return [*out, f"No bowel movements were recorded in this period ({c.NO_DATA}).", ""]
    per_week = c.num(gi.sbm_per_week) if gi.sbm_per_week is not None else c.NO_DATA
    out += [
        f"- Days with bowel answers: {gi.recorded_days} of {s.days}",
        f"- Bowel movements: {gi.stools}; spontaneous (no laxative that day or the day before): "
        f"{gi.sbm}, i.e. **{per_week} SBMs per week**",
        f"- Straining: {_share(gi.straining_share, gi.straining_answered)}",
        f"- Felt incomplete: {_share(gi.incomplete_share, gi.incomplete_answered)}",
        f"- Days with a laxative, enema or suppository: {gi.laxative_days}",
        "",
        "| Bristol type | Description | Count | Share |",
        "|---:|---|---:|---:|",
    ]
    total = c.bristol_total(s)
    for kind in range(1, 8):
        count = gi.bristol_counts.get(kind, 0)
        out.append(f"| {kind} | {c.BRISTOL[kind]} | {count} | {c.part(count, total)} |")
    hard = gi.bristol_counts.get(1, 0) + gi.bristol_counts.get(2, 0)
    loose = gi.bristol_counts.get(6, 0) + gi.bristol_counts.get(7, 0)
    return [
        *out,
        "",
        f"Hard (types 1-2): {c.part(hard, total)}; loose (types 6-7): "
        f"{c.part(loose, total)} of {total} stools with a type.",
        "",
    ]


def _share(share: float | None, answered: int) -> str:
    if share is None or not answered:
        return c.NO_DATA
    return f"{c.pct(share)} of {answered} bowel movements that answered it"


def _intake(s: Summary) -> list[str]:
    out = ["## Intake (substances, medicines, supplements)", ""]
    if not s.intake:
        return [*out, "No intake was recorded in this period.", ""]
    out += [
        "| Substance | Unit | Days taken | Mean per day taken | Max per day | Opioid-acting |",
        "|---|---|---:|---:|---:|---|",
    ]
    for st in s.intake.values():
        out.append(
            f"| {esc(st.substance)} | {esc(st.unit)} | {st.days} | {c.num(st.mean_daily, 2)} | "
            f"{c.num(st.max_daily, 2)} | {'yes' if st.opioid_acting else 'no'} |"
        )
    changes = c.intake_changes(s)
    out += ["", "**Changes** (a day's total against the mean of the previous 7 intake days):", ""]
    if changes:
        out += [
            f"- {c.iso(e.day)}: {esc(e.substance)} {c.change_text(e, until)}"
            for e, until in changes
        ]
    else:
        out.append("- none in the period")
    return [*out, ""]


def _pem(s: Summary) -> list[str]:
    p = s.pem
    out = ["## Delayed post-exertional malaise (PEM)", "", esc(p.statement), ""]
    if not p.enough_data:
        return out
    out += [
        f"Days 1-2 after exertion of {p.threshold} or more ({p.high_days} such days) "
        f"vs. after other days ({p.other_days}):",
        "",
        "| Rating on the next 1-2 days | After higher exertion | After other days |",
        "|---|---:|---:|",
        f"| PEM | {c.num(p.pem_after_high)} (n={p.pem_after_high_n}) | "
        f"{c.num(p.pem_after_other)} (n={p.pem_after_other_n}) |",
        f"| Fatigue | {c.num(p.fatigue_after_high)} (n={p.fatigue_after_high_n}) | "
        f"{c.num(p.fatigue_after_other)} (n={p.fatigue_after_other_n}) |",
        "",
    ]
    return out


def _gaps(s: Summary) -> list[str]:
    out: list[str] = []
    if s.not_enough_data:
        out += ["## Not enough data", "", "These rules could not be checked on the last day:", ""]
        for rule in s.not_enough_data:
            need = s.not_enough_detail.get(rule)
            out.append(f"- {code(rule)}" + (f": {esc(need)}" if need else ""))
        out.append("")
    if s.problems:
        out += [
            "## Files that could not be read",
            "",
            "These days are missing from every figure above:",
            "",
        ]
        for p in s.problems:
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
