"""`fatiguelog import`: each format's sample export becomes entries with the right values and
scales; --dry-run writes nothing; an answer already in an entry is never overwritten; a file
that can't be read is one line and exit 1, with nothing written."""

from __future__ import annotations

import os
from datetime import date, time
from pathlib import Path

import pytest

from tests.conftest import mode, snapshot_tree
from tests.factories import entry_file, put_entry, read_entry

SAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples" / "import"
FORMATS = ("bearable", "daylio", "flaredown", "visible", "csv")


def sample_args(fmt: str) -> list[str]:
    if fmt == "csv":
        return ["csv", str(SAMPLES / "diary.csv"), "--map", str(SAMPLES / "diary-map.toml")]
    return [fmt, str(SAMPLES / f"{fmt}.csv")]


#: A day each sample has an answer for, and that answer (key path, value once imported).
SAMPLE_DAY = {
    "bearable": (date(2026, 11, 4), ("symptoms", "fatigue"), 10),
    "daylio": (date(2026, 10, 21), ("notes",), "Ten-minute walk to the corner and back."),
    "flaredown": (date(2026, 10, 6), ("symptoms", "fatigue"), 10),
    "visible": (date(2026, 11, 13), ("symptoms", "fatigue"), 10),
    "csv": (date(2026, 11, 18), ("symptoms", "fatigue"), 10),
}


# -- each format: the sample becomes entries, with its scales said ------------------------


def test_bearable_sample(cli, data_dir: Path) -> None:
    result = cli("import", *sample_args("bearable"))
    assert result.code == 0, result.err
    day = read_entry(data_dir, date(2026, 11, 4))
    # Severity 0-4 -> 0-10: Unbearable (4) is 10, Severe (3) 7.5 rounds up to 8.
    assert day["symptoms"] == {"fatigue": 10, "pem": 8, "brain_fog": 8, "crash": True}
    assert day["gi"] == {"nausea": 5}
    # Sleep "5:50" is hours and minutes; quality 1 on Bearable's 1-5 (higher is better) is 0.
    assert day["sleep"] == {"hours": 5.83, "quality": 0}
    assert day["intake"] == [
        {"substance": "Ibuprofen", "amount": 400, "unit": "mg", "time": time(8, 30)}
    ]
    assert day["notes"] == "PEM from yesterday's visit. Stayed in bed."
    assert day["imported_from"] == "bearable"
    # Two fatigue readings on the 2nd (Severe am, Moderate pm): the worst is kept.
    assert read_entry(data_dir, date(2026, 11, 2))["symptoms"]["fatigue"] == 8
    # One row is one bowel movement, with its time; nothing not in the file is made up.
    stools = read_entry(data_dir, date(2026, 11, 7))["gi"]["stools"]
    assert stools == [{"time": time(8, 0), "bristol": 3}, {"time": time(19, 30), "bristol": 4}]
    assert "abdominal_pain" not in read_entry(data_dir, date(2026, 11, 7)).get("gi", {})
    out = result.out
    assert (
        "Symptom: Fatigue: 0-4 (none, mild, moderate, severe, unbearable), higher is "
        "worse -> fatigue 0-10, higher is worse"
    ) in out
    assert "Sleep quality: 1-5, higher is better -> sleep quality 0-10, higher is better" in out
    assert "Mood (7), Energy (7)" in out and "Symptom: Headache (2)" in out
    assert "7 new entries" in out
    assert mode(entry_file(data_dir, date(2026, 11, 4))) == 0o600


def test_bearable_newer_header_with_date_formatted(cli, data_dir: Path, tmp_path: Path) -> None:
    export = tmp_path / "bearable.csv"
    export.write_text(
        "date formatted,date,weekday,time of day,category,rating/amount,detail,notes\n"
        "2026-09-22,22nd Sep 2026,Tuesday,pm,Symptom,2,Brain fog (Moderate),\n"
        "2026-09-22,22nd Sep 2026,Tuesday,am,Energy,2,,\n"
    )
    assert cli("import", "bearable", str(export)).code == 0
    assert read_entry(data_dir, date(2026, 9, 22))["symptoms"] == {"brain_fog": 5}


