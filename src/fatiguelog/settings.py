"""The user's settings: substances, which optional steps to ask, theme, optional birth year.

A missing `settings.toml` means defaults. An unreadable one is reported and left untouched;
the app then runs on defaults rather than refusing to start.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import time
from pathlib import Path
from typing import Any, Final

from fatiguelog import paths
from fatiguelog.atomic import atomic_write
from fatiguelog.dates import MIDNIGHT, parse_day_start
from fatiguelog.frozen import field, frozen, replace
from fatiguelog.model import UNITS
from fatiguelog.problems import Problem
from fatiguelog.substances import CLASSES, builtin_class
from fatiguelog.tomlsafe import decode_toml, structure_issue
from fatiguelog.vocabulary import KINDS, OWN_DIRECTIONS

#: Optional check-in steps a user can switch off (symptoms, bowel movements and red flags
#: are always asked: they are what the flags need).
OPTIONAL_STEPS: Final = ("sleep", "exertion", "intake", "stomach", "diet", "notes")
THEMES: Final = ("dark", "light")


@frozen
class Substance:
    """One of the user's substances. `klass` is the `class` the user set (opioid, laxative,
    other); None means "from the built-in table" (flags.md), else not classified."""

    name: str
    unit: str = "g"
    klass: str | None = None

    def matches(self, name: str) -> bool:
        return self.name.casefold() == name.strip().casefold()

    @property
    def opioid_acting(self) -> bool:
        """Version 1's flag, kept for readers of it: the substance's class is `opioid`."""
        return substance_class(self.name, self.klass) == "opioid"


#: The kinds of question a user's own tracker can be, and which way its rating may run: the
#: vocabulary's (a tracker becomes one of its questions, `vocabulary.tracker_question`).
TRACKER_KINDS: Final = KINDS
TRACKER_DIRECTIONS: Final = OWN_DIRECTIONS
_TRACKER_KEY = r"^[a-z0-9_]{1,40}$"  # (compiled by `re` when a tracker is read)


@frozen
class Tracker:
    """One of the user's own questions, stored under `[custom]` as `key`.

    `ask = False` switches it off: it is no longer asked, but its past answers stay in the
    files and still show in history (so does a tracker removed from settings)."""

    key: str
    label: str
    kind: str  # rating | yesno | number
    higher: str = "worse"  # ratings only: "worse" or "better"
    unit: str = ""  # numbers only
    minimum: float | None = None  # numbers only
    maximum: float | None = None
    ask: bool = True


#: None by default: nothing is presumed about the user (entry-format.md, "Added: settings").
DEFAULT_SUBSTANCES: Final[tuple[Substance, ...]] = ()


def substance_class(name: str, klass: str | None = None) -> str | None:
    """The class set in settings, else the built-in table's, else None (not classified)."""
    if klass in CLASSES:
        return klass
    return builtin_class(name)


@frozen
class Settings:
    substances: tuple[Substance, ...] = DEFAULT_SUBSTANCES
    steps: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(OPTIONAL_STEPS, True))
    theme: str = "dark"
    birth_year: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # unknown keys, kept on rewrite
    #: Before this time of day a check-in is for the day before (`fatiguelog.dates.today`).
    day_starts_at: time = MIDNIGHT
    #: The user's own questions, in the order they are asked (switched-off ones included).
    trackers: tuple[Tracker, ...] = ()

    def asks(self, step: str) -> bool:
        return self.steps.get(step, True)

    def substance(self, name: str) -> Substance | None:
        return next((s for s in self.substances if s.matches(name)), None)

    def substance_class(self, name: str) -> str | None:
        """`opioid`, `laxative`, `other`, or None (not classified): the user's `class` for
        this name in settings, else the built-in table."""
        known = self.substance(name)
        return substance_class(name, known.klass if known is not None else None)

    def is_opioid_acting(self, name: str) -> bool:
        return self.substance_class(name) == "opioid"

    def with_theme(self, theme: str) -> Settings:
        return replace(self, theme=theme)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _found(value: Any, allowed: tuple[type, ...] = ()) -> str:
    """The kind of a wrong value, never its text (see validate.found)."""
    from fatiguelog.validate import found

    return found(value, allowed)


