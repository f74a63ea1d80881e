"""The limits and refusals of issue 11 one by one: what the user sees for each hostile input."""

from __future__ import annotations

import errno
import os
import stat
import threading
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fatiguelog import records
from fatiguelog.atomic import (
    TooLargeError,
    UnsafePathError,
    atomic_write,
    read_capped,
    remove_under,
)
from fatiguelog.model import MAX_AMOUNT, Entry
from fatiguelog.problems import Problem
from fatiguelog.store import Status, Store, StoreError, parse_entry_bytes
from fatiguelog.validate import Locator, locate
from tests.factories import make_app, write_settings

DAY = date(2026, 11, 25)
REL = "entries/2026/2026-11-25.toml"
HEAD = "schema = 1\ndate = 2026-11-25\n"
SECRET = "nightmare about my ex"


def problems_of(text: str | bytes) -> list[Problem]:
    raw = text.encode() if isinstance(text, str) else text
    doc, problems = parse_entry_bytes(raw, REL, DAY)
    assert doc is None and problems, problems
    return problems


# -- limits: one hostile file is a problem of that file --------------------------------------


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("[sleep]\nhours = " + "7" * 5000 + "\n", "number too long"),
        ("x = " + "[" * 500 + "]" * 500 + "\n", "nested too deeply"),
        (".".join(["k"] * 3000) + " = 1\n", "nested deeper than 32"),
        ("x = " + "[" * 33 + "]" * 33 + "\n", "nested deeper than 32"),
        ("x = 99999999999999999999\n", "too large for TOML"),
        ('[[intake]]\nsubstance = "kratom"\namount = 1e308\nunit = "g"\n', "at most 1,000,000"),
        ('[[intake]]\nsubstance = "kratom"\namount = 1000001\nunit = "g"\n', "at most 1,000,000"),
        ('[[intake]]\nsubstance = "kratom"\namount = nan\nunit = "g"\n', "not finite"),
        ("[sleep]\nhours = inf\n", "not finite"),
        ("[sleep]\nhours = 24.5\n", "0 to 24"),
        ("[diet]\nwater_ml = 1e300\n", "0 to 1,000,000"),
        ("[gi]\nstools = [" + "{ bristol = 4 }," * 101 + "]\n", "more than 100"),
        ("intake = [" + "{}," * 101 + "]\n", "more than 100"),
    ],
)
def test_a_hostile_value_is_a_problem_of_its_file(body: str, words: str) -> None:
    problems = problems_of(HEAD + body)
    assert any(words in p.message for p in problems), problems


def test_a_file_over_one_mib_is_not_read(tmp_path: Path) -> None:
    store = Store(tmp_path, use_cache=False)
    path = store.path(DAY)
    path.parent.mkdir(parents=True)
    path.write_text(HEAD + 'notes = "' + "x" * (1 << 20) + '"\n')
    day = store.read(DAY)
    assert day.status is Status.BROKEN and "larger than 1 MiB" in day.problems[0].message
    assert "larger than 1 MiB" in store.load_all().problems[0].message


def test_a_bom_at_the_start_is_accepted() -> None:
    doc, problems = parse_entry_bytes(b"\xef\xbb\xbf" + HEAD.encode(), REL, DAY)
    assert problems == [] and doc is not None and doc["date"] == DAY


# -- problems never quote the value ----------------------------------------------------------

MISTYPED = [
    "[sleep]\nhours = {v}\n",
    "[symptoms]\nfatigue = {v}\n",
    "[sleep]\nquality = {v}\n",
    "[activity]\nexertion = {v}\n",
    "[symptoms]\nunrefreshing_sleep = {v}\n",
    "[gi]\nstools = [{{ bristol = {v} }}]\n",
    "[gi]\nstools = [{{ straining = {v} }}]\n",
    "[gi]\nstools = [{{ time = {v} }}]\n",
    "[gi]\nlaxative = {v}\n",
    "[gi]\nnausea = {v}\n",
    "[diet]\nwater_ml = {v}\n",
    "[red_flags]\nfever = {v}\n",
    "updated = {v}\n",
    '[[intake]]\nsubstance = "x"\namount = {v}\nunit = "g"\n',
    '[[intake]]\nsubstance = "x"\namount = 1\nunit = {v}\n',
    '[[intake]]\nsubstance = "x"\namount = 1\nunit = "g"\ntime = {v}\n',
    "schema = {v}\n",
]


