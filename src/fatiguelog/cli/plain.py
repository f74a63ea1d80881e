"""`fatiguelog checkin --plain`: the check-in as numbered plain lines, for screen readers,
braille displays, `TERM=dumb` and pipes.

The same questions (`checkin.steps_for`, from the vocabulary), the same draft and the same
merge on save as the app (`checkin_session.CheckinSession`, which imports no Textual), the same
rules for what is typed (`RatingStep.parse`, `NumberStep.parse`, `records.make_dose`,
`records.make_stool`). Only the way of asking differs: one question per line, each saying its
scale; an empty line skips (an answer given before stays); `b` goes back one question; lists
(doses, bowel movements) take one item per line and end with an empty line. Nothing here moves
the cursor or colours anything: every line is plain text, so it reads the same in a braille
display, a screen reader, a log file or a pipe.

Chosen by `--plain`, and automatically when standard input or output is not a terminal or
`TERM=dumb` (`wants_plain`).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from fatiguelog.cli import EXIT_OK, UserError, past_day, today_for
from fatiguelog.wording import plural, verb


def wants_plain(
    args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> bool:
    """Plain mode: asked for, or the app could not work here (input or output is not a
    terminal, or the terminal says it can do nothing: `TERM=dumb`)."""
    if getattr(args, "plain", False):
        return True
    if os.environ.get("TERM", "") == "dumb":
        return True
    for stream in (stdin or sys.stdin, stdout or sys.stdout):
        try:
            if not stream.isatty():
                return True
        except (AttributeError, ValueError):  # closed or not a real stream
            return True
    return False


def run_plain(
    args: argparse.Namespace, root: Path, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    from fatiguelog.settings import load_settings

    today = today_for(root)
    day = past_day(args.date, today)
    settings, problems = load_settings(root)
    plain = PlainIO(stdin or sys.stdin, stdout or sys.stdout)
    for problem in problems[:1]:  # as home says it: the first one
        plain.say(f"Settings: {problem}.")
    return PlainCheckin(plain, root, settings, day, today, bool(args.quick)).run()


class EndOfInput(Exception):
    """Standard input ended (Ctrl-D, or the end of a pipe)."""


class Refused(Exception):
    """An answer refused when input is not typed at a terminal (a pipe, a file): asking again
    would take the next line, meant for the next question, as this one's answer and shift
    every later answer onto the wrong question. The check-in stops there instead."""


class GoBack(Exception):
    """`b`: back to the question before."""


#: What goes back one question, typed alone on a line.
BACK_WORDS = frozenset({"b", "back"})
YES_WORDS = frozenset({"y", "yes"})
NO_WORDS = frozenset({"n", "no"})
NONE_WORDS = frozenset({"none", "n", "no", "0", "nothing"})


def sentence(text: str) -> str:
    """`text` ending as a sentence does, so the next words read as a new one."""
    text = text.strip()
    return text if not text or text[-1] in ".?!:" else f"{text}."


class PlainIO:
    """Lines out, lines in: nothing else ever reaches the terminal."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin = stdin
        self.stdout = stdout
        try:
            self.echo = not stdin.isatty()  # a pipe: show the answer read, as a terminal would
        except (AttributeError, ValueError):
            self.echo = True
        #: A person typing at a terminal: a refused answer is asked again. Otherwise (a pipe)
        #: the first refused answer stops the check-in (`PlainCheckin.refuse`).
        self.interactive = not self.echo

    def say(self, text: str = "") -> None:
        from fatiguelog.textsafe import strip_controls

        for line in text.split("\n"):
            self.stdout.write(strip_controls(line, one_line=True) + "\n")
        self.stdout.flush()

    def ask(self, prompt: str) -> str:
        """One line typed after `prompt` (without its line break, control characters removed,
        spaces trimmed); EndOfInput when there is none; GoBack on `b`."""
        from fatiguelog.textsafe import strip_controls

        self.stdout.write(strip_controls(prompt, one_line=True) + " ")
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            # The prompt's line ends here: Ctrl-D at a terminal echoes no line break, and
            # the message that follows (on standard error) must start on a line of its own.
            self.stdout.write("\n")
            self.stdout.flush()
            raise EndOfInput
        text = strip_controls(line.rstrip("\r\n"), one_line=True).strip()
        if self.echo:
            self.stdout.write(text + "\n")
            self.stdout.flush()
        if text.casefold() in BACK_WORDS:
            raise GoBack
        return text


