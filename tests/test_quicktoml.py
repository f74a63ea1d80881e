"""The fast entry reader returns exactly what tomllib returns, or gives up: never a third
answer, never a text tomllib refuses."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
import tomli_w
from hypothesis import example, given
from hypothesis import strategies as st

from fatiguelog import quicktoml
from fatiguelog.model import Entry
from fatiguelog.store import dump_entry


def same_or_unsupported(text: str) -> bool:
    """True when the fast reader read it (and agreed with tomllib), False when it gave up."""
    try:
        quick = quicktoml.loads(text)
    except quicktoml.Unsupported:
        return False
    assert quick == tomllib.loads(text), text  # (tomllib raising here is a failure too)
    assert _types(quick) == _types(tomllib.loads(text))
    return True


def _types(value: object) -> object:
    """The document's shape with every value's exact type (1 == 1.0 == True in Python)."""
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    return (type(value).__name__, getattr(value, "tzinfo", None))


def test_every_file_of_a_long_history_is_read_fast_and_the_same(tmp_path) -> None:
    from fatiguelog.demo_history import generate

    generate(tmp_path, days=400, seed=9, end=date(2026, 11, 25))
    files = sorted((tmp_path / "entries").rglob("*.toml"))
    assert len(files) > 300
    assert all(same_or_unsupported(path.read_text()) for path in files)


ACCEPTED = [
    "",
    "a = 1\nb = -2\nc = 0\nd = 1.5\ne = -0.25\nf = 1e+16\ng = 2.5e-05\nh = true\ni = false\n",
    'a = "plain"\nb = "with \\"quotes\\" and \\\\ and \\t \\n \\u00e9 \\U0001F600"\nc = ""\n',
    "d = 2026-11-25\nt = 07:40:00\nu = 2026-11-25T21:04:11+01:00\nv = 2026-11-25T21:04:11Z\n"
    "w = 2026-11-25T21:04:11-05:30\nx = 2026-11-25T21:04:11\n",
    'notes = """\nline one\nline "two"\n\ttabbed"""\n',
    'notes = """one line"""\n',
    "a = []\nb = [1, 2, 3]\nc = [\n    1,\n    2,\n]\nd = [ ]\n",
    'intake = [\n    { substance = "kratom", amount = 1.5, unit = "g", time = 08:00:00 },\n'
    '    { substance = "coffee", amount = 1, unit = "cup" },\n]\n',
    "[symptoms]\nfatigue = 5\n\n[gi]\nlaxative = false\n\n[[gi.stools]]\nbristol = 4\n\n"
    "[[gi.stools]]\nbristol = 2\nstraining = true\n",
    "[[gi.stools]]\nbristol = 4\n[[gi.stools]]\nbristol = 5\n",  # gi implied by [[gi.stools]]
    "[a.b]\nx = 1\n[a.c]\ny = 2\n",
    "  a   =   1  \n\t[s]\t\n b = 2\n",
    'e = {}\nf = { x = 1, y = "two" }\n',
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_what_fatiguelog_writes_is_read_fast(text: str) -> None:
    assert same_or_unsupported(text)


LEFT_TO_TOMLLIB = [
    "a = 1 # a comment\n",
    "# a comment\n",
    '"quoted" = 1\n',
    "a.b = 1\n",
    "a = 'literal'\n",
    "a = 1_000\n",
    "a = 0x10\n",
    "a = +1\n",
    "a = inf\n",
    "a = nan\n",
    "a = 1.5\r\n",
    "a = 07:40:00.5\n",
    "a = 2026-11-25 21:04:11\n",
    "a = 2026-11-25t21:04:11z\n",
    "a = [[1], [2]]\n",
    "a = { b = { c = 1 } }\n",
    "a = [1,\n2]\n",
    "[a.b.c]\nx = 1\n",
    "[a]\n[a.b]\n[a]\n",
    'a = """\ntext\\\nmore"""\n',
    'a = """x""""\n',
    'a = """a""" \n',
    "a = 12345678901234567890\n",
    "[a]\nx = 1\n[[a]]\n",
]

INVALID = [
    "a = 1\na = 2\n",
    "[a]\n[a]\n",
    "a = \n",
    "= 1\n",
    "a = 1 2\n",
    "[a\n",
    "a = [1, 2\n",
    "a = { b = 1, }\n",
    "a = { b = 1\n}\n",
    'a = "unclosed\n',
    'a = """never\n',
    "a = 2026-02-30\n",
    "a = 24:00:00\n",
    "a = 01.5\n",
    "a = 007\n",
    "a = tru\n",
    'a = "\\x41"\n',
    'a = "\\uD800"\n',
    'a = "tab\there"\x01\n',
    "[a]\nb = 1\n[a.b]\n",
    "a = {b = 1}\n[a.c]\n",
    "a = [1, 2]\n[[a]]\n",
    "a = [\n1,\n,\n]\n",
    "a = ]\n",
    "[[a]]]\n",
    "a = 1,\n",
]


