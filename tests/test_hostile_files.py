"""Hostile entry and settings files: loading and `check` never crash and report each problem."""

from __future__ import annotations

import os
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fatiguelog.cli import main
from fatiguelog.settings import load_settings
from fatiguelog.store import Status, Store, parse_entry_bytes
from fatiguelog.validate import future_schema

DAY = date(2026, 11, 25)
REL = "entries/2026/2026-11-25.toml"

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(),
    st.text(max_size=20),
    st.dates(),
    st.times(),
    st.datetimes(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
known_keys = st.sampled_from(
    [
        "schema",
        "date",
        "updated",
        "notes",
        "symptoms",
        "sleep",
        "activity",
        "intake",
        "gi",
        "diet",
        "red_flags",
        "fatigue",
        "pem",
        "hours",
        "quality",
        "exertion",
        "stools",
        "bristol",
        "no_bowel_movement",
        "laxative",
        "substance",
        "amount",
        "unit",
        "time",
        "straining",
    ]
)


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value if v is not None]
    return value


@st.composite
def wrong_shapes(draw: st.DrawFn) -> dict:
    """Valid TOML documents with the contract's keys holding anything at all."""
    doc: dict[str, Any] = {
        "schema": draw(st.one_of(st.just(1), values)),
        "date": draw(st.one_of(st.just(DAY), values)),
    }
    doc.update(draw(st.dictionaries(known_keys, values, max_size=6)))
    doc.update(
        draw(
            st.dictionaries(known_keys, st.dictionaries(known_keys, values, max_size=5), max_size=4)
        )
    )
    return _drop_none(doc)


def _toml_bytes(doc: dict) -> bytes | None:
    try:
        return tomli_w.dumps(doc).encode()
    except (TypeError, ValueError):
        return None


def hostile_files(max_size: int) -> st.SearchStrategy[list[bytes | None]]:
    """A year folder's day files: random bytes or TOML of the wrong shape (None: empty)."""
    return st.lists(
        st.one_of(st.binary(max_size=120), wrong_shapes().map(_toml_bytes)),
        min_size=1,
        max_size=max_size,
    )


hostile_settings = st.one_of(st.binary(max_size=80), wrong_shapes().map(_toml_bytes))


def write_hostile_folder(
    root: Path, files: list[bytes | None], settings_raw: bytes | None
) -> dict[Path, bytes]:
    """Write the day files from 2026-11-01 on and settings.toml; returns each day file's bytes."""
    folder = root / "entries" / "2026"
    folder.mkdir(parents=True)
    written = {}
    for i, raw in enumerate(files):
        path = folder / f"2026-11-{i + 1:02d}.toml"
        path.write_bytes(raw or b"")
        written[path] = raw or b""
    (root / "settings.toml").write_bytes(settings_raw or b"")
    return written


@given(wrong_shapes())
@settings(max_examples=300, deadline=None)
def test_wrong_shapes_are_either_valid_or_reported(doc: dict) -> None:
    raw = _toml_bytes(doc)
    if raw is None:
        return
    parsed, problems = parse_entry_bytes(raw, REL, DAY)
    if not problems:
        assert parsed is not None  # a file with no problem is always usable
    elif parsed is not None:
        assert future_schema(parsed)  # only a newer file is kept despite its problems
    for problem in problems:
        assert problem.file == REL and problem.message
    if parsed is not None and not problems:
        from fatiguelog import vocabulary
        from fatiguelog.model import Entry

        entry = Entry(DAY, parsed)  # a valid entry: every typed view works
        entry.stools, entry.intake, entry.red_flags, entry.has_gi  # noqa: B018
        for question in vocabulary.BUILT_IN:  # every answer found fits its question
            value = entry.get(*question.path)
            assert value is None or question.fits(value), (question.dotted, value)


@given(st.binary(max_size=300))
@settings(max_examples=300, deadline=None)
def test_arbitrary_bytes_never_crash_the_parser(raw: bytes) -> None:
    parsed, problems = parse_entry_bytes(raw, REL, DAY)
    assert parsed is None or not problems or parsed.get("schema", 1) > 1


@given(hostile_files(max_size=6), hostile_settings)
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_loading_and_check_survive_a_hostile_folder(tmp_path_factory, files, settings_raw) -> None:
    root = tmp_path_factory.mktemp("hostile")
    written = write_hostile_folder(root, files, settings_raw)

    history = Store(root, use_cache=False).load_all()
    load_settings(root)
    assert len(history.entries) + len({p.file for p in history.problems}) >= 1
    assert main(["--data-dir", str(root), "check"]) in (0, 1)
    for path, raw in written.items():  # nothing was touched
        assert path.read_bytes() == raw


def test_a_day_file_that_is_a_folder_or_a_link_loop(tmp_path: Path) -> None:
    folder = tmp_path / "entries" / "2026"
    (folder / "2026-11-25.toml").mkdir(parents=True)
    os.symlink(folder / "loop.toml", folder / "2026-11-24.toml")
    os.symlink(folder / "2026-11-24.toml", folder / "loop.toml")
    history = Store(tmp_path, use_cache=False).load_all()
    assert history.entries == {}
    assert Store(tmp_path).read(date(2026, 11, 24)).status is Status.BROKEN


def test_time_types_in_the_wrong_places_are_reported() -> None:
    doc = {
        "schema": 1,
        "date": datetime(2026, 11, 25, 8, 0),
        "gi": {"stools": [{"time": "7am"}]},
        "intake": [{"substance": "x", "amount": 1, "unit": "g", "time": time(25 % 24)}],
    }
    _parsed, problems = parse_entry_bytes(tomli_w.dumps(doc).encode(), REL, DAY)
    messages = " ".join(p.message for p in problems)
    assert "plain TOML date" in messages and "time must be a time" in messages


@given(hostile_files(max_size=5), hostile_settings)
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_trends_and_every_export_survive_a_hostile_folder(
    tmp_path_factory, files, settings_raw
) -> None:
    from fatiguelog.export import render
    from fatiguelog.report import summarize

    root = tmp_path_factory.mktemp("hostile")
    write_hostile_folder(root, files, settings_raw)
    folder = root / "entries" / "2026"
    # A good day beside the hostile ones, so the summary has something to show.
    (folder / "2026-11-20.toml").write_text(
        "schema = 1\ndate = 2026-11-20\n[gi]\nstools = [{bristol = 2}]\n"
    )

    user_settings, _problems = load_settings(root)
    summary = summarize(
        Store(root, use_cache=False),
        user_settings,
        date(2026, 10, 1),
        date(2026, 11, 30),
        include_notes=True,
    )
    unreadable = {p.file for p in summary.problems}
    readable = {
        f"entries/2026/{day.isoformat()}.toml"
        for day in Store(root, use_cache=False).load_all().entries
    }
    assert len(unreadable | readable) == len(list(folder.iterdir()))  # every file accounted for
    for fmt in ("md", "html", "csv", "json"):
        assert render(summary, fmt, include_notes=True)
    assert main(["--data-dir", str(root), "trends", "--print", "--days", "60"]) == 0
