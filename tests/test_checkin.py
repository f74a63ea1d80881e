"""The check-in's pure rules: which steps, what defaults, how answers land in the file."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from fatiguelog import checkin, records
from fatiguelog.model import RED_FLAGS, Entry
from fatiguelog.settings import Settings

DAY = date(2026, 11, 25)


def test_full_steps_follow_settings_and_quick_is_four_steps():
    ids = [s.id for s in checkin.steps_for(Settings())]
    assert ids[:6] == ["fatigue", "pem", "pain", "brain_fog", "unrefreshing_sleep", "crash"]
    assert ids[-3:] == ["red_flags", "notes", "review"]
    assert len(ids) == 19
    off = replace(Settings(), steps={"sleep": False, "diet": False, "intake": False})
    trimmed = [s.id for s in checkin.steps_for(off)]
    assert "sleep_hours" not in trimmed and "quality" not in trimmed
    assert "water_ml" not in trimmed and "intake" not in trimmed
    assert "stools" in trimmed and "red_flags" in trimmed  # never optional
    assert [s.id for s in checkin.steps_for(off, quick=True)] == [
        "fatigue",
        "crash",
        "stools",
        "red_flags",
    ]


def test_every_rating_says_which_way_it_runs():
    for step in checkin.FULL_STEPS:
        if step.kind == "rating":
            assert step.scale.startswith("0 = ") and "10 = " in step.scale
    assert "higher is better" in checkin.QUALITY.scale
    assert "worst imaginable" in checkin.FATIGUE.scale


def test_skipped_steps_leave_no_key_and_unknown_keys_survive():
    entry = Entry(DAY, {"schema": 1, "date": DAY, "mood": "odd", "symptoms": {"pain": 3, "x": 1}})
    result = checkin.apply_answers(entry, {"fatigue": 7})
    assert result.doc["symptoms"] == {"pain": 3, "x": 1, "fatigue": 7}
    assert result.doc["mood"] == "odd"
    assert "sleep" not in result.doc and "gi" not in result.doc
    assert entry.doc["symptoms"] == {"pain": 3, "x": 1}  # the original is untouched


def test_stool_answers_and_none_today():
    entry = Entry.new(DAY)
    stools = {
        "stools": [{"bristol": 4, "time": time(9)}, {"bristol": 2, "time": time(7)}],
        "no_bowel_movement": False,
        "laxative": True,
    }
    gi = checkin.apply_answers(entry, {"stools": stools}).doc["gi"]
    assert [s["bristol"] for s in gi["stools"]] == [2, 4]  # time order
    assert gi["no_bowel_movement"] is False and gi["laxative"] is True
    none = checkin.apply_answers(entry, {"stools": {"stools": [], "no_bowel_movement": True}})
    assert none.doc["gi"] == {"stools": [], "no_bowel_movement": True}
    untouched = {"stools": [], "no_bowel_movement": False}
    assert not checkin.is_answer(checkin.STOOLS, untouched)


def test_red_flags_write_every_known_key_and_keep_others():
    entry = Entry(DAY, {"schema": 1, "date": DAY, "red_flags": {"custom": True}})
    flags = dict.fromkeys(RED_FLAGS, False) | {"fever": True}
    table = checkin.apply_answers(entry, {"red_flags": flags}).doc["red_flags"]
    assert table["fever"] is True and table["vomiting"] is False and table["custom"] is True


def test_intake_default_is_latest_earlier_day_without_times():
    before = Entry(
        DAY.replace(day=23),
        {
            "schema": 1,
            "date": DAY.replace(day=23),
            "intake": [
                {"substance": "kratom", "amount": 3, "unit": "g", "time": time(8), "batch": "A"}
            ],
        },
    )
    doses, source = checkin.intake_default(DAY, {before.day: before})
    assert source == before.day
    assert doses == [{"substance": "kratom", "amount": 3, "unit": "g", "batch": "A"}]
    assert checkin.intake_default(DAY, {}) == ([], None)


def test_editing_fills_in_current_answers():
    entry = Entry(
        DAY,
        {
            "schema": 1,
            "date": DAY,
            "symptoms": {"fatigue": 6},
            "gi": {"stools": [{"bristol": 3}], "laxative": False},
        },
    )
    assert checkin.current_value(checkin.FATIGUE, entry) == 6
    assert checkin.current_value(checkin.PEM, entry) is None
    assert checkin.current_value(checkin.STOOLS, entry) == {
        "stools": [{"bristol": 3}],
        "no_bowel_movement": False,
        "laxative": False,
    }


def test_parsing_typed_values():
    assert checkin.parse_number(checkin.SLEEP_HOURS, "6,5") == 6.5
    assert checkin.parse_number(checkin.WATER, "1500") == 1500
    with pytest.raises(records.InputError, match="0 to 24"):
        checkin.parse_number(checkin.SLEEP_HOURS, "25")
    with pytest.raises(records.InputError):
        checkin.parse_number(checkin.SLEEP_HOURS, "nan")
    assert records.parse_time("07:40") == time(7, 40)
    assert records.parse_time("") is None
    dose = records.make_dose("kratom\x1b]0;x\x07", "2.5", "g", "", "08:30", keep={"batch": "A"})
    assert dose == {
        "batch": "A",
        "substance": "kratom ]0;x",
        "amount": 2.5,
        "unit": "g",
        "time": time(8, 30),
    }
    assert "\x1b" not in dose["substance"] and "\x07" not in dose["substance"]
    with pytest.raises(records.InputError):
        records.make_dose("kratom", "0", "g")
    with pytest.raises(records.InputError):
        records.make_stool(8, {})


def test_clean_answers_drops_what_makes_no_sense():
    raw = {
        "fatigue": 11,
        "pem": 4,
        "stools": {"stools": [{"bristol": 9}]},
        "nope": 1,
        "unrefreshing_sleep": "yes",
        "notes": "ok",
    }
    assert checkin.clean_answers(raw) == {"pem": 4, "notes": "ok"}


def test_check_in_logic_imports_without_textual():
    import subprocess
    import sys

    code = (
        "import sys, fatiguelog.checkin, fatiguelog.drafts, fatiguelog.merge, "
        "fatiguelog.checkin_session; print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
