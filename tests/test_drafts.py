"""Drafts: written privately, read back whole, ignored when broken, removed on request."""

from __future__ import annotations

import stat
from datetime import date, time

from fatiguelog import drafts

DAY = date(2026, 11, 25)


def test_round_trip_private_file(tmp_path):
    answers = {
        "fatigue": 7,
        "sleep_hours": 6.5,
        "notes": "[bold]x[/]",
        "intake": [{"substance": "kratom", "amount": 2.5, "unit": "g", "time": time(8, 30)}],
        "stools": {"stools": [{"bristol": 2, "straining": True}], "no_bowel_movement": False},
    }
    drafts.save_draft(tmp_path, drafts.Draft(DAY, quick=False, step="stools", answers=answers))
    path = drafts.draft_path(tmp_path, DAY)
    assert path == tmp_path / "drafts" / "2026-11-25.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    back = drafts.load_draft(tmp_path, DAY)
    assert back is not None and back.answers == answers and back.step == "stools"
    assert drafts.draft_days(tmp_path) == [DAY]
    drafts.remove_draft(tmp_path, DAY)
    assert drafts.load_draft(tmp_path, DAY) is None
    drafts.remove_draft(tmp_path, DAY)  # removing twice is fine


def test_broken_draft_is_ignored(tmp_path):
    path = drafts.draft_path(tmp_path, DAY)
    path.parent.mkdir(parents=True)
    path.write_text("this is [not toml")
    assert drafts.load_draft(tmp_path, DAY) is None
    path.write_text('schema = 1\ndate = 2026-11-24\nstep = "x"\n[answers]\nfatigue = 3\n')
    assert drafts.load_draft(tmp_path, DAY) is None  # another day's content


def test_a_resumed_draft_keeps_only_answers_to_steps_still_asked(tmp_path):
    from fatiguelog.checkin_session import CheckinSession
    from fatiguelog.settings import OPTIONAL_STEPS, Settings

    day = date(2026, 11, 25)
    steps = {step: step != "diet" for step in OPTIONAL_STEPS}  # diet switched off since
    draft = drafts.Draft(day, False, "fiber_servings", {"fatigue": 6, "fiber_servings": 3})
    session = CheckinSession(tmp_path, Settings(steps=steps), day, False, draft)
    assert session.answers == {"fatigue": 6}
    assert session.index == 0
