"""since/last over a flag that starts, stops and starts again; PEM; the summary's fields."""

from __future__ import annotations

import pytest
from history_builder import day, entry, flag, history, stool, summary

from fatiguelog.analysis.build import build_summary
from fatiguelog.problems import Problem
from fatiguelog.settings import Settings
from fatiguelog.store import History


def on_off_on():
    """gi.infrequent is active on days 5-11, off on 12-20, active again from day 21."""
    out = [entry(n, stools=None) for n in range(10)]
    out += [entry(n, stools=[stool(4)]) for n in range(10, 17)]
    out += [entry(n, stools=None) for n in range(17, 30)]
    return history(*out)


def test_since_and_last_follow_the_latest_run():
    s = summary(on_off_on(), 0, 25)
    report = flag(s, "gi.infrequent")
    assert report.since == day(21)
    assert report.last == day(25)
    assert report.active_days == tuple(day(n) for n in [*range(5, 12), *range(21, 26)])


def test_since_may_lie_before_the_period():
    report = flag(summary(on_off_on(), 7, 11), "gi.infrequent")
    assert report.since == day(5)  # the run began before the period
    assert report.last == day(11)


def test_a_flag_that_ended_in_the_period_is_listed_with_its_last_day():
    s = summary(on_off_on(), 0, 15)
    report = flag(s, "gi.infrequent")
    assert (report.since, report.last) == (day(5), day(11))
    assert report not in s.active_flags()


def test_a_flag_not_active_in_the_period_is_not_listed():
    s = summary(on_off_on(), 13, 20)
    assert "gi.infrequent" not in {f.id for f in s.flags}


def test_flags_are_urgent_first():
    h = on_off_on()
    h.entries[day(24)].doc["red_flags"] = {"fever": True}
    levels = [f.level for f in summary(h, 0, 25).flags]
    assert levels == sorted(levels, key={"urgent": 0, "warn": 1, "info": 2}.get)
    assert levels[0] == "urgent"


# --- delayed PEM -------------------------------------------------------------------------
def pem_history(days: int = 30):
    """Exertion 8 every third day (others 2); PEM 6 on the two days after each, else 1."""
    return history(
        *(
            entry(n, exertion=8 if n % 3 == 0 else 2, pem=1 if n % 3 == 0 else 6, fatigue=5)
            for n in range(days)
        )
    )


def test_pem_after_higher_exertion_days():
    p = summary(pem_history(), 0, 29).pem
    assert p.threshold == 8
    assert p.enough_data
    assert (p.pem_after_high_n, p.pem_after_other_n) == (10, 19)  # day 29 has no next day
    assert p.pem_after_high == pytest.approx(6.0)
    assert p.pem_after_other == pytest.approx((18 * 3.5 + 6) / 19)
    assert p.fatigue_after_high == pytest.approx(5.0)
    assert "higher than" in p.statement
    assert "does not show that one causes the other" in p.statement
    assert "10 days" in p.statement and "19 days" in p.statement


def test_pem_not_enough_data():
    p = summary(pem_history(9), 0, 8).pem  # 9 exertion ratings: below the minimum of 10
    assert not p.enough_data
    assert p.pem_after_high is None and p.pem_after_other is None
    assert p.statement.startswith("Not enough data")


def test_pem_all_days_equally_busy_is_not_enough_data():
    h = history(*(entry(n, exertion=5, pem=3) for n in range(20)))
    p = summary(h, 0, 19).pem
    assert p.threshold is None and not p.enough_data


def test_pem_about_the_same_says_so():
    h = history(*(entry(n, exertion=8 if n % 3 == 0 else 2, pem=4) for n in range(30)))
    p = summary(h, 0, 29).pem
    assert "about the same" in p.statement
    assert "causes" not in p.statement


# --- the summary's other fields ----------------------------------------------------------
def test_series_keys_and_gaps():
    h = history(
        entry(0, stools=[stool(2), stool(4)], intake=[("Kratom", 2.0, "g")], fatigue=4),
        entry(2, gi=False, intake=[]),
    )
    s = summary(h, 0, 2)
    for key in (
        "fatigue",
        "pem",
        "pain",
        "brain_fog",
        "sleep_hours",
        "sleep_quality",
        "exertion",
        "sbm_per_week",
        "bristol_mean",
        "intake:Kratom",
    ):
        assert key in s.series
        assert len(s.series[key].values) == 3
    assert s.series["fatigue"].values == (4, None, None)
    assert s.series["bristol_mean"].values == (3.0, None, None)
    assert s.series["intake:Kratom"].values == (2.0, None, 0.0)  # answered nothing = 0
    assert s.intake["Kratom"].opioid_acting
    assert s.gi.bristol_counts == {1: 0, 2: 1, 3: 0, 4: 1, 5: 0, 6: 0, 7: 0}


def test_entries_problems_and_notes():
    h = history(entry(3), entry(1), entry(9))
    h.entries[day(1)].doc["notes"] = "tired"
    problems = [
        Problem("entries/2026/2026-01-02.toml", "bad"),
        Problem("entries/2026/2026-03-01.toml", "outside"),
        Problem("entries/junk.toml", "not an entry name"),
    ]
    h = History(h.entries, problems)
    s = build_summary(h, Settings(), day(0), day(5))
    assert [e.day for e in s.entries] == [day(1), day(3)]
    assert s.days == 6 and s.days_recorded == 2
    assert [p.message for p in s.problems] == ["bad", "not an entry name"]
    assert s.notes is None
    with_notes = build_summary(h, Settings(), day(0), day(5), include_notes=True)
    assert with_notes.notes == ((day(1), "tired"),)


def test_empty_history_says_not_enough_data():
    s = build_summary(History({}, []), Settings(), day(0), day(89))
    assert s.flags == ()
    assert "gi.infrequent" in s.not_enough_data
    assert s.gi.sbm_per_week is None
    assert s.symptoms["fatigue"].mean is None


def test_not_enough_data_explains_what_is_missing():
    s = summary(history(entry(0, stools=None)), 0)
    assert "has 1" in s.not_enough_detail["gi.infrequent"]
