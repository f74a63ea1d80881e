"""`fatiguelog checkin --plain` driven through a pipe, as a screen reader or a script would:
the file it writes is the app's for the same answers (the app driven with Pilot), a red flag's
advice comes before the next question, an empty line skips, `b` goes back, and the end of the
input keeps a draft that the next run resumes."""

from __future__ import annotations

import os
import subprocess
import tomllib
from datetime import date
from pathlib import Path

from fatiguelog import drafts
from fatiguelog.model import RED_ADVICE
from fatiguelog.settings import Settings, Tracker, save_settings
from tests.factories import cli_command, run_cli

from .conftest import make_app, press, read_entry, type_text, write_entry

DAY = date(2026, 11, 20)  # a past day: the same "that day" questions in the app and the pipe


def plain(
    root: Path, answers: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The real command, its standard input a pipe (so plain mode is chosen by itself)."""
    environment = {**os.environ, "XDG_CACHE_HOME": str(root.parent / "cache"), **(env or {})}
    environment.pop("NO_COLOR", None)
    return run_cli(
        root,
        "checkin",
        "--date",
        DAY.isoformat(),
        *args,
        input=answers,
        env=environment,
        timeout=120,
    )


def without_updated(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "updated"}


def with_tracker(root: Path) -> None:
    """One of the user's own questions: plain mode asks what the registry holds."""
    save_settings(
        root, Settings(trackers=(Tracker("dizziness_standing", "Dizziness on standing", "rating"),))
    )


FULL_PLAIN = (
    "\n".join(
        [
            "7",
            "5",
            "",
            "10",  # fatigue, PEM, pain skipped, brain fog
            "y",
            "n",  # unrefreshed, not a crash day
            "4",  # dizziness on standing (the user's own)
            "6,5",
            "3",
            "6",  # hours (a decimal comma), quality, exertion
            "kratom 1.5 g capsules 20:30",
            "",  # one dose, then the list ends
            "2 s i",
            "4 07:15",
            "",
            "y",  # two bowel movements, laxative yes
            "2",
            "",
            "0",
            "3",
            "1200",  # stomach pain, bloating skipped, nausea, fibre, water
            "0",  # no red flags
            "Slept badly",
            "",  # a note
            "y",  # save
        ]
    )
    + "\n"
)


async def test_full_plain_checkin_writes_the_apps_file(root: Path, tmp_path: Path) -> None:
    with_tracker(root)
    done = plain(root, FULL_PLAIN)
    assert done.returncode == 0, done.stderr
    assert "Saved your check-in for Fri 20 Nov 2026." in done.stdout
    from_pipe = read_entry(root, DAY)

    app_root = tmp_path / "app-data"
    with_tracker(app_root)
    app = make_app(app_root, start=("checkin", DAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "7", "enter", "5", "enter", "s", "t", "enter")
        await press(pilot, "y", "enter", "n", "enter", "4", "enter")
        await type_text(pilot, "6,5")
        await press(pilot, "enter", "3", "enter", "6", "enter")
        await press(pilot, "a")
        await type_text(pilot, "kratom")
        await press(pilot, "tab")
        await type_text(pilot, "1.5")
        await press(pilot, "tab")
        await type_text(pilot, "g")
        await press(pilot, "tab")
        await type_text(pilot, "capsules")
        await press(pilot, "tab")
        await type_text(pilot, "20:30")
        await press(pilot, "enter", "enter")
        await press(pilot, "a", "2", "s", "i", "enter", "a", "4", "tab")
        await type_text(pilot, "07:15")
        await press(pilot, "enter", "l", "enter")
        await press(pilot, "2", "enter", "s", "0", "enter")
        await type_text(pilot, "3")
        await press(pilot, "enter")
        await type_text(pilot, "1200")
        await press(pilot, "enter", "n", "enter")  # red flags: none of these
        await type_text(pilot, "Slept badly")
        await press(pilot, "enter", "enter")
    from_app = read_entry(app_root, DAY)
    assert from_pipe["custom"] == {"dizziness_standing": 4}
    assert from_pipe["sleep"] == {"hours": 6.5, "quality": 3}
    assert without_updated(from_pipe) == without_updated(from_app)


async def test_quick_plain_checkin_writes_the_apps_file(root: Path, tmp_path: Path) -> None:
    # fatigue 9, a crash day, no bowel movement (laxative skipped), blood in stool, save
    done = plain(root, "9\ny\nn\n\n1\ny\n", "--quick")
    assert done.returncode == 0, done.stderr
    assert "Quick check-in for Fri 20 Nov 2026, plain mode: 4 questions" in done.stdout
    app_root = tmp_path / "app-data"
    app = make_app(app_root, start=("checkin", DAY, True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "9", "enter", "y", "enter", "n", "enter", "1", "enter")
    from_pipe = read_entry(root, DAY)
    assert from_pipe["gi"] == {"stools": [], "no_bowel_movement": True}
    assert without_updated(from_pipe) == without_updated(read_entry(app_root, DAY))


def test_every_question_says_its_scale_and_plain_text_only(root: Path) -> None:
    done = plain(root, "\n" * 40)
    lines = done.stdout.splitlines()
    assert "1/18 Fatigue: 0 = none, 10 = worst imaginable (higher is worse)." in lines[2]
    assert any(
        line.startswith("8/18 Sleep quality: 0 = very poor, 10 = excellent (higher is better).")
        for line in lines
    )
    assert "\x1b" not in done.stdout + done.stderr  # no colour, no cursor movement
    assert "Nothing was answered, so nothing was saved." in done.stdout
    assert not (root / "entries").exists()


def test_red_flag_advice_comes_before_the_next_question(root: Path) -> None:
    done = plain(root, "8\ny\nn\n\n1 6\ny\n", "--quick")
    out = done.stdout
    advice = out.index(RED_ADVICE["blood_in_stool"])
    assert out.index("RED FLAG: you reported blood in stool, fever.") < advice
    assert out.index(RED_ADVICE["fever"]) > advice  # graded: bleeding first
    assert advice < out.index("Your answers for Fri 20 Nov 2026:")  # before what comes next
    doc = read_entry(root, DAY)
    assert doc["red_flags"]["blood_in_stool"] is True and doc["red_flags"]["fever"] is True


def test_empty_line_skips_and_keeps_what_the_file_had(root: Path) -> None:
    write_entry(root, DAY, symptoms={"fatigue": 4, "pain": 2}, notes="old note")
    done = plain(root, "\n6\n\n\ny\n", "--quick")  # fatigue kept, crash 6?? refused
    assert "Saved before: 4 of 10; Enter keeps it." in done.stdout
    assert "Type y for yes or n for no" in done.stderr  # "6" is no yes/no answer: stopped
    assert done.returncode == 1
    doc = read_entry(root, DAY)
    assert doc["symptoms"] == {"fatigue": 4, "pain": 2}
    assert doc["notes"] == "old note"


def test_bad_input_is_said_and_never_falsified(root: Path) -> None:
    """Through a pipe the check-in stops at a refused answer (asking again would read the
    next question's answer); at a terminal it is asked again (tests/ui/test_report15_plain)."""
    done = plain(root, "35\n7,5\n3\n", "--quick")
    assert "'35' is not a rating: type a whole number from 0 to 10" in done.stderr
    assert drafts.load_draft(root, DAY) is None
    done = plain(root, "7,5\n3\n", "--quick")
    assert "'7,5' is not a rating" in done.stderr
    assert drafts.load_draft(root, DAY) is None


def test_b_goes_back_one_question(root: Path) -> None:
    done = plain(root, "b\n7\nb\n3\nn\nb\n\n\n\n\ny\n", "--quick")
    assert "This is the first question." in done.stdout
    assert done.returncode == 0, done.stderr
    doc = read_entry(root, DAY)
    assert doc["symptoms"] == {"fatigue": 3, "crash": False}  # 7 changed to 3 going back


def test_b_on_the_summary_goes_back_and_n_keeps_a_draft(root: Path) -> None:
    done = plain(root, "5\n\n\n\n\nb\n\nn\n", "--quick")
    assert done.stdout.count("Your answers for Fri 20 Nov 2026:") == 2
    assert "Not saved. Your answers are kept as a draft" in done.stdout
    assert not (root / "entries").exists()
    assert drafts.load_draft(root, DAY).answers == {"fatigue": 5}


def test_end_of_input_keeps_a_draft_and_the_next_run_resumes(root: Path) -> None:
    first = plain(root, "7\n5\n")
    assert first.returncode == 1
    assert first.stderr.count("\n") == 1
    assert "your 2 answers are kept as a draft" in first.stderr
    assert "'fatiguelog checkin --plain --date 2026-11-20' goes on from there" in first.stderr
    assert drafts.load_draft(root, DAY).answers == {"fatigue": 7, "pem": 5}
    # Enter resumes at the third question; the rest skipped, then saved.
    second = plain(root, "\n" + "\n" * 17 + "y\n")  # 16 questions, the laxative, then y
    assert "You have an unfinished check-in for Fri 20 Nov 2026" in second.stdout
    assert "3/18 Pain" in second.stdout and "1/18 Fatigue" not in second.stdout
    assert second.returncode == 0, second.stderr
    assert read_entry(root, DAY)["symptoms"] == {"fatigue": 7, "pem": 5}
    assert drafts.load_draft(root, DAY) is None


def test_a_file_changed_meanwhile_is_merged_as_the_app_does(root: Path) -> None:
    """`fatiguelog log stool` ran while the plain check-in was open: both are kept."""
    stdin_r, stdin_w = os.pipe()
    env = {**os.environ, "XDG_CACHE_HOME": str(root.parent / "cache")}
    proc = subprocess.Popen(
        cli_command(root, "checkin", "--date", DAY.isoformat(), "--quick"),
        stdin=stdin_r,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    os.close(stdin_r)
    with os.fdopen(stdin_w, "w") as answers:
        answers.write("6\n")
        answers.flush()
        assert proc.stdout is not None
        seen = ""
        while "2/4" not in seen:  # the check-in has read the day's file (a prompt: no \n)
            char = proc.stdout.read(1)
            assert char, f"the check-in ended early: {seen}"
            seen += char
        logged = run_cli(root, "log", "stool", "3", "--date", DAY.isoformat(), env=env)
        assert logged.returncode == 0, logged.stderr
        answers.write("\n4\n\n\n\ny\n")
    out, err = proc.communicate(timeout=120)
    out = seen + out
    assert proc.returncode == 0, err
    assert (
        "Kept what changed on disk meanwhile (another terminal?): 1 bowel movement "
        "added elsewhere." in out
    )
    doc = tomllib.loads((root / "entries" / "2026" / "2026-11-20.toml").read_text())
    assert doc["symptoms"] == {"fatigue": 6}
    assert sorted(s["bristol"] for s in doc["gi"]["stools"]) == [3, 4]
