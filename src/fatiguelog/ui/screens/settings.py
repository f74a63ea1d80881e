"""The settings screen (`s` on home, or `fatiguelog settings`): one thing per line.

Theme, the hour a day starts, birth year, the check-in steps that can be switched off, your
substances and their class, your own questions. Up/down picks a line, Enter changes it (a
small form, or a switch), space switches a step or a question on and off, shift+up/down moves
a question, x removes a substance, Esc goes back. The mouse works too: click a line.

Every change is written at once into settings.toml, keeping your comments and layout
(`fatiguelog.settings_edit`); a file that can't be read, or holds a value this version does
not accept, is said at the top and never rewritten. After a change the app reads the file
again, so the next check-in asks what it now says.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from fatiguelog import settings_edit
from fatiguelog.dates import MIDNIGHT, parse_day_start
from fatiguelog.settings import Settings, Tracker
from fatiguelog.store import StoreError
from fatiguelog.substances import builtin_class, class_words
from fatiguelog.textsafe import strip_controls
from fatiguelog.ui.typed import diary
from fatiguelog.ui.widgets.lines import Line, Note
from fatiguelog.vocabulary import tracker_question

#: The optional steps in words (settings.OPTIONAL_STEPS).
STEP_WORDS = {
    "sleep": "Sleep (hours and quality)",
    "exertion": "Exertion",
    "intake": "Intake (what you took)",
    "stomach": "Stomach (pain, bloating, nausea)",
    "diet": "Diet (fibre and water)",
    "notes": "Notes",
}
HINT = "Enter changes the line picked, Esc goes back, ? lists every key."


def _safe(text: str) -> Content:
    return Content(strip_controls(text, one_line=True))


def parse_birth_year(text: str, this_year: int) -> int | None:
    """A birth year as typed ("" clears it), or ValueError saying what to type."""
    raw = text.strip()
    if not raw:
        return None
    if not raw.isdigit() or not 1900 <= int(raw) <= this_year:
        raise ValueError(
            f"A year from 1900 to {this_year}, like 1968 (or leave it empty to clear it)."
        )
    return int(raw)


def parse_day_start_text(text: str) -> str:
    """The hour a day starts as "HH:MM" ("4" is 04:00, "" is midnight), or ValueError."""
    raw = text.strip() or "00:00"
    if raw.isdigit() and len(raw) <= 2:
        raw += ":00"
    try:
        return f"{parse_day_start(raw):%H:%M}"
    except ValueError:
        raise ValueError("Hours and minutes from 00:00 to 23:59, like 04:00.") from None


def day_start_hides(root: Path, value: str, now: datetime) -> str:
    """Why a day starting at `value` ("HH:MM") can't be set now, or "": it would make today
    the day before, and the calendar's today already has an entry, which every screen and
    command would then hide as a day that hasn't happened yet."""
    import os

    from fatiguelog import dates, paths

    start = parse_day_start(value)
    new_today = dates.today(start, now)
    calendar = now.date()
    if new_today >= calendar or not os.path.lexists(paths.entry_path(root, calendar)):
        return ""
    return (
        f"with a day starting at {value}, it would still be {new_today:%a %d %b} at "
        f"{now:%H:%M}, and {calendar:%a %d %b}'s entry would be hidden. Choose "
        f"{now:%H:%M} or earlier (or set {value} after {value})."
    )


def tracker_words(tracker: Tracker) -> str:
    """A tracker as the check-in asks it: the question the vocabulary makes of it."""
    question = tracker_question(tracker)
    asked = "asked" if question.asked else "not asked (off)"
    return f"{question.label} · {question.kind_words} · {asked}"


