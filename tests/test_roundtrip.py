"""Property: entry -> file -> entry is the identity, unknown keys included."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fatiguelog.model import RED_FLAGS, STOOL_FLAGS, UNITS, Entry
from fatiguelog.store import Status, Store, dump_entry, parse_entry_bytes

ratings = st.integers(0, 10)
text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
names = st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
times = st.builds(time, st.integers(0, 23), st.integers(0, 59), st.integers(0, 59))
unknown_values = st.one_of(
    st.integers(-(10**6), 10**6), text, st.booleans(), st.lists(st.integers(0, 9), max_size=3)
)


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    day = draw(st.dates(date(2000, 1, 1), date(2099, 12, 31)))
    entry = Entry.new(day)
    for key in ("fatigue", "pem", "pain", "brain_fog"):
        entry.set("symptoms", key, draw(optional(ratings)))
    entry.set("symptoms", "unrefreshing_sleep", draw(optional(st.booleans())))
    entry.set(
        "sleep",
        "hours",
        draw(optional(st.floats(0, 24, allow_nan=False).map(lambda h: round(h, 2)))),
    )
    entry.set("sleep", "quality", draw(optional(ratings)))
    entry.set("activity", "exertion", draw(optional(ratings)))
    if draw(st.booleans()):
        entry.doc["intake"] = draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "substance": text.filter(str.strip),
                        "amount": st.floats(0.01, 1000).map(lambda a: round(a, 3)),
                        "unit": st.sampled_from(UNITS),
                    },
                    optional={"form": text, "time": times},
                ),
                max_size=4,
            )
        )
    if draw(st.booleans()):
        stools = draw(
            st.lists(
                st.fixed_dictionaries(
                    {"bristol": st.integers(1, 7)},
                    optional={"time": times, **{flag: st.booleans() for flag in STOOL_FLAGS}},
                ),
                max_size=4,
            )
        )
        gi: dict = {"stools": stools, "no_bowel_movement": not stools and draw(st.booleans())}
        gi.update(
            draw(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "laxative": st.booleans(),
                        "abdominal_pain": ratings,
                        "bloating": ratings,
                        "nausea": ratings,
                    },
                )
            )
        )
        entry.doc["gi"] = gi
    entry.doc.update(
        draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "diet": st.fixed_dictionaries(
                        {},
                        optional={
                            "fiber_servings": st.integers(0, 20),
                            "water_ml": st.integers(0, 6000),
                        },
                    ),
                    "red_flags": st.fixed_dictionaries(
                        {}, optional=dict.fromkeys(RED_FLAGS, st.booleans())
                    ),
                    "notes": text,
                },
            )
        )
    )
    # Keys this version does not know, at the top level and inside known tables.
    for name, value in draw(
        st.dictionaries(names.map(lambda n: f"x_{n}"), unknown_values, max_size=3)
    ).items():
        entry.doc[name] = value
    if "symptoms" in entry.doc and draw(st.booleans()):
        entry.doc["symptoms"]["x_tremor"] = draw(ratings)
    offset = timezone(timedelta(minutes=draw(st.integers(-12 * 60, 14 * 60))))
    entry.doc["updated"] = datetime(2026, 1, 1, 12, 0, 0, tzinfo=offset)
    return entry


def _crlf_note() -> Entry:
    """Found by this property: a note typed with CRLF line ends came back with LF."""
    entry = Entry.new(date(2026, 11, 25))
    entry.doc["notes"] = "slept badly\r\nwoke at 4\r\n"
    entry.doc["x_comment"] = "a\rb"
    entry.doc["updated"] = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    return entry


@given(entries())
@example(_crlf_note())
@settings(max_examples=150, deadline=None)
def test_entry_to_bytes_to_entry_is_identity(entry: Entry) -> None:
    doc, problems = parse_entry_bytes(dump_entry(entry), "x.toml", entry.day)
    assert problems == []
    assert doc == entry.doc


@given(entries())
@example(entry=_crlf_note())
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_saved_entry_reads_back_unchanged(tmp_path: Path, entry: Entry) -> None:
    store = Store(tmp_path)
    store.save(entry)  # sets `updated` to now
    day = store.read(entry.day)
    assert day.status is Status.OK
    assert day.entry is not None and day.entry.doc == entry.doc


def test_a_crlf_note_is_rewritten_byte_for_byte_in_its_value(tmp_path: Path) -> None:
    store = Store(tmp_path)
    path = store.path(date(2026, 11, 25))
    path.parent.mkdir(parents=True)
    path.write_bytes(b'schema = 1\ndate = 2026-11-25\nnotes = """one\r\ntwo\\r\nthree"""\n')
    day = store.read(date(2026, 11, 25))
    assert day.entry is not None
    note = day.entry.notes
    day.entry.set("symptoms", "fatigue", 3)
    store.save(day.entry, expected=day.fingerprint)
    again = store.read(date(2026, 11, 25)).entry
    assert again is not None and again.notes == note
