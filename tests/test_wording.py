"""Each thing every view says is worded once, in `fatiguelog.wording` (issue 13, point 7).

Why: level words were defined three times ("URGENT"/"Warning"/"Note", "!! URGENT"/"! WARNING",
"URGENT"/"WARNING"/"NOTE"), "not a diagnosis" had three texts (four with home's), number
helpers were written four times (a mean read "5" in the trend view and "5.0" everywhere else)
and the 90-day default was typed in five modules. These tests read the source tree as its
next maintainer would, so a second copy can't creep back in.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fatiguelog import wording as w

SRC = Path(__file__).resolve().parents[1] / "src" / "fatiguelog"
WORDING = SRC / "wording.py"


def modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if p != WORDING)


def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text("utf-8"), str(path))


def where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(SRC)}:{getattr(node, 'lineno', '?')}"


def test_not_a_diagnosis_is_said_only_by_the_wording_module() -> None:
    found = [
        f"{p.relative_to(SRC)}:{n}"
        for p in modules()
        for n, line in enumerate(p.read_text("utf-8").splitlines(), start=1)
        if "not a diagnosis" in line.lower()
    ]
    assert found == []
    # one text for the user, one for the clinician, both beginning the same way as the advice
    assert w.DISCLAIMER.startswith(w.NOT_A_DIAGNOSIS)
    assert "patient" in w.CLINICIAN_DISCLAIMER and "your" not in w.CLINICIAN_DISCLAIMER


#: Names of what the wording module owns: no other module may define them.
OWNED = {
    "LEVEL_WORDS",
    "LEVEL_LABEL",
    "LEVELS",
    "DEFAULT_DAYS",
    "DEFAULT_PERIOD_DAYS",
    "NOT_A_DIAGNOSIS",
    "DISCLAIMER",
    "CLINICIAN_DISCLAIMER",
    "NO_DATA",
    "TREND_PERIODS",
    "EXPORT_PERIOD_DAYS",
    "COUNTED_UNITS",
    "AMOUNT_DIGITS",
}


def test_levels_periods_and_disclaimers_are_defined_only_in_wording() -> None:
    found = []
    for path in modules():
        for node in tree(path).body:
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else []
            )
            found += [
                f"{where(path, node)} {t.id}"
                for t in targets
                if isinstance(t, ast.Name) and t.id in OWNED
            ]
    assert found == []


def test_no_other_table_names_the_flag_levels() -> None:
    """A dict keyed by the three levels holds their words only in wording (styles, colours
    and CSS classes keyed by level are not words)."""
    levels = {"urgent", "warn", "info"}
    words = {"urgent", "warning", "note"}
    found = []
    for path in modules():
        for node in ast.walk(tree(path)):
            if not isinstance(node, ast.Dict):
                continue
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            values = [
                v.value
                for v in node.values
                if isinstance(v, ast.Constant) and isinstance(v.value, str)
            ]
            if keys == levels and any(
                set(v.lower().replace("!", " ").split()) & words for v in values
            ):
                found.append(where(path, node))
    assert found == []


def test_the_default_period_is_typed_once() -> None:
    """No other module writes the number 90 (the default period in days)."""
    found = [
        where(p, node)
        for p in modules()
        for node in ast.walk(tree(p))
        if isinstance(node, ast.Constant) and type(node.value) is int and node.value == 90
    ]
    assert found == []


def test_numbers_are_formatted_by_one_set_of_helpers() -> None:
    """Trimming trailing zeros ("2.50" -> "2.5"), plural days and percentages are wording's
    alone: the other copies (export's "num", "mean", "pct", "part", "days_text", intake's
    "number", "days_text", the chart's "fmt", analysis' "fmt_amount", "_days", "pct") are
    gone."""
    trims, plurals = [], []
    for path in modules():
        for node in ast.walk(tree(path)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "rstrip"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and node.args[0].value == "0"
            ):
                trims.append(where(path, node))
            if isinstance(node, ast.FunctionDef) and node.name in {
                "days_text",
                "nights_text",
                "fmt_amount",
                "pct",
                "part",
                "num",
                "mean",
            }:
                plurals.append(where(path, node))
    assert trims == []
    assert plurals == []


@pytest.mark.parametrize(
    ("value", "digits", "said"),
    [
        (3.0, 1, "3"),
        (6.25, 1, "6.2"),
        (0.25, 2, "0.25"),
        (10.4, 0, "10"),
        (-0.01, 1, "0"),
        (None, 1, "—"),
    ],
)
def test_a_number_reads_as_a_person_writes_it(value: float | None, digits: int, said: str) -> None:
    assert w.number(value, digits) == said


def test_a_mean_always_has_one_decimal_and_unknown_is_never_zero() -> None:
    assert [w.mean_text(v) for v in (5, 5.0, 4.96, 3.44, -0.01)] == [
        "5.0",
        "5.0",
        "5.0",
        "3.4",
        "0.0",
    ]
    assert w.mean_text(None) == "—" and w.mean_text(None, none=w.NO_DATA) == "not enough data"
    assert w.number(None) == "—" and w.percent(None) == "—"


def test_counts_and_amounts() -> None:
    assert [w.days_text(n) for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]
    assert w.plural(1, "copy", "copies") == "1 copy" and w.plural(3, "copy", "copies") == "3 copies"
    assert w.amount(2, "cup") == "2 cups" and w.amount(1, "cup") == "1 cup"
    assert w.amount(1.5, "g") == "1.5 g" and w.amount(1, "other") == "1 (other unit)"
    assert w.amount_number(0.01) == "0.01"  # the smallest amount a diary accepts never reads 0


def test_each_level_has_one_word_and_one_mark() -> None:
    """Screens and the print write the word in capitals after its mark (meaning never rests
    on colour); the clinician's page writes the word as it is."""
    assert [w.level_label(k) for k in ("urgent", "warn", "info")] == [
        "!! URGENT",
        "! WARNING",
        "i NOTE",
    ]
    assert [w.level_word(k) for k in ("urgent", "warn", "info")] == ["URGENT", "Warning", "Note"]
    assert w.level_label("other") == "OTHER"  # an unknown level is still said, in words


def test_periods_offered() -> None:
    assert w.DEFAULT_DAYS in [days for _key, days, _label in w.TREND_PERIODS]
    assert w.DEFAULT_DAYS in w.EXPORT_PERIOD_DAYS
    assert [key for key, _days, _label in w.TREND_PERIODS] == ["1", "2", "3", "4", "5"]
    assert w.period_words(90) == "Last 90 days" and w.period_words(None) == "All your entries"


def test_wording_and_the_format_registry_import_nothing_heavy() -> None:
    """No Textual, no Rich, no analysis; and building the command-line parser (which reads
    both at every start, `fatiguelog log` included) imports neither `typing` nor
    `dataclasses`, which would cost every command milliseconds."""
    code = (
        "import sys\n"
        "import fatiguelog.wording, fatiguelog.export.formats\n"
        "from fatiguelog.cli import build_parser\n"
        "build_parser()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'textual', 'rich', 'typing', 'dataclasses'} or m.startswith('fatiguelog.analysis')))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout.strip() == "[]"
