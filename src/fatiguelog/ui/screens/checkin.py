"""The guided check-in: one question per step, Enter goes on, Esc goes back, s skips.

Every change is written to the day's draft at once; saving goes through the session, which
merges with changes made on disk meanwhile and keeps the draft when the disk says no. When
neither the entry nor the draft can be written, the screen says exactly that and keeps the
answers on screen; leaving then asks first.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.screen import Screen

from fatiguelog import checkin
from fatiguelog.checkin import IntakeStep, ReviewStep, StoolsStep
from fatiguelog.checkin_session import CheckinSession, SaveResult
from fatiguelog.records import InputError
from fatiguelog.store import StoreError
from fatiguelog.ui.typed import diary
from fatiguelog.ui.widgets.fields import FittedLine
from fatiguelog.ui.widgets.footer import SteadyFooter
from fatiguelog.ui.widgets.lines import Line, Note
from fatiguelog.ui.widgets.steps import ItemsView, StepView, view_for
from fatiguelog.wording import plural


class CheckinScreen(Screen[SaveResult | None]):
    """Dismissed with the save result, or None when the user leaves (the draft stays)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "next", "Next", priority=True),
        Binding("escape", "back", "Back", priority=True),
        Binding("s", "skip", "Skip"),
        Binding("ctrl+s", "skip", "Skip", show=False),
    ]

    def __init__(self, session: CheckinSession) -> None:
        super().__init__()
        self.session = session
        self.pending_note = ""  # said on the next step shown (e.g. what a skip kept)
        self.save_error = ""  # why the entry could not be written, while it can't

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skip":  # nothing to skip on the review: it saves or goes back
            return not isinstance(self.session.step, ReviewStep)
        return True

    def help_lines(self) -> list[str]:
        """For the help screen: how this step is answered (keys the footer leaves out)."""
        view = self.view()
        hints = [line.text for line in view.query(".hint").results(Line)] if view else []
        return [*hints, "Enter goes on; Esc goes back; s skips (a list you made is kept)."]

    def disk_warning(self) -> str:
        """Said under every step while the answers are not on disk."""
        if self.session.draft_error is None:
            return self.save_error
        said = (
            f"{self.session.draft_error} Your answers are only on this screen: they are "
            "not saved anywhere yet."
        )
        return f"{self.save_error} {said}" if self.save_error else said

    @property
    def answers_not_on_disk(self) -> bool:
        """Answers given that neither a draft nor the entry holds (leaving would lose them)."""
        return bool(self.session.answers) and self.session.draft_error is not None

    def compose(self) -> ComposeResult:
        yield FittedLine(id="step-header")
        yield Note(id="step-day", classes="message")
        yield Note(id="step-note", classes="message")
        yield Line(id="step-title")
        yield Container(id="step-body")
        yield Note(id="step-error", classes="error")
        yield SteadyFooter()

    async def on_mount(self) -> None:
        await self.show_step()

    # -- showing -------------------------------------------------------------------------
    def view(self) -> StepView | None:
        found = self.query("#step-view")
        return found.first(StepView) if found else None

    async def show_step(self) -> None:
        session = self.session
        step = session.step
        body = self.query_one("#step-body", Container)
        kind = "Quick check-in" if session.quick else "Check-in"
        counter = f" - Step {session.index + 1} of {session.count}"
        # Longest first; the step counter stays visible however narrow the terminal.
        self.query_one("#step-header", FittedLine).say_fitted(
            f"{kind} for {session.day:%a %d %b %Y}"
            f"{' (editing the saved day)' if session.existing else ''}{counter}",
            f"{kind} for {session.day:%a %d %b}{' (editing)' if session.existing else ''}{counter}",
            f"{session.day:%a %d %b}{counter}",
            counter.removeprefix(" - "),
        )
        app = diary(self)
        day_word = "today" if session.day == app.today else "that day"
        self.query_one("#step-day", Note).say(app.day_boundary_note(session.day))
        step = step.about(day_word)
        self.query_one("#step-title", Line).say(step.title)
        found = "" if step.id in session.answers else checkin.unusable_said(step, session.base)
        if found and not self.pending_note:
            self.pending_note = f"{found}. Answer it, or go on: the file keeps it as it is."
        self.query_one("#step-note", Note).say(self.pending_note)
        self.pending_note = ""
        self.query_one("#step-error", Line).say(self.disk_warning())
        extra: dict[str, Any] = {"day_word": day_word}
        if isinstance(step, IntakeStep):
            source = session.intake_source()
            if source is not None:
                extra["source"] = (
                    f"Offered from {source:%a %d %b}: y takes them as "
                    f"{day_word}'s doses (Enter alone records nothing); a, c "
                    "and x change them."
                )
        if isinstance(step, ReviewStep):
            extra["rows"] = self.review_rows(day_word)
        value = session.shown_value(step)
        shown = self.view()
        # The same kind of question as the step before (rating after rating): shown in the
        # same view, in place; else a new view. (A step is drawn within a few redraws.)
        if (
            shown is not None
            and type(shown.step) is type(step)
            and shown.reuse(step, value, **extra)
        ):
            view = shown
        else:
            await body.remove_children()
            view = view_for(step, value, **extra)
            await body.mount(view)
        view.focus_first()
        self.refresh_bindings()

    def review_rows(self, day_word: str = "today") -> list[tuple[str, str]]:
        rows = []
        for step in self.session.steps:
            if isinstance(step, ReviewStep):
                continue
            label = step.about(day_word).short  # "Exertion that day" for a past day
            if step.id in self.session.answers:
                said = checkin.describe(step, self.session.answers[step.id])
            else:
                said = checkin.kept_words(step, self.session.base) or "skipped"
            rows.append((label, said))
        return rows

    # -- answering -----------------------------------------------------------------------
    def on_step_view_answered(self, event: StepView.Answered) -> None:
        if event.step is not event.view.step:  # (the view shows another step now)
            return
        try:
            value = event.view.value()
        except InputError:
            # What the box holds can't be used ("25" hours): no answer, never the last number
            # that could be read on the way ("2"); the step says what is wrong.
            value = None
        self.session.answer(event.view.step, value)

    def on_items_view_form_wanted(self, event: ItemsView.FormWanted) -> None:
        """A list step asks for the form that adds or changes one of its items: dialogs are
        screens, so this screen opens it and hands back what the user entered."""
        from fatiguelog.ui.screens.dialogs import DoseForm, StoolForm

        event.stop()
        view, index = event.view, event.index
        form: DoseForm | StoolForm
        if isinstance(event.step, IntakeStep):
            form = DoseForm(event.current, diary(self).settings)
        elif isinstance(event.step, StoolsStep):
            form = StoolForm(event.current)
        else:
            return
        self.app.push_screen(form, lambda item: view.store_item(index, item))

    async def action_next(self) -> None:
        view = self.view()
        if view is None:
            return
        step = self.session.step
        if isinstance(step, ReviewStep):
            self.save()
            return
        try:
            value = view.value()
        except InputError as exc:
            if not view.show_problem(str(exc)):
                self.query_one("#step-error", Line).say(str(exc))
            return
        if view.touched:
            # Only what the user changed is this check-in's answer: Enter on a step left as
            # shown writes nothing for it (not answered stays not answered; the file keeps
            # what it had), so walking through with Enter never invents an answer.
            self.session.answer(step, value)
        await self.advance()

    async def action_skip(self) -> None:
        step = self.session.step
        if isinstance(step, ReviewStep):
            return
        kept = self.kept_on_skip()
        if kept:
            self.pending_note = f"Skipped, and kept the {kept} you listed."
        else:
            self.session.skip(step)
        await self.advance()

    def kept_on_skip(self) -> str:
        """Skipping a list step never throws away what was listed in this check-in: the
        items stay as the answer, and this says how many ("" when nothing was listed)."""
        step, view = self.session.step, self.view()
        if not step.noun or view is None:  # not a list
            return ""
        if step.id not in self.session.answers:  # nothing changed here (offered doses stay
            return ""  # offers; the file keeps its own)
        value = view.value()
        items = step.items(value)
        if not items:
            return ""
        self.session.answer(step, value)
        return plural(len(items), step.noun)

    async def advance(self) -> None:
        if self.session.last:
            self.save()
            return
        await self.go_to(self.session.index + 1)

    async def action_back(self) -> None:
        if self.session.index == 0:
            self.leave()
            return
        await self.go_to(self.session.index - 1)

    async def go_to(self, index: int) -> None:
        """Another step; the draft (every answer already in it, unsynced) is flushed to disk
        as soon as that step is on screen, not before: the step is drawn at once."""
        self.session.move(index, flush=False)
        await self.show_step()
        self.call_after_refresh(self._flush_draft)

    def _flush_draft(self) -> None:
        had_error = self.session.draft_error
        self.session.save_draft()
        if self.session.draft_error != had_error:
            self.query_one("#step-error", Line).say(self.disk_warning())

    def leave(self) -> None:
        """Esc on the first step: pause, keeping the draft; asks first when there is none."""
        if not self.answers_not_on_disk:
            if self.session.answers:
                self.app.notify("Check-in paused: your answers are kept as a draft.", markup=False)
            self.dismiss(None)
            return
        from fatiguelog.ui.screens.dialogs import ConfirmDialog

        def chosen(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(
                "Your answers could not be written to disk (not even as a draft). Leave the "
                "check-in and lose them?",
                yes="Leave and lose them",
                no="Stay",
            ),
            chosen,
        )

    def save(self) -> None:
        if not self.session.answers and not self.session.existing:
            # Every question skipped on a new day: writing an empty file would mark the day
            # as checked in with nothing in it.
            self.session.discard()
            self.app.notify("Nothing was answered, so nothing was saved.", markup=False)
            self.dismiss(None)
            return
        try:
            result = self.session.save()
        except StoreError as exc:
            self.session.save_draft()  # say only what is true: is the draft on disk?
            if self.session.draft_error is None:
                self.save_error = ""
                message = f"{exc} Your answers are kept as a draft; nothing was lost."
            else:
                self.save_error = f"Not saved: {exc}"
                message = self.disk_warning() + " Free some space and press Enter again."
            # Said once, in place under the step: a toast as well would cover it (and the
            # step's own lines) on an 80x24 terminal.
            self.query_one("#step-error", Line).say(message)
            return
        self.dismiss(result)
