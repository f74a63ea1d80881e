"""The appointment summary as one self-contained HTML file (no scripts, no external resources).

Page one carries what a clinician needs first: warning signs, flags with since-dates, intake
changes and the key figures; charts and tables follow. It prints on A4 and Letter alike.
Every piece of user text goes through `html.escape`; levels are written in words as well as
shown by colour.
"""

from __future__ import annotations

from datetime import date
from html import escape

from fatiguelog.analysis.summary import DaySeries, FlagReport, IntakeEvent, RatingStats, Summary
from fatiguelog.export import common as c
from fatiguelog.export import svg

MIN_CHART_DAYS = 7
CSS = """
:root { --ink:#1d2430; --muted:#5a6472; --line:#d5dbe3; --soft:#f5f7fa; --accent:#1f4e8c;
        --urgent:#b71c1c; --urgent-bg:#fdecea; --warn:#8a5a00; --warn-bg:#fff6e0;
        --info:#1f4e8c; --info-bg:#eaf2fb; }
* { box-sizing: border-box; }
html { background: #eef1f5; }
body { margin: 0; color: var(--ink); font: 15px/1.45 system-ui, -apple-system, "Segoe UI",
       Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 820px; margin: 24px auto; background: #fff; padding: 28px 36px 32px;
       border: 1px solid var(--line); border-radius: 8px; }
h1 { font-size: 1.55em; margin: 0 0 4px; }
h2 { font-size: 1.15em; margin: 22px 0 8px; padding-bottom: 3px;
     border-bottom: 2px solid var(--line);
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 1em; margin: 0 0 4px; }
p { margin: 6px 0; }
.period { font-size: 1.05em; margin: 2px 0; }
.muted, .small { color: var(--muted); }
.small { font-size: .88em; }
.disclaimer { border-left: 4px solid var(--accent); background: var(--soft); padding: 6px 10px;
              margin: 10px 0 4px; font-size: .92em; }
.alert { border: 3px solid var(--urgent); background: var(--urgent-bg); padding: 10px 14px;
         border-radius: 6px; margin: 14px 0; }
.alert h2 { border: 0; margin: 0 0 4px; color: var(--urgent); }
.alert ul { margin: 4px 0 6px 18px; padding: 0; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; margin: 10px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 6px 9px;
        background: var(--soft);
        break-inside: avoid; }
.card .k { font-size: .78em; color: var(--muted); text-transform: uppercase;
           letter-spacing: .03em; }
.card .v { font-size: 1.3em; font-weight: 650; }
.card .d { font-size: .82em; color: var(--muted); }
ul.tight { margin: 4px 0; padding-left: 20px; }
ul.tight li { margin: 2px 0; }
.flag { border: 1px solid var(--line); border-left-width: 6px; border-radius: 6px;
        padding: 7px 11px;
        margin: 8px 0; break-inside: avoid; page-break-inside: avoid; }
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
table { border-collapse: collapse; width: 100%; margin: 6px 0 8px; font-size: .93em;
        break-inside: avoid; page-break-inside: avoid; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 6px; text-align: left;
         vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 8px 0 12px; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: .88em; color: var(--muted); margin-bottom: 2px; }
svg.chart { width: 100%; height: auto; display: block; }
svg .axis { stroke: #7b8591; stroke-width: 1; }
svg .grid { stroke: #e3e7ec; stroke-width: 1; }
svg .tick, svg .legend { font: 10px system-ui, sans-serif; fill: #4a5360; }
svg .legend { font-size: 11px; fill: #1d2430; }
svg .event { stroke: #6a1b9a; stroke-width: 1; stroke-dasharray: 3 2; }
svg .event-label { font: 10px system-ui, sans-serif; fill: #6a1b9a; }
svg .flag-label { font: 10px system-ui, sans-serif; fill: #1d2430; paint-order: stroke;
                  stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
svg .bar { fill: #8fb3dc; stroke: #1f4e8c; stroke-width: .6; }
td.barcell, th.barcell { width: 28%; color: var(--muted); font-weight: normal; }
.hbar { display: inline-block; height: .8em; background: #8fb3dc; border: 1px solid #1f4e8c;
        vertical-align: middle; min-width: 1px; }
.note { white-space: pre-wrap; overflow-wrap: anywhere; }
.problems li, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
                      font-size: .88em; overflow-wrap: anywhere; }
footer { margin-top: 22px; padding-top: 8px; border-top: 1px solid var(--line);
         font-size: .85em; color: var(--muted); }
section.keep { break-inside: avoid; page-break-inside: avoid; }
.page-break { break-before: page; page-break-before: always; }
@page { margin: 13mm 12mm 14mm; }
@media print {
  html, body { background: #fff; }
  body { font-size: 10pt; }
  main { max-width: none; margin: 0; padding: 0; border: 0; border-radius: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { margin-top: 14px; }
  .cards { gap: 5px; }
}
@media (max-width: 640px) {
  .cards { grid-template-columns: repeat(2, 1fr); }
  main { padding: 16px; }
}
"""


