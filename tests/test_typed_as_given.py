"""Numbers, times and text exactly as typed, or refused in words (outside test of issue 9).

A thousands separator, a unit or a fraction of a whole-number box must never turn into another
number without a word; a time is read one way or refused; text from a file that nobody changed
is written back byte for byte; `remind` speaks for a file with a bad value; JSON escapes bidi
controls. Checked through what a user meets: the command's exit code, its one line, the file.
"""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date, time
from pathlib import Path

import pytest

from fatiguelog import checkin, records
from fatiguelog.checkin import SLEEP_HOURS, WATER
from fatiguelog.model import Entry
from fatiguelog.records import InputError
from fatiguelog.store import Store
from fatiguelog.textsafe import BIDI_CONTROLS, strip_controls

DAY = date(2026, 11, 24)


def entry_file(root: Path, day: date) -> dict:
    return tomllib.loads((root / "entries" / str(day.year) / f"{day}.toml").read_text())


# -- 1. numbers are never silently falsified -------------------------------------------------


@pytest.mark.parametrize(
    ("step", "typed", "said"),
    [
        (WATER, "1,500", "could mean 1.5 or 1500: type 1500 or 1.5"),
        (WATER, "1,000", "could mean 1 or 1000"),
        (WATER, "1.5", "(1.5 ml looks like litres). For 1.5 litres type 1500"),
        (WATER, "1.5 l", "this box is in ml. 1.5 l is 1500 ml: type 1500"),
        (WATER, "2l", "2 l is 2000 ml: type 2000"),
        (WATER, "2 cups", "type only the number, in ml"),
        (SLEEP_HOURS, "450 min", "450 min is 7.5 hours: type 7.5"),
        (SLEEP_HOURS, "12,000", "could mean 12 or 12000"),
        (SLEEP_HOURS, "1.500,5", "one decimal mark"),
        (SLEEP_HOURS, "-5", "from 0 to 24"),
        (SLEEP_HOURS, "25", "from 0 to 24"),
    ],
)
def test_a_number_that_would_change_is_refused_in_words(step, typed, said):
    with pytest.raises(InputError, match=re.escape(said)):
        checkin.parse_number(step, typed)


@pytest.mark.parametrize(
    ("step", "typed", "value"),
    [
        (WATER, "1500", 1500),
        (WATER, "1 500", 1500),
        (WATER, "500 ml", 500),
        (SLEEP_HOURS, "7,5", 7.5),
        (SLEEP_HOURS, "7.5 h", 7.5),
        (SLEEP_HOURS, "8 hours", 8),
        (SLEEP_HOURS, "0,75", 0.75),
        (checkin.FIBER, "2,5", 2.5),
    ],
)
def test_a_number_as_typed_is_kept(step, typed, value):
    assert checkin.parse_number(step, typed) == value


@pytest.mark.parametrize(
    ("amount", "said"),
    [
        ("1,000", "could mean 1 or 1000"),
        ("500mg", "the amount is only the number (500)"),
        ("0", "above 0"),
        ("-2", "above 0"),
        ("nan", "above 0"),
        ("1e3", "not a number"),
    ],
)
def test_a_dose_amount_is_refused_rather_than_changed(amount, said):
    with pytest.raises(InputError, match=re.escape(said)):
        records.make_dose("paracetamol", amount, "mg")


def test_log_dose_with_a_thousands_separator_writes_nothing(cli, data_dir):
    result = cli("log", "dose", "paracetamol", "1,000", "mg")
    assert result.code == 1
    assert result.err.count("\n") == 1 and "could mean 1 or 1000" in result.err
    assert not (data_dir / "entries").exists()
    result = cli("log", "dose", "paracetamol", "2,5", "mg", "--time", "0740")
    assert result.code == 0, result.err
    [dose] = entry_file(data_dir, date.today())["intake"]
    assert dose["amount"] == 2.5 and dose["time"] == time(7, 40)


# -- 14. times: "0740" and "7:40" are read; what could be read two ways is refused -----------


@pytest.mark.parametrize(
    ("typed", "when"),
    [
        ("07:40", time(7, 40)),
        ("7:40", time(7, 40)),
        ("0740", time(7, 40)),
        ("7.40", time(7, 40)),
        ("2359", time(23, 59)),
        ("", None),
    ],
)
def test_times_as_typed(typed, when):
    assert records.parse_time(typed) == when


