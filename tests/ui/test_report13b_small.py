"""Outside test 13b at 60x20: every field of a form is on screen when it has the focus, and
labels are not cut (findings 5 and 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import write_settings

from .conftest import make_app

SIZES = pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])

#: Settings -> "+ Add a question of your own" -> a number with unit, lowest and highest.
ADD_NUMBER = (
    "end",
    "enter",
    *"Steps walked",
    "tab",
    "tab",
    "down",
    "down",
    "space",
    "tab",
    *"steps",
    "tab",
    "0",
    "tab",
    *"50000",
)


def _shown(pilot, widget) -> bool:
    """The widget's first cell is on screen, not under another or clipped away."""
    region = widget.region
    if not region.area:
        return False
    found, _ = pilot.app.screen.get_widget_at(region.x, region.y)
    return found is widget or widget in found.ancestors


@SIZES
async def test_every_field_of_a_new_number_question_is_seen_while_typed(
    tmp_path: Path, size
) -> None:
    """At 60x20 the "Highest" box was never on screen: 50000 was typed blind."""
    app = make_app(tmp_path / "data", start=("settings",))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in ADD_NUMBER:
            await pilot.press(key)
            if key == "tab":
                await pilot.pause()
                focused = app.focused
                assert focused is not None and _shown(pilot, focused), (key, focused)
        await pilot.pause()
        box = app.focused
        assert box is not None and box.id == "max" and _shown(pilot, box)


@SIZES
def test_snapshot_new_number_question_highest_typed(snap_compare, tmp_path: Path, size):
    app = make_app(tmp_path / "data", start=("settings",))
    assert snap_compare(app, terminal_size=size, press=list(ADD_NUMBER))


@SIZES
async def test_every_button_of_a_question_s_change_form_is_on_screen(tmp_path: Path, size) -> None:
    """Changing a question at 60x20: "Move down" was off the dialog's right edge."""
    from textual.widgets import Button

    from .test_settings_screen import HAND_WRITTEN

    root = tmp_path / "data"
    root.mkdir()
    write_settings(root, HAND_WRITTEN)
    app = make_app(root, start=("settings",))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        from textual.widgets import OptionList

        listing = app.screen.query_one(OptionList)
        listing.highlighted = listing.get_option_index("tracker-0")
        await pilot.press("enter")
        await pilot.pause()
        buttons = list(app.screen.query(".buttons Button").results(Button))
        assert [b.id for b in buttons] == ["save", "cancel", "up", "down"]
        for button in buttons:
            assert _shown(pilot, button), button.id
            assert button.region.right <= size[0] - 2, (button.id, button.region)


@SIZES
async def test_the_trend_view_s_period_bar_and_keys_fit(tmp_path: Path, size) -> None:
    """At 60x20 "[5] All" and its "◀" were cut off, and so was the key bar ("4 1 y")."""
    from textual.widgets import Button, Footer

    from fatiguelog.wording import TREND_PERIODS
    from tests.ui_trends.conftest import wait_loaded

    app = make_app(tmp_path / "data", start=("trends", 90))
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot)
        await pilot.press("5")
        await wait_loaded(pilot)
        button = app.screen.query_one("#period-all", Button)
        assert str(button.label) == "[5] All ◀"
        for each in app.screen.query("#periods Button").results(Button):
            assert each.region.height == 1 and each.region.right <= size[0], each.region
            assert _shown(pilot, each), each.id
        footer = app.screen.query_one(Footer)
        wanted = {"Back", *(label for _key, _days, label in TREND_PERIODS)}
        keys = [key for key in footer.children if str(getattr(key, "description", "")) in wanted]
        assert {str(getattr(key, "description", "")) for key in keys} == wanted
        assert all(key.region.right <= size[0] for key in keys), [
            (str(getattr(key, "description", "")), key.region) for key in keys
        ]
