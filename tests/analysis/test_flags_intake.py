"""Intake events and the constipation-after-increase attribution."""

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


@pytest.mark.parametrize(("amount", "kind"), [
    (2.5, None),  # exactly 25% above the mean of 2: not more than 25%
    (2.51, "increase"),
    (1.5, None),  # exactly 75% of the mean
    (1.49, "decrease"),
    (0, "stop"),
])
def test_increase_and_decrease_thresholds(amount, kind):
    h = doses({**{n: 2.0 for n in range(7)}, 7: amount})
    expected = [] if kind is None else [(day(7), kind)]
    assert events(h, 7) == expected


def test_needs_seven_previous_intake_days_for_an_amount_change():
    h = doses({**{n: 2.0 for n in range(6)}, 6: 8.0})
    assert events(h, 6) == []


def test_a_day_without_an_intake_answer_is_unknown_not_a_stop():
    h = doses({**{n: 2.0 for n in range(7)}, 7: None, 8: 2.0})
    assert events(h, 8) == []
    h = doses({**{n: 2.0 for n in range(7)}, 7: 0, 8: 2.0})
    assert events(h, 8) == [(day(7), "stop")]


def test_start_after_fourteen_days_without_and_never_the_first_intake_day():
    # First intake day of history: never a start.
    assert events(doses({0: 2.0, 1: 2.0}), 1) == []
    # Answered "nothing" for 15 days, then taken: a start.
    h = doses({**{n: 0 for n in range(15)}, 15: 2.0})
    assert events(h, 15) == [(day(15), "start")]
    # A new substance on the 14th day of intake answers: 13 days without it is not a start,
    # but it is still more than 25% above the previous 7 days' mean of 0: an increase.
    h = doses({**{n: 0 for n in range(13)}, 13: 2.0})
    assert events(h, 13) == [(day(13), "increase")]
    h = doses({**{n: 0 for n in range(14)}, 14: 2.0})  # 14 days without: a start
    assert events(h, 14) == [(day(14), "start")]
    # Taken 14 days earlier (only 13 days without): not a start.
    h = doses({0: 2.0, **{n: 0 for n in range(1, 14)}, 14: 2.0})
    assert (day(14), "start") not in events(h, 14)


def test_sustained_change_is_marked_as_continuing():
    h = doses({**{n: 2.0 for n in range(7)}, **{n: 4.0 for n in range(7, 12)}})
    stats = summary(h, 0, 11).intake[KRATOM]
    assert [e.kind for e in stats.events][:2] == ["increase", "increase"]
    assert [e.continues for e in stats.events][:2] == [False, True]


# --- gi.after_intake_increase ------------------------------------------------------------
def constipation_after(change_day: int, dry_from: int, *, substance: str = KRATOM,
                       after: float = 4.0):
    """2 g a day of `substance` until `change_day`, then `after`; one stool a day until
    `dry_from`, then none (gi.infrequent begins 4 days after `dry_from`)."""
    out = []
    for n in range(dry_from + 12):
        amount = 2.0 if n < change_day else after
        out.append(entry(n, stools=[stool(4)] if n < dry_from else None,
                         intake=[(substance, amount, "g")]))
    return history(*out)


def test_constipation_after_an_increase_is_attributed():
    h = constipation_after(10, 13)  # increase on day 10, gi.infrequent from day 17
    s = summary(h, 17)
    assert "gi.after_intake_increase" in {f.id for f in s.flags}
    report = flag(s, "gi.after_intake_increase")
    assert "timing association, not proof" in report.evidence
    assert "kratom went up to 4 g on 2026-01-11" in report.evidence
    assert "clinician" in report.advice
    assert report.level == "warn"


def test_constipation_without_a_change_is_not_attributed():
    h = constipation_after(10, 13, after=2.0)
    assert "gi.infrequent" in active_at(h, 17)
    assert "gi.after_intake_increase" not in active_at(h, 17)


def test_increase_of_a_substance_that_is_not_opioid_acting_is_not_attributed():
    h = constipation_after(10, 13, substance="magnesium")
    assert "gi.infrequent" in active_at(h, 17)
    assert "gi.after_intake_increase" not in active_at(h, 17)


@pytest.mark.parametrize(("dry_from", "fires"), [(24, True), (25, False)])
def test_attribution_window_is_fourteen_days(dry_from, fires):
    # The 2 -> 4 g change counts as an increase on days 10-14 while the 7-day mean catches up;
    # gi.infrequent begins on dry_from + 4: day 28 is 14 days after day 14, day 29 is 15.
    h = constipation_after(10, dry_from)
    begins = dry_from + 4
    assert "gi.infrequent" in active_at(h, begins)
    assert "gi.infrequent" not in active_at(h, begins - 1)
    assert ("gi.after_intake_increase" in active_at(h, begins)) is fires


def test_constipation_that_began_before_the_increase_is_not_attributed():
    h = constipation_after(20, 13)  # dry from day 13 (flag from 17), increase on day 20
    assert "gi.after_intake_increase" not in active_at(h, 22)


# --- gi.loose_stools and a reduction ------------------------------------------------------
def loose_after(change_day: int | None):
    out = []
    for n in range(24):
        amount = 1.0 if change_day is not None and n >= change_day else 4.0
        form = 7 if n >= 16 else 4
        out.append(entry(n, stools=[stool(form), stool(form)], intake=[(KRATOM, amount, "g")]))
    return history(*out)


def test_loose_stools_after_a_reduction_mention_it():
    s = summary(loose_after(14), 20)
    evidence = flag(s, "gi.loose_stools").evidence
    assert "loose stools can come with reducing or stopping an opioid-acting substance" in evidence
    assert "kratom went down to 1 g on 2026-01-15" in evidence.lower()


def test_loose_stools_without_a_reduction_say_nothing_about_it():
    s = summary(loose_after(None), 20)
    assert "reducing" not in flag(s, "gi.loose_stools").evidence


def test_a_reduction_counts_only_when_it_came_before_the_loose_stools():
    """flags.md: a decrease "in the 7 days before": the day they began is not before it."""
    begin = flag(summary(loose_after(None), 19), "gi.loose_stools").since
    assert begin == day(19)
    assert "reducing" in flag(summary(loose_after(18), 19), "gi.loose_stools").evidence
    assert "reducing" not in flag(summary(loose_after(19), 19), "gi.loose_stools").evidence


def test_a_change_is_shown_once_with_how_long_it_went_on():
    from fatiguelog.analysis.intake import shown_changes
    from fatiguelog.analysis.summary import IntakeEvent

    def event(n: int, kind: str, continues: bool) -> IntakeEvent:
        return IntakeEvent(day(n), "kratom", "g", kind, 3.0, None, continues)

    events = [event(0, "start", False), event(1, "increase", True), event(2, "increase", True),
              event(9, "decrease", False)]
    assert shown_changes(events) == [(events[0], day(2)), (events[3], None)]
