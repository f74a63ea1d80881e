"""The fatiguelog app: home screen, guided check-in, theme. Started by `fatiguelog`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from fatiguelog.model import SEEK_CARE
from fatiguelog.settings import Settings, load_settings, update_settings

THEMES = {"dark": "textual-dark", "light": "textual-light"}

Start = tuple[Any, ...] | None


class FatiguelogApp(App[None]):
    """`start`: None (home), ("checkin", day, quick) or ("trends", days)."""

    CSS_PATH = str(Path(__file__).parent / "app.tcss")  # absolute: subclasses live elsewhere
    TITLE = "fatiguelog"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "toggle_theme", "Light/dark"),
        Binding("ctrl+q", "quit", "Quit"),
    ]

    def __init__(self, root: Path, start: Start = None, *, today: date | None = None,
                 blink: bool = True) -> None:
        super().__init__()
        self.root = root
        self.start = start
        self._today = today
        self.blink = blink
        self.first_frame_shown = False
        self.settings: Settings
        self.settings, self.settings_problems = load_settings(root)
        self.theme = THEMES.get(self.settings.theme, "textual-dark")

    @property
    def today(self) -> date:
        return self._today or date.today()

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

    def on_mount(self) -> None:
        start = self.start
        if start and start[0] == "checkin":
            self.open_checkin(start[1], quick=bool(start[2]))
        elif start and start[0] == "trends":
            self.action_trends(start[1] if len(start) > 1 else None)

    # -- check-in ------------------------------------------------------------------------
    def open_checkin(self, day: date, quick: bool = False) -> None:
        """Open the check-in for `day`, offering an unfinished draft first."""
        if day > self.today:
            self.home_message(f"{day:%d %b %Y} hasn't happened yet: pick today or an "
                              "earlier day.")
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
        if result.entry.red_flags:
            message = f"{message} You reported a red flag. {SEEK_CARE}"
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
                                      DEFAULT_DAYS if days is None else days, today=self._today))

    def action_export(self) -> None:
        from fatiguelog.ui.screens.export import ExportScreen

        self.push_screen(ExportScreen(self.root, self.settings, today=self._today))

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
