"""The fatiguelog app: home screen, guided check-in, theme. Started by `fatiguelog`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from fatiguelog import dates
from fatiguelog.model import RED_ADVICE, SEEK_CARE, URGENT_RED_FLAGS
from fatiguelog.settings import Settings, load_settings, update_settings
from fatiguelog.ui.keys import OrderedInputApp

THEMES = {"dark": "textual-dark", "light": "textual-light"}

Start = tuple[Any, ...] | None


class FatiguelogApp(OrderedInputApp):
    """`start`: None (home), ("checkin", day, quick) or ("trends", days).

    `today` and `now` fix the clock (tests); `demo` marks every screen DEMO and keeps exports
    in the demo's own temporary folder.
    """

    CSS_PATH = str(Path(__file__).parent / "app.tcss")  # absolute: subclasses live elsewhere
    TITLE = "fatiguelog"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("ctrl+t", "toggle_theme", "Light/dark"),
        Binding("ctrl+q", "quit", "Quit"),
    ]

    def __init__(self, root: Path, start: Start = None, *, today: date | None = None,
                 now: datetime | None = None, blink: bool = True, demo: bool = False,
                 ahead: Any = None) -> None:
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
        return (f"It is {now:%H:%M} and your day starts at {start:%H:%M}, so this is still "
                f"{day:%A %d %B}'s check-in.")

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

    # -- check-in ------------------------------------------------------------------------
    def open_checkin(self, day: date, quick: bool = False) -> None:
        """Open the check-in for `day`, offering an unfinished draft first."""
        try:
            dates.not_future(day, self.today)
        except dates.DateError:
            self.home_message(f"{day:%d %b %Y}: {dates.NOT_YET}. Pick today or an earlier day.")
            return
        from fatiguelog.drafts import load_draft, remove_draft

        draft = load_draft(self.root, day)
        if draft is None:
            self._start_checkin(day, quick, None)
            return
        from fatiguelog.ui.screens.dialogs import ResumeDialog

        def chosen(choice: str | None) -> None:
            if choice == "resume":
                self._start_checkin(day, draft.quick, draft)
            elif choice == "discard":
                remove_draft(self.root, day)
                self._start_checkin(day, quick, None)

        self.push_screen(ResumeDialog(draft), chosen)

    def _start_checkin(self, day: date, quick: bool, draft: Any) -> None:
        from fatiguelog.ui.screens.checkin import CheckinScreen
        from fatiguelog.ui.session import CannotEdit, CheckinSession

        try:
            session = CheckinSession(self.root, self.settings, day, quick, draft)
        except CannotEdit as exc:
            self.home_message(str(exc))
            self.notify(str(exc), severity="error", markup=False)
            return
        self.push_screen(CheckinScreen(session), self._checkin_done)

    def _checkin_done(self, result: Any) -> None:
        if result is None:
            return
        message = result.message
        reported = result.entry.red_flags
        if reported:
            # Weight loss without trying alone: "see a GP soon", not urgent care (flags.md v2).
            urgent = any(key in URGENT_RED_FLAGS for key in reported)
            advice = SEEK_CARE if urgent else RED_ADVICE["unintended_weight_loss"]
            message = f"{message} You reported a red flag. {advice}"
        self.home_message(message)  # stays on screen: nothing timed

    def home_message(self, message: str) -> None:
        from fatiguelog.ui.screens.home import HomeScreen

        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.say(message)

    # -- trends and export ----------------------------------------------------------------
    def action_trends(self, days: int | None = None) -> None:
        """The trend view; without a number of days, the default period (90 days)."""
        from fatiguelog.ui.screens.trends import DEFAULT_DAYS, TrendsScreen

        self.push_screen(TrendsScreen(self.root, self.settings,
                                      DEFAULT_DAYS if days is None else days, today=self.today))

    def action_export(self) -> None:
        if self.demo:
            from fatiguelog.ui.screens.demo import DemoExportScreen

            self.push_screen(DemoExportScreen(self.root, self.settings, today=self.today))
            return
        from fatiguelog.ui.screens.export import ExportScreen

        self.push_screen(ExportScreen(self.root, self.settings, today=self.today))

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
            yield SystemCommand(description, f"Key: {key}", partial(self.run_action, action,
                                                                   node))
        yield SystemCommand("Help", "The keys of this screen, in words (? or F1)",
                            self.action_help)

    async def action_quit(self) -> None:
        """Quit, but ask first while a check-in holds answers that are not on disk."""
        from fatiguelog.ui.screens.checkin import CheckinScreen
        from fatiguelog.ui.screens.dialogs import ConfirmDialog

        unsaved = any(isinstance(s, CheckinScreen) and s.answers_not_on_disk
                      for s in self.screen_stack)
        if not unsaved:
            self.exit()
            return

        def chosen(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(ConfirmDialog(
            "Your check-in answers could not be written to disk (not even as a draft). Quit "
            "and lose them?", yes="Quit and lose them", no="Stay"), chosen)

    # -- theme ---------------------------------------------------------------------------
    def action_toggle_theme(self) -> None:
        name = "light" if self.theme == THEMES["dark"] else "dark"
        self.theme = THEMES[name]
        self.settings = self.settings.with_theme(name)
        from fatiguelog.store import StoreError

        try:
            update_settings(self.root, theme=name)
        except (StoreError, OSError) as exc:
            self.notify(f"The theme could not be saved: {exc}", severity="warning", markup=False)
