"""An outside test of `fatiguelog import` (report-15a): nothing is guessed, nothing vanishes.

Numbers that could be read two ways are refused; a column that fits no one reading is listed;
a dose taken with no amount never reads as "not taken"; every row left out is listed; a row
repeated in the export is read once; a day that would go past a file's limits is refused;
scales round without leaning; an imported red flag gets the graded advice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fatiguelog.model import RED_ADVICE_LOGGED_PAST
from tests.factories import entry_file, read_entry

BEARABLE = "date,weekday,time of day,category,rating/amount,detail,notes\n"


def export(tmp_path: Path, text: str, name: str = "export.csv") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


# 1. "1,000" and "1.000" are a thousand or one: refused and listed, never read as 1.
def test_thousands_separators_are_refused_and_listed(cli, data_dir: Path, tmp_path: Path) -> None:
    text = (
        BEARABLE
        + '1st Nov 2026,Sunday,08:00,Meds/Supplements,"1,000",Magnesium (mg),\n'
        + "2nd Nov 2026,Monday,08:00,Meds/Supplements,1.000,Magnesium (mg),\n"
        + '3rd Nov 2026,Tuesday,08:00,Meds/Supplements,"1,5",Magnesium (mg),\n'
    )
    result = cli("import", "bearable", export(tmp_path, text))
    assert result.code == 0, result.err
    assert "line 2, Meds/Supplements: Magnesium: '1,000' could mean 1 or 1000" in result.out
    assert "line 3, Meds/Supplements: Magnesium: '1.000' could mean 1 or 1000" in result.out
    assert not entry_file(data_dir, date(2026, 11, 1)).exists()
    assert not entry_file(data_dir, date(2026, 11, 2)).exists()
    # "1,5": unambiguous
    assert read_entry(data_dir, date(2026, 11, 3))["intake"][0]["amount"] == 1.5


def test_a_flaredown_dose_with_a_thousands_separator(cli, data_dir: Path, tmp_path: Path) -> None:
    text = 'Date,Vitamin D,Tags,Foods\n2026-11-01,"1,000 IU",,\n2026-11-02,1.500 IU,,\n'
    result = cli("import", "flaredown", export(tmp_path, text))
    assert "line 2, Vitamin D: '1,000 IU' could mean 1 or 1000" in result.out
    assert "line 3, Vitamin D: '1.500 IU' could mean 1.5 or 1500" in result.out
    assert not entry_file(data_dir, date(2026, 11, 1)).exists()


# 2. A symptom column with stray numbers is not a treatment: listed as not understood.
def test_a_flaredown_column_that_fits_no_reading_is_not_guessed(
    cli, data_dir: Path, tmp_path: Path
) -> None:
    text = (
        "Date,Fatigue,Brain fog,Tags,Foods\n"
        "2026-11-01,3,2,,\n2026-11-02,2,5,,\n2026-11-03,1,other,,\n"
    )
    result = cli("import", "flaredown", export(tmp_path, text))
    assert result.code == 0, result.err
    for day in (1, 2, 3):
        doc = read_entry(data_dir, date(2026, 11, day))
        assert "intake" not in doc and "brain_fog" not in doc["symptoms"]
    assert (
        "column 'Brain fog' (3 values): its values fit neither a rating 0-4 nor a treatment"
    ) in result.out
    assert "'5', 'other'" in result.out
    assert "Not mapped" not in result.out  # not "no place for it": not understood


def test_a_column_of_bare_numbers_above_4_is_not_a_dose(
    cli, data_dir: Path, tmp_path: Path
) -> None:
    text = "Date,Pain score,Tags,Foods\n2026-11-01,5,,\n2026-11-02,7,,\n"
    result = cli("import", "flaredown", export(tmp_path, text))
    assert not entry_file(data_dir, date(2026, 11, 1)).exists()
    assert "column 'Pain score' (2 values)" in result.out


# 5. "Taken" with no amount never makes a stop: that day's doses stay unanswered.
def test_taken_without_an_amount_leaves_the_days_doses_unanswered(
    cli, data_dir: Path, tmp_path: Path
) -> None:
    text = (
        "Date,Fatigue,LDN,Magnesium,Tags,Foods\n"
        "2026-11-01,2,4.5 mg,300 mg,,\n"
        "2026-11-02,2,Taken,300 mg,,\n"
    )
    result = cli("import", "flaredown", export(tmp_path, text))
    assert result.code == 0, result.err
    assert [d["substance"] for d in read_entry(data_dir, date(2026, 11, 1))["intake"]] == [
        "LDN",
        "Magnesium",
    ]
    second = read_entry(data_dir, date(2026, 11, 2))
    assert "intake" not in second  # not [Magnesium] alone: that would say LDN was stopped
    assert second["symptoms"] == {"fatigue": 5}
    assert "line 3, LDN: taken, amount unknown" in result.out
    assert "line 3, Magnesium: '300 mg' held back" in result.out


# 6. A Bearable medication row with no amount is listed, and never reads as "not taken".
def test_a_bearable_row_with_no_amount_is_listed(cli, data_dir: Path, tmp_path: Path) -> None:
    text = (
        BEARABLE
        + "1st Nov 2026,Sunday,08:00,Meds/Supplements,,Ibuprofen (mg),\n"
        + "1st Nov 2026,Sunday,am,Sleep,,,\n"
        + "1st Nov 2026,Sunday,am,Symptom,,Fatigue,\n"
        + "1st Nov 2026,Sunday,am,Sleep quality,3,,\n"
    )
    result = cli("import", "bearable", export(tmp_path, text))
    assert result.code == 0, result.err
    assert read_entry(data_dir, date(2026, 11, 1)).keys() >= {"sleep"}
    assert "intake" not in read_entry(data_dir, date(2026, 11, 1))
    assert "line 2, Meds/Supplements: Ibuprofen: taken, amount unknown" in result.out
    assert "line 3, Sleep: the row gives no value" in result.out
    assert "line 4, Symptom: Fatigue: the row gives no value" in result.out


# 7. The same row twice in an export is one dose, not two; the repeat is listed.
def test_an_exactly_repeated_row_is_read_once(cli, data_dir: Path, tmp_path: Path) -> None:
    row = "1st Nov 2026,Sunday,08:00,Meds/Supplements,200,Paracetamol (mg),\n"
    stool = "1st Nov 2026,Sunday,09:00,Bowel Movements,,Type 4,\n"
    result = cli("import", "bearable", export(tmp_path, BEARABLE + row + row + stool + stool))
    assert result.code == 0, result.err
    doc = read_entry(data_dir, date(2026, 11, 1))
    assert len(doc["intake"]) == 1 and len(doc["gi"]["stools"]) == 1
    assert "Rows repeated exactly in the file, read once:" in result.out
    assert "line 3 (= line 2), line 5 (= line 4)" in result.out


# 4. A day the import would push past a file's limits is refused, with the reason.
def test_a_day_past_the_limits_is_refused_and_nothing_is_written(
    cli, data_dir: Path, tmp_path: Path
) -> None:
    rows = "".join(f"2026-11-01,{n % 7 + 1},{n}\n" for n in range(120))
    mapping = tmp_path / "map.toml"
    mapping.write_text('[columns]\nStool = "gi.stools"\nn = "skip"\n')
    path = export(tmp_path, "date,Stool,n\n" + rows + "2026-11-02,4,x\n")
    dry = cli("import", "csv", path, "--map", str(mapping), "--dry-run")
    assert "Days refused (nothing written for them)" in dry.out
    assert "2026-11-01: gi.stools lists 120 bowel movements" in dry.out
    result = cli("import", "csv", path, "--map", str(mapping))
    assert result.code == 1
    assert "2026-11-01: gi.stools lists 120 bowel movements" in result.out
    assert "file was left as it is" not in result.out  # there is no file: nothing was written
    assert not entry_file(data_dir, date(2026, 11, 1)).exists()
    assert read_entry(data_dir, date(2026, 11, 2))["gi"]["stools"] == [{"bristol": 4}]
    assert result.err.count("\n") == 1 and "refused" in result.err
    assert cli("check").code == 0  # every file written can be read


def test_a_day_over_one_mib_is_refused(cli, data_dir: Path, tmp_path: Path) -> None:
    note = "x" * (1100 * 1024)
    mapping = tmp_path / "map.toml"
    mapping.write_text('[columns]\nNote = "notes"\n')
    result = cli(
        "import", "csv", export(tmp_path, f"date,Note\n2026-11-01,{note}\n"), "--map", str(mapping)
    )
    assert result.code == 1
    assert "2026-11-01: the day's file would be 1.1 MiB, over the 1 MiB" in result.out
    assert not entry_file(data_dir, date(2026, 11, 1)).exists()


# 9. Halves round to even (leaning neither way); a value between a scale's steps is refused.
def test_scales_round_without_leaning_and_say_every_step(
    cli, data_dir: Path, tmp_path: Path
) -> None:
    text = (
        BEARABLE
        + "1st Nov 2026,Sunday,am,Sleep quality,2,,\n"
        + "2nd Nov 2026,Monday,am,Sleep quality,2.5,,\n"
        + "3rd Nov 2026,Tuesday,am,Symptom,1,Fatigue (Mild),\n"
    )
    result = cli("import", "bearable", export(tmp_path, text))
    assert read_entry(data_dir, date(2026, 11, 1))["sleep"] == {"quality": 2}  # 2.5: not "better" 3
    assert read_entry(data_dir, date(2026, 11, 3))["symptoms"] == {"fatigue": 2}  # 2.5: not 3
    assert not entry_file(data_dir, date(2026, 11, 2)).exists()
    assert "line 3, Sleep quality: 2.5 is not on its scale 1-5 (whole numbers only)" in result.out
    assert "(1->0, 2->2, 3->5, 4->8, 5->10)" in result.out  # the source value of each answer


# 11. Messages say what the file holds, and where.
def test_an_unreadable_bristol_type_is_quoted_as_written(
    cli, data_dir: Path, tmp_path: Path
) -> None:
    text = BEARABLE + "1st Nov 2026,Sunday,09:00,Bowel Movements,,Type 8,\n"
    result = cli("import", "bearable", export(tmp_path, text))
    assert "line 2, Bowel Movements: 'Type 8' is not a Bristol type 1-7" in result.out
    assert "'?'" not in result.out


def test_a_record_over_several_lines_is_named_by_its_first(
    cli, data_dir: Path, tmp_path: Path
) -> None:
    text = (
        BEARABLE + '1st Nov 2026,Sunday,am,Symptom,2,Fatigue (Moderate),"a note\nover\n'
        'three lines"\n1st Nov 2026,Sunday,pm,Symptom,x,Fatigue,"another\nnote"\n'
        "2nd Nov 2026,Monday,pm,Symptom,y,Fatigue,\n"
    )
    result = cli("import", "bearable", export(tmp_path, text))
    assert "line 5, Symptom: Fatigue: 'x' is not a number" in result.out
    assert "line 7, Symptom: Fatigue: 'y' is not a number" in result.out


def test_a_broken_record_names_its_first_line(cli, data_dir: Path, tmp_path: Path) -> None:
    text = BEARABLE + '1st Nov 2026,Sunday,am,Symptom,2,"Fatigue\n(Moderate)",x,y,z\n'
    result = cli("import", "bearable", export(tmp_path, text))
    assert result.code == 1
    assert result.err.startswith("fatiguelog: line 2 has 9 cells")


# 8. An imported red flag gets the graded advice `log red-flag` gives.
def test_an_imported_red_flag_prints_the_graded_advice(cli, data_dir: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_text('[columns]\nBlood = "red_flags.blood_in_stool"\n')
    result = cli(
        "import", "csv", export(tmp_path, "date,Blood\n2026-11-20,yes\n"), "--map", str(mapping)
    )
    assert result.code == 0, result.err
    logged = cli("log", "red-flag", "blood_in_stool", "--date", "2026-11-19").out
    advice = RED_ADVICE_LOGGED_PAST["blood_in_stool"]
    assert advice in logged  # the same words as the shell's own command
    assert f"!! Red flag reported on 2026-11-20: Blood in stool. {advice}" in result.out
