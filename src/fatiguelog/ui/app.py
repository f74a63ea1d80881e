"""The fatiguelog app: home screen, guided check-in, theme. Started by `fatiguelog`."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from fatiguelog import dates
from fatiguelog.model import red_advice
from fatiguelog.settings import Settings, load_settings, update_settings
from fatiguelog.ui.keys import OrderedInputApp

if TYPE_CHECKING:
    from textual.filter import LineFilter

    from fatiguelog.trash import Trashed

THEMES = {"dark": "textual-dark", "light": "textual-light"}
#: A top-level line of a traceback naming the exception ("DuplicateIds: Tried to...").
_RAISED = r"(?m)^([A-Za-z_][\w.]*): "  # (compiled only after a crash)

Start = tuple[Any, ...] | None


class FatiguelogApp(OrderedInputApp):
    """`start`: None (home), ("checkin", day, quick), ("trends", days) or ("settings",).

    `today` and `now` fix the clock (tests); `demo` marks every screen DEMO and keeps exports
    in the demo's own temporary folder.
    """

    CSS_PATH = str(Path(__file__).parent / "app.tcss")  # absolute: subclasses live elsewhere
    TITLE = "fatiguelog"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("ctrl+t", "toggle_theme", "Light/dark", show=False),  # in the help screen
        Binding("ctrl+q", "quit", "Quit"),
    ]

    def __init__(
        self,
        root: Path,
        start: Start = None,
        *,
        today: date | None = None,
        now: datetime | None = None,
        blink: bool = True,
        demo: bool = False,
        ahead: Any = None,
    ) -> None:
        """`ahead`: home's flag lines being worked out by another process since before the
        app started (`fatiguelog.homeflags.Ahead`), when the command line could fork one."""
        super().__init__()
        self._ahead = ahead
        self.root = root
        self.start = start
        self._today = today
        self._now = now
        self.blink = blink
        self.demo = demo
        self.first_frame_shown = False
        self._filling = False  # the year caches are being (or were) brought up to date
        self.settings: Settings
        self.settings, self.settings_problems = load_settings(root)
        self.theme = THEMES.get(self.settings.theme, "textual-dark")
        #: The day deleted last in this session, which `u` brings back.
        self.last_deleted: Trashed | None = None
        #: Where Textual writes what it prints when the app fails: its traceback shows the
        #: locals of every frame (a note being typed, an answer), and a health diary must
        #: never put those in the terminal's scrollback. It stays in memory and is dropped;
        #: `crash_line` names only the kind of error. FATIGUELOG_DEBUG=1 keeps Textual's.
        self.crash_report = io.StringIO()
        if not os.environ.get("FATIGUELOG_DEBUG"):
            from rich.console import Console

            self.error_console = Console(
                file=self.crash_report, markup=False, highlight=False, width=200
            )
        from fatiguelog.ui.nocolor import no_colour

        self.no_color = no_colour()  # NO_COLOR="" is "not set" (no-color.org); :nocolor CSS

    def get_line_filters(self) -> Sequence[LineFilter]:
        """With `NO_COLOR` set, no colour escape at all (see `ui.nocolor`)."""
        from fatiguelog.ui.nocolor import line_filters

        return line_filters(super().get_line_filters())

    def crash_line(self) -> str:
        """After `run()` ended with an error (`return_code` not 0): one line saying so, with
        the kind of error and never its text (which may quote a note or an answer)."""
        found = re.findall(_RAISED, self.crash_report.getvalue())
        kind = found[-1].rsplit(".", 1)[-1] if found else "an error in the app"
        return (
            f"unexpected error in the app ({kind}). What was saved, and any unfinished "
            "check-in's draft, stays on disk; please report it (FATIGUELOG_DEBUG=1 shows "
            "the details)"
        )

    @property
    def today(self) -> date:
        """The diary's today (see `fatiguelog.dates.today`: the user's day may start later)."""
        return self._today or dates.today(self.settings.day_starts_at, self.now())

    def now(self) -> datetime:
        return self._now or datetime.now()

    def day_boundary_note(self, day: date) -> str:
        """Why "today" is not the calendar's day, when the user's day starts after midnight."""
        start = self.settings.day_starts_at
        now = self.now()
        if day != self.today or start == dates.MIDNIGHT or now.date() == day:
            return ""
        return (
            f"It is {now:%H:%M} and your day starts at {start:%H:%M}, so this is still "
            f"{day:%A %d %B}'s check-in."
        )

    def get_default_screen(self) -> Screen[Any]:
        """Home is the base screen itself (not pushed over an empty one: one screen to style
        and draw before the first frame)."""
        from fatiguelog.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_ready(self) -> None:
        """The first frame is on screen: now the home screen may read the history."""
        from fatiguelog.ui.screens.home import HomeScreen

        self.first_frame_shown = True
        if self.settings_problems:  # (here, not on mount: home's lines exist by now)
            self.home_message(f"Settings: {self.settings_problems[0]}.")
        if isinstance(self.screen, HomeScreen):  # else it loads when it is shown
            self.screen.load()

    def take_ahead(self) -> Any:
        """The lines worked out ahead (once: later refreshes work them out again)."""
        ahead, self._ahead = self._ahead, None
        return ahead

    def on_unmount(self) -> None:
        if self._ahead is not None:
            self._ahead.close()

    def home_useful(self) -> None:
        """Home's flags are on screen: now, once per run, every year's cache is brought up to
        date in the background, so "All" in the trend view finds them ready."""
        if self._filling:
            return
        self._filling = True
        self.run_worker(self._fill_caches, thread=True, group="fill", exit_on_error=False)

    def _fill_caches(self) -> None:
        from textual.worker import get_current_worker

        from fatiguelog.store import Store

        worker = get_current_worker()
        Store(self.root).fill_caches(stop=lambda: worker.is_cancelled)

    def on_mount(self) -> None:
        if self.demo:
            from fatiguelog.ui.screens.demo import mark_demo

            self.screen_change_signal.subscribe(self, mark_demo)
            mark_demo(self.screen)
        start = self.start
        if start and start[0] == "checkin":
            self.open_checkin(start[1], quick=bool(start[2]))
        elif start and start[0] == "trends":
            self.action_trends(start[1] if len(start) > 1 else None)
        elif start and start[0] == "settings":
            self.action_settings()

    # -- check-in ------------------------------------------------------------------------
    def open_checkin(self, day: date, quick: bool = False) -> None:
        """Open the check-in for `day`, offering an unfinished draft first."""
        try:
            dates.not_future(day, self.today)
        except dates.DateError:
            self.home_message(f"{day:%d %b %Y}: {dates.NOT_YET}. Pick today or an earlier day.")
            return
        from fatiguelog import dayactions

        draft = dayactions.draft_to_offer(self.root, day)
        if draft is None:
            self._start_checkin(day, quick, None)
            return
        from fatiguelog.ui.screens.dialogs import ResumeDialog

        def chosen(choice: str | None) -> None:
            start = dayactions.start_after_offer(self.root, day, quick, draft, choice)
            if start is not None:
                self._start_checkin(day, start.quick, start.draft)

        self.push_screen(ResumeDialog(draft), chosen)

    def _start_checkin(self, day: date, quick: bool, draft: Any) -> None:
        from fatiguelog.checkin_session import CannotEdit, CheckinSession
        from fatiguelog.ui.screens.checkin import CheckinScreen

        try:
            session = CheckinSession(self.root, self.settings, day, quick, draft)
        except CannotEdit as exc:
            self.home_message(str(exc))
            self.notify(str(exc), severity="error", markup=False)
            return
        self.push_screen(CheckinScreen(session), self._checkin_done)

    def _checkin_done(self, result: Any) -> None:
        from fatiguelog.ui.screens.home import HomeScreen

        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.rest_focus()
        if result is None:
            return
        message = result.message
        reported = result.entry.red_flags
        if reported:
            # The graded advice of flags.md v2 for what was reported (weight loss without
            # trying alone: "see a GP soon", not urgent care), the red flag first: home's
            # message area is small on a small terminal.
            from fatiguelog.model import RED_FLAGS

            advice = " ".join(red_advice(reported))
            names = ", ".join(RED_FLAGS[key].lower() for key in reported)
            message = f"You reported a red flag ({names}). {advice} {message}"
        self.home_message(message)  # stays on screen: nothing timed

    def home_message(self, message: str) -> None:
        from fatiguelog.ui.screens.home import HomeScreen

        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.say(message)

    # -- trends and export ----------------------------------------------------------------
    def action_trends(self, days: int | None = None) -> None:
        """The trend view; without a number of days, the default period (90 days)."""
        from fatiguelog.ui.screens.trends import TrendsScreen
        from fatiguelog.wording import DEFAULT_DAYS

        self.push_screen(
            TrendsScreen(
                self.root, self.settings, DEFAULT_DAYS if days is None else days, today=self.today
            )
        )

    def action_export(self) -> None:
        if self.demo:
            from fatiguelog.ui.screens.demo import DemoExportScreen

            self.push_screen(DemoExportScreen(self.root, self.settings, today=self.today))
            return
        from fatiguelog.ui.screens.export import ExportScreen

        self.push_screen(ExportScreen(self.root, self.settings, today=self.today))

    # -- settings ------------------------------------------------------------------------
    def action_settings(self) -> None:
        from fatiguelog.ui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def reload_settings(self) -> None:
        """Read settings.toml again after the settings screen changed it, so the next
        check-in asks what it now says."""
        self.settings, self.settings_problems = load_settings(self.root)
        theme = THEMES.get(self.settings.theme)
        if theme is not None and theme != self.theme:
            self.theme = theme

    # -- past days: the day view, notes search, delete and undo ---------------------------
    def open_day(self, day: date) -> None:
        """A day with a file opens read-only (its answers in words, its notes); a day without
        one opens in the check-in."""
        from fatiguelog.dayactions import has_entry_file

        if not has_entry_file(self.root, day):
            self.open_checkin(day)
            return
        from fatiguelog.ui.screens.day import DayScreen

        self.push_screen(DayScreen(day))

    def action_search_notes(self) -> None:
        from fatiguelog.ui.screens.day import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen())

    def ask_delete_day(self, day: date, done: Callable[[], None] | None = None) -> None:
        """Confirm, then move the day's file to the trash and offer `u` to undo it. `done`
        runs once it is deleted (the day view closes itself)."""
        from fatiguelog import dayactions
        from fatiguelog.ui.screens.dialogs import ConfirmDialog

        def chosen(sure: bool | None) -> None:
            if not sure:
                return
            outcome = dayactions.delete(self.root, day, self.now(), undo=self.last_deleted)
            if not outcome.done:
                self.say(outcome.message)
                return
            self.last_deleted = outcome.undo
            if done is not None:
                done()
            self.call_later(self._changed, outcome.message)

        self.push_screen(
            ConfirmDialog(
                dayactions.delete_question(self.root, day), yes="Delete it", no="Keep it"
            ),
            chosen,
        )

    def _changed(self, message: str) -> None:
        """A day was deleted or restored: say so, and the screen in front reads again."""
        self.refresh_bindings()
        self.say(message)
        load = getattr(self.screen, "load", None)
        if callable(load):
            load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`u` (home and search: `app.undo_delete`) shows only while there is one to undo."""
        if action == "undo_delete":
            return self.last_deleted is not None
        return True

    def action_undo_delete(self) -> None:
        """Bring back the day deleted last (exactly that file)."""
        from fatiguelog.dayactions import undo_delete

        if self.last_deleted is None:
            return
        outcome = undo_delete(self.root, self.last_deleted)
        self.last_deleted = outcome.undo
        self._changed(outcome.message)

    def action_restore_deleted(self) -> None:
        """Every deleted copy in the trash, newest first; Enter brings one back."""
        from fatiguelog.ui.screens.day import TrashScreen

        if not isinstance(self.screen, TrashScreen):
            self.push_screen(TrashScreen())

    def restore_copy(self, trashed: Trashed) -> bool:
        """Bring back one copy picked from the trash list; False (said why) when refused."""
        from fatiguelog.dayactions import restore_copy

        outcome = restore_copy(self.root, trashed, undo=self.last_deleted)
        if outcome.done:
            self.last_deleted = outcome.undo
            self.refresh_bindings()
        self.say(outcome.message)
        return outcome.done

    def say(self, message: str) -> None:
        """A message on home, and on the screen in front when it has a message line."""
        self.home_message(message)
        say = getattr(self.screen, "say", None)
        from fatiguelog.ui.screens.home import HomeScreen

        if callable(say) and not isinstance(self.screen, HomeScreen):
            say(message)

    # -- help, the command palette, quitting ---------------------------------------------
    def action_help(self) -> None:
        """The keys of the screen in front, in words (also F1)."""
        from fatiguelog.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette (ctrl+p) offers every key of the screen it was opened on, and
        ours everywhere; not Textual's own theme picker or screenshot (a screenshot of a
        health diary written to disk is not something to offer in passing)."""
        from fatiguelog.ui.screens.help import screen_keys

        seen: set[str] = set()
        for key, description, node, action in screen_keys(screen):
            if description in seen or action in ("app.help", "app.command_palette"):
                continue
            seen.add(description)
            yield SystemCommand(description, f"Key: {key}", partial(self.run_action, action, node))
        yield SystemCommand("Help", "The keys of this screen, in words (? or F1)", self.action_help)

    async def action_quit(self) -> None:
        """Quit, but ask first while a check-in holds answers that are not on disk."""
        from fatiguelog.ui.screens.checkin import CheckinScreen
        from fatiguelog.ui.screens.dialogs import ConfirmDialog

        unsaved = any(
            isinstance(s, CheckinScreen) and s.answers_not_on_disk for s in self.screen_stack
        )
        if not unsaved:
            self.exit()
            return

        def chosen(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(
            ConfirmDialog(
                "Your check-in answers could not be written to disk (not even as a draft). Quit "
                "and lose them?",
                yes="Quit and lose them",
                no="Stay",
            ),
            chosen,
        )

    # -- theme ---------------------------------------------------------------------------
    def action_toggle_theme(self) -> None:
        name = "light" if self.theme == THEMES["dark"] else "dark"
        from fatiguelog.store import StoreError

        try:
            update_settings(self.root, theme=name)
        except (StoreError, OSError) as exc:
            # Switched for this session only: `settings.theme` keeps what the file says, so
            # the settings screen shows both rather than a theme the file doesn't hold.
            self.notify(f"The theme could not be saved: {exc}", severity="warning", markup=False)
        else:
            self.settings = self.settings.with_theme(name)
        self.theme = THEMES[name]
