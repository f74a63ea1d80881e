"""Intake events (flags.md v2) and the two rules that read them: the opioid timing rule and the
reduction note on loose stools."""

from __future__ import annotations

import pytest
from history_builder import active_at, day, entry, flag, history, stool, summary

KRATOM = "kratom"


def doses(amounts: dict[int, float | None], name: str = KRATOM, unit: str = "g"):
    """Intake per day: a number is a dose, 0 an answered "nothing", None no intake answer."""
    out = []
    for n, amount in sorted(amounts.items()):
        if amount is None:
            out.append(entry(n))
        else:
            out.append(entry(n, intake=[(name, amount, unit)] if amount else []))
    return history(*out)


def events(h, last: int, name: str = KRATOM):
    s = summary(h, 0, last)
    stats = s.intake.get(name)
    return [] if stats is None else [(e.day, e.kind) for e in stats.events]


# --- increase and decrease: against the mean of the last (up to 7) taken days ------------
@pytest.mark.parametrize(
    ("amount", "kind"),
    [
        (2.5, None),  # exactly 25% above the mean of 2: not more than 25%
        (2.51, "increase"),
        (1.5, None),  # exactly 75% of the mean
        (1.49, "decrease"),
    ],
)
def test_increase_and_decrease_thresholds(amount, kind):
    h = doses({**{n: 2.0 for n in range(7)}, 7: amount})
    expected = [] if kind is None else [(day(7), kind)]
    assert events(h, 7) == expected


def test_the_mean_is_of_the_last_seven_taken_days_only():
    # 1 g for 3 days, then 4 g for 7: the 8th 4 g day is compared with the 4 g days only.
    h = doses({**{n: 1.0 for n in range(3)}, **{n: 4.0 for n in range(3, 11)}})
    kinds = events(h, 10)
    assert (day(10), "increase") not in kinds
    assert kinds[0] == (day(3), "increase")


def test_one_earlier_taken_day_is_enough_to_compare_with():
    assert events(doses({0: 2.0, 1: 4.0}), 1) == [(day(1), "increase")]


def test_taken_days_older_than_14_days_are_not_compared_with():
    # 2 g on day 0, nothing known for 14 days, 4 g on day 15: nothing to compare with, and
    # too few intake days before it to call it a start.
    assert events(doses({0: 2.0, 15: 4.0}), 15) == []


def test_days_off_are_not_zeros():
    """Why: "kratom 2 g a day, two days off, back to 2 g: 'increased to 2 g/day'"."""
    h = doses({**{n: 2.0 for n in range(7)}, 7: 0, 8: 0, 9: 2.0, 10: 2.0})
    assert events(h, 10) == [(day(7), "stop")]  # two days off is a stop; going back is nothing


# --- stop: the first of 2 or more consecutive intake days without it --------------------
def test_a_single_missed_day_is_not_a_stop():
    assert events(doses({**{n: 2.0 for n in range(7)}, 7: 0, 8: 2.0}), 8) == []


def test_two_intake_days_without_it_are_a_stop_on_the_first():
    assert events(doses({**{n: 2.0 for n in range(7)}, 7: 0, 8: 0}), 8) == [(day(7), "stop")]


def test_a_day_without_an_intake_answer_is_unknown_neither_breaking_nor_making_a_stop():
    assert events(doses({**{n: 2.0 for n in range(7)}, 7: None, 8: 2.0}), 8) == []
    h = doses({**{n: 2.0 for n in range(7)}, 7: 0, 8: None, 9: 0})
    assert events(h, 9) == [(day(7), "stop")]


def test_a_stop_needs_its_second_day_inside_the_period():
    h = doses({**{n: 2.0 for n in range(7)}, 7: 0, 8: 0})
    assert events(h, 7) == []  # on day 7 it is one day off, not (yet) a stop


# --- start: no taken day in the 14 before, at least 7 of them intake days ---------------
@pytest.mark.parametrize(("known", "start"), [(7, True), (6, False), (14, True)])
def test_start_needs_seven_of_the_fourteen_days_before_known(known, start):
    amounts: dict[int, float | None] = {n: None for n in range(14)}
    for n in range(14 - known, 14):
        amounts[n] = 0
    amounts[14] = 2.0
    assert events(doses(amounts), 14) == ([(day(14), "start")] if start else [])


def test_the_first_intake_day_of_a_history_is_never_a_start():
    assert events(doses({0: 2.0, 1: 2.0}), 1) == []


def test_taken_13_days_before_is_not_a_start():
    h = doses({0: 2.0, **{n: 0 for n in range(1, 14)}, 14: 2.0})
    assert (day(14), "start") not in events(h, 14)


def test_sustained_change_is_marked_as_continuing():
    h = doses({**{n: 2.0 for n in range(7)}, **{n: 4.0 for n in range(7, 12)}})
    stats = summary(h, 0, 11).intake[KRATOM]
    assert [e.kind for e in stats.events][:2] == ["increase", "increase"]
    assert [e.continues for e in stats.events][:2] == [False, True]


# --- gi.after_intake_increase: 2+ Rome IV items, an opioid start or increase ----------
def constipated(n: int) -> list:
    """From day 20: a hard, straining stool on two days in three (items (a) and (b))."""
    if n < 20:
        return [stool(4, straining=False)]
    return [stool(1, straining=True)] if n % 3 else []


