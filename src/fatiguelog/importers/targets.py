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

A user's own tracker (`custom.<key>`, declared in settings `[[trackers]]`) will be one more
entry point in `resolve`: its kind (rating, yesno, number) is already one of these.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from fatiguelog.model import RED_FLAGS, key_label


class Target(NamedTuple):
    path: tuple[str, ...]
    kind: str  # rating | quality | yesno | hours | number | text | stool | dose
    limit: float | None = None  # numbers: the largest accepted value

    @property
    def key(self) -> str:
        return ".".join(self.path)

    @property
    def label(self) -> str:
        return key_label(self.path)

    @property
    def higher(self) -> str:
        """Which way our own scale runs (ratings only)."""
        return "better" if self.kind == "quality" else "worse"


TARGETS: Final[dict[str, Target]] = {
    t.key: t for t in (
        Target(("symptoms", "fatigue"), "rating"),
        Target(("symptoms", "pem"), "rating"),
        Target(("symptoms", "pain"), "rating"),
        Target(("symptoms", "brain_fog"), "rating"),
        Target(("symptoms", "crash"), "yesno"),
        Target(("symptoms", "unrefreshing_sleep"), "yesno"),
        Target(("sleep", "hours"), "hours", 24),
        Target(("sleep", "quality"), "quality"),
        Target(("activity", "exertion"), "rating"),
        Target(("gi", "stools"), "stool"),
        Target(("gi", "abdominal_pain"), "rating"),
        Target(("gi", "bloating"), "rating"),
        Target(("gi", "nausea"), "rating"),
        Target(("gi", "laxative"), "yesno"),
        Target(("diet", "fiber_servings"), "number", 1000),
        Target(("diet", "water_ml"), "number", 100_000),
        Target(("intake",), "dose"),
        Target(("notes",), "text"),
        *(Target(("red_flags", key), "yesno") for key in RED_FLAGS),
    )
}
RATING_KINDS: Final = ("rating", "quality")

#: Names other trackers give to answers we have, compared lower-case without punctuation.
#: Deliberately short: a "Headache" is not our "pain", "Energy" is not "fatigue" (a map can
#: say so when the user means it).
KNOWN_NAMES: Final[dict[str, str]] = {
    "fatigue": "symptoms.fatigue",
    "tiredness": "symptoms.fatigue",
    "exhaustion": "symptoms.fatigue",
    "post exertional malaise": "symptoms.pem",
    "post exertional malaise pem": "symptoms.pem",
    "pem": "symptoms.pem",
    "pain": "symptoms.pain",
    "general pain": "symptoms.pain",
    "brain fog": "symptoms.brain_fog",
    "crash": "symptoms.crash",
    "pem crash": "symptoms.crash",
    "nausea": "gi.nausea",
    "bloating": "gi.bloating",
    "stomach pain": "gi.abdominal_pain",
    "abdominal pain": "gi.abdominal_pain",
    "stomach ache": "gi.abdominal_pain",
    "stomachache": "gi.abdominal_pain",
    "belly pain": "gi.abdominal_pain",
}


class MapError(ValueError):
    """A map file (or a column in it) that can't be used; the message says what would."""


def resolve(key: str) -> Target:
    """The target a map's `key = "..."` names."""
    target = TARGETS.get(key.strip())
    if target is not None:
        return target
    if key.strip().startswith("custom."):
        raise MapError(f"'{key}': your own trackers ([[trackers]] in settings) are not in this "
                       "version yet, so there is no place for it")
    raise MapError(f"'{key}' is not an answer fatiguelog keeps; use one of "
                   f"{', '.join(sorted(TARGETS))} (or \"skip\")")


def known_target(name: str) -> Target | None:
    """Our answer for another tracker's name of it ("Brain Fog" -> brain fog), if any."""
    words = "".join(c if c.isalnum() else " " for c in name.casefold()).split()
    key = KNOWN_NAMES.get(" ".join(words))
    return TARGETS[key] if key else None