def test_daylio_sample(cli, data_dir: Path) -> None:
    result = cli("import", *sample_args("daylio"))
    assert result.code == 0, result.err
    assert read_entry(data_dir, date(2026, 10, 23)) | {"updated": None} == {
        "schema": 1,
        "date": date(2026, 10, 23),
        "updated": None,
        "notes": "Crash\nCouldn't get up. Lights off, earplugs in.",
        "imported_from": "daylio",
    }  # only the notes have a home: no rating is made up from a mood
    # Two entries on one day: both notes, in time order, each with its time.
    assert read_entry(data_dir, date(2026, 10, 25))["notes"] == (
        "13:10 Lunch with my sister.\n\n22:05 Too much\nCooked for everyone, paid for it in "
        "the evening."
    )
    assert not entry_file(data_dir, date(2026, 10, 24)).exists()  # a mood, no note
    assert "mood (8)" in result.out and "activity: rest (3)" in result.out


def test_daylio_older_export_and_12_hour_times(cli, data_dir: Path) -> None:
    result = cli("import", "daylio", str(SAMPLES / "daylio-older.csv"))
    assert result.code == 0, result.err
    assert read_entry(data_dir, date(2026, 10, 18))["notes"] == (
        "08:10 Woke up at five.\n\n21:45 Visitors stayed too long, PEM tomorrow probably."
    )
    assert read_entry(data_dir, date(2026, 10, 19))["notes"] == "Read a chapter in bed."


def test_flaredown_sample(cli, data_dir: Path) -> None:
    result = cli("import", *sample_args("flaredown"))
    assert result.code == 0, result.err
    day = read_entry(data_dir, date(2026, 10, 6))
    assert day["symptoms"] == {"fatigue": 10, "brain_fog": 8}  # 4 and 3 on 0-4
    assert day["gi"] == {"nausea": 5}
    assert day["intake"] == [
        {"substance": "Low dose naltrexone", "amount": 4.5, "unit": "mg"},
        {"substance": "Ibuprofen", "amount": 400, "unit": "mg"},
    ]
    # A blank cell is no answer; "Not Taken" is not a dose.
    day8 = read_entry(data_dir, date(2026, 10, 8))
    assert "gi" not in day8
    assert [d["substance"] for d in read_entry(data_dir, date(2026, 10, 7))["intake"]] == [
        "Low dose naltrexone"
    ]
    out = result.out
    assert "Fatigue: 0-4 (none, mild, moderate, severe, extreme), higher is worse" in out
    # "Taken" with no amount: that day's doses stay unanswered (never a made-up "not taken").
    assert "line 2, Ibuprofen: taken, amount unknown" in out
    assert "line 2, Low dose naltrexone: '4.5 mg' held back" in out
    assert "intake" not in read_entry(data_dir, date(2026, 10, 5))
    assert "Chronic fatigue syndrome (7)" in out and "weather: temperature_max (7)" in out
    assert "Headache (5)" in out


def test_flaredown_infers_column_kinds_from_values(cli, data_dir: Path, tmp_path: Path) -> None:
    export = tmp_path / "flaredown.csv"
    export.write_text(
        "Date,Fatigue,Magnesium,Pain,Tags,Foods\n"
        "2026-09-01,3,300 mg,severe,,\n"
        "2026-09-02,1,Taken,mild,,\n"
    )
    result = cli("import", "flaredown", str(export))
    assert result.code == 0
    day = read_entry(data_dir, date(2026, 9, 1))
    assert day["symptoms"] == {"fatigue": 8}  # "Pain" holds words: not a rating column
    assert day["intake"] == [{"substance": "Magnesium", "amount": 300, "unit": "mg"}]
    assert (
        "column 'Pain' (2 values): its values fit neither a rating 0-4 nor a treatment"
        in result.out
    )


def test_visible_sample(cli, data_dir: Path) -> None:
    result = cli("import", *sample_args("visible"))
    assert result.code == 0, result.err
    crash = read_entry(data_dir, date(2026, 11, 13))
    assert crash["symptoms"] == {"fatigue": 10, "brain_fog": 10, "crash": True}
    assert crash["gi"] == {"abdominal_pain": 7, "nausea": 7}  # 2 on 0-3 is 6.67
    assert crash["notes"] == "Crash after the dentist yesterday."
    busy = read_entry(data_dir, date(2026, 11, 12))
    assert busy["activity"] == {"exertion": 10}  # Physically active 3 of 3
    assert busy["symptoms"]["crash"] is False  # an answered "no crash"
    assert not entry_file(data_dir, date(2026, 11, 15)).exists()  # only heart rate and sleep
    out = result.out
    assert "Fatigue: 0-3 (none, mild, moderate, severe), higher is worse -> fatigue 0-10" in out
    assert "HR Variability (5)" in out and "Sleep (5)" in out