t = c.html_text


def render(summary: Summary, include_notes: bool = False) -> str:
    s = summary
    title = f"Appointment summary {c.iso(s.first)} to {c.iso(s.last)}"
    if s.generated:
        title = f"DEMO ({c.GENERATED}): {title}"
    body = [
        _header(s),
        _urgent(s),
        f'<p class="small">{escape(c.flagtext.SBM_EXPLAINED)}</p>',
        _glance(s),
        _alarms(s),
        _flags(s),
        _coverage(s),
        _charts(s),
        _symptoms(s),
        _gi(s),
        _intake(s),
        _pem(s),
        _gaps(s),
        _notes(s) if include_notes else "",
        f"<footer>{escape(c.NOT_A_DIAGNOSIS)} Made with fatiguelog from the patient's own entries "
        f"({c.iso(s.first)} to {c.iso(s.last)}).</footer>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(part for part in body if part)
        + "\n</main>\n</body>\n</html>\n"
    )


def _header(s: Summary) -> str:
    return (
        "<header>\n<h1>"
        + (f"DEMO appointment summary: {escape(c.GENERATED)}" if s.generated
           else "Appointment summary")
        + "</h1>\n"
        f'<p class="period"><strong>{c.iso(s.first)} to {c.iso(s.last)}</strong> ({s.days} days) · '
        f"entries on {s.days_recorded} of {s.days} days ({c.recorded_share(s)})</p>\n"
        f'<p class="disclaimer">{escape(c.NOT_A_DIAGNOSIS)}</p>\n</header>'
    )


def _urgent(s: Summary) -> str:
    """The banner: only alarm symptoms on at the period's last day (flags.md v2)."""
    if not s.banner:
        return ""
    items = "".join(f"<li><strong>{t(line)}</strong></li>" for line in c.flagtext.banner_lines(s))
    return (
        f'<section class="alert" role="alert"><h2>⚠ {t(c.flagtext.banner_heading(s))}</h2>'
        f"<ul>{items}</ul></section>"
    )


def _alarms(s: Summary) -> str:
    """Alarm symptoms reported earlier in the period, with their dates: no banner."""
    if not s.earlier_alarms:
        return ""
    items = "".join(f"<li>{t(line)}</li>" for line in c.flagtext.alarm_lines(s.earlier_alarms))
    return (f'<section class="keep"><h2>{escape(c.flagtext.ALARMS_HEADING)}</h2>'
            f'<ul class="tight">{items}</ul></section>')


def _coverage(s: Summary) -> str:
    """How many rules were checked on the last day, and those that could not be, in words."""
    heading = c.flagtext.coverage_heading(s)
    if not heading:
        return ""
    items = "".join(f"<li>{t(line)}</li>" for line in c.flagtext.coverage_lines(s))
    listed = f'<ul class="tight">{items}</ul>' if items else ""
    return f"<section><h2>Rules checked</h2><p>{t(heading)}</p>{listed}</section>"


def _card(key: str, value: str, detail: str = "") -> str:
    extra = f'<div class="d">{detail}</div>' if detail else ""
    return f'<div class="card"><div class="k">{key}</div><div class="v">{value}</div>{extra}</div>'


def _halves(r: RatingStats | None) -> str:
    if r is None or r.first_half_mean is None or r.second_half_mean is None:
        return ""
    return f"1st half {c.num(r.first_half_mean)} → 2nd half {c.num(r.second_half_mean)}"


