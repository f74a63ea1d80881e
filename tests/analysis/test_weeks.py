"""The week-by-week table (`Summary.weeks`) and the per-day bowel marks: the evidence under
every duration a flag states, worked out in the analysis (views only format it)."""

from __future__ import annotations

from history_builder import day, entry, history, stool, summary


def test_weeks_are_counted_back_from_the_last_day_the_first_may_be_shorter():
    h = history(*(entry(n, stools=[stool(4)]) for n in range(17)))
    weeks = summary(h, 0, 16).weeks
    assert [(w.first, w.last, w.days) for w in weeks] == [
        (day(0), day(2), 3),
        (day(3), day(9), 7),
        (day(10), day(16), 7),
    ]
    assert [w.stools for w in weeks] == [3, 7, 7]


def test_a_week_counts_what_its_days_recorded_and_nothing_more():
    h = history(
        entry(0, stools=[stool(1, straining=True), stool(2, straining=False)]),
        entry(1),  # an answered "no bowel movement"
        entry(2, stools=[stool(6), stool(7), stool(None)], laxative=True),
        entry(3, stools=[stool(4)]),  # the day after a laxative: not spontaneous
        entry(4, gi=False, red=("blood_in_stool", "fever")),  # no bowel answer
        entry(5, stools=[stool(5)], intake=[("senna", 15, "mg")]),  # a laxative-class dose
        # day 6: no entry at all
    )
    (week,) = summary(h, 0, 6).weeks
    assert (week.days, week.days_recorded, week.gi_days) == (7, 6, 5)
    assert (week.stools, week.sbm, week.typed, week.hard, week.loose) == (7, 2, 6, 2, 2)
    assert (week.no_sbm_days, week.straining, week.straining_answered) == (4, 1, 2)
    assert (week.laxative_days, week.laxative_unanswered) == (2, 4)
    assert (week.alarm_days, week.alarms) == (1, ("blood_in_stool", "fever"))


def test_a_week_without_bowel_answers_has_no_bowel_figures():
    h = history(*(entry(n, gi=False, fatigue=5) for n in range(7)))
    (week,) = summary(h, 0, 6).weeks
    assert week.days_recorded == 7 and week.gi_days == 0 and week.stools == 0


def test_no_stool_is_a_zero_and_no_answer_is_a_gap_in_the_daily_bowel_series():
    h = history(
        entry(0, stools=[stool(2), stool(4), stool(6)]),
        entry(1),
        entry(2, gi=False),
        entry(3, stools=[stool(4)], laxative=True),
    )
    s = summary(h, 0, 4)
    assert s.series["stools:hard"].values == (1, 0, None, 0, None)
    assert s.series["stools:typical"].values == (1, 0, None, 1, None)
    assert s.series["stools:loose"].values == (1, 0, None, 0, None)
    assert s.series["laxative_day"].values == (None, None, None, 1, None)
    assert s.series["alarm_day"].values == (0, 0, 0, 0, None)
