"""Home: today done or not, start or continue it, quick check-in, any day, two weeks at a glance,
and the flags active now (red flags first, in words)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from fatiguelog import paths
from fatiguelog.drafts import draft_days
from fatiguelog.homeflags import (  # (the lines are worked out apart from the screen)
    FLAG_DAYS,
    alarms_of,
    home_lines,
    urgent_lines,
)
from fatiguelog.model import RED_FLAGS, is_checked_in, logged_items
from fatiguelog.ui.typed import diary
from fatiguelog.ui.widgets.daytable import DayTable
from fatiguelog.ui.widgets.lines import Line, Note

if TYPE_CHECKING:
    from textual.widget import Widget

    from fatiguelog.analysis.summary import Alarm
    from fatiguelog.homeflags import Ahead

GLANCE_DAYS = 14
LOOKING = "Looking at your recent entries for flags..."
#: Seconds after home is useful before the background work (year caches, sync copies) starts.
AFTER_USEFUL = 0.3
#: The two weeks' "Check-in" column: a day with only shell-logged items is not "done".
STATE_WORDS = {"logged": "logged only", "crash": "done, CRASH"}
#: Narrower than this, the two weeks' bowel-movement column is headed "Stools" and a day is
#: "Tue 24" (within two weeks, the weekday and date say which), so every column fits whole at
#: 60 columns. Red flags come before the bowel movements: however narrow the terminal, the
#: column that can say YES is never the one cut.
WHOLE_HEADERS = 68


def column_labels(width: int) -> tuple[str, ...]:
    """The two weeks' column headers for a terminal `width` columns wide."""
    stools = "Bowel movements" if width >= WHOLE_HEADERS else "Stools"
    return ("Day", "Check-in", "Fatigue", "Red flags", stools)


def day_label(day: date, width: int) -> str:
    """A day of the two weeks, as its row says it on a terminal `width` columns wide."""
    return f"{day:%a %d %b}" if width >= WHOLE_HEADERS else f"{day:%a %d}"


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
    symptoms = doc.get("symptoms")
    if isinstance(symptoms, dict) and symptoms.get("crash") is True:
        return "crash", ""
    if is_checked_in(doc):
        return "done", ""
    if today in set(draft_days(root)):
        return "unfinished", ""
    return "logged", logged_items(doc)