def _was(value: Any, allowed: tuple[type, ...] = ()) -> str:
    """What was found instead, for a setting: its text when it is text (a setting is the
    user's own word, and "found text" alone hides the typo, e.g. "Dark"), else its kind."""
    if isinstance(value, str):
        from fatiguelog.textsafe import strip_controls

        shown = strip_controls(value, one_line=True)
        return f'found "{shown[:40]}{"..." if len(shown) > 40 else ""}"'
    return _found(value, allowed)


def parse_settings(doc: dict[str, Any], rel: str) -> tuple[Settings, list[Problem]]:
    """Settings from a parsed document; bad values are reported and replaced by defaults."""
    problems: list[Problem] = []
    defaults = Settings()

    substances: list[Substance] = []
    raw_subs = doc.get("substances")
    if raw_subs is None:
        substances = list(DEFAULT_SUBSTANCES)
    elif not isinstance(raw_subs, list):
        problems.append(
            Problem(
                rel,
                f"substances must be a list of [[substances]] tables "
                f"({_found(raw_subs)}); none is listed (classes come "
                "from the built-in table)",
            )
        )
        substances = list(DEFAULT_SUBSTANCES)
    else:
        for i, item in enumerate(raw_subs, 1):
            if not isinstance(item, dict):
                problems.append(
                    Problem(
                        rel,
                        f"substance {i} must be a [[substances]] table "
                        f"({_found(item)}); it was left out",
                    )
                )
                continue
            name = item.get("name")
            named = isinstance(name, str) and bool(name.strip())
            # (every problem of a substance is named, also of one left out for want of a name)
            who = f"substance {name!r}" if named else f"substance {i}"
            if not named:
                problems.append(Problem(rel, f"{who} needs a name; it was left out"))
            unit = item.get("unit", "other")
            if unit not in UNITS:
                problems.append(
                    Problem(
                        rel,
                        f"{who}: unit must be one of "
                        f"{', '.join(UNITS)} ({_was(unit)})"
                        + ("; the default, other, is used" if named else ""),
                    )
                )
                unit = "other"
            klass = item.get("class")
            if klass is not None and klass not in CLASSES:
                problems.append(
                    Problem(
                        rel,
                        f"{who}: class must be one of "
                        f"{', '.join(CLASSES)} ({_was(klass)})"
                        + ("; the built-in table is used" if named else ""),
                    )
                )
                klass = None
            opioid = item.get("opioid_acting", False)
            if not named:
                continue
            assert isinstance(name, str)
            if not isinstance(opioid, bool):
                # The built-in table's answer, not False: a typo must not switch the opioid
                # rules off for kratom.
                said = substance_class(name, klass) or "not classified"
                problems.append(
                    Problem(
                        rel,
                        f"{who}: opioid_acting must be "
                        f"true or false ({_found(opioid)}); the default "
                        f"for this name is used: {said}",
                    )
                )
            elif opioid and klass is None:
                klass = "opioid"  # version 1's way of saying it
            substances.append(Substance(name.strip(), unit, klass))

    steps = dict(defaults.steps)
    raw_steps = doc.get("steps", {})
    if not isinstance(raw_steps, dict):
        problems.append(
            Problem(
                rel,
                f"[steps] must be a table ({_found(raw_steps)}); the "
                "default is used: every step is asked",
            )
        )
    else:
        for key, value in raw_steps.items():
            if key in OPTIONAL_STEPS:
                if isinstance(value, bool):
                    steps[key] = value
                else:
                    problems.append(
                        Problem(
                            rel,
                            f"steps.{key} must be true or false "
                            f"({_found(value)}); the default is used: "
                            "asked",
                        )
                    )

    theme = doc.get("theme", defaults.theme)
    if theme not in THEMES:
        case = ", in lower case" if isinstance(theme, str) and theme.lower() in THEMES else ""
        problems.append(
            Problem(
                rel,
                f"theme must be one of {', '.join(THEMES)}{case} "
                f"({_was(theme)}); the default, {defaults.theme}, "
                "is used",
            )
        )
        theme = defaults.theme

    birth_year = doc.get("birth_year")
    if birth_year is not None and (not _is_int(birth_year) or not 1900 <= birth_year <= 2100):
        problems.append(
            Problem(
                rel,
                f"birth_year must be a year like 1970 "
                f"({_found(birth_year, (int,))})"
                "; the default is used: none",
            )
        )
        birth_year = None

    day_starts_at = defaults.day_starts_at
    if "day_starts_at" in doc:
        try:
            day_starts_at = parse_day_start(doc["day_starts_at"])
        except ValueError as exc:
            problems.append(Problem(rel, f"{exc} (00:00 used)"))

    trackers = _parse_trackers(doc.get("trackers"), rel, problems)

    known = {"schema", "substances", "steps", "theme", "birth_year", "day_starts_at", "trackers"}
    extra = {k: v for k, v in doc.items() if k not in known}
    return Settings(
        tuple(substances),
        steps,
        theme,
        birth_year,
        extra,
        day_starts_at=day_starts_at,
        trackers=trackers,
    ), problems


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _parse_trackers(raw: Any, rel: str, problems: list[Problem]) -> tuple[Tracker, ...]:
    """`[[trackers]]`: a tracker whose key or kind can't be used is left out (reported);
    a bad optional value is reported and its default used."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(
            Problem(
                rel,
                f"trackers must be a list of [[trackers]] tables ({_found(raw)}); none is asked",
            )
        )
        return ()
    found: list[Tracker] = []
    seen: set[str] = set()
    for i, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            problems.append(
                Problem(rel, f"tracker {i} must be a table ({_found(item)}); it was left out")
            )
            continue
        # Every problem of a tracker is named, also when it is left out for one of them.
        key = item.get("key")
        usable = True
        if not isinstance(key, str) or not re.match(_TRACKER_KEY, key):
            why = (
                f"{_was(key)}: only a-z, 0-9 and _, at most 40"
                if isinstance(key, str)
                else _found(key)
            )
            problems.append(
                Problem(rel, f"tracker {i}: key must be 1-40 of a-z, 0-9 and _ ({why})")
            )
            name = f"tracker {i}"
            usable = False
        else:
            name = f"tracker {key!r}"
            if key in seen:
                problems.append(Problem(rel, f"{name} is listed twice; the first is used"))
                continue
        kind = item.get("kind")
        if kind not in TRACKER_KINDS:
            problems.append(
                Problem(
                    rel, f"{name}: kind must be one of {', '.join(TRACKER_KINDS)} ({_was(kind)})"
                )
            )
            usable = False
        label = item.get("label")
        if label is not None and (not isinstance(label, str) or not label.strip()):
            said = "it is empty" if isinstance(label, str) else _found(label)
            problems.append(
                Problem(
                    rel,
                    f"{name}: label must be text ({said})"
                    + ("; the key is used" if usable else ""),
                )
            )
        if not usable:
            problems[-1] = problems[-1]._replace(message=problems[-1].message + "; it was left out")
            continue
        assert isinstance(key, str) and isinstance(kind, str)
        seen.add(key)
        if not isinstance(label, str) or not label.strip():
            label = key.replace("_", " ").capitalize()
        higher = item.get("higher", "worse")
        if higher not in TRACKER_DIRECTIONS:
            problems.append(
                Problem(
                    rel,
                    f"{name}: higher must be worse or better "
                    f"({_was(higher)}); the default, worse, is used",
                )
            )
            higher = "worse"
        unit = item.get("unit", "")
        if not isinstance(unit, str):
            problems.append(
                Problem(rel, f"{name}: unit must be text ({_found(unit)}); none is used")
            )
            unit = ""
        bounds: list[float | None] = []
        for bound in ("min", "max"):
            value = item.get(bound)
            if value is not None and not _finite(value):
                problems.append(
                    Problem(
                        rel,
                        f"{name}: {bound} must be a number "
                        f"({_found(value, (int, float))}); none is used",
                    )
                )
                value = None
            bounds.append(value)
        low, high = bounds
        if low is not None and high is not None and low >= high:
            problems.append(Problem(rel, f"{name}: min must be below max; neither is used"))
            low = high = None
        ask = item.get("ask", True)
        if not isinstance(ask, bool):
            problems.append(
                Problem(
                    rel,
                    f"{name}: ask must be true or false ({_found(ask)}); "
                    "the default is used: asked",
                )
            )
            ask = True
        found.append(Tracker(key, label.strip(), kind, higher, unit.strip(), low, high, ask))
    return tuple(found)


def _read_document(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The settings file's TOML document ({} when there is none), or None and why not."""
    from fatiguelog.atomic import TooLargeError, UnsafePathError, read_capped
    from fatiguelog.tomlsafe import MAX_FILE_BYTES, TOO_LARGE

    rel = path.name
    every = "; every setting's default is used"
    try:
        raw = read_capped(str(path), MAX_FILE_BYTES)
    except FileNotFoundError:
        return {}, []
    except TooLargeError:
        return None, [Problem(rel, TOO_LARGE + every)]
    except UnsafePathError as exc:  # a pipe, a device, a folder: never opened for reading
        return None, [Problem(rel, (exc.strerror or "").removeprefix("is ") + every)]
    except OSError as exc:
        from fatiguelog.store import describe_os_error

        return None, [Problem(rel, describe_os_error(exc, path).rstrip(".") + every)]
    from fatiguelog.store import loads_entry_toml

    # (the fast reader, as for entries: the file as fatiguelog writes it is read without
    # importing tomllib before the first frame; anything else goes to tomllib, which decides)
    decoded = decode_toml(raw, rel, loads=loads_entry_toml)
    if isinstance(decoded, Problem):
        return None, [decoded._replace(message=decoded.message + every)]
    doc = decoded[1]
    whole = structure_issue(doc)
    if whole is not None:
        return None, [Problem(rel, whole[0] + every)]
    return doc, []


