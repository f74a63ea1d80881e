"""Small modal dialogs: resume a draft, pick a day, add or change a dose or a bowel movement,
confirm something that would lose answers.

Enter confirms and Esc cancels in every one of them, like the check-in itself; `y` is yes and
`n` is no wherever a question is asked. Each has its own footer, so the keys shown are the
dialog's (the screen behind gets none of them).
"""

from __future__ import annotations

from datetime import date, time
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Footer, Input, RadioButton, RadioSet

from fatiguelog import records
from fatiguelog.dates import DateError, parse_past_day
from fatiguelog.drafts import Draft
from fatiguelog.model import BRISTOL, STOOL_FLAGS, UNITS
from fatiguelog.records import InputError, number_text
from fatiguelog.settings import Settings
from fatiguelog.textsafe import for_input
from fatiguelog.ui.widgets.choices import MarkedCheckbox, MarkedRadioButton
from fatiguelog.ui.widgets.fields import TextField, ValueField
from fatiguelog.ui.widgets.lines import Line, Note
from fatiguelog.wording import plural


def _button(label: str, button_id: str) -> Button:
    return Button(label, id=button_id, compact=True)


#: `?` (where it can't be typed into the box) and F1 open the help on every dialog: the
#: dialog's own keys, since the screen behind gets none of them.
HELP = Binding("f1,question_mark", "app.help", "Help", key_display="?")


def suggested(typed: str, options: list[str] | tuple[str, ...]) -> str:
    """The suggestion a box shows for `typed` (the first option it starts, case aside, as
    `SuggestFromList(case_sensitive=False)` picks it), or `typed` itself when there is none:
    Enter takes what the user sees."""
    if typed:
        for option in options:
            if option.casefold().startswith(typed.casefold()):
                return option
    return typed


