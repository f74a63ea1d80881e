"""The settings screen's small forms: one value (the hour a day starts, the birth year), a
substance and its class, one of the user's own questions.

Like every dialog: Enter saves, Esc cancels, Tab moves between fields, and each has its own
footer. Names the user types are data, never markup (`Content`, `Line`). The forms only check
and return what was typed; the settings screen writes it (`fatiguelog.settings_edit`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Footer, Input, RadioButton, RadioSet

from fatiguelog.model import UNITS
from fatiguelog.settings import Substance, Tracker
from fatiguelog.substances import CLASSES, builtin_class, class_words
from fatiguelog.textsafe import for_input
from fatiguelog.ui.widgets.choices import MarkedCheckbox, MarkedRadioButton
from fatiguelog.ui.widgets.fields import TextField
from fatiguelog.ui.widgets.lines import Line, Note

_KEY = re.compile(r"^[a-z0-9_]{1,40}$")
MAX_LABEL = 60


def _row(label: str, field: Input) -> ComposeResult:
    with Horizontal(classes="row"):
        yield Line(label, classes="field-label")
        yield field


def _buttons(*pairs: tuple[str, str]) -> ComposeResult:
    # four buttons don't fit 60 columns at their usual width: they take their words' width
    with Horizontal(classes="buttons many" if len(pairs) > 3 else "buttons"):
        for label, button_id in pairs:
            yield Button(label, id=button_id, compact=True)


class _Form(ModalScreen[Any]):
    """Enter saves (whatever has focus), Esc cancels, a click on a button does the same."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "save", "Save", priority=True),
        Binding("escape", "dismiss(None)", "Cancel"),
    ]

    def fail(self, message: str) -> None:
        self.query_one("#error", Note).say(message)

    def action_save(self) -> None:
        raise NotImplementedError

    @on(Button.Pressed, "#save")
    def _save_clicked(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_clicked(self) -> None:
        self.dismiss(None)


class ValueForm(_Form):
    """One typed value. `parse` turns the text into the value to save, or raises ValueError
    with what to type instead. Dismissed with `(value,)` (so None, "clear it", differs from
    cancelling), or None."""

    def __init__(
        self,
        title: str,
        current: str,
        help_text: str,
        parse: Callable[[str], Any],
        *,
        restrict: str | None = None,
        max_length: int = 0,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.current = current
        self.help_text = help_text
        self.parse = parse
        self.restrict = restrict
        self.max_length = max_length

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Line(self.title_text, classes="dialog-title")
            yield TextField(
                self.current,
                id="value",
                compact=True,
                restrict=self.restrict,
                max_length=self.max_length,
            )
            yield Line(self.help_text, classes="hint")
            yield Note(id="error", classes="error")
            yield from _buttons(("Enter Save", "save"), ("Esc Cancel", "cancel"))
        yield Footer()

    def action_save(self) -> None:
        try:
            value = self.parse(self.query_one("#value", Input).value)
        except ValueError as exc:
            self.fail(str(exc))
            return
        self.dismiss((value,))


class SubstanceForm(_Form):
    """Add a substance (name, unit, class) or change one's unit and class. The built-in table's
    class is shown as the name is typed; "from the built-in table" is a choice of its own."""

    def __init__(self, current: Substance | None, taken: set[str]) -> None:
        super().__init__()
        self.current = current
        self.taken = taken  # names already listed, casefolded
        self._overruled: str | None = None  # a class against the table, said once already

    def compose(self) -> ComposeResult:
        current = self.current
        with Vertical(classes="dialog form"):
            if current is None:
                yield Line(
                    "Add a substance (any medicine, supplement or substance)",
                    classes="dialog-title",
                )
                yield from _row(
                    "Name", TextField(id="name", compact=True, placeholder="e.g. kratom, senna")
                )
            else:
                yield Line(f"{current.name}: its unit and class", classes="dialog-title")
            yield Line(
                self._table_line(current.name if current else ""),
                id="table-says",
                classes="field-help",
            )
            yield from _row(
                "Unit",
                TextField(
                    current.unit if current else "",
                    id="unit",
                    compact=True,
                    suggester=SuggestFromList(UNITS, case_sensitive=False),
                ),
            )
            yield Line(", ".join(UNITS), classes="field-help")
            yield Line("Class (which flags it takes part in):", classes="field-caption")
            chosen = current.klass if current else None
            with RadioSet(id="class", compact=True):
                yield MarkedRadioButton(
                    self._table_choice(current.name if current else ""),
                    chosen is None,
                    id="class-table",
                    compact=True,
                )
                for klass in CLASSES:
                    yield MarkedRadioButton(
                        klass, chosen == klass, id=f"class-{klass}", compact=True
                    )
            yield Note(id="error", classes="error")
            if current is None:
                yield from _buttons(("Enter Add", "save"), ("Esc Cancel", "cancel"))
            else:
                yield from _buttons(
                    ("Enter Save", "save"), ("Esc Cancel", "cancel"), ("Remove it", "remove")
                )
        yield Footer()

    @staticmethod
    def _table_line(name: str) -> str:
        if not name.strip():
            return "The built-in table suggests a class as you type the name."
        found = builtin_class(name)
        if found is None:
            return "Not in the built-in table: not classified, unless you pick a class."
        return f"The built-in table says: {found}."

    @staticmethod
    def _table_choice(name: str) -> Content:
        said = class_words(builtin_class(name)) if name.strip() else "as the name says"
        return Content(f"From the built-in table ({said})")

    @on(Input.Changed, "#name")
    def _suggest_class(self, event: Input.Changed) -> None:
        self.query_one("#table-says", Line).say(self._table_line(event.value))
        self.query_one("#class-table", RadioButton).label = self._table_choice(event.value)

    @on(Button.Pressed, "#remove")
    def _remove(self) -> None:
        self.dismiss({"remove": True})

    def action_save(self) -> None:
        name = (
            self.current.name
            if self.current
            else for_input(self.query_one("#name", Input).value).strip()
        )
        unit = self.query_one("#unit", Input).value.strip().lower()
        if not name:
            self.fail("Type the substance's name first.")
            return
        if self.current is None and len(name) > MAX_LABEL:
            self.fail(
                f"The name: at most {MAX_LABEL} characters, so it fits on a line (this "
                f"one has {len(name)})."
            )
            return
        if self.current is None and name.casefold() in self.taken:
            self.fail(f"{name} is already in your list: pick it there to change it.")
            return
        if unit not in UNITS:
            self.fail(f"Unit: one of {', '.join(UNITS)}.")
            return
        pressed = self.query_one("#class", RadioSet).pressed_button
        klass = str(pressed.id).removeprefix("class-") if pressed else "table"
        chosen = None if klass == "table" else klass
        table = builtin_class(name)
        kept = self.current.klass if self.current else None
        if (
            chosen is not None
            and table is not None
            and chosen not in (table, kept)
            and self._overruled != chosen
        ):
            # (a stray Up in the class list wraps round to "other": an opioid must not be
            # reclassified without a word)
            self._overruled = chosen
            self.fail(
                f"The built-in table says {name} is {table}; you picked {chosen}, so "
                f"the {table} flags would no longer count it. Enter again saves it as "
                f"{chosen}; or pick another class."
            )
            return
        self.dismiss({"name": name, "unit": unit, "klass": chosen})


KIND_WORDS = {"rating": "A rating from 0 to 10", "yesno": "Yes or no", "number": "A number"}


class TrackerForm(_Form):
    """Add a question of your own (label, key, kind and its scale), or change one: its label,
    a number's unit, whether it is asked, its place. The key and kind never change: past
    answers are stored under that key, in that shape."""

    def __init__(
        self, current: Tracker | None, taken: set[str], make_key: Callable[[str, set[str]], str]
    ) -> None:
        super().__init__()
        self.current = current
        self.taken = taken
        self.make_key = make_key
        self._auto_key = ""  # the key we filled in, replaced while the user hasn't typed one

    def compose(self) -> ComposeResult:
        current = self.current
        with Vertical(classes="dialog form"):
            yield Line(
                "Add a question of your own" if current is None else "Change this question",
                classes="dialog-title",
            )
            # (no max_length: a longer question is refused in words, never cut silently)
            yield from _row(
                "Question",
                TextField(
                    current.label if current else "",
                    id="label",
                    compact=True,
                    placeholder="e.g. Dizziness on standing",
                ),
            )
            if current is None:
                yield from _row(
                    "Key", TextField(id="key", compact=True, max_length=40, restrict=r"[a-z0-9_]*")
                )
                yield Line(
                    "Your answers are stored under this key: it can't change later.",
                    classes="field-help",
                )
                with RadioSet(id="kind", compact=True):
                    for kind, words in KIND_WORDS.items():
                        yield MarkedRadioButton(
                            words, kind == "rating", id=f"kind-{kind}", compact=True
                        )
                with RadioSet(id="higher", compact=True):
                    yield MarkedRadioButton(
                        "Higher is worse (like a symptom)", True, id="higher-worse", compact=True
                    )
                    yield MarkedRadioButton("Higher is better", id="higher-better", compact=True)
            else:
                scale = KIND_WORDS[current.kind].lower()
                if current.kind == "rating":
                    scale += f", higher is {current.higher}"
                yield Line(
                    f"Key {current.key}: {scale} (these can't change).", classes="field-help"
                )
            if current is None or current.kind == "number":
                with Vertical(id="number-fields"):
                    yield from _row(
                        "Unit",
                        TextField(
                            current.unit if current else "",
                            id="unit",
                            compact=True,
                            placeholder="optional, e.g. bpm",
                        ),
                    )
                    if current is None:
                        yield from _row(
                            "Lowest",
                            TextField(
                                id="min",
                                compact=True,
                                restrict=r"[0-9.,-]*",
                                placeholder="optional",
                            ),
                        )
                        yield from _row(
                            "Highest",
                            TextField(
                                id="max",
                                compact=True,
                                restrict=r"[0-9.,-]*",
                                placeholder="optional",
                            ),
                        )
            if current is not None:
                yield MarkedCheckbox("Ask it in the check-in", current.ask, id="ask", compact=True)
            yield Note(id="error", classes="error")
            if current is None:
                yield from _buttons(("Enter Add", "save"), ("Esc Cancel", "cancel"))
            else:
                yield from _buttons(
                    ("Enter Save", "save"),
                    ("Esc Cancel", "cancel"),
                    ("Move up", "up"),
                    ("Move down", "down"),
                )
        yield Footer()

    def on_mount(self) -> None:
        self._show_kind()

    def _kind(self) -> str:
        if self.current is not None:
            return self.current.kind
        pressed = self.query_one("#kind", RadioSet).pressed_button
        return str(pressed.id).removeprefix("kind-") if pressed else "rating"

    def _show_kind(self) -> None:
        if self.current is not None:
            return
        kind = self._kind()
        self.query_one("#higher", RadioSet).display = kind == "rating"
        self.query_one("#number-fields", Vertical).display = kind == "number"

    @on(RadioSet.Changed, "#kind")
    def _kind_changed(self) -> None:
        self._show_kind()

    @on(Input.Changed, "#label")
    def _fill_key(self, event: Input.Changed) -> None:
        if self.current is not None:
            return
        key = self.query_one("#key", Input)
        if key.value == self._auto_key:
            self._auto_key = self.make_key(event.value, self.taken) if event.value.strip() else ""
            key.value = self._auto_key

    @on(Button.Pressed, "#up")
    def _up(self) -> None:
        self.dismiss({"move": -1})

    @on(Button.Pressed, "#down")
    def _down(self) -> None:
        self.dismiss({"move": 1})

    def action_save(self) -> None:
        label = " ".join(for_input(self.query_one("#label", Input).value).split())
        if not label:
            self.fail("Type the question first, e.g. Dizziness on standing.")
            return
        if len(label) > MAX_LABEL:
            self.fail(
                f"The question: at most {MAX_LABEL} characters, so it fits on a line "
                f"(this one has {len(label)})."
            )
            return
        unit = ""
        if self._kind() == "number":
            unit = " ".join(for_input(self.query_one("#unit", Input).value).split())
        current = self.current
        if current is not None:  # only what changed: nothing else is written
            changes: dict[str, Any] = {
                "label": label,
                "ask": self.query_one("#ask", Checkbox).value,
            }
            if current.kind == "number":
                changes["unit"] = unit or None
            before = {"label": current.label, "ask": current.ask, "unit": current.unit or None}
            self.dismiss({k: v for k, v in changes.items() if v != before[k]})
            return
        key = self.query_one("#key", Input).value
        if not _KEY.match(key):
            self.fail("The key: 1 to 40 of a-z, 0-9 and _.")
            return
        if key in self.taken:
            self.fail(f"The key {key} is already used by another question: pick another.")
            return
        kind = self._kind()
        higher = "worse"
        low = high = None
        if kind == "rating":
            pressed = self.query_one("#higher", RadioSet).pressed_button
            higher = "better" if pressed is not None and pressed.id == "higher-better" else "worse"
        if kind == "number":
            try:
                low = _number(self.query_one("#min", Input).value, "Lowest")
                high = _number(self.query_one("#max", Input).value, "Highest")
            except ValueError as exc:
                self.fail(str(exc))
                return
            if low is not None and high is not None and low >= high:
                self.fail("The lowest must be below the highest.")
                return
        self.dismiss({"tracker": Tracker(key, label, kind, higher, unit, low, high)})


def _number(text: str, name: str) -> float | None:
    raw = text.strip().replace(",", ".")
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name}: a number, or leave it empty.") from None
    if not math.isfinite(value):
        raise ValueError(f"{name}: a number, or leave it empty.")
    return int(value) if value.is_integer() else value


__all__ = ["SubstanceForm", "TrackerForm", "ValueForm"]
