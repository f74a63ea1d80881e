"""Outside test 13b, finding 14: the picked dose or bowel movement in a check-in list (what
c changes and x removes) was told from the others by colour alone. It carries a "▶" now."""

from __future__ import annotations

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
