"""Deleting, undoing, restoring and resuming a day, decided without a screen (`dayactions`).

The app only asks and shows the sentence; here the files on disk and the sentence are checked.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from fatiguelog import dayactions
from fatiguelog.drafts import Draft, load_draft, save_draft
from fatiguelog.trash import in_trash
from tests.factories import entry_file, put_entry

DAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 25, 9, 30, 0)
ENTRY = b"schema = 1\ndate = 2026-11-20   # hand-edited\n\n[symptoms]\nfatigue = 7\n"


def test_delete_moves_the_day_to_the_trash_and_offers_undo(tmp_path: Path) -> None:
    entry = put_entry(tmp_path, DAY, ENTRY)
    outcome = dayactions.delete(tmp_path, DAY, NOW)
    assert outcome.done
    assert outcome.message == (
        "Deleted Fri 20 Nov 2026: moved to the trash folder. Press u to undo."
    )
    assert not entry.exists()
    [trashed] = in_trash(tmp_path)
    assert outcome.undo == trashed
    assert trashed.path(tmp_path).read_bytes() == ENTRY  # byte for byte, comment and all


def test_delete_says_what_went_with_the_day(tmp_path: Path) -> None:
    put_entry(tmp_path, DAY, ENTRY)
    save_draft(tmp_path, Draft(DAY, False, "pem", {"fatigue": 6}))
    assert "(with its unfinished check-in)" in dayactions.delete_question(tmp_path, DAY)
    outcome = dayactions.delete(tmp_path, DAY, NOW)
    assert "Deleted Fri 20 Nov 2026 with its unfinished check-in:" in outcome.message
    assert load_draft(tmp_path, DAY) is None


def test_the_question_without_a_draft_names_only_the_day(tmp_path: Path) -> None:
    put_entry(tmp_path, DAY, ENTRY)
    assert dayactions.delete_question(tmp_path, DAY) == (
        "Delete Friday 20 November 2026? Its file is moved to the trash folder, not erased, "
        "and u brings it back."
    )


def test_a_day_without_a_file_is_refused_and_undo_stays_as_it_was(tmp_path: Path) -> None:
    put_entry(tmp_path, date(2026, 11, 19), ENTRY)
    earlier = dayactions.delete(tmp_path, date(2026, 11, 19), NOW).undo
    assert dayactions.nothing_to_delete(tmp_path, DAY) == "Fri 20 Nov 2026 has no entry to delete."
    outcome = dayactions.delete(tmp_path, DAY, NOW, undo=earlier)
    assert not outcome.done
    assert outcome.message.startswith("Fri 20 Nov 2026 was not deleted: 2026-11-20 has no entry")
    assert outcome.undo == earlier  # `u` still brings back the day deleted before


def test_undo_brings_back_exactly_that_file(tmp_path: Path) -> None:
    entry = put_entry(tmp_path, DAY, ENTRY)
    trashed = dayactions.delete(tmp_path, DAY, NOW).undo
    assert trashed is not None
    outcome = dayactions.undo_delete(tmp_path, trashed)
    assert (outcome.done, outcome.undo) == (True, None)
    assert outcome.message == "Restored Fri 20 Nov 2026."
    assert entry.read_bytes() == ENTRY
    assert in_trash(tmp_path) == []


def test_undo_refused_while_the_day_has_an_entry_again_stays_offered(tmp_path: Path) -> None:
    put_entry(tmp_path, DAY, ENTRY)
    trashed = dayactions.delete(tmp_path, DAY, NOW).undo
    assert trashed is not None
    newer = b"schema = 1\ndate = 2026-11-20\n[symptoms]\nfatigue = 2\n"
    entry = put_entry(tmp_path, DAY, newer)
    outcome = dayactions.undo_delete(tmp_path, trashed)
    assert not outcome.done
    assert "already has an entry, so nothing was restored" in outcome.message
    assert "press u again" in outcome.message
    assert outcome.undo == trashed  # still in the trash: u can try again once the way is clear
    assert entry.read_bytes() == newer  # nothing replaced


def test_undo_of_a_copy_gone_from_the_trash_is_no_longer_offered(tmp_path: Path) -> None:
    put_entry(tmp_path, DAY, ENTRY)
    trashed = dayactions.delete(tmp_path, DAY, NOW).undo
    assert trashed is not None
    trashed.path(tmp_path).unlink()  # restored by hand, or moved away meanwhile
    outcome = dayactions.undo_delete(tmp_path, trashed)
    assert (outcome.done, outcome.undo) == (False, None)
    assert "is no longer there; nothing was restored" in outcome.message


def test_restoring_the_copy_undo_would_bring_back_ends_the_undo(tmp_path: Path) -> None:
    other_day = date(2026, 11, 18)
    put_entry(tmp_path, other_day, ENTRY)
    put_entry(tmp_path, DAY, ENTRY)
    first = dayactions.delete(tmp_path, other_day, NOW).undo
    last = dayactions.delete(tmp_path, DAY, NOW).undo
    assert first is not None and last is not None
    outcome = dayactions.restore_copy(tmp_path, first, undo=last)
    assert outcome.done and outcome.undo == last  # another day: u still undoes the last delete
    assert outcome.message == "Restored Wed 18 Nov 2026 (deleted 25 Nov 09:30:00)."
    outcome = dayactions.restore_copy(tmp_path, last, undo=last)
    assert outcome.done and outcome.undo is None
    assert entry_file(tmp_path, DAY).read_bytes() == ENTRY


def test_a_refused_restore_keeps_undo_and_replaces_nothing(tmp_path: Path) -> None:
    put_entry(tmp_path, DAY, ENTRY)
    trashed = dayactions.delete(tmp_path, DAY, NOW).undo
    assert trashed is not None
    put_entry(tmp_path, DAY, b"schema = 1\ndate = 2026-11-20\n")
    outcome = dayactions.restore_copy(tmp_path, trashed, undo=trashed)
    assert (outcome.done, outcome.undo) == (False, trashed)
    assert "pick it here again" in outcome.message


# -- an unfinished check-in ------------------------------------------------------------------


def test_no_draft_means_no_question(tmp_path: Path) -> None:
    assert dayactions.draft_to_offer(tmp_path, DAY) is None


def test_resume_goes_on_as_the_check_in_was_begun(tmp_path: Path) -> None:
    save_draft(tmp_path, Draft(DAY, True, "pem", {"fatigue": 6}))
    draft = dayactions.draft_to_offer(tmp_path, DAY)
    assert draft is not None
    start = dayactions.start_after_offer(tmp_path, DAY, False, draft, dayactions.RESUME)
    assert start is not None
    assert start.quick is True  # a quick check-in resumes quick, whatever was asked now
    assert start.draft is not None and start.draft.answers == {"fatigue": 6}
    assert load_draft(tmp_path, DAY) is not None


def test_start_over_drops_the_draft_and_begins_what_was_asked(tmp_path: Path) -> None:
    save_draft(tmp_path, Draft(DAY, True, "pem", {"fatigue": 6}))
    draft = dayactions.draft_to_offer(tmp_path, DAY)
    assert draft is not None
    start = dayactions.start_after_offer(tmp_path, DAY, False, draft, dayactions.START_OVER)
    assert start == dayactions.CheckinStart(False, None)
    assert load_draft(tmp_path, DAY) is None


def test_not_now_keeps_the_draft_and_starts_nothing(tmp_path: Path) -> None:
    save_draft(tmp_path, Draft(DAY, False, "pem", {"fatigue": 6}))
    draft = dayactions.draft_to_offer(tmp_path, DAY)
    assert draft is not None
    assert dayactions.start_after_offer(tmp_path, DAY, False, draft, None) is None
    kept = load_draft(tmp_path, DAY)
    assert kept is not None and kept.answers == {"fatigue": 6}
