"""The trend view: flags first (urgent ones in a banner), then charts, delayed PEM, problems.

It renders the one `Summary` of `fatiguelog.report.summarize`, computed in a thread worker so
the screen appears at once ("Reading your entries..."), and sets `loaded` when the figures are
on screen. The summary's per-day entries are dropped once it is built: charts read only its
series, so ten years of history cost the screen a few small tuples, not every entry.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, Static
from textual.worker import Worker, WorkerState

from fatiguelog import flagtext as ft
from fatiguelog import intaketext as it
from fatiguelog.analysis.summary import AnswerStats, DaySeries, FlagReport, RatingStats, Summary
from fatiguelog.model import RED_FLAGS
from fatiguelog.settings import Settings
from fatiguelog.substances import class_words
from fatiguelog.textsafe import strip_controls
from fatiguelog.ui.widgets.charts import MARK_WORDS, Scale, TextChart, fmt, period_text
from fatiguelog.ui.widgets.flags import (
    NOT_A_DIAGNOSIS,
    AlarmList,
    FlagCard,
    UrgentBanner,
    overview_line,
)
from fatiguelog.wording import answer_name, answer_words

#: Periods offered, in days (None: the whole history), with their key and label.
PERIODS: tuple[tuple[str, int | None, str], ...] = (
    ("1", 7, "7 days"),
    ("2", 30, "30 days"),
    ("3", 90, "90 days"),
    ("4", 365, "1 year"),
    ("5", None, "All"),
)
DEFAULT_DAYS = 90
LOADING = "Reading your entries..."
#: Bristol types in a few words, to fit one line at 80 columns (full wording: model.BRISTOL).
BRISTOL_SHORT = {1: "separate hard lumps", 2: "lumpy sausage", 3: "sausage with cracks",
                 4: "smooth, soft sausage", 5: "soft blobs", 6: "mushy, ragged pieces",
                 7: "watery, no solid pieces"}


def period_id(days: int | None) -> str:
    return f"period-{days or 'all'}"


def period_words(days: int | None) -> str:
    return "All your entries" if days is None else f"Last {days} days"


class TrendsScreen(Screen[None]):
    """Trends and flags for a period the user can switch with 1-5 (or a click)."""

    CSS_PATH = str(Path(__file__).parent.parent / "trends.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        *(Binding(key, f"period({days})", label) for key, days, label in PERIODS),
        Binding("a", "period(None)", "All", show=False),
        Binding("w", "period(7)", "Week", show=False),
        Binding("m", "period(30)", "Month", show=False),
        Binding("y", "period(365)", "Year", show=False),
    ]

    def __init__(self, root: Path, settings: Settings, days: int | None = DEFAULT_DAYS, *,
                 today: date | None = None, name: str | None = None) -> None:
        super().__init__(name=name)
        self.root = Path(root)
        self.settings = settings
        self.days = days
        self.today = today
        self.summary: Summary | None = None
        self.loaded = False
        self._loads = 0  # periods asked for so far (progress of an earlier one is ignored)
        self._worker: Worker[Summary] | None = None
        #: Summaries worked out but not kept yet (`summarycache`): kept once they are shown.
        self._keep: list[Callable[[], None]] = []

    # -- layout --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="trends-title")
        with Horizontal(id="periods"):
            for key, days, label in PERIODS:
                yield Button(f"[{key}] {label}  ", id=period_id(days), compact=True,
                             classes="period")
        with VerticalScroll(id="trends-body"):
            yield Static(LOADING, id="trends-loading")
        yield Footer()

    def on_mount(self) -> None:
        self._mark_period()
        self.query_one("#trends-body").focus()
        self._load()

    def _title(self, summary: Summary | None = None) -> Content:
        words = period_words(self.days)
        if summary is None:
            return Content.assemble(("Trends", "bold"), f" · {words}")
        return Content.assemble(
            ("Trends", "bold"), f" · {words} · {period_text(summary.first, summary.last)} · "
            f"{summary.days_recorded}/{summary.days} days recorded")

    def _mark_period(self) -> None:
        """The chosen period's button carries a "◀" (the title names it in words too)."""
        for key, days, label in PERIODS:
            button = self.query_one(f"#{period_id(days)}", Button)
            chosen = days == self.days
            button.label = Content(f"[{key}] {label}{' ◀' if chosen else '  '}")
            button.set_class(chosen, "-selected")

    # -- loading -------------------------------------------------------------------------
    class Progress(Message):
        """What the worker is doing, in words (posted from its thread)."""

        def __init__(self, text: str, load: int) -> None:
            super().__init__()
            self.text = text
            self.load = load

    def _load(self) -> None:
        shown = self.loaded
        self.loaded = False
        self._loads += 1
        load = self._loads
        self.query_one("#trends-title", Static).update(self._title())
        if shown:  # a period switch: the old body (flags, charts) goes at once
            self.summary = None
            self.call_next(self._replace_body, [Static(LOADING, id="trends-loading")])
        else:
            for loading in self.query("#trends-loading").results(Static):
                loading.update(LOADING)
        root, settings, days = self.root, self.settings, self.days
        today = self.today or date.today()

        def said(text: str) -> None:
            self.post_message(self.Progress(text, load))

        def compute() -> Summary:
            from fatiguelog.store import Store
            from fatiguelog.summarycache import cached_summary, summary_all

            store = Store(root)
            later = self._keep.append  # (kept once shown: see `_show`)
            if days is None:  # (kept as figures while no file changes: `summarycache`)
                return summary_all(store, settings, today, progress=said, later=later)
            last = today
            first = last - timedelta(days=days - 1)
            summary = cached_summary(store, settings, first, last, today=today, progress=said,
                                     later=later)
            return replace(summary, entries=())  # charts need the series, not every entry

        self._worker = self.run_worker(compute, name="trends", group="trends", thread=True,
                                       exclusive=True, exit_on_error=False)

    def on_trends_screen_progress(self, message: Progress) -> None:
        if self.loaded or message.load != self._loads:  # (an earlier period's worker)
            return
        for shown in self.query("#trends-loading").results(Static):
            shown.update(Content(message.text))

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._worker:
            return
        if event.state == WorkerState.SUCCESS and event.worker.result is not None:
            await self._show(event.worker.result)
        elif event.state == WorkerState.ERROR:
            error = strip_controls(str(event.worker.error), one_line=True)
            await self._replace_body([Static(Content(
                f"Your entries could not be read: {error}"), classes="problem")])
            self.loaded = True

    async def _show(self, summary: Summary) -> None:
        self.summary = summary
        self.query_one("#trends-title", Static).update(self._title(summary))
        await self._replace_body(list(body_widgets(summary)))
        self.loaded = True
        if self._keep:
            self.call_after_refresh(self._keep_summaries)

    def _keep_summaries(self) -> None:
        """The summary just shown is kept for next time (`summarycache`), off the UI
        thread, once it is on screen."""
        keep, self._keep = self._keep, []

        def run() -> None:
            for one in keep:
                one()

        self.run_worker(run, name="keep", group="keep", thread=True, exit_on_error=False)

    async def _replace_body(self, widgets: list[Widget]) -> None:
        body = self.query_one("#trends-body", VerticalScroll)
        await body.remove_children()
        await body.mount_all(widgets)
        body.scroll_home(animate=False)

    # -- actions -------------------------------------------------------------------------
    def action_period(self, days: int | None) -> None:
        if days == self.days and self._worker is not None:
            return
        self.days = days
        self._mark_period()
        self._load()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        for _key, days, _label in PERIODS:
            if event.button.id == period_id(days):
                event.stop()
                self.action_period(days)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()