def test_any_csv_with_a_map(cli, data_dir: Path) -> None:
    result = cli("import", *sample_args("csv"))
    assert result.code == 0, result.err
    day = read_entry(data_dir, date(2026, 11, 16))
    assert day["symptoms"] == {"fatigue": 8, "pain": 5}  # 4 on 1-5 is 7.5; 2 on 0-4 is 5
    assert day["sleep"] == {"hours": 6.5}  # "6,5"
    assert day["gi"] == {"stools": [{"bristol": 3}]}
    assert day["intake"] == [{"substance": "magnesium", "amount": 300, "unit": "mg"}]
    assert day["imported_from"] == "csv"
    assert "pain" not in read_entry(data_dir, date(2026, 11, 19))["symptoms"]  # blank cell
    assert (
        "Fatigue (1-5): 1-5, higher is worse -> fatigue 0-10, higher is worse "
        "(1->0, 2->2, 3->5, 4->8, 5->10) (your map)"
    ) in result.out
    assert "Mood (7)" in result.out


def test_a_map_can_reverse_a_scale_and_it_says_so(cli, data_dir: Path, tmp_path: Path) -> None:
    export = tmp_path / "energy.csv"
    export.write_text("date,Energy\n2026-09-01,1\n2026-09-02,5\n2026-09-03,4\n")
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[columns.Energy]\nkey = "symptoms.fatigue"\nscale = "1-5"\nhigher = "better"\n'
    )
    result = cli("import", "csv", str(export), "--map", str(mapping))
    assert result.code == 0, result.err
    fatigue = [read_entry(data_dir, date(2026, 9, d))["symptoms"]["fatigue"] for d in (1, 2, 3)]
    assert fatigue == [10, 0, 2]  # little energy is much fatigue; 2.5 rounds to even
    assert "Energy: 1-5, higher is better -> fatigue 0-10, higher is worse, reversed" in result.out


def test_a_map_places_what_a_format_leaves_out(cli, data_dir: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[columns."Symptom: Headache"]\nkey = "symptoms.pain"\n[columns.Mood]\nkey = "skip"\n'
    )
    result = cli("import", *sample_args("bearable"), "--map", str(mapping))
    assert result.code == 0, result.err
    # Mild (1 on Bearable's 0-4) is 2.5: a half goes to the even number, leaning neither way.
    assert read_entry(data_dir, date(2026, 11, 7))["symptoms"]["pain"] == 2
    assert "Skipped by your map: Mood (7)" in result.out
    assert "Symptom: Headache (2)" not in result.out


# -- --dry-run writes nothing ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_dry_run_writes_nothing(cli, data_dir: Path, fmt: str) -> None:
    cli("log", "stool", "4", "--date", "2026-09-01")
    before = snapshot_tree(data_dir)
    result = cli("import", *sample_args(fmt), "--dry-run")
    assert result.code == 0, result.err
    assert "Would add (dry run: nothing was written)" in result.out
    assert "Nothing was written" in result.out
    assert snapshot_tree(data_dir) == before
    day, _path, _value = SAMPLE_DAY[fmt]
    assert not entry_file(data_dir, day).exists()


def test_dry_run_creates_no_data_folder(cli, data_dir: Path) -> None:
    assert cli("import", *sample_args("visible"), "--dry-run").code == 0
    assert not data_dir.exists()


# -- an answer already there always wins ---------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_existing_answer_is_never_overwritten(cli, data_dir: Path, fmt: str) -> None:
    day, path, imported = SAMPLE_DAY[fmt]
    mine: object = "my own words" if path == ("notes",) else 1
    table = f"[{path[0]}]\n{path[1]} = {mine}\n" if len(path) == 2 else f'notes = "{mine}"\n'
    put_entry(data_dir, day, f'schema = 1\ndate = {day}\nmystery = "kept"\n{table}')
    result = cli("import", *sample_args(fmt))
    assert result.code == 0, result.err
    doc = read_entry(data_dir, day)
    value = doc[path[0]] if len(path) == 1 else doc[path[0]][path[1]]
    assert value == mine
    assert doc["mystery"] == "kept"
    shown = f'"{mine}"' if isinstance(mine, str) else str(mine)
    imported_shown = str(imported) if isinstance(imported, int) else f'"{imported}"'
    assert f"{day} " in result.out and f"yours {shown}, imported {imported_shown}" in result.out


