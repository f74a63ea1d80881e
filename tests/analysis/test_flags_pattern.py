"""Constipation pattern, change from baseline, persistence, red flags and age (flags.md v2),
each at, just below and just above its threshold."""

from __future__ import annotations

import pytest
from history_builder import active_at, day, entry, flag, history, not_enough_at, stool, summary

from fatiguelog.settings import Settings


# --- gi.constipation_pattern: 2+ Rome IV criteria in 28 days, 14 recorded ---------------
def pattern_history(days: int, straining: int, incomplete: int, extra_none: int = 0):
    """`days` days with one Bristol-4 stool; the first ones strain / feel incomplete."""
    out = [
        entry(n, stools=[stool(4, straining=n < straining, incomplete=n < incomplete)])
        for n in range(days)
    ]
    out += [entry(days + k, stools=None) for k in range(extra_none)]
    return history(*out)


def test_pattern_two_criteria_fire():
    h = pattern_history(14, straining=4, incomplete=4)  # 29% and 29%
    assert "gi.constipation_pattern" in active_at(h, 13)
    s = summary(h, 13)
    evidence = flag(s, "gi.constipation_pattern").evidence
    assert "(a) straining in 4 of 14 stools" in evidence
    assert (
        "resembles the Rome IV pattern; a diagnosis needs symptoms over 3 months and a clinician"
    ) in evidence


def test_pattern_one_criterion_does_not_fire():
    h = pattern_history(14, straining=4, incomplete=3)  # 29% and 21%
    assert "gi.constipation_pattern" not in active_at(h, 13)


def test_pattern_exactly_a_quarter_is_not_a_criterion():
    h = pattern_history(16, straining=4, incomplete=5)  # 25% and 31%
    assert "gi.constipation_pattern" not in active_at(h, 15)
    h = pattern_history(16, straining=5, incomplete=5)
    assert "gi.constipation_pattern" in active_at(h, 15)


def test_pattern_needs_14_recorded_days():
    h = pattern_history(13, straining=13, incomplete=13)
    assert "gi.constipation_pattern" not in active_at(h, 12)
    assert "gi.constipation_pattern" in not_enough_at(h, 12)


@pytest.mark.parametrize(("stool_days", "fires"), [(5, True), (6, False)])
def test_pattern_criterion_f_under_three_sbms_a_week(stool_days, fires):
    # 14 recorded days: 5 SBMs is 2.5 a week (met), 6 is exactly 3.0 (not under 3).
    out = [
        entry(n, stools=[stool(4, straining=True)] if n < stool_days else None) for n in range(14)
    ]
    assert ("gi.constipation_pattern" in active_at(history(*out), 13)) is fires


# --- gi.change v2: a move away from typical, against the 28 days before the last 14 -------
def change_history(
    window_stools: int,
    window_bristol: list[int] | None = None,
    window_recorded: int = 14,
    baseline_recorded: int = 28,
    baseline_bristol: int = 4,
    baseline_per_day: int = 1,
):
    """Baseline days 0-27 (`baseline_per_day` stools of `baseline_bristol` each), window
    days 28-41 (one stool on each of the first `window_stools` days)."""
    out = [
        entry(n, stools=[stool(baseline_bristol)] * baseline_per_day)
        for n in range(28 - baseline_recorded, 28)
    ]
    bristol = window_bristol or [4] * window_stools
    for k in range(window_recorded):
        out.append(entry(28 + k, stools=[stool(bristol[k])] if k < window_stools else None))
    return history(*out)


@pytest.mark.parametrize(("stools", "fires"), [(7, True), (8, False), (6, True)])
def test_change_sbms_fell_by_at_least_half(stools, fires):
    # Baseline 7.0 a week; 7 of 14 days is 3.5 (exactly half: fell by half), 8 is 4.0.
    assert ("gi.change" in active_at(change_history(stools), 41)) is fires


def test_change_needs_a_fall_of_at_least_1_5_a_week():
    # Baseline 2 a week (8 of 28 days); 7 of 14 would be... use 2 of 14 days: 1.0 a week,
    # half of 2.0 but a fall of only 1.0: no. 1 of 14 days: 0.5 a week, a fall of 1.5: yes.
    def low(window: int):
        out = [entry(n, stools=[stool(4)] if n % 7 < 2 else None) for n in range(28)]
        out += [entry(28 + k, stools=[stool(4)] if k < window else None) for k in range(14)]
        return history(*out)

    assert "gi.change" not in active_at(low(2), 41)
    assert "gi.change" in active_at(low(1), 41)


def test_change_sbms_under_seven_a_week():
    # Baseline 3 a day (21 a week); the last 14 days 1 a day (7 a week): fell by two thirds
    # but 7 a week is not under 7. 13 of 14 days (6.5 a week) is.
    assert "gi.change" not in active_at(change_history(14, baseline_per_day=3), 41)
    assert "gi.change" in active_at(change_history(13, baseline_per_day=3), 41)


