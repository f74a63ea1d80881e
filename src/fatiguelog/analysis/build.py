"""Build the one `Summary` of a period that the trend view and every export render.

Rules are evaluated from the first day of the history (not just the period) to the period's
last day, so a flag's `since` is right even when its run began before the period. The red
flags are worked out first and apart from every other rule and figure: a failure anywhere
else is reported as such and never hides an alarm symptom.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from fatiguelog.analysis.days import DayTable, IntakeTrack, build_table
from fatiguelog.analysis.intake import intake_indexes, timeline
from fatiguelog.analysis.pem import pem_stats
from fatiguelog.analysis.rules import (
    RED_DAYS,
    Context,
    RuleInfo,
    RuleRun,
    evaluate_all,
    run_starts,
)
from fatiguelog.analysis.series import (
    answer_series,
    answer_stats,
    bristol_mean,
    intake_series,
    rating_stats,
    sbm_per_week,
)
from fatiguelog.analysis.summary import (
    LEVEL_ORDER,
    Alarm,
    Coverage,
    DaySeries,
    EvidenceDays,
    FlagReport,
    GiStats,
    IntakeRange,
    IntakeStats,
    RuleGap,
    SleepStats,
    Summary,
    red_alarm,
)
from fatiguelog.analysis.weeks import bowel_day_series, week_rows
from fatiguelog.dayrecord import DayRecord, Layout
from fatiguelog.model import (
    RED_ADVICE,
    RED_ADVICE_PAST,
    RED_FLAGS,
    Entry,
)
from fatiguelog.problems import Problem
from fatiguelog.settings import Settings
from fatiguelog.store import History
from fatiguelog.vocabulary import with_trackers

LOOKAHEAD = 2  # days after the period read for delayed PEM (the 1-2 days after)
MIN_RATED_DAYS = 3  # a mean rating needs at least 3 answered days (flags.md, "Not enough data")
MIN_GI_DAYS = 4  # SBMs a week needs at least 4 recorded GI days
MIN_STOOLS = 4  # a share of stools needs at least 4 stools


def _log_exception(message: str, *args: object) -> None:
    """Log the exception being handled (`logging` is imported only then: it brings
    traceback, threading and string along, a good part of a short command's start)."""
    import logging

    logging.getLogger(__name__).exception(message, *args)


class Analysis(NamedTuple):
    """The day table of a stretch of history and every rule evaluated on it (before the
    summary is made: `fatiguelog.report` looks at it to decide whether to read further back)."""

    table: DayTable
    ctx: Context
    runs: list[RuleRun]


def build_summary(
    history: History,
    settings: Settings,
    first: date,
    last: date,
    *,
    include_notes: bool = False,
    keep_entries: bool = True,
    today: date | None = None,
) -> Summary:
    """Everything a view shows about `first..last`; figures without data are `None`."""
    entries = history.entries
    origin = min(first, min(entries)) if entries else first
    layout = Layout()  # (one for all: positions are found once)
    records = ((day, DayRecord.of(entry.doc, layout)) for day, entry in entries.items())
    period = [e for day, e in entries.items() if first <= day <= last]
    return summary_of(
        records,
        lambda: history.problems,
        origin,
        settings,
        first,
        last,
        entries=period,
        include_notes=include_notes,
        keep_entries=keep_entries,
        today=today,
        history_start=min(entries) if entries else None,
    )


def analyse(
    records: Iterable[tuple[date, DayRecord]],
    origin: date,
    settings: Settings,
    first: date,
    last: date,
    history_start: date | None = None,
) -> Analysis:
    """The day table from `origin` to the period's end (and the days after it that delayed PEM
    needs), and every rule evaluated on it up to `last`."""
    table = build_table(
        records,
        min(origin, first),
        last + timedelta(days=LOOKAHEAD),
        settings.substance_class,
        with_trackers(settings.trackers),
    )
    ctx = Context(table, settings, {}, until=table.index(last), history_start=history_start)
    return Analysis(table, ctx, evaluate_all(ctx))


def summary_of(
    records: Iterable[tuple[date, DayRecord]],
    problems: Callable[[], Sequence[Problem]],
    origin: date,
    settings: Settings,
    first: date,
    last: date,
    *,
    entries: Iterable[Entry] = (),
    include_notes: bool = False,
    keep_entries: bool = True,
    today: date | None = None,
    history_start: date | None = None,
    analysis: Analysis | None = None,
) -> Summary:
    """The summary from (day, record) pairs read once, in any order, possibly streamed (or
    from their `analysis`, already made).

    `problems` is asked for after the records are read (a stream finds them as it goes).
    `entries` are the period's whole documents, for the views that show them (CSV rows,
    notes): kept only with `keep_entries` or `include_notes`. `today` is the day the summary is
    made on (the banner says "today" only when the period ends then); `history_start` the
    first entry of the whole history when the records start later.
    """
    if first > last:
        raise ValueError(f"the period starts ({first}) after it ends ({last})")
    if analysis is None:
        analysis = analyse(records, origin, settings, first, last, history_start)
    table, ctx, runs = analysis
    a, b = table.index(first), table.index(last)
    # Every question: the built-in ones, the user's own, and `custom` keys found in the files.
    questions = table.questions
    period = (
        tuple(sorted((e for e in entries if first <= e.day <= last), key=lambda entry: entry.day))
        if keep_entries or include_notes
        else ()
    )
    trouble: list[Problem] = []
    found = problems()

    series: dict[str, DaySeries] = {q.series_key: answer_series(table, q, a, b) for q in questions}
    series["sbm_per_week"] = sbm_per_week(table, a, b)
    series["bristol_mean"] = bristol_mean(table, a, b)
    try:
        intake = _intake(table, ctx, settings, a, b)
        ranges = _timeline(table, ctx, settings, a, b)
    except Exception as exc:
        _log_exception("intake figures failed")
        intake, ranges = {}, ()
        trouble.append(
            Problem(
                "(intake figures)",
                f"could not be worked out because of an error in fatiguelog ({type(exc).__name__})",
            )
        )
    for name, (track, _stats) in intake.items():
        series[f"intake:{name}"] = intake_series(table, name, track, a, b)
    series.update(bowel_day_series(table, a, b))

    exertion = table.ratings["exertion"]
    unchecked = tuple(
        RuleGap(run.info.id, run.info.title, run.need(b)) for run in runs if not run.enough[b]
    )
    return Summary(
        first=first,
        last=last,
        days=b - a + 1,
        days_recorded=table.entry.between(a, b),
        flags=_flags(runs, table, a, b, ends_today=today is None or last >= today),
        not_enough_data=tuple(gap.id for gap in unchecked),
        not_enough_detail={gap.id: gap.needs for gap in unchecked},
        symptoms={
            q.key: rating_stats(table, q.series_key, q.label, a, b)
            for q in questions.ratings("symptoms")
        },
        sleep=_sleep(table, a, b),
        exertion=rating_stats(table, "exertion", "Exertion", a, b),
        stomach={
            q.key: rating_stats(table, q.series_key, q.label, a, b) for q in questions.ratings("gi")
        },
        gi=_gi(table, a, b),
        intake={name: stats for name, (_track, stats) in intake.items()},
        pem=pem_stats(exertion, table.ratings["pem"], table.ratings["fatigue"], a, b),
        series=series,
        problems=(*_problems(found, first, last), *trouble),
        unread_days=_unread(found, table, first, last),
        notes=_notes(period) if include_notes else None,
        entries=period if keep_entries else (),
        alarms=_alarms(table, runs, a, b),
        coverage=Coverage(
            len(runs),
            len(runs) - len(unchecked),
            unchecked,
            tuple((run.info.id, run.info.title) for run in runs),
        ),
        intake_timeline=ranges,
        today=today,
        weeks=week_rows(table, a, b),
        answers={q.series_key: answer_stats(table, q, a, b) for q in questions},
    )


def _flags(
    runs: list[RuleRun], table: DayTable, a: int, b: int, *, ends_today: bool = True
) -> tuple[FlagReport, ...]:
    """Every flag on at some day of `a..b`. An alarm symptom's advice says "today" only when
    its flag is on at the period's last day and that day is today; otherwise it is the past
    form ("if no clinician has seen you about it yet, ..."), in every view (flags.md v2)."""
    reports: list[tuple[int, int, FlagReport]] = []
    for order, run in enumerate(runs):
        on = [i for i in range(a, b + 1) if run.active[i]]
        if not on:
            continue
        latest = on[-1]
        since = run_starts(run.active[: latest + 1])[latest]
        info = run.info
        source, citation, advice = info.source, info.citation, info.advice
        episodes: list[EvidenceDays] = []
        try:
            evidence = run.evidence(latest)
            days = run.qualifying(since, latest)
            starts = run_starts(run.active[: latest + 1])
            for n, i in enumerate(on):  # the last day of each run of active days
                if n + 1 == len(on) or on[n + 1] != i + 1:
                    found = run.qualifying(starts[i], i)
                    if found:
                        episodes.append(
                            EvidenceDays(table.day(found[0]), table.day(found[-1]), len(found))
                        )
            if run.source_at is not None:
                source, citation = run.source_at(latest)
            if run.advice_for is not None:
                advice = run.advice_for(since, latest)
        except Exception as exc:
            _log_exception("evidence of %s failed", info.id)
            evidence = f"(the numbers could not be worked out: {type(exc).__name__})"
            days = []
        report = FlagReport(
            id=info.id,
            level=info.level,
            title=info.title,
            since=table.day(since),
            last=table.day(latest),
            evidence=evidence,
            rule=info.rule,
            source=source,
            advice=_advice(info, advice, latest == b and ends_today),
            active_days=tuple(table.day(i) for i in on),
            evidence_days=(
                EvidenceDays(table.day(days[0]), table.day(days[-1]), len(days)) if days else None
            ),
            window=info.window,
            citation=citation,
            episodes=tuple(episodes),
            report_days=(
                tuple(table.day(j) for j in days)
                if info.id.startswith("red.") and info.id != "red.age_change"
                else ()
            ),
        )
        reports.append((LEVEL_ORDER[info.level], order, report))
    return tuple(report for _level, _order, report in sorted(reports, key=lambda r: r[:2]))


def _advice(info: RuleInfo, advice: str, now: bool) -> str:
    key = info.id.removeprefix("red.")
    if key in RED_ADVICE and not now:
        return RED_ADVICE_PAST[key]
    return advice


def _alarms(table: DayTable, runs: list[RuleRun], a: int, b: int) -> tuple[Alarm, ...]:
    """Each alarm symptom reported while its flag could be on in the period (from 6 days
    before it, so a report just before the period that is still active is listed too)."""
    active = {run.info.id: run.active[b] for run in runs}
    out = []
    for key in RED_FLAGS:
        per_day = table.red[key].per_day
        days = tuple(table.day(j) for j in range(max(0, a - RED_DAYS + 1), b + 1) if per_day[j])
        if not days:
            continue
        out.append(red_alarm(key, days, active=active.get(f"red.{key}", False)))
    return tuple(out)


def _timeline(
    table: DayTable, ctx: Context, settings: Settings, a: int, b: int
) -> tuple[IntakeRange, ...]:
    """The medication timeline of the period: every substance taken (or stopped) in it."""
    out: list[IntakeRange] = []
    days = intake_indexes(table, b)
    for key, track in table.intake.items():
        events = ctx.events.get(key, [])
        in_period = any(a <= i <= b for i in track.totals) or any(a <= i <= b for i, _ in events)
        if not in_period:
            continue
        ranges = timeline(table, track, settings.substance_class(track.name), events, a, b, days)
        out += [r for r in ranges if not (r.status == "stopped" and r.before_period)]
    return tuple(sorted(out, key=lambda r: (r.substance.casefold(), r.unit, r.first)))


def _mean(values: list[float], least: int = MIN_RATED_DAYS) -> float | None:
    return sum(values) / len(values) if len(values) >= least else None


def _sleep(table: DayTable, a: int, b: int) -> SleepStats:
    hours = [v for v in table.ratings["sleep_hours"][a : b + 1] if v is not None]
    quality = [v for v in table.ratings["sleep_quality"][a : b + 1] if v is not None]
    answered = sum(
        1
        for i in range(a, b + 1)
        if table.ratings["sleep_hours"][i] is not None
        or table.ratings["sleep_quality"][i] is not None
    )
    return SleepStats(days=answered, hours_mean=_mean(hours), quality_mean=_mean(quality))


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole >= MIN_STOOLS else None


def _gi(table: DayTable, a: int, b: int) -> GiStats:
    counts = {kind: kinds.between(a, b) for kind, kinds in table.bristol_types.items()}
    recorded = table.gi_recorded.between(a, b)
    sbm = table.sbm.between(a, b)
    strain_n = table.answered["straining"].between(a, b)
    incomplete_n = table.answered["incomplete"].between(a, b)
    typed = table.bristol_n.between(a, b)
    laxative = table.laxative.between(a, b)
    said_no = table.laxative_no.between(a, b)
    return GiStats(
        recorded_days=recorded,
        stools=table.stools.between(a, b),
        sbm=sbm,
        sbm_per_week=7 * sbm / recorded if recorded >= MIN_GI_DAYS else None,
        bristol_counts=counts,
        straining_share=_share(table.yes["straining"].between(a, b), strain_n),
        straining_answered=strain_n,
        incomplete_share=_share(table.yes["incomplete"].between(a, b), incomplete_n),
        incomplete_answered=incomplete_n,
        laxative_days=laxative,
        laxative_no_days=said_no,
        laxative_unanswered=table.entry.between(a, b) - laxative - said_no,
        hard_share=_share(table.hard.between(a, b), typed),
        loose_share=_share(table.loose.between(a, b), typed),
    )


def _intake(
    table: DayTable, ctx: Context, settings: Settings, a: int, b: int
) -> dict[str, tuple[IntakeTrack, IntakeStats]]:
    """Per substance taken (or stopped) in the period; a second unit gets its own line."""
    out: dict[str, tuple[IntakeTrack, IntakeStats]] = {}
    by_use = sorted(table.intake.items(), key=lambda kv: -len(kv[1].totals))
    for key, track in by_use:
        taken = [track.totals[i] for i in sorted(track.totals) if a <= i <= b]
        events = tuple(e for i, e in ctx.events.get(key, ()) if a <= i <= b)
        if not taken and not events:
            continue
        name = track.name
        if any(existing.name.casefold() == name.casefold() for existing, _ in out.values()):
            name = f"{track.name} ({track.unit})"
        klass = settings.substance_class(track.name)
        out[name] = (
            track,
            IntakeStats(
                substance=track.name,
                unit=track.unit,
                opioid_acting=klass == "opioid",
                days=len(taken),
                mean_daily=sum(taken) / len(taken) if taken else None,
                max_daily=max(taken) if taken else None,
                events=events,
                klass=klass,
            ),
        )
    return dict(sorted(out.items(), key=lambda kv: kv[0].casefold()))


def _problems(problems: Sequence[Problem], first: date, last: date) -> tuple[Problem, ...]:
    """Problems of files in the period, and every one whose date can't be told."""
    return tuple(p for p in problems if p.day is None or first <= p.day <= last)


def _unread(
    problems: Sequence[Problem], table: DayTable, first: date, last: date
) -> tuple[date, ...]:
    """Days of the period, or of the alarm window ending at its last day, whose entry file
    has a problem and gave no record at all (not even its red flags): it could not be read,
    so it may hold a red flag."""
    lo = min(first, last - timedelta(days=RED_DAYS - 1))
    seen = table.seen
    out = set()
    for problem in problems:
        day = problem.day
        if day is None or not lo <= day <= last:
            continue
        i = (day - table.origin).days
        if not (0 <= i < len(seen) and seen[i]):
            out.add(day)
    return tuple(sorted(out))


def _notes(period: tuple[Entry, ...]) -> tuple[tuple[date, str], ...]:
    return tuple((e.day, e.notes) for e in period if e.notes and e.notes.strip())


__all__ = ["Analysis", "analyse", "build_summary", "summary_of"]
