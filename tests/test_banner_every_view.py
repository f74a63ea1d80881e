"""The urgent banner in every view (flags.md v2, "The urgent banner"): home, the trend view,
`trends --print` and the four exports open with it only for alarm symptoms on at the last day
shown; earlier ones are listed with their dates, without "today"; and the red flags still show
when another rule fails.

Why (issue 10): "a vomiting report 60 days ago still opens the export with a red 'URGENT ...
contact your doctor **today**' box, and an 8-day-old black stool still shows the urgent panel in
`trends --print --days 7`".
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from fatiguelog.cli import main
from tests.factories import make_app
from tests.ui_trends.conftest import wait_loaded
from tests.ui_trends.histories import day_entry, write

TODAY = date.today()
FORMATS = ("md", "html", "csv", "json")


def history(root: Path, red: dict[int, str], days: int = 100) -> Path:
    """Calm days (one Bristol-4 stool each), with `red[n]` reported `n` days ago."""
    entries = []
    for back in range(days):
        entry = day_entry(TODAY - timedelta(days=back), kratom=2.0)
        if back in red:
            entry.doc["red_flags"] = {red[back]: True}
        entries.append(entry)
    write(root, entries)
    return root


def export(root: Path, fmt: str, capsys, *args: str) -> str:
    assert main(["--data-dir", str(root), "export", "--format", fmt, *args]) == 0
    return capsys.readouterr().out


def printed(root: Path, capsys, days: int = 90) -> str:
    assert main(["--data-dir", str(root), "trends", "--print", "--days", str(days)]) == 0
    return capsys.readouterr().out


def csv_flags(text: str) -> list[dict[str, str]]:
    table = text.split("\r\n\r\n")[0]
    rows = list(csv.reader(io.StringIO(table)))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


async def app_views(root: Path) -> tuple[str, list[str]]:
    """Home's flag lines, and the trend view's body widgets (90 days), as plain text."""
    from tests.ui.conftest import wait_for_home

    app = make_app(root, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        home = "\n".join(str(w.render()) for w in app.screen.query("#home-flags Static"))
        await pilot.press("t")
        await wait_loaded(pilot)
        body = [str(w.render()) for w in app.screen.query_one("#trends-body").children]
    return home, body


# --- a red flag 60 days ago: in no view's banner, listed with its date ---------------------
def test_an_old_alarm_is_listed_with_its_date_and_opens_no_export(tmp_path, capsys):
    root = history(tmp_path, {60: "vomiting"})
    day = (TODAY - timedelta(days=60)).isoformat()
    md = export(root, "md", capsys)
    assert "## URGENT" not in md and "SEEK MEDICAL CARE" not in md
    section = md[md.index("## Alarm symptoms reported in this period") : md.index("## Week by")]
    assert f"- Vomiting: reported on {day}. If no clinician has seen you about it yet" in section
    assert "today" not in section
    html = export(root, "html", capsys)
    assert 'data-page1="banner"' not in html and "SEEK MEDICAL CARE" not in html
    assert "Alarm symptoms reported in this period" in html and f"reported on {day}" in html
    rows = csv_flags(export(root, "csv", capsys))
    assert [
        (r["id"], r["on_last_day"], r["report_days"]) for r in rows if r["id"].startswith("red.")
    ] == [("red.vomiting", "0", day)]
    doc = json.loads(export(root, "json", capsys))
    assert doc["alarms"] == [
        {
            "key": "vomiting",
            "title": "Vomiting",
            "days": [day],
            "active": False,
            "level": "urgent",
            "advice": "If no clinician has seen you about it yet, seek medical care promptly.",
        }
    ]
    out = printed(root, capsys)
    assert "URGENT" not in out
    assert "Alarm symptoms reported in this period" in out and f"reported on {day}" in out


def test_an_old_alarms_flag_advice_never_says_today(tmp_path, capsys):
    """Review of issue 10, item 5: the CSV flags row and JSON `flags[].advice` of a vomiting
    report 60 days ago read "Seek medical care promptly, today."."""
    root = history(tmp_path, {60: "vomiting", 45: "blood_in_stool"})
    for row in csv_flags(export(root, "csv", capsys)):
        assert "today" not in row["advice"].lower(), row
    doc = json.loads(export(root, "json", capsys))
    advice = {f["id"]: f["advice"] for f in doc["flags"] if f["id"].startswith("red.")}
    assert advice == {
        "red.vomiting": "If no clinician has seen you about it yet, seek medical care promptly.",
        "red.blood_in_stool": (
            "If no clinician has seen you about it yet, ask for an urgent GP appointment or "
            "call your urgent medical advice line; if bleeding is heavy or won't stop, call "
            "your emergency number."
        ),
    }
    md = export(root, "md", capsys)
    prose = "\n".join(
        line for line in md[: md.index("## Rules checked")].splitlines() if not line.startswith("|")
    )  # table rows hold question labels
    assert "today" not in prose.lower().replace("today's", "")


async def test_an_old_alarm_is_not_on_home_or_in_the_trend_view_banner(tmp_path):
    root = history(tmp_path, {60: "vomiting"})
    home, body = await app_views(root)
    assert "SEEK MEDICAL CARE" not in home and "Vomiting" not in home
    assert not any("SEEK MEDICAL CARE" in text for text in body)
    assert any(
        text.startswith("Alarm symptoms reported in this period")
        and f"Vomiting: reported on {(TODAY - timedelta(days=60)).isoformat()}" in text
        for text in body
    )


def test_an_8_day_old_black_stool_opens_no_7_day_print(tmp_path, capsys):
    root = history(tmp_path, {8: "black_stool"})
    out = printed(root, capsys, days=7)
    assert "URGENT" not in out and "SEEK" not in out
    assert f"Black or tarry stool: reported on {(TODAY - timedelta(days=8)).isoformat()}" in out


# --- one reported today: first in every view -------------------------------------------------
def test_an_alarm_reported_today_opens_every_export_and_the_print(tmp_path, capsys):
    root = history(tmp_path, {0: "black_stool", 30: "fever"})
    today = TODAY.isoformat()
    md = export(root, "md", capsys)
    assert re.findall(r"^## .*", md, re.M)[0] == "## URGENT: SEEK MEDICAL CARE PROMPTLY"
    assert (
        f"- **Black or tarry stool: reported on {today}. Ask for an urgent GP appointment "
        "or call your urgent medical advice line today"
    ) in md
    assert md.index("Fever: reported on") > md.index("## Alarm symptoms reported")  # earlier
    html = export(root, "html", capsys)
    # the banner follows only the name lines and the period (issue 12's page one)
    assert html.index('data-page1="banner"') < html.index('data-page1="discuss"')
    assert html.index('class="p1 alert"') < html.index("Key figures")
    rows = csv_flags(export(root, "csv", capsys))
    assert (rows[0]["id"], rows[0]["on_last_day"]) == ("red.black_stool", "1")
    doc = json.loads(export(root, "json", capsys))
    assert doc["flags"][0]["id"] == "red.black_stool"
    assert [(a["key"], a["active"]) for a in doc["alarms"]] == [
        ("black_stool", True),
        ("fever", False),
    ]
    out = printed(root, capsys)
    lines = out.splitlines()
    assert lines[0].startswith("Trends ") and "URGENT: SEEK MEDICAL CARE PROMPTLY" in lines[1]
    assert f"Black or tarry stool: reported on {today}" in out


async def test_an_alarm_reported_today_is_first_on_home_and_in_the_trend_view(tmp_path):
    root = history(tmp_path, {0: "black_stool"})
    home, body = await app_views(root)
    assert home.splitlines()[0] == (
        f"!! SEEK MEDICAL CARE PROMPTLY: Black or tarry stool reported on {TODAY.isoformat()}."
    )
    assert body[0].startswith("!! SEEK MEDICAL CARE PROMPTLY !!")
    assert "Black or tarry stool: reported on" in body[0]


# --- a period that ends before today: "was reported on D", never "today" ---------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_past_period_says_was_reported_on(tmp_path, capsys, fmt):
    root = history(tmp_path, {12: "blood_in_stool"})
    end = TODAY - timedelta(days=10)
    reported = (TODAY - timedelta(days=12)).isoformat()
    out = export(root, fmt, capsys, "--to", end.isoformat())
    if fmt == "json":
        doc = json.loads(out)
        assert doc["alarms"][0]["active"] is True
        assert "today" not in doc["alarms"][0]["advice"]
        assert doc["flags"][0]["id"] == "red.blood_in_stool"
        assert "today" not in doc["flags"][0]["advice"]  # review of issue 10, item 5
        return
    if fmt == "csv":
        assert csv_flags(out)[0]["on_last_day"] == "1"
        assert "today" not in csv_flags(out)[0]["advice"]
        return
    words = f"Blood in stool was reported on {reported}."
    assert words in out
    banner = out[: out.index("What I want to discuss")]
    assert "today" not in banner.lower().replace("today's", "")
    assert f"(it ends on {end.isoformat()})" in banner


# --- the red flags do not depend on any other rule -------------------------------------------
def broken(*_args, **_kwargs):
    raise RuntimeError("a bug in one rule")


@pytest.mark.parametrize("fmt", FORMATS)
def test_red_flags_show_when_another_rule_raises(tmp_path, capsys, monkeypatch, fmt):
    import fatiguelog.analysis.rules as rules

    monkeypatch.setattr(rules, "item_counts", broken)  # the pattern, timing and lasting rules
    root = history(tmp_path, {1: "blood_in_stool"})
    out = export(root, fmt, capsys)
    if fmt == "json":
        doc = json.loads(out)
        assert doc["flags"][0]["id"] == "red.blood_in_stool"
        unchecked = {g["id"]: g["needs"] for g in doc["coverage"]["rules_unchecked"]}
        assert unchecked["gi.constipation_pattern"] == (
            "could not be checked because of an error in fatiguelog (RuntimeError)"
        )
        return
    if fmt == "csv":
        assert csv_flags(out)[0]["id"] == "red.blood_in_stool"
        return
    assert "Blood in stool: reported on" in out
    assert "Constipation pattern: could not be checked because of an error" in out


def test_the_print_shows_red_flags_when_another_rule_raises(tmp_path, capsys, monkeypatch):
    import fatiguelog.analysis.rules as rules

    monkeypatch.setattr(rules, "item_counts", broken)
    out = printed(history(tmp_path, {1: "blood_in_stool"}), capsys)
    assert "URGENT: SEEK MEDICAL CARE PROMPTLY" in out.splitlines()[1]


async def test_home_shows_red_flags_when_the_summary_cannot_be_made(tmp_path, monkeypatch):
    import fatiguelog.report

    monkeypatch.setattr(fatiguelog.report, "summarize", broken)
    root = history(tmp_path, {2: "blood_in_stool"})
    home, body = await app_views(root)
    lines = home.splitlines()
    assert lines[0] == (
        "!! SEEK MEDICAL CARE PROMPTLY: Blood in stool reported on "
        f"{(TODAY - timedelta(days=2)).isoformat()}."
    )
    assert "The other flags could not be worked out: a bug in one rule" in home
    del body


async def test_the_trend_view_shows_red_flags_when_another_rule_raises(tmp_path, monkeypatch):
    import fatiguelog.analysis.rules as rules

    monkeypatch.setattr(rules, "item_counts", broken)
    home, body = await app_views(history(tmp_path, {1: "blood_in_stool"}))
    assert home.startswith("!! SEEK MEDICAL CARE PROMPTLY: Blood in stool")
    assert body[0].startswith("!! SEEK MEDICAL CARE PROMPTLY !!")
    assert any(
        "Constipation pattern: could not be checked because of an error" in text for text in body
    )