@pytest.mark.parametrize(
    ("bristol", "fires"),
    [
        ([3] * 14, True),  # 4 -> 3.0: fell by 1, 3.0 or less
        ([3] * 13 + [4], False),  # 3.07: fell by 0.93
        ([5] * 14, True),  # 4 -> 5.0: rose by 1, 5.0 or more
        ([5] * 13 + [4], False),  # 4.93
    ],
)
def test_change_mean_bristol_moved_away_from_typical(bristol, fires):
    assert ("gi.change" in active_at(change_history(14, bristol), 41)) is fires


def test_change_back_to_typical_is_not_a_change():
    """Why: "in the demo both fire because stools went *back to normal*"."""
    # Hard stools (Bristol 2) in the baseline, then normal ones: rose by 2, but to 4.0.
    assert "gi.change" not in active_at(change_history(14, baseline_bristol=2), 41)
    # Loose stools in the baseline, then normal: fell by 2, but to 4.0.
    assert "gi.change" not in active_at(change_history(14, baseline_bristol=6), 41)
    # Few stools, then one a day: more SBMs is never a change by this rule.
    few = [entry(n, stools=[stool(4)] if n % 4 == 0 else None) for n in range(28)]
    few += [entry(28 + k, stools=[stool(4)]) for k in range(14)]
    assert "gi.change" not in active_at(history(*few), 41)


@pytest.mark.parametrize(
    ("window", "baseline", "enough"), [(10, 14, True), (9, 14, False), (10, 13, False)]
)
def test_change_minimum_data(window, baseline, enough):
    h = change_history(0, window_recorded=window, baseline_recorded=baseline)
    assert ("gi.change" in not_enough_at(h, 41)) is (not enough)
    assert ("gi.change" in active_at(h, 41)) is enough  # no stools at all: fell


# --- gi.persistent v2: 3 week blocks, or more than 7 days in a row of loose stools -------
def weeks(kinds: str, extra: int = 0):
    """One week per letter, oldest first: c = constipation week (a hard straining stool on 4
    days of 7, none on the others), n = normal, l = loose week."""
    out = []
    for w, kind in enumerate(kinds):
        for k in range(7):
            n = 7 * w + k
            if kind == "c":
                out.append(entry(n, stools=[stool(1, straining=True)] if k % 2 == 0 else None))
            elif kind == "l":
                out.append(entry(n, stools=[stool(7)] if k in (0, 2, 4) else [stool(4)]))
            else:
                out.append(entry(n, stools=[stool(4, straining=False)]))
    return history(*out)


@pytest.mark.parametrize(
    ("kinds", "fires"),
    [("nccc", True), ("ncnc", False), ("nncc", False), ("nlll", True), ("nllc", False)],
)
def test_persistent_needs_three_week_blocks_alike(kinds, fires):
    h = weeks(kinds)
    assert ("gi.persistent" in active_at(h, 7 * len(kinds) - 1)) is fires
    if fires:
        assert (
            "book a gp appointment; this is not urgent"
            in flag(summary(h, 7 * len(kinds) - 1), "gi.persistent").advice.lower()
        )


def test_a_constipation_week_needs_two_items_and_four_recorded_days():
    # 3 recorded days a week: not judged, so not a constipation week.
    out = [
        entry(n, stools=[stool(1, straining=True)] if n % 7 < 3 else None)
        if n % 7 < 3
        else entry(n, gi=False, fatigue=5)
        for n in range(28)
    ]
    assert "gi.persistent" not in active_at(history(*out), 27)


@pytest.mark.parametrize(("loose_stools", "fires"), [(3, True), (2, False)])
def test_a_loose_week_needs_three_loose_stools(loose_stools, fires):
    out = []
    for w in range(3):
        for k in range(7):
            loose = k < loose_stools
            out.append(entry(7 * w + k, stools=[stool(7 if loose else 4)] if k < 4 else None))
    assert ("gi.persistent" in active_at(history(*out), 20)) is fires


def test_persistent_loose_stools_more_than_seven_days_in_a_row():
    h = history(*(entry(n, stools=[stool(7)]) for n in range(12)))
    assert "gi.persistent" not in active_at(h, 6)  # 7 days in a row
    assert "gi.persistent" in active_at(h, 7)  # 8 days in a row


def test_an_unrecorded_day_or_a_day_without_a_loose_stool_breaks_the_run():
    gap = [entry(n, stools=[stool(7)]) for n in range(10) if n != 4]
    assert "gi.persistent" not in active_at(history(*gap), 9)
    firm = [entry(n, stools=[stool(4 if n == 4 else 7)]) for n in range(10)]
    assert "gi.persistent" not in active_at(history(*firm), 9)