def load_settings(root: Path) -> tuple[Settings, list[Problem]]:
    path = paths.settings_path(root)
    doc, problems = _read_document(path)
    if doc is None:
        return Settings(), problems
    return parse_settings(doc, path.name)


def settings_document(settings: Settings) -> dict[str, Any]:
    doc: dict[str, Any] = {"schema": 1, "theme": settings.theme}
    if settings.birth_year is not None:
        doc["birth_year"] = settings.birth_year
    if settings.day_starts_at != MIDNIGHT:
        doc["day_starts_at"] = settings.day_starts_at.strftime("%H:%M")
    doc.update(settings.extra)
    doc["steps"] = dict(settings.steps)
    doc["substances"] = [
        {"name": s.name, "unit": s.unit, **({"class": s.klass} if s.klass else {})}
        for s in settings.substances
    ]
    if settings.trackers:
        doc["trackers"] = [tracker_table(t) for t in settings.trackers]
    return doc


def tracker_table(tracker: Tracker) -> dict[str, Any]:
    """A tracker as its `[[trackers]]` table (only the keys that say something)."""
    table: dict[str, Any] = {"key": tracker.key, "label": tracker.label, "kind": tracker.kind}
    if tracker.kind == "rating":
        table["higher"] = tracker.higher
    if tracker.kind == "number":
        if tracker.unit:
            table["unit"] = tracker.unit
        if tracker.minimum is not None:
            table["min"] = tracker.minimum
        if tracker.maximum is not None:
            table["max"] = tracker.maximum
    if not tracker.ask:
        table["ask"] = False
    return table


def save_settings(root: Path, settings: Settings) -> None:
    """Write all of `settings` (a new file, e.g. the demo's)."""
    _write(root, lambda _current: settings_document(settings))


def update_settings(root: Path, **changes: Any) -> None:
    """Change top-level keys (e.g. `theme`), keeping every other line of the file as it is,
    comments included (`fatiguelog.settings_edit`).

    Refuses, changing nothing, when the file can't be read or holds values this version
    does not accept: rewriting it would replace what the user wrote with defaults.
    """
    from fatiguelog.settings_edit import set_values

    set_values(root, **changes)


def _write(root: Path, make: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    import tomli_w

    path = paths.settings_path(root)
    current, problems = _read_document(path)
    if current is not None and not problems:
        problems = parse_settings(current, path.name)[1]
    if current is None or problems:
        from fatiguelog.store import StoreError

        raise StoreError(f"{path} has a problem ({problems[0].message}), so it was not changed.")
    atomic_write(path, tomli_w.dumps(make(current)).encode("utf-8"), root=root)
