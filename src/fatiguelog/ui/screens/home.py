"""Home: today done or not, start or continue it, quick check-in, any day, two weeks at a glance,
and the flags active now (red flags first, in words)."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from fatiguelog import paths
from fatiguelog.drafts import draft_days
from fatiguelog.model import is_checked_in, logged_items
from fatiguelog.ui.typed import diary
from fatiguelog.ui.widgets.fields import Line, Note
from fatiguelog.ui.widgets.flags import overview_line

if TYPE_CHECKING:
    from textual.widgets import DataTable

    from fatiguelog.analysis.summary import Alarm, RuleGap, Summary

GLANCE_DAYS = 14
#: The two weeks' "Check-in" column: a day with only shell-logged items is not "done".
STATE_WORDS = {"logged": "logged only"}
FLAG_DAYS = 7  # the period whose last day is today; flags active today are shown
MAX_FLAG_LINES = 3


def action_links(checkin_label: str) -> Content:
    """The three ways in, as keys and as clickable links (lighter than three Buttons, which
    matters for the first frame)."""
    return Content.from_markup(
        f"[@click=screen.checkin][b]{checkin_label}[/b][/]    "
        "[@click=screen.quick][b]q Quick check-in[/b][/]    "
        "[@click=screen.pick_day][b]d Another day[/b][/]"
    )


def today_state(root: Path, today: date) -> tuple[str, str]:
    """(state, what was logged) for today before the history is read: one small file."""
    import tomllib

    try:
        raw = paths.entry_path(root, today).read_bytes()
    except FileNotFoundError:
        return ("unfinished" if today in set(draft_days(root)) else "not yet"), ""
    except OSError:
        return "unreadable", ""
    try:
        doc = tomllib.loads(raw.decode("utf-8"))
    except ValueError:
        return "unreadable", ""
    if is_checked_in(doc):
        return "done", ""
    if today in set(draft_days(root)):
        return "unfinished", ""
    return "logged", logged_items(doc)


def flag_lines(summary: Summary) -> list[tuple[str, str]]:
    """(text, css class) lines for the home screen: the urgent banner first (alarm symptoms
    reported in the last 7 days, so on today), then one line per other flag on today, then
    which rules could not be checked. Never "no flags" alone."""
    from fatiguelog import flagtext as ft

    lines: list[tuple[str, str]] = []
    urgent = [a for a in summary.alarms if a.active and a.level == "urgent"]
    if summary.banner and urgent:
        said = "; ".join(f"{a.title} reported on {ft.dates_text(a.days)}" for a in urgent)
        lines.append((f"!! SEEK MEDICAL CARE PROMPTLY: {said}.", "flag-urgent"))
        lines += [(text, "flag-urgent-advice") for text in dict.fromkeys(a.advice
                                                                        for a in urgent)]
    others = [f for f in summary.active_flags() if f.level != "urgent"]
    for flag in others[:MAX_FLAG_LINES]:
        lines.append((overview_line(flag), "flag-line"))  # all on today: said above
    if len(others) > MAX_FLAG_LINES:
        lines.append((f"... and {len(others) - MAX_FLAG_LINES} more.", "flag-line"))
    cov = summary.coverage
    checked = "" if cov is None else f"{cov.rules_checked} of {cov.rules_total} rules checked"
    if not summary.banner and not others:
        gap = ft.data_gap(summary, short=True)  # a new user reads "not enough data" first
        lines.append((f"{gap.removesuffix('.')} ({checked})." if gap
                      else f"No flag on today ({checked}).",
                      "flag-none"))
    if cov is not None and cov.unchecked:
        lines.append((not_checked_line(cov.unchecked), "flag-hint not-checked"))
    if summary.banner or others:
        lines.append((f"Not a diagnosis: talk to your clinician. t: each flag's evidence and rule "
                      f"({checked}).", "flag-hint"))
    return lines


def not_checked_line(gaps: tuple[RuleGap, ...], most: int = 4) -> str:
    """The rules that could not be checked today, in words, short enough for home: the alarm
    symptoms as one item (they all need a check-in in the last 7 days), then the first few
    titles; the trend view lists each with what it needs."""
    from fatiguelog.model import RED_FLAGS

    alarms = [g for g in gaps if g.id.removeprefix("red.") in RED_FLAGS]
    names = (["alarm symptoms (they need a check-in in the last 7 days)"] if alarms else [])
    names += [g.title for g in gaps if g not in alarms]
    shown = ", ".join(names[:most])
    more = f" and {len(names) - most} more" if len(names) > most else ""
    return f"Not checked (not enough data): {shown}{more}. Press t for what each needs."


def alarm_only_lines(alarms: tuple[Alarm, ...], error: str) -> list[tuple[str, str]]:
    """When the flags could not be worked out: the alarm symptoms still show, first."""
    from fatiguelog import flagtext as ft

    lines: list[tuple[str, str]] = []
    urgent = [a for a in alarms if a.level == "urgent"]
    if urgent:
        said = "; ".join(f"{a.title} reported on {ft.dates_text(a.days)}" for a in urgent)
        lines.append((f"!! SEEK MEDICAL CARE PROMPTLY: {said}.", "flag-urgent"))
        lines += [(text, "flag-urgent-advice") for text in dict.fromkeys(a.advice for a in urgent)]
    lines += [(f"{a.title} reported: {a.advice}", "flag-line") for a in alarms
              if a.level != "urgent"]
    lines.append((f"The other flags could not be worked out: {error}", "flag-line"))
    return lines


class HomeScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "checkin", "Check in"),
        Binding("q", "quick", "Quick", show=False),  # on the screen above the table
        Binding("d", "pick_day", "Other day", show=False),
        Binding("t", "app.trends", "Trends"),
        Binding("e", "app.export", "Export"),
        Binding("down,up", "pick_in_days", show=False),
        Binding("s", "app.settings", "Settings"),
        Binding("slash", "app.search_notes", "Search", key_display="/"),
        Binding("x", "delete_day", "Delete day", show=False),
        Binding("u", "app.undo_delete", "Undo delete"),  # only while there is one to undo
        Binding("r", "app.restore_deleted", "Restore a deleted day", show=False),
    ]
    #: Nothing is focused for you when home comes back: after a check-in, a stray Enter (the
    #: second of a quick double press) must not reopen a day from the two weeks.
    AUTO_FOCUS = ""
    resting = False  # True after a check-in: see `rest_focus`

    def compose(self) -> ComposeResult:
        yield Line("fatiguelog", id="home-title")
        yield Line(id="today-status", classes="status")
        yield Static(action_links("c Check in today"), id="home-actions")
        with Vertical(id="home-flags"):
            yield Line("Looking at your recent entries for flags...", id="no-flags")
        # What just happened (a save, a merge naming a red flag): under the flags, above the
        # two weeks, which give way to it on a small terminal; no room taken while empty.
        yield Note(id="home-message", classes="message")
        yield Line("Last two weeks (up/down picks a day, Enter opens it, x deletes it):",
                   classes="caption")
        # The table (and its widget's import and styles) comes with the history, just after the
        # first frame, so the app opens at once however long the diary.
        yield Vertical(Line("Reading the last two weeks..."), id="recent-box")
        yield Footer(show_command_palette=False)  # ctrl+p is in the help screen

    def on_screen_resume(self) -> None:
        """Also sent when home is first shown: then the files are read once the first frame is
        out (the app calls `load` on Ready), so opening the app never waits for history."""
        if getattr(self.app, "first_frame_shown", True):
            self.load()
        else:
            self.show_today()

    def load(self) -> None:
        """The two weeks (14 small files), and the flags (weeks of history, off the UI thread)."""
        if not self.is_attached:  # the app is already closing
            return
        self.refresh_days()
        self.refresh_flags()

    def refresh_flags(self) -> None:
        self.run_worker(self._active_flags, thread=True, exclusive=True, group="flags")

    def _active_flags(self) -> None:
        from fatiguelog.report import alarms_only, summarize
        from fatiguelog.store import Store

        app = diary(self)
        today: date = app.today
        store = Store(app.root)
        try:
            first = today - timedelta(days=FLAG_DAYS - 1)
            summary = summarize(store, app.settings, first, today, keep_entries=False,
                                today=today)
        except Exception as exc:  # never let a bad history hide the home screen
            # ...nor an alarm symptom: those are read again on their own (flags.md v2).
            lines = alarm_only_lines(alarms_only(store, today), str(exc))
            app.call_from_thread(self._show_flag_lines, lines)
            return
        app.call_from_thread(self._show_flag_lines, flag_lines(summary))

    def _show_flag_lines(self, lines: list[tuple[str, str]]) -> None:
        box = self.query_one("#home-flags", Vertical)
        box.remove_children()
        box.mount_all(Line(text, classes=css) for text, css in lines)

    def show_today(self, state: str | None = None, logged: str = "") -> None:
        """Today's status line and main button. `state` is today's row of the two weeks;
        without it (the first frame), what today's file holds, or whether a draft exists."""
        app = diary(self)
        today: date = app.today
        if state is None:
            state, logged = today_state(app.root, today)
        said = {
            "done": "checked in. Press c to change it.",
            "unfinished": "not checked in yet - a check-in is unfinished.",
            "unreadable": "its file can't be read (run 'fatiguelog check').",
        }.get(state, "not checked in yet.")
        if state == "logged" and logged:
            said = f"{logged}, no check-in yet."
        self.query_one("#today-status", Line).say(f"Today ({today:%A %d %B}): {said}")
        label = {"done": "c Change today", "unfinished": "c Continue today"}.get(
            state, "c Check in today")
        self.query_one("#home-actions", Static).update(action_links(label))

    def refresh_days(self) -> None:
        """The last two weeks at a glance (reads 14 files)."""
        app = diary(self)
        today: date = app.today
        from fatiguelog.store import Status, Store  # after the first frame: not on start-up

        store = Store(app.root)
        waiting = set(draft_days(app.root))
        table = self._table()
        row = table.cursor_row  # the day picked stays picked when the list is read again
        table.clear()
        today_state, today_logged = None, ""
        for back in range(GLANCE_DAYS):
            day = today - timedelta(days=back)
            read = store.read(day)
            entry = read.entry
            logged = ""
            if read.status is Status.BROKEN:
                state = "unreadable"
            elif entry is not None and is_checked_in(entry.doc):
                state = "done"
            elif day in waiting:
                state = "unfinished"
            elif entry is not None:
                state, logged = "logged", logged_items(entry.doc)
            else:
                state = "not yet" if back == 0 else "missing"
            if back == 0:
                today_state, today_logged = state, logged
            fatigue = entry.get("symptoms", "fatigue") if entry else None
            stools = "-"
            if entry is not None and entry.has_gi:
                kinds = [str(s.bristol) for s in entry.stools if s.bristol]
                stools = (f"{len(entry.stools)} (type {', '.join(kinds)})" if entry.stools
                          else "none")
            flags = "YES" if entry is not None and entry.red_flags else "-"
            label = "Today" if back == 0 else f"{day:%a %d %b}"
            table.add_row(Text(label), Text(STATE_WORDS.get(state, state)),
                          Text("-" if fatigue is None else str(fatigue)),
                          Text(stools), Text(flags), key=day.isoformat())
        table.move_cursor(row=row, animate=False)
        self.show_today(today_state, today_logged)
        self.show_sync_copies()

    def show_sync_copies(self) -> None:
        """One line while sync-conflict copies of entries wait to be merged (first, a red flag
        only a copy reports, with its graded advice)."""
        from fatiguelog.conflicts import waiting_text
        from fatiguelog.store import Store

        app = diary(self)
        line = waiting_text(Store(app.root), app.today)
        found = self.query("#home-conflicts")
        self.set_class(line.startswith("!!"), "-copy-red-flag")  # room for its advice
        if found and line:
            found.first(Line).say(line)
            found.first(Line).set_class(line.startswith("!!"), "-red-flag")
        elif found:
            found.remove()
        elif line:
            red = " -red-flag" if line.startswith("!!") else ""
            self.mount(Line(line, id="home-conflicts", classes="message" + red),
                       after="#home-flags")

    def say(self, message: str) -> None:
        """What just happened, in full. While it is shown, the list of rules that could not be
        checked gives it room (a merge naming a red flag must be readable at 60x20)."""
        self.query_one("#home-message", Line).say(message)
        self.set_class(bool(message), "-with-message")

    def rest_focus(self) -> None:
        """No focus on the two weeks (after a check-in): Enter does nothing until up or down
        picks a day again (also when the two weeks are only read now, after `checkin`)."""
        self.resting = True
        self.set_focus(None)

    def action_pick_in_days(self) -> None:
        """Up or down with nothing focused: to the two weeks, where Enter opens a day."""
        self.resting = False
        self.say("")  # read: the two weeks get their room back
        found = self.query("#recent")
        if found:
            found.first().focus()

    def action_checkin(self) -> None:
        diary(self).open_checkin(diary(self).today, quick=False)

    def action_quick(self) -> None:
        diary(self).open_checkin(diary(self).today, quick=True)

    def action_pick_day(self) -> None:
        from fatiguelog.ui.screens.dialogs import DayPicker

        def chosen(day: date | None) -> None:
            if day is not None:
                diary(self).open_checkin(day, quick=False)

        self.app.push_screen(DayPicker(diary(self).today), chosen)

    def _table(self) -> DataTable[Text]:
        """The two-weeks table, created the first time the history is read."""
        from textual.widgets import DataTable

        box = self.query_one("#recent-box", Vertical)
        found = box.query(DataTable)
        if found:
            return found.first()
        table: DataTable[Text] = DataTable(id="recent", cursor_type="row", zebra_stripes=False)
        table.add_columns("Day", "Check-in", "Fatigue", "Bowel movements", "Red flags")
        box.remove_children()
        box.mount(table)
        if self.focused is None and not self.resting:
            table.focus()
        return table

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "recent":
            diary(self).open_day(date.fromisoformat(str(event.row_key.value)))

    def action_delete_day(self) -> None:
        """Delete the day picked in the two weeks (it asks first; `u` undoes it)."""
        from textual.widgets import DataTable

        found = self.query("#recent")
        if not found:
            return
        table = found.first(DataTable)
        if not table.row_count:
            return
        day = date.fromisoformat(str(table.coordinate_to_cell_key(table.cursor_coordinate)
                                     .row_key.value))
        if not os.path.lexists(paths.entry_path(diary(self).root, day)):
            self.say(f"{day:%a %d %b %Y} has no entry to delete.")
            return
        diary(self).ask_delete_day(day)
