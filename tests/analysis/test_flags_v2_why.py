"""Issue 10's "Why", one history per finding, asserting the corrected result (flags.md v2).

Each of these failed on the version-1 code: it is the history that showed the problem.
"""

from __future__ import annotations

from history_builder import active_at, day, entry, flag, history, stool, summary

from fatiguelog.settings import Settings, Substance


def test_codeine_increase_then_hard_stools_is_an_opioid_timing_flag():
    """Why: "codeine going from 30 to 60 mg/day, then hard stools and straining: the export
    says 'opioid-acting: no' and no timing flag fires"."""
    out = []
    for n in range(40):
        mg = 30.0 if n < 20 else 60.0
        stools = (
            [stool(4, straining=False)] if n < 24 else ([stool(2, straining=True)] if n % 2 else [])
        )
        out.append(entry(n, stools=stools or None, intake=[("Codeine", mg, "mg")]))
    s = summary(history(*out), 0, 39)
    assert s.intake["Codeine"].klass == "opioid" and s.intake["Codeine"].opioid_acting
    report = flag(s, "gi.after_intake_increase")
    assert "Codeine went up from 30 to 60 mg/day on 2026-01-21" in report.evidence
    assert "timing association, not proof" in report.evidence


def test_back_to_the_usual_amount_after_days_off_is_not_an_increase():
    """Why: "kratom 2 g a day, two days off, back to 2 g: 'increased to 2 g/day', and the
    timing flag then cited it 19 days later although its rule says 14"."""
    out = []
    for n in range(50):
        amount = 0 if n in (10, 11) else 2.0
        stools = (
            [stool(4, straining=False)] if n < 31 else ([stool(1, straining=True)] if n % 2 else [])
        )
        out.append(
            entry(n, stools=stools or None, intake=[("kratom", amount, "g")] if amount else [])
        )
    s = summary(history(*out), 0, 49)
    assert [e.kind for e in s.intake["kratom"].events] == ["stop"]
    assert "gi.hard_stools" in {f.id for f in s.flags}
    assert "gi.after_intake_increase" not in {f.id for f in s.flags}


def test_a_missing_laxative_answer_is_not_answered_not_no():
    """Why: "a missing laxative answer is counted as 'no laxative'"."""
    out = [entry(n, stools=[stool(4)]) for n in range(10)]  # gi without a laxative key
    for n in (0, 1):
        out[n].doc["gi"]["laxative"] = False
    out[2].doc["gi"]["laxative"] = True
    gi = summary(history(*out), 0, 9).gi
    assert (gi.laxative_days, gi.laxative_no_days, gi.laxative_unanswered) == (1, 2, 7)


def test_a_laxative_dose_makes_a_laxative_day():
    """Why: "a laxative logged as a dose (senna) does not stop its stools counting as
    spontaneous"."""
    out = [
        entry(n, stools=[stool(4)], intake=[("Senna", 15, "mg")] if n in (2, 4) else [])
        for n in range(7)
    ]
    s = summary(history(*out), 0, 6)
    assert s.gi.laxative_days == 2
    assert s.gi.sbm == 3  # days 2, 3, 4 and 5 are not spontaneous
    assert "gi.infrequent" in active_at(history(*out), 5)  # 2 SBMs in days 0-5
    assert "gi.infrequent" not in active_at(history(*out), 6)  # 3 SBMs in days 0-6
    # A laxative the user classed themselves counts the same way.
    own = [
        entry(n, stools=[stool(4)], intake=[("Dr Foo's tea", 1, "cup")] if n % 2 else [])
        for n in range(7)
    ]
    mine = Settings(substances=(Substance("Dr Foo's tea", "cup", klass="laxative"),))
    assert "gi.infrequent" in active_at(history(*own), 6, mine)
    assert "gi.infrequent" not in active_at(history(*own), 6)


