"""Where an imported answer can go: the answers with a home in an entry, and how each is read.

A map file (`--map`) names a target by its key (`symptoms.fatigue`, `sleep.hours`, `intake`...).
Each target has a kind that says how a value from another tracker becomes ours:

- rating: 0-10 severity, higher is worse (a source scale is converted, and said);
- quality: 0-10, higher is better (sleep quality);
- yesno: yes/no (a crash day, a red flag);
- hours, number: a plain number within limits;
- text: notes;
- stool: one bowel movement, with its Bristol type;
- dose: one dose of a substance (an amount and a unit).

The questions with one answer (`fatiguelog.vocabulary`) are targets by their kind, the
user's own trackers (`custom.<key>`, declared in settings `[[trackers]]`) included; the answers
with several parts are listed here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Final, NamedTuple

from fatiguelog import vocabulary
from fatiguelog.model import RED_FLAGS
from fatiguelog.vocabulary import CUSTOM, Question, key_label

if TYPE_CHECKING:
    from fatiguelog.settings import Tracker


class Target(NamedTuple):
    path: tuple[str, ...]
    kind: str  # rating | quality | yesno | hours | number | text | stool | dose
    limit: float | None = None  # numbers: the largest accepted value
    floor: float = 0  # numbers: the smallest accepted value
    name: str = ""  # said in messages (default: the answer's short name)

    @property
    def key(self) -> str:
        return ".".join(self.path)

    @property
    def label(self) -> str:
        return self.name or key_label(self.path)

    @property
    def higher(self) -> str:
        """Which way our own scale runs (ratings only)."""
        return "better" if self.kind == "quality" else "worse"


def question_target(q: Question) -> Target:
    """A question of the vocabulary as a place for imported answers. A number in hours may
    come as H:MM (sleep); a rating that runs the other way is a "quality"."""
    if q.kind == "rating":
        return Target(q.path, "quality" if q.higher == "better" else "rating", name=q.said)
    if q.kind == "yesno":
        return Target(q.path, "yesno", name=q.said)
    limit = q.maximum if math.isfinite(q.maximum) else None
    return Target(q.path, "hours" if q.unit == "hours" else "number", limit, q.minimum, name=q.said)


#: Answers with several parts (or asked inside another step), in no question of their own.
_OTHER_TARGETS: Final = (
    Target(("gi", "stools"), "stool"),
    Target(("gi", "laxative"), "yesno"),
    Target(("intake",), "dose"),
    Target(("notes",), "text"),
    *(Target(("red_flags", key), "yesno") for key in RED_FLAGS),
)


def targets(trackers: Sequence[Tracker] = ()) -> dict[str, Target]:
    """Every place an imported answer can go, by key: the built-in questions, the answers
    with several parts, and the user's own trackers (`custom.<key>`)."""
    questions = vocabulary.with_trackers(trackers)
    found = {t.key: t for t in map(question_target, questions)}
    return {**found, **{t.key: t for t in _OTHER_TARGETS}}


#: The built-in targets (the formats' own rules name these).
TARGETS: Final[dict[str, Target]] = targets()
RATING_KINDS: Final = ("rating", "quality")


def _words(name: str) -> str:
    """A name compared lower-case without punctuation: "Brain-Fog" -> "brain fog"."""
    return " ".join("".join(c if c.isalnum() else " " for c in name.casefold()).split())


def known_names() -> dict[str, str]:
    """Names other trackers give to answers we have (compared as `_words` makes them), to
    the answer's key: every built-in rating where higher is worse by its label, short name,
    name and key, and any question by the names it is `also_called` (from the registry, so a
    new built-in symptom is importable by its name with no list to keep). Deliberately
    short: a "Headache" is not our "pain", "Energy" is not "fatigue" (a map can say so when
    the user means it)."""
    return _known_names(vocabulary.BUILT_IN)


@lru_cache(maxsize=4)
def _known_names(questions: vocabulary.Vocabulary) -> dict[str, str]:
    names: dict[str, str] = {}
    for q in questions:
        said = [*q.also_called]
        if q.kind == "rating" and q.higher == "worse":
            said += [q.label, q.chart_name, q.said, q.key.replace("_", " ")]
        for name in said:
            names.setdefault(_words(name), q.dotted)
    return names


class MapError(ValueError):
    """A map file (or a column in it) that can't be used; the message says what would."""


def resolve(key: str, trackers: Sequence[Tracker] = ()) -> Target:
    """The target a map's `key = "..."` names (`trackers`: the user's own, from settings)."""
    known = targets(trackers)
    target = known.get(key.strip())
    if target is not None:
        return target
    if key.strip().startswith(f"{CUSTOM}."):
        yours = sorted(k for k in known if k.startswith(f"{CUSTOM}."))
        listed = f"yours are {', '.join(yours)}" if yours else "your settings declare none yet"
        raise MapError(
            f"'{key}' is not one of your own trackers ([[trackers]] in "
            f"settings.toml; {listed}): add it there first"
        )
    raise MapError(
        f"'{key}' is not an answer fatiguelog keeps; use one of "
        f"{', '.join(sorted(k for k in known if not k.startswith(CUSTOM)))} "
        '(or "skip")'
    )


def known_target(name: str) -> Target | None:
    """Our answer for another tracker's name of it ("Brain Fog" -> brain fog), if any."""
    key = known_names().get(_words(name))
    return targets().get(key) if key else None