def _glance(s: Summary) -> str:
    fatigue = s.symptoms.get("fatigue")
    pem = s.symptoms.get("pem")
    gi = s.gi
    total = c.bristol_total(s)
    cards = [
        _card("Fatigue (0-10)", c.num(fatigue.mean if fatigue else None, none=c.NO_DATA),
              _halves(fatigue)),
        _card("PEM (0-10)", c.num(pem.mean if pem else None, none=c.NO_DATA), _halves(pem)),
        _card(
            "SBMs per week",
            c.num(gi.sbm_per_week, none=c.NO_DATA),
            f"{gi.stools} bowel movements, {gi.recorded_days} days answered",
        ),
        _card(
            "Hard stools (type 1-2)",
            c.pct(gi.hard_share) if gi.hard_share is not None else c.NO_DATA,
            f"of {total} typed stools",
        ),
        _card(
            "Sleep",
            f"{c.num(s.sleep.hours_mean)} h" if s.sleep.hours_mean is not None else c.NO_DATA,
            f"quality {c.num(s.sleep.quality_mean)}/10 (higher is better)",
        ),
        _card("Exertion (0-10)", c.num(s.exertion.mean, none=c.NO_DATA), _halves(s.exertion)),
        _card("Straining", c.pct(gi.straining_share) if gi.straining_share is not None
              else c.NO_DATA, f"of {gi.straining_answered} answered"),
        _card("Laxative days", str(gi.laxative_days),
              f"in {s.days} days; not answered on {gi.laxative_unanswered}"),
    ]
    active = [f for f in s.active_flags() if f in c.shown_flags(s)]
    flags = (
        "".join(
            f"<li><strong>{escape(c.LEVEL_LABEL.get(f.level, f.level))}:</strong> {t(f.title)} "
            f"(since {c.iso(f.since)})</li>"
            for f in active
        )
        or ("<li>none besides the alarm symptoms above</li>" if s.banner else "<li>none</li>")
    )
    ended = [f for f in c.shown_flags(s) if f.last != s.last]
    ended_html = ""
    if ended:
        items = "".join(f"<li>{t(f.title)}: {escape(c.spells_text(f, s))}</li>" for f in ended)
        ended_html = f'<p><strong>Earlier in the period:</strong></p><ul class="tight">{items}</ul>'
    chosen, hidden = c.glance_changes(s)
    if chosen:
        changes = _changes(chosen)
        if hidden:
            changes += f"<li>and {hidden} more (see Intake below)</li>"
    else:
        changes = "<li>none in the period</li>" if s.intake else "<li>no intake recorded</li>"
    return (
        '<section class="glance">\n<h2>At a glance</h2>\n'
        f'<div class="cards">{"".join(cards)}</div>\n'
        f'<p><strong>Flags active on {c.iso(s.last)}:</strong></p><ul class="tight">{flags}</ul>\n'
        f"{ended_html}"
        f"<p><strong>Rules checked:</strong> {escape(c.coverage_short(s))}</p>\n"
        f'<p><strong>Intake changes:</strong></p><ul class="tight">{changes}</ul>\n</section>'
    )


def _flags(s: Summary) -> str:
    shown = c.shown_flags(s)
    if not s.flags:
        return f"<section><h2>Flags</h2><p>{t(c.flagtext.no_flags_text(s))}</p></section>"
    if not shown:
        return ("<section><h2>Flags</h2><p>No flag other than the alarm symptoms above."
                "</p></section>")
    return (
        '<section><h2>Flags</h2><p class="small">Each flag describes the '
        "patient's own entries and names the rule it met.</p>\n"
        + "\n".join(_flag(f, s) for f in shown)
        + "\n</section>"
    )


