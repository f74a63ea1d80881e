"""One widget per kind of check-in question. Each shows one question and knows its answer.

A view posts `Answered` whenever the user changes something, so the draft on disk follows every
keystroke that matters; `value()` gives the answer in the shape `fatiguelog.checkin` expects.
A list step that needs a form (a dose, a bowel movement) posts `ItemsView.FormWanted`: dialogs
are screens, so the screen that shows the step opens the form and hands the result back (a
widget never imports a screen).

A view the user has not changed (`touched` is False) gives no answer of this check-in: Enter
on it leaves the step as the file has it, so walking through with Enter never writes an answer
the user did not give (an empty dose list is not "nothing taken", unticked red flags are not
"none of these": `n` says those).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, TextArea

from fatiguelog import checkin
from fatiguelog.checkin import (
    IntakeStep,
    NotesStep,
    NumberStep,
    RatingStep,
    RedFlagsStep,
    ReviewStep,
    Step,
    StoolsStep,
    YesNoStep,
)
from fatiguelog.model import BRISTOL, RED_FLAGS, red_advice
from fatiguelog.records import InputError, number_text
from fatiguelog.textsafe import as_edited, strip_controls
from fatiguelog.ui.widgets.choices import MarkedCheckbox, MarkedOptionList
from fatiguelog.ui.widgets.fields import NumberField, show_choice
from fatiguelog.ui.widgets.lines import Line, Note, safe
from fatiguelog.wording import plural


# (here, not in `fields`: TextArea costs home's first frame ~10 ms, and only the check-in's
# notes step uses it)
class NotesArea(TextArea):
    """A note over several lines. Enter is the check-in's "go on", so a new line is ctrl+j
    (or shift+enter where the terminal tells it apart); Tab types a tab; a paste keeps its
    lines and tabs and loses only control characters (a pasted escape sequence must not
    reach the terminal)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+j,shift+enter", "new_line", "New line", key_display="ctrl+j"),
    ]

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        # Tab types a tab (Esc stays the check-in's "back": its binding comes first).
        super().__init__(
            strip_controls(text),
            soft_wrap=True,
            show_line_numbers=False,
            highlight_cursor_line=False,
            tab_behavior="indent",
            **kwargs,
        )
        self.indent_type = "tabs"  # a tab typed or pasted stays a tab

    def on_mount(self) -> None:
        self.cursor_blink = getattr(self.app, "blink", True)

    def action_new_line(self) -> None:
        self.replace("\n", *self.selection)

    async def on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # instead of TextArea's own paste, which keeps controls
        event.stop()
        # Terminals send a pasted line break as CR (tmux, xterm): it is a new line here.
        text = strip_controls(event.text.replace("\r\n", "\n").replace("\r", "\n"))
        if text:
            result = self.replace(text, *self.selection)
            self.move_cursor(result.end_location)


