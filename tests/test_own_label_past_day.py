"""Outside test 13b, finding 11: the user's own question "Period today" was asked and
reviewed as "Period that day" for a past day. The user's words are never rewritten; our own
(the built-in questions, the help) still say "that day"."""

from __future__ import annotations

from fatiguelog import checkin, vocabulary
from fatiguelog.settings import Tracker


def _steps() -> dict[str, checkin.Step]:
    questions = vocabulary.with_trackers(
        (
            Tracker("period_today", "Period today", "yesno"),
            Tracker("hr", "Heart rate today", "number"),
        )
    )
    return {step.id: step for step in checkin.all_steps(questions)}


def test_the_user_s_own_label_is_kept_for_a_past_day() -> None:
    steps = _steps()
    own = [
        step
        for step in steps.values()
        if isinstance(step, checkin.QuestionStep) and step.q.section == vocabulary.CUSTOM
    ]
    assert {step.short for step in own} == {"Period today", "Heart rate today"}
    for step in own:
        past = step.about("that day")
        assert past.title == step.title and past.short == step.short, past.short
        assert "that day" not in past.title


def test_built_in_questions_still_say_that_day() -> None:
    for step in _steps().values():
        past = step.about("that day")
        if not (isinstance(step, checkin.QuestionStep) and step.q.section == vocabulary.CUSTOM):
            assert "today" not in past.title and "today" not in past.short, past.short
