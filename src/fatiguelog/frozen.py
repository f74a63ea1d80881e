"""Frozen records: what `@dataclass(frozen=True)` makes, made in microseconds, not milliseconds.

`dataclasses` writes each class's `__init__`, `__eq__`, `__hash__`, `__repr__`,
`__setattr__` and `__delattr__` as source text and compiles it when the module is imported:
for the summary's sixteen classes that is 10-15 ms of every command that renders a summary
(an export, `trends --print`), and importing `dataclasses` itself (with `inspect`) costs
8 ms more. A record here gets the same methods, generic over its fields and compiled once
with this module (they are in its bytecode cache), so a module of records imports in well
under a millisecond; an instance is made about as fast.

The same behaviour as a frozen dataclass, for the features these classes use: fields from
the annotations in order (a class's own, after its records bases'), defaults and
`field(default_factory=..., repr=..., compare=...)`, keyword or positional construction,
equality and hash over the compared fields (same class only), a `repr` that leaves out
`repr=False` fields, assignment refused (`FrozenInstanceError`, an AttributeError),
`__match_args__`. `dataclasses.fields`, `replace`, `asdict` and `is_dataclass` work on
records too (their `__dataclass_fields__` is made the first time something asks, by
`dataclasses.make_dataclass`: 1-2 ms a class); `replace` here does the same without any of
that, and is what the app's own code calls.

Type checkers see `frozen` as a dataclass transform (PEP 681): constructors and frozenness
are checked as for a dataclass.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

TYPE_CHECKING = False  # (typing.TYPE_CHECKING, without needing typing's dataclass_transform)
if TYPE_CHECKING:
    from typing import dataclass_transform
else:

    def dataclass_transform(**_options: Any) -> Callable[[Any], Any]:
        return lambda function: function


T = TypeVar("T")
_MISSING: Any = object()


class FrozenInstanceError(AttributeError):
    """Assigning to (or deleting) a field of a record: records are never changed in place
    (`replace` makes a changed copy)."""


class Field:
    """What `field()` says of one field (its default, or what makes one, and whether it is
    shown in the `repr` and compared)."""

    __slots__ = ("compare", "default", "default_factory", "repr")

    def __init__(self, default: Any, default_factory: Any, repr: bool, compare: bool):
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare


def field(
    *,
    default: Any = _MISSING,
    default_factory: Callable[[], Any] = _MISSING,
    repr: bool = True,
    compare: bool = True,
) -> Any:
    """As `dataclasses.field`, for the options records support."""
    if default is not _MISSING and default_factory is not _MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, repr, compare)


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(cls: type[T]) -> type[T]:
    """Make `cls` a frozen record (see the module's docstring)."""
    names: list[str] = []
    annotations: dict[str, Any] = {}
    defaults: dict[str, Any] = {}
    factories: dict[str, Callable[[], Any]] = {}
    hidden: set[str] = set()
    uncompared: set[str] = set()
    for base in reversed(cls.__mro__[1:]):
        if "__record_names__" in vars(base):
            names += [n for n in base.__record_names__ if n not in names]  # type: ignore[attr-defined]
            annotations.update(base.__record_annotations__)  # type: ignore[attr-defined]
            defaults.update(base.__record_defaults__)  # type: ignore[attr-defined]
            factories.update(base.__record_factories__)  # type: ignore[attr-defined]
            hidden |= base.__record_hidden__  # type: ignore[attr-defined]
            uncompared |= base.__record_uncompared__  # type: ignore[attr-defined]
    for name, kind in vars(cls).get("__annotations__", {}).items():
        if isinstance(kind, str) and kind.replace("typing.", "").startswith("ClassVar"):
            continue
        if name not in names:
            names.append(name)
        annotations[name] = kind
        value = vars(cls).get(name, _MISSING)
        if isinstance(value, Field):
            if value.default is not _MISSING:
                defaults[name] = value.default
                setattr(cls, name, value.default)
            elif value.default_factory is not _MISSING:
                factories[name] = value.default_factory
                delattr(cls, name)
            else:
                delattr(cls, name)
            if not value.repr:
                hidden.add(name)
            if not value.compare:
                uncompared.add(name)
        elif value is not _MISSING:
            if isinstance(value, list | dict | set):
                raise ValueError(
                    f"mutable default {type(value)} for field {name} is not "
                    "allowed: use default_factory"
                )
            defaults[name] = value
    seen_default = False
    for name in names:
        if name in defaults or name in factories:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {name!r} follows default argument")
    made = {
        "__record_names__": tuple(names),
        "__record_fields__": frozenset(names),
        "__record_annotations__": annotations,
        "__record_defaults__": defaults,
        "__record_factories__": factories,
        "__record_hidden__": frozenset(hidden),
        "__record_uncompared__": frozenset(uncompared),
        "__record_compared__": tuple(n for n in names if n not in uncompared),
        "__match_args__": tuple(names),
        "__dataclass_fields__": _DataclassFields(),
    }
    for name, value in {**made, **_METHODS}.items():
        setattr(cls, name, value)
    return cls


def is_record(value: Any) -> bool:
    """Whether `value` is a record class (or an instance of one)."""
    return hasattr(value if isinstance(value, type) else type(value), "__record_names__")


def record_fields(cls: type) -> tuple[tuple[str, Any], ...]:
    """A record class's fields in order, each with its annotation (text, as the module wrote
    it with `from __future__ import annotations`)."""
    annotations = cls.__record_annotations__  # type: ignore[attr-defined]
    return tuple((name, annotations[name]) for name in cls.__record_names__)  # type: ignore[attr-defined]


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of the record (or dataclass) `obj` with `changes`, as `dataclasses.replace`."""
    cls = type(obj)
    names = getattr(cls, "__record_names__", None)
    if names is None:
        import dataclasses

        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    values = {name: getattr(obj, name) for name in names}
    for name in changes:
        if name not in values:
            raise TypeError(
                f"{cls.__name__}.__init__() got an unexpected keyword argument {name!r}"
            )
    values.update(changes)
    return cls(**values)


# -- the methods every record shares ------------------------------------------------------------


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    cls = self.__class__
    names = cls.__record_names__
    if len(args) > len(names):
        raise TypeError(
            f"{cls.__name__}.__init__() takes {len(names) + 1} positional "
            f"arguments but {len(args) + 1} were given"
        )
    values = dict(zip(names, args, strict=False))
    if kwargs:
        known = cls.__record_fields__
        for name in kwargs:
            if name in values:
                raise TypeError(
                    f"{cls.__name__}.__init__() got multiple values for argument {name!r}"
                )
            if name not in known:
                raise TypeError(
                    f"{cls.__name__}.__init__() got an unexpected keyword argument {name!r}"
                )
        values.update(kwargs)
    if len(values) < len(names):
        defaults, factories = cls.__record_defaults__, cls.__record_factories__
        for name in names:
            if name in values:
                continue
            if name in defaults:
                values[name] = defaults[name]
            elif name in factories:
                values[name] = factories[name]()
            else:
                raise TypeError(f"{cls.__name__}.__init__() missing required argument: {name!r}")
    self.__dict__.update(values)
    post = getattr(self, "__post_init__", None)
    if post is not None:
        post()


def _setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _compared(obj: Any) -> tuple[Any, ...]:
    values = obj.__dict__
    return tuple([values[name] for name in obj.__class__.__record_compared__])


def _eq(self: Any, other: Any) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return self is other or _compared(self) == _compared(other)


def _hash(self: Any) -> int:
    return hash(_compared(self))


def _repr(self: Any) -> str:
    cls = self.__class__
    hidden = cls.__record_hidden__
    shown = ", ".join(
        f"{name}={getattr(self, name)!r}" for name in cls.__record_names__ if name not in hidden
    )
    return f"{cls.__qualname__}({shown})"


_METHODS = {
    "__init__": _init,
    "__setattr__": _setattr,
    "__delattr__": _delattr,
    "__eq__": _eq,
    "__hash__": _hash,
    "__repr__": _repr,
}


class _DataclassFields:
    """`__dataclass_fields__`, made when first asked for (importing `dataclasses` then), so
    `dataclasses.fields`, `replace`, `asdict` and `is_dataclass` know records too: the fields
    of a frozen dataclass made with the same ones (`dataclasses.make_dataclass`, the public
    way to have `dataclasses` make them)."""

    def __get__(self, obj: Any, owner: type) -> dict[str, Any]:
        import dataclasses

        defaults = owner.__record_defaults__  # type: ignore[attr-defined]
        factories = owner.__record_factories__  # type: ignore[attr-defined]
        twin = dataclasses.make_dataclass(
            owner.__name__,
            [
                (
                    name,
                    kind,
                    dataclasses.field(
                        default=defaults.get(name, dataclasses.MISSING),
                        default_factory=factories.get(name, dataclasses.MISSING),
                        repr=name not in owner.__record_hidden__,  # type: ignore[attr-defined]
                        compare=name not in owner.__record_uncompared__,  # type: ignore[attr-defined]
                    ),
                )
                for name, kind in record_fields(owner)
            ],
            frozen=True,
        )
        fields: dict[str, Any] = twin.__dataclass_fields__  # type: ignore[attr-defined]
        type.__setattr__(owner, "__dataclass_fields__", fields)
        return fields


__all__ = ["FrozenInstanceError", "field", "frozen", "is_record", "record_fields", "replace"]
