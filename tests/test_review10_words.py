"""Words the outside review of issue 10 found garbled or misleading (item 11), in the views a
user reads: a new user's first line, figures without enough data, and the change flag's
"how long"."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from fatiguelog import flagtext as ft
from fatiguelog.cli import main
from fatiguelog.model import Entry
from tests.factories import make_app
from tests.ui_trends.histories import day_entry, write

TODAY = date.today()


def export_md(root: Path, capsys, *args: str) -> str:
    assert main(["--data-dir", str(root), "export", "--format", "md", *args]) == 0
    return capsys.readouterr().out


def printed(root: Path, capsys) -> str:
    assert main(["--data-dir", str(root), "trends", "--print", "--days", "30"]) == 0
    return capsys.readouterr().out


def test_two_days_of_data_do_not_read_as_an_all_clear_or_garbled(tmp_path, capsys):
    """`two`: one stool and one "none today". The export read "not enough data of 1 stools
    with a type", "range —-—", and the flags opened with "No flag was on"."""
    one = day_entry(TODAY, bristol=(4,))
    none = day_entry(TODAY - timedelta(days=1), bristol=())
    for entry in (one, none):
        del entry.doc["activity"]
    write(tmp_path, [one, none])
    md = export_md(tmp_path, capsys, "--from", "-29d")
    assert "of 1 stools" not in md and "—-—" not in md
    assert (
        "Hard (types 1-2) and loose (types 6-7) shares: not enough data (1 stool with a "
        "type; a share needs at least 4)."
    ) in md
    assert "Exertion (0 = rested all day, 10 = far too much): no answers in this period." in md
    flags = md[md.index("## Flags") :]
    assert flags.split("\n", 2)[2].startswith("Not enough data yet for the bowel flags: ")
    out = printed(tmp_path, capsys)
    assert "Not enough data yet for the bowel flags" in out
    assert out.index("Not enough data yet") < out.index("No flag was on")


def test_the_change_flag_says_what_its_figure_is():
    """ "How long: 27 recorded days compared" for the change flag: say what the figure is."""
    from fatiguelog.analysis.summary import EvidenceDays, FlagReport

    flag = FlagReport(
        "gi.change",
        "info",
        "Change from your usual bowel habit",
        date(2026, 11, 12),
        date(2026, 11, 25),
        "",
        "",
        "",
        "",
        evidence_days=EvidenceDays(date(2026, 10, 30), date(2026, 11, 25), 27),
        window=14,
    )
    assert ft.lasted(flag) == (
        "Compares 27 recorded days between 2026-10-30 and 2026-11-25 (each day's last 14 "
        "days) with the 28 days before them. The flag stays on for up to 14 days after the "
        "last of them."
    )


async def test_a_new_user_reads_not_enough_data_first_on_home(tmp_path):
    """A new user saw "No flag on today (0 of 17 rules checked)" as the first flag line."""
    from tests.ui.conftest import wait_for_home

    app = make_app(tmp_path / "data", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        text = "\n".join(str(w.render()) for w in app.screen.query("#home-flags Static"))
    first = text.splitlines()[0]
    assert first == (
        "Not enough data yet for the bowel flags: they need bowel answers on most "
        "days, for 1 to 6 weeks (0 of 17 rules checked)."
    )
    assert "alarm symptoms (they need a check-in in the last 7 days)" in text
    assert "No flag on today" not in text


def test_one_check_in_names_only_what_is_still_missing(tmp_path, capsys):
    entry = Entry.new(TODAY)
    entry.doc["symptoms"] = {"fatigue": 5}
    entry.doc["red_flags"] = {}
    write(tmp_path, [entry])
    out = printed(tmp_path, capsys)
    assert "Not enough data yet for the bowel flags: they need bowel answers" in out
    assert "alarm symptoms need a check-in" not in out.split("No flag was on")[0]
