"""The CSV export's day rows from the cached day records (no notes asked for) and from the
files (notes asked for): the same cells, a file edited by hand seen at once, notes still
there and still inert.

Every view strips control characters from user text; a substance name in a CSV column is no
exception: a tab or an escape in it becomes a space, as the day records keep it, so the
column is the same whichever way the rows were read.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest

from fatiguelog.cli import main
from fatiguelog.demo_history import generate
from fatiguelog.export.csv_export import TABLES, tables
from fatiguelog.frozen import replace
from fatiguelog.settings import load_settings
from fatiguelog.store import Store

END = date(2026, 11, 25)
FIRST = END - timedelta(days=29)
PERIOD = ["--from", FIRST.isoformat(), "--to", END.isoformat()]
TAB_NAME = "Mag\tnesium"
ESC_NAME = "\x1b[31mIron\x1b[0m"


def _tables(text: str) -> dict[str, list[list[str]]]:
    parts = text.split("\r\n\r\n")
    return {
        name: list(csv.reader(io.StringIO(part))) for name, part in zip(TABLES, parts, strict=True)
    }


def _export(root: Path, capsys, *args: str) -> dict[str, list[list[str]]]:
    code = main(["--data-dir", str(root), "export", "--format", "csv", *PERIOD, *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return _tables(out)


def _column(days: list[list[str]], name: str) -> list[str]:
    at = days[0].index(name)
    return [row[at] for row in days[1:]]


@pytest.fixture
def history(tmp_path) -> Path:
    """Thirty days of the demo history; two days take substances whose names hold a tab and
    an escape sequence (as a hand edit or another program could write them)."""
    root = tmp_path / "data"
    generate(root, days=40, seed=11, end=END)
    store = Store(root)
    for back, name in ((3, TAB_NAME), (5, ESC_NAME), (6, "Magnesium")):
        entry = store.read(END - timedelta(days=back)).entry
        assert entry is not None
        entry.doc.setdefault("intake", []).append({"substance": name, "amount": 2, "unit": "mg"})
        store.save(entry)
    return root


def test_a_name_with_a_tab_or_escape_is_the_same_cell_from_records_and_from_files(history, capsys):
    from_records = _export(history, capsys)["days"]
    from_files = _export(history, capsys, "--include-notes")["days"]
    # The tab and the escape became spaces (as on every screen): one column each, the same
    # whichever way the rows were read; "Mag nesium" is not "Magnesium".
    for days in (from_records, from_files):
        header = days[0]
        assert "intake.Mag nesium.mg" in header
        assert "intake.[31mIron [0m.mg" in header
        assert "intake.magnesium.mg" in header  # (the demo's own: "Magnesium" adds to it)
        assert not any("\t" in name or "\x1b" in name for name in header)
    for name in ("intake.Mag nesium.mg", "intake.[31mIron [0m.mg", "intake.magnesium.mg"):
        assert _column(from_records, name) == _column(from_files, name)
    days = _column(from_records, "date")
    tab = _column(from_records, "intake.Mag nesium.mg")
    assert tab[days.index((END - timedelta(days=3)).isoformat())] == "2"
    # Every other column too: the rows without notes are the rows with them, less the notes.
    assert [row[:-1] for row in from_files] == from_records


def test_rows_from_records_equal_rows_from_files_on_a_whole_history(history):
    """Every table, cell for cell, whether the period's days are its records or its files."""
    settings, _problems = load_settings(history)
    from fatiguelog.export.csv_export import RecordDay
    from fatiguelog.report import summarize

    store = Store(history)
    summary = summarize(store, settings, FIRST, END, keep_entries=True)
    records = store.load_records(FIRST, END).records
    by_records = replace(
        summary,
        entries=tuple(RecordDay(day, records[day]) for day in sorted(records)),
    )
    assert len(by_records.entries) == len(summary.entries) == 30
    assert tables(by_records) == tables(summary)


def test_a_hand_edit_is_in_the_next_csv_export(history, capsys):
    day = (END - timedelta(days=2)).isoformat()
    before = _export(history, capsys)  # (the record caches are filled now)
    path = history / "entries" / "2026" / f"{day}.toml"
    text = path.read_text()
    assert "fatigue = " in text
    start = text.index("fatigue = ")
    end = text.index("\n", start)
    path.write_text(text[:start] + "fatigue = 10" + text[end:])  # by hand, nothing else
    after = _export(history, capsys)
    dates = _column(after["days"], "date")
    assert _column(after["days"], "symptoms.fatigue")[dates.index(day)] == "10"
    assert _column(before["days"], "symptoms.fatigue")[dates.index(day)] != "10"


def test_csv_with_notes_carries_the_notes_inert(history, capsys):
    day = END - timedelta(days=1)
    store = Store(history)
    entry = store.read(day).entry
    assert entry is not None
    entry.doc["notes"] = '=HYPERLINK("http://x")\tcalled the GP \x1b[2J'
    store.save(entry)
    with_notes = _export(history, capsys, "--include-notes")["days"]
    notes = _column(with_notes, "notes")
    assert notes[_column(with_notes, "date").index(day.isoformat())] == (
        '\'=HYPERLINK("http://x")\tcalled the GP [2J'
    )
    without = _export(history, capsys)["days"]
    assert "notes" not in without[0]
    assert "HYPERLINK" not in repr(without)