def _row(label: str, field: Input) -> ComposeResult:
    with Horizontal(classes="row"):
        yield Line(label, classes="field-label")
        yield field


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question before anything is lost: y (or Enter on "yes") does it, n or Esc
    doesn't. The safe answer is the default: Enter alone says no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
        Binding("enter", "answer(False)", "No", show=False, priority=True),
        HELP,
    ]

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Line(self.question, classes="dialog-title")
            with Horizontal(classes="buttons"):
                yield _button(f"y {self.yes}", "yes")
                yield _button(f"n {self.no}", "no")
        yield Footer()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _clicked(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class ResumeDialog(ModalScreen[str | None]):
    """Offer the unfinished check-in found on disk: resume, start over (asks first), or not
    now. `n` means "not now" here as everywhere; dropping answers is `x`, and confirmed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r,y,enter", "choose('resume')", "Resume", priority=True),
        Binding("n,escape", "choose(None)", "Not now"),
        Binding("x", "start_over", "Start over"),
        HELP,
    ]

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        self.draft = draft

    def compose(self) -> ComposeResult:
        when = f", last changed at {self.draft.saved:%H:%M}" if self.draft.saved else ""
        count = len(self.draft.answers)
        with Vertical(classes="dialog"):
            yield Line(
                f"You have an unfinished check-in for {self.draft.day:%a %d %b %Y}"
                f"{when}, with {plural(count, 'answer')}.",
                classes="dialog-title",
            )
            yield Line(
                "Resume it where you left off? (Start over drops its answers: it asks first.)"
            )
            with Horizontal(classes="buttons"):
                yield _button("r Resume", "resume")
                yield _button("n Not now", "cancel")
                yield _button("x Start over", "discard")
        yield Footer()

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)

    def action_start_over(self) -> None:
        count = len(self.draft.answers)

        def chosen(sure: bool | None) -> None:
            if sure:
                self.dismiss("discard")

        self.app.push_screen(
            ConfirmDialog(
                f"Drop the {plural(count, 'answer')} of this unfinished check-in and start over?",
                yes="Drop them, start over",
                no="Keep them",
            ),
            chosen,
        )

    @on(Button.Pressed)
    def _clicked(self, event: Button.Pressed) -> None:
        if event.button.id == "discard":
            self.action_start_over()
        else:
            self.dismiss(None if event.button.id == "cancel" else event.button.id)


class DayPicker(ModalScreen[date | None]):
    """Type any past day to backfill or edit it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "pick", "Open", priority=True),
        Binding("escape", "dismiss(None)", "Cancel"),
        HELP,
    ]

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Line(
                "Which day? Type a date (YYYY-MM-DD), 'yesterday', or -3d for three days ago.",
                classes="dialog-title",
            )
            yield ValueField(placeholder="e.g. yesterday", id="day")
            yield Note(id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield _button("Enter Open", "open")
                yield _button("Esc Cancel", "cancel")
        yield Footer()

    def action_pick(self) -> None:
        text = self.query_one("#day", Input).value
        try:
            day = parse_past_day(text, today=self.today)
        except DateError as exc:
            self.query_one("#error", Line).say(str(exc))
            return
        self.dismiss(day)

    @on(Button.Pressed)
    def _clicked(self, event: Button.Pressed) -> None:
        if event.button.id == "open":
            self.action_pick()
        else:
            self.dismiss(None)


class DoseForm(ModalScreen[dict | None]):
    """One dose: substance (from settings or typed), amount, unit, optional form and time.

    Enter in the substance box takes the suggestion shown (filling in its usual unit) and
    goes on to the amount; Enter anywhere else saves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "enter", "Save", priority=True),
        Binding("escape", "dismiss(None)", "Cancel"),
        HELP,
    ]

    def __init__(self, current: dict | None, settings: Settings) -> None:
        super().__init__()
        self.current = current
        self.settings = settings

    def compose(self) -> ComposeResult:
        dose = self.current or {}
        names = self.names()
        when = dose.get("time")
        with Vertical(classes="dialog form"):
            yield Line("Change this dose" if self.current else "Add a dose", classes="dialog-title")
            yield from _row(
                "Substance",
                TextField(
                    str(dose.get("substance", "")),
                    id="substance",
                    compact=True,
                    suggester=SuggestFromList(names, case_sensitive=False),
                ),
            )
            yield Line(
                f"Yours: {', '.join(names) or 'none yet'} (right arrow or Enter takes a "
                "suggestion)",
                classes="field-help",
            )
            amount = dose.get("amount")
            yield from _row(
                "Amount",
                ValueField(
                    number_text(amount) if isinstance(amount, int | float) else "",
                    id="amount",
                    compact=True,
                ),
            )
            yield from _row(
                "Unit",
                TextField(
                    str(dose.get("unit", "")),
                    id="unit",
                    compact=True,
                    suggester=SuggestFromList(UNITS, case_sensitive=False),
                ),
            )
            yield Line(", ".join(UNITS), classes="field-help")
            yield from _row(
                "Form",
                TextField(
                    str(dose.get("form", "")), id="form", compact=True, placeholder="optional"
                ),
            )
            yield from _row(
                "Time HH:MM",
                ValueField(
                    when.strftime("%H:%M") if isinstance(when, time) else "",
                    id="time",
                    compact=True,
                    placeholder="optional",
                ),
            )
            yield Note(id="error", classes="error")
            yield Line(
                "Enter in Substance takes the suggestion and goes on to Amount; Enter "
                "elsewhere saves. Tab moves between fields, Esc cancels.",
                classes="hint",
            )
        yield Footer()

    @on(Input.Changed, "#substance")
    def _fill_unit(self, event: Input.Changed) -> None:
        known = self.settings.substance(event.value)
        unit = self.query_one("#unit", Input)
        if known is not None and not unit.value:
            unit.value = known.unit

    def names(self) -> list[str]:
        return [for_input(s.name) for s in self.settings.substances]

    def help_lines(self) -> list[str]:
        """For the help screen: how the form is filled in."""
        return [line.text for line in self.query(".hint").results(Line)]

    def action_enter(self) -> None:
        """Enter: in the substance box, take what it shows and go on to the amount."""
        field = self.query_one("#substance", Input)
        if self.focused is field:
            field.value = suggested(field.value, self.names())
            field.cursor_position = len(field.value)
            self.query_one("#amount", Input).focus()
            return
        self.action_save()

    def action_save(self) -> None:
        values = {
            key: self.query_one(f"#{key}", Input).value
            for key in ("substance", "amount", "unit", "form", "time")
        }
        values["substance"] = suggested(values["substance"], self.names())
        values["unit"] = suggested(values["unit"], UNITS)
        untouched = self.current is not None and values["substance"] == for_input(
            str(self.current.get("substance", ""))
        )
        known = None if untouched else self.settings.substance(values["substance"])
        if known is not None:
            values["substance"] = known.name  # one spelling, so trends add up
            values["unit"] = values["unit"] or known.unit
        try:
            dose = records.make_dose(
                values["substance"],
                values["amount"],
                values["unit"].strip().lower(),
                values["form"],
                values["time"],
                keep=self.current,
            )
        except InputError as exc:
            self.query_one("#error", Line).say(str(exc))
            return
        self.dismiss(dose)


class StoolForm(ModalScreen[dict | None]):
    """One bowel movement: Bristol type (all seven in words), how it went, optional time."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "save", "Save", priority=True),
        Binding("escape", "dismiss(None)", "Cancel"),
        *(Binding(str(n), f"bristol({n})", show=False) for n in range(1, 8)),
        Binding("s", "flag('straining')", show=False),
        Binding("i", "flag('incomplete')", show=False),
        Binding("b", "flag('blockage')", show=False),
        Binding("m", "flag('manual')", show=False),
        HELP,
    ]
    KEYS: ClassVar[dict[str, str]] = {
        "straining": "s",
        "incomplete": "i",
        "blockage": "b",
        "manual": "m",
    }

    def __init__(self, current: dict | None) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        stool = self.current or {}
        when = stool.get("time")
        with Vertical(classes="dialog form"):
            yield Line(
                ("Change this bowel movement" if self.current else "Add a bowel movement")
                + ": press 1-7 for its Bristol type",
                classes="dialog-title",
            )
            with RadioSet(id="bristol", compact=True):
                for n in BRISTOL:
                    yield MarkedRadioButton(
                        self._type_label(n, stool.get("bristol") == n),
                        stool.get("bristol") == n,
                        id=f"type-{n}",
                        compact=True,
                    )
            for flag in STOOL_FLAGS:
                box = MarkedCheckbox(
                    self._flag_label(flag, stool.get(flag) is True),
                    stool.get(flag) is True,
                    id=f"flag-{flag}",
                    compact=True,
                )
                box.can_focus = False
                yield box
            yield from _row(
                "Time HH:MM",
                ValueField(
                    when.strftime("%H:%M") if isinstance(when, time) else "",
                    id="time",
                    compact=True,
                    placeholder="optional",
                ),
            )
            yield Note(id="error", classes="error")
            yield Line("Enter saves, Esc cancels. Tab reaches the time.", classes="hint")
        yield Footer()

    def help_lines(self) -> list[str]:
        """For the help screen: the keys the footer leaves out."""
        flags = ", ".join(f"{key} {STOOL_FLAGS[flag].lower()}" for flag, key in self.KEYS.items())
        return [
            "1-7: the Bristol type (each described in words in the list).",
            f"{flags}: each says yes or no (press again to undo).",
            *(line.text for line in self.query(".hint").results(Line)),
        ]

    def _type_label(self, n: int, chosen: bool) -> Content:
        return Content(f"{n}  {BRISTOL[n]}" + ("  <- chosen" if chosen else ""))

    def _flag_label(self, flag: str, checked: bool) -> Content:
        return Content(f"{self.KEYS[flag]}  {STOOL_FLAGS[flag]}: {'yes' if checked else 'no'}")

    @on(RadioSet.Changed)
    def _chosen(self) -> None:
        for n in BRISTOL:
            button = self.query_one(f"#type-{n}", RadioButton)
            button.label = self._type_label(n, button.value)

    @on(Checkbox.Changed)
    def _checked(self, event: Checkbox.Changed) -> None:
        flag = str(event.checkbox.id).removeprefix("flag-")
        event.checkbox.label = self._flag_label(flag, event.value)

    def on_mount(self) -> None:
        self.query_one("#bristol", RadioSet).focus()

    def action_bristol(self, n: int) -> None:
        self.query_one(f"#type-{n}", RadioButton).value = True

    def action_flag(self, flag: str) -> None:
        self.query_one(f"#flag-{flag}", Checkbox).toggle()

    def chosen(self) -> int | None:
        pressed = self.query_one("#bristol", RadioSet).pressed_button
        return int(str(pressed.id).removeprefix("type-")) if pressed else None

    def action_save(self) -> None:
        bristol = self.chosen()
        if bristol is None:
            self.query_one("#error", Line).say("Pick a Bristol type first: press 1-7.")
            return
        flags = {flag: self.query_one(f"#flag-{flag}", Checkbox).value for flag in STOOL_FLAGS}
        try:
            stool = records.make_stool(
                bristol, flags, self.query_one("#time", Input).value, keep=self.current
            )
        except InputError as exc:
            self.query_one("#error", Line).say(str(exc))
            return
        self.dismiss(stool)


__all__: list[Any] = ["ConfirmDialog", "DayPicker", "DoseForm", "ResumeDialog", "StoolForm"]