class StepView(Widget, can_focus=True):
    """Base: a step's question body. Each subclass says which kind of step it draws
    (`draws`); `view_for` picks the view of a step by its class."""

    #: The kind of step (a `checkin.Step` class) this view draws.
    draws: ClassVar[type[Step]] = Step

    class Answered(Message):
        def __init__(self, view: StepView) -> None:
            super().__init__()
            self.view = view
            self.step = view.step  # (the view may have moved on to another step since)

    def __init__(self, step: Step, value: Any, *, day_word: str = "today", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.step = step
        self.initial = value
        self.day_word = day_word  # "today", or "that day" when backfilling
        #: The user changed something on this step since it was shown: only then is what it
        #: shows this check-in's answer (Enter on an untouched step writes nothing).
        self.touched = False

    def value(self) -> Any:
        """The answer now on screen; `InputError` when typed text can't be used."""
        return self.initial

    def changed(self) -> None:
        self.touched = True
        self.post_message(self.Answered(self))

    def show_problem(self, text: str) -> bool:
        """Say why what is typed can't be used, in the step itself; False when the step has
        no place for it (the screen says it instead)."""
        return False

    def focus_first(self) -> None:
        self.focus()

    def reuse(self, step: Step, value: Any, **extra: Any) -> bool:
        """Show another step of the same kind in this view, in place (no widget is built or
        mounted: moving between two ratings is then only a few lines redrawn); False when
        this view can't (the check-in builds a new one)."""
        return False

    def _reset(self, step: Step, value: Any, day_word: str = "today", **extra: Any) -> None:
        self.step = step
        self.initial = value
        self.day_word = day_word
        self.touched = False


def _button(label: str, action_id: str, *, classes: str = "") -> Button:
    button = Button(label, id=action_id, compact=True, classes=classes)
    button.can_focus = False  # keys go to the step; the mouse still clicks
    return button


class RatingView(StepView):
    """0-10, typed as you would write the number: digits go into a small buffer shown on
    screen, like a one-number box. "7" is 7, "1" then "0" is 10; what is not a whole number
    from 0 to 10 ("12", "35", "7,5", "10.5") is refused, shown as typed, and records nothing
    until Backspace corrects it. `t` is 10; a click or a paste works too.

    A "1" might be the start of "10", so it is shown as "Typing: 1_": the next "0" makes it
    10, Enter keeps 1. Nothing is timed: a slow typist gets the same answer as a fast one,
    and a second digit is never read as a new answer replacing the first ("3" then "5" is
    35, refused, never a silent 5).
    """

    draws = RatingStep
    step: RatingStep
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"type_key('{n}')", show=False) for n in range(10)),
        Binding("full_stop", "type_key('.')", show=False),
        Binding("comma", "type_key(',')", show=False),
        Binding("backspace", "correct", "Correct", show=False),
        Binding("t", "pick(10)", "10", show=False),
    ]
    #: Longer than any rating: what is typed beyond it is not a rating anyway.
    LONGEST = 6

    def __init__(self, step: Step, value: Any, **kwargs: Any) -> None:
        super().__init__(step, value, **kwargs)
        self.typed = ""  # the digits (and marks) typed since the step was shown or clicked

    def compose(self) -> ComposeResult:
        yield Line(self.step.scale, classes="scale")
        with Grid(classes="ratings"):
            for n in range(11):
                button = _button(str(n), f"rate-{n}", classes="rating")
                button.styles.line_pad = 0  # "[10]", the chosen answer, fills its 4 cells
                yield button
        yield Line(id="answer", classes="answer")
        yield Line(
            "Type 0 to 10 as you would write it (1 then 0 is 10; 35 is refused, "
            "Backspace corrects), or click. Enter goes on, s skips, Esc goes back.",
            classes="hint",
        )

    def on_mount(self) -> None:
        self._show()

    def reuse(self, step: Step, value: Any, **extra: Any) -> bool:
        if (
            type(self) is not RatingView
            or not isinstance(step, RatingStep)
            or set(extra) - {"day_word"}
        ):
            return False
        self._reset(step, value, **extra)
        self.typed = ""
        self.query_one(".scale", Line).say(step.scale)
        self._show()
        return True

    def on_resize(self, event: events.Resize) -> None:
        """As many answers on a row as fit (all 11 from 54 columns); the rest wrap below."""
        columns = max(1, min(11, (event.size.width + 1) // 5))
        self.query_one(".ratings", Grid).styles.grid_size_columns = columns

    def answer(self) -> int | None:
        """The rating on screen: what is typed when it is one, else the answer before typing
        (None when what is typed is refused)."""
        if not self.typed:
            return self.initial
        try:
            return self.step.parse(self.typed)
        except InputError:
            return None

    def value(self) -> Any:
        if self.typed:
            return self.step.parse(self.typed)
        return self.initial

    def _show(self) -> None:
        answer = self.answer()
        for n in range(11):
            show_choice(self.query_one(f"#rate-{n}", Button), str(n), answer == n)
        if self.typed == "1":
            text = "Typing: 1_  (0 now makes it 10; Enter keeps 1)"
        elif self.typed and answer is None:
            text = (
                f"Typed: {strip_controls(self.typed, one_line=True)}_ - not a rating: "
                "ratings go from 0 to 10, so nothing is recorded. Backspace corrects it."
            )
        elif answer is None:
            text = "Your answer: not given yet"
        else:
            text = f"Your answer: {answer} of 10"
        self.query_one("#answer", Line).say(text)

    def action_type_key(self, char: str) -> None:
        """A digit or a decimal mark, added to what is typed (as in a box)."""
        if len(self.typed) < self.LONGEST:
            self.typed += char
        self._show()
        self.changed()

    def action_correct(self) -> None:
        """Backspace: take back the last character typed."""
        if self.typed:
            self.typed = self.typed[:-1]
            self._show()
            self.changed()

    def action_pick(self, n: int) -> None:
        self.typed = ""
        self.initial = n
        self._show()
        self.changed()

    def show_problem(self, text: str) -> bool:
        self._show()  # the refusal is already said on the answer line
        return True

    def on_paste(self, event: events.Paste) -> None:
        """A pasted "7" or "10" is that answer; anything else is shown as typed, refused."""
        event.stop()
        text = strip_controls(event.text, one_line=True).strip()
        if text:
            self.typed = text[: self.LONGEST]
            self._show()
            self.changed()

    @on(Button.Pressed, ".rating")
    def _clicked(self, event: Button.Pressed) -> None:
        self.action_pick(int(str(event.button.id).removeprefix("rate-")))


class YesNoView(StepView):
    draws = YesNoStep
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "pick(True)", "Yes"),
        Binding("n", "pick(False)", "No"),
    ]

    def compose(self) -> ComposeResult:
        if self.step.help:
            yield Line(self.step.help, classes="scale")
        with Horizontal(classes="choices"):
            yield _button("y  Yes", "yes", classes="choice")
            yield _button("n  No", "no", classes="choice")
        yield Line(id="answer", classes="answer")
        yield Line(
            "Press y or n (or click). Enter goes on, s skips, Esc goes back.", classes="hint"
        )

    def on_mount(self) -> None:
        self._show()

    def reuse(self, step: Step, value: Any, **extra: Any) -> bool:
        help_lines = self.query(".scale")
        if (
            type(self) is not YesNoView
            or set(extra) - {"day_word"}
            or bool(step.help) != bool(help_lines)
        ):
            return False
        self._reset(step, value, **extra)
        if step.help:
            help_lines.first(Line).say(step.help)
        self._show()
        return True

    def _show(self) -> None:
        for button_id, label, answer in (("yes", "y  Yes", True), ("no", "n  No", False)):
            show_choice(self.query_one(f"#{button_id}", Button), label, self.initial is answer)
        said = {None: "not given yet", True: "yes", False: "no"}[self.initial]
        self.query_one("#answer", Line).say(f"Your answer: {said}")

    def action_pick(self, answer: bool) -> None:
        self.initial = answer
        self._show()
        self.changed()

    @on(Button.Pressed, ".choice")
    def _clicked(self, event: Button.Pressed) -> None:
        self.action_pick(event.button.id == "yes")