@pytest.mark.parametrize("template", MISTYPED)
def test_a_mistyped_value_is_named_by_kind_never_quoted(template: str) -> None:
    text = HEAD + template.format(v=f'"6, then a {SECRET}"')
    if template.startswith("schema"):
        text = text.replace("schema = 1\n", "", 1)
    problems = problems_of(text)
    for problem in problems:
        assert SECRET not in str(problem) and "(found " in problem.message, problem
    assert all(p.line for p in problems)


@given(st.text(min_size=1, max_size=30).filter(lambda t: t.strip() and "\\" not in t))
@settings(max_examples=50, deadline=None)
def test_no_problem_message_carries_the_text_of_a_value(secret: str) -> None:
    import tomli_w

    doc = {
        "schema": 1,
        "date": DAY,
        "sleep": {"hours": secret},
        "symptoms": {"pain": secret},
        "gi": {"stools": [{"bristol": secret}]},
        "intake": [{"substance": "x", "amount": secret, "unit": secret}],
    }
    _doc, problems = parse_entry_bytes(tomli_w.dumps(doc).encode(), REL, DAY)
    assert problems
    for problem in problems:
        assert repr(secret) not in problem.message


def test_toml_syntax_errors_do_not_quote_the_file() -> None:
    problems = problems_of(HEAD + f'["{SECRET}"]\n["{SECRET}"]\n')
    assert "declared twice" in problems[0].message and SECRET not in problems[0].message


# -- `check` is linear in the number of problems ---------------------------------------------


def test_locator_finds_each_of_many_stools_on_its_own_line() -> None:
    count = 100
    text = HEAD + "[gi]\nstools = [\n" + "{ bristol = 9 },\n" * count + "]\n"
    problems = problems_of(text)
    bristol = [p for p in problems if "bristol" in p.message]
    assert len(bristol) == count
    assert [p.line for p in bristol] == list(range(5, 5 + count))


def test_locate_agrees_with_a_locator_built_once() -> None:
    text = HEAD + '[[intake]]\nsubstance = "a"\n[[intake]]\nsubstance = 3\n[gi]\nx = { y = 1 }\n'
    locator = Locator(text)
    for path in [
        ("intake", 1, "substance"),
        ("intake", 0, "substance"),
        ("gi", "x"),
        ("schema",),
        ("gi", "stools", 0),
        ("nothing",),
    ]:
        assert locator.locate(path) == locate(text, path)
    assert locator.locate(("intake", 1, "substance")) == 6


# -- links and special files -----------------------------------------------------------------


