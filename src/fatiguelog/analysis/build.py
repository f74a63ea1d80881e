"""Build the one `Summary` of a period that the trend view and every export render.

Rules are evaluated from the first day of the history (not just the period) to the period's
last day, so a flag's `since` is right even when its run began before the period.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, timedelta

from fatiguelog.analysis.days import DayTable, IntakeTrack, build_table
from fatiguelog.analysis.intake import all_events
from fatiguelog.analysis.pem import pem_stats
from fatiguelog.analysis.rules import Context, RuleRun, evaluate_all, run_starts
from fatiguelog.analysis.series import (
    CHART_RATINGS,
    bristol_mean,
    intake_series,
    rating_series,
    rating_stats,
    sbm_per_week,
)
from fatiguelog.analysis.summary import (
    LEVEL_ORDER,
    DaySeries,
    FlagReport,
    GiStats,
    IntakeStats,
    SleepStats,
    Summary,
)
from fatiguelog.model import GI_RATINGS, SYMPTOM_RATINGS, Entry
from fatiguelog.problems import Problem
from fatiguelog.settings import Settings
from fatiguelog.store import History

LOOKAHEAD = 2  # days after the period read for delayed PEM (the 1-2 days after)


def build_summary(history: History, settings: Settings, first: date, last: date, *,
                  include_notes: bool = False, keep_entries: bool = True) -> Summary:
    """Everything a view shows about `first..last`; figures without data are `None`."""
    entries = history.entries
    origin = min(first, min(entries)) if entries else first
    return summary_of(entries.items(), lambda: history.problems, origin, settings, first, last,
                      include_notes=include_notes, keep_entries=keep_entries)


def summary_of(pairs: Iterable[tuple[date, Entry]], problems: Callable[[], Sequence[Problem]],
               origin: date, settings: Settings, first: date, last: date, *,
               include_notes: bool = False, keep_entries: bool = True) -> Summary:
    """The summary from (day, entry) pairs read once, in any order, possibly streamed.

    `problems` is asked for after the pairs are read (a stream finds them as it goes).
    Without `keep_entries` (and notes) no entry outlives the pass that counts it, so a view
    of ten years needs memory for figures, not for ten years of documents.
    """
    if first > last:
        raise ValueError(f"the period starts ({first}) after it ends ({last})")
    kept: list[Entry] = []

    def counted() -> Iterator[tuple[date, Entry]]:
        for day, entry in pairs:
            if (keep_entries or include_notes) and first <= day <= last:
                kept.append(entry)
            yield day, entry

    table = build_table(counted(), min(origin, first), last + timedelta(days=LOOKAHEAD))
    a, b = table.index(first), table.index(last)
    period = tuple(sorted(kept, key=lambda entry: entry.day))

    ctx = Context(table, settings, all_events(table), {})
    runs = evaluate_all(ctx)

    series: dict[str, DaySeries] = {k: rating_series(table, k, a, b) for k in CHART_RATINGS}
    series["sbm_per_week"] = sbm_per_week(table, a, b)
    series["bristol_mean"] = bristol_mean(table, a, b)
    intake = _intake(table, ctx, settings, a, b)
    for name, (track, _stats) in intake.items():
        series[f"intake:{name}"] = intake_series(table, name, track, a, b)

    exertion = table.ratings["exertion"]
    return Summary(
        first=first,
        last=last,
        days=b - a + 1,
        days_recorded=table.entry.between(a, b),
        flags=_flags(runs, table, a, b),
        not_enough_data=tuple(run.info.id for run in runs if not run.enough[b]),
        not_enough_detail={run.info.id: run.need(b) for run in runs if not run.enough[b]},
        symptoms={r.key: rating_stats(table, r.key, r.label, a, b) for r in SYMPTOM_RATINGS},
        sleep=_sleep(table, a, b),
        exertion=rating_stats(table, "exertion", "Exertion", a, b),
        stomach={r.key: rating_stats(table, r.key, r.label, a, b) for r in GI_RATINGS},
        gi=_gi(table, a, b),
        intake={name: stats for name, (_track, stats) in intake.items()},
        pem=pem_stats(exertion, table.ratings["pem"], table.ratings["fatigue"], a, b),
        series=series,
        problems=_problems(problems(), first, last),
        notes=_notes(period) if include_notes else None,
        entries=period if keep_entries else (),
    )


def _flags(runs: list[RuleRun], table: DayTable, a: int, b: int) -> tuple[FlagReport, ...]:
    reports: list[tuple[int, int, FlagReport]] = []
    for order, run in enumerate(runs):
        on = [i for i in range(a, b + 1) if run.active[i]]
        if not on:
            continue
        latest = on[-1]
        since = run_starts(run.active[:latest + 1])[latest]
        info = run.info
        report = FlagReport(
            id=info.id, level=info.level, title=info.title,
            since=table.day(since), last=table.day(latest),
            evidence=run.evidence(latest), rule=info.rule, source=info.source,
            advice=info.advice, active_days=tuple(table.day(i) for i in on),
        )
        reports.append((LEVEL_ORDER[info.level], order, report))
    return tuple(report for _level, _order, report in sorted(reports, key=lambda r: r[:2]))


def _sleep(table: DayTable, a: int, b: int) -> SleepStats:
    hours = [v for v in table.ratings["sleep_hours"][a:b + 1] if v is not None]
    quality = [v for v in table.ratings["sleep_quality"][a:b + 1] if v is not None]
    answered = sum(
        1 for i in range(a, b + 1)
        if table.ratings["sleep_hours"][i] is not None
        or table.ratings["sleep_quality"][i] is not None
    )
    return SleepStats(
        days=answered,
        hours_mean=sum(hours) / len(hours) if hours else None,
        quality_mean=sum(quality) / len(quality) if quality else None,
    )


def _gi(table: DayTable, a: int, b: int) -> GiStats:
    counts = {kind: kinds.between(a, b) for kind, kinds in table.bristol_types.items()}
    recorded = table.gi_recorded.between(a, b)
    sbm = table.sbm.between(a, b)
    strain_n = table.answered["straining"].between(a, b)
    incomplete_n = table.answered["incomplete"].between(a, b)
    return GiStats(
        recorded_days=recorded,
        stools=table.stools.between(a, b),
        sbm=sbm,
        sbm_per_week=7 * sbm / recorded if recorded else None,
        bristol_counts=counts,
        straining_share=table.yes["straining"].between(a, b) / strain_n if strain_n else None,
        straining_answered=strain_n,
        incomplete_share=(table.yes["incomplete"].between(a, b) / incomplete_n
                          if incomplete_n else None),
        incomplete_answered=incomplete_n,
        laxative_days=table.laxative.between(a, b),
    )


def _intake(table: DayTable, ctx: Context, settings: Settings, a: int,
            b: int) -> dict[str, tuple[IntakeTrack, IntakeStats]]:
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
        out[name] = (track, IntakeStats(
            substance=track.name,
            unit=track.unit,
            opioid_acting=settings.is_opioid_acting(track.name),
            days=len(taken),
            mean_daily=sum(taken) / len(taken) if taken else None,
            max_daily=max(taken) if taken else None,
            events=events,
        ))
    return dict(sorted(out.items(), key=lambda kv: kv[0].casefold()))


def _problems(problems: Sequence[Problem], first: date, last: date) -> tuple[Problem, ...]:
    """Problems of files in the period, and every one whose date can't be told."""
    return tuple(p for p in problems if p.day is None or first <= p.day <= last)


def _notes(period: tuple[Entry, ...]) -> tuple[tuple[date, str], ...]:
    return tuple((e.day, e.notes) for e in period if e.notes and e.notes.strip())


__all__ = ["build_summary"]
