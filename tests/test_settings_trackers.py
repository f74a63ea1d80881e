"""The user's own trackers in settings.toml (entry-format.md, "Added: settings"): parsed into
`Settings.trackers` in order; what can't be used is reported, never guessed."""

from __future__ import annotations

import tomllib

import pytest

from fatiguelog.settings import Tracker, parse_settings, settings_document, tracker_table


def parse(text: str) -> tuple[tuple[Tracker, ...], list[str]]:
    settings, problems = parse_settings(tomllib.loads(text), "settings.toml")
    return settings.trackers, [p.message for p in problems]


def test_trackers_of_each_kind_in_order() -> None:
    trackers, problems = parse("""
[[trackers]]
key = "dizziness_standing"
label = "Dizziness on standing"
kind = "rating"
higher = "worse"

[[trackers]]
key = "heart_rate_resting"
label = "Resting heart rate"
kind = "number"
unit = "bpm"
min = 30
max = 220

[[trackers]]
key = "period"
label = "Period"
kind = "yesno"
ask = false
""")
    assert problems == []
    assert trackers == (
        Tracker("dizziness_standing", "Dizziness on standing", "rating", "worse"),
        Tracker("heart_rate_resting", "Resting heart rate", "number", "worse", "bpm", 30, 220),
        Tracker("period", "Period", "yesno", ask=False),
    )


@pytest.mark.parametrize(
    ("table", "said"),
    [
        ('key = "Dizzy!"\nkind = "rating"', "key must be 1-40 of a-z, 0-9 and _"),
        ('key = "x"\nkind = "scale"', "kind must be one of rating, yesno, number"),
        ('kind = "rating"', "key must be 1-40"),
    ],
)
def test_a_tracker_that_cant_be_used_is_left_out_and_reported(table: str, said: str) -> None:
    trackers, problems = parse(f"[[trackers]]\n{table}\n")
    assert trackers == ()
    assert len(problems) == 1 and said in problems[0]


def test_bad_optional_values_use_their_default_and_say_so() -> None:
    trackers, problems = parse("""
[[trackers]]
key = "hr"
kind = "number"
min = 200
max = 30
ask = "no"

[[trackers]]
key = "hr"
kind = "rating"
""")
    assert trackers == (Tracker("hr", "Hr", "number"),)
    assert any("min must be below max" in p for p in problems)
    assert any("ask must be true or false (found text)" in p for p in problems)
    assert any("listed twice" in p for p in problems)
    assert not any("200" in p or '"no"' in p for p in problems)  # never quotes a value


def test_a_tracker_written_back_reads_the_same() -> None:
    tracker = Tracker(
        "hr", "Resting heart rate", "number", unit="bpm", minimum=30, maximum=220, ask=False
    )
    assert parse_settings({"trackers": [tracker_table(tracker)]}, "s")[0].trackers == (tracker,)
    settings, _ = parse_settings({"trackers": [tracker_table(tracker)]}, "s")
    assert settings_document(settings)["trackers"] == [tracker_table(tracker)]
