"""The trend view: flags first (urgent ones in a banner), then charts, delayed PEM, problems.

It renders the one `Summary` of `fatiguelog.report.summarize`, computed in a thread worker so
the screen appears at once ("Reading your entries..."), and sets `loaded` when the figures are
on screen. The summary's per-day entries are dropped once it is built: charts read only its
series, so ten years of history cost the screen a few small tuples, not every entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import ClassVar

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
from fatiguelog.analysis.summary import FlagReport, Summary
from fatiguelog.model import RED_FLAGS
from fatiguelog.settings import Settings
from fatiguelog.textchart import Chart, period_text
from fatiguelog.textsafe import strip_controls
from fatiguelog.trendcharts import chart_section
from fatiguelog.ui.widgets.charts import TextChart
from fatiguelog.ui.widgets.flags import AlarmList, FlagCard, UrgentBanner, overview_line
from fatiguelog.wording import (
    DEFAULT_DAYS,
    DISCLAIMER,
    NO_DATA,
    PEM_TITLE,
    TREND_PERIODS,
    TRENDS_TITLE,
    mean_text,
    period_words,
)

LOADING = "Reading your entries..."


#: The width from which the period bar fits with padded buttons and room kept for the "◀".
PERIODS_WIDE = 76


def period_id(days: int | None) -> str:
    return f"period-{days or 'all'}"


class TrendsScreen(Screen[None]):
    """Trends and flags for a period the user can switch with 1-5 (or a click)."""

    CSS_PATH = str(Path(__file__).parent.parent / "trends.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        *(Binding(key, f"period({days})", label) for key, days, label in TREND_PERIODS),
        Binding("a", "period(None)", "All", show=False),
        Binding("w", "period(7)", "Week", show=False),
        Binding("m", "period(30)", "Month", show=False),
        Binding("y", "period(365)", "Year", show=False),
    ]

    def __init__(
        self,
        root: Path,
        settings: Settings,
        days: int | None = DEFAULT_DAYS,
        *,
        today: date | None = None,
        name: str | None = None,
    ) -> None:
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
            for key, days, label in TREND_PERIODS:
                yield Button(
                    f"[{key}] {label}  ", id=period_id(days), compact=True, classes="period"
                )
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
            return Content.assemble((TRENDS_TITLE, "bold"), f" · {words}")
        return Content.assemble(
            (TRENDS_TITLE, "bold"),
            f" · {words} · {period_text(summary.first, summary.last)} · "
            f"{summary.days_recorded}/{summary.days} days recorded",
        )

    def on_resize(self) -> None:
        """Below `PERIODS_WIDE` columns the period buttons lose their padding and room kept
        for the "◀", and the footer its spacing and the palette's key, so "[5] All" and every
        period key stay in sight."""
        narrow = self.size.width < PERIODS_WIDE
        periods = self.query_one("#periods", Horizontal)
        if periods.has_class("-narrow") != narrow:
            periods.set_class(narrow, "-narrow")
            self._mark_period()
        footer = self.query_one(Footer)
        footer.compact = narrow
        footer.show_command_palette = not narrow  # (ctrl+p still opens it)

    def _mark_period(self) -> None:
        """The chosen period's button carries a "◀" (the title names it in words too); when
        wide enough, the others keep room for it so the bar does not shift."""
        narrow = self.query_one("#periods", Horizontal).has_class("-narrow")
        spare = "" if narrow else "  "
        for key, days, label in TREND_PERIODS:
            button = self.query_one(f"#{period_id(days)}", Button)
            chosen = days == self.days
            button.label = Content(f"[{key}] {label}{' ◀' if chosen else spare}")
            # narrow: as wide as its words (a Button's own width adds a column each side)
            button.styles.width = button.label.cell_length if narrow else "auto"
            button.styles.line_pad = 0 if narrow else 1  # (Button's own; tcss can't set it)
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
            summary = cached_summary(
                store, settings, first, last, today=today, progress=said, later=later
            )
            return replace(summary, entries=())  # charts need the series, not every entry

        self._worker = self.run_worker(
            compute, name="trends", group="trends", thread=True, exclusive=True, exit_on_error=False
        )

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
            await self._replace_body(
                [Static(Content(f"Your entries could not be read: {error}"), classes="problem")]
            )
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
        for _key, days, _label in TREND_PERIODS:
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
    yield text(DISCLAIMER, "disclaimer")
    if s.earlier_alarms:
        yield AlarmList(s.earlier_alarms)
    yield from flag_widgets(s)
    yield from chart_widgets(s)
    yield from pem_widgets(s)
    if s.problems:
        yield heading(f"Files that could not be read ({len(s.problems)})")
        yield text(
            "They are missing from every figure above:\n" + "\n".join(str(p) for p in s.problems),
            "problem",
        )


def shown_flags(s: Summary) -> list[FlagReport]:
    """Flags shown as cards: alarm symptoms have the banner or the alarm list instead (weight
    loss without trying, a warning, gets a card while it is on)."""
    return [
        f
        for f in s.flags
        if f.id.removeprefix("red.") not in RED_FLAGS or (f.level != "urgent" and f.last == s.last)
    ]


def flag_widgets(s: Summary) -> Iterable[Widget]:
    cards = shown_flags(s)
    active = sum(1 for f in s.flags if f.last == s.last)
    yield heading(
        f"Flags: {len(s.flags)} in this period, {active} still on at {s.last.isoformat()}"
    )
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


def chart_widgets(s: Summary) -> Iterable[Widget]:
    """The charts part, from the same items `trends --print` prints (`trendcharts`): a chart
    becomes a `TextChart`, a note a `Static` whose class is its kind."""
    for item in chart_section(s):
        if isinstance(item, Chart):
            yield TextChart(item, classes="chart")
        elif item.kind == "heading":
            yield heading(item.text)
        else:
            yield text(item.text, item.kind)


def pem_widgets(s: Summary) -> Iterable[Widget]:
    p = s.pem

    def figure(value: float | None) -> str:
        return mean_text(value, none=NO_DATA)

    yield heading(PEM_TITLE)
    lines = [p.statement or "Not enough data to compare."]
    if p.enough_data:
        lines += [
            f"On the 1-2 days after exertion of {p.threshold} or more ({p.high_days} days) "
            f"vs. after other days ({p.other_days} days):",
            f"  PEM      {figure(p.pem_after_high):>7} (n={p.pem_after_high_n})  vs. "
            f"{figure(p.pem_after_other):>7} (n={p.pem_after_other_n})",
            f"  Fatigue  {figure(p.fatigue_after_high):>7} (n={p.fatigue_after_high_n})  vs. "
            f"{figure(p.fatigue_after_other):>7} (n={p.fatigue_after_other_n})",
        ]
    else:
        lines.append("Not enough data for the delayed-PEM figures in this period.")
    yield text("\n".join(lines), "pem")


__all__ = ["TrendsScreen", "body_widgets"]