# -- the body, from a summary ---------------------------------------------------------------

def heading(text: str) -> Static:
    return Static(Content.assemble((text, "bold underline")), classes="heading")


def text(value: str, classes: str = "") -> Static:
    return Static(Content(strip_controls(value)), classes=classes)


def body_widgets(s: Summary) -> Iterable[Widget]:
    """Everything below the period bar, in reading order: what matters most comes first."""
    if s.banner:
        yield UrgentBanner(s)
    yield text(NOT_A_DIAGNOSIS, "disclaimer")
    if s.earlier_alarms:
        yield AlarmList(s.earlier_alarms)
    yield from flag_widgets(s)
    yield from chart_widgets(s)
    yield from pem_widgets(s)
    if s.problems:
        yield heading(f"Files that could not be read ({len(s.problems)})")
        yield text("They are missing from every figure above:\n" + "\n".join(
            str(p) for p in s.problems), "problem")


def shown_flags(s: Summary) -> list[FlagReport]:
    """Flags shown as cards: alarm symptoms have the banner or the alarm list instead (weight
    loss without trying, a warning, gets a card while it is on)."""
    return [f for f in s.flags if f.id.removeprefix("red.") not in RED_FLAGS
            or (f.level != "urgent" and f.last == s.last)]


def flag_widgets(s: Summary) -> Iterable[Widget]:
    cards = shown_flags(s)
    active = sum(1 for f in s.flags if f.last == s.last)
    yield heading(f"Flags: {len(s.flags)} in this period, {active} still on at "
                  f"{s.last.isoformat()}")
    yield text(ft.SBM_EXPLAINED, "quiet")
    if not s.flags:
        yield text(ft.no_flags_text(s), "quiet")
    elif len(cards) > 1:
        yield text("\n".join(overview_line(f, s.last) for f in cards), "overview")
    for flag in cards:
        yield FlagCard(flag, s.last)
    said = ft.coverage_heading(s)
    if said:
        lines = [f"- {line}" for line in ft.coverage_lines(s)]
        yield text("\n".join([said, *lines]), "not-enough")


