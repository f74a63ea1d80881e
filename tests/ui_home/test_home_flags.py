"""The home screen shows the flags active today, red flags first and in words."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from fatiguelog.demo_history import generate
from fatiguelog.model import RED_FLAGS, Entry
from fatiguelog.store import Store
from fatiguelog.ui.app import FatiguelogApp
from tests.ui.conftest import wait_for_home

TODAY = date(2026, 11, 25)


async def home_text(app: FatiguelogApp, pilot) -> str:
    await wait_for_home(pilot)
    return "\n".join(str(w.render()) for w in app.screen.query("#home-flags Static"))


async def test_an_urgent_flag_and_warnings_are_on_the_home_screen(tmp_path: Path) -> None:
    root = tmp_path / "data"
    generate(root, days=180, seed=7, end=TODAY - timedelta(days=1))
    app = FatiguelogApp(root, today=TODAY, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        text = await home_text(app, pilot)
    first, *rest = text.splitlines()
    assert first == "!! SEEK MEDICAL CARE PROMPTLY: Blood in stool reported on 2026-11-21."
    assert rest[0].startswith("Ask for an urgent GP appointment")
    assert "This is not a diagnosis. Press t for the evidence (17 of 17 rules checked)." in text


async def test_no_flags_is_said_in_words(tmp_path: Path) -> None:
    root = tmp_path / "data"
    store = Store(root)
    for back in range(10):
        entry = Entry.new(TODAY - timedelta(days=back))
        entry.doc["gi"] = {"stools": [{"bristol": 4, "straining": False}], "laxative": False}
        store.save(entry)
    app = FatiguelogApp(root, today=TODAY, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        text = await home_text(app, pilot)
    first, second = text.splitlines()
    assert first == "No flag on today (11 of 17 rules checked)."  # never "no flags" alone
    assert second.startswith("Not checked (not enough data): Feeling of incomplete emptying, ")
    assert "Press t for what each needs" in second


async def test_a_red_flag_logged_today_appears_after_a_check_in(tmp_path: Path) -> None:
    root = tmp_path / "data"
    app = FatiguelogApp(root, today=TODAY, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        assert (await home_text(app, pilot)).startswith("Not enough data yet for the bowel")
        for key in ("q", "5", "enter", "s", "n", "enter", "2", "enter"):  # black stool
            await pilot.press(key)
            await pilot.pause()
        for _ in range(100):
            await pilot.pause(0.02)
            text = "\n".join(str(w.render()) for w in app.screen.query("#home-flags Static"))
            if "SEEK MEDICAL CARE" in text:
                break
        assert "!! SEEK MEDICAL CARE PROMPTLY: Black" in text


async def test_the_ways_in_are_clickable(tmp_path: Path) -> None:
    from fatiguelog.ui.screens.checkin import CheckinScreen

    app = FatiguelogApp(tmp_path / "data", today=TODAY, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#home-actions", offset=(22, 0))  # "q Quick check-in"
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        assert "Quick check-in" in str(app.screen.query_one("#step-header").render())


async def test_with_urgent_lines_the_other_flags_are_counted_never_cut_off(tmp_path: Path) -> None:
    """Outside test 14c: with two red flags of the last week, the urgent lines filled home's
    flag box and three of five warnings, the "... and N more." line and "not a diagnosis"
    were cut off unsaid (80x24 and 60x20). Now every line is whole on screen and the others
    are counted."""
    from textual.containers import Vertical

    root = tmp_path / "data"
    generate(root, days=180, seed=7, end=TODAY - timedelta(days=1))
    store = Store(root)
    for back in range(40):  # hard stools with straining: several warnings on today
        day = TODAY - timedelta(days=back)
        entry = store.read(day).entry or Entry.new(day)
        stool = {"bristol": 1, "straining": True, "incomplete": True}
        entry.doc["gi"] = {"stools": [stool], "laxative": False}
        if back == 0:
            entry.doc.setdefault("red_flags", {})["fever"] = True
        if back == 1:  # every red flag: the most the urgent lines can say (report-14d #1)
            entry.doc["red_flags"] = dict.fromkeys(RED_FLAGS, True)
        store.save(entry)
    for size in ((80, 24), (60, 20)):
        app = FatiguelogApp(root, today=TODAY, blink=False)
        async with app.run_test(size=size) as pilot:
            text = await home_text(app, pilot)
            await pilot.pause()
            box = app.screen.query_one("#home-flags", Vertical).region
            for line in app.screen.query("#home-flags Static"):
                assert box.contains_region(line.region), (size, str(line.render()))
        assert text.startswith("!! SEEK MEDICAL CARE PROMPTLY: ")
        counted = text.splitlines()[-1]
        assert counted.startswith("! Also on today: "), text
        assert "other flags. This is not a diagnosis. Press t for the evidence (" in counted
        assert "Seek medical care promptly, today." in text  # (fever's, vomiting's... advice)
