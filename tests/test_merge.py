"""Three-way merge when the day's file changed behind the check-in's back."""

from __future__ import annotations

from datetime import date, time

from fatiguelog.merge import merge_docs

DAY = date(2026, 11, 25)


def doc(**parts):
    return {"schema": 1, "date": DAY, **parts}


def test_user_changes_win_and_other_keys_take_disk_values():
    base = doc(symptoms={"fatigue": 5, "pain": 2}, notes="old")
    ours = doc(symptoms={"fatigue": 8, "pain": 2}, notes="old")
    theirs = doc(symptoms={"fatigue": 4, "pain": 6}, notes="new on disk", extra=1)
    result = merge_docs(base, ours, theirs)
    assert result.doc["symptoms"] == {"fatigue": 8, "pain": 6}
    assert result.doc["notes"] == "new on disk"
    assert result.doc["extra"] == 1
    assert "pain changed elsewhere" in result.summary()


def test_stools_added_on_disk_are_kept_with_the_users():
    base = doc(gi={"stools": [{"bristol": 4, "time": time(7)}]})
    ours = doc(
        gi={
            "stools": [{"bristol": 4, "time": time(7)}, {"bristol": 3, "time": time(12)}],
            "laxative": False,
        }
    )
    theirs = doc(
        gi={
            "stools": [{"bristol": 4, "time": time(7)}, {"bristol": 2, "time": time(9)}],
            "no_bowel_movement": False,
        }
    )
    result = merge_docs(base, ours, theirs)
    assert [s["bristol"] for s in result.doc["gi"]["stools"]] == [4, 2, 3]
    assert result.doc["gi"]["laxative"] is False
    assert result.doc["gi"]["no_bowel_movement"] is False
    assert "1 bowel movement added elsewhere" in result.summary()


def test_none_today_gives_way_to_a_stool_logged_elsewhere():
    base = doc()
    ours = doc(gi={"stools": [], "no_bowel_movement": True})
    theirs = doc(gi={"stools": [{"bristol": 2}], "no_bowel_movement": False})
    gi = merge_docs(base, ours, theirs).doc["gi"]
    assert gi["stools"] == [{"bristol": 2}] and gi["no_bowel_movement"] is False


def test_doses_added_on_both_sides_and_untouched_sections():
    base = doc()
    ours = doc(intake=[{"substance": "kratom", "amount": 2, "unit": "g"}])
    theirs = doc(
        intake=[{"substance": "kratom", "amount": 1, "unit": "g", "time": time(20)}],
        red_flags={"fever": True},
    )
    result = merge_docs(base, ours, theirs)
    assert len(result.doc["intake"]) == 2
    assert result.doc["red_flags"] == {"fever": True}


def test_key_removed_on_disk_that_user_did_not_touch_is_removed():
    base = doc(notes="x", symptoms={"pain": 1})
    ours = doc(notes="x", symptoms={"pain": 3})
    theirs = doc(symptoms={"pain": 1})
    result = merge_docs(base, ours, theirs)
    assert "notes" not in result.doc and result.doc["symptoms"] == {"pain": 3}


def test_a_red_flag_reported_on_either_side_stays_reported():
    # The app opened the day with no red flags; the user answered "none"; meanwhile
    # `fatiguelog log red-flag fever` ran in another terminal.
    from fatiguelog.model import RED_FLAGS

    base = doc()
    ours = doc(red_flags=dict.fromkeys(RED_FLAGS, False))
    theirs = doc(red_flags={"fever": True})
    result = merge_docs(base, ours, theirs)
    assert result.doc["red_flags"]["fever"] is True
    assert result.doc["red_flags"]["vomiting"] is False
    assert "red flag 'fever' reported elsewhere" in result.summary()


def test_a_red_flag_the_user_reported_survives_a_clear_elsewhere():
    base = doc(red_flags={"vomiting": False})
    ours = doc(red_flags={"vomiting": True})
    theirs = doc(red_flags={"vomiting": False, "fever": False})
    assert merge_docs(base, ours, theirs).doc["red_flags"]["vomiting"] is True


def test_every_answer_changed_on_both_sides_is_named():
    base = doc(symptoms={"fatigue": 5, "pain": 2}, notes="old")
    ours = doc(symptoms={"fatigue": 8, "pain": 3}, notes="mine")
    theirs = doc(symptoms={"fatigue": 6, "pain": 1}, notes="theirs")
    result = merge_docs(base, ours, theirs)
    assert result.doc["symptoms"] == {"fatigue": 8, "pain": 3} and result.doc["notes"] == "mine"
    message = result.summary()
    assert "fatigue (elsewhere: 6)" in message
    assert "pain (elsewhere: 1)" in message
    assert "notes (elsewhere: 'theirs')" in message