def _rating_heading(label: str, stats: RatingStats | None) -> str:
    if stats is None or not stats.days:
        return f"{label}: no answers in this period"
    return (f"{label}: mean {fmt(stats.mean)}, range {fmt(stats.min)}-{fmt(stats.max)}, "
            f"{stats.days} days answered")


def _has_values(series: DaySeries | None) -> bool:
    return series is not None and any(v is not None for v in series.values)


def _chart(s: Summary, key: str, title: str, scale: Scale, **kwargs: Any) -> Widget:
    series = s.series.get(key)
    if series is None or not _has_values(series):
        return text(f"{title.split(':')[0]}: no answers in this period", "chart-empty")
    return TextChart(series, scale, heading=title, classes="chart", **kwargs)


def _question_chart(s: Summary, answers: AnswerStats) -> Widget:
    """A question's chart, its words from the question (`vocabulary`): a yes/no is the days
    answered yes, in words; a rating or a number, its bars with the period in words."""
    q = answers.question
    name = answer_name(answers)
    if q.kind == "yesno":
        return text(f"{name}: {answer_words(answers, _short_day)}", "chart-line")
    heading_words = (_BUILT_IN_HEADINGS[q.series_key](s) if q.series_key in _BUILT_IN_HEADINGS
                     else f"{name}: {answer_words(answers)}")
    if q.chart_scale is not None and q.kind == "rating":
        scale = Scale(0, 10, "0", "10")
    else:
        series = s.series.get(q.series_key)
        values = [v for v in series.values if v is not None] if series else []
        low = min([q.minimum if math.isfinite(q.minimum) else 0.0, *values])
        top = max([q.chart_top or 1.0, *values])
        unit = "h" if q.unit == "hours" else ""
        scale = Scale(low, top, f"{fmt(low, 0)}{unit}", f"{fmt(top, 0)}{unit}")
    return _chart(s, q.series_key, heading_words, scale)


def _short_day(day: date) -> str:
    return f"{day:%a %d %b}"


#: The built-in charts' headings, with the figures the summary keeps for them.
_BUILT_IN_HEADINGS: dict[str, Callable[[Summary], str]] = {
    "fatigue": lambda s: _rating_heading("Fatigue (0-10, higher is worse)",
                                         s.symptoms.get("fatigue")),
    "pem": lambda s: _rating_heading("PEM (0-10, higher is worse)", s.symptoms.get("pem")),
    "sleep_hours": lambda s: (f"Sleep (hours a night): mean {fmt(s.sleep.hours_mean)} "
                              f"over {s.sleep.days} nights"),
    "sleep_quality": lambda s: (f"Sleep quality (0-10, higher is better): mean "
                                f"{fmt(s.sleep.quality_mean)}"),
    "exertion": lambda s: _rating_heading("Exertion (0-10)", s.exertion),
}


def chart_widgets(s: Summary) -> Iterable[Widget]:
    yield heading("Charts (each bar is a day, or the mean of several; · = no answer)")
    for answers in s.charted:  # the built-in questions, then the user's own
        if answers.question.declared or answers.days:
            yield _question_chart(s, answers)
    yield from gi_widgets(s)
    yield from intake_widgets(s)


