"""Outside test 13b, findings on charts and the question registry (session i13g).

1. A tracker no longer in settings (or every tracker, when settings.toml can't be read) was
   charted on a -1000000 axis in the trend view and `trends --print`: a 0 drew as a full bar.
12. Built-in rating headings were hand-kept and shaped differently from the user's own (and a
   new built-in symptom got the user's shape); sleep quality gave no day count.
10. The day view showed a removed tracker as `dizziness_on_standing: 6`, without saying it is
   no longer in the settings (as the trend view and the exports do).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from fatiguelog import vocabulary
from fatiguelog.pastdays import day_answers
from fatiguelog.report import summarize
from fatiguelog.settings import Settings, load_settings
from fatiguelog.store import Store
from fatiguelog.textchart import MAX_COLUMNS_PER_DAY, Chart
from fatiguelog.trendcharts import chart_section
from fatiguelog.vocabulary import Question
from tests.factories import TODAY, save_entry, write_settings

DIZZY = """
[[trackers]]
key = "dizziness_on_standing"
label = "Dizziness on standing"
kind = "rating"

[[trackers]]
key = "hours_upright"
label = "Hours upright"
kind = "number"
unit = "h"
"""

#: (days back, dizziness, hours upright): a real 0 on two days, one day unanswered.
ANSWERS = ((5, 6, 3), (3, 0, 4), (2, 8, None), (0, 3, 0))


def _history(root: Path) -> None:
    for back, dizzy, upright in ANSWERS:
        custom: dict[str, object] = {"dizziness_on_standing": dizzy}
        if upright is not None:
            custom["hours_upright"] = upright
        save_entry(root, TODAY - timedelta(days=back), symptoms={"fatigue": 5}, custom=custom)


def _charts(root: Path) -> dict[str, Chart]:
    settings, _problems = load_settings(root)
    s = summarize(Store(root), settings, TODAY - timedelta(days=6), TODAY, today=TODAY)
    return {item.series.key: item for item in chart_section(s) if isinstance(item, Chart)}


def _zero_day_column(chart: Chart, day: date, width: int = 80) -> str:
    """The characters drawn over `day` in every bar row of the chart, top to bottom."""
    lines = [line.text for line in chart.lines(width)]
    bars = [line for line in lines if "┤" in line]
    days = list(chart.series.days)
    # Seven days at 80 columns: each day takes the most columns a day gets, after the axis.
    per_day = MAX_COLUMNS_PER_DAY
    at = bars[0].index("┤") + 1 + days.index(day) * per_day
    return "".join(line.ljust(at + per_day)[at : at + per_day] for line in bars)


def test_a_removed_tracker_is_charted_from_zero_and_a_zero_draws_no_bar(tmp_path: Path):
    root = tmp_path / "data"
    _history(root)
    write_settings(root, "")  # both trackers removed from settings
    charts = _charts(root)
    for key in ("custom.dizziness_on_standing", "custom.hours_upright"):
        chart = charts[key]
        assert chart.scale.low == 0, key
        assert "-1000000" not in "\n".join(line.text for line in chart.lines(80))
    zero_day = TODAY - timedelta(days=3)
    assert _zero_day_column(charts["custom.dizziness_on_standing"], zero_day).strip() == ""
    assert _zero_day_column(charts["custom.hours_upright"], TODAY).strip() == ""
    eight = _zero_day_column(charts["custom.dizziness_on_standing"], TODAY - timedelta(days=2))
    assert "█" in eight


def test_an_unreadable_settings_file_charts_every_tracker_from_zero(tmp_path: Path):
    root = tmp_path / "data"
    _history(root)
    write_settings(root, DIZZY + "label = \n")  # not TOML: defaults are used
    assert load_settings(root)[0] == Settings()
    charts = _charts(root)
    assert charts["custom.hours_upright"].scale.low == 0
    assert _zero_day_column(charts["custom.hours_upright"], TODAY).strip() == ""


def test_trends_print_draws_a_removed_trackers_zero_as_no_bar(tmp_path: Path, capsys):
    from fatiguelog.cli import main

    root = tmp_path / "data"
    _history(root)
    write_settings(root, "")
    assert main(["--data-dir", str(root), "trends", "--print", "--days", "7"]) == 0
    out = capsys.readouterr().out
    assert "-1000000" not in out
    block = out[out.index("dizziness_on_standing (not in your settings now)") :]
    rows = [line for line in block.splitlines()[:8] if "┤" in line]
    assert rows[-1].split("┤")[0].strip() == "0"  # the scale's bottom is 0


# -- 12. one heading shape for every rating and number ----------------------------------------

SORE_THROAT = Question(("symptoms", "sore_throat"), "rating", "Sore throat", chart=True)


def _headings(root: Path) -> list[str]:
    settings, _problems = load_settings(root)
    s = summarize(Store(root), settings, TODAY - timedelta(days=6), TODAY, today=TODAY)
    return [item.heading for item in chart_section(s) if isinstance(item, Chart)]


def test_every_rating_and_number_heading_has_one_shape(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(
        vocabulary, "BUILT_IN", vocabulary.Vocabulary((*vocabulary.QUESTIONS, SORE_THROAT))
    )
    vocabulary._with.cache_clear()
    root = tmp_path / "data"
    write_settings(
        root,
        DIZZY + '\n[[trackers]]\nkey = "heart_rate"\nlabel = '
        '"Resting heart rate"\nkind = "number"\nunit = "bpm"\nmin = 30\nmax = 220\n',
    )
    for back, n in enumerate((4, 6, 8, 5)):
        save_entry(
            root,
            TODAY - timedelta(days=back),
            symptoms={"fatigue": n, "sore_throat": n},
            sleep={"hours": n + 1, "quality": 10 - n},
            custom={"dizziness_on_standing": n, "heart_rate": 60 + n},
        )
    try:
        headings = _headings(root)
    finally:
        vocabulary._with.cache_clear()
    shape = "mean 5.8, range 4-8, 4 days answered"
    assert f"Fatigue (0-10, higher is worse): {shape}" in headings
    # A new built-in symptom and the user's own rating read like fatigue.
    assert f"Sore throat (0-10, higher is worse): {shape}" in headings
    assert f"Dizziness on standing (0-10, higher is worse): {shape}" in headings
    assert "Resting heart rate (bpm): mean 65.8, range 64-68, 4 days answered" in headings
    # Sleep quality says its days too; sleep hours its range.
    assert (
        "Sleep quality (0-10, higher is better): mean 4.2, range 2-6, 4 days answered" in headings
    )
    assert "Sleep hours: mean 6.8, range 5-9, 4 days answered" in headings


def test_a_heading_of_one_or_two_days_says_the_answers(tmp_path: Path):
    root = tmp_path / "data"
    save_entry(root, TODAY, symptoms={"fatigue": 5}, sleep={"hours": 4, "quality": 3})
    headings = _headings(root)
    assert "Sleep hours: 4 on 1 day answered; a mean needs 3 answered days" in headings
    assert (
        "Sleep quality (0-10, higher is better): 3 on 1 day answered; a mean needs 3 "
        "answered days" in headings
    )


# -- 10. the day view names a removed question as the trend view and exports do ---------------


def test_the_day_view_says_a_removed_question_is_not_in_the_settings_now(tmp_path: Path):
    root = tmp_path / "data"
    save_entry(
        root,
        TODAY,
        symptoms={"fatigue": 5},
        custom={"dizziness_on_standing": 6, "period": True, "hours_upright": 2.5},
    )
    said, _missing = day_answers(Store(root).read(TODAY).entry, Settings())
    shown = dict(said)
    # Its kind as the file's value tells it: a yes/no is yes or no, a number the number (a 6
    # alone can't say it was a 0-10 rating: the settings that said so are gone).
    assert shown["dizziness_on_standing (not in your settings now)"] == "6"
    assert shown["period (not in your settings now)"] == "yes"
    assert shown["hours_upright (not in your settings now)"] == "2.5"
    assert "dizziness_on_standing" not in shown