class NumberView(StepView):
    """A typed number; empty means no answer (Enter on empty skips). What can't be used as
    typed (a unit that isn't the box's, "1,500", out of range) is said under the box at once
    and is no answer at all: never the last number that could be read on the way."""

    draws = NumberStep
    step: NumberStep
    can_focus = False

    def compose(self) -> ComposeResult:
        yield Line(self.step.help, classes="scale")
        with Horizontal(classes="number-row"):
            yield NumberField(self.shown(), placeholder=self.step.example, id="number")
            yield Line(self.step.unit_label, classes="unit")
        yield Note(id="number-problem", classes="error")
        yield Line(
            "Type the number, then Enter. s skips (so does Enter on an empty box; "
            "once you have typed here, ctrl+s). Esc goes back.",
            classes="hint",
        )

    def shown(self) -> str:
        """The number the box starts with (the answer before, if any)."""
        return "" if self.initial is None else number_text(self.initial)

    def focus_first(self) -> None:
        self.query_one("#number", Input).focus()

    def value(self) -> Any:
        text = self.query_one("#number", Input).value
        return self.step.parse(text) if text.strip() else None

    def show_problem(self, text: str) -> bool:
        self.query_one("#number-problem", Note).say(text)
        return True

    @on(Input.Changed, "#number")
    def _typed(self, event: Input.Changed) -> None:
        if not self.touched and event.value == self.shown():
            return  # the box filled in with the answer before: nothing typed yet
        try:
            self.value()
        except InputError as exc:
            self.show_problem(str(exc))
        else:
            self.show_problem("")
        self.changed()