class PlainCheckin:
    """One check-in asked line by line; the answers go through a `CheckinSession`."""

    def __init__(
        self, io: PlainIO, root: Path, settings: Any, day: date, today: date, quick: bool
    ) -> None:
        self.io = io
        self.root = root
        self.settings = settings
        self.day = day
        self.today = today
        self.quick = quick
        self.day_word = "today" if day == today else "that day"

    # -- the whole check-in ----------------------------------------------------------------
    def run(self) -> int:
        from fatiguelog.checkin_session import CannotEdit, CheckinSession
        from fatiguelog.dayactions import draft_to_offer, start_after_offer

        draft = draft_to_offer(self.root, self.day)
        quick = self.quick
        if draft is not None:
            try:
                start = start_after_offer(
                    self.root, self.day, quick, draft, self.offer_draft(draft)
                )
            except (EndOfInput, GoBack):
                self.io.say("Nothing changed: your unfinished check-in is kept as a draft.")
                return EXIT_OK
            except Refused as exc:
                raise UserError(
                    f"Stopped at {str(exc).removesuffix('.')}. Nothing changed: "
                    "your unfinished check-in is kept as a draft."
                ) from None
            # (resumed as it was begun, or started over: the same decision as the app's)
            quick, draft = (start.quick, start.draft) if start else (quick, None)
        try:
            self.session = CheckinSession(self.root, self.settings, self.day, quick, draft)
        except CannotEdit as exc:
            raise UserError(str(exc)) from None
        from fatiguelog import checkin

        self.questions = [s for s in self.session.steps if not isinstance(s, checkin.ReviewStep)]
        self.introduce(resumed=draft is not None)
        try:
            return self.walk()
        except EndOfInput:
            return self.stopped("Input ended")
        except Refused as exc:
            return self.stopped_at(str(exc))
        except KeyboardInterrupt:
            self.stopped("Interrupted")
            return 130

    def refuse(self, message: str) -> None:
        """An answer that is not one: said, and asked again, to a person at a terminal; from a
        pipe, the check-in stops here (`Refused`), naming the question and what it accepts."""
        if self.io.interactive:
            self.io.say(message)
            return
        raise Refused(f"{self.asking}: {message}")

    #: The question being asked, as a refusal names it ("question 1/14 (Fatigue)").
    asking = "the unfinished check-in"

    def offer_draft(self, draft: Any) -> str:
        """Resume the draft (Enter or y: `RESUME`), start over (x, asked first:
        `START_OVER`), or leave (n: EndOfInput)."""
        from fatiguelog.dayactions import RESUME, START_OVER

        when = f", last changed at {draft.saved:%H:%M}" if draft.saved else ""
        self.io.say(
            f"You have an unfinished check-in for {draft.day:%a %d %b %Y}{when}, with "
            f"{plural(len(draft.answers), 'answer')}."
        )
        while True:
            typed = self.io.ask(
                "Resume it where you left off? y or Enter resumes, n leaves it "
                "for now, x starts over (asks first):"
            ).casefold()
            if typed in ("", "y", "yes", "r"):
                return RESUME
            if typed in NO_WORDS:
                raise EndOfInput
            if typed == "x":
                them = plural(len(draft.answers), "answer")
                sure = self.io.ask(
                    f"Drop the {them} of this unfinished check-in and start over? y or n:"
                ).casefold()
                if sure in YES_WORDS:
                    return START_OVER
                continue
            self.refuse("Type y to resume, n to leave it for now, or x to start over.")

    def introduce(self, resumed: bool) -> None:
        session = self.session
        kind = "Quick check-in" if session.quick else "Check-in"
        editing = " (editing the saved day)" if session.existing else ""
        count = len(self.questions)
        self.io.say(
            f"{kind} for {self.day:%a %d %b %Y}{editing}, plain mode: {count} "
            "questions, then your answers to check before saving."
        )
        note = self.day_boundary_note()
        if note:
            self.io.say(note)
        self.io.say(
            "Type each answer and press Enter. An empty line skips a question (an "
            "answer given before is kept); b goes back one question; Ctrl-D stops "
            "and keeps your answers as a draft."
        )
        if resumed:
            self.io.say("Resuming where you left off.")

    def day_boundary_note(self) -> str:
        """Why "today" is not the calendar's day (the same words as the app)."""
        from fatiguelog import dates

        start = self.settings.day_starts_at
        now = datetime.now()
        if self.day != self.today or start == dates.MIDNIGHT or now.date() == self.day:
            return ""
        return (
            f"It is {now:%H:%M} and your day starts at {start:%H:%M}, so this is still "
            f"{self.day:%A %d %B}'s check-in."
        )

    def walk(self) -> int:
        session = self.session
        step_ids = [s.id for s in self.questions]
        pos = step_ids.index(session.step.id) if session.step.id in step_ids else len(step_ids)
        while True:
            if pos >= len(self.questions):
                chosen = self.review()
                if chosen == "save":
                    return self.save()
                if chosen == "stop":
                    return self.not_saved()
                pos = len(self.questions) - 1
            else:
                try:
                    self.ask_step(self.questions[pos], pos)
                    pos += 1
                except GoBack:
                    if pos == 0:
                        self.io.say("This is the first question.")
                        continue
                    pos -= 1
            if pos < len(self.questions):
                session.move(session.steps.index(self.questions[pos]))
            else:
                session.move(len(session.steps) - 1)  # the review (or the last quick step)

    def not_saved(self) -> int:
        """`n` on the summary: nothing written but the draft, and the way back said."""
        self.session.save_draft()
        if self.session.draft_error is not None:
            raise UserError(
                f"Not saved, and the draft could not be written: {self.session.draft_error}"
            )
        self.io.say(
            f"Not saved. Your answers are kept as a draft; {self.again()} goes on from there."
        )
        return EXIT_OK

    def again(self) -> str:
        """The command that resumes this check-in."""
        day = "" if self.day == self.today else f" --date {self.day.isoformat()}"
        return f"'fatiguelog checkin --plain{day}'"

    def stopped_at(self, why: str) -> int:
        """Input from a pipe refused at one question: what was accepted before it stays a
        draft (nothing after it was read), and one line says where and what is accepted."""
        why = why.removesuffix(".")
        kept, error = self._keep_what_was_answered()
        if not kept:
            raise UserError(
                f"Stopped at {why}. Nothing was answered before it, so nothing was kept."
            )
        if error is not None:
            raise UserError(f"Stopped at {why}. The draft could not be written: {error}")
        raise UserError(
            f"Stopped at {why}. Your {plural(kept, 'answer')} before it "
            f"{verb(kept, 'is', 'are')} kept as a draft; {self.again()} goes on "
            "from there."
        )

    def stopped(self, why: str) -> int:
        """Input ended mid-way: the answers stay in the draft, and this says so."""
        kept, error = self._keep_what_was_answered()
        if not kept:
            raise UserError(
                f"{why} before the check-in was finished; nothing was answered, "
                "so nothing was kept."
            )
        if error is not None:
            raise UserError(
                f"{why} before the check-in was saved, and the draft could not be written: {error}"
            )
        raise UserError(
            f"{why} before the check-in was saved: your "
            f"{plural(kept, 'answer')} {verb(kept, 'is', 'are')} kept as a "
            "draft; "
            f"{self.again()} goes on from there."
        )

    def _keep_what_was_answered(self) -> tuple[int, str | None]:
        """The one rule for a check-in cut short: no answer, no draft; else the draft is
        written. (answers kept, why the draft could not be written)."""
        session = self.session
        if not session.answers:
            session.discard()
            return 0, None
        session.save_draft()
        error = session.draft_error
        return len(session.answers), None if error is None else str(error)

    # -- one question ----------------------------------------------------------------------
    def ask_step(self, step: Any, pos: int) -> None:
        from fatiguelog import checkin

        asked = step.about(self.day_word)
        number = f"{pos + 1}/{len(self.questions)}"
        self.asking = f"question {number} ({asked.short})"
        ways: list[tuple[type, Callable[[Any, str], None]]] = [
            (checkin.RatingStep, self.ask_rating),
            (checkin.YesNoStep, self.ask_yesno),
            (checkin.NumberStep, self.ask_number),
            (checkin.IntakeStep, self.ask_intake),
            (checkin.StoolsStep, self.ask_stools),
            (checkin.RedFlagsStep, self.ask_red_flags),
            (checkin.NotesStep, self.ask_notes),
        ]
        for kind, way in ways:
            if isinstance(step, kind):
                way(asked, number)
                return
        raise AssertionError(f"no plain question for a step of kind {step.kind}")

    def before(self, step: Any) -> str:
        """The answer this question has now, and that Enter keeps ("" when none)."""
        from fatiguelog import checkin

        session = self.session
        if step.id in session.answers:
            return (
                f" Your answer: {checkin.describe(step, session.answers[step.id])}; Enter keeps it."
            )
        kept = checkin.current_value(step, session.base)
        if kept is not None and step.is_answer(kept):
            return f" Saved before: {checkin.describe(step, kept)}; Enter keeps it."
        found = checkin.unusable_said(step, session.base)
        return f" {found}; type an answer, or Enter leaves the file as it is." if found else ""

    def ask_value(self, step: Any, prompt: str, read: Callable[[str], Any]) -> None:
        """Ask until the line is an answer (`read` raises InputError with the sentence that
        says what is accepted) or empty (no change)."""
        from fatiguelog.records import InputError

        while True:
            typed = self.io.ask(prompt)
            if not typed:
                return
            try:
                value = read(typed)
            except InputError as exc:
                self.refuse(str(exc))
                continue
            self.session.answer(step, value)
            return

    def ask_rating(self, step: Any, number: str) -> None:
        from fatiguelog.records import InputError

        def read(typed: str) -> int:
            try:
                return int(step.parse(typed))
            except InputError:
                raise InputError(
                    f"'{typed}' is not a rating: type a whole number from 0 to "
                    "10 (or an empty line to skip)."
                ) from None

        self.ask_value(
            step, f"{number} {step.title}: {step.scale}.{self.before(step)} Rating 0-10:", read
        )

    def ask_yesno(self, step: Any, number: str) -> None:
        from fatiguelog.records import InputError

        def read(typed: str) -> bool:
            if typed.casefold() in YES_WORDS:
                return True
            if typed.casefold() in NO_WORDS:
                return False
            raise InputError("Type y for yes or n for no (or an empty line to skip).")

        help_text = f" {sentence(step.help)}" if step.help else ""
        said = "" if "y or n" in help_text or "y for yes" in help_text else " y or n:"
        self.ask_value(step, f"{number} {step.title}{help_text}{self.before(step)}{said}", read)

    def ask_number(self, step: Any, number: str) -> None:
        help_text = f" {sentence(step.help)}" if step.help else ""
        unit = f" ({step.unit_label})" if step.unit_label else ""
        self.ask_value(
            step,
            f"{number} {sentence(step.title)}{help_text}{self.before(step)} Number{unit}:",
            step.parse,
        )

    def ask_red_flags(self, step: Any, number: str) -> None:
        from fatiguelog.model import RED_FLAGS, red_advice
        from fatiguelog.records import InputError

        keys = list(RED_FLAGS)
        self.io.say(
            f"{number} {step.title} Type the number of each one that happened "
            f"{self.day_word} (e.g. 1 6), or 0 for none of them.{self.before(step)}"
        )
        for n, key in enumerate(keys, 1):
            self.io.say(f"  {n} {RED_FLAGS[key]}")

        def read(typed: str) -> dict[str, bool]:
            words = typed.replace(",", " ").split()
            if [w.casefold() for w in words] in (["0"], ["none"], ["n"], ["no"]):
                return dict.fromkeys(keys, False)
            if not words or not all(
                w.isascii() and w.isdigit() and 1 <= int(w) <= 7 for w in words
            ):
                raise InputError(
                    "Type the numbers of those that happened, from 1 to 7 (e.g. "
                    "1 6), 0 for none, or an empty line to skip."
                )
            chosen = {keys[int(w) - 1] for w in words}
            return {key: key in chosen for key in keys}

        self.ask_value(step, "Numbers, or 0 for none:", read)
        value = self.session.answers.get(step.id)
        ticked = [key for key in keys if value and value.get(key)]
        if ticked:
            # At once, before the next question: the app shows it as the box is checked.
            names = ", ".join(RED_FLAGS[key].lower() for key in ticked)
            self.io.say(f"RED FLAG: you reported {names}.")
            for advice in red_advice(ticked):
                self.io.say(f"! {advice}")

    def ask_notes(self, step: Any, number: str) -> None:
        from fatiguelog.textsafe import strip_controls

        self.io.say(
            f"{number} {step.title} {sentence(step.help)} One or more lines; an empty "
            f"line ends the note.{self.before(step)}"
        )
        lines: list[str] = []
        while True:
            typed = self.io.ask("Note:" if not lines else "More (empty line ends):")
            if not typed:
                break
            lines.append(typed)
        if lines:
            text = strip_controls("\n".join(lines))
            self.session.answer(step, text)

    # -- lists: one item per line ------------------------------------------------------------
    def start_list(self, step: Any, number: str, how: str) -> tuple[list[dict] | None, bool]:
        """Say the question and what is listed now. Returns (None: the question is skipped
        and kept as it is, else the items the list starts from; whether the user chose to
        keep or empty a list already there)."""
        from fatiguelog import checkin

        session = self.session
        self.io.say(f"{number} {sentence(step.title)} {how}")
        shown = session.shown_value(step)
        items = step.items(shown)
        if not items:
            before = self.before(step)  # "none today" or "nothing taken", answered before
            if before:
                self.io.say(before.strip())
            return [], False
        said = "; ".join(self.describe_item(step, item) for item in items)
        if step.id in session.answers:
            source, enter = "Listed so far", "Enter keeps them as they are"
        elif checkin.current_value(step, session.base) is not None:
            source, enter = "Saved before", "Enter keeps them as they are"
        else:
            offered = session.intake_source()
            source = f"Offered from {offered:%a %d %b}" if offered else "Offered"
            enter = "Enter skips (nothing recorded)"
        self.io.say(f"{source}: {said}.")
        while True:
            typed = self.io.ask(
                f"y keeps them and lets you add more, n starts an empty list, {enter}:"
            ).casefold()
            if not typed:
                return None, False
            if typed in YES_WORDS:
                return [dict(item) for item in items], True
            if typed in NO_WORDS:
                return [], True
            self.refuse("Type y to keep the list, n to start an empty one, or an empty line.")

    def describe_item(self, step: Any, item: dict) -> str:
        from fatiguelog import checkin

        if isinstance(step, checkin.IntakeStep):
            return checkin.describe_dose(item)
        return checkin.describe_stool(item)

    def ask_intake(self, step: Any, number: str) -> None:
        from fatiguelog.model import UNITS
        from fatiguelog.records import InputError

        items, started = self.start_list(
            step,
            number,
            f"{step.help} One dose per line: substance, amount, unit "
            f"({', '.join(UNITS)}), then if you like a form and a time, e.g. 'kratom 2.5 g "
            f"leaf powder 08:30'. An empty line ends the list; none = nothing taken "
            f"{self.day_word}.",
        )
        if items is None:
            return
        while True:
            typed = self.io.ask(f"Dose {len(items) + 1} (empty line ends):")
            if not typed:
                break
            if not items and typed.casefold() in NONE_WORDS:
                started = True
                break
            try:
                dose = self.read_dose(typed)
            except InputError as exc:
                self.refuse(str(exc))
                continue
            items.append(dose)
            started = True
            self.io.say(f"Added: {self.describe_item(step, dose)}.")
            self.session.answer(step, [dict(d) for d in items])
        if started:
            self.session.answer(step, [dict(d) for d in items])
            if not items:
                self.io.say(f"Recorded: nothing taken {self.day_word}.")

    def read_dose(self, typed: str) -> dict:
        """`substance amount unit [form] [HH:MM]`: the same table the app's dose form makes
        (a substance from settings takes its spelling, and its unit when none is typed)."""
        from fatiguelog import records
        from fatiguelog.model import UNITS
        from fatiguelog.records import InputError

        words = typed.split()
        at = next((i for i, w in enumerate(words) if i and re.match(r"[-0-9.,]", w)), None)
        if at is None:
            raise InputError(
                "A dose is its substance, amount and unit, e.g. 'kratom 2.5 g' "
                "(then if you like a form and a time: 'leaf powder 08:30')."
            )
        name = " ".join(words[:at])
        amount = words[at]
        rest = words[at + 1 :]
        moment = ""
        if rest and re.fullmatch(r"[0-9]{1,2}[:.][0-9]{2}|[0-9]{4}", rest[-1]):
            moment = rest.pop()
        known = self.settings.substance(name)
        unit = ""
        if rest and rest[0].casefold() in UNITS:
            unit = rest.pop(0).casefold()
        elif known is not None:
            unit = known.unit
        if not unit:
            raise InputError(
                f"The unit must follow the amount: one of {', '.join(UNITS)} (e.g. 'kratom 2.5 g')."
            )
        if known is not None:
            name = known.name  # one spelling, so trends add up
        return records.make_dose(name, amount, unit, " ".join(rest), moment)

    def ask_stools(self, step: Any, number: str) -> None:
        from fatiguelog.model import STOOL_FLAGS
        from fatiguelog.records import InputError

        letters = ", ".join(f"{flag[0]} {label.lower()}" for flag, label in STOOL_FLAGS.items())
        items, changed = self.start_list(
            step,
            number,
            f"One per line: its Bristol type 1-7 (1 = separate hard lumps, 4 = "
            f"smooth and soft, 7 = watery), then any of {letters}, then if you like the time, "
            f"e.g. '2 s i 07:40'. An empty line ends the list; n = none {self.day_word}.",
        )
        shown = self.session.shown_value(step) or {}
        value: dict[str, Any] | None = None
        if items is not None:
            value = {"stools": items, "no_bowel_movement": False}
            if "laxative" in shown:
                value["laxative"] = shown["laxative"]
            while True:
                typed = self.io.ask(f"Bowel movement {len(items) + 1} (empty line ends):")
                if not typed:
                    break
                if not items and typed.casefold() in NONE_WORDS:
                    value["no_bowel_movement"] = True
                    changed = True
                    self.session.answer(step, dict(value))
                    self.io.say(f"Recorded: no bowel movement {self.day_word}.")
                    break
                try:
                    stool = self.read_stool(typed)
                except InputError as exc:
                    self.refuse(str(exc))
                    continue
                items.append(stool)
                changed = True
                self.io.say(f"Added: {self.describe_item(step, stool)}.")
                self.session.answer(step, dict(value))
            if changed and not value["no_bowel_movement"]:
                self.session.answer(step, dict(value))
            elif not changed:
                value = None  # nothing typed: the answer stays as it was
        self.ask_laxative(step, value)

    def ask_laxative(self, step: Any, value: dict[str, Any] | None) -> None:
        """The bowel-movement step's last part (the app's `l`)."""
        from fatiguelog import checkin

        current = self.session.shown_value(step) or {}
        said = {True: "yes", False: "no", None: ""}.get(current.get("laxative"), "")
        before = f" Now: {said}; Enter keeps it." if said else ""
        while True:
            typed = self.io.ask(
                f"Laxative, enema or suppository {self.day_word}?{before} y or n:"
            ).casefold()
            if not typed:
                return
            if typed in YES_WORDS | NO_WORDS:
                break
            self.refuse("Type y for yes or n for no (or an empty line to skip).")
        if value is None:  # the list was skipped: this check-in's answer, else the file's
            value = self.session.answers.get(step.id) or checkin.current_value(
                step, self.session.base
            )
        answer = dict(value or {"stools": [], "no_bowel_movement": False})
        answer["laxative"] = typed in YES_WORDS
        self.session.answer(step, answer)

    def read_stool(self, typed: str) -> dict:
        """`TYPE [s] [i] [b] [m] [HH:MM]` (or the flags' words): what the app's form makes."""
        from fatiguelog import records
        from fatiguelog.model import STOOL_FLAGS
        from fatiguelog.records import InputError

        words = typed.replace(",", " ").split()
        bristol = words[0] if words else ""
        if not (bristol.isascii() and bristol.isdigit() and 1 <= int(bristol) <= 7):
            raise InputError(
                "Start with the Bristol type, a number from 1 to 7 (e.g. '4', or '2 s i 07:40')."
            )
        flags: dict[str, bool] = {}
        moment = ""
        for word in words[1:]:
            said = word.casefold()
            flag = next((f for f in STOOL_FLAGS if said in (f, f[0])), None)
            if flag is not None:
                flags[flag] = True
            elif not moment and re.match(r"[0-9]", said):
                moment = word
            else:
                letters = ", ".join(f"{f[0]} ({f})" for f in STOOL_FLAGS)
                raise InputError(f"'{word}' is not one of {letters} or a time (HH:MM).")
        return records.make_stool(int(bristol), flags, moment)

    # -- the summary, then saving ----------------------------------------------------------
    def review(self) -> str:
        """Every answer in words, then y/n: "save", "stop" (n: the draft stays) or "back"."""
        from fatiguelog import checkin

        session = self.session
        if not session.answers and not session.existing:
            return "save"  # nothing to check: saving says nothing was saved, as the app does
        answered: list[str] = []
        skipped: list[str] = []
        for step in self.questions:
            label = step.about(self.day_word).short  # "Exertion that day" for a past day
            if step.id in session.answers:
                answered.append(f"{label}: {checkin.describe(step, session.answers[step.id])}")
                continue
            kept = checkin.kept_words(step, session.base)
            if kept is None:
                skipped.append(label)
            else:
                answered.append(f"{label}: {kept}")
        self.io.say(f"Your answers for {self.day:%a %d %b %Y}:")
        for line in answered:
            self.io.say(f"  {line}")
        if skipped:
            self.io.say(f"  Skipped (nothing written): {', '.join(skipped)}")
        while True:
            try:
                typed = self.io.ask(
                    "Save this check-in? y saves, n stops without saving (your "
                    "answers stay a draft), b goes back:"
                ).casefold()
            except GoBack:
                return "back"
            if typed in YES_WORDS:
                return "save"
            if typed in NO_WORDS:
                return "stop"
            self.asking = "the summary"
            self.refuse("Type y to save, n to stop without saving, or b to go back.")

    def save(self) -> int:
        from fatiguelog.model import RED_FLAGS, red_advice
        from fatiguelog.store import StoreError

        session = self.session
        if not session.answers and not session.existing:
            # As the app: an empty file would mark the day as checked in with nothing in it.
            session.discard()
            self.io.say("Nothing was answered, so nothing was saved.")
            return EXIT_OK
        try:
            result = session.save()
        except StoreError as exc:
            session.save_draft()
            if session.draft_error is None:
                raise UserError(
                    f"{exc} Your answers are kept as a draft; nothing was lost."
                ) from None
            raise UserError(
                f"Not saved: {exc} The draft could not be written either: {session.draft_error}"
            ) from None
        message = result.message
        reported = result.entry.red_flags
        if reported:  # the red flag first, as home says it after the app's check-in
            names = ", ".join(RED_FLAGS[key].lower() for key in reported)
            message = (
                f"You reported a red flag ({names}). {' '.join(red_advice(reported))} {message}"
            )
        self.io.say(message)
        return EXIT_OK


__all__ = ["PlainCheckin", "run_plain", "wants_plain"]
