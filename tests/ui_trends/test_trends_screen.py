"""The trend view as a user sees it: periods switch, urgent flags come first, text stays text."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.widgets import Button

from fatiguelog.settings import Settings
from fatiguelog.ui.app import FatiguelogApp
from fatiguelog.ui.screens.trends import TrendsScreen
from fatiguelog.ui.widgets.charts import TextChart
from fatiguelog.ui.widgets.flags import FlagCard, UrgentBanner
from tests.ui_trends.conftest import wait_loaded
from tests.ui_trends.histories import TODAY, build, day_entry, write
from tests.ui_trends.hostapp import HostApp

SIZE = (80, 24)


def host(root: Path, days: int | None = 30) -> HostApp:
    return HostApp(lambda: TrendsScreen(root, Settings(), days, today=TODAY))


def plain(widget) -> str:
    return str(widget.render())


def real_app(root: Path, days: int = 30) -> FatiguelogApp:
    """The trend view as `fatiguelog trends --days N` opens it (the user's own app)."""
    return FatiguelogApp(root, start=("trends", days), today=TODAY, blink=False)


def test_snapshot_no_flags(snap_compare, calm_root: Path) -> None:
    assert snap_compare(real_app(calm_root), terminal_size=SIZE, run_before=wait_loaded)


def test_snapshot_warnings(snap_compare, warn_root: Path) -> None:
    assert snap_compare(real_app(warn_root), terminal_size=SIZE, run_before=wait_loaded)


def test_snapshot_urgent(snap_compare, urgent_root: Path) -> None:
    assert snap_compare(real_app(urgent_root), terminal_size=SIZE, run_before=wait_loaded)


async def test_switching_periods_by_key_and_click(urgent_root: Path) -> None:
    app = host(urgent_root, 30)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        screen = app.screen
        assert isinstance(screen, TrendsScreen)
        assert screen.summary.first == TODAY - timedelta(days=29)
        await pilot.press("1")
        await wait_loaded(pilot)
        assert (screen.summary.first, screen.summary.last) == (TODAY - timedelta(days=6), TODAY)
        assert "Last 7 days" in plain(screen.query_one("#trends-title"))
        assert "◀" in str(screen.query_one("#period-7", Button).label)
        assert "◀" not in str(screen.query_one("#period-30", Button).label)
        await pilot.click("#period-all")
        await wait_loaded(pilot)
        assert screen.summary.first == TODAY - timedelta(days=199)  # the first entry
        assert "All your entries" in plain(screen.query_one("#trends-title"))
        await pilot.press("4")
        await wait_loaded(pilot)
        assert screen.summary.days == 365
        assert screen.summary.days_recorded == 200


async def test_urgent_banner_is_first_and_on_screen(urgent_root: Path) -> None:
    app = host(urgent_root)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        banner = app.screen.query_one(UrgentBanner)
        body = app.screen.query_one("#trends-body")
        assert body.children[0] is banner  # above everything else
        text = plain(banner)
        assert "!! SEEK MEDICAL CARE PROMPTLY" in text
        assert "Blood in stool: reported on 2026-11-23" in text
        assert (
            "Ask for an urgent GP appointment or call your urgent medical advice line today" in text
        )
        assert 0 <= banner.region.y < SIZE[1] - 2  # visible without scrolling
        cards = [plain(c) for c in app.screen.query(FlagCard)]
        assert any("! WARNING: Constipation pattern" in c for c in cards)
        assert all(
            "How long:" in c
            and "Evidence:" in c
            and "Rule:" in c
            and "Source:" in c
            and "What to do:" in c
            for c in cards
        )
        assert all("clinician" in c or "GP" in c for c in cards)


async def test_warnings_without_urgent_have_no_banner(warn_root: Path) -> None:
    app = host(warn_root)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        assert not app.screen.query(UrgentBanner)
        cards = [plain(card) for card in app.screen.query(FlagCard)]
        assert any(
            "Constipation after starting or increasing an opioid-class substance" in c
            for c in cards
        )
        assert not any("gi." in c for c in cards)  # titles, never rule ids
        assert "not a diagnosis" in plain(app.screen.query_one(".disclaimer"))


async def test_not_enough_data_is_said(tmp_path: Path) -> None:
    root = tmp_path / "short"
    write(root, [day_entry(TODAY - timedelta(days=i)) for i in range(3)])
    app = host(root, 7)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        text = plain(app.screen.query_one(".not-enough"))
        assert text.startswith(f"Rules checked on {TODAY.isoformat()}: ")
        assert "- Constipation pattern: needs at least 14 days with bowel movements" in text
        assert "gi." not in text
        quiet = " ".join(plain(w) for w in app.screen.query(".quiet"))
        assert "No flag was on in this period (" in quiet


async def test_user_text_is_shown_as_text_not_markup(tmp_path: Path) -> None:
    root = tmp_path / "evil"
    name = "[@click=app.quit]x[/] [bold]kr\x1b[31m"
    entries = []
    for i in range(40):
        entry = day_entry(TODAY - timedelta(days=39 - i))
        entry.doc["intake"] = [{"substance": name, "amount": 1.0 if i < 30 else 3.0, "unit": "g"}]
        entries.append(entry)
    write(root, entries)
    app = host(root, 30)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        charts = [c for c in app.screen.query(TextChart) if c.series.key.startswith("intake:")]
        assert charts and "[@click=app.quit]x[/] [bold]kr" in charts[0].heading
        assert "\x1b" not in charts[0].heading
        events = plain(app.screen.query_one(".events"))
        assert "Now 3 g a day: since " in events and "(increased from 1 g)" in events
        assert app.is_running


async def test_escape_goes_back(calm_root: Path) -> None:
    app = host(calm_root)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TrendsScreen)


async def test_keyboard_scrolls_the_body(urgent_root: Path) -> None:
    app = host(urgent_root)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        body = app.screen.query_one("#trends-body")
        assert body.max_scroll_y > 20
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y


async def test_gaps_are_not_zero(tmp_path: Path) -> None:
    root = tmp_path / "gaps"
    write(root, [day_entry(TODAY - timedelta(days=i), fatigue=9) for i in (0, 2, 4, 6)])
    app = host(root, 7)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        chart = next(c for c in app.screen.query(TextChart) if c.series.key == "fatigue")
        rows = plain(chart).splitlines()
        assert "·" in rows[-2]  # the bottom row marks the days without an answer
        assert rows[-1].strip().startswith(str(TODAY - timedelta(days=6)))


def test_history_builder_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for root in (a, b):
        build(root, 10, lambda i, day: day_entry(day, fatigue=i % 10))
    files = sorted(p.relative_to(a) for p in a.rglob("*.toml"))
    assert files and all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    assert date.fromisoformat(files[-1].stem) == TODAY


async def test_empty_history_says_so(tmp_path: Path) -> None:
    app = host(tmp_path / "nothing", None)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        screen = app.screen
        assert (screen.summary.first, screen.summary.last) == (TODAY, TODAY)
        empty = [plain(w) for w in screen.query(".chart-empty")]
        assert any(t.startswith("Fatigue") and "no answers" in t for t in empty)
        quiet = " ".join(plain(w) for w in screen.query(".quiet"))
        assert "No flag was on in this period (0 of 17 rules could be checked" in quiet