def gi_widgets(s: Summary) -> Iterable[Widget]:
    gi = s.gi
    sbm = s.series.get("sbm_per_week")
    peak = max([7.0, *(v for v in sbm.values if v is not None)]) if sbm else 7.0
    per_week = ("not enough data (needs 4 recorded days)" if gi.sbm_per_week is None
                else f"{fmt(gi.sbm_per_week)} a week")
    yield _chart(s, "sbm_per_week",
                 f"Spontaneous bowel movements (SBMs) a week (rolling 7 days): {per_week} over "
                 f"{gi.recorded_days} recorded days", Scale(0, peak, "0", fmt(peak, 0)))
    yield _chart(s, "bristol_mean", "Bristol type, daily mean (1 hard lumps - 7 watery; "
                 "4 is typical)", Scale(1, 7, "1", "7"))
    total = sum(gi.bristol_counts.values())
    if total:
        width = 24
        most = max(gi.bristol_counts.values()) or 1
        lines = [f"Bristol types of {total} stools in this period:"]
        for kind in range(1, 8):
            n = gi.bristol_counts.get(kind, 0)
            bar = "█" * round(width * n / most)
            lines.append(f"Type {kind} {bar:<{width}} {n:>4}  {BRISTOL_SHORT[kind]}")
        yield text("\n".join(lines), "bristol")
    shares = []
    if gi.straining_share is not None:
        shares.append(f"straining in {fmt(100 * gi.straining_share, 0)}% of "
                      f"{gi.straining_answered} answered")
    if gi.incomplete_share is not None:
        shares.append(f"felt incomplete in {fmt(100 * gi.incomplete_share, 0)}% of "
                      f"{gi.incomplete_answered} answered")
    shares.append(f"laxative on {gi.laxative_days} days, no laxative on {gi.laxative_no_days}, "
                  f"not answered on {gi.laxative_unanswered}")
    yield text(f"{gi.stools} bowel movements ({gi.sbm} spontaneous); " + "; ".join(shares) + ".",
               "quiet")


def intake_widgets(s: Summary) -> Iterable[Widget]:
    if not s.intake:
        yield text("Intake: nothing recorded in this period.", "chart-empty")
        return
    for name, stats in s.intake.items():
        series = s.series.get(f"intake:{name}")
        amounts = [v for v in series.values if v is not None] if series else []
        top = max([1.0, *amounts])
        klass = f" (class: {class_words(stats.klass)})"
        unit = it.unit_text(2, stats.unit)
        title = (f"{name}{klass}, {unit} a day: mean {fmt(stats.mean_daily, 1)} on the "
                 f"{it.days_text(stats.days)} taken, max {fmt(stats.max_daily, 2)}")
        # Changes from the timeline's steady ranges: a wobble is not a list of increases, a
        # substance taken again after a break reads "resumed", never "stopped".
        ranges = it.ranges_of(s, stats.substance, stats.unit)
        changes = it.range_events(ranges)
        yield _chart(s, f"intake:{name}", title, Scale(0, top, "0", fmt(top, 1)),
                     events=changes)
        said = it.substance_lines(ranges, s.last)
        if said:
            shown = said[-8:]
            more = len(said) - len(shown)
            lines = [f"Amounts over the period ({MARK_WORDS}):" if changes
                     else "Amounts over the period:"]
            if more:
                lines.append(f"({more} earlier ranges not listed)")
            lines += [f"- {line}" for line in shown]
            yield text("\n".join(lines), "events")


def pem_widgets(s: Summary) -> Iterable[Widget]:
    p = s.pem
    yield heading("Delayed post-exertional malaise (PEM)")
    lines = [p.statement or "Not enough data to compare."]
    if p.enough_data:
        lines += [
            f"On the 1-2 days after exertion of {p.threshold} or more ({p.high_days} days) "
            f"vs. after other days ({p.other_days} days):",
            f"  PEM      {fmt(p.pem_after_high):>7} (n={p.pem_after_high_n})  vs. "
            f"{fmt(p.pem_after_other):>7} (n={p.pem_after_other_n})",
            f"  Fatigue  {fmt(p.fatigue_after_high):>7} (n={p.fatigue_after_high_n})  vs. "
            f"{fmt(p.fatigue_after_other):>7} (n={p.fatigue_after_other_n})",
        ]
    else:
        lines.append("Not enough data for the delayed-PEM figures in this period.")
    yield text("\n".join(lines), "pem")


__all__ = ["PERIODS", "TrendsScreen", "body_widgets"]
