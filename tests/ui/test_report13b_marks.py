"""Outside test 13b, finding 14: the picked dose or bowel movement in a check-in list (what
c changes and x removes) was told from the others by colour alone. It carries a "▶" now."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from .conftest import TODAY, make_app, press


def lines(app) -> list[str]:
    listing = app.screen.query_one("#items", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_the_picked_bowel_movement_is_marked_in_words_not_colour(root):
    app = make_app(root, start=("checkin", TODAY, True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "s", "s", "a", "2", "enter", "a", "6", "enter")
        assert [line[:2] for line in lines(app)] == ["  ", "▶ "]  # the one just added
        await press(pilot, "up")
        assert [line[:2] for line in lines(app)] == ["▶ ", "  "]
        assert lines(app)[0].startswith("▶ 1. type 2")
        await press(pilot, "x")  # removes the one marked
        assert len(lines(app)) == 1 and lines(app)[0].startswith("▶ 1. type 6")


async def test_the_kind_up_down_has_come_to_is_marked_in_words_not_colour(root):
    """The add-a-question form: Down in the kinds moved a highlight shown by colour alone;
    Space then chose a kind the user could not see was picked."""
    from fatiguelog.ui.widgets.choices import MarkedRadioButton

    def marked(app) -> list[str]:
        return [
            str(b.id)
            for b in app.screen.query("#kind MarkedRadioButton").results(MarkedRadioButton)
            if b.render().plain.endswith(" ◀")
        ]

    app = make_app(root, start=("settings",))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await press(pilot, "end", "enter", *"Steps walked", "tab", "tab")
        assert marked(app) == ["kind-rating"]
        await press(pilot, "down")
        assert marked(app) == ["kind-yesno"]
        await press(pilot, "tab")  # focus left the kinds: no cursor to show
        assert marked(app) == []


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_snapshot_kind_cursor_marked(snap_compare, root, size):
    app = make_app(root, start=("settings",))
    assert snap_compare(
        app, terminal_size=size, press=["end", "enter", *"Dizzy", "tab", "tab", "down"]
    )