def test_read_capped_refuses_a_fifo_a_device_and_too_much(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(UnsafePathError, match="a pipe"):
        read_capped(str(tmp_path / "pipe"), 100)  # never hangs
    with pytest.raises(UnsafePathError, match="a device"):
        read_capped("/dev/zero", 100)
    (tmp_path / "big").write_bytes(b"x" * 101)
    with pytest.raises(TooLargeError):
        read_capped(str(tmp_path / "big"), 100)
    assert read_capped(str(tmp_path / "big"), 101) == b"x" * 101


def test_an_unreadable_year_folder_is_reported_by_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """(fault-injected: root, which runs these tests in CI, reads any folder)"""
    from fatiguelog.cli import main

    store = Store(tmp_path)
    store.save(Entry.new(DAY))
    store.save(Entry.new(date(2025, 6, 1)))
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if str(path).endswith("2025"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    assert main(["--data-dir", str(tmp_path), "check"]) == 1
    out, err = capsys.readouterr()
    assert "entries/2025: this folder could not be read (Permission denied)" in out
    assert "1 entry read" in err
    history = Store(tmp_path, use_cache=False).load_all()
    assert list(history.entries) == [DAY]
    assert [p.file for p in history.problems] == ["entries/2025"]


def test_nothing_is_written_through_a_link_below_the_data_folder(tmp_path: Path) -> None:
    root, outside = tmp_path / "data", tmp_path / "outside"
    (root / "entries").mkdir(parents=True)
    outside.mkdir()
    (root / "entries" / "2025").symlink_to(outside)
    with pytest.raises(UnsafePathError, match="is a link"):
        atomic_write(root / "entries" / "2025" / "2025-06-01.toml", b"x", root=root)
    (outside / "victim").write_text("mine")
    (root / "settings.toml").symlink_to(outside / "victim")
    with pytest.raises(UnsafePathError, match="a link, not a regular file"):
        atomic_write(root / "settings.toml", b"theme = 1", root=root)
    (root / "drafts").symlink_to(outside)
    (outside / "2026-11-25.toml").write_text("not a draft of ours")
    with pytest.raises(UnsafePathError):
        remove_under(root, root / "drafts" / "2026-11-25.toml")
    assert sorted(p.name for p in outside.iterdir()) == ["2026-11-25.toml", "victim"]
    assert (outside / "victim").read_text() == "mine"


def test_atomic_write_creates_private_folders_and_keeps_its_promise_not_to_replace(
    tmp_path: Path,
) -> None:
    root = tmp_path / "data"
    path = root / "entries" / "2026" / "x.toml"
    atomic_write(path, b"one", root=root)
    assert path.read_bytes() == b"one"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    with pytest.raises(FileExistsError):
        atomic_write(path, b"two", root=root, replace=False)
    with pytest.raises(FileExistsError):
        atomic_write(tmp_path / "data" / "entries" / "2026" / "x.toml", b"two", replace=False)
    assert path.read_bytes() == b"one"
    assert sorted(p.name for p in path.parent.iterdir()) == ["x.toml"]


def test_a_held_lock_makes_log_say_so_within_seconds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import fcntl

    from fatiguelog import store as store_module
    from fatiguelog.cli import main

    monkeypatch.setattr(store_module, "LOCK_WAIT_SECONDS", 0.3)
    tmp_path.mkdir(exist_ok=True)
    holder = os.open(tmp_path / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(holder, fcntl.LOCK_EX)  # another fatiguelog, stuck mid-save
    result: list[int] = []
    worker = threading.Thread(
        target=lambda: result.append(
            main(["--data-dir", str(tmp_path), "log", "stool", "4", "--date", "2026-11-20"])
        )
    )
    worker.start()
    worker.join(timeout=30)
    os.close(holder)
    assert not worker.is_alive() and result == [1]
    err = capsys.readouterr().err
    assert "another fatiguelog is saving" in err and err.count("\n") == 1
    assert not (tmp_path / "entries").exists()


def test_a_lock_that_is_a_link_is_never_followed(tmp_path: Path) -> None:
    (tmp_path / ".lock").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(StoreError, match="never follows a link"):
        Store(tmp_path).update(DAY, lambda entry: None)
    assert not (tmp_path / "elsewhere").exists()


# -- input at the command line ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--data-dir", "", "check"], "--data-dir needs"),
        (["export", "--from", "0001-01-01", "--to", "0001-03-01"], "out of range"),
        (["export", "--to", "9999-12-31"], "out of range"),
        (["trends", "--print", "--days", "100000000"], "--days must be from 1 to"),
        (["trends", "--days", "100000000"], "--days must be from 1 to"),
        (["trends", "--print", "--days", "0"], "--days must be from 1 to"),
        (["log", "stool", "4", "--date", "0001-01-01"], "out of range"),
        (["log", "stool", "4", "--date", "-99999d"], "out of range"),
        (["log", "dose", "kratom", "1e308", "g"], "'1e308' is not a number"),
        (["log", "dose", "kratom", "1000001", "g"], "at most 1,000,000"),
        (["log", "dose", "kratom", "inf", "g"], "above 0 and at most"),
    ],
)
def test_out_of_range_input_is_one_line(cli, data_dir: Path, argv: list[str], words: str) -> None:
    result = cli(*argv) if argv[0] != "--data-dir" else _main(argv)
    assert result.code == 1, result
    assert words in result.err and result.err.count("\n") == 1 and result.out == ""
    assert not (data_dir / "entries").exists()


def _main(argv: list[str]):  # type: ignore[no-untyped-def]
    import contextlib
    import io

    from fatiguelog.cli import main
    from tests.conftest import Result

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return Result(code, out.getvalue(), err.getvalue())


@pytest.mark.parametrize("command", [["check"], ["log", "none"], ["export"], ["trends", "--print"]])
def test_a_data_folder_that_is_a_file_is_one_line(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from fatiguelog.cli import main

    (tmp_path / "data").write_text("not a folder")
    assert main(["--data-dir", str(tmp_path / "data"), *command]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "is not a folder" in err and err.count("\n") == 1
    assert (tmp_path / "data").read_text() == "not a folder"


def test_make_dose_refuses_absurd_amounts_for_the_check_in_too() -> None:
    for typed in ("1e308", "1000000.5", "inf", "nan", "0", "-2"):
        with pytest.raises(records.InputError):
            records.make_dose("kratom", typed, "g")
    assert records.make_dose("kratom", str(MAX_AMOUNT), "g")["amount"] == MAX_AMOUNT


def test_a_file_with_thousands_of_bad_stools_is_one_problem() -> None:
    problems = problems_of(HEAD + "[gi]\nstools = [\n" + "{ bristol = 9 },\n" * 20_000 + "]\n")
    assert [p.message for p in problems] == [
        "gi.stools lists 20000 bowel movements: more than 100 in one day is not a day's record"
    ]
    assert problems[0].line == 4


def test_log_refuses_a_101st_dose(cli, data_dir: Path) -> None:
    store = Store(data_dir)
    entry = Entry.new(date(2026, 11, 20))
    entry.doc["intake"] = [{"substance": "tea", "amount": 1, "unit": "cup"}] * 100
    store.save(entry)
    result = cli("log", "dose", "tea", "1", "cup", "--date", "2026-11-20")
    assert result.code == 1 and "100 doses are already recorded" in result.err


def test_log_refuses_a_101st_stool(cli, data_dir: Path) -> None:
    store = Store(data_dir)
    entry = Entry.new(date(2026, 11, 20))
    entry.doc["gi"] = {"stools": [{"bristol": 4}] * 100}
    store.save(entry)
    before = store.path(entry.day).read_bytes()
    result = cli("log", "stool", "4", "--date", "2026-11-20")
    assert result.code == 1 and "100 bowel movements are already recorded" in result.err
    assert store.path(entry.day).read_bytes() == before


def test_check_lists_temporary_files_left_by_a_killed_save(cli, data_dir: Path) -> None:
    Store(data_dir).save(Entry.new(date(2026, 11, 20)))
    leftover = data_dir / "entries" / "2026" / ".2026-11-20.toml.999.deadbeef.tmp"
    leftover.write_text("half")
    (data_dir / ".settings.toml.12.abcdef01.tmp").write_text("half")
    result = cli("check")
    assert result.code == 1
    assert "entries/2026/.2026-11-20.toml.999.deadbeef.tmp: a temporary file" in result.out
    assert "meant to become 2026-11-20.toml" in result.out
    assert ".settings.toml.12.abcdef01.tmp: a temporary file" in result.out
    assert leftover.read_text() == "half"  # check changes nothing


# -- settings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            '[[substances]]\nname = "kratom"\nopioid_acting = "yes"\n',
            "opioid_acting must be true or false (found text); the default for this name is "
            "used: opioid",
        ),
        (
            '[[substances]]\nname = "magnesium"\nopioid_acting = 1\n',
            "(found a whole number); the default for this name is used: not classified",
        ),
        (
            "theme = 3\n",
            "theme must be one of dark, light (found a whole number); the default, dark, is used",
        ),
        ('birth_year = "1968"\n', "(found text); the default is used: none"),
        (
            '[steps]\nsleep = "no"\n',
            "steps.sleep must be true or false (found text); the default is used: asked",
        ),
        ("substances = 3\n", "none is listed"),
    ],
)
def test_a_wrong_type_in_settings_names_the_default_used(
    tmp_path: Path, text: str, words: str
) -> None:
    from fatiguelog.settings import load_settings

    write_settings(tmp_path, text)
    settings, problems = load_settings(tmp_path)
    assert [words in p.message for p in problems] == [True], problems
    assert settings.is_opioid_acting("kratom")  # a typo never switches the opioid rules off


