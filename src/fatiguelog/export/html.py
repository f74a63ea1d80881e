"""The appointment summary as one self-contained HTML file (no scripts, no external resources).

Page one (A4 and US Letter) is what a GP with one minute reads, in this order: name and date
of birth left blank to fill by hand; the period and what could be checked; the urgent banner
(only a red flag on at the period's end); the patient's own "What I want to discuss"; the key
figures; the flags on now with how long the symptom lasted; the medicines and substances
timeline (the current amount last and marked); every alarm symptom reported, with its dates.
Each page-one section is kept whole when printed, and everything else starts on page two:
the week-by-week table, the charts, the flags in detail (earlier ones too), the tables, and
notes only when asked for. A section with nothing to show says why.

Every piece of user text goes through `html.escape` (after losing control and bidirectional
characters); levels are written in words as well as shown by colour.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from fatiguelog import flagtext
from fatiguelog import intaketext as it
from fatiguelog.analysis.summary import (
    DaySeries,
    FlagReport,
    IntakeEvent,
    RatingStats,
    Summary,
)
from fatiguelog.analysis.weeks import ALARM_SERIES, LAXATIVE_SERIES
from fatiguelog.export import common as c
from fatiguelog.export import svg
from fatiguelog.model import BRISTOL
from fatiguelog.substances import class_words
from fatiguelog.wording import (
    CLINICIAN_DISCLAIMER,
    DISCUSS_TITLE,
    LEVELS,
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
    unit_text,
)

MIN_CHART_DAYS = 7
#: Longer periods draw bowel movements per week, not per day (a day would be a hairline).
DAILY_CHART_DAYS = 120
#: A day as the week table writes it (never broken at its hyphens).
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: The page-one sections, in order (`data-page1` on each; a test checks the order).
PAGE_ONE = ("who", "period", "banner", "discuss", "figures", "flags", "medication", "alarms")
CSS = """
:root { --ink:#1d2430; --muted:#5a6472; --line:#d5dbe3; --soft:#f5f7fa; --accent:#1f4e8c;
        --urgent:#b71c1c; --urgent-bg:#fdecea; --warn:#8a5a00; --warn-bg:#fff6e0;
        --info:#1f4e8c; --info-bg:#eaf2fb; }
* { box-sizing: border-box; }
html { background: #eef1f5; }
body { margin: 0; color: var(--ink); font: 15px/1.4 system-ui, -apple-system, "Segoe UI",
       Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 840px; margin: 24px auto; background: #fff; padding: 26px 34px 30px;
       border: 1px solid var(--line); border-radius: 8px; }
h1 { font-size: 1.3em; margin: 0; }
h2 { font-size: 1.08em; margin: 14px 0 5px; padding-bottom: 2px;
     border-bottom: 2px solid var(--line); break-after: avoid; page-break-after: avoid; }
h3 { font-size: 1em; margin: 0 0 4px; }
p { margin: 4px 0; }
.muted, .small { color: var(--muted); }
.small { font-size: .86em; }
.who { display: flex; gap: 28px; margin: 8px 0 4px; font-size: .95em; }
.who span { flex: 1; border-bottom: 1px solid var(--ink); padding-bottom: 2px; min-height: 1.6em; }
.period { margin: 6px 0 2px; }
.disclaimer { font-size: .84em; color: var(--muted); margin: 2px 0; }
.alert { border: 3px solid var(--urgent); background: var(--urgent-bg); padding: 7px 12px;
         border-radius: 6px; margin: 10px 0 6px; }
.alert h2 { border: 0; margin: 0 0 2px; color: var(--urgent); }
.alert ul { margin: 2px 0 2px 18px; padding: 0; }
.discuss-text { border-left: 4px solid var(--accent); background: var(--soft);
                padding: 5px 10px; margin: 4px 0; white-space: pre-wrap;
                overflow-wrap: anywhere; }
.discuss-text p { margin: 0 0 4px; }
.discuss-text.two { column-count: 2; column-gap: 18px; }
.discuss-text.long { font-size: .84em; line-height: 1.25; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 6px; margin: 6px 0 4px; }
.card { border: 1px solid var(--line); border-radius: 5px; padding: 2px 7px;
        background: var(--soft); break-inside: avoid; line-height: 1.25; }
.card .k { font-size: .74em; color: var(--muted); text-transform: uppercase;
           letter-spacing: .03em; }
.card .v { font-size: 1.05em; font-weight: 650; display: inline; margin-left: 4px; }
.card .k { display: inline; }
.card .v.none { font-size: .92em; font-weight: 600; color: var(--muted); }
.card .d { font-size: .74em; color: var(--muted); }
ul.tight { margin: 3px 0; padding-left: 20px; }
ul.tight li { margin: 1px 0; }
.lvl { font-weight: 700; }
.lvl.urgent { color: var(--urgent); } .lvl.warn { color: var(--warn); }
.lvl.info { color: var(--info); }
.flag { border: 1px solid var(--line); border-left-width: 6px; border-radius: 6px;
        padding: 6px 10px; margin: 7px 0; break-inside: avoid; page-break-inside: avoid; }
.flag.urgent { border-left: 6px double var(--urgent); background: var(--urgent-bg); }
.flag.warn { border-left: 6px solid var(--warn); background: var(--warn-bg); }
.flag.info { border-left: 6px dotted var(--info); background: var(--info-bg); }
.badge { display: inline-block; font-size: .74em; font-weight: 700; letter-spacing: .05em;
         padding: 1px 6px; border-radius: 3px; border: 1px solid currentColor; margin-right: 6px;
         vertical-align: 1px; background: #fff; }
.urgent .badge { color: var(--urgent); } .warn .badge { color: var(--warn); }
.info .badge { color: var(--info); }
dl.facts { display: grid; grid-template-columns: 6.5em 1fr; gap: 1px 10px; margin: 4px 0 0;
           font-size: .93em; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 4px; font-size: .9em; }
table.meds td:nth-child(3), table.meds td:nth-child(4) { white-space: nowrap; }
table.weeks { font-size: .86em; } table.weeks th, table.weeks td { padding: 2px 4px; }
.nw { white-space: nowrap; }
@media screen and (min-width: 960px) { table.weeks td:first-child { white-space: nowrap; } }
th, td { border-bottom: 1px solid var(--line); padding: 2px 6px; text-align: left;
         vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.now td { font-weight: 650; background: #eef5ee; }
.now-mark { display: inline-block; font-size: .72em; font-weight: 700; letter-spacing: .05em;
            border: 1px solid #2e7d32; color: #2e7d32; border-radius: 3px; padding: 0 4px;
            margin-left: 2px; vertical-align: 1px; background: #fff; white-space: nowrap; }
tr.empty td { color: var(--muted); }
td.barcell, th.barcell { width: 28%; color: var(--muted); font-weight: normal; }
.hbar { display: inline-block; height: .8em; background: #8fb3dc; border: 1px solid #1f4e8c;
        vertical-align: middle; min-width: 1px; }
figure { margin: 8px 0 12px; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: .88em; color: var(--muted); margin-bottom: 2px; }
svg.chart { width: 100%; height: auto; display: block; }
svg .axis { stroke: #7b8591; stroke-width: 1; }
svg .grid { stroke: #e3e7ec; stroke-width: 1; }
svg .tick, svg .legend { font: 10px system-ui, sans-serif; fill: #4a5360; }
svg .legend { font-size: 10.5px; fill: #1d2430; }
svg .event { stroke: #6a1b9a; stroke-width: 1; stroke-dasharray: 3 2; }
svg .event-label { font: 10px system-ui, sans-serif; fill: #6a1b9a; }
svg .threshold { stroke: #9a6a12; stroke-width: 1; stroke-dasharray: 6 3; }
svg .threshold-label { font: 10px system-ui, sans-serif; fill: #7a5200; }
svg .flag-label { font: 10px system-ui, sans-serif; fill: #1d2430; }
svg .evidence { stroke: #1d2430; stroke-width: 2; }
svg .report { fill: #b71c1c; stroke: #fff; stroke-width: 1; }
svg .laxative { fill: #2e7d32; }
svg .nostool { fill: #fff; stroke: #1d2430; stroke-width: 1.2; }
.note { white-space: pre-wrap; overflow-wrap: anywhere; }
.problems li, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
                      font-size: .88em; overflow-wrap: anywhere; }
footer { margin-top: 18px; padding-top: 6px; border-top: 1px solid var(--line);
         font-size: .82em; color: var(--muted); }
section.p1, section.keep, div.keep { break-inside: avoid; page-break-inside: avoid; }
.rest { break-before: page; page-break-before: always; }
@page { margin: 9mm 11mm 10mm; }
@media print {
  html, body { background: #fff; }
  body { font-size: 9pt; }
  main { max-width: none; margin: 0; padding: 0; border: 0; border-radius: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { margin-top: 6px; margin-bottom: 3px; }
  .alert { margin: 6px 0 4px; padding: 5px 10px; }
  .period { margin: 4px 0 1px; }
  .discuss-text { line-height: 1.3; padding: 3px 8px; }
  .cards { gap: 4px; }
}
@media (max-width: 640px) {
  .cards { grid-template-columns: repeat(2, 1fr); }
  main { padding: 16px; }
}
"""


t = c.html_text


def render(summary: Summary, include_notes: bool = False) -> str:
    s = summary
    title = f"{SUMMARY_TITLE} {c.iso(s.first)} to {c.iso(s.last)}"
    if s.generated:
        title = f"DEMO ({c.GENERATED}): {title}"
    page_one = [
        _who(s),
        _period(s),
        _urgent(s),
        _discuss(s),
        _figures(s),
        _flags_now(s),
        _medication(s),
        _alarms(s),
    ]
    rest = [
        _weeks(s),
        _charts(s),
        _flags(s),
        _symptoms(s),
        _own(s),
        _gi(s),
        _intake(s),
        _pem(s),
        _coverage(s),
        _gaps(s),
        _notes(s) if include_notes else "",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(part for part in page_one if part)
        + '\n<div class="rest">\n'
        + "\n".join(part for part in rest if part)
        + f"\n<footer>{escape(CLINICIAN_DISCLAIMER)} Made with fatiguelog from the patient's "
        f"own entries ({c.iso(s.first)} to {c.iso(s.last)}).</footer>\n</div>"
        + "\n</main>\n</body>\n</html>\n"
    )


def _section(key: str, body: str, extra: str = "") -> str:
    """A page-one section: kept whole in print, its place named for the structure test."""
    return f'<section class="p1{extra}" data-page1="{key}">{body}</section>'


# --- page one ---------------------------------------------------------------------------------
def _who(s: Summary) -> str:
    heading = (
        f"DEMO {SUMMARY_TITLE.lower()}: {escape(c.GENERATED)}" if s.generated else SUMMARY_TITLE
    )
    blanks = "".join(f"<span>{escape(label)}:</span>" for label in c.WHO)
    return _section("who", f'<h1>{heading}</h1>\n<div class="who">{blanks}</div>')


def _period(s: Summary) -> str:
    return _section(
        "period",
        (
            f'<p class="period"><strong>{c.iso(s.first)} to {c.iso(s.last)}</strong> '
            f"({days_text(s.days)}) · entries on {s.days_recorded} of {days_text(s.days)} "
            f"({c.recorded_share(s)}) · bowel answers on {days_text(s.gi.recorded_days)} · "
            f"{t(c.coverage_line(s))}</p>"
            f'<p class="disclaimer">{escape(CLINICIAN_DISCLAIMER)}</p>'
        ),
    )


def _urgent(s: Summary) -> str:
    """The banner: only alarm symptoms on at the period's last day (flags.md v2)."""
    if not s.banner:
        return ""
    items = "".join(f"<li><strong>{t(line)}</strong></li>" for line in flagtext.banner_lines(s))
    return _section(
        "banner", (f"<h2>⚠ {t(flagtext.banner_heading(s))}</h2><ul>{items}</ul>"), " alert"
    )


def _discuss(s: Summary) -> str:
    paragraphs = c.discuss_paragraphs(s)
    if paragraphs:
        body = "".join(
            "<p>" + "<br>".join(t(line) for line in lines) + "</p>" for lines in paragraphs
        )
        rows = [line for block in paragraphs for line in block]
        # many short lines (a list of questions) take two columns, and a text near its limit
        # a smaller type: page one keeps room for everything else
        size = " two" if len(rows) >= 8 and max(map(len, rows)) <= 48 else ""
        size += " long" if c.long_discuss(s) else ""
        text = f'<div class="discuss-text{size}">{body}</div>'
    else:
        text = f'<p class="muted">{escape(c.NO_DISCUSS)}</p>'
    return _section("discuss", f"<h2>{escape(DISCUSS_TITLE)}</h2>{text}")


def _figures(s: Summary) -> str:
    cards = "".join(
        f'<div class="card"><div class="k">{escape(f.label)}</div>'
        f'<div class="v{" none" if f.value == NO_DATA else ""}">{escape(f.value)}</div>'
        + (f'<div class="d">{escape(f.detail)}</div>' if f.detail else "")
        + "</div>"
        for f in c.key_figures(s)
    )
    return _section(
        "figures",
        (
            f'<h2>Key figures</h2><p class="small">{escape(flagtext.SBM_EXPLAINED)}</p>'
            f'<div class="cards">{cards}</div>'
        ),
    )


def _level(level: str) -> str:
    word = level_word(level)
    return f'<span class="lvl {escape(level)}">{escape(word)}:</span>'


def _flags_now(s: Summary) -> str:
    now = c.flags_now(s)
    if now:
        items = "".join(
            f"<li>{_level(f.level)} <strong>{t(f.title)}</strong>, {t(c.flag_now_text(f))}</li>"
            for f in now
        )
        body = f'<ul class="tight">{items}</ul>'
    else:
        body = f"<p>{t(c.no_flag_now_text(s))}</p>"
    earlier = c.flags_earlier(s)
    if earlier and c.long_discuss(s):  # titles only: the long discuss text takes the room
        body += (
            '<p class="small"><strong>Earlier in the period</strong> (their days in '
            "“Flags in detail”, after the charts): "
            + "; ".join(t(f.title) for f in earlier)
            + ".</p>"
        )
    elif earlier:
        body += (
            '<p class="small"><strong>Earlier in the period</strong> (the days that met '
            "each rule; details in “Flags in detail”, after the charts): "
            + "; ".join(t(c.earlier_text(f, s)) for f in earlier)
            + ".</p>"
        )
    return _section("flags", f"<h2>Flags on at {c.iso(s.last)}</h2>{body}")


def _medication(s: Summary) -> str:
    rows, hidden = c.page_one_rows(s)
    if not rows:
        said = (
            "No intake was recorded in this period."
            if not s.intake_timeline and not s.intake
            else "Nothing taken in this period."
        )
        return _section("medication", f"<h2>{c.MEDICATION_HEADING}</h2><p>{said}</p>")
    cells = []
    for row in rows:
        mark = '&nbsp;<span class="now-mark">NOW</span>' if row.current else ""
        opening = '<tr class="now">' if row.current else "<tr>"
        cells.append(
            f"{opening}<td>{t(row.substance)}{mark}</td>"
            f"<td>{escape(row.klass)}</td><td>{escape(row.first)}</td>"
            f"<td>{escape(row.last)}</td><td>{t(row.amount)}</td>"
            f"<td>{t(row.change)}</td></tr>"
        )
    more = (
        f' {plural(hidden, "earlier range")}: in "Intake in detail", after the charts.'
        if hidden
        else ""
    )
    return _section(
        "medication",
        (
            f"<h2>{c.MEDICATION_HEADING}</h2>"
            '<table class="meds"><thead><tr><th>Substance</th><th>Class</th>'
            "<th>From</th><th>To</th>"
            "<th>Amount</th><th>How it began</th></tr></thead><tbody>"
            + "".join(cells)
            + "</tbody></table>"
            '<p class="small">'
            + (
                ""
                if c.tight(s)
                else "Ranges of a steady daily amount, each substance oldest "
                "first; NOW marks the current one. A day's wobble stays in its range."
            )
            + more
            + "</p>"
        ),
    )


def _alarms(s: Summary) -> str:
    lines = c.alarm_texts(s)
    body = (
        f'<ul class="tight">{"".join(f"<li>{t(line)}</li>" for line in lines)}</ul>'
        if lines
        else f"<p>{escape(c.NO_ALARMS)}</p>"
    )
    return _section("alarms", f"<h2>{escape(flagtext.ALARMS_HEADING)}</h2>{body}")


# --- page two on ------------------------------------------------------------------------------
def _weeks(s: Summary) -> str:
    if not s.weeks:
        return ""
    head = "".join(f"<th{_num(n)}>{escape(name)}</th>" for n, name in enumerate(c.WEEK_COLUMNS))
    rows = []
    for w in s.weeks:
        cells = c.week_cells(w)
        rows.append(
            ('<tr class="empty">' if not w.gi_days else "<tr>")
            + "".join(f"<td{_num(n)}>{_week_cell(n, v)}</td>" for n, v in enumerate(cells))
            + "</tr>"
        )
    return (
        f'<section class="keep"><h2>{c.WEEKS_HEADING}</h2>'
        f'<table class="weeks"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'
        "</table>"
        f'<p class="small">{escape(c.WEEK_NOTE)}</p></section>'
    )


def _week_cell(column: int, text: str) -> str:
    """A week may wrap between its dates, never inside one: kept whole on one line, it pushed
    the table out of a narrow page (a window of 1,000 pixels, an alarm's words)."""
    if column:
        return escape(text)
    return _ISO_DAY.sub(r'<span class="nw">\g<0></span>', escape(text))


def _num(column: int) -> str:
    """Every column of the week table but the first holds numbers (right-aligned)."""
    return "" if column == 0 else ' class="n"'


def _series(s: Summary, *keys: str) -> list[DaySeries]:
    return [
        s.series[k]
        for k in keys
        if k in s.series and any(v is not None for v in s.series[k].values)
    ]


def _stool_columns(s: Summary) -> tuple[list[svg.StoolDay], str]:
    """The bowel chart's columns: one a day, or one a week for a long period."""
    keys = [key for key, _fill, _words in svg.STOOL_FILLS]
    if s.days > DAILY_CHART_DAYS:
        weeks = [
            svg.StoolDay(
                w.last,
                None
                if not w.gi_days
                else (
                    float(w.hard),
                    float(w.typed - w.hard - w.loose),
                    float(w.loose),
                    float(w.stools - w.typed),
                ),
                bool(w.laxative_days),
                bool(w.alarm_days),
                w.gi_days,
            )
            for w in s.weeks
        ]
        return weeks, "week"
    series = [s.series[k] for k in keys]
    lax = s.series.get(LAXATIVE_SERIES)
    alarm = s.series.get(ALARM_SERIES)
    columns = []
    for n, day in enumerate(series[0].days):
        values = [line.values[n] for line in series]
        counts = None if values[0] is None else tuple(float(v or 0) for v in values)
        columns.append(
            svg.StoolDay(day, counts, bool(lax and lax.values[n]), bool(alarm and alarm.values[n]))
        )
    return columns, "day"


def _charts(s: Summary) -> str:
    if s.days < MIN_CHART_DAYS:  # a chart of a few days says nothing the tables don't
        return (
            "<section><h2>Over the period</h2><p>No charts for a period shorter than "
            f"{MIN_CHART_DAYS} days: the tables say it all.</p></section>"
        )
    figures: list[str] = []
    # Symptom and bowel charts mark changes of opioid-class substances only (the GI story);
    # each substance's own chart marks all of its changes. Marks come from the timeline.
    opioid = it.range_events([r for r in s.intake_timeline if r.klass == "opioid"])
    if all(k in s.series for k, _fill, _words in svg.STOOL_FILLS) and s.gi.recorded_days:
        columns, unit = _stool_columns(s)
        figures.append(
            _figure(
                f"Bowel movements per {unit}, by Bristol type. An open circle is an answered "
                "“none”; a grey band is a day without a bowel answer (unknown, not zero). "
                "Under the dates: ▲ a laxative day, ◆ an alarm symptom reported.",
                svg.stool_chart(columns, s.first, s.last, unit=unit),
            )
        )
    sbm = _series(s, "sbm_per_week")
    if sbm:
        peak = max([7.0, *(v for v in sbm[0].values if v is not None)])
        figures.append(
            _figure(
                "Spontaneous bowel movements (SBMs) a week, over the 7 days up to each day "
                "(a gap: fewer than 4 of those days answered)",
                svg.line_chart(
                    sbm,
                    s.first,
                    s.last,
                    y_max=svg.nice_ceiling(peak),
                    y_label="SBMs / week",
                    title="SBMs a week",
                    events=opioid,
                    height=150,
                    threshold=(3, "3 a week (Rome IV: fewer is a sign)"),
                ),
            )
        )
    bristol = _series(s, "bristol_mean")
    if bristol:
        figures.append(
            _figure(
                "Bristol type, the day's mean (1 hard lumps - 7 watery; 3-5 typical; a gap: no "
                "stool with a type that day)",
                svg.line_chart(
                    bristol,
                    s.first,
                    s.last,
                    y_max=7,
                    y_min=1,
                    y_label="Bristol type",
                    title="Bristol type",
                    height=140,
                ),
            )
        )
    figures += _question_charts(s, opioid)
    for name, stats in s.intake.items():
        series = s.series.get(f"intake:{name}")
        if series is None or not any(v is not None for v in series.values):
            continue
        peak = svg.nice_ceiling(max(v for v in series.values if v is not None) * 1.1)
        marks = it.range_events(it.ranges_of(s, stats.substance, stats.unit))
        unit = f"{unit_text(2, stats.unit)} / day"
        figures.append(
            _figure(
                f"{t(stats.substance)}: daily total in {t(unit_text(2, stats.unit))} (0: "
                "answered, not taken; a gap: intake not answered)",
                svg.line_chart(
                    [series],
                    s.first,
                    s.last,
                    y_max=peak,
                    y_label=unit,
                    title=series.label,
                    events=marks,
                    height=130,
                ),
            )
        )
    if s.flags:
        figures.append(
            _figure(
                "When each flag was on: the bar (solid: urgent, hatched: warning, dotted: note); "
                "the line under it: the days that met the rule in its latest run; ◆ each day an "
                "alarm symptom was reported (its flag stays on for 7 days after a report)",
                svg.flag_timeline([_timeline_row(f, s) for f in s.flags], s.first, s.last),
            )
        )
    if not figures:
        return (
            "<section><h2>Over the period</h2><p>Nothing was answered that a chart could "
            "show.</p></section>"
        )
    return "<section><h2>Over the period</h2>\n" + "\n".join(figures) + "\n</section>"


#: Charted questions drawn on one chart, as the first one's: fatigue and PEM share a 0-10
#: scale and the opioid-change marks, and read best side by side.
SHARED_CHARTS: dict[str, tuple[str, ...]] = {"fatigue": ("fatigue", "pem")}


def _question_charts(s: Summary, opioid: Sequence[IntakeEvent]) -> list[str]:
    """A chart for every charted question, in the order they are asked (the registry's
    `chart=True`, and every one of the user's own): a rating on 0-10, a number from 0 (or
    its lowest answer) to a round top, a yes/no as a strip of its days."""
    shared = {key for keys in SHARED_CHARTS.values() for key in keys[1:]}
    figures: list[str] = []
    for answers in s.charted:
        q = answers.question
        if q.series_key in shared:
            continue
        if q.series_key in SHARED_CHARTS:
            lines = _series(s, *SHARED_CHARTS[q.series_key])
            if lines:
                names = [s.answers[line.key].question for line in lines]
                title = " and ".join(n.chart_name for n in names)
                figures.append(
                    _figure(
                        f"{t(title)}, daily ratings ({t(q.scale_note)}; gaps are days without an "
                        "answer)",
                        svg.line_chart(
                            lines,
                            s.first,
                            s.last,
                            y_max=10,
                            y_label="rating 0-10",
                            title=title,
                            events=opioid,
                        ),
                    )
                )
            continue
        line = _series(s, q.series_key)
        if not line:
            continue
        name = answer_name(answers)
        # "Sleep hours", "Dizziness on standing (0-10, higher is worse)", "PEM crash (days
        # marked yes)": the name with its scale, a unit the name says not said twice.
        head = q.series_label if q.declared else name
        whose = "the patient's own question; " if q.section == "custom" else ""
        if q.kind == "yesno":
            figures.append(
                _figure(
                    f"{t(head)}, daily ({whose}a hatched day: no answer that day)",
                    svg.day_strip(line[0], s.first, s.last, title=name),
                )
            )
            continue
        if q.kind == "rating":
            top, low, y_label = 10.0, 0.0, "rating 0-10"
        else:
            values = [v for v in line[0].values if v is not None]
            top = (
                q.chart_top
                if q.chart_top and max(values) <= q.chart_top
                else svg.nice_ceiling(max(max(values) * 1.1, 1))
            )
            low = min(0.0, min(values))
            y_label = q.unit or "number"
        figures.append(
            _figure(
                f"{t(head)}, daily ({whose}a gap: no answer that day)",
                svg.line_chart(
                    line,
                    s.first,
                    s.last,
                    y_max=top,
                    y_min=low,
                    y_label=y_label,
                    title=name,
                    height=120,
                ),
            )
        )
    return figures


def _timeline_row(f: FlagReport, s: Summary) -> svg.TimelineRow:
    level = level_word(f.level)
    alarm = flagtext.alarm_for(f, s) if c.is_alarm(f) else None
    if alarm is not None:
        days = [d for d in alarm.days if s.first <= d <= s.last]
        label = (
            f"{level}: {alarm.title}: {plural(len(days), 'report')} "
            f"({flagtext.dates_text(days)}); bar: the flag is on for 7 days after a "
            "report, not 7 days of symptoms"
        )
        return svg.TimelineRow(label, f.level, f.active_days, tuple(days))
    ev = f.evidence_days
    label = f"{level}: {f.title}"
    if ev is not None:
        first, last = c.iso(ev.first), c.iso(ev.last)
        label += (
            f" (line: {ev.count} qualifying days, {first} to {last})"
            if ev.count > 1
            else f" (line: 1 qualifying day, {first})"
        )
    return svg.TimelineRow(
        label, f.level, f.active_days, evidence=(ev.first, ev.last) if ev is not None else None
    )


def _figure(caption: str, chart: str) -> str:
    return f"<figure><figcaption>{caption}</figcaption>{chart}</figure>"


def _flags(s: Summary) -> str:
    shown = c.shown_flags(s)
    if not s.flags:
        return f"<section><h2>Flags in detail</h2><p>{t(flagtext.no_flags_text(s))}</p></section>"
    if not shown:
        return (
            "<section><h2>Flags in detail</h2><p>No flag other than the alarm symptoms "
            f"(on page 1) {t(c.checked_words(s))}.</p></section>"
        )
    now, earlier = c.flags_now(s), c.flags_earlier(s)
    intro = (
        '<h2>Flags in detail</h2><p class="small">Each flag describes the patient\'s own '
        "entries and names the rule it met.</p>"
    )
    out = []
    for heading, flags in (
        (f"On at {c.iso(s.last)}", now),
        (f"Earlier in the period (not on at {c.iso(s.last)})", earlier),
    ):
        if not flags:
            continue
        # a heading is never left alone at the foot of a page: it stays with its first card
        out.append(f'<div class="keep">{intro}<h3>{heading}</h3>{_flag(flags[0], s)}</div>')
        out += [_flag(f, s) for f in flags[1:]]
        intro = ""
    return "<section>" + "\n".join(out) + "\n</section>"


def _flag(f: FlagReport, s: Summary) -> str:
    level = f.level if f.level in LEVELS else "info"
    lasted = flagtext.lasted(f)
    return (
        f'<div class="flag {level}"><h3><span class="badge">{escape(level_word(level))}</span>'
        f"{t(f.title)}</h3>"
        '<dl class="facts">'
        f"<dt>When</dt><dd>{escape(c.flag_status(f, s))}</dd>"
        + (f"<dt>How long</dt><dd>{t(lasted)}</dd>" if lasted else "")
        + f"<dt>Evidence</dt><dd>{t(f.evidence)}</dd>"
        f"<dt>Rule</dt><dd>{t(f.rule)}</dd>"
        f"<dt>Source</dt><dd>{t(f.source)}</dd>"
        f"<dt>Advice</dt><dd>{t(f.advice)}</dd>"
        "</dl></div>"
    )


def _symptoms(s: Summary) -> str:
    rows = []
    for r in [*s.symptoms.values(), *s.stomach.values(), s.exertion]:
        rows.append(_rating_row(r))
    sl = s.sleep
    sleep = (
        f"<p>Sleep: mean <strong>{mean_text(sl.hours_mean, none=NO_DATA)} hours</strong> "
        "a night, "
        "quality "
        f"<strong>{mean_text(sl.quality_mean, none=NO_DATA)}</strong>/10 (higher is better), "
        f"{nights_text(sl.days)} recorded.</p>"
        if sl.days
        else f"<p>Sleep: {NO_DATA} (no night answered).</p>"
    )
    return (
        '<section class="keep"><h2>Symptoms and sleep</h2>'
        '<p class="small">Ratings 0-10, higher is worse (exertion: how much was done). '
        "Change = second-half mean minus first-half mean; — means not enough data (a mean "
        "needs at least 3 answered days).</p>"
        '<table><thead><tr><th>Rating</th><th class="n">Days</th><th class="n">Mean</th>'
        '<th class="n">Range</th><th class="n">1st half</th><th class="n">2nd half</th>'
        '<th class="n">Change</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
        + sleep
        + "</section>"
    )


def _own(s: Summary) -> str:
    """Crash days and the patient's own questions (settings `[[trackers]]`), one line each."""
    shown = c.own_answers(s)
    if not shown:
        return ""
    items = "".join(
        f"<li><strong>{t(answer_name(a))}:</strong> {t(answer_words(a))}</li>" for a in shown
    )
    return f'<section class="keep"><h2>{t(c.OWN_HEADING)}</h2><ul>{items}</ul></section>'


def _rating_row(r: RatingStats) -> str:
    if not r.days:
        return (
            f'<tr><td>{t(r.label)}</td><td class="n">0</td>'
            f'<td colspan="5" class="muted">{NO_DATA} (never answered)</td></tr>'
        )
    return (
        f'<tr><td>{t(r.label)}</td><td class="n">{r.days}</td>'
        f'<td class="n">{mean_text(r.mean, none=NO_DATA)}</td>'
        f'<td class="n">{number(r.min)}-{number(r.max)}</td>'
        f'<td class="n">{mean_text(r.first_half_mean)}</td>'
        f'<td class="n">{mean_text(r.second_half_mean)}</td>'
        f'<td class="n">{c.signed(c.change(r))}</td></tr>'
    )


def _gi(s: Summary) -> str:
    gi = s.gi
    if not gi.recorded_days:
        return (
            '<section class="keep"><h2>Bowel habits</h2>'
            f"<p>No bowel movements recorded ({NO_DATA}).</p></section>"
        )
    most = max([*gi.bristol_counts.values(), 1])
    rows = "".join(
        f'<tr><td class="n">{k}{_bristol_group(k)}</td><td>{escape(BRISTOL[k])}</td>'
        f'<td class="n">{gi.bristol_counts.get(k, 0)}</td>'
        f'<td class="n">{c.bristol_share(s, gi.bristol_counts.get(k, 0))}</td>'
        f'<td class="barcell"><span class="hbar" '
        f'style="width:{100 * gi.bristol_counts.get(k, 0) / most:.0f}%"></span></td></tr>'
        for k in range(1, 8)
    )
    return (
        '<section class="keep"><h2>Bowel habits</h2>'
        f"<p>{gi.stools} bowel movements on {days_text(gi.recorded_days)} with an answer; "
        f"{gi.sbm} spontaneous (no laxative that day or the day before): "
        f"<strong>{escape(c.sbm_figure(gi.sbm_per_week))}</strong>. "
        f"Straining: {_share(gi.straining_share, gi.straining_answered)}. "
        f"Felt incomplete: {_share(gi.incomplete_share, gi.incomplete_answered)}. "
        f"Laxatives: {escape(c.laxative_text(s))}.</p>"
        '<table><thead><tr><th class="n">Bristol type</th><th>Description</th>'
        '<th class="n">Count</th><th class="n">Share</th><th class="barcell">Count, as a bar</th>'
        f"</tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _bristol_group(kind: int) -> str:
    return " (hard)" if kind <= 2 else " (loose)" if kind >= 6 else ""


def _share(value: float | None, answered: int) -> str:
    if value is None or not answered:
        return NO_DATA
    return f"{percent(value)} of {answered} answered"


def _intake(s: Summary) -> str:
    if not s.intake:
        return (
            "<section><h2>Intake in detail</h2><p>No intake was recorded in this period."
            "</p></section>"
        )
    rows = "".join(
        f"<tr><td>{t(st.substance)}</td><td>{escape(class_words(st.klass))}</td>"
        f'<td class="n">{st.days}</td>'
        f"<td>{t(_now(s, st.substance, st.unit))}</td>"
        f'<td class="n">{t(_mean(st.mean_daily, st.unit))}</td>'
        f'<td class="n">{t(_mean(st.max_daily, st.unit))}</td></tr>'
        for st in s.intake.values()
    )
    lines = "".join(
        f'<li><strong>{t(group[0].substance)}</strong><ul class="tight">'
        + "".join(f"<li>{t(line)}</li>" for line in it.substance_lines(group, s.last))
        + "</ul></li>"
        for group in it.by_substance(s.intake_timeline)
    )
    return (
        '<section class="keep"><h2>Intake in detail</h2>'
        '<table><thead><tr><th>Substance</th><th>Class</th><th class="n">Days taken</th>'
        '<th>Now</th><th class="n">Mean on days taken</th><th class="n">Most in a day</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
        "<p><strong>Every range</strong> (a new range begins when the amount went up or down "
        "by more than 25% and stayed there, or the substance was started, stopped or taken "
        "again; days off are not zeros):</p>"
        f'<ul class="tight">{lines}</ul></section>'
    )


def _now(s: Summary, substance: str, unit: str) -> str:
    ranges = it.ranges_of(s, substance, unit)
    return it.range_amount(ranges[-1]) if ranges else "—"


def _mean(value: float | None, unit: str) -> str:
    return "—" if value is None else amount(value, unit, 1)


def _pem(s: Summary) -> str:
    p = s.pem
    table = ""
    if p.enough_data:
        table = (
            f'<table><thead><tr><th>Next 1-2 days</th><th class="n">After exertion ≥ {p.threshold} '
            f'({p.high_days} days)</th><th class="n">After other days ({p.other_days})</th>'
            "</tr></thead>"
            f'<tbody><tr><td>PEM</td><td class="n">{mean_text(p.pem_after_high)} '
            f"(n={p.pem_after_high_n})</td>"
            f'<td class="n">{mean_text(p.pem_after_other)} (n={p.pem_after_other_n})</td></tr>'
            f'<tr><td>Fatigue</td><td class="n">{mean_text(p.fatigue_after_high)} '
            f"(n={p.fatigue_after_high_n})</td>"
            f'<td class="n">{mean_text(p.fatigue_after_other)} '
            f"(n={p.fatigue_after_other_n})</td></tr></tbody></table>"
        )
    return f'<section class="keep"><h2>{PEM_TITLE}</h2><p>{t(p.statement)}</p>{table}</section>'


def _coverage(s: Summary) -> str:
    """How many rules were checked on the last day, and those that could not be, in words."""
    heading = flagtext.coverage_heading(s)
    if not heading:
        return ""
    items = "".join(f"<li>{t(line)}</li>" for line in flagtext.coverage_lines(s))
    listed = f'<ul class="tight">{items}</ul>' if items else ""
    return f'<section class="keep"><h2>Rules checked</h2><p>{t(heading)}</p>{listed}</section>'


def _gaps(s: Summary) -> str:
    out = ""
    for copies, heading, intro in (
        (False, "Files that could not be read", "These are missing from every figure above:"),
        (True, "Sync-conflict copies not merged yet", c.COPIES_INTRO),
    ):
        items = "".join(
            f"<li>{t(p.file)}{f':{p.line}' if p.line else ''}: {t(p.message)}</li>"
            for p in s.problems
            if c.is_sync_copy(p) is copies
        )
        if items:
            out += (
                f"<section><h2>{t(heading)}</h2><p>{t(intro)}</p>"
                f'<ul class="problems">{items}</ul></section>'
            )
    return out


def _notes(s: Summary) -> str:
    if not s.notes:
        return "<section><h2>Notes</h2><p>No notes in this period.</p></section>"
    items = "".join(
        f'<dt>{c.iso(day)}</dt><dd class="note">{t(text)}</dd>' for day, text in s.notes
    )
    return (
        "<section><h2>Notes (included at the patient's request)</h2>"
        f'<dl class="facts">{items}</dl></section>'
    )
