"""`fatiguelog.ntuple.NamedTuple` makes what `typing.NamedTuple` makes (it exists so that
`fatiguelog log` need not import typing): the same fields, defaults, methods, repr, equality,
pickling and refusals."""

from __future__ import annotations

import pickle
import typing

import pytest

from fatiguelog import ntuple
from fatiguelog.problems import Problem


def _declare(base: type) -> type:
    class Dose(base):  # type: ignore[misc, valid-type]
        """A substance taken."""

        name: str
        amount: float = 1.0
        unit: str = "g"

        def said(self) -> str:
            return f"{self.amount} {self.unit} {self.name}"

    return Dose


Ours, Theirs = _declare(ntuple.NamedTuple), _declare(typing.NamedTuple)


def test_the_class_is_what_typing_makes() -> None:
    ours, theirs = Ours("kratom", 2), Theirs("kratom", 2)
    assert repr(ours) == repr(theirs) == "Dose(name='kratom', amount=2, unit='g')"
    assert Ours._fields == Theirs._fields and Ours._field_defaults == Theirs._field_defaults
    assert ours == theirs == ("kratom", 2, "g") and hash(ours) == hash(theirs)
    assert ours.said() == theirs.said() == "2 g kratom"
    assert ours._replace(unit="mg") == ("kratom", 2, "mg") and ours._asdict() == theirs._asdict()
    assert Ours.__doc__ == "A substance taken." and Ours.__qualname__ == Theirs.__qualname__
    assert issubclass(Ours, tuple) and Ours.__module__ == __name__


def test_a_record_pickles_and_compares_as_before() -> None:
    problem = Problem("2026-11-25.toml", "fatigue is 11, outside 0-10", 4)
    assert pickle.loads(pickle.dumps(problem)) == problem
    assert problem._fields == ("file", "message", "line") and problem[2] == 4


def test_it_refuses_what_typing_refuses() -> None:
    with pytest.raises(TypeError):

        class Late(ntuple.NamedTuple):  # a field without a default after one with a default
            a: int = 1
            b: int  # type: ignore[misc]

    with pytest.raises(AttributeError):

        class Own(ntuple.NamedTuple):
            a: int

            def _asdict(self) -> dict:  # type: ignore[override]
                return {}