@pytest.mark.parametrize("typed", ["740", "7:4", "7", "24:00", "07:40pm", "7.5"])
def test_a_time_that_could_be_read_two_ways_is_refused(typed):
    with pytest.raises(InputError, match="24-hour clock"):
        records.parse_time(typed)


# -- 12. text from a file, untouched, is written back untouched ------------------------------

NASTY = "hi \x1b]0;pwned\x07 there \u202edesrever\u202c\r\nsecond\tline"


def test_an_untouched_note_comes_back_byte_for_byte_and_an_edit_keeps_the_rest():
    from fatiguelog.textsafe import as_edited

    shown = strip_controls(NASTY)
    assert shown == "hi ]0;pwned there desrever\nsecond\tline"
    assert as_edited(NASTY, shown, shown) == NASTY
    assert as_edited(NASTY, shown, shown + " more") == NASTY + " more"
    assert as_edited(NASTY, shown, shown.replace("there", "here")) == NASTY.replace("there", "here")
    assert as_edited(NASTY, shown, "new \x1b[31mtext") == "new [31mtext"


def test_an_untouched_note_is_saved_as_the_file_has_it(tmp_path):
    entry = Entry(DAY, {"schema": 1, "date": DAY, "notes": NASTY + "\n"})
    saved = checkin.apply_answers(entry, {"notes": NASTY + "\n", "fatigue": 3})
    assert saved.doc["notes"] == NASTY + "\n"


def test_a_changed_dose_keeps_the_name_and_form_it_did_not_touch():
    kept = {
        "substance": "tea\u202e\x1b]0;x\x07",
        "amount": 1,
        "unit": "cup",
        "form": "bag\u2066",
        "batch": "A",
    }
    dose = records.make_dose("tea]0;x", "2", "cup", "bag", "", keep=kept)
    assert dose == {**kept, "amount": 2}
    typed = records.make_dose("green tea\x1b[31m", "2", "cup", "", "", keep=kept)
    assert typed["substance"] == "green tea [31m" and "form" not in typed


def test_json_export_escapes_bidi_controls(cli, data_dir):
    Store(data_dir).save(
        Entry(
            DAY,
            {
                "schema": 1,
                "date": DAY,
                "symptoms": {"fatigue": 3},
                "notes": "ok \u202edesrever\u2066 \u200f",
            },
        ),
        expected=True,
    )
    result = cli(
        "export",
        "--format",
        "json",
        "--include-notes",
        "--from",
        str(DAY),
        "--to",
        str(DAY),
        "--output",
        "-",
    )
    assert result.code == 0, result.err
    assert not any(char in result.out for char in BIDI_CONTROLS)
    assert "\\u202e" in result.out
    notes = json.loads(result.out)["notes"]
    assert notes == [{"date": str(DAY), "text": "ok \u202edesrever\u2066 \u200f"}]


# -- 10. remind speaks when today's file has a bad value ------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "[symptoms]\nfatigue = 11\n",
        "[gi]\nstools = [{bristol = 9}]\n",
        "[symptoms\nfatigue = 3\n",
    ],
)
def test_remind_says_when_todays_file_cant_be_read(cli, data_dir, body):
    today = date.today()
    path = data_dir / "entries" / str(today.year) / f"{today}.toml"
    path.parent.mkdir(parents=True)
    path.write_text(f"schema = 1\ndate = {today}\n{body}")
    result = cli("remind")
    assert result.code == 0
    assert result.out == ("fatiguelog: today's entry can't be read; 'fatiguelog check' says why.\n")


# -- 9. the merge message: a red flag first, and only what is true ---------------------------


def test_a_merge_names_the_red_flag_first_and_never_a_none_today_it_dropped():
    from fatiguelog.merge import merge_docs

    base = {"schema": 1, "date": DAY}
    ours = {
        **base,
        "symptoms": {"fatigue": 6},
        "gi": {"stools": [], "no_bowel_movement": True},
        "red_flags": {"fever": False},
    }
    theirs = {
        **base,
        "symptoms": {"fatigue": 2},
        "gi": {"stools": [{"bristol": 4}], "no_bowel_movement": False},
        "red_flags": {"fever": True},
    }
    merged = merge_docs(base, ours, theirs)
    assert merged.doc["gi"]["no_bowel_movement"] is False  # the stool from elsewhere won
    said = merged.summary()
    assert said.startswith(
        "Kept what changed on disk meanwhile (another terminal?): red flag "
        "'fever' reported elsewhere; 1 bowel movement added elsewhere."
    )
    assert "fatigue (elsewhere: 2)" in said
    assert "no bowel movement" not in said  # it was not kept: not said
