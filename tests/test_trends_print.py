"""`fatiguelog trends --print`: flags, charts and caveats on the terminal, user text literal."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

from rich.console import Console

from fatiguelog.cli import main
from fatiguelog.cli.trends import print_trends
from fatiguelog.demo_history import generate
from fatiguelog.model import Entry
from fatiguelog.store import Store


def run(root: Path, days: int | None = None, width: int = 100) -> str:
    import argparse

    buffer = StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False)
    code = print_trends(argparse.Namespace(days=days, print_=True), root, console=console)
    assert code == 0
    return buffer.getvalue()


def save(root: Path, day: date, doc: dict) -> None:
    entry = Entry.new(day)
    entry.doc.update(doc)
    Store(root).save(entry)


def test_demo_history_prints_flags_charts_pem_and_the_caveat(tmp_path):
    generate(tmp_path, days=180)
    out = run(tmp_path, width=200)
    assert "URGENT: SEEK MEDICAL CARE PROMPTLY" in out
    assert out.index("Blood in stool: reported on") < out.index("Few spontaneous bowel movements")
    assert "Constipation after starting or increasing an opioid-class substance" in out
    for label in ("Lasted:", "Evidence:", "Rule:", "Source:", "Advice:", "Rome IV"):
        assert label in out
    for chart in (
        "Fatigue (0-10",
        "PEM (0-10",
        "Sleep hours: mean",
        "Exertion (0-10)",
        "Spontaneous bowel movements (SBMs) a week",
        "Bristol type, daily mean",
        "kratom (class: opioid)",
    ):
        assert chart in out
    assert "4 g a day: " in out and "(increased from 2 g)" in out
    assert "Now 1.5 g a day: since " in out and "(decreased from 4 g)" in out
    assert "coffee increased" not in out and "cup/day" not in out and "cups a day" in out
    assert "class: opioid" in out and "class: not classified" in out
    assert out.index("SBM means spontaneous bowel movement") < out.index("SBMs")
    assert "Rules checked on " in out
    assert "gi.infrequent" not in out and "red.blood_in_stool" not in out
    assert "Delayed post-exertional malaise (PEM)" in out and "After higher-exertion days" in out
    assert "This is not a diagnosis" in out
    first = (date.today() - timedelta(days=89)).isoformat()
    assert f"Trends {first} to {date.today().isoformat()} (90 days" in out


def test_user_text_is_printed_literally(tmp_path):
    today = date.today()
    for n in range(10):
        save(
            tmp_path,
            today - timedelta(days=n),
            {
                "intake": [
                    {"substance": "[bold]x[/]", "amount": 1.0, "unit": "g"},
                    {"substance": "evil\x1b[31mred", "amount": 1.0, "unit": "g"},
                ],
            },
        )
    out = run(tmp_path, days=14)
    assert "[bold]x[/]" in out
    assert "\x1b" not in out
    assert "evil [31mred" in out  # ESC replaced by a space


def test_empty_history_says_not_enough_data(tmp_path):
    out = run(tmp_path, days=30, width=200)
    # not enough data comes before "no flag" (review of issue 10, item 11)
    assert (
        "Not enough data yet for the bowel flags: they need bowel answers (stools, or none) "
        "on most days, for 1 to 6 weeks depending on the flag; the alarm symptoms need a "
        "check-in in the last 7 days. No flag was on in this period (0 of 17 rules could "
        "be checked"
    ) in " ".join(out.split())
    assert "Rules checked on " in out and ": 0 of 17. 17 could not be checked" in out
    assert (
        "- Few spontaneous bowel movements: needs at least 6 days with bowel movements recorded"
    ) in out
    assert "This is not a diagnosis" in out


def test_command_line_prints_without_textual(tmp_path):
    code = (
        "import sys\n"
        "from fatiguelog.cli import main\n"
        f"rc = main(['--data-dir', {str(tmp_path)!r}, 'trends', '--days', '7', '--print'])\n"
        "assert rc == 0, rc\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual loaded'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Trends" in done.stdout


def test_bad_days_is_a_one_line_error(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "trends", "--days", "0", "--print"]) == 1
    assert "--days" in capsys.readouterr().err


def test_changes_are_the_timelines_ranges_not_every_wobble_or_a_break(tmp_path):
    """Issue 12 and outside test of issue 10 (item 3): coffee at 1-2 cups is one range, not a
    list of increases; kratom taken again after two days off reads "resumed", never
    "stopped"."""
    today = date.today()
    for n in range(60):
        day = today - timedelta(days=59 - n)
        kratom = [] if n in (50, 51) else [{"substance": "kratom", "amount": 2.0, "unit": "g"}]
        coffee = [{"substance": "coffee", "amount": 2.0 if n % 9 == 4 else 1.0, "unit": "cup"}]
        save(tmp_path, day, {"intake": kratom + coffee})
    out = run(tmp_path, days=60, width=160)
    resumed = (today - timedelta(days=7)).isoformat()
    assert f"Now 2 g a day: since {resumed} (resumed after 2 days without it)" in out
    assert "Now none" not in out
    assert "Now 1-2 cups a day (usually 1)" in out
    assert "increase" not in out.replace("▲ increase", "")
