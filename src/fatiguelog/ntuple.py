"""`typing.NamedTuple`'s class syntax without importing `typing` (2-3 ms of every
`fatiguelog log`, whose store, model and problems declare a few named tuples).

A class written `class Problem(NamedTuple): ...` here becomes what typing makes of it: the
`collections.namedtuple` of its annotated fields (defaults from their values), with the class's
own methods, docstring and names set on it. Modules import it as
`if TYPE_CHECKING: from typing import NamedTuple` / `else: from fatiguelog.ntuple import
NamedTuple`, so type checkers see typing's.
"""

from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False  # (this module exists not to import typing)
if TYPE_CHECKING:
    from typing import Any

__all__ = ["NamedTuple"]

# As typing's NamedTupleMeta: these belong to the named tuple and may not be set by the class;
# these are the class statement's own bookkeeping, not copied.
_PROHIBITED = frozenset(
    {
        "__new__",
        "__init__",
        "__slots__",
        "__getnewargs__",
        "_fields",
        "_field_defaults",
        "_make",
        "_replace",
        "_asdict",
        "_source",
    }
)
_SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})


class _NamedTupleMeta(type):
    def __new__(mcls, typename: str, bases: tuple[type, ...], ns: dict[str, object]) -> type:
        if bases != (NamedTuple,):
            raise TypeError("can only inherit from NamedTuple")
        annotations = dict(ns.get("__annotations__", {}))  # type: ignore[call-overload]
        defaulted = [name for name in annotations if name in ns]
        if defaulted and list(annotations)[-len(defaulted) :] != defaulted:
            raise TypeError(f"Non-default namedtuple field follows a default one in {typename}")
        make: Any = namedtuple  # (mypy checks namedtuple's arguments as literals only)
        cls = make(
            typename,
            list(annotations),
            defaults=[ns[name] for name in defaulted],
            module=str(ns["__module__"]),
        )
        cls.__annotations__ = annotations
        for key, value in ns.items():
            if key in _PROHIBITED:
                raise AttributeError(f"Cannot overwrite NamedTuple attribute {key}")
            if key not in _SPECIAL and key not in cls._fields:
                setattr(cls, key, value)
        return cls


NamedTuple = type.__new__(_NamedTupleMeta, "NamedTuple", (), {})
