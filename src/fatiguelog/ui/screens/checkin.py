"""The guided check-in: one question per step, Enter goes on, Esc goes back, s skips.

Every change is written to the day's draft at once; saving goes through the session, which
merges with changes made on disk meanwhile and keeps the draft when the disk says no.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import Footer

from fatiguelog import checkin
from fatiguelog.records import InputError
from fatiguelog.store import StoreError
from fatiguelog.ui.session import CheckinSession, SaveResult
from fatiguelog.ui.typed import diary
from fatiguelog.ui.widgets.fields import Line
from fatiguelog.ui.widgets.steps import StepView, view_for


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

    def compose(self) -> ComposeResult:
        yield Line(id="step-header")
        yield Line(id="step-title")
        yield Container(id="step-body")
        yield Line(id="step-error", classes="error")
        yield Footer()

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
        await body.remove_children()
        kind = "Quick check-in" if session.quick else "Check-in"
        editing = " (editing the saved day)" if session.existing else ""
        self.query_one("#step-header", Line).say(
            f"{kind} for {session.day:%a %d %b %Y}{editing} - "
            f"Step {session.index + 1} of {session.count}")
        day_word = "today" if session.day == diary(self).today else "that day"
        step = step.about(day_word)
        self.query_one("#step-title", Line).say(step.title)
        self.query_one("#step-error", Line).say(session.draft_error or "")
        extra: dict[str, Any] = {"day_word": day_word}
        if step.kind == "intake":
            source = session.intake_source()
            if source is not None:
                extra["source"] = (f"Offered from {source:%a %d %b}: Enter keeps these doses "
                                   f"as {day_word}'s; change them with the keys below.")
        if step.kind == "review":
            extra["rows"] = self.review_rows()
        view = view_for(step, session.shown_value(step), **extra)
        await body.mount(view)
        view.focus_first()

    def review_rows(self) -> list[tuple[str, str]]:
        rows = []
        for step in self.session.steps:
            if step.kind == "review":
                continue
            label = step.rating.label if step.rating else step.short
            if step.id in self.session.answers:
                said = checkin.describe(step, self.session.answers[step.id])
            else:
                kept = checkin.current_value(step, self.session.base)
                said = ("skipped" if kept is None
                        else f"{checkin.describe(step, kept)} (saved before, kept)")
            rows.append((label, said))
        return rows

    # -- answering -----------------------------------------------------------------------
    def on_step_view_answered(self, event: StepView.Answered) -> None:
        try:
            value = event.view.value()
        except InputError:
            return  # half-typed; Enter will say what is wrong
        self.session.answer(event.view.step, value)

    async def action_next(self) -> None:
        view = self.view()
        if view is None:
            return
        step = self.session.step
        if step.kind == "review":
            self.save()
            return
        try:
            value = view.value()
        except InputError as exc:
            self.query_one("#step-error", Line).say(str(exc))
            return
        self.session.answer(step, value)
        await self.advance()

    async def action_skip(self) -> None:
        if self.session.step.kind == "review":
            return
        self.session.skip(self.session.step)
        await self.advance()

    async def advance(self) -> None:
        if self.session.last:
            self.save()
            return
        self.session.move(self.session.index + 1)
        await self.show_step()

    async def action_back(self) -> None:
        if self.session.index == 0:
            self.app.notify("Check-in paused: your answers are kept as a draft.", markup=False)
            self.dismiss(None)
            return
        self.session.move(self.session.index - 1)
        await self.show_step()

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
            message = f"{exc} Your answers are kept as a draft; nothing was lost."
            self.query_one("#step-error", Line).say(message)
            self.app.notify(message, severity="error", markup=False)
            return
        self.dismiss(result)
