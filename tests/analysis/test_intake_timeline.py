"""The medication timeline (`Summary.intake_timeline`): ranges of a steady daily amount,
delimited by the v2 intake events; a wobble within the rule's limits stays one range."""

from __future__ import annotations

from history_builder import day, entry, history, summary

from fatiguelog.settings import Settings, Substance


def taken(amounts: dict[int, float | None], name: str = "kratom", unit: str = "g"):
    """A dose per day: a number, 0 for an answered "nothing", None for no intake answer."""
    out = []
    for n, amount in sorted(amounts.items()):
        out.append(
            entry(n)
            if amount is None
            else entry(n, intake=[(name, amount, unit)] if amount else [])
        )
    return history(*out)


def rows(h, first: int, last: int, settings: Settings | None = None):
    s = summary(h, first, last, settings=settings)
    return [
        (
            (r.first - day(0)).days,
            (r.last - day(0)).days,
            r.status,
            r.daily_amount,
            r.min_daily,
            r.max_daily,
            r.change,
            r.current,
        )
        for r in s.intake_timeline
    ]


def test_a_lasting_increase_and_decrease_are_new_ranges_the_last_is_current():
    h = taken(
        {
            **{n: 2.0 for n in range(20)},
            **{n: 4.0 for n in range(20, 40)},
            **{n: 1.5 for n in range(40, 60)},
        }
    )
    assert rows(h, 0, 59) == [
        (0, 19, "taking", 2.0, 2.0, 2.0, None, False),
        (20, 39, "taking", 4.0, 4.0, 4.0, "increase", False),
        (40, 59, "taking", 1.5, 1.5, 1.5, "decrease", True),
    ]


def test_a_wobble_within_the_limits_is_one_range():
    """Issue 12: "coffee 1-2 cups stays one range '1-2 cups a day' unless it crosses the
    increase rule and stays there"."""
    cups = {n: 2.0 if n % 9 == 4 else 1.0 for n in range(60)}
    h = taken(cups, "coffee", "cup")
    s = summary(h, 0, 59)
    assert [e.kind for e in s.intake["coffee"].events][:1] == ["increase"]  # by the rule...
    (only,) = s.intake_timeline  # ...but not a new range
    assert (only.min_daily, only.max_daily, only.daily_amount, only.klass) == (1, 2, 1, None)
    assert only.current and only.status == "taking"


def test_a_change_seen_on_one_day_only_is_not_yet_a_range():
    h = taken({**{n: 2.0 for n in range(20)}, 20: 4.0})
    assert rows(h, 0, 20) == [(0, 20, "taking", 2.0, 2.0, 4.0, None, True)]
    h = taken({**{n: 2.0 for n in range(20)}, 20: 4.0, 21: 4.0})
    assert rows(h, 0, 21)[-1] == (20, 21, "taking", 4.0, 4.0, 4.0, "increase", True)


def test_a_stop_is_a_stopped_range_and_going_back_is_resumed():
    h = taken(
        {**{n: 2.0 for n in range(10)}, 10: 0, 11: 0, 12: 0, **{n: 2.0 for n in range(13, 20)}}
    )
    assert rows(h, 0, 19) == [
        (0, 9, "taking", 2.0, 2.0, 2.0, None, False),
        (10, 12, "stopped", 0.0, 0.0, 0.0, "stop", False),
        (13, 19, "taking", 2.0, 2.0, 2.0, "resumed", True),
    ]
    stopped = taken({**{n: 2.0 for n in range(10)}, **{n: 0 for n in range(10, 20)}})
    assert rows(stopped, 0, 19)[-1] == (10, 19, "stopped", 0.0, 0.0, 0.0, "stop", True)


def test_a_start_after_14_days_without_it():
    h = taken({**{n: 0 for n in range(15)}, **{n: 3.0 for n in range(15, 25)}})
    assert rows(h, 0, 24) == [(15, 24, "taking", 3.0, 3.0, 3.0, "start", True)]


def test_a_range_that_began_before_the_period_starts_with_it():
    h = taken({n: 2.0 for n in range(40)})
    s = summary(h, 20, 39)
    (only,) = s.intake_timeline
    assert only.first == day(20) and only.before_period and only.change is None
    assert only.days_taken == 20


def test_classes_come_from_settings_then_the_table():
    h = history(
        *(
            entry(n, intake=[("Codeine", 30, "mg"), ("coffee", 1, "cup"), ("Kanna", 50, "mg")])
            for n in range(5)
        )
    )
    mine = Settings(substances=(Substance("Kanna", "mg", klass="other"),))
    s = summary(h, 0, 4, settings=mine)
    assert {r.substance: r.klass for r in s.intake_timeline} == {
        "Codeine": "opioid",
        "coffee": None,
        "Kanna": "other",
    }


def test_use_as_needed_is_one_range_not_a_stop_every_few_days():
    """Review of issue 10, item 9: senna every third day (nothing taken between) was 27
    ranges in 40 days, "stopped" and "resumed" 13 times each."""
    h = taken({n: 2.0 if n % 3 == 0 else 0 for n in range(40)}, "senna", "tablet")
    (only,) = summary(h, 0, 39).intake_timeline
    assert (
        (only.first - day(0)).days,
        (only.last - day(0)).days,
        only.status,
        only.days_taken,
        only.daily_amount,
        only.current,
    ) == (0, 39, "taking", 14, 2.0, True)
    # the same pattern, the period ending two days after the last dose: still as needed
    assert [r.status for r in summary(h, 0, 38).intake_timeline] == ["taking"]
    # a break longer than its usual ones is a stop
    longer = taken(
        {**{n: 2.0 if n % 3 == 0 else 0 for n in range(30)}, **{n: 0 for n in range(30, 40)}},
        "senna",
        "tablet",
    )
    assert [r.status for r in summary(longer, 0, 39).intake_timeline] == ["taking", "stopped"]