@pytest.mark.parametrize("text", LEFT_TO_TOMLLIB + INVALID)
def test_anything_else_is_left_to_tomllib(text: str) -> None:
    """Given up, or (for a valid text) read the same: invalid TOML is never accepted."""
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        with pytest.raises(quicktoml.Unsupported):
            quicktoml.loads(text)
        return
    same_or_unsupported(text)  # (asserts the fast reader agrees with tomllib)


text_values = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
scalars = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    text_values,
    st.dates(min_value=date(1, 1, 1)),
    st.times().map(lambda t: t.replace(microsecond=0)),
    st.datetimes(
        timezones=st.one_of(
            st.none(),
            st.just(UTC),
            st.builds(timezone, st.integers(-23 * 60, 23 * 60).map(lambda m: timedelta(minutes=m))),
        )
    ).map(lambda d: d.replace(microsecond=0)),
)
keys = st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True)
tables = st.dictionaries(keys, scalars, max_size=4)
documents = st.dictionaries(
    keys,
    st.one_of(
        scalars,
        tables,
        st.lists(scalars, max_size=3),
        st.lists(tables, max_size=3),
        st.dictionaries(keys, st.one_of(scalars, st.lists(tables, max_size=2)), max_size=3),
    ),
    max_size=6,
)


@given(documents, st.booleans())
@example({"notes": "a\r\nb"}, True)
@example({"a": 'x"""y'}, True)
@example({"a": 'ends with a quote"\nand a line'}, True)
@example({"a": "\\ back\nslash"}, True)
def test_any_document_tomli_w_writes(doc: dict, multiline: bool) -> None:
    text = tomli_w.dumps(doc, multiline_strings=multiline)
    same_or_unsupported(text)


@given(st.text(alphabet='ab=[]{}",.#\n 01-:T\\"tfrue', max_size=40))
@example('a = "b"\n[a]')
@example("a = 1\n[[a]]")
def test_any_text_is_read_the_same_or_left_to_tomllib(text: str) -> None:
    try:
        quick = quicktoml.loads(text)
    except quicktoml.Unsupported:
        return
    assert tomllib.loads(text) == quick


def test_saved_entries_are_read_fast() -> None:
    entry = Entry.new(date(2026, 11, 25))
    entry.set("symptoms", "fatigue", 6)
    entry.doc["notes"] = 'Shower, then rest.\nPaid for it "later" \u2013 café ☕.\n\tIndented.'
    entry.doc["intake"] = [
        {
            "substance": "kratom",
            "amount": 2.0,
            "unit": "g",
            "form": "leaf, powder",
            "time": time(8, 30),
        }
    ]
    entry.doc["gi"] = {"stools": [{"bristol": 4, "time": time(7, 40), "straining": False}]}
    entry.touch(datetime(2026, 11, 25, 21, 4, 11, tzinfo=timezone(timedelta(hours=1))))
    assert same_or_unsupported(dump_entry(entry).decode())
