"""Hand-built summaries, so renderers are tested apart from the analysis that fills them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta

import pytest

from fatiguelog.analysis.summary import (
    Alarm,
    Coverage,
    DaySeries,
    EvidenceDays,
    FlagReport,
    GiStats,
    IntakeEvent,
    IntakeRange,
    IntakeStats,
    PemStats,
    RatingStats,
    RuleGap,
    SleepStats,
    Summary,
    WeekRow,
)
from fatiguelog.model import RED_ADVICE, RED_ADVICE_PAST, Entry
from fatiguelog.problems import Problem

FIRST = date(2026, 9, 1)
LAST = date(2026, 9, 28)
#: Text that must arrive as inert data in every format.
EVIL = "<script>alert(1)</script> [@click=app.quit]x[/] [bold red]RED[/] \x1b[31mESC\x1b[0m =1+2"
EVIL_SUBSTANCE = '=HYPERLINK("http://x")<b>'
RED_DAY = 22  # blood in stool on 2026-09-23: on at the period's last day (2026-09-28)


def _days(first: date, last: date) -> tuple[date, ...]:
    return tuple(first + timedelta(days=i) for i in range((last - first).days + 1))


def _entries(first: date, last: date, substance: str, note: str) -> tuple[Entry, ...]:
    out = []
    for i, day in enumerate(_days(first, last)):
        if i % 7 == 3:  # a day without an entry
            continue
        entry = Entry.new(day)
        entry.doc["symptoms"] = {"fatigue": 5 + i % 4, "pem": 3 + i % 3}
        entry.doc["sleep"] = {"hours": 6.5, "quality": 4}
        entry.doc["activity"] = {"exertion": 4}
        stools = (
            []
            if i % 3 == 2
            else [{"time": time(7, 40), "bristol": 2 if i > 14 else 4, "straining": i > 14}]
        )
        entry.doc["gi"] = {"stools": stools, "no_bowel_movement": not stools, "bloating": 3}
        entry.doc["intake"] = (
            [
                {
                    "substance": substance,
                    "amount": 2.5 if i < 14 else 5.0,
                    "unit": "g",
                    "form": "leaf",
                }
            ]
            if i % 5 != 4
            else []
        )
        if i == 20:
            entry.doc["notes"] = note
        if i == RED_DAY:
            entry.doc["red_flags"] = {"blood_in_stool": True}
        out.append(entry)
    return tuple(out)


def make_summary(
    *,
    first: date = FIRST,
    last: date = LAST,
    substance: str = "kratom",
    note: str = "Felt worse after the long walk.",
    include_notes: bool = False,
    problems: tuple[Problem, ...] = (),
    evidence: str = "2 SBMs in 7 days, 7 days recorded",
) -> Summary:
    """A plausible four-week summary with one flag of each level and one intake increase."""
    days = _days(first, last)
    entries = _entries(first, last, substance, note)
    reported = first + timedelta(days=RED_DAY)
    flags = (
        FlagReport(
            "red.blood_in_stool",
            "urgent",
            "Blood in stool reported",
            reported,
            last,
            "Reported on " + reported.isoformat(),
            "reported on any day of the 7-day window",
            "NHS; Rome IV alarm features",
            RED_ADVICE["blood_in_stool"],
            _days(reported, last),
            EvidenceDays(reported, reported, 1),
            7,
            "NHS: Bowel cancer, symptoms (nhs.uk).",
            (reported,),
        ),
        FlagReport(
            "gi.after_intake_increase",
            "warn",
            f"Constipation began after a {substance} increase",
            first + timedelta(days=17),
            last,
            evidence,
            "began within 14 days after an intake increase of an opioid-acting substance",
            "Rome IV opioid-induced constipation",
            "Talk to a clinician.",
            _days(first + timedelta(days=17), last),
            EvidenceDays(first + timedelta(days=15), last - timedelta(days=1), 9),
            14,
            "Mearin F, et al. Bowel Disorders. Gastroenterology 2016;150:1393-1407 (Rome IV).",
        ),
        FlagReport(
            "gi.straining",
            "info",
            "Straining in many bowel movements",
            first + timedelta(days=16),
            last,
            "9 of 12 stools (75%) with straining",
            "straining in more than 25% of stools, 14 days, at least 4",
            "Rome IV criterion (a)",
            "Mention it to a clinician.",
            _days(first + timedelta(days=16), last),
            EvidenceDays(first + timedelta(days=15), last, 9),
            14,
        ),
    )
    alarms = (
        Alarm(
            "blood_in_stool",
            "Blood in stool",
            "urgent",
            (reported,),
            True,
            RED_ADVICE["blood_in_stool"],
            RED_ADVICE_PAST["blood_in_stool"],
        ),
    )

    def rating(key: str, label: str, mean: float, lo: int, hi: int) -> RatingStats:
        return RatingStats(key, label, 24, mean, lo, hi, mean - 0.8, mean + 0.7)

    event = IntakeEvent(first + timedelta(days=14), substance, "g", "increase", 5.0, 2.5)
    timeline = (
        IntakeRange(
            substance,
            "g",
            "opioid",
            first,
            first + timedelta(days=13),
            "taking",
            2.5,
            2.5,
            2.5,
            11,
            None,
            True,
            False,
            intake_days=12,
            last_taken=first + timedelta(days=13),
        ),
        IntakeRange(
            substance,
            "g",
            "opioid",
            first + timedelta(days=14),
            last,
            "taking",
            5.0,
            5.0,
            5.0,
            8,
            "increase",
            False,
            True,
            intake_days=12,
            last_taken=last,
        ),
    )
    weeks = tuple(
        WeekRow(
            first=first + timedelta(days=7 * k),
            last=first + timedelta(days=7 * k + 6),
            days=7,
            days_recorded=6,
            gi_days=6,
            stools=4,
            sbm=4,
            no_sbm_days=2,
            typed=4,
            hard=0 if k < 2 else 4,
            loose=0,
            straining=0 if k < 2 else 4,
            straining_answered=4,
            incomplete=0,
            incomplete_answered=0,
            laxative_days=0,
            laxative_unanswered=6,
            alarm_days=1 if k == 3 else 0,
            alarms=("blood_in_stool",) if k == 3 else (),
        )
        for k in range(4)
    )
    summary = Summary(
        first=first,
        last=last,
        days=len(days),
        days_recorded=len(entries),
        flags=flags,
        not_enough_data=("gi.change",),
        symptoms={
            "fatigue": rating("fatigue", "Fatigue", 6.25, 5, 8),
            "pem": rating("pem", "Post-exertional malaise (PEM) today", 3.9, 3, 5),
            "pain": RatingStats("pain", "Pain", 0, None, None, None, None, None),
        },
        sleep=SleepStats(24, 6.5, 4.0),
        exertion=rating("exertion", "Exertion today", 4.0, 4, 4),
        stomach={"bloating": rating("bloating", "Bloating", 3.0, 3, 3)},
        gi=GiStats(
            recorded_days=24,
            stools=16,
            sbm=16,
            sbm_per_week=4.67,
            bristol_counts={1: 0, 2: 9, 3: 0, 4: 7, 5: 0, 6: 0, 7: 0},
            straining_share=9 / 16,
            straining_answered=16,
            incomplete_share=None,
            incomplete_answered=0,
            laxative_days=0,
        ),
        intake={
            substance: IntakeStats(substance, "g", True, 19, 3.8, 5.0, (event,), klass="opioid")
        },
        pem=PemStats(
            threshold=6,
            high_days=5,
            other_days=18,
            pem_after_high=5.2,
            pem_after_other=3.4,
            pem_after_high_n=5,
            pem_after_other_n=18,
            fatigue_after_high=7.1,
            fatigue_after_other=6.0,
            fatigue_after_high_n=5,
            fatigue_after_other_n=18,
            enough_data=True,
            statement="PEM was higher on the 1-2 days after higher-exertion days.",
        ),
        series={
            "fatigue": DaySeries(
                "fatigue",
                "Fatigue",
                days,
                tuple(None if i % 7 == 3 else float(5 + i % 4) for i in range(len(days))),
            ),
            "pem": DaySeries(
                "pem",
                "PEM",
                days,
                tuple(None if i % 7 == 3 else float(3 + i % 3) for i in range(len(days))),
            ),
            "sleep_hours": DaySeries(
                "sleep_hours",
                "Sleep hours",
                days,
                tuple(None if i % 7 == 3 else 6.5 for i in range(len(days))),
            ),
            "sbm_per_week": DaySeries(
                "sbm_per_week",
                "SBMs per week",
                days,
                tuple(None if i < 6 else 5.0 - i / 10 for i in range(len(days))),
            ),
            "bristol_mean": DaySeries(
                "bristol_mean",
                "Bristol mean",
                days,
                tuple(None if i % 3 == 2 else (2.0 if i > 14 else 4.0) for i in range(len(days))),
            ),
            f"intake:{substance}": DaySeries(
                f"intake:{substance}",
                substance,
                days,
                tuple(2.5 if i < 14 else 5.0 for i in range(len(days))),
            ),
        },
        problems=problems,
        notes=((first + timedelta(days=20), note),) if include_notes else None,
        entries=entries,
        alarms=alarms,
        intake_timeline=timeline,
        weeks=weeks,
        coverage=Coverage(
            17,
            16,
            (
                RuleGap(
                    "gi.change",
                    "Change from your usual bowel habit",
                    "needs at least 10 recorded days in the last 14 "
                    "(has 8) and 14 in the 28 days before them (has 0)",
                ),
            ),
        ),
        today=last,
    )
    return summary


def empty_summary(first: date = FIRST, last: date = LAST) -> Summary:
    """A period without a single entry: every figure is "not enough data"."""
    return Summary(
        first=first,
        last=last,
        days=(last - first).days + 1,
        days_recorded=0,
        flags=(),
        not_enough_data=("gi.infrequent", "gi.hard_stools"),
        symptoms={"fatigue": RatingStats("fatigue", "Fatigue", 0, None, None, None, None, None)},
        sleep=SleepStats(0, None, None),
        exertion=RatingStats("exertion", "Exertion today", 0, None, None, None, None, None),
        stomach={},
        gi=GiStats(0, 0, 0, None, dict.fromkeys(range(1, 8), 0), None, 0, None, 0, 0),
        intake={},
        pem=PemStats(
            None,
            0,
            0,
            None,
            None,
            0,
            0,
            None,
            None,
            0,
            0,
            False,
            "Not enough data yet to compare days after higher exertion.",
        ),
        series={},
        problems=(),
        notes=None,
        entries=(),
        coverage=Coverage(
            17,
            0,
            (
                RuleGap(
                    "gi.infrequent",
                    "Few spontaneous bowel movements",
                    "needs at least 6 days with bowel movements recorded in the last 7 (has 0)",
                ),
                RuleGap(
                    "gi.hard_stools",
                    "Hard stools",
                    "needs at least 4 stools with a Bristol type in the last 14 days (has 0)",
                ),
            ),
        ),
        today=last,
    )


@pytest.fixture
def summary() -> Summary:
    return make_summary()


@pytest.fixture
def broken_summary() -> Summary:
    return make_summary(
        problems=(
            Problem("entries/2026/2026-09-04.toml", "not valid TOML: Expected '=' after a key", 3),
            Problem("entries/2026/notes.toml", "not an entry file name; it was not read"),
        )
    )


__all__ = ["EVIL", "EVIL_SUBSTANCE", "empty_summary", "make_summary", "replace"]


# -- the outside GP's histories (tests/export/outsider12.py), one build per test module ----


@pytest.fixture(scope="module")
def kratom_root(tmp_path_factory):
    from .outsider12 import year_of_kratom

    return year_of_kratom(tmp_path_factory.mktemp("A") / "data")


@pytest.fixture(scope="module")
def one_day_root(tmp_path_factory):
    from .outsider12 import one_day

    return one_day(tmp_path_factory.mktemp("B") / "data")


@pytest.fixture(scope="module")
def coffee_root(tmp_path_factory):
    from .outsider12 import coffee_wobble

    return coffee_wobble(tmp_path_factory.mktemp("C") / "data")


#: The day these histories end: every export test makes its summary "today" on it.
EXPORTED_ON = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def exported_on_a_fixed_day(monkeypatch):
    """The diary's today is 2026-11-25 for every export test (the default period ends on it,
    and a red flag of its last week is urgent only when it ends today): their files must not
    depend on the day the tests run (they did once the clock passed midnight)."""
    from fatiguelog import dates

    real = dates.today

    def today(day_starts_at=None, now=None):
        return EXPORTED_ON if now is None else real(day_starts_at, now)

    monkeypatch.setattr(dates, "today", today)