class NotesView(StepView):
    """Free text over several lines, every character kept: a pasted note keeps its lines and
    tabs, a note written by hand in the file is shown with its lines, and one passed through
    untouched is written back exactly as the file has it (see `textsafe.as_edited`)."""

    draws = NotesStep
    can_focus = False

    def compose(self) -> ComposeResult:
        yield Line(self.step.help, classes="scale")
        yield NotesArea(self.shown(), id="notes")
        yield Line(
            "Type or paste, then Enter to go on (ctrl+j starts a new line). An empty "
            "note adds nothing (ctrl+s skips). Esc goes back.",
            classes="hint",
        )

    def shown(self) -> str:
        """The note as the box shows it: the file's text without control characters."""
        return strip_controls(self.initial) if isinstance(self.initial, str) else ""

    def focus_first(self) -> None:
        area = self.query_one("#notes", NotesArea)
        area.focus()
        area.move_cursor(area.document.end)  # ready to add to the end of the note

    def value(self) -> Any:
        typed = self.query_one("#notes", NotesArea).text
        if isinstance(self.initial, str):
            return as_edited(self.initial, self.shown(), typed)
        text = strip_controls(typed)
        return text if text.strip() else None

    @on(TextArea.Changed, "#notes")
    def _typed(self) -> None:
        if not self.touched and self.query_one("#notes", NotesArea).text == self.shown():
            return  # the note before, loaded into the box: nothing typed yet
        self.changed()


