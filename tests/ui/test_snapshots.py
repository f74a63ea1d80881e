"""Screenshots of the home screen, every check-in step and every dialog at 80x24 and at the
smallest size we support, 60x20 (fixed date, no blink).

Update with `pytest tests/ui/test_snapshots.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from fatiguelog.checkin import FULL_STEPS
from fatiguelog.drafts import Draft, save_draft
from tests.factories import write_settings

from .conftest import TODAY, TRACKERS, YESTERDAY, make_app, wait_for_home, write_entry

SIZE = (80, 24)
SMALL = (60, 20)
#: Keys pressed on a step before its picture, to show an answer being given.
PRESS = {
    "fatigue": ["7"],
    "quality": ["8"],
    "unrefreshing_sleep": ["y"],
    "sleep_hours": ["6", ".", "5"],
    "red_flags": ["3"],
}


@pytest.fixture
def history(root: Path) -> Path:
    for back in range(1, 6):
        day = TODAY - timedelta(days=back)
        write_entry(
            root,
            day,
            symptoms={"fatigue": 4 + back},
            gi={"stools": [{"bristol": min(7, back), "time": time(8)}], "no_bowel_movement": False},
        )
    write_entry(
        root,
        YESTERDAY,
        symptoms={"fatigue": 6},
        intake=[{"substance": "kratom", "amount": 3, "unit": "g", "form": "leaf powder"}],
        gi={"stools": [], "no_bowel_movement": True},
    )
    return root


def go_to(step_id: str):
    async def run_before(pilot) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        session = screen.session
        session.move([s.id for s in session.steps].index(step_id))
        await screen.show_step()
        await pilot.pause()

    return run_before


def test_home(snap_compare, history):
    assert snap_compare(make_app(history), terminal_size=SIZE, run_before=wait_for_home)


def test_home_light_theme(snap_compare, history):
    assert snap_compare(
        make_app(history), terminal_size=SIZE, run_before=wait_for_home, press=["ctrl+t"]
    )


@pytest.mark.parametrize("step_id", [s.id for s in FULL_STEPS])
def test_step(snap_compare, history, step_id):
    app = make_app(history, start=("checkin", TODAY, False))
    assert snap_compare(
        app, terminal_size=SIZE, run_before=go_to(step_id), press=PRESS.get(step_id, [])
    )


def test_quick_checkin_first_step(snap_compare, history):
    app = make_app(history, start=("checkin", TODAY, True))
    assert snap_compare(app, terminal_size=SIZE)


def test_stool_form(snap_compare, history):
    app = make_app(history, start=("checkin", TODAY, False))
    assert snap_compare(app, terminal_size=SIZE, run_before=go_to("stools"), press=["a", "2", "s"])


def test_dose_form(snap_compare, history):
    app = make_app(history, start=("checkin", TODAY, False))
    assert snap_compare(app, terminal_size=SIZE, run_before=go_to("intake"), press=["c"])


def test_resume_offer(snap_compare, history):
    saved = datetime(2026, 11, 25, 8, 5, tzinfo=UTC)
    save_draft(history, Draft(TODAY, False, "pem", {"fatigue": 7}), now=saved)
    assert snap_compare(
        make_app(history), terminal_size=SIZE, run_before=wait_for_home, press=["c"]
    )


def test_day_picker(snap_compare, history):
    assert snap_compare(
        make_app(history), terminal_size=SIZE, run_before=wait_for_home, press=["d"]
    )


# -- 60x20: every step kind and dialog still works (the scale wraps, the counter stays) ---


@pytest.mark.parametrize("step_id", [s.id for s in FULL_STEPS])
def test_step_small(snap_compare, history, step_id):
    app = make_app(history, start=("checkin", TODAY, False))
    assert snap_compare(
        app, terminal_size=SMALL, run_before=go_to(step_id), press=PRESS.get(step_id, [])
    )


def test_rating_typing_ten(snap_compare, history):
    """ "1" waits, shown as it is typed (it may become 10)."""
    app = make_app(history, start=("checkin", TODAY, False))
    assert snap_compare(app, terminal_size=SMALL, press=["1"])


def test_home_small(snap_compare, history):
    assert snap_compare(make_app(history), terminal_size=SMALL, run_before=wait_for_home)


def test_stool_form_small(snap_compare, history):
    app = make_app(history, start=("checkin", TODAY, False))
    assert snap_compare(app, terminal_size=SMALL, run_before=go_to("stools"), press=["a", "2", "s"])


def test_dose_form_small(snap_compare, history):
    app = make_app(history, start=("checkin", TODAY, False))
    assert snap_compare(app, terminal_size=SMALL, run_before=go_to("intake"), press=["c"])


def test_resume_offer_small(snap_compare, history):
    saved = datetime(2026, 11, 25, 8, 5, tzinfo=UTC)
    save_draft(history, Draft(TODAY, False, "pem", {"fatigue": 7}), now=saved)
    assert snap_compare(
        make_app(history), terminal_size=SMALL, run_before=wait_for_home, press=["c"]
    )


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["80x24", "60x20"])
def test_start_over_confirm(snap_compare, history, size):
    saved = datetime(2026, 11, 25, 8, 5, tzinfo=UTC)
    save_draft(history, Draft(TODAY, False, "pem", {"fatigue": 7}), now=saved)
    assert snap_compare(
        make_app(history), terminal_size=size, run_before=wait_for_home, press=["c", "x"]
    )


def test_day_picker_small(snap_compare, history):
    assert snap_compare(
        make_app(history), terminal_size=SMALL, run_before=wait_for_home, press=["d"]
    )


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["80x24", "60x20"])
def test_help_on_a_step(snap_compare, history, size):
    app = make_app(history, start=("checkin", TODAY, False))
    assert snap_compare(app, terminal_size=size, run_before=go_to("stools"), press=["f1"])


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["80x24", "60x20"])
def test_undo_after_remove(snap_compare, history, size):
    app = make_app(history, start=("checkin", TODAY, False))
    assert snap_compare(
        app, terminal_size=size, run_before=go_to("stools"), press=["a", "4", "enter", "x"]
    )


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["80x24", "60x20"])
def test_demo_home(snap_compare, history, size):
    app = make_app(history, demo=True)
    assert snap_compare(app, terminal_size=size, run_before=wait_for_home)


# -- the outside test of issue 9: refusals on screen, notes over lines, help in dialogs ------


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["80x24", "60x20"])
def test_rating_refused(snap_compare, history, size):
    """ "35" is not read as 5: shown as typed, refused, nothing recorded."""
    app = make_app(history, start=("checkin", TODAY, False))
    assert snap_compare(app, terminal_size=size, press=["3", "5"])


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["80x24", "60x20"])
def test_number_refused(snap_compare, history, size):
    app = make_app(history, start=("checkin", TODAY, False))
    assert snap_compare(
        app, terminal_size=size, run_before=go_to("water_ml"), press=["1", "comma", "5", "0", "0"]
    )


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["80x24", "60x20"])
def test_notes_over_several_lines(snap_compare, history, size):
    write_entry(history, TODAY, notes="Bad night.\n\tWoke at 4, again at 6.\nGP on Friday")
    app = make_app(history, start=("checkin", TODAY, False))
    assert snap_compare(app, terminal_size=size, run_before=go_to("notes"))


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["80x24", "60x20"])
def test_help_in_the_dose_form(snap_compare, history, size):
    app = make_app(history, start=("checkin", TODAY, False))
    assert snap_compare(app, terminal_size=size, run_before=go_to("intake"), press=["a", "f1"])


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["80x24", "60x20"])
def test_home_after_a_merge_naming_a_red_flag(snap_compare, history, size):
    """Saved while `log stool` and `log red-flag fever` ran in another terminal: the message
    wraps in full, the red flag first."""
    from fatiguelog.store import Store

    async def run_before(pilot) -> None:
        await pilot.pause()
        for key in ("6", "enter", "s", "n", "enter"):
            await pilot.press(key)
            await pilot.pause()

        def elsewhere(entry) -> None:
            entry.doc.setdefault("gi", {})["stools"] = [{"bristol": 4}]
            entry.doc["gi"]["no_bowel_movement"] = False
            entry.doc.setdefault("red_flags", {})["fever"] = True
            entry.doc.setdefault("symptoms", {})["fatigue"] = 2

        Store(history).update(TODAY, elsewhere)
        await pilot.press("enter")
        await wait_for_home(pilot)

    app = make_app(history, start=("checkin", TODAY, True))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_full_disk_message(snap_compare, history, monkeypatch):
    """Neither the entry nor the draft can be written: said once, under the step, with no
    pop-up over it."""
    import errno

    import fatiguelog.drafts as drafts_module
    import fatiguelog.store as store_module

    def full(path, data, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    import fatiguelog.checkin_session as session_module

    real = store_module.describe_os_error

    def described(error: OSError, path: Path) -> str:  # the same words on every machine
        return real(error, Path("/home/you/.local/share/fatiguelog") / path.relative_to(history))

    monkeypatch.setattr(store_module, "atomic_write", full)
    monkeypatch.setattr(drafts_module, "atomic_write", full)
    monkeypatch.setattr(store_module, "describe_os_error", described)
    monkeypatch.setattr(session_module, "describe_os_error", described)
    app = make_app(history, start=("checkin", TODAY, True))
    assert snap_compare(app, terminal_size=SIZE, press=["5", "enter", "s", "n", "enter", "enter"])


@pytest.fixture
def trackers(history: Path) -> Path:
    write_settings(history, TRACKERS)
    return history


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["80x24", "60x20"])
@pytest.mark.parametrize(
    "step_id", ["custom.dizziness_standing", "custom.heart_rate", "custom.period"]
)
def test_tracker_step(snap_compare, trackers, step_id, size):
    """The user's own questions, asked as the built-in ones are (issue 13, point 2)."""
    app = make_app(trackers, start=("checkin", TODAY, False))
    assert snap_compare(app, terminal_size=size, run_before=go_to(step_id))


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["80x24", "60x20"])
def test_home_with_a_crash_day(snap_compare, history, size):
    """A day marked as a PEM crash says so in the two weeks (issue 13, point 3)."""
    write_entry(history, YESTERDAY, symptoms={"fatigue": 9, "crash": True})
    assert snap_compare(make_app(history), terminal_size=size, run_before=wait_for_home)
