"""The app uses only Textual's public names, so a Textual release can't break it in silence.

Textual's private names (`_button`, `_on_key`, `_suggestion`...) change without notice: the pin
on Textual keeps the snapshots stable, not those names. Three rules, checked over every module
of `fatiguelog.ui`:

1. no `super()._name`: reaching into a parent class's private part;
2. no `x._name` where `_name` is not defined anywhere in fatiguelog (then it is someone
   else's: Textual's, Rich's);
3. no class of ours defines a `_name` that a Textual class it inherits from has: overriding (or
   clobbering) Textual's private part without a word, as `_button` did.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import inspect
import re
import textwrap
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "fatiguelog"
UI = PACKAGE / "ui"
PRIVATE = re.compile(r"^_[a-z][a-z0-9_]*$")  # `_name`, not a dunder
SELF_PRIVATE = re.compile(r"\bself\.(_[a-z][a-z0-9_]*)\b")


def ui_modules() -> list[Path]:
    return sorted(UI.rglob("*.py"))


def defined_by_us() -> set[str]:
    """Every name fatiguelog defines anywhere: functions, classes, assigned names and
    attributes (`self._x = ...`, `_X = ...`, class attributes)."""
    names: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
    return names


def private_uses(source: str) -> list[tuple[int, str, bool]]:
    """(line, name, through super()) of every `._name` read or written in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and PRIVATE.match(node.attr):
            through_super = (
                isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Name)
                and node.value.func.id == "super"
            )
            found.append((node.lineno, node.attr, through_super))
    return found


def problems_in(source: str, ours: set[str], where: str) -> list[str]:
    """Rules 1 and 2 over one module's source."""
    said = []
    for line, name, through_super in private_uses(source):
        if through_super:
            said.append(f"{where}:{line}: super().{name} reaches into a parent's private part")
        elif name not in ours:
            said.append(f"{where}:{line}: .{name} is not ours (a private name of a library)")
    return said


def textual_private_names(cls: type) -> set[str]:
    """The private names of every Textual class `cls` inherits from: its attributes and
    methods, and what its own code keeps on `self`."""
    names: set[str] = set()
    for base in cls.__mro__:
        if not base.__module__.startswith("textual"):
            continue
        names |= {n for n in vars(base) if PRIVATE.match(n)}
        with contextlib.suppress(OSError, TypeError):  # (no source: only its attributes)
            names |= set(SELF_PRIVATE.findall(inspect.getsource(base)))
    return names


def our_private_names(cls: type) -> set[str]:
    """The private names a class of ours defines in its own code: methods and attributes in
    its body, and what it keeps on `self` (not what Textual's machinery adds to every
    subclass, such as `_merged_bindings`)."""
    source = textwrap.dedent(inspect.getsource(cls))
    [body] = ast.parse(source).body
    assert isinstance(body, ast.ClassDef)
    names = set(SELF_PRIVATE.findall(source))
    for node in body.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return {n for n in names if PRIVATE.match(n)}


def our_textual_classes() -> list[type]:
    found = []
    for path in ui_modules():
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and value.__module__ == module.__name__
                and any(b.__module__.startswith("textual") for b in value.__mro__)
            ):
                found.append(value)
    return found


# -- the rules over the app's code -----------------------------------------------------------


def test_no_private_textual_name_is_used() -> None:
    ours = defined_by_us()
    said = []
    for path in ui_modules():
        said += problems_in(path.read_text(encoding="utf-8"), ours, str(path.relative_to(PACKAGE)))
    assert said == []


@pytest.mark.parametrize("cls", our_textual_classes(), ids=lambda c: c.__qualname__)
def test_no_class_of_ours_overrides_a_private_textual_name(cls: type) -> None:
    assert our_private_names(cls) & textual_private_names(cls) == set()


# -- the rules catch what they are for -------------------------------------------------------

#: How `MarkedCheckbox` drew its X before: Textual's private `_button` property, overridden.
BEFORE = """
class MarkedCheckbox(Checkbox):
    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button
"""


def test_the_rules_refuse_the_code_as_it_was() -> None:
    said = problems_in(BEFORE, defined_by_us(), "choices.py")
    assert said == ["choices.py:6: super()._button reaches into a parent's private part"]

    from textual.widgets import Checkbox

    class MarkedCheckbox(Checkbox):  # the class as it was, overriding `_button`
        @property
        def _button(self):  # type: ignore[override]
            return super()._button

    assert our_private_names(MarkedCheckbox) & textual_private_names(MarkedCheckbox) == {"_button"}


def test_a_name_only_a_library_defines_is_refused() -> None:
    said = problems_in("def f(event):\n    return event._toggle_button\n", defined_by_us(), "x.py")
    assert said == ["x.py:2: ._toggle_button is not ours (a private name of a library)"]


# -- the marks still show, through the public names ------------------------------------------


async def test_the_marks_follow_the_value() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import RadioSet

    from fatiguelog.ui.widgets.choices import MarkedCheckbox, MarkedRadioButton

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            with RadioSet():
                yield MarkedRadioButton("Markdown", value=True, id="md")
                yield MarkedRadioButton("HTML", id="html")
            yield MarkedCheckbox("Include my notes", id="notes")

    async with Host().run_test(size=(40, 8)) as pilot:
        md, html = pilot.app.query_one("#md"), pilot.app.query_one("#html")
        box = pilot.app.query_one("#notes", MarkedCheckbox)
        assert md.render().plain.startswith("▐●▌") and html.render().plain.startswith("▐ ▌")
        assert box.render().plain.startswith("▐ ▌")
        await pilot.click("#html")
        await pilot.click("#notes")
        await pilot.pause()
        assert md.render().plain.startswith("▐ ▌") and html.render().plain.startswith("▐●▌")
        assert box.render().plain.startswith("▐X▌")
