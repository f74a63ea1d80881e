"""`fatiguelog export` end to end on a generated history: golden files, files on disk, privacy.

Golden files live in tests/export/golden/. After an intended change in the analysis or a
renderer, regenerate them with `FATIGUELOG_UPDATE_GOLDEN=1 pytest tests/export` and read the diff.
Their history is the demo's (kratom up, then down; senna started and stopped; coffee, not
classified; blood in stool 3 days before the end) plus vomiting reported 8 weeks before the
end (a past alarm) and paracetamol every third day (on-and-off use), exported with a discuss
text.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from fatiguelog.cli import main
from fatiguelog.demo_history import generate

GOLDEN = Path(__file__).parent / "golden"
END = date(2026, 11, 25)
PERIOD = ["--from", "2026-08-28", "--to", "2026-11-25"]
UPDATE = os.environ.get("FATIGUELOG_UPDATE_GOLDEN") == "1"


class _FixedDate(date):
    """`date` whose today() is END: the banner says "today" only when the period ends on the
    day the summary is made, so golden files must not depend on the day the tests run."""

    @classmethod
    def today(cls) -> date:  # type: ignore[override]
        return END


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    import fatiguelog.report

    monkeypatch.setattr(fatiguelog.report, "date", _FixedDate)


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("history")
    generate(root, days=180, seed=7, end=END)
    return root


DISCUSS = (
    "The blood on 22 November: what should I watch for?\n"
    "Were the loose stools in October from cutting down kratom?\n\n"
    "Sleep is still poor (5-6 hours)."
)


@pytest.fixture(scope="module")
def golden_history(tmp_path_factory) -> Path:
    """The demo's history with a past alarm symptom and an on-and-off substance added."""
    from datetime import timedelta

    from fatiguelog.store import Store

    root = tmp_path_factory.mktemp("golden")
    generate(root, days=180, seed=7, end=END)
    store = Store(root)
    vomiting = store.read(date(2026, 9, 30)).entry
    assert vomiting is not None
    vomiting.doc["red_flags"] = {"vomiting": True}
    store.save(vomiting)
    for back in range(0, 30, 3):
        entry = store.read(END - timedelta(days=back)).entry
        if entry is not None:
            entry.doc.setdefault("intake", []).append(
                {"substance": "paracetamol", "amount": 2.0, "unit": "tablet"}
            )
            store.save(entry)
    return root


