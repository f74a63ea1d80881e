"""Constipation pattern, change from baseline, persistence, red flags and age."""

from __future__ import annotations

import pytest
from history_builder import active_at, day, entry, flag, history, not_enough_at, stool, summary

from fatiguelog.settings import Settings


# --- gi.constipation_pattern: 2+ Rome IV criteria in 28 days, 14 recorded ---------------
def pattern_history(days: int, straining: int, incomplete: int, extra_none: int = 0):
    """`days` days with one Bristol-4 stool; the first ones strain / feel incomplete."""
    out = [entry(n, stools=[stool(4, straining=n < straining, incomplete=n < incomplete)])
           for n in range(days)]
    out += [entry(days + k, stools=None) for k in range(extra_none)]
    return history(*out)


def test_pattern_two_criteria_fire():
    h = pattern_history(14, straining=4, incomplete=4)  # 29% and 29%
    assert "gi.constipation_pattern" in active_at(h, 13)
    s = summary(h, 13)
    evidence = flag(s, "gi.constipation_pattern").evidence
    assert "(a) straining in 4 of 14 stools" in evidence
    assert "resembles the Rome IV pattern; a diagnosis needs 3 months and a clinician" in evidence


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
    out = [entry(n, stools=[stool(4, straining=True)] if n < stool_days else None)
           for n in range(14)]
    assert ("gi.constipation_pattern" in active_at(history(*out), 13)) is fires


# --- gi.change: vs the 28 days before the last 14 -----------------------------------------
def change_history(window_stools: int, window_bristol: list[int] | None = None,
                   window_recorded: int = 14, baseline_recorded: int = 28):
    """Baseline days 0-27 (one Bristol-4 stool each), window days 28-41."""
    out = [entry(n, stools=[stool(4)]) for n in range(28 - baseline_recorded, 28)]
    bristol = window_bristol or [4] * window_stools
    for k in range(window_recorded):
        out.append(entry(28 + k, stools=[stool(bristol[k])] if k < window_stools else None))
    return history(*out)


@pytest.mark.parametrize(("stools", "fires"), [(12, True), (13, False), (11, True)])
def test_change_sbms_fell_by_one_a_week(stools, fires):
    # Baseline 7.0 a week; 12 of 14 days is 6.0 (fell by exactly 1), 13 is 6.5.
    assert ("gi.change" in active_at(change_history(stools), 41)) is fires


def test_change_mean_bristol_moved_by_one():
    assert "gi.change" in active_at(change_history(14, [5] * 14), 41)  # 4 -> 5
    assert "gi.change" in active_at(change_history(14, [3] * 14), 41)  # 4 -> 3
    almost = [5] * 13 + [4]  # mean 4.93: moved by 0.93
    assert "gi.change" not in active_at(change_history(14, almost), 41)


@pytest.mark.parametrize(("window", "baseline", "enough"),
                         [(10, 14, True), (9, 14, False), (10, 13, False)])
def test_change_minimum_data(window, baseline, enough):
    h = change_history(0, window_recorded=window, baseline_recorded=baseline)
    assert ("gi.change" in not_enough_at(h, 41)) is (not enough)
    assert ("gi.change" in active_at(h, 41)) is enough  # no stools at all: fell


# --- gi.persistent -----------------------------------------------------------------------
def no_stools(days: int):
    """Only "none today": gi.infrequent is active from day 5 (6 recorded days) on."""
    return history(*(entry(n, stools=None) for n in range(days)))


def test_persistent_constipation_on_75_percent_of_42_days():
    h = no_stools(40)
    assert "gi.persistent" not in active_at(h, 35)  # days 5-35: 31 of 42
    assert "gi.persistent" in active_at(h, 36)  # 32 of 42 (>= 75%)
    s = summary(h, 36)
    assert "book an appointment" in flag(s, "gi.persistent").advice.lower()


def test_persistent_loose_stools_more_than_seven_days_in_a_row():
    h = history(*(entry(n, stools=[stool(7)]) for n in range(12)))  # loose from day 3
    assert "gi.persistent" not in active_at(h, 9)  # 7 days in a row
    assert "gi.persistent" in active_at(h, 10)  # 8 days in a row


# --- red flags ---------------------------------------------------------------------------
def test_red_flag_stays_for_seven_days_and_comes_first():
    h = history(entry(0, red=("blood_in_stool",)), *(entry(n, stools=None) for n in range(1, 9)))
    s = summary(h, 6)
    assert s.flags[0].id == "red.blood_in_stool"
    assert s.flags[0].level == "urgent"
    assert "seek medical care promptly" in s.flags[0].advice
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


# --- red.age_change ----------------------------------------------------------------------
@pytest.mark.parametrize(("born", "fires"), [(1976, True), (1977, False), (1950, True)])
def test_age_change_at_fifty(born, fires):
    # day(...) is in 2026: born 1976 is 50 that year.
    h = no_stools(8)
    assert ("red.age_change" in active_at(h, 7, Settings(birth_year=born))) is fires


def test_age_change_needs_a_birth_year_and_a_change():
    assert "red.age_change" in not_enough_at(no_stools(8), 7, Settings())
    calm = history(*(entry(n, stools=[stool(4)]) for n in range(8)))
    assert "red.age_change" not in active_at(calm, 7, Settings(birth_year=1940))
