"""`fatiguelog remind install|uninstall` and `remind --notify`.

No test runs the real `systemctl` or `notify-send`: PATH holds only fakes that record how they
were called (and `install` finds programs on PATH, so a missing fake is a missing program).
"""

from __future__ import annotations

import os
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from fatiguelog import reminders
from fatiguelog.model import Entry, is_checked_in
from fatiguelog.state import read_last_export, read_last_reminder, remember_export
from tests.conftest import snapshot_tree

TODAY = date.today()


class Fakes:
    def __init__(self, folder: Path):
        self.bin = folder / "bin"
        self.bin.mkdir()
        self.log = folder / "calls.log"

    def add(self, name: str, code: int = 0, say: str = "") -> None:
        script = self.bin / name
        script.write_text(
            f'#!/bin/sh\necho "{name} $*" >> "{self.log}"\n'
            f"{f'echo {say!r} >&2' if say else ''}\nexit {code}\n"
        )
        script.chmod(script.stat().st_mode | stat.S_IXUSR)

    def calls(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []


@pytest.fixture
def fakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Fakes:
    found = Fakes(tmp_path)
    monkeypatch.setenv("PATH", str(found.bin))  # nothing real can be found, ever
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return found


def units(tmp_path: Path) -> Path:
    return tmp_path / "config" / "systemd" / "user"


# -- install / uninstall ---------------------------------------------------------------------


def test_install_writes_the_timer_and_enables_it(
    cli, fakes: Fakes, tmp_path: Path, data_dir: Path
) -> None:
    fakes.add("systemctl")
    fakes.add("notify-send")
    result = cli("remind", "install")
    assert result.code == 0, result.err
    timer = (units(tmp_path) / "fatiguelog-remind.timer").read_text()
    service = (units(tmp_path) / "fatiguelog-remind.service").read_text()
    assert "OnCalendar=*-*-* 19:00:00" in timer and "Persistent=true" in timer
    assert "WantedBy=timers.target" in timer
    exec_line = next(line for line in service.splitlines() if line.startswith("ExecStart="))
    program = exec_line.removeprefix("ExecStart=").split()[0]
    assert os.path.isabs(program)
    # The data folder chosen through FATIGUELOG_DATA_DIR goes with it: a timer has no shell.
    assert exec_line.endswith(f"--data-dir {data_dir} remind --notify")
    assert fakes.calls() == [
        "systemctl --user daemon-reload",
        "systemctl --user enable --now fatiguelog-remind.timer",
    ]
    assert "A daily reminder at 19:00 is on" in result.out


def test_install_always_passes_the_data_folder_it_uses(
    cli, fakes: Fakes, tmp_path: Path, monkeypatch
) -> None:
    # Set only through XDG_DATA_HOME, which a systemd user unit does not get from the shell:
    # the unit must still read the same folder (report-15a, 12).
    monkeypatch.delenv("FATIGUELOG_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    fakes.add("systemctl")
    assert cli("remind", "install").code == 0
    service = (units(tmp_path) / "fatiguelog-remind.service").read_text()
    assert service.rstrip().endswith(
        f"--data-dir {tmp_path / 'xdg-data' / 'fatiguelog'} remind --notify"
    )


def test_an_odd_data_folder_is_quoted_for_systemd(fakes: Fakes, tmp_path: Path) -> None:
    fakes.add("systemctl")
    odd = tmp_path / "my 100% data $HOME"
    outcome = reminders.install(odd)
    assert outcome.failure is None
    service = (units(tmp_path) / "fatiguelog-remind.service").read_text()
    assert f'"{str(odd).replace("%", "%%").replace("$", "$$")}"' in service
    assert "crontab" not in "\n".join(outcome.said)


def test_a_failing_systemctl_is_one_line_and_offers_cron(cli, fakes: Fakes) -> None:
    fakes.add("systemctl", code=1, say="Failed to connect to bus: No medium found")
    result = cli("remind", "install")
    assert result.code == 1
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert "daemon-reload' failed: Failed to connect to bus" in result.err
    assert "* * * DBUS_SESSION_BUS_ADDRESS=" in result.out and "remind --notify" in result.out


def test_without_systemd_it_prints_the_crontab_line(
    cli, fakes: Fakes, tmp_path: Path, data_dir: Path
) -> None:
    result = cli("remind", "install")  # no systemctl on PATH
    assert result.code == 0
    assert "crontab -e" in result.out
    line = result.out.strip().splitlines()[-1]
    assert line.startswith("0 19 * * * ")
    assert line.endswith(f"--data-dir {data_dir} remind --notify")
    assert not units(tmp_path).exists()
    assert fakes.calls() == []


def test_uninstall_removes_the_files_and_stops_the_timer(cli, fakes: Fakes, tmp_path: Path) -> None:
    fakes.add("systemctl")
    assert cli("remind", "install").code == 0
    result = cli("remind", "uninstall")
    assert result.code == 0, result.err
    assert not (units(tmp_path) / "fatiguelog-remind.timer").exists()
    assert not (units(tmp_path) / "fatiguelog-remind.service").exists()
    assert fakes.calls()[-2:] == [
        "systemctl --user disable --now fatiguelog-remind.timer",
        "systemctl --user daemon-reload",
    ]
    again = cli("remind", "uninstall")
    assert again.code == 0 and "No reminder timer was installed" in again.out


def test_remind_install_with_notify_is_wrong_usage(cli, fakes: Fakes) -> None:
    result = cli("remind", "install", "--notify")
    assert result.code == 2 and result.err.count("\n") == 1


# -- remind --notify: never nags --------------------------------------------------------------


def write_today(root: Path, **doc) -> None:
    from fatiguelog.store import Store

    Store(root).save(Entry(TODAY, {"schema": 1, "date": TODAY, **doc}), expected=True)


def test_notify_at_most_once_a_day(cli, fakes: Fakes, data_dir: Path) -> None:
    fakes.add("notify-send")
    first = cli("remind", "--notify")
    assert first.code == 0 and first.out == ""
    [call] = fakes.calls()
    assert call.startswith("notify-send --app-name=fatiguelog fatiguelog No check-in yet today")
    assert read_last_reminder(data_dir) == TODAY
    assert cli("remind", "--notify").code == 0
    assert len(fakes.calls()) == 1


def test_notify_is_silent_after_a_check_in(cli, fakes: Fakes, data_dir: Path) -> None:
    fakes.add("notify-send")
    write_today(data_dir, symptoms={"fatigue": 6})
    assert cli("remind", "--notify").code == 0
    assert fakes.calls() == []


def test_shell_logged_items_alone_are_not_a_check_in(cli, fakes: Fakes, data_dir: Path) -> None:
    fakes.add("notify-send")
    assert cli("log", "stool", "4").code == 0
    assert cli("log", "dose", "kratom", "2", "g").code == 0
    assert cli("remind", "--notify").code == 0
    assert len(fakes.calls()) == 1


def test_notify_is_silent_on_a_crash_day(cli, fakes: Fakes, data_dir: Path) -> None:
    fakes.add("notify-send")
    write_today(data_dir, symptoms={"crash": True})
    assert cli("remind", "--notify").code == 0
    assert fakes.calls() == []
    assert read_last_reminder(data_dir) is None


def test_notify_a_day_later_speaks_again(fakes: Fakes, data_dir: Path) -> None:
    fakes.add("notify-send")
    assert reminders.notify(data_dir, TODAY - timedelta(days=1)) == reminders.Outcome([])
    assert reminders.notify(data_dir, TODAY) == reminders.Outcome([])
    assert len(fakes.calls()) == 2


def test_notify_without_notify_send_prints_the_line_once(cli, fakes: Fakes) -> None:
    first = cli("remind", "--notify")
    assert first.code == 0 and "No check-in yet today" in first.out
    assert cli("remind", "--notify").out == ""


def test_a_failed_notification_is_said_and_tried_again(cli, fakes: Fakes, data_dir: Path) -> None:
    fakes.add("notify-send", code=1, say="cannot open display")
    result = cli("remind", "--notify")
    assert result.code == 1 and result.out == ""
    assert result.err == (
        "fatiguelog: notify-send failed (exit 1: cannot open display), so no "
        "reminder was shown; the next run tries again.\n"
    )
    assert read_last_reminder(data_dir) is None  # not counted: the next run may reach you
    assert len(fakes.calls()) == 1


def test_a_crash_answer_alone_is_not_a_check_in(cli, fakes: Fakes, data_dir: Path) -> None:
    fakes.add("notify-send")
    write_today(data_dir, symptoms={"crash": False})
    assert cli("remind", "--notify").code == 0
    assert len(fakes.calls()) == 1  # reminded: an imported "no crash" is not a check-in
    assert "no check-in yet today" in cli("remind").out  # the same rule as home's


@pytest.mark.parametrize(
    ("verb", "name"),
    [("install", "fatiguelog-remind.timer"), ("uninstall", "fatiguelog-remind.service")],
)
def test_a_hand_written_unit_is_never_replaced_or_removed(
    cli, fakes: Fakes, tmp_path: Path, verb: str, name: str
) -> None:
    fakes.add("systemctl")
    units(tmp_path).mkdir(parents=True)
    mine = "[Timer]\nOnCalendar=daily\n"
    (units(tmp_path) / name).write_text(mine)
    result = cli("remind", verb)
    assert result.code == 1
    assert result.err.startswith(
        f"fatiguelog: {units(tmp_path) / name} was not written by fatiguelog"
    )
    assert result.err.count("\n") == 1
    assert (units(tmp_path) / name).read_text() == mine
    assert fakes.calls() == []


def test_the_state_file_keeps_other_facts(fakes: Fakes, data_dir: Path) -> None:
    fakes.add("notify-send")
    remember_export(data_dir, date(2026, 1, 2))
    reminders.notify(data_dir, TODAY)
    assert read_last_export(data_dir) == date(2026, 1, 2)
    assert read_last_reminder(data_dir) == TODAY


def test_plain_remind_is_unchanged(cli, fakes: Fakes, data_dir: Path) -> None:
    fakes.add("notify-send")
    before = snapshot_tree(data_dir)
    result = cli("remind")
    assert result.code == 0 and result.out.count("\n") == 1
    assert fakes.calls() == [] and snapshot_tree(data_dir) == before


# -- what counts as a check-in ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "checked_in"),
    [
        ({}, False),
        ({"gi": {"stools": [{"bristol": 4}], "no_bowel_movement": False}}, False),
        ({"gi": {"stools": [], "no_bowel_movement": True, "laxative": True}}, False),
        ({"intake": [], "red_flags": {"fever": True}, "imported_from": "x"}, False),
        ({"symptoms": {"fatigue": 3}}, True),
        ({"gi": {"bloating": 2}}, True),
        ({"notes": "tired"}, True),
        ({"symptoms": {"crash": False}}, False),  # an import's "no crash" alone
        ({"symptoms": {"crash": False, "fatigue": 4}}, True),
        ({"a_key_from_a_newer_version": 1}, True),
    ],
)
def test_is_checked_in(doc: dict, checked_in: bool) -> None:
    entry = Entry(TODAY, {"schema": 1, "date": TODAY, "updated": None, **doc})
    assert is_checked_in(entry.doc) is checked_in
