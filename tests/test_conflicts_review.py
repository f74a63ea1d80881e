"""An outside test of sync-conflict copies (report-15a): one record edited on two computers is a
clash, not two; a merge never makes a file no command can read; a copy of a copy is found;
every message says what is true and what to do."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from fatiguelog.conflicts import merge_copy
from fatiguelog.model import RED_ADVICE_LOGGED_PAST
from tests.factories import read_entry, year_folder

DAY = date(2026, 11, 20)
COPY = "2026-11-20.sync-conflict-20261120-213000-ABCDEFG.toml"


# 3. The same bowel movement or dose edited on one side is one record: a clash, never two.
def test_an_edited_stool_or_dose_is_a_clash_not_a_second_item(cli, data_dir: Path) -> None:
    cli("log", "stool", "4", "--date", str(DAY), "--time", "08:00")
    cli("log", "dose", "kratom", "2", "g", "--date", str(DAY), "--time", "09:00")
    cli("log", "dose", "magnesium", "300", "mg", "--date", str(DAY), "--time", "21:00")
    mine = (year_folder(data_dir, 2026) / f"{DAY}.toml").read_text()
    (year_folder(data_dir, 2026) / COPY).write_text(
        mine.replace("straining = false", "straining = true")
        .replace('substance = "kratom", amount = 2,', 'substance = "Kratom", amount = 3,')
        .replace('substance = "magnesium"', 'substance = "Magnesium"')
    )
    result = cli("conflicts", "--merge")
    assert result.code == 0, result.err
    doc = read_entry(data_dir, DAY)
    assert len(doc["gi"]["stools"]) == 1 and doc["gi"]["stools"][0]["straining"] is False
    assert [(d["substance"], d["amount"]) for d in doc["intake"]] == [
        ("kratom", 2),
        ("magnesium", 300),
    ]  # "Magnesium" is the same substance, unchanged
    out = result.out
    assert "Different answers, yours kept:" in out
    assert "the bowel movement at 08:00 (straining yours no, the copy's yes)" in out
    assert "the dose of kratom at 09:00 (amount yours 2, the copy's 3)" in out
    assert "added from the copy" not in out
    assert (data_dir / "conflicts" / COPY).exists()  # the copy's version is kept


def test_a_second_record_at_another_time_is_still_added() -> None:
    mine = {"gi": {"stools": [{"time": time(8), "bristol": 4}]}}
    theirs = {"gi": {"stools": [{"time": time(8), "bristol": 4}, {"time": time(19), "bristol": 5}]}}
    merged = merge_copy(mine, theirs)
    assert [s["bristol"] for s in merged.doc["gi"]["stools"]] == [4, 5]
    assert merged.clashes == []


# 4. A merge that would make a day no command can read is refused; nothing is written.
def test_a_merge_past_the_limits_is_refused(cli, data_dir: Path) -> None:
    stools = "".join(f"[[gi.stools]]\nbristol = {n % 7 + 1}\n" for n in range(60))
    other = "".join(f"[[gi.stools]]\nbristol = {n % 7 + 1}\nstraining = true\n" for n in range(60))
    path = year_folder(data_dir, 2026) / f"{DAY}.toml"
    path.write_text(f"schema = 1\ndate = {DAY}\n{stools}")
    (year_folder(data_dir, 2026) / COPY).write_text(f"schema = 1\ndate = {DAY}\n{other}")
    before = path.read_bytes()
    result = cli("conflicts", "--merge")
    assert result.code == 1
    assert (
        "was left where it is: the merged day would be a file no command can read "
        "(gi.stools lists 120 bowel movements"
    ) in result.out
    assert path.read_bytes() == before and (year_folder(data_dir, 2026) / COPY).exists()
    assert cli("check").code == 1  # the copy still waits, and check says why
    assert "it can't be merged as it is: the merged day would be" in cli("check").out


def test_a_merge_over_one_mib_is_refused(cli, data_dir: Path) -> None:
    path = year_folder(data_dir, 2026) / f"{DAY}.toml"
    path.write_text(f'schema = 1\ndate = {DAY}\nnotes = "{"a" * 600_000}"\n')
    (year_folder(data_dir, 2026) / COPY).write_text(
        f'schema = 1\ndate = {DAY}\n[custom]\nlong = "{"b" * 600_000}"\n'
    )
    result = cli("conflicts", "--merge")
    assert result.code == 1 and "MiB" in result.out
    assert "custom" not in read_entry(data_dir, DAY)


# 10. A Syncthing copy of a copy is recognised, listed by check and merged.
def test_a_copy_of_a_copy_is_recognised(cli, data_dir: Path) -> None:
    name = (
        "2026-11-20.sync-conflict-20261120-101010-ABCDEFG"
        ".sync-conflict-20261121-090000-HIJKLMN.toml"
    )
    (year_folder(data_dir, 2026) / name).write_text(
        f"schema = 1\ndate = {DAY}\n[symptoms]\npain = 3\n"
    )
    check = cli("check")
    assert "a Syncthing conflict copy of 2026-11-20" in check.out
    assert "not an entry file name" not in check.out
    assert name in cli("conflicts").out
    assert cli("conflicts", "--merge").code == 0
    assert read_entry(data_dir, DAY)["symptoms"] == {"pain": 3}


# 11. Messages: one period, the right number, why a copy is refused and what to do.
def test_a_refused_copy_says_why_everywhere(cli, data_dir: Path) -> None:
    (year_folder(data_dir, 2026) / COPY).write_text("this is [[ not toml")
    listed = cli("conflicts")
    assert "it can't be merged as it is: the copy can't be read (not valid TOML" in listed.out
    assert "open it in a text editor" in listed.out
    assert "none can be merged as it is" in listed.out
    assert "'fatiguelog conflicts --merge' merges" not in listed.out
    check = cli("check")
    assert "it can't be merged as it is: the copy can't be read" in check.out
    assert "run 'fatiguelog conflicts --merge'" not in check.out
    merged = cli("conflicts", "--merge")
    assert "1 sync-conflict copy left where it was" in merged.out
    assert ".." not in merged.out


def test_no_double_period_after_a_reason_that_ends_with_one(
    cli, data_dir: Path, monkeypatch
) -> None:
    from fatiguelog import conflicts
    from fatiguelog.store import StoreError

    (year_folder(data_dir, 2026) / f"{DAY}.toml").write_text(f"schema = 1\ndate = {DAY}\n")
    (year_folder(data_dir, 2026) / COPY).write_text(
        f"schema = 1\ndate = {DAY}\n[symptoms]\npain = 3\n"
    )

    def full(*_args: object) -> None:
        raise StoreError("No space left on the disk.")

    monkeypatch.setattr(conflicts, "keep_aside", full)
    result = cli("conflicts", "--merge")
    assert "No space left on the disk." in result.out and ".." not in result.out


def test_the_export_says_what_a_copy_leaves_out(cli, data_dir: Path, tmp_path: Path) -> None:
    cli("log", "stool", "4", "--date", str(DAY))
    (year_folder(data_dir, 2026) / COPY).write_text(
        f"schema = 1\ndate = {DAY}\n[symptoms]\npain = 3\n"
    )
    out = tmp_path / "summary.md"
    assert cli("export", "--format", "md", "--to", "2026-11-25", "-o", str(out)).code == 0
    text = out.read_text()
    assert "## Sync-conflict copies not merged yet" in text
    assert "The day's own entry, when it has one, is in the figures above" in text
    assert "These days are missing from every figure above" not in text


# 8. The merge uses the graded advice of `log red-flag`.
def test_merge_red_flag_advice_is_graded(cli, data_dir: Path) -> None:
    (year_folder(data_dir, 2026) / f"{DAY}.toml").write_text(f"schema = 1\ndate = {DAY}\n")
    (year_folder(data_dir, 2026) / COPY).write_text(
        f"schema = 1\ndate = {DAY}\n[red_flags]\nblood_in_stool = true\n"
    )
    result = cli("conflicts", "--merge")
    advice = RED_ADVICE_LOGGED_PAST["blood_in_stool"]
    assert f"!! Red flag reported on {DAY}: Blood in stool. {advice}" in result.out
    assert "Seek medical care promptly: contact your doctor" not in result.out  # not generic
