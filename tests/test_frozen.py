"""Records (`fatiguelog.frozen`) behave as the frozen dataclasses they replace: construction,
defaults, equality, hash, repr, refusal to change, and the `dataclasses` functions."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from datetime import date

import pytest

from fatiguelog.analysis.summary import EvidenceDays, Summary
from fatiguelog.frozen import FrozenInstanceError, field, frozen, is_record, replace


@frozen
class Point:
    """A record for these tests."""

    x: int
    y: int = 0
    tags: tuple[str, ...] = ()
    seen: dict[str, int] = field(default_factory=dict)
    note: str = field(default="", repr=False)
    cache: int = field(default=0, compare=False)


@dataclasses.dataclass(frozen=True)
class Same:
    """The same as a dataclass, for comparison."""

    x: int
    y: int = 0
    tags: tuple[str, ...] = ()
    seen: dict[str, int] = dataclasses.field(default_factory=dict)
    note: str = dataclasses.field(default="", repr=False)
    cache: int = dataclasses.field(default=0, compare=False)


def test_made_as_a_dataclass_is() -> None:
    for kind in (Point, Same):
        p = kind(1, y=2, tags=("a",))
        assert (p.x, p.y, p.tags, p.seen, p.note, p.cache) == (1, 2, ("a",), {}, "", 0)
        assert kind(1).seen is not kind(1).seen  # (a factory per instance)
        with pytest.raises(TypeError):
            kind()  # type: ignore[call-arg]
        with pytest.raises(TypeError):
            kind(1, 2, (), {}, "", 0, 7)  # type: ignore[call-arg]
        with pytest.raises(TypeError):
            kind(1, z=3)  # type: ignore[call-arg]
        with pytest.raises(TypeError):
            kind(1, x=1)  # type: ignore[misc]
    assert repr(Point(1, 2, note="secret")) == repr(Same(1, 2, note="secret")).replace(
        "Same", "Point"
    )
    assert "secret" not in repr(Point(1, note="secret"))


def test_equal_and_hashed_by_the_compared_fields() -> None:
    assert Point(1, 2) == Point(1, 2, cache=9)
    assert Point(1, 2) != Point(1, 3)
    assert Point(1) != Same(1)
    with pytest.raises(TypeError):
        hash(Point(1))  # (a dict field: unhashable, as a dataclass's)
    assert (
        len(
            {
                EvidenceDays(date(2026, 1, 1), date(2026, 1, 2), 2),
                EvidenceDays(date(2026, 1, 1), date(2026, 1, 2), 2),
            }
        )
        == 1
    )


def test_never_changed_in_place() -> None:
    p = Point(1)
    with pytest.raises(FrozenInstanceError):
        p.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del p.x  # type: ignore[misc]
    moved = replace(p, y=5)
    assert (moved.x, moved.y, p.y) == (1, 5, 0)
    with pytest.raises(TypeError):
        replace(p, z=1)
    assert copy.copy(p) == p and copy.deepcopy(p) == p
    assert pickle.loads(pickle.dumps(p)) == p


def test_the_dataclasses_functions_know_records() -> None:
    p = Point(1, 2, seen={"a": 1})
    assert dataclasses.is_dataclass(p) and is_record(p) and not is_record(Same(1))
    assert [f.name for f in dataclasses.fields(Point)] == [f.name for f in dataclasses.fields(Same)]
    assert dataclasses.asdict(p) == dataclasses.asdict(Same(1, 2, seen={"a": 1}))
    assert dataclasses.replace(p, x=7) == Point(7, 2, seen={"a": 1})
    assert replace(Same(1), x=2) == Same(2)  # (a dataclass: as dataclasses.replace)
    assert [f.name for f in dataclasses.fields(Summary)][:2] == ["first", "last"]


def test_a_default_before_a_required_field_is_refused() -> None:
    with pytest.raises(TypeError):

        @frozen
        class Wrong:
            a: int = 0
            b: int  # type: ignore[misc]

    with pytest.raises(ValueError):

        @frozen
        class Shared:
            a: list[int] = []  # noqa: RUF012