def timing_history(start_day: int | None, *, substance: str = KRATOM, days: int = 34):
    """Nothing taken until `start_day` (answered), then 2 g a day; constipation from day 20."""
    out = []
    for n in range(days):
        taken = start_day is not None and n >= start_day
        out.append(
            entry(n, stools=constipated(n) or None, intake=[(substance, 2.0, "g")] if taken else [])
        )
    return history(*out)


def run_start() -> int:
    """The first day of the run of "2 or more items" in the timing history (start on day s)."""
    s = summary(timing_history(18), 33)
    return (flag(s, "gi.after_intake_increase").since - day(0)).days


@pytest.mark.parametrize(
    ("offset", "fires"), [(-15, False), (-14, True), (-1, True), (0, True), (1, False)]
)
def test_the_start_must_lie_in_the_14_days_before_the_run_began_inclusive(offset, fires):
    s = run_start()
    h = timing_history(s + offset)
    assert ("gi.after_intake_increase" in active_at(h, 33)) is fires


def test_the_timing_flag_names_its_start_with_date_substance_and_amount():
    s = run_start()
    report = flag(summary(timing_history(17), 33), "gi.after_intake_increase")
    assert f"Kratom started at 2 g/day on {day(17).isoformat()}" in report.evidence
    # symptoms from day 20; the rule met (4 answers, more than 25%) from day s
    assert (
        f"Days with straining or Bristol type 1-2 were recorded from {day(20).isoformat()}, "
        f"3 days after it (on 9 days up to {day(33).isoformat()}); the rule was met from "
        f"{day(s).isoformat()}"
    ) in report.evidence
    assert "timing association, not proof" in report.evidence
    assert report.level == "warn" and "clinician" in report.advice


def test_symptoms_before_the_start_are_said_plainly():
    """Review of issue 10, item 2: the flag said "These began on D, 3 days after kratom
    started" when the symptoms had begun 2 days before it (D was when the rule was met)."""
    s = run_start()
    report = flag(summary(timing_history(s - 3), 33), "gi.after_intake_increase")
    assert (
        f"Symptoms were already recorded before kratom started: days with straining or "
        f"Bristol type 1-2 from {day(20).isoformat()}, 2 days before it (on 1 day before it "
        f"and 8 days from it to {day(33).isoformat()}); the rule was met from "
        f"{day(s).isoformat()}"
    ) in report.evidence
    assert "after kratom started" not in report.evidence


def test_one_item_is_not_enough():
    # Only straining (no hard stools, plenty of stools): one item.
    out = [
        entry(
            n,
            stools=[stool(4, straining=n >= 20)] * 2,
            intake=[(KRATOM, 2.0, "g")] if n >= 18 else [],
        )
        for n in range(34)
    ]
    assert "gi.after_intake_increase" not in active_at(history(*out), 33)


def test_a_substance_that_is_not_opioid_class_is_not_cited():
    h = timing_history(18, substance="magnesium")
    assert "gi.after_intake_increase" not in active_at(h, 33)


def test_codeine_is_opioid_class_without_any_setting():
    assert "gi.after_intake_increase" in active_at(timing_history(18, substance="Codeine"), 33)


# --- gi.loose_stools and a decrease or stop in the 7 days before the run began ----------
def loose_after_stop(stop_day: int | None):
    """Kratom 4 g a day until `stop_day` (then answered nothing); loose stools from day 16."""
    out = []
    for n in range(24):
        taken = stop_day is None or n < stop_day
        form = 7 if n >= 16 else 4
        out.append(
            entry(
                n, stools=[stool(form), stool(form)], intake=[(KRATOM, 4.0, "g")] if taken else []
            )
        )
    return history(*out)


def loose_start() -> int:
    return (flag(summary(loose_after_stop(None), 20), "gi.loose_stools").since - day(0)).days


@pytest.mark.parametrize(("offset", "said"), [(-8, False), (-7, True), (-1, True), (0, False)])
def test_a_stop_counts_in_the_7_days_before_the_loose_stools_began(offset, said):
    s = loose_start()
    evidence = flag(summary(loose_after_stop(s + offset), 22), "gi.loose_stools").evidence
    assert (
        "loose stools can come with reducing or stopping an opioid-class substance" in evidence
    ) is said
    if said:
        assert f"kratom stopped on {day(s + offset).isoformat()}" in evidence.lower()


def test_loose_stools_without_a_reduction_say_nothing_about_it():
    s = summary(loose_after_stop(None), 20)
    assert "reducing" not in flag(s, "gi.loose_stools").evidence


def test_a_change_is_shown_once_with_how_long_it_went_on():
    from fatiguelog.analysis.intake import shown_changes
    from fatiguelog.analysis.summary import IntakeEvent

    def event(n: int, kind: str, continues: bool) -> IntakeEvent:
        return IntakeEvent(day(n), "kratom", "g", kind, 3.0, None, continues)

    events = [
        event(0, "start", False),
        event(1, "increase", True),
        event(2, "increase", True),
        event(9, "decrease", False),
    ]
    assert shown_changes(events) == [(events[0], day(2)), (events[3], None)]