class ItemsView(StepView):
    """A list the user edits with a (add), c (change) and x (remove); u undoes a removal or a
    change until the step is left (the footer shows it while there is something to undo)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", show=False),
        Binding("c", "change", "Change", show=False),
        Binding("x", "remove", "Remove", show=False),
        Binding("n", "none", "None today", show=False),
        Binding("u", "undo", "Undo"),
    ]
    can_focus = False
    #: What one item is called, for "Removed 1 bowel movement".
    NOUN = "item"

    class FormWanted(Message):
        """Add an item (`index` None) or change item `index` (now `current`): the screen
        showing the step opens the form for the step's kind and gives what it returns to
        `view.store_item(index, item)` (None, cancelled: nothing changes)."""

        def __init__(self, view: ItemsView, index: int | None) -> None:
            super().__init__()
            self.view = view
            self.step = view.step
            self.index = index
            self.current = None if index is None else dict(view.items[index])

    def __init__(self, step: Step, value: Any, **kwargs: Any) -> None:
        super().__init__(step, value, **kwargs)
        self.items: list[dict] = []
        self.undo_stack: list[tuple[Any, str]] = []  # (state before, what undo brings back)
        self.notice = ""  # said under the list until the next change

    def describe_item(self, item: dict) -> str:
        raise NotImplementedError

    def list_widget(self) -> MarkedOptionList:
        return self.query_one("#items", MarkedOptionList)

    def on_mount(self) -> None:
        self.refresh_items()

    def focus_first(self) -> None:
        self.list_widget().focus()

    def refresh_items(self) -> None:
        options = self.list_widget()
        highlighted = options.highlighted
        options.show(
            [
                safe(f"{i}. {self.describe_item(item)}", one_line=True)
                for i, item in enumerate(self.items, 1)
            ]
        )
        if self.items:
            options.highlighted = min(highlighted or 0, len(self.items) - 1)
        self.show_status()

    def show_status(self) -> None:
        pass

    def status_text(self, text: str) -> str:
        return f"{text} {self.notice}" if self.notice else text

    def selected(self) -> int | None:
        index = self.list_widget().highlighted
        return index if self.items and index is not None else None

    # -- undo ------------------------------------------------------------------------------
    def state(self) -> Any:
        """Everything an undo restores (subclasses add their own answers)."""
        return [dict(item) for item in self.items]

    def restore(self, state: Any) -> None:
        self.items = state

    def remember(self, undoes: str) -> None:
        """Keep the state before a change that loses something, for `u`."""
        self.undo_stack.append((self.state(), undoes))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return bool(self.undo_stack)  # shown in the footer only when there is something
        return True

    def action_undo(self) -> None:
        if not self.undo_stack:
            return
        state, undoes = self.undo_stack.pop()
        self.restore(state)
        self.refresh_bindings()
        self.after_edit(notice=f"Undone: {undoes}.")

    # -- editing ---------------------------------------------------------------------------
    def action_add(self) -> None:
        self.edit_item(None)

    def action_change(self) -> None:
        index = self.selected()
        if index is None:
            self.app.notify("Nothing to change yet: press a to add one.", markup=False)
        else:
            self.edit_item(index)

    def action_remove(self) -> None:
        index = self.selected()
        if index is not None:
            said = self.describe_item(self.items[index])
            self.remember(f"{said} is back")
            del self.items[index]
            self.after_edit(notice=f"Removed: {said}. u puts it back.")

    def after_edit(self, notice: str = "") -> None:
        self.notice = notice
        self.refresh_items()
        self.changed()

    def store_item(self, index: int | None, item: dict | None) -> None:
        if item is None:
            return
        if index is None:
            self.items.append(item)
            self.after_edit()
        else:
            said = self.describe_item(self.items[index])
            self.remember(f"{said} as it was")
            self.items[index] = item
            self.after_edit(notice="Changed. u undoes it.")
        self.list_widget().highlighted = self.items.index(item)

    def edit_item(self, index: int | None) -> None:
        """Ask for the form that adds (`index` None) or changes an item."""
        self.post_message(self.FormWanted(self, index))

    @on(Button.Pressed, ".tool")
    async def _clicked(self, event: Button.Pressed) -> None:
        await self.run_action(str(event.button.id).removeprefix("do-"))


class IntakeView(ItemsView):
    """The day's doses. An earlier day's doses may be offered: they are no answer until the
    user takes them (`y`) or changes the list; `n` says nothing was taken."""

    draws = IntakeStep
    BINDINGS: ClassVar[list[BindingType]] = [
        *ItemsView.BINDINGS,
        Binding("y", "take", "Take these", show=False),
    ]

    def __init__(self, step: Step, value: Any, source: str = "", **kwargs: Any) -> None:
        super().__init__(step, value, **kwargs)
        self.items = [dict(d) for d in (value or [])]
        self.source = source
        #: The doses listed are only offered (an earlier day's, `source` says which).
        self.offered = bool(source) and bool(self.items)
        #: The list is the day's own answer (the file's or this check-in's, not an offer):
        #: emptying it says that nothing was taken.
        self.own = value is not None and not self.offered
        #: "Nothing taken" is said (by `n`, or by the answer before: an empty list).
        self.nothing = value == []
        self._offer_back = False  # an undo brings the untouched offer back

    def describe_item(self, item: dict) -> str:
        return checkin.describe_dose(item)

    def compose(self) -> ComposeResult:
        yield Line(self.source or self.step.help, id="intake-source", classes="scale")
        yield MarkedOptionList(id="items", markup=False, compact=True)
        yield Line(id="items-status", classes="answer")
        with Horizontal(classes="tools"):
            yield _button("a Add", "do-add", classes="tool")
            yield _button("c Change", "do-change", classes="tool")
            yield _button("x Remove", "do-remove", classes="tool")
            yield _button(f"n Nothing {self.day_word}", "do-none", classes="tool")
            if self.offered:
                yield _button("y Take", "do-take", classes="tool")
        yield Line(
            "Up/down picks a dose. Enter goes on, s skips (keeping the list), Esc goes back.",
            classes="hint",
        )

    def show_status(self) -> None:
        doses = plural(len(self.items), "dose")
        if self.items and self.offered:
            text = f"{doses} offered, not recorded yet."
        elif self.items:
            text = f"{doses} listed."
        elif self.nothing:
            text = f"Nothing taken {self.day_word}."
        else:
            text = f"Nothing listed yet: a adds a dose, n says you took nothing {self.day_word}."
        self.query_one("#items-status", Line).say(self.status_text(text))
        for take in self.query("#do-take"):
            take.display = self.offered  # (taken, changed: nothing left to take)

    def value(self) -> Any:
        if self.offered:
            return None  # an offer is no answer until it is taken or changed
        if self.items:
            return [dict(d) for d in self.items]
        return [] if self.nothing else None

    def state(self) -> Any:
        return (super().state(), self.nothing, self.offered)

    def restore(self, state: Any) -> None:
        items, self.nothing, self._offer_back = state
        super().restore(items)

    def after_edit(self, notice: str = "") -> None:
        # Any change makes the list the day's answer; only an undo back to the untouched
        # offer makes it an offer again.
        self.offered, self._offer_back = self._offer_back, False
        if self.items:
            self.nothing = False
        elif self.own:
            self.nothing = True  # the day's own doses all removed: nothing taken
        super().after_edit(notice)

    def action_none(self) -> None:
        """Nothing taken: only on an empty list. `n` is "no" everywhere and never removes
        anything (as on the bowel-movement step); listed doses go one by one with x."""
        if self.items:
            self.app.notify(
                "Doses are listed: remove them first (x), then n says you took nothing.",
                markup=False,
            )
            return
        self.nothing = True
        self.after_edit()

    def action_take(self) -> None:
        """`y`: the doses listed (offered from an earlier day, or already the day's) are this
        day's answer."""
        if not self.items:
            self.app.notify("No dose is listed: a adds one, n says you took nothing.", markup=False)
            return
        self.offered = False
        self.own = True
        self.after_edit(notice=f"Recorded as {self.day_word}'s doses.")


class StoolsView(ItemsView):
    draws = StoolsStep
    BINDINGS: ClassVar[list[BindingType]] = [
        *ItemsView.BINDINGS,
        Binding("l", "laxative", "Laxative", show=False),
    ]

    def __init__(self, step: Step, value: Any, **kwargs: Any) -> None:
        super().__init__(step, value, **kwargs)
        value = value or {}
        self.items = [dict(s) for s in value.get("stools", [])]
        self.none_today: bool = bool(value.get("no_bowel_movement")) and not self.items
        self.laxative: bool | None = value.get("laxative")

    def describe_item(self, item: dict) -> str:
        bristol = item.get("bristol")
        words = BRISTOL.get(bristol, "") if isinstance(bristol, int) else ""
        said = checkin.describe_stool(item)
        return f"{said} - {words.lower()}" if words else said

    def compose(self) -> ComposeResult:
        yield Line(self.step.help, classes="scale")
        yield MarkedOptionList(id="items", markup=False, compact=True)
        yield Line(id="items-status", classes="answer")
        yield Line(id="laxative", classes="answer")
        with Horizontal(classes="tools"):
            yield _button("a Add", "do-add", classes="tool")
            yield _button("c Change", "do-change", classes="tool")
            yield _button("x Remove", "do-remove", classes="tool")
            yield _button(f"n None {self.day_word}", "do-none", classes="tool")
            yield _button("l Laxative", "do-laxative", classes="tool")
        yield Line(
            "Up/down picks one. Enter goes on, s skips (keeping the list), Esc goes back.",
            classes="hint",
        )

    def show_status(self) -> None:
        if self.items:
            text = f"{plural(len(self.items), 'bowel movement')} {self.day_word}."
        elif self.none_today:
            text = f"None {self.day_word} (no bowel movement)."
        else:
            text = f"Nothing recorded yet: a adds one, n says none {self.day_word}."
        self.query_one("#items-status", Line).say(self.status_text(text))
        said = {None: "not answered", True: "yes", False: "no"}[self.laxative]
        self.query_one("#laxative", Line).say(
            f"Laxative, enema or suppository {self.day_word}: {said} (l changes it)"
        )

    def value(self) -> Any:
        value: dict[str, Any] = {
            "stools": [dict(s) for s in self.items],
            "no_bowel_movement": self.none_today and not self.items,
        }
        if self.laxative is not None:
            value["laxative"] = self.laxative
        return value

    def after_edit(self, notice: str = "") -> None:
        if self.items:
            self.none_today = False
        super().after_edit(notice)

    def state(self) -> Any:
        return (super().state(), self.none_today, self.laxative)

    def restore(self, state: Any) -> None:
        items, self.none_today, self.laxative = state
        super().restore(items)

    def action_none(self) -> None:
        if self.items:
            self.app.notify("Bowel movements are listed: remove them first (x).", markup=False)
            return
        self.none_today = not self.none_today
        self.after_edit()

    def action_laxative(self) -> None:
        self.laxative = not self.laxative if self.laxative is not None else True
        self.after_edit()


class RedFlagsView(StepView):
    """Seven checkboxes (keys 1-7); any one checked shows the seek-care message at once.

    Unticked boxes are no answer until the user gives one: a box ticked (or unticked), or `n`
    for "none of these". Until then the boxes say neither yes nor no, and Enter writes
    nothing (a red flag the file has stays as it is)."""

    draws = RedFlagsStep

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(i), f"check({i})", show=False) for i in range(1, 8)),
        Binding("n", "none", "None of these", show=False),
    ]

    def __init__(self, step: Step, value: Any, **kwargs: Any) -> None:
        super().__init__(step, value, **kwargs)
        self.flags = {key: bool((value or {}).get(key)) for key in RED_FLAGS}
        #: An answer is on screen: the one before (the file's or this check-in's), a box
        #: changed, or `n`.
        self.answered = value is not None

    def compose(self) -> ComposeResult:
        yield Line(self.step.help, classes="scale")
        with Vertical(classes="flags"):
            for key in RED_FLAGS:
                box = MarkedCheckbox(
                    self._label(key), self.flags[key], id=f"flag-{key}", compact=True
                )
                box.can_focus = False
                yield box
        yield Line(id="flags-answer", classes="answer")
        yield Line("", id="seek-care")
        yield Line(
            "Press 1-7 to check or uncheck (or click), n for none of these. Enter goes "
            "on, s skips.",
            classes="hint",
        )

    def on_mount(self) -> None:
        self._show()

    def on_resize(self, event: events.Resize) -> None:
        self._show()

    def _label(self, key: str) -> Content:
        number = list(RED_FLAGS).index(key) + 1
        if not self.answered:
            return Content(f"{number}  {RED_FLAGS[key]}")
        return Content(f"{number}  {RED_FLAGS[key]}: {'YES' if self.flags[key] else 'no'}")

    def _show(self) -> None:
        line = self.query_one("#seek-care", Line)
        ticked = [key for key, on in self.flags.items() if on]
        answer = self.query_one("#flags-answer", Line)
        answer.display = not ticked  # (what is ticked, the boxes and the advice say)
        answer.say(
            "Your answer: none of these"
            if self.answered
            else "Your answer: not given yet (n: none of these)"
        )
        line.display = bool(ticked)
        # On a short terminal the advice needs the help line's rows (three kinds of advice
        # take 7 at 60 columns): the boxes already say what is ticked.
        self.query_one(".scale", Line).display = not ticked or self.app.size.height >= 24
        # The graded advice of flags.md v2 for what is ticked (bleeding: urgent GP or the
        # emergency number; weight loss alone: a GP soon), from the one source every view uses.
        line.say("\n".join(f"! {advice}" for advice in red_advice(ticked)))

    def action_check(self, number: int) -> None:
        """Check or uncheck red flag `number` (named so as not to shadow DOMNode.toggle)."""
        key = list(RED_FLAGS)[number - 1]
        self.query_one(f"#flag-{key}", Checkbox).toggle()

    def action_none(self) -> None:
        """`n`: none of these happened. Like `n` everywhere, it never unchecks anything."""
        if any(self.flags.values()):
            self.app.notify(
                "A red flag is checked: uncheck it first (its number), then n says none of these.",
                markup=False,
            )
            return
        self._answer()

    @on(Checkbox.Changed)
    def _changed(self, event: Checkbox.Changed) -> None:
        key = str(event.checkbox.id).removeprefix("flag-")
        self.flags[key] = event.value
        self._answer()

    def _answer(self) -> None:
        self.answered = True
        for key in RED_FLAGS:
            self.query_one(f"#flag-{key}", Checkbox).label = self._label(key)
        self._show()
        self.changed()

    def value(self) -> Any:
        return dict(self.flags) if self.answered else None