def test_daily_use_with_two_days_off_is_stopped_then_resumed():
    """Review of issue 10, item 3 (its timeline part): kratom 2 g a day, two days of "nothing
    taken", back to 2 g: the timeline says stopped, then resumed (the views are issue 12's)."""
    h = taken({**{n: 2.0 for n in range(30)}, 30: 0, 31: 0, **{n: 2.0 for n in range(32, 60)}})
    assert [(r.status, r.change) for r in summary(h, 0, 59).intake_timeline] == [
        ("taking", None),
        ("stopped", "stop"),
        ("taking", "resumed"),
    ]


def test_senna_every_third_day_is_one_range_taken_on_n_of_m_days():
    """Outside test of issue 10 (item 9): senna every third day read as 10 "stopped" lines.
    On-and-off use is one range, still current at the end, never "stopped"."""
    h = taken({n: 15.0 if n % 3 == 0 else 0 for n in range(31)}, "senna", "mg")
    s = summary(h, 0, 30)
    (only,) = s.intake_timeline
    assert (only.status, only.intermittent, only.current) == ("taking", True, True)
    assert (only.days_taken, only.intake_days) == (11, 31)
    assert (only.first, only.last, only.last_taken) == (day(0), day(30), day(30))
    h = taken({n: 15.0 if n % 3 == 0 else 0 for n in range(33)}, "senna", "mg")
    (only,) = summary(h, 0, 32).intake_timeline  # ends 2 days after a dose: the usual gap
    assert only.status == "taking" and only.last == day(32) and only.last_taken == day(30)


def test_on_and_off_use_that_then_stops_ends_with_a_stop():
    amounts = {n: 15.0 if n % 3 == 0 and n < 30 else 0 for n in range(45)}
    h = taken(amounts, "senna", "mg")
    assert [(r.status, r.intermittent, r.current) for r in summary(h, 0, 44).intake_timeline] == [
        ("taking", True, False),
        ("stopped", False, True),
    ]


def test_a_resumed_substance_is_taken_on_the_last_row():
    """Outside test of issue 10 (item 3): kratom 2 g a day, two days of "nothing taken", back
    to 2 g: the latest range is "resumed" and taken, never "stopped"."""
    h = taken({**{n: 2.0 for n in range(20)}, 20: 0, 21: 0, 22: 2.0, 23: 2.0})
    assert rows(h, 0, 23) == [
        (0, 19, "taking", 2.0, 2.0, 2.0, None, False),
        (20, 21, "stopped", 0.0, 0.0, 0.0, "stop", False),
        (22, 23, "taking", 2.0, 2.0, 2.0, "resumed", True),
    ]
    h = taken({**{n: 2.0 for n in range(20)}, 20: 0, 21: 0, 22: 2.0})  # back for one day
    assert rows(h, 0, 22)[-1] == (22, 22, "taking", 2.0, 2.0, 2.0, "resumed", True)


def test_every_other_day_is_one_range_taken_on_half_the_days():
    h = taken({n: 2.0 if n % 2 == 0 else 0 for n in range(30)})
    (only,) = summary(h, 0, 29).intake_timeline
    assert only.status == "taking" and only.intermittent and only.days_taken == 15
    daily = taken({n: 2.0 for n in range(30)})
    assert not summary(daily, 0, 29).intake_timeline[0].intermittent


def test_a_random_wobble_between_two_amounts_is_one_range():
    """Outside test of issue 12, finding 2: coffee 1 or 2 cups at random for 70 days made 27
    ranges ("increased from 1 cup", "decreased from 1-2 cups"). A wobble between amounts the
    range already had is one range; a move to amounts outside it (3-4 cups) is a new one."""
    import random

    pick = random.Random(3)
    cups = {n: float(pick.choice([1, 2]) if n < 70 else pick.choice([3, 4])) for n in range(90)}
    h = taken(cups, "coffee", "cup")
    got = rows(h, 0, 89)
    assert [(r[0], r[4], r[5], r[6]) for r in got] == [(0, 1, 2, None), (70, 3, 4, "increase")]
    # the usual amount is one that was taken, never a median no day had ("usually 1.5")
    assert all(r[3] in (1, 2, 3, 4) for r in got)


def test_a_lasting_change_with_a_day_of_the_new_amount_before_it_stays_a_change():
    """Merging wobble must not swallow a real change: 2 g with one 3 g day, then 3 g daily."""
    h = taken({**{n: 2.0 for n in range(30)}, 12: 3.0, **{n: 3.0 for n in range(30, 50)}})
    got = rows(h, 0, 49)
    assert [(r[0], r[3], r[6]) for r in got] == [(0, 2.0, None), (30, 3.0, "increase")]


def test_the_usual_amount_is_the_most_common_one():
    h = taken({n: (2.0 if n % 3 else 1.0) for n in range(30)}, "coffee", "cup")
    (only,) = summary(h, 0, 29).intake_timeline
    assert only.daily_amount == 2.0 and (only.min_daily, only.max_daily) == (1.0, 2.0)