class SettingsScreen(Screen[None]):
    """Each line is an `Option` whose id says what Enter does with it."""

    CSS_PATH = str(Path(__file__).parent.parent / "settings.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("space", "switch", "On/off"),
        Binding("x", "remove", "Remove"),
        Binding("shift+up", "move(-1)", "Move up", key_display="shift+↑"),
        Binding("shift+down", "move(1)", "Move down", key_display="shift+↓"),
    ]

    #: The line highlighted when a mouse button went down on the list (None: no click on
    #: the way). A click on another line only picks it, as on home; a click on the line
    #: already picked changes it (a single click switched a step at once).
    _before_click: int | None = None

    def compose(self) -> ComposeResult:
        yield Line("Settings (each change is saved at once)", id="settings-title")
        yield Note(id="settings-problem", classes="error")
        yield OptionList(id="settings-list")
        # Under the list, not above it: a message appearing must not move the lines under
        # the mouse (a second click at the same spot hit the line below).
        yield Note(id="settings-message", classes="message")
        yield Line(HINT, classes="hint", id="settings-hint")
        yield Footer()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        listing = self.query_one(OptionList)
        try:
            under = self.get_widget_at(event.screen_x, event.screen_y)[0]
        except Exception:  # (outside the screen)
            under = None
        self._before_click = listing.highlighted if under is listing else None

    def on_key(self) -> None:
        self._before_click = None

    def on_mount(self) -> None:
        app = diary(self)
        self.show()
        self.query_one(OptionList).focus()
        app.theme_changed_signal.subscribe(self, lambda _theme: self.show())

    def help_lines(self) -> list[str]:
        path = diary(self).root / "settings.toml"
        return [
            f"Your settings are kept in {path}, with your comments.",
            "Enter changes the line picked (a switch, or a small form).",
            "space switches a step or one of your questions on and off.",
            "shift+up / shift+down ask one of your questions earlier or later.",
            "x removes a substance (it asks first). Esc goes back.",
            "Symptoms, bowel movements and red flags are always asked: the flags need them.",
        ]

    # -- the lines ----------------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        return diary(self).settings

    def rows(self) -> list[Option]:
        s = self.settings
        start = s.day_starts_at
        rows = [
            Option(Content("General"), disabled=True),
            Option(Content(self._theme_line(s)), id="theme"),
            Option(
                Content(
                    f"  A new day starts at {start:%H:%M}"
                    + (" (midnight)" if start == MIDNIGHT else "")
                ),
                id="day-start",
            ),
            Option(
                Content(
                    "  Birth year: "
                    + (
                        str(s.birth_year)
                        if s.birth_year
                        else "not given (used only for the 50+ alarm)"
                    )
                ),
                id="birth-year",
            ),
            Option(Content("Check-in steps you can switch off"), disabled=True),
        ]
        for step, words in STEP_WORDS.items():
            asked = s.asks(step)
            rows.append(
                Option(
                    Content(
                        f"  [{'X' if asked else ' '}] {words}: {'asked' if asked else 'not asked'}"
                    ),
                    id=f"step-{step}",
                )
            )
        rows.append(Option(Content("Your substances"), disabled=True))
        for i, sub in enumerate(s.substances):
            klass = s.substance_class(sub.name)
            source = "yours" if sub.klass else "built-in table"
            said = class_words(klass) + (f" ({source})" if klass else "")
            rows.append(Option(_safe(f"  {sub.name} · {sub.unit} · {said}"), id=f"substance-{i}"))
        rows.append(Option(Content("  + Add a substance"), id="add-substance"))
        rows.append(Option(Content("Your own questions (asked after the symptoms)"), disabled=True))
        for i, tracker in enumerate(s.trackers):
            rows.append(Option(_safe(f"  {i + 1}. {tracker_words(tracker)}"), id=f"tracker-{i}"))
        rows.append(Option(Content("  + Add a question of your own"), id="add-tracker"))
        return rows

    def _theme_line(self, s: Settings) -> str:
        from fatiguelog.ui.app import THEMES

        now = next((name for name, theme in THEMES.items() if theme == self.app.theme), s.theme)
        if now != s.theme:  # switched, but the file could not be changed
            return f"  Theme: {now} for now (settings.toml still says {s.theme}: not saved)"
        return f"  Theme: {s.theme} (Enter or ctrl+t switches)"

    def blocked(self) -> str:
        """Why no change can be written (said at the top, before any form opens), or ""."""
        app = diary(self)
        path = app.root / "settings.toml"
        if path.is_symlink():
            return (
                "settings.toml is a link (a dotfile manager's?): fatiguelog reads it but "
                "never writes through a link, so nothing here can change it. Edit the "
                "file it points to by hand, or put the file itself in its place."
            )
        problems = app.settings_problems
        if problems:
            return (
                f"settings.toml has a problem: {problems[0]}. It is left as it is and "
                "nothing here can change it until it is fixed by hand ('fatiguelog "
                "check' lists every problem)."
            )
        return ""

    def refuse_if_blocked(self) -> bool:
        """True (and said) when a change can't be written: no form opens for nothing."""
        why = self.blocked()
        if why:
            self.say("Not changed: " + why.split(":", 1)[0] + " (see the top line).")
        return bool(why)

    def show(self) -> None:
        """Draw the lines from the app's settings, keeping the line picked."""
        if not self.is_attached:
            return
        self.query_one("#settings-problem", Note).say(self.blocked())
        listing = self.query_one(OptionList)
        picked = listing.highlighted
        listing.set_options(self.rows())
        if (
            picked is None
            or listing.get_option_at_index(min(picked, listing.option_count - 1)).disabled
        ):
            listing.action_first()
        else:
            listing.highlighted = min(picked, listing.option_count - 1)
        self.refresh_bindings()

    def say(self, message: str) -> None:
        self.query_one("#settings-message", Note).say(message)

    def picked(self) -> str:
        option = self.query_one(OptionList).highlighted_option
        return option.id or "" if option is not None else ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        picked = self.picked() if self.query(OptionList) else ""
        if action == "switch":
            return picked.startswith(("step-", "tracker-"))
        if action == "remove":
            return picked.startswith("substance-")
        if action == "move":
            return picked.startswith("tracker-")
        return True

    def on_option_list_option_highlighted(self) -> None:
        self.refresh_bindings()

    # -- changing one thing -------------------------------------------------------------------
    def change(self, done: str, edit: Callable[[Path], object]) -> None:
        """Write one change; say what changed, or why nothing did."""
        app = diary(self)
        try:
            edit(app.root)
        except StoreError as exc:  # (the file is named, not its whole path: one line)
            said = str(exc).replace(str(app.root / "settings.toml"), "settings.toml")
            self.say(f"Not changed: {said}")
            return
        app.reload_settings()
        self.say(done)
        self.show()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        before, self._before_click = self._before_click, None
        if before is not None and before != event.option_index:
            return  # a click on another line: it is picked now; a second click changes it
        picked = event.option.id or ""
        if picked != "theme" and self.refuse_if_blocked():
            return
        if picked == "theme":
            diary(self).action_toggle_theme()
            line = self._theme_line(self.settings).strip()
            self.say(
                f"{line.split(' (')[0]}."
                if "not saved" not in line
                else f"{line.split(' (')[0]}: settings.toml was not changed (see the top line)."
            )
        elif picked == "day-start":
            self._ask_day_start()
        elif picked == "birth-year":
            self._ask_birth_year()
        elif picked.startswith("step-"):
            self.action_switch()
        elif picked == "add-substance" or picked.startswith("substance-"):
            self._ask_substance(picked)
        elif picked == "add-tracker" or picked.startswith("tracker-"):
            self._ask_tracker(picked)

    def _ask_day_start(self) -> None:
        from fatiguelog.ui.screens.settings_forms import ValueForm

        def chosen(result: tuple[str] | None) -> None:
            if result is None:
                return
            value = result[0]
            if value == "00:00" and self.settings.day_starts_at == MIDNIGHT:
                return
            hidden = day_start_hides(diary(self).root, value, diary(self).now())
            if hidden:
                self.say(f"Not changed: {hidden}")
                return
            self.change(
                f"A new day now starts at {value}: a check-in before {value} is for "
                "the day before.",
                lambda root: settings_edit.set_value(root, "day_starts_at", value),
            )

        # (no max_length: a longer time, 23:59:59, is refused in words, not cut silently)
        self.app.push_screen(
            ValueForm(
                "When does your day start? (HH:MM)",
                f"{self.settings.day_starts_at:%H:%M}",
                "A check-in before this time is for the day before: 04:00 for a late night.",
                parse_day_start_text,
                restrict=r"[0-9:]*",
            ),
            chosen,
        )

    def _ask_birth_year(self) -> None:
        from fatiguelog.ui.screens.settings_forms import ValueForm

        this_year = diary(self).today.year

        def chosen(result: tuple[int | None] | None) -> None:
            if result is None:
                return
            year = result[0]
            said = f"Birth year: {year}." if year else "Birth year cleared."
            self.change(said, lambda root: settings_edit.set_value(root, "birth_year", year))

        current = self.settings.birth_year
        self.app.push_screen(
            ValueForm(
                "Your birth year (optional)",
                str(current) if current else "",
                "Used only for the alarm about a change in bowel habit at 50 or over. Empty "
                "clears it.",
                lambda text: parse_birth_year(text, this_year),
                restrict=r"[0-9]*",
                max_length=4,
            ),
            chosen,
        )

    def _ask_substance(self, picked: str) -> None:
        from fatiguelog.ui.screens.settings_forms import SubstanceForm

        current = (
            None
            if picked == "add-substance"
            else self.settings.substances[int(picked.removeprefix("substance-"))]
        )
        taken = {s.name.casefold() for s in self.settings.substances}

        def chosen(result: dict[str, Any] | None) -> None:
            if result is None:
                return
            if result.get("remove") and current is not None:
                self._confirm_remove(current.name)
                return
            name, unit, klass = result["name"], result["unit"], result["klass"]
            table = builtin_class(name)
            said = f"{name}: {unit}, " + (
                klass if klass else f"class from the built-in table ({class_words(table)})"
            )
            if klass and table and klass != table:
                said += f" (the built-in table says {table}: yours is used)"
            said += "."
            if current is None:
                self.change(
                    f"Added {said}",
                    lambda root: settings_edit.add_substance(root, name, unit, klass),
                )
            else:
                self.change(
                    f"Changed {said}",
                    lambda root: settings_edit.change_substance(root, name, unit=unit, klass=klass),
                )

        self.app.push_screen(SubstanceForm(current, taken), chosen)

    def _ask_tracker(self, picked: str) -> None:
        from fatiguelog.ui.screens.settings_forms import TrackerForm

        current = (
            None
            if picked == "add-tracker"
            else self.settings.trackers[int(picked.removeprefix("tracker-"))]
        )
        taken = {t.key for t in self.settings.trackers}

        def chosen(result: dict[str, Any] | None) -> None:
            if result is None:
                return
            if "tracker" in result:
                tracker: Tracker = result["tracker"]
                self.change(
                    f"Added your question: {tracker.label}. It is asked after the symptoms.",
                    lambda root: settings_edit.add_tracker(root, tracker),
                )
                self._pick(f"tracker-{len(self.settings.trackers) - 1}")
            elif current is not None and "move" in result:
                self.action_move(result["move"])
            elif current is not None and result:
                self.change(
                    f"Saved: {result.get('label', current.label)}.",
                    lambda root: settings_edit.change_tracker(root, current.key, **result),
                )

        self.app.push_screen(TrackerForm(current, taken, settings_edit.new_tracker_key), chosen)

    def _pick(self, option_id: str) -> None:
        listing = self.query_one(OptionList)
        try:
            listing.highlighted = listing.get_option_index(option_id)
        except Exception:  # (gone meanwhile: the line picked stays)
            return

    def _confirm_remove(self, name: str) -> None:
        from fatiguelog.ui.screens.dialogs import ConfirmDialog

        def chosen(sure: bool | None) -> None:
            if sure:
                self.change(
                    f"Removed {name} from your substances (your past doses of it are kept).",
                    lambda root: settings_edit.remove_substance(root, name),
                )

        self.app.push_screen(
            ConfirmDialog(
                f"Remove {strip_controls(name, one_line=True)} from your substances? The doses "
                "you recorded are kept; the app no longer suggests it.",
                yes="Remove it",
                no="Keep it",
            ),
            chosen,
        )

    # -- keys ---------------------------------------------------------------------------------
    def action_back(self) -> None:
        self.dismiss(None)

    def action_switch(self) -> None:
        picked = self.picked()
        if picked.startswith(("step-", "tracker-")) and self.refuse_if_blocked():
            return
        if picked.startswith("step-"):
            step = picked.removeprefix("step-")
            asked = not self.settings.asks(step)
            words = STEP_WORDS[step].split(" (")[0]
            self.change(
                f"{words} is {'asked' if asked else 'no longer asked'} in the check-in.",
                lambda root: settings_edit.set_step(root, step, asked),
            )
        elif picked.startswith("tracker-"):
            tracker = self.settings.trackers[int(picked.removeprefix("tracker-"))]
            ask = not tracker.ask
            self.change(
                f"{tracker.label}: {'asked' if ask else 'no longer asked'} (its past "
                "answers stay).",
                lambda root: settings_edit.change_tracker(root, tracker.key, ask=ask),
            )

    def action_remove(self) -> None:
        picked = self.picked()
        if picked.startswith("substance-") and not self.refuse_if_blocked():
            self._confirm_remove(
                self.settings.substances[int(picked.removeprefix("substance-"))].name
            )

    def action_move(self, step: int) -> None:
        picked = self.picked()
        if not picked.startswith("tracker-") or self.refuse_if_blocked():
            return
        index = int(picked.removeprefix("tracker-"))
        trackers = self.settings.trackers
        if not 0 <= index + step < len(trackers):
            self.say(f"{trackers[index].label} is already {'first' if step < 0 else 'last'}.")
            return
        tracker = trackers[index]
        self.change(
            f"{tracker.label} is now asked "
            f"{'before' if step < 0 else 'after'} {trackers[index + step].label}.",
            lambda root: settings_edit.move_tracker(root, tracker.key, step),
        )
        self._pick(f"tracker-{index + step}")


__all__ = ["SettingsScreen"]
