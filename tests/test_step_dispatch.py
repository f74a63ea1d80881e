"""No module dispatches on a step's kind by string."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import fatiguelog

SOURCE = Path(fatiguelog.__file__).parent
#: Kinds only a check-in step has (rating/yesno/number are also a question's kind: data).
STEP_KINDS = {"intake", "stools", "red_flags", "notes", "review"}


def _names(node: ast.expr) -> str:
    return ast.unparse(node)


def _strings(node: ast.expr) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return {
            e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
        }
    return set()


def _string_dispatch() -> Iterator[str]:
    for path in sorted(SOURCE.rglob("*.py")):
        rel = path.relative_to(SOURCE).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                sides = [node.left, *node.comparators]
                kinds = [s for s in sides if isinstance(s, ast.Attribute) and s.attr == "kind"]
                said = set().union(*(_strings(s) for s in sides))
                for side in kinds:
                    owner = _names(side.value).lower()
                    if said and ("step" in owner or said & STEP_KINDS):
                        yield f"{rel}:{node.lineno} {ast.unparse(node)}"
            if (
                isinstance(node, ast.Subscript)
                and isinstance(node.slice, ast.Attribute)
                and node.slice.attr == "kind"
                and "step" in _names(node.slice.value).lower()
            ):  # a table keyed by the kind's name
                yield f"{rel}:{node.lineno} {ast.unparse(node)}"
            if isinstance(node, ast.FunctionDef) and node.name == "view_for":
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Compare) and any(
                        _strings(c) for c in [inner.left, *inner.comparators]
                    ):
                        yield f"{rel}:{inner.lineno} view_for: {ast.unparse(inner)}"


# Why 13 "dispatches step kinds by string in five if-chains plus view_for": fails at BASE.
def test_no_step_is_dispatched_on_its_kind_s_name() -> None:
    assert list(_string_dispatch()) == []


def test_each_kind_of_step_has_its_own_view_by_class() -> None:
    from fatiguelog import checkin
    from fatiguelog.ui.widgets.steps import VIEWS

    assert all(isinstance(kind, type) and issubclass(kind, checkin.Step) for kind in VIEWS)
    kinds = {
        checkin.RatingStep,
        checkin.YesNoStep,
        checkin.NumberStep,
        checkin.IntakeStep,
        checkin.StoolsStep,
        checkin.RedFlagsStep,
        checkin.NotesStep,
        checkin.ReviewStep,
    }
    for kind in kinds:
        assert sum(kind in VIEWS for kind in type.mro(kind)) >= 1