class ReviewView(StepView):
    """Every answer in words, with where it comes from, before saving."""

    draws = ReviewStep

    def __init__(self, step: Step, value: Any, rows: list[tuple[str, str]], **kwargs: Any):
        super().__init__(step, value, **kwargs)
        self.rows = rows

    def compose(self) -> ComposeResult:
        answered = [(label, said) for label, said in self.rows if said != "skipped"]
        skipped = [label for label, said in self.rows if said == "skipped"]
        with VerticalScroll(id="review"):
            for label, said in answered:
                yield Line(f"{label}: {said}", classes="review-row")
            if skipped:
                yield Line(
                    f"Skipped (nothing written): {', '.join(skipped)}", classes="review-row skipped"
                )
        yield Line(
            "Enter saves. Esc goes back to change something. Up/down scrolls.", classes="hint"
        )

    def focus_first(self) -> None:
        self.query_one("#review", VerticalScroll).focus()


#: The view of each kind of step (the steps themselves know nothing of Textual).
VIEWS: dict[type[Step], type[StepView]] = {
    view.draws: view
    for view in (
        RatingView,
        YesNoView,
        NumberView,
        NotesView,
        IntakeView,
        StoolsView,
        RedFlagsView,
        ReviewView,
    )
}


def view_for(step: Step, value: Any, **extra: Any) -> StepView:
    """The view that draws `step` (the nearest kind it is in `VIEWS`: a subclass of a step
    is drawn as its kind is)."""
    view = next(VIEWS[kind] for kind in type(step).__mro__ if kind in VIEWS)
    return view(step, value, id="step-view", **extra)


__all__ = ["StepView", "view_for"]