def test_sbms_a_week_needs_four_recorded_days():
    """Why: "'3.5 SBMs a week' from 2 recorded days"."""
    two = history(entry(0, stools=[stool(4)]), entry(1, stools=None))
    assert summary(two, 0, 6).gi.sbm_per_week is None
    four = history(*(entry(n, stools=[stool(4)] if n % 2 else None) for n in range(4)))
    assert summary(four, 0, 6).gi.sbm_per_week == 3.5


def test_a_mean_rating_needs_three_answered_days_and_shares_four_stools():
    h = history(entry(0, stools=[stool(2)], fatigue=8), entry(1, stools=[stool(2)], fatigue=6))
    s = summary(h, 0, 1)
    assert s.symptoms["fatigue"].days == 2 and s.symptoms["fatigue"].mean is None
    assert s.gi.hard_share is None
    h = history(*(entry(n, stools=[stool(2)], fatigue=6) for n in range(4)))
    s = summary(h, 0, 3)
    assert s.symptoms["fatigue"].mean == 6 and s.gi.hard_share == 1.0


def test_every_rule_that_lacked_data_is_listed_with_what_it_needs():
    """Why: "'no flag was active' at the top while every rule lacked data"."""
    s = summary(history(entry(0, gi=False, fatigue=5)), 0, 0)
    cov = s.coverage
    assert cov.rules_total == 17
    assert cov.rules_checked == 7  # the alarm symptoms: a check-in in the last 7 days
    titles = {gap.title: gap.needs for gap in cov.unchecked}
    assert titles["Few spontaneous bowel movements"].startswith(
        "needs at least 6 days with bowel movements recorded in the last 7 (has 0)"
    )
    assert "birth year" in titles["New lasting bowel change at age 50 or over"]
    nothing = summary(history(), 0, 0)
    assert nothing.coverage.rules_checked == 0


def test_evidence_days_say_how_long_the_symptom_lasted():
    # Hard stools on days 10-13 only; the flag stays on until day 10 + 13.
    out = [entry(n, stools=[stool(2 if 10 <= n <= 13 else 4)]) for n in range(40)]
    s = summary(history(*out), 0, 39)
    report = flag(s, "gi.hard_stools")
    assert (report.evidence_days.first, report.evidence_days.last) == (day(10), day(13))
    assert report.evidence_days.count == 4
    assert report.window == 14
    assert report.last > report.evidence_days.last  # on for a while after the last hard stool


def test_red_flags_carry_their_report_days_not_a_range():
    """Why: "'Vomiting reported: 2026-09-26 to 2026-10-02' reads as a week of vomiting"."""
    s = summary(history(entry(0, red=("vomiting",)), *(entry(n) for n in range(1, 20))), 0, 19)
    alarm = next(a for a in s.alarms if a.key == "vomiting")
    assert alarm.days == (day(0),)
    assert not alarm.active
    report = flag(s, "red.vomiting")
    assert report.evidence_days.count == 1 and report.report_days == (day(0),)
    assert s.banner == ()


def test_a_rule_that_raises_hides_nothing_else(monkeypatch):
    """The red flags (and every other rule) do not depend on a rule that fails."""
    from fatiguelog.analysis import rules

    out = [
        entry(n, stools=[stool(4)] if n < 30 else [stool(1, straining=True)] if n % 2 else None)
        for n in range(60)
    ]
    out[58] = entry(58, stools=None, red=("fever",))
    h = history(*out)
    normal = summary(h, 0, 59)

    def broken(ctx):
        raise ZeroDivisionError("a bug")

    order = tuple(broken if rule is rules.change else rule for rule in rules.ORDER)
    monkeypatch.setattr(rules, "ORDER", order)
    s = summary(h, 0, 59)
    assert s.banner and s.banner[0].id == "red.fever"
    assert [f for f in s.flags if f.id != "gi.change"] == [
        f for f in normal.flags if f.id != "gi.change"
    ]
    gap = next(g for g in s.coverage.unchecked if g.id == "gi.change")
    assert gap.needs == "could not be checked because of an error in fatiguelog (ZeroDivisionError)"
    assert "gi.change" in {f.id for f in normal.flags}