def test_clashing_bowel_movements_are_listed_not_merged(cli, data_dir: Path) -> None:
    cli("log", "stool", "5", "--date", "2026-11-07", "--time", "12:00")
    before = entry_file(data_dir, date(2026, 11, 7)).read_bytes()
    result = cli("import", *sample_args("bearable"))
    assert result.code == 0
    stools = read_entry(data_dir, date(2026, 11, 7))["gi"]["stools"]
    assert [s["bristol"] for s in stools] == [5]
    assert "2026-11-07 bowel movements: yours 1 (type 5), imported 2 (types 3, 4)" in result.out
    assert entry_file(data_dir, date(2026, 11, 7)).read_bytes() != before  # fatigue was added
    assert read_entry(data_dir, date(2026, 11, 7))["symptoms"]["fatigue"] == 2


def test_importing_twice_changes_nothing_the_second_time(cli, data_dir: Path) -> None:
    assert cli("import", *sample_args("flaredown")).code == 0
    before = snapshot_tree(data_dir)
    again = cli("import", *sample_args("flaredown"))
    assert again.code == 0
    assert "0 new entries, 0 existing days filled in, 0 clashes" in again.out
    assert snapshot_tree(data_dir) == before


def test_a_broken_or_newer_day_is_reported_and_left_alone(cli, data_dir: Path) -> None:
    broken = put_entry(data_dir, date(2026, 11, 4), "schema = 1\n[[[ broken")
    newer = put_entry(data_dir, date(2026, 11, 5), "schema = 2\ndate = 2026-11-05\n")
    result = cli("import", *sample_args("bearable"))
    assert result.code == 1
    assert broken.read_text() == "schema = 1\n[[[ broken"
    assert newer.read_text() == "schema = 2\ndate = 2026-11-05\n"
    assert "2026-11-04: entries/2026/2026-11-04.toml:2: not valid TOML" in result.out
    assert "2026-11-05:" in result.out and "newer fatiguelog" in result.out
    assert result.err.count("\n") == 1
    assert "2 days were not changed because their files" in result.err
    assert read_entry(data_dir, date(2026, 11, 6))["symptoms"]["fatigue"] == 5  # the rest came in


def test_days_after_today_are_left_out(cli, data_dir: Path, tmp_path: Path) -> None:
    export = tmp_path / "visible.csv"
    export.write_text(
        "observation_date,tracker_name,tracker_category,observation_value\n"
        "2999-01-01,Fatigue,General,2\n2026-01-05,Fatigue,General,1\n"
    )
    result = cli("import", "visible", str(export))
    assert result.code == 0
    assert "Left out, dated after today: 2999-01-01" in result.out
    assert not (data_dir / "entries" / "2999").exists()


def test_text_from_the_file_cannot_drive_the_terminal(cli, data_dir: Path, tmp_path: Path) -> None:
    export = tmp_path / "visible.csv"
    export.write_text(
        "observation_date,tracker_name,tracker_category,observation_value\n"
        "2026-01-05,\x1b]0;pwned\x07Odd,General,2\n"
        "2026-01-05,Note,Note,hi\x1b[2Jthere\n"
    )
    result = cli("import", "visible", str(export))
    assert result.code == 0
    assert "\x1b" not in result.out and "\x07" not in result.out
    assert "\x1b" not in read_entry(data_dir, date(2026, 1, 5))["notes"]


# -- a file that can't be read: one line, exit 1, nothing written -------------------------