def test_settings_a_bom_a_pipe_and_a_deep_file(tmp_path: Path) -> None:
    from fatiguelog.settings import load_settings

    path = tmp_path / "settings.toml"
    path.write_bytes(b'\xef\xbb\xbftheme = "light"\n')
    assert load_settings(tmp_path)[0].theme == "light"
    path.write_text("x = " + "[" * 40 + "]" * 40)
    assert "nested deeper" in load_settings(tmp_path)[1][0].message
    path.unlink()
    os.mkfifo(path)
    settings, problems = load_settings(tmp_path)  # never hangs
    assert settings.theme == "dark" and "a pipe" in problems[0].message


async def test_a_settings_problem_is_said_on_the_home_screen(tmp_path: Path) -> None:
    """(it used to stop the app at start: the message came before home had its lines)"""
    from tests.ui.conftest import wait_for_home

    root = tmp_path / "data"
    root.mkdir()
    write_settings(root, "theme = 3\n")
    app = make_app(root, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        said = str(app.screen.query_one("#home-message").render())
    assert "theme must be one of dark, light" in said and "dark, is used" in said


# -- the CSV guard -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", [" =1+1", "\t=1+1", "\r=1+1", "  \t -2+3", "=1", "@SUM(A1)", "\n+1"]
)
def test_the_csv_guard_covers_leading_white_space(text: str) -> None:
    from fatiguelog.export.csv_export import guard

    assert guard(text).startswith("'")


def test_the_csv_guard_leaves_plain_text_alone() -> None:
    from fatiguelog.export.csv_export import guard

    assert guard(" leaf powder") == " leaf powder" and guard("a=b") == "a=b"