class HomeScreen(Screen[None]):
    """`flags_shown` is set once the flag lines are on screen (home is then useful)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not in the footer: the line above the two weeks says it as it is today ("c Check in
        # today", "c Change today"), and at 60 columns the footer has room for the others only.
        Binding("c", "checkin", "Check in", show=False),
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

    def __init__(self) -> None:
        super().__init__()
        self.flags_shown = False
        self._days_shown: bool | None = False  # True: drawn for the first frame, not read again
        self._first_rows: tuple[str | None, str, dict[str, list[date]]] | None = None
        self._ahead: Ahead | None = None  # flag lines still being worked out ahead
        self._flags_first = False  # the flag lines were in the first frame
        self._message_row: str | None = None  # the day picked when the message was said

    def compose(self) -> ComposeResult:
        yield Line("fatiguelog", id="home-title")
        yield Line(id="today-status", classes="status")
        yield Static(action_links("c Check in today"), id="home-actions")
        table = DayTable(id="recent")
        table.set_columns(*column_labels(self.app.size.width))
        lines: list[tuple[str, str]] = []
        if not getattr(self.app, "first_frame_shown", True):
            # The first frame: the two weeks' rows, given before the table is mounted, are
            # measured with it; the flag lines when they were worked out ahead, else an alarm
            # symptom of the last 7 days from those rows (the urgent line never waits).
            self._first_rows = self._fill(table)
            self._ahead = diary(self).take_ahead()
            ready = self._ahead.lines(wait=False) if self._ahead is not None else None
            if ready is not None:
                lines, self._ahead = ready, None
                self.flags_shown = self._flags_first = True
            else:
                lines = urgent_lines(alarms_of(self._first_rows[2]))
        with Vertical(id="home-flags"):
            for text, css in lines:
                yield Line(text, classes=css)
            if not self.flags_shown:
                yield Line(LOOKING, id="no-flags")
        # What just happened (a save, a merge naming a red flag): under the flags, above the
        # two weeks, which give way to it on a small terminal; no room taken while empty.
        yield Note(id="home-message", classes="message")
        yield Line(
            "Last two weeks (up/down picks a day, Enter opens it, x deletes it):", classes="caption"
        )
        yield Vertical(table, id="recent-box")
        if getattr(self.app, "first_frame_shown", True):
            yield self._footer()
        # (else it comes once home is useful: see `_after_useful`)

    @staticmethod
    def _footer() -> Widget:
        """The keys of home. Not in the first frame: Textual's Footer (its module, its CSS,
        a widget per key) is no part of what makes home useful, and cost that frame ~10 ms."""
        from textual.widgets import Footer

        return Footer(show_command_palette=False)  # ctrl+p is in the help screen

    async def _add_footer(self) -> None:
        """The footer, after the first frame; it shows the keys once told they are there."""
        await self.mount(self._footer())
        self.refresh_bindings()

    def on_screen_resume(self) -> None:
        """Also sent when home is first shown, before the first frame: the two weeks (14 small
        files, read in `compose`) are drawn in it, and the flag lines when they were worked
        out ahead; else they are worked out once it is out (the app calls `load` on Ready),
        so opening the app never waits for history."""
        if getattr(self.app, "first_frame_shown", True):
            self._days_shown = None  # shown again (after a check-in...): read again
            self.load()
        elif self._first_rows is not None:  # (read in `compose`)
            self._days_shown = True
            self._show_rows(*self._first_rows)
            self._first_rows = None
            if self.focused is None and not self.resting:
                self.query_one("#recent").focus()
        else:
            self.refresh_days()

    def load(self) -> None:
        """The two weeks (14 small files), and the flags (weeks of history, off the UI thread)."""
        if not self.is_attached:  # the app is already closing
            return
        if self._days_shown is not True:
            self.refresh_days()
        self._days_shown = None  # (read again when home is shown again)
        self.refresh_flags()

    def refresh_flags(self) -> None:
        if self._flags_first:  # drawn in the first frame (worked out ahead)
            self._flags_first = False
            self._useful()
            return
        ahead, self._ahead = self._ahead or diary(self).take_ahead(), None
        if ahead is not None:  # worked out while the app started (see `homeflags.Ahead`)
            lines = ahead.lines(wait=False)
            if lines is not None:
                self._show_flag_lines(lines)
                return
        self.run_worker(
            lambda: self._active_flags(ahead), thread=True, exclusive=True, group="flags"
        )

    def _active_flags(self, ahead: Ahead | None = None) -> None:
        app = diary(self)
        lines = ahead.lines(wait=True) if ahead is not None else None
        if lines is None:
            lines = home_lines(app.root, app.settings, app.today)
        app.call_from_thread(self._show_flag_lines, lines)

    def _show_flag_lines(self, lines: list[tuple[str, str]]) -> None:
        box = self.query_one("#home-flags", Vertical)
        box.remove_children()
        box.mount_all(Line(text, classes=css) for text, css in lines)
        self.flags_shown = True
        self._useful()

    def _useful(self) -> None:
        """Home is useful once the flag lines are drawn: what can wait (the footer, the year
        caches, the sync copies) starts after that, so it never holds up this frame."""
        self.call_after_refresh(self._after_useful)

    def _after_useful(self) -> None:
        if self.is_attached:
            if not self.query("Footer"):  # (not in the first frame: see `compose`)
                self.call_later(self._add_footer)
            self.refresh_sync_copies()  # (a red flag only a copy reports must not wait long)
            self.set_timer(AFTER_USEFUL, diary(self).home_useful)

    def _show_urgent_first(self, alarms: tuple[Alarm, ...]) -> None:
        """An alarm symptom of the last 7 days is said at once, from the two weeks' files,
        before any other flag is worked out (flags.md v2: the banner never waits)."""
        lines = urgent_lines(alarms)
        box = self.query_one("#home-flags", Vertical)
        if self.flags_shown or not lines or box.query(".flag-urgent"):
            return
        box.mount_all([Line(text, classes=css) for text, css in lines], before=0)

    def show_today(self, state: str | None = None, logged: str = "") -> None:
        """Today's status line and main button. `state` is today's row of the two weeks;
        without it (the first frame), what today's file holds, or whether a draft exists."""
        app = diary(self)
        today: date = app.today
        if state is None:
            state, logged = today_state(app.root, today)
        said = {
            "done": "checked in. Press c to change it.",
            "crash": "checked in, marked as a crash day. Press c to change it.",
            "unfinished": "not checked in yet - a check-in is unfinished.",
            "unreadable": "its file can't be read (run 'fatiguelog check').",
        }.get(state, "not checked in yet.")
        if state == "logged" and logged:
            said = f"{logged}, no check-in yet."
        self.query_one("#today-status", Line).say(f"Today ({today:%A %d %B}): {said}")
        label = {
            "done": "c Change today",
            "crash": "c Change today",
            "unfinished": "c Continue today",
        }.get(state, "c Check in today")
        self.query_one("#home-actions", Static).update(action_links(label))

    def refresh_days(self) -> None:
        """The last two weeks at a glance (reads 14 files)."""
        table = self._table()
        row = table.cursor_row  # the day picked stays picked when the list is read again
        table.clear()
        found = self._fill(table)
        table.move_cursor(row)
        self._show_rows(*found)

    def _show_rows(
        self, today_state: str | None, today_logged: str, alarms: dict[str, list[date]]
    ) -> None:
        """What the two weeks' files say beyond the table: today's status, an alarm symptom."""
        self.show_today(today_state, today_logged)
        if self._days_shown is False:
            self._days_shown = True
        self._show_urgent_first(alarms_of(alarms))

    def _fill(self, table: DayTable) -> tuple[str | None, str, dict[str, list[date]]]:
        """The two weeks' rows into `table` (empty); (today's state, what today logged, the
        days each red flag of the last 7 days was reported)."""
        app = diary(self)
        today: date = app.today
        from fatiguelog.store import Status, Store

        store = Store(app.root)
        waiting = set(draft_days(app.root))
        today_state: str | None = None
        today_logged = ""
        alarms: dict[str, list[date]] = {}
        for back in range(GLANCE_DAYS):
            day = today - timedelta(days=back)
            read = store.read(day)
            entry = read.entry
            if entry is not None and back < FLAG_DAYS:
                for key in entry.red_flags:
                    alarms.setdefault(key, []).insert(0, day)
            logged = ""
            if read.status is Status.BROKEN:
                state = "unreadable"
            elif entry is not None and entry.crash:
                state = "crash"  # a check-in that said so: the day of a crash, said as such
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
                stools = (
                    f"{len(entry.stools)} (type {', '.join(kinds)})" if entry.stools else "none"
                )
            flags = "-"  # not answered (or no entry): unknown, never "no"
            if entry is not None and entry.red_flags:
                flags = "YES"
            elif entry is not None and any(
                entry.get("red_flags", key) is False for key in RED_FLAGS
            ):
                flags = "no"  # answered: none of these
            label = "Today" if back == 0 else day_label(day, self.app.size.width)
            table.add_row(
                label,
                STATE_WORDS.get(state, state),
                "-" if fatigue is None else str(fatigue),
                flags,
                stools,
                key=day.isoformat(),
            )
        return today_state, today_logged, alarms

    def refresh_sync_copies(self) -> None:
        """Sync-conflict copies are looked for off the UI thread (every year folder is
        listed: thirty years are ten thousand names)."""
        self.run_worker(self._find_sync_copies, thread=True, exclusive=True, group="copies")

    def _find_sync_copies(self) -> None:
        from fatiguelog.conflicts import waiting_text
        from fatiguelog.store import Store

        app = diary(self)
        line = waiting_text(Store(app.root), app.today)
        self.app.call_from_thread(self.show_sync_copies, line)

    def show_sync_copies(self, line: str) -> None:
        """One line while sync-conflict copies of entries wait to be merged (first, a red flag
        only a copy reports, with its graded advice)."""
        found = self.query("#home-conflicts")
        self.set_class(line.startswith("!!"), "-copy-red-flag")  # room for its advice
        if found and line:
            found.first(Line).say(line)
            found.first(Line).set_class(line.startswith("!!"), "-red-flag")
        elif found:
            found.remove()
        elif line:
            red = " -red-flag" if line.startswith("!!") else ""
            self.mount(
                Line(line, id="home-conflicts", classes="message" + red), after="#home-flags"
            )

    def say(self, message: str) -> None:
        """What just happened, in full. While it is shown, the list of rules that could not be
        checked gives it room (a merge naming a red flag must be readable at 60x20)."""
        self.query_one("#home-message", Line).say(message)
        self.set_class(bool(message), "-with-message")
        self._message_row = self._picked_row() if message else None

    def _picked_row(self) -> str | None:
        """The day picked in the two weeks (its row key), None before they are drawn."""
        found = self.query("#recent")
        return found.first(DayTable).cursor_key if found else None

    def on_day_table_highlighted(self, event: DayTable.Highlighted) -> None:
        """Another day picked: the message has been read, and home shows again every line
        a fresh start shows ("Not checked ..." gave the message its room). The same day
        picked again, as when the two weeks are read again after a delete or an undo, keeps
        it."""
        # (the day picked now, not the event's: reading the two weeks again passes by others)
        if (
            event.table.id == "recent"
            and self.has_class("-with-message")
            and self._picked_row() != self._message_row
        ):
            self.say("")

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

    def on_resize(self, event: events.Resize) -> None:
        """Wider or narrower than `WHOLE_HEADERS`: the two weeks' headers to match.

        A resize to the size home is already laid out at is not passed on to Textual's own
        handler: at start-up the app sends its size to the screen again (three times) after
        home's first layout, and each laid home out and drew the two weeks again before the
        first frame was reported (Ready), for nothing."""
        if event.size == self.outer_size:  # (the size of its last layout; `size` is the app's)
            event.prevent_default()
        table = self.query_one("#recent", DayTable)
        labels = column_labels(event.size.width)
        if table.column_labels != labels:
            table.set_columns(*labels)
            self.refresh_days()

    def _table(self) -> DayTable:
        """The two-weeks table (composed with the screen)."""
        table = self.query_one("#recent", DayTable)
        if self.focused is None and not self.resting:
            table.focus()
        return table

    def on_day_table_selected(self, event: DayTable.Selected) -> None:
        if event.table.id == "recent":
            diary(self).open_day(date.fromisoformat(event.key))

    def action_delete_day(self) -> None:
        """Delete the day picked in the two weeks (it asks first; `u` undoes it)."""
        picked = self._picked_row()
        if picked is None:
            return
        day = date.fromisoformat(picked)
        from fatiguelog.dayactions import nothing_to_delete

        refused = nothing_to_delete(diary(self).root, day)
        if refused:
            self.say(refused)
            return
        diary(self).ask_delete_day(day)