MALFORMED = {
    "bearable": "date,weekday,category\n1st Jan 2026,Thursday,Mood\n",
    "daylio": "full_date,date,weekday,time,mood,activities,note_title,note\n"
    "yesterday,Jan 1,Thu,10:00,good,,,\n",
    "flaredown": "Date,Fatigue,Tags,Foods\n2026-01-01,3,,,extra,cells\n",
    "visible": "observation_date,tracker_name,tracker_category,observation_value\n"
    "01/05/2026,Fatigue,General,2\n",
    "csv": "when,Fatigue\n2026-01-01,3\n",
}
REASONS = {
    "bearable": "not a Bearable export",
    "daylio": "'yesterday' is not a date",
    "flaredown": "line 2 has 6 cells",
    "visible": "'01/05/2026' is not a date",
    "csv": "no date column",
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_malformed_file_is_one_line_and_exit_1(
    cli, data_dir: Path, tmp_path: Path, fmt: str
) -> None:
    cli("log", "none", "--date", "2026-01-01")
    before = snapshot_tree(data_dir)
    export = tmp_path / "export.csv"
    export.write_text(MALFORMED[fmt])
    mapping = tmp_path / "map.toml"
    mapping.write_text('[columns]\nFatigue = "notes"\n')
    extra = ["--map", str(mapping)] if fmt == "csv" else []
    result = cli("import", fmt, str(export), *extra)
    assert result.code == 1
    assert result.out == ""
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert REASONS[fmt] in result.err
    assert snapshot_tree(data_dir) == before


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "is empty"),
        (b"\xff\xfe\x00d\x00a\x00t\x00e", "not UTF-8"),
        (
            b"date,weekday,time of day,category,rating/amount,detail,notes\n"
            b'"31st Foo 2020",x,am,Mood,3,,\n',
            "is not a date",
        ),
        (
            b"date,weekday,time of day,category,rating/amount,detail,notes\n"
            b'1st Jan 2026,x,am,Mood,"3\n',
            "not valid CSV",
        ),
    ],
)
def test_unreadable_bearable_files(
    cli, data_dir: Path, tmp_path: Path, content: bytes, words: str
) -> None:
    export = tmp_path / "export.csv"
    export.write_bytes(content)
    result = cli("import", "bearable", str(export))
    assert result.code == 1
    assert words in result.err and result.err.count("\n") == 1
    assert not data_dir.exists()


def test_a_missing_file_or_a_folder(cli, data_dir: Path, tmp_path: Path) -> None:
    missing = cli("import", "daylio", str(tmp_path / "nope.csv"))
    assert missing.code == 1 and "does not exist" in missing.err
    folder = cli("import", "daylio", str(tmp_path))
    assert folder.code == 1 and "is a folder" in folder.err
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    special = cli("import", "daylio", str(fifo))  # would wait for a writer forever
    assert special.code == 1 and "not a regular file" in special.err


@pytest.mark.parametrize(
    ("map_text", "words"),
    [
        (None, "needs --map"),
        ('[columns.Fatigue]\nkey = "symptoms.fatigue"\n', "needs its scale"),
        ('[columns.Fatigue]\nkey = "symptoms.tiredness"\n', "not an answer fatiguelog keeps"),
        ('[columns.Fatigue]\nkey = "custom.fatigue_am"\n', "your own trackers"),
        ('[columns.Fatigue]\nkey = "symptoms.fatigue"\nscale = "5-1"\n', "a scale looks like"),
        ('[columns.Fatigue]\nkey = "notes"\nsacle = "1-5"\n', "has no 'sacle'"),
        ("[columns\n", "not valid TOML"),
    ],
)
def test_a_bad_map_is_one_line_and_exit_1(
    cli, data_dir: Path, tmp_path: Path, map_text: str | None, words: str
) -> None:
    export = tmp_path / "diary.csv"
    export.write_text("date,Fatigue\n2026-01-01,3\n")
    args = ["import", "csv", str(export)]
    if map_text is not None:
        mapping = tmp_path / "map.toml"
        mapping.write_text(map_text)
        args += ["--map", str(mapping)]
    result = cli(*args)
    assert result.code == 1
    assert words in result.err and result.err.count("\n") == 1
    assert not data_dir.exists()


def test_the_samples_are_the_documented_ones() -> None:
    """docs/import.md shows these files; keep them where the docs say."""
    docs = (SAMPLES.parents[1] / "import.md").read_text()
    for name in (
        "bearable.csv",
        "daylio.csv",
        "daylio-older.csv",
        "flaredown.csv",
        "visible.csv",
        "diary.csv",
        "diary-map.toml",
    ):
        assert (SAMPLES / name).is_file()
        assert f"examples/import/{name}" in docs


def test_import_writes_through_the_store_lock(cli, data_dir: Path, monkeypatch) -> None:
    """Each written day is read, changed and saved under the data folder's lock."""
    from fatiguelog.store import Store

    held: list[bool] = []
    real_save = Store.save
    state = {"locked": False}
    real_lock = Store.lock

    def lock(self):  # type: ignore[no-untyped-def]
        import contextlib

        @contextlib.contextmanager
        def inner():  # type: ignore[no-untyped-def]
            with real_lock(self):
                state["locked"] = True
                try:
                    yield
                finally:
                    state["locked"] = False

        return inner()

    def save(self, entry, **kwargs):  # type: ignore[no-untyped-def]
        held.append(state["locked"])
        return real_save(self, entry, **kwargs)

    monkeypatch.setattr(Store, "lock", lock)
    monkeypatch.setattr(Store, "save", save)
    assert cli("import", *sample_args("visible")).code == 0
    assert held and all(held)
