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
    out += [c.flagtext.SBM_EXPLAINED, ""]
    out += _glance(summary)
    out += _alarms(summary)
    out += _flags(summary)
    out += _coverage(summary)
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
    """The banner: only alarm symptoms on at the period's last day (flags.md v2)."""
    if not s.banner:
        return []
    out = [f"## {esc(c.flagtext.banner_heading(s))}", ""]
    out += [f"- **{esc(line)}**" for line in c.flagtext.banner_lines(s)]
    return [*out, ""]


def _alarms(s: Summary) -> list[str]:
    """Alarm symptoms reported earlier in the period, with their dates: no banner."""
    if not s.earlier_alarms:
        return []
    out = [f"## {c.flagtext.ALARMS_HEADING}", ""]
    out += [f"- {esc(line)}" for line in c.flagtext.alarm_lines(s.earlier_alarms)]
    return [*out, ""]


def _glance(s: Summary) -> list[str]:
    """Two-minute view: what is on now, since when, and what intake changed when."""
    out = ["## At a glance", ""]
    active = [f for f in s.active_flags() if f in c.shown_flags(s)]
    if s.coverage is not None:
        out.append(f"- **Rules checked:** {c.coverage_short(s)}"
                   + (f"; {len(s.coverage.unchecked)} could not be (see below)"
                      if s.coverage.unchecked else ""))
    if active:
        out.append(
            f"- **Flags active on {c.iso(s.last)}:** "
            + "; ".join(
                f"{esc(f.title)} ({c.LEVEL_LABEL.get(f.level, f.level)}, since {c.iso(f.since)})"
                for f in active
            )
        )
    else:
        none = "none besides the alarm symptoms above" if s.banner else "none"
        out.append(f"- **Flags active on {c.iso(s.last)}:** {none}")
    ended = [f for f in c.shown_flags(s) if f.last != s.last]
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
    shown = c.shown_flags(s)
    if not s.flags:
        return [*out, c.flagtext.no_flags_text(s), ""]
    if not shown:
        return [*out, "No flag other than the alarm symptoms above.", ""]
    out += ["Each flag describes the patient's own entries and names its rule.", ""]
    for flag in shown:
        out += _flag(flag, s)
    return out


def _flag(flag: FlagReport, s: Summary) -> list[str]:
    level = c.LEVEL_LABEL.get(flag.level, flag.level)
    lasted = c.flagtext.lasted(flag)
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
    heading = c.flagtext.coverage_heading(s)
    if not heading:
        return []
    out = ["## Rules checked", "", esc(heading), ""]
    lines = c.flagtext.coverage_lines(s)
    if lines:
        out += [*(f"- {esc(line)}" for line in lines), ""]
    return out


def _ratings(s: Summary) -> list[RatingStats]:
    return [*s.symptoms.values(), *s.stomach.values()]


def _rating_row(r: RatingStats) -> str:
    if not r.days:
        return f"| {esc(r.label)} | 0 | {c.NO_DATA} | | | | |"
    return (
        f"| {esc(r.label)} | {r.days} | {c.num(r.mean, none=c.NO_DATA)} | "
        f"{c.num(r.min)}-{c.num(r.max)} | "
        f"{c.num(r.first_half_mean)} | {c.num(r.second_half_mean)} | {c.signed(c.change(r))} |"
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
    said = (f"mean {c.num(ex.mean, none=c.NO_DATA)} over {ex.days} days, range "
            f"{c.num(ex.min)}-{c.num(ex.max)}" if ex.days else "no answers in this period")
    out += ["", f"Exertion (0 = rested all day, 10 = far too much): {said}.", ""]
    return out


def _sleep(s: Summary) -> list[str]:
    sl = s.sleep
    if not sl.days:
        return ["## Sleep", "", f"Sleep: {c.NO_DATA}.", ""]
    return [
        "## Sleep",
        "",
        f"- Hours per night: mean **{c.num(sl.hours_mean, none=c.NO_DATA)}** "
        f"({sl.days} nights recorded)",
        f"- Quality (0-10, higher is better): mean **{c.num(sl.quality_mean, none=c.NO_DATA)}**",
        "",
    ]


def _gi(s: Summary) -> list[str]:
    gi = s.gi
    out = ["## Bowel habits", ""]
    if not gi.recorded_days:
        return [*out, f"No bowel movements were recorded in this period ({c.NO_DATA}).", ""]
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
        out.append(f"| {kind} | {c.BRISTOL[kind]} | {count} | {c.bristol_share(s, count)} |")
    if gi.hard_share is None or gi.loose_share is None:
        shares = (f"Hard (types 1-2) and loose (types 6-7) shares: {c.NO_DATA} ({total} "
                  f"stool{'' if total == 1 else 's'} with a type; a share needs at least 4).")
    else:
        shares = (f"Hard (types 1-2): {c.pct(gi.hard_share)}; loose (types 6-7): "
                  f"{c.pct(gi.loose_share)} of {total} stools with a type.")
    return [*out, "", shares, ""]


def _share(share: float | None, answered: int) -> str:
    if share is None or not answered:
        return c.NO_DATA
    return f"{c.pct(share)} of {answered} bowel movements that answered it"


def _intake(s: Summary) -> list[str]:
    out = ["## Intake (substances, medicines, supplements)", ""]
    if not s.intake:
        return [*out, "No intake was recorded in this period.", ""]
    out += [
        "| Substance | Unit | Days taken | Mean per day taken | Max per day | Class |",
        "|---|---|---:|---:|---:|---|",
    ]
    for st in s.intake.values():
        out.append(
            f"| {esc(st.substance)} | {esc(st.unit)} | {st.days} | {c.num(st.mean_daily, 2)} | "
            f"{c.num(st.max_daily, 2)} | {c.class_words(st.klass)} |"
        )
    changes = c.intake_changes(s)
    out += ["", "**Changes** (a day's total against the mean of the last, up to 7, days it was "
            "taken in the 14 days before; days off are not zeros):", ""]
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