def _flag(f: FlagReport, s: Summary) -> str:
    level = f.level if f.level in c.LEVEL_LABEL else "info"
    lasted = c.flagtext.lasted(f)
    return (
        f'<div class="flag {level}"><h3><span class="badge">{escape(c.LEVEL_LABEL[level])}</span>'
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


def _series(s: Summary, *keys: str) -> list[DaySeries]:
    return [
        s.series[k]
        for k in keys
        if k in s.series and any(v is not None for v in s.series[k].values)
    ]


def _charts(s: Summary) -> str:
    if s.days < MIN_CHART_DAYS:  # a chart of a few days says nothing the tables don't
        return ""
    figures: list[str] = []
    changes = [e for e, _until in c.intake_changes(s)]
    # Symptom and bowel charts mark changes of opioid-acting substances only (the GI story);
    # each substance's own chart marks all of its changes.
    opioid = {(st.substance, st.unit) for st in s.intake.values() if st.klass == "opioid"}
    events = [e for e in changes if (e.substance, e.unit) in opioid]
    symptoms = _series(s, "fatigue", "pem")
    if symptoms:
        figures.append(
            _figure(
                "Fatigue and PEM, daily (0-10, higher is worse; gaps are days without an answer)",
                svg.line_chart(
                    symptoms,
                    s.first,
                    s.last,
                    y_max=10,
                    y_label="0-10",
                    title="Fatigue and PEM",
                    events=events,
                ),
            )
        )
    bowel = _series(s, "sbm_per_week", "bristol_mean")
    if bowel:
        figures.append(
            _figure(
                "Bowel habits: SBMs per week and mean Bristol type (1 hard - 7 watery)",
                svg.line_chart(
                    bowel,
                    s.first,
                    s.last,
                    y_max=max([7.0, *(v for b in bowel for v in b.values if v is not None)]),
                    y_label="per week / type",
                    title="Bowel habits",
                    events=events,
                ),
            )
        )
    intake = [
        v
        for k, v in s.series.items()
        if k.startswith("intake:") and any(x is not None for x in v.values)
    ]
    for series in intake:
        peak = svg.nice_ceiling(max(v for v in series.values if v is not None) * 1.1)
        name = series.key.removeprefix("intake:")
        stats = s.intake.get(name)
        unit = stats.unit if stats else ""
        mine = [
            e for e in changes if stats and (e.substance, e.unit) == (stats.substance, stats.unit)
        ]
        figures.append(
            _figure(
                f"Daily total: {t(series.label)} (gaps: intake not answered)",
                svg.line_chart(
                    [series],
                    s.first,
                    s.last,
                    y_max=peak,
                    y_label=unit,
                    title=series.label,
                    events=mine,
                    height=140,
                ),
            )
        )
    sleep = _series(s, "sleep_hours")
    if sleep:
        figures.append(
            _figure(
                "Sleep, hours per night",
                svg.line_chart(
                    sleep,
                    s.first,
                    s.last,
                    y_max=12,
                    y_label="hours",
                    title="Sleep hours",
                    height=130,
                ),
            )
        )
    if s.flags:
        figures.append(
            _figure(
                "When each flag was active (solid: urgent, hatched: warning, dotted: note)",
                svg.flag_timeline(s.flags, s.first, s.last),
            )
        )
    if not figures:
        return ""
    return "<section><h2>Over the period</h2>\n" + "\n".join(figures) + "\n</section>"


def _figure(caption: str, chart: str) -> str:
    return f"<figure><figcaption>{caption}</figcaption>{chart}</figure>"


def _symptoms(s: Summary) -> str:
    rows = []
    for r in [*s.symptoms.values(), *s.stomach.values(), s.exertion]:
        if not r.days:
            rows.append(
                f'<tr><td>{t(r.label)}</td><td class="n">0</td>'
                f'<td colspan="5" class="muted">{c.NO_DATA}</td></tr>'
            )
            continue
        rows.append(
            f'<tr><td>{t(r.label)}</td><td class="n">{r.days}</td>'
            f'<td class="n">{c.num(r.mean, none=c.NO_DATA)}</td>'
            f'<td class="n">{c.num(r.min)}-{c.num(r.max)}</td>'
            f'<td class="n">{c.num(r.first_half_mean)}</td>'
            f'<td class="n">{c.num(r.second_half_mean)}</td>'
            f'<td class="n">{c.signed(c.change(r))}</td></tr>'
        )
    sl = s.sleep
    sleep = (
        f"<p>Sleep: mean <strong>{c.num(sl.hours_mean, none=c.NO_DATA)} hours</strong> a night, "
        "quality "
        f"<strong>{c.num(sl.quality_mean, none=c.NO_DATA)}</strong>/10 (higher is better), "
        f"{sl.days} nights recorded.</p>"
        if sl.days
        else f"<p>Sleep: {c.NO_DATA}.</p>"
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


def _gi(s: Summary) -> str:
    gi = s.gi
    if not gi.recorded_days:
        return (
            '<section class="keep"><h2>Bowel habits</h2>'
            f"<p>No bowel movements recorded ({c.NO_DATA}).</p></section>"
        )
    most = max([*gi.bristol_counts.values(), 1])
    rows = "".join(
        f'<tr><td class="n">{k}{_bristol_group(k)}</td><td>{escape(c.BRISTOL[k])}</td>'
        f'<td class="n">{gi.bristol_counts.get(k, 0)}</td>'
        f'<td class="n">{c.bristol_share(s, gi.bristol_counts.get(k, 0))}</td>'
        f'<td class="barcell"><span class="hbar" '
        f'style="width:{100 * gi.bristol_counts.get(k, 0) / most:.0f}%"></span></td></tr>'
        for k in range(1, 8)
    )
    return (
        '<section class="keep"><h2>Bowel habits</h2>'
        f"<p>{gi.stools} bowel movements on {gi.recorded_days} days with an answer; "
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
    return f"{c.pct(value)} of {answered} answered" if value is not None and answered else c.NO_DATA


def _changes(changes: list[tuple[IntakeEvent, date | None]]) -> str:
    return "".join(
        f"<li>{c.iso(e.day)}: <strong>{t(e.substance)}</strong> "
        f"{escape(c.change_text(e, until))}</li>"
        for e, until in changes
    )


def _intake(s: Summary) -> str:
    if not s.intake:
        return "<section><h2>Intake</h2><p>No intake was recorded in this period.</p></section>"
    rows = "".join(
        f'<tr><td>{t(st.substance)}</td><td>{t(st.unit)}</td><td class="n">{st.days}</td>'
        f'<td class="n">{c.num(st.mean_daily, 2)}</td><td class="n">{c.num(st.max_daily, 2)}</td>'
        f"<td>{escape(c.class_words(st.klass))}</td></tr>"
        for st in s.intake.values()
    )
    changes = _changes(c.intake_changes(s)) or "<li>none in the period</li>"
    return (
        '<section class="keep"><h2>Intake (substances, medicines, supplements)</h2>'
        '<table><thead><tr><th>Substance</th><th>Unit</th><th class="n">Days taken</th>'
        '<th class="n">Mean per day taken</th><th class="n">Max per day</th><th>Class</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
        "<p><strong>Changes</strong> (a day's total against the mean of the last, up to 7, "
        "days it was taken in the 14 days before; days off are not zeros):</p>"
        f'<ul class="tight">{changes}</ul></section>'
    )


def _pem(s: Summary) -> str:
    p = s.pem
    table = ""
    if p.enough_data:
        table = (
            f'<table><thead><tr><th>Next 1-2 days</th><th class="n">After exertion ≥ {p.threshold} '
            f'({p.high_days} days)</th><th class="n">After other days ({p.other_days})</th>'
            "</tr></thead>"
            f'<tbody><tr><td>PEM</td><td class="n">{c.num(p.pem_after_high)} '
            f"(n={p.pem_after_high_n})</td>"
            f'<td class="n">{c.num(p.pem_after_other)} (n={p.pem_after_other_n})</td></tr>'
            f'<tr><td>Fatigue</td><td class="n">{c.num(p.fatigue_after_high)} '
            f'(n={p.fatigue_after_high_n})</td><td class="n">{c.num(p.fatigue_after_other)} '
            f"(n={p.fatigue_after_other_n})</td></tr></tbody></table>"
        )
    return (
        '<section class="keep"><h2>Delayed post-exertional malaise (PEM)</h2>'
        f"<p>{t(p.statement)}</p>{table}</section>"
    )


def _gaps(s: Summary) -> str:
    out = ""
    if s.problems:
        items = "".join(
            f"<li>{t(p.file)}{f':{p.line}' if p.line else ''}: {t(p.message)}</li>"
            for p in s.problems
        )
        out += (
            "<section><h2>Files that could not be read</h2><p>These are missing from every "
            f'figure above:</p><ul class="problems">{items}</ul></section>'
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