def export(root: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = main(["--data-dir", str(root), "export", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- Golden files ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_golden(golden_history, capsys, fmt):
    code, out, err = export(
        golden_history, "--format", fmt, *PERIOD, "--discuss", DISCUSS, capsys=capsys
    )
    assert code == 0, err
    golden = GOLDEN / f"summary.{fmt}"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(out.encode("utf-8"))
    assert out == golden.read_bytes().decode("utf-8")


def test_golden_json_with_notes(golden_history, capsys):
    code, out, _err = export(
        golden_history, "--format", "json", "--include-notes", *PERIOD, capsys=capsys
    )
    assert code == 0
    golden = GOLDEN / "summary-notes.json"
    if UPDATE:
        golden.write_bytes(out.encode("utf-8"))
    assert out == golden.read_bytes().decode("utf-8")


def test_the_generated_story_reaches_the_clinician(history, capsys):
    """The demo history's story must reach the summary: dose, constipation, red flag."""
    _code, out, _err = export(history, *PERIOD, capsys=capsys)
    assert out.index("## URGENT") < out.index("## What I want to discuss")
    assert "Blood in stool: reported on 2026-11-22. Ask for an urgent GP appointment" in out
    assert "| kratom | opioid | 2026-09-16 | 2026-10-15 | 4 g a day | increased from 2 g |" in out
    assert (
        "| **kratom** (now) | opioid | **2026-10-16** | **still taken** | **1.5 g a day** | "
        "**decreased from 4 g** |"
    ) in out
    assert "Constipation after starting or increasing an opioid-class substance" in out
    assert "timing association" in out
    assert "| kratom | opioid |" in out and "| coffee | not classified |" in out
    assert "*Nothing written for this appointment.*" in out
    assert "This summary is not a diagnosis" in out
    doc = json.loads(export(history, "--format", "json", *PERIOD, capsys=capsys)[1])
    assert doc["period"] == {
        "from": "2026-08-28",
        "to": "2026-11-25",
        "days": 90,
        "days_recorded": doc["period"]["days_recorded"],
    }
    assert doc["flags"][0]["level"] == "urgent"
    assert {"gi.after_intake_increase", "gi.hard_stools"} <= {f["id"] for f in doc["flags"]}
    assert doc["metrics"]["intake"]["kratom"]["max_daily"] == 4.0
    assert doc["alarms"] == [
        {
            "key": "blood_in_stool",
            "title": "Blood in stool",
            "days": ["2026-11-22"],
            "active": True,
            "level": "urgent",
            "advice": doc["flags"][0]["advice"],
        }
    ]
    assert doc["coverage"]["rules_checked"] == 17 and doc["coverage"]["rules_unchecked"] == []
    kratom = [r for r in doc["intake_timeline"] if r["substance"] == "kratom"]
    assert [(r["daily_amount"], r["class"], r["current"]) for r in kratom] == [
        (2.0, "opioid", False),
        (4.0, "opioid", False),
        (1.5, "opioid", True),
    ]
    assert {"first", "last", "count"} == set(doc["flags"][1]["evidence_days"])


# -- The default period and standard output -------------------------------------------------


def test_default_is_markdown_for_the_90_days_ending_on_to(history, capsys):
    code, out, err = export(history, "--to", "2026-11-25", capsys=capsys)
    assert code == 0 and err == ""
    assert out.startswith("# Appointment summary")
    assert "**2026-08-28 to 2026-11-25** (90 days)" in out
    code, dash, _ = export(history, "--to", "2026-11-25", "-o", "-", capsys=capsys)
    assert code == 0 and dash == out


# -- Files on disk ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_output_file_is_private_and_matches_stdout(history, tmp_path, capsys, fmt):
    target = tmp_path / f"visit.{fmt}"
    target.write_text("old, world-readable")
    target.chmod(0o644)
    code, said, err = export(history, "--format", fmt, *PERIOD, "-o", str(target), capsys=capsys)
    assert code == 1 and "--force" in err and err.count("\n") == 1  # never replaced unasked
    assert target.read_text() == "old, world-readable"
    code, said, err = export(
        history, "--format", fmt, *PERIOD, "-o", str(target), "--force", capsys=capsys
    )
    assert code == 0, err
    assert _mode(target) == 0o600
    assert str(target) in said and "without notes" in said
    _code, out, _err = export(history, "--format", fmt, *PERIOD, capsys=capsys)
    assert target.read_text(encoding="utf-8") == out
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left


def test_csv_output_writes_eight_private_files_with_bom(history, tmp_path, capsys):
    target = tmp_path / "visit.csv"
    code, said, err = export(history, "--format", "csv", *PERIOD, "-o", str(target), capsys=capsys)
    assert code == 0, err
    files = [
        target,
        tmp_path / "visit.stools.csv",
        tmp_path / "visit.problems.csv",
        tmp_path / "visit.flags.csv",
        tmp_path / "visit.coverage.csv",
        tmp_path / "visit.weeks.csv",
        tmp_path / "visit.timeline.csv",
        tmp_path / "visit.discuss.csv",
    ]
    for path in files:
        assert path.exists() and _mode(path) == 0o600
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
        assert str(path) in said
    days = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert len(days) == 1 + 90 and days[1][0] == "2026-08-28" and days[-1][0] == "2026-11-25"
    assert "intake.kratom.g" in days[0]
    stools = list(csv.reader(io.StringIO(files[1].read_text(encoding="utf-8-sig"))))
    assert stools[0][:4] == ["date", "stool", "time", "bristol"] and len(stools) > 50


# -- Privacy ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_notes_only_with_include_notes(history, capsys, fmt):
    from fatiguelog.store import Store

    notes = [
        e.notes
        for d, e in Store(history).load_all().entries.items()
        if e.notes and date(2026, 8, 28) <= d <= END
    ]
    assert notes, "the generated history should have notes"
    probe = max(notes, key=len)[:30]
    _code, without, _ = export(history, "--format", fmt, *PERIOD, capsys=capsys)
    _code, with_notes, _ = export(
        history, "--format", fmt, *PERIOD, "--include-notes", capsys=capsys
    )
    plain = with_notes.replace("\\", "").replace("&#x27;", "'").replace("&quot;", '"')
    assert probe not in without.replace("\\", "")
    assert probe in plain


# -- Unreadable files and empty periods --------------------------------------------------------


def _entry(root: Path, day: str, text: str) -> Path:
    path = root / "entries" / day[:4] / f"{day}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_a_period_with_unreadable_files_lists_them(tmp_path, capsys, fmt):
    _entry(tmp_path, "2026-11-20", "schema = 1\ndate = 2026-11-20\n[symptoms]\nfatigue = 6\n")
    _entry(tmp_path, "2026-11-21", "schema = 1\ndate = 2026-11-21\n[symptoms\nfatigue = 6\n")
    code, out, err = export(
        tmp_path, "--format", fmt, "--from", "2026-11-15", "--to", "2026-11-25", capsys=capsys
    )
    assert code == 0, err
    assert "entries/2026/2026-11-21.toml" in out
    if fmt == "json":
        problems = json.loads(out)["problems"]
        assert [p["file"] for p in problems] == ["entries/2026/2026-11-21.toml"]
        assert problems[0]["error"].startswith("not valid TOML")
    if fmt == "csv":
        row = next(r for r in csv.reader(io.StringIO(out)) if r and r[0] == "2026-11-21")
        assert row[1] == "unreadable"


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_an_empty_data_folder_exports_an_empty_period(tmp_path, capsys, fmt):
    code, out, err = export(
        tmp_path / "nothing", "--format", fmt, "--to", "2026-11-25", capsys=capsys
    )
    assert code == 0, err
    assert "2026-08-28" in out
    if fmt == "json":
        doc = json.loads(out)
        assert doc["period"]["days_recorded"] == 0 and doc["flags"] == []
    if fmt == "md":
        assert "No flag was on in this period (0 of 17 rules could be checked" in out
    assert not (tmp_path / "nothing").exists()  # exporting creates nothing


def test_export_never_imports_textual(history):
    code = (
        "import sys\n"
        "from fatiguelog.cli import main\n"
        f"main(['--data-dir', {str(history)!r}, 'export', '--format', 'html'])\n"
        "sys.stdout.flush()\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]


EVIL_NOTE = (
    "<script>alert(1)</script> [@click=app.quit]quit[/] [bold red]RED[/] \x1b[2J\x1b]0;pwned\x07 ok"
)
EVIL_NAME = "=cmd|' /C calc'!A0 <b>[red]x[/]"


def _evil_history(root: Path) -> None:
    text = (
        "schema = 1\ndate = 2026-11-20\n"
        "notes = " + json.dumps(EVIL_NOTE) + "\n"
        "[symptoms]\nfatigue = 6\n"
        "[gi]\nstools = [{ bristol = 2, straining = true }]\n"
        "[[intake]]\nsubstance = " + json.dumps(EVIL_NAME) + '\namount = 2.0\nunit = "g"\n'
    )
    _entry(root, "2026-11-20", text)


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_hostile_text_in_entries_stays_inert_in_every_format(tmp_path, capsys, fmt):
    _evil_history(tmp_path)
    code, out, err = export(
        tmp_path,
        "--format",
        fmt,
        "--include-notes",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-25",
        capsys=capsys,
    )
    assert code == 0, err
    assert "\x1b" not in out and "\x07" not in out  # nothing a terminal would act on
    if fmt == "md":
        assert "\\<script\\>" in out and "\\[@click=app.quit\\]" in out
        assert "\\<b\\>\\[red\\]x\\[/\\]" in out
    if fmt == "html":
        assert "&lt;script&gt;" in out and "<script" not in out
        assert "&lt;b&gt;[red]x[/]" in out and "<b>" not in out
    if fmt == "csv":
        rows = [r for r in csv.reader(io.StringIO(out)) if r]
        cells = [c for r in rows for c in r]
        assert any(f"intake.{EVIL_NAME}.g" in r for r in rows)
        assert not any(c.startswith(("=", "+", "@")) for c in cells)
        assert any("[@click=app.quit]quit[/]" in c for c in cells)
    if fmt == "json":
        doc = json.loads(out)
        assert doc["notes"] == [{"date": "2026-11-20", "text": EVIL_NOTE}]
        assert EVIL_NAME in doc["metrics"]["intake"]


def test_csv_files_are_each_flushed_and_their_folder_once_after_the_last(
    history, tmp_path, capsys, monkeypatch
):
    """Eight files, each flushed to disk before it takes its name (the eight flushes at once,
    before the first name: the disk takes them together), and the folder's names flushed
    once, after the last rename (not eight times: each flush is a wait on the disk)."""
    events: list[str] = []
    real_fsync, real_link = os.fsync, os.link

    def fsync(fd: int) -> None:
        events.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    def link(src, dst, *args, **kwargs):  # (a new file takes its name by a link: no clobbering)
        events.append("named")
        real_link(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "link", link)
    code, _said, err = export(
        history, "--format", "csv", *PERIOD, "-o", str(tmp_path / "visit.csv"), capsys=capsys
    )
    assert code == 0, err
    written = events[events.index("file") :]  # (the record caches are written before: no flush)
    assert written == ["file"] * 8 + ["named"] * 8 + ["folder"], events
