"""Home: today done or not, start or continue it, quick check-in, any day, two weeks at a glance."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header

from fatiguelog.drafts import draft_days
from fatiguelog.store import Status, Store
from fatiguelog.ui.widgets.fields import Line

GLANCE_DAYS = 14


class HomeScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "checkin", "Check in"),
        Binding("q", "quick", "Quick"),
        Binding("d", "pick_day", "Other day"),
        Binding("t", "app.trends", "Trends"),
        Binding("e", "app.export", "Export"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Line(id="today-status", classes="status")
        with Horizontal(id="home-actions"):
            yield Button("c Check in today", id="do-checkin", compact=True)
            yield Button("q Quick check-in", id="do-quick", compact=True)
            yield Button("d Another day", id="do-pick_day", compact=True)
        with Vertical(id="home-flags"):
            yield Line("No flags.", id="no-flags")
        yield Line("Last two weeks (up/down picks a day, Enter opens it):", classes="caption")
        yield DataTable(id="recent", cursor_type="row", zebra_stripes=False)
        yield Line(id="home-message", classes="message")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#recent", DataTable)
        table.add_columns("Day", "Check-in", "Fatigue", "Bowel movements", "Red flags")
        self.refresh_days()
        table.focus()

    def on_screen_resume(self) -> None:
        self.refresh_days()

    def refresh_days(self) -> None:
        app = self.app
        today: date = app.today
        store = Store(app.root)
        waiting = set(draft_days(app.root))
        status = self.query_one("#today-status", Line)
        table = self.query_one("#recent", DataTable)
        table.clear()
        today_done = False
        for back in range(GLANCE_DAYS):
            day = today - timedelta(days=back)
            read = store.read(day)
            entry = read.entry
            if read.status is Status.BROKEN:
                state = "unreadable"
            elif entry is not None:
                state = "done"
            elif day in waiting:
                state = "unfinished"
            else:
                state = "not yet" if back == 0 else "missing"
            if back == 0:
                today_done = entry is not None
            fatigue = entry.get("symptoms", "fatigue") if entry else None
            stools = "-"
            if entry is not None and entry.has_gi:
                kinds = [str(s.bristol) for s in entry.stools if s.bristol]
                stools = (f"{len(entry.stools)} (type {', '.join(kinds)})" if entry.stools
                          else "none")
            flags = "YES" if entry is not None and entry.red_flags else "-"
            label = "Today" if back == 0 else f"{day:%a %d %b}"
            table.add_row(Text(label), Text(state), Text("-" if fatigue is None else str(fatigue)),
                          Text(stools), Text(flags), key=day.isoformat())
        pending = today in waiting
        if today_done:
            text = f"Today ({today:%A %d %B}): checked in. Press c to change it."
        elif pending:
            text = f"Today ({today:%A %d %B}): not checked in yet - a check-in is unfinished."
        else:
            text = f"Today ({today:%A %d %B}): not checked in yet."
        status.say(text)
        label = ("c Change today" if today_done else
                 "c Continue today" if pending else "c Check in today")
        self.query_one("#do-checkin", Button).label = label

    def say(self, message: str) -> None:
        self.query_one("#home-message", Line).say(message)

    def action_checkin(self) -> None:
        self.app.open_checkin(self.app.today, quick=False)

    def action_quick(self) -> None:
        self.app.open_checkin(self.app.today, quick=True)

    def action_pick_day(self) -> None:
        from fatiguelog.ui.screens.dialogs import DayPicker

        def chosen(day: date | None) -> None:
            if day is not None:
                self.app.open_checkin(day, quick=False)

        self.app.push_screen(DayPicker(self.app.today), chosen)

    @on(DataTable.RowSelected, "#recent")
    def _open_row(self, event: DataTable.RowSelected) -> None:
        self.app.open_checkin(date.fromisoformat(str(event.row_key.value)), quick=False)

    @on(Button.Pressed)
    async def _clicked(self, event: Button.Pressed) -> None:
        await self.run_action(str(event.button.id).removeprefix("do-"))
