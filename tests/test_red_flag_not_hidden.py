"""A red flag is never hidden by a file problem, nor by sitting in a sync copy (issue 11,
outside test after the cache redesign, points 1 and 4).

Why: "One bad value or syntax error in a day's file hides that day's red flags everywhere":
`hours = 25` beside `blood_in_stool = true` gave no banner on home, trends --print "needs a
check-in in the last 7 days (has none)", the MD export "No alarm symptom was reported in this
period", JSON alarms=[]; `log red-flag fever` on a broken day exited 1 with no advice. "A red flag
held only in a sync-conflict copy appears on home but nowhere else."
"""

from __future__ import annotations

import html
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from fatiguelog.cli import main
from fatiguelog.homeflags import home_lines
from fatiguelog.model import red_advice
from fatiguelog.settings import Settings

TODAY = date.today()
YESTERDAY = TODAY - timedelta(days=1)
BAD_VALUE = "schema = 1\ndate = {d}\n[sleep]\nhours = 25\n[red_flags]\nblood_in_stool = true\n"
NOT_TOML = 'schema = 1\ndate = {d}\nnotes = "an "unescaped" quote"\n[red_flags]\nfever = true\n'


def put(root: Path, day: date, text: str, name: str | None = None) -> Path:
    folder = root / "entries" / f"{day.year:04d}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"{day.isoformat()}.toml")
    path.write_text(text.format(d=day.isoformat()))
    return path


def run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(root), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def views(root: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    found = {"print": run(root, capsys, "trends", "--print", "--days", "30")[1]}
    for fmt in ("md", "html", "json"):
        found[fmt] = run(
            root,
            capsys,
            "export",
            "--format",
            fmt,
            "--from",
            (TODAY - timedelta(days=29)).isoformat(),
        )[1]
    found["home"] = "\n".join(text for text, _css in home_lines(root, Settings(), TODAY))
    return found


@pytest.mark.parametrize("second_run", [False, True])
def test_a_bad_value_elsewhere_keeps_the_red_flag(tmp_path: Path, capsys, second_run: bool) -> None:
    root = tmp_path / "data"
    put(root, YESTERDAY, BAD_VALUE)
    if second_run:
        views(root, capsys)  # the cache learns the file first
    seen = views(root, capsys)
    assert "SEEK MEDICAL CARE PROMPTLY" in seen["home"]
    assert "Blood in stool" in seen["home"]
    assert "Blood in stool" in seen["print"]
    assert "Blood in stool reported: needs a check-in" not in seen["print"]
    assert "No alarm symptom was reported" not in seen["md"]
    assert "Blood in stool" in seen["md"] and "Blood in stool" in seen["html"]
    alarms = json.loads(seen["json"])["alarms"]
    assert [a["key"] for a in alarms] == ["blood_in_stool"]
    # ...and the file's problem is still listed
    code, out, _err = run(root, capsys, "check")
    assert code == 1 and "sleep.hours" in out


@pytest.mark.parametrize("second_run", [False, True])
def test_a_file_that_is_not_toml_is_said_to_maybe_hold_a_red_flag(
    tmp_path: Path, capsys, second_run: bool
) -> None:
    root = tmp_path / "data"
    put(root, TODAY - timedelta(days=3), NOT_TOML)
    if second_run:
        views(root, capsys)
    seen = views(root, capsys)
    day = (TODAY - timedelta(days=3)).isoformat()
    caveat = "can't be read and may hold a red flag (fix it: fatiguelog check)"
    for view, text in seen.items():
        flat = " ".join(html.unescape(text).split())  # (the terminal and HTML wrap lines)
        assert day in flat and caveat in flat, view
    assert "No alarm symptom was reported" not in seen["md"]
    assert json.loads(seen["json"])["unreadable_days"][0]["day"] == day


def test_log_red_flag_on_a_broken_day_says_what_to_do_and_gives_the_advice(
    tmp_path: Path, capsys
) -> None:
    root = tmp_path / "data"
    path = put(root, TODAY, NOT_TOML)
    before = path.read_bytes()
    code, _out, err = run(root, capsys, "log", "red-flag", "blood_in_stool")
    assert code == 1
    assert path.read_bytes() == before  # never overwritten
    assert "NOT recorded" in err and "fatiguelog check" in err
    # the graded advice for what was reported, whole (not merely some word like "call")
    [advice] = red_advice(["blood_in_stool"])
    assert f"Do not wait for that to act on it: Blood in stool. {advice}" in err


def test_a_red_flag_only_in_a_sync_copy_is_in_every_view(tmp_path: Path, capsys) -> None:
    root = tmp_path / "data"
    put(root, YESTERDAY, "schema = 1\ndate = {d}\n[sleep]\nhours = 7\n")
    put(
        root,
        YESTERDAY,
        "schema = 1\ndate = {d}\n[red_flags]\nblood_in_stool = true\n",
        name=f"{YESTERDAY.isoformat()}.sync-conflict-20261125-210411-ABCDEFG.toml",
    )
    seen = views(root, capsys)
    for view in ("print", "md", "html"):
        flat = " ".join(seen[view].split())
        assert "Blood in stool: reported on" in flat, view
        assert "in a sync copy not merged yet" in flat, view
    alarms = json.loads(seen["json"])["alarms"]
    assert alarms[0]["key"] == "blood_in_stool"
    assert alarms[0]["note"] == "in a sync copy not merged yet"