def test_one_day_of_watery_stools_is_not_a_lasting_change():
    """Why: "one day of five watery stools gave 14 days of 'loose stools' and then
    'diarrhoea lasting over 7 days'"."""
    out = [entry(n, stools=[stool(4)]) for n in range(40)]
    out[20] = entry(20, stools=[stool(7)] * 5)
    h = history(*out)
    s = summary(h, 0, 39)
    assert "gi.persistent" not in {f.id for f in s.flags}
    loose = flag(s, "gi.loose_stools")
    assert loose.evidence_days.count == 1  # one day with loose stools...
    assert loose.evidence_days.first == loose.evidence_days.last == day(20)


def test_constipation_that_ended_is_not_lasting_13_days_later():
    """Why: "a constipation episode triggered 'over 6 weeks' 13 days after it had ended"."""
    h = weeks("nccccnnn")  # four weeks of constipation (days 7-34), then normal
    end = 34
    assert "gi.persistent" in active_at(h, end)
    on = flag(summary(h, 0, 55), "gi.persistent").active_days
    assert max(on) <= day(end + 6)  # the last week block must hold constipation
    assert "gi.persistent" not in active_at(h, end + 13)
    report = flag(summary(h, 0, end + 13), "gi.persistent")
    assert report.evidence_days.last <= day(end)  # the symptoms, not the days the flag was on


# --- red flags ---------------------------------------------------------------------------
def test_red_flag_stays_for_seven_days_and_comes_first():
    h = history(entry(0, red=("blood_in_stool",)), *(entry(n, stools=None) for n in range(1, 9)))
    s = summary(h, 6)
    assert s.flags[0].id == "red.blood_in_stool"
    assert s.flags[0].level == "urgent"
    assert "urgent GP appointment" in s.flags[0].advice
    assert s.flags[0].since == day(0)
    assert "red.blood_in_stool" not in active_at(h, 7)


def test_every_red_flag_key_is_a_rule():
    from fatiguelog.model import RED_FLAGS

    for key in RED_FLAGS:
        assert f"red.{key}" in active_at(history(entry(0, red=(key,))), 0)


def test_red_flag_false_is_not_reported():
    e = entry(0)
    e.doc["red_flags"] = {"fever": False}
    assert not any(i.startswith("red.") for i in active_at(history(e), 0))


@pytest.mark.parametrize(
    ("key", "words"),
    [
        (
            "blood_in_stool",
            "ask for an urgent GP appointment or call your urgent medical advice line "
            "today; if bleeding is heavy or won't stop, call your emergency number",
        ),
        ("black_stool", "ask for an urgent GP appointment"),
        ("vomiting", "seek medical care promptly, today"),
        ("fever", "seek medical care promptly, today"),
    ],
)
def test_urgent_advice_is_graded_by_what_was_reported(key, words):
    report = flag(summary(history(entry(0, red=(key,))), 0), f"red.{key}")
    assert report.level == "urgent"
    assert words.lower() in report.advice.lower()


def test_unintended_weight_loss_is_see_a_gp_soon_not_an_emergency():
    """Why: "unintended weight loss gets 'urgent care today'"."""
    s = summary(history(entry(0, red=("unintended_weight_loss",))), 0)
    report = flag(s, "red.unintended_weight_loss")
    assert report.level == "warn"
    assert "see a gp soon" in report.advice.lower()
    assert "today" not in report.advice and "urgent" not in report.advice.lower()
    assert s.banner == ()


# --- red.age_change v2: a new lasting change at 50 or over -------------------------------
@pytest.mark.parametrize(("born", "fires"), [(1976, True), (1977, False), (1950, True)])
def test_age_change_at_fifty(born, fires):
    # day(...) is in 2026: born 1976 is 50 that year.
    h = weeks("nccc")
    assert ("red.age_change" in active_at(h, 27, Settings(birth_year=born))) is fires


def test_age_change_needs_a_lasting_change_not_any_flag():
    # Few bowel movements for a week at 66: gi.infrequent, but not a lasting change.
    h = no_stools(8)
    assert "gi.infrequent" in active_at(h, 7, Settings(birth_year=1960))
    assert "red.age_change" not in active_at(h, 7, Settings(birth_year=1960))


def test_age_change_is_new_as_far_as_the_entries_go():
    s = summary(weeks("nccc"), 27, settings=Settings(birth_year=1960))
    report = flag(s, "red.age_change")
    assert f"new as far as your entries go (they start on {day(0).isoformat()})" in report.evidence


def test_age_change_not_new_when_a_lasting_change_came_in_the_year_before():
    h = weeks("nccc" + "n" * 8 + "ccc")
    last = 7 * 15 - 1
    assert "gi.persistent" in active_at(h, last)
    assert "red.age_change" not in active_at(h, last, Settings(birth_year=1960))
    assert "red.age_change" in active_at(h, 27, Settings(birth_year=1960))


def test_age_change_needs_a_birth_year():
    assert "red.age_change" in not_enough_at(weeks("nccc"), 27, Settings())


def no_stools(days: int):
    """Only "none today": gi.infrequent is active from day 5 (6 recorded days) on."""
    return history(*(entry(n, stools=None) for n in range(days)))
