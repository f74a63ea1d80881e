"""Past days: the read-only day view (Enter on a day of the two weeks) and notes search (`/`).

The day view shows every answer of the day in words, its notes whole (as text, never markup),
and what it left unanswered; Enter or c changes the day in the check-in, x deletes it (asks
first; `u` on home undoes it), Esc goes back. A file that can't be read says why, and can
still be deleted (moved to the trash).

Notes search looks through the whole history's notes, ignoring case, off the UI thread; the
days found are listed newest first with a line of the note, and Enter opens one. Notes are
private: they are shown here and nowhere else (no log, no notification).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from fatiguelog.model import is_checked_in
from fatiguelog.pastdays import NoteHit, day_answers, search_notes
from fatiguelog.trash import Trashed
from fatiguelog.ui.typed import diary
from fatiguelog.ui.widgets.fields import TextField
from fatiguelog.ui.widgets.lines import Line, Note, safe
from fatiguelog.wording import days_text

CSS = str(Path(__file__).parent.parent / "pastdays.tcss")


class DayScreen(Screen[None]):
    """One day, read-only."""

    CSS_PATH = CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("enter,c", "edit", "Change this day", key_display="Enter"),
        Binding("x", "delete", "Delete this day"),
    ]

    def __init__(self, day: date) -> None:
        super().__init__()
        self.day = day
        self.editable = True

    def compose(self) -> ComposeResult:
        yield Line(f"{self.day:%A %d %B %Y}", id="day-title")
        yield Note(id="day-note", classes="error")
        yield VerticalScroll(id="day-body")
        yield Line(
            "Enter changes this day in the check-in, x deletes it, Esc goes back.",
            id="day-hint",
            classes="hint",
        )
        yield Footer()

    async def on_screen_resume(self) -> None:
        """Also when first shown, and back from any screen opened over it (help, the delete
        dialog, the check-in): the file as it is now."""
        await self.show()

    async def show(self) -> None:
        """Read the day again and redraw it: the old lines are gone before the new ones are
        mounted (and the notes line has a class, not an id, so no two can ever clash)."""
        from fatiguelog.store import Status, Store

        app = diary(self)
        read = Store(app.root).read(self.day)
        body = self.query_one("#day-body", VerticalScroll)
        await body.remove_children()
        rows: list[Static] = []
        state = ""
        note = ""
        self.editable = read.status in (Status.OK, Status.MISSING)
        if read.status is Status.BROKEN:
            first = read.problems[0] if read.problems else "it can't be read"
            note = (
                f"This day's file can't be read, so it is left as it is: {first}. Fix it "
                "by hand ('fatiguelog check'), or press x to move it to the trash."
            )
        elif read.status is Status.FUTURE:
            note = (
                "This day's file was written by a newer fatiguelog: it is shown as far as "
                "it can be read, and never changed by this version."
            )
        elif read.status is Status.MISSING:
            note = "This day has no entry (deleted, or never written). Enter starts one."
        entry = read.entry
        if entry is not None:
            state = " · checked in" if is_checked_in(entry.doc) else " · logged only"
            answered, missing = day_answers(entry, app.settings)
            rows += [Line(f"{label}: {words}", classes="day-row") for label, words in answered]
            if entry.notes:
                rows.append(Line("Notes:", classes="day-heading"))
                rows.append(Static(safe(entry.notes), classes="day-notes"))
            if missing:
                rows.append(Line(f"Not answered: {', '.join(missing)}.", classes="day-missing"))
        self.query_one("#day-title", Line).say(f"{self.day:%A %d %B %Y}{state}")
        self.query_one("#day-note", Note).say(note)
        self.query_one("#day-hint", Line).say(
            "Enter changes this day in the check-in, x deletes it, Esc goes back."
            if self.editable
            else "x moves it to the trash, Esc goes back."
        )
        await body.mount_all(rows)
        body.focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit":
            return self.editable
        return True

    def action_back(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        diary(self).open_checkin(self.day)

    def action_delete(self) -> None:
        def deleted() -> None:
            if self.is_current:
                self.dismiss(None)

        diary(self).ask_delete_day(self.day, done=deleted)


class SearchScreen(Screen[None]):
    """Type a word, Enter searches every note; up/down and Enter open a day found."""

    CSS_PATH = CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("slash", "focus_query", "New search", key_display="/"),
        Binding("u", "app.undo_delete", "Undo delete"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.query_text = ""
        self.hits: list[NoteHit] = []
        self.searching = False
        self.remark = ""  # what the app said (a day deleted, restored), kept under results

    def compose(self) -> ComposeResult:
        yield Line("Search your notes", id="search-title")
        yield TextField(id="query", placeholder="a word or a few, then Enter", compact=True)
        yield Note(id="search-status", classes="message")
        yield OptionList(id="search-results")
        yield Line(
            "Enter searches; up/down and Enter open a day found; Esc goes back.",
            id="search-hint",
            classes="hint",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()
        self.query_one("#search-results", OptionList).display = False

    def help_lines(self) -> list[str]:
        return [
            "Every note of every day is searched, ignoring upper and lower case.",
            "The days found are listed newest first; Enter opens one (read-only).",
        ]

    def say(self, message: str) -> None:
        self.remark = message
        self._status(message)

    def _status(self, message: str) -> None:
        self.query_one("#search-status", Note).say(message)

    def load(self) -> None:
        """Search again (a day was deleted or restored meanwhile); what was said stays, and
        the keys go to the screen, not the search box (`u` undoes, `/` searches anew)."""
        if self.query_text:
            self.set_focus(None)
            self.search(self.query_text, keep_remark=True)

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = " ".join(event.value.split())
        if not text:
            self._status("Type a word to look for first.")
            return
        self.search(text)

    def search(self, text: str, *, keep_remark: bool = False) -> None:
        self.query_text = text
        self.searching = True
        if not keep_remark:
            self.remark = ""
        self._status("Searching your notes...")
        self._search(text)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, text: str) -> None:
        worker = get_current_worker()
        hits = search_notes(diary(self).root, text, lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, text, hits)

    def _show(self, text: str, hits: list[NoteHit]) -> None:
        self.searching = False
        self.hits = hits
        listing = self.query_one("#search-results", OptionList)
        listing.set_options(Option(self._line(hit), id=hit.day.isoformat()) for hit in hits)
        listing.display = bool(hits)
        shown = " ".join(text.split())[:40]
        remark = f" {self.remark}" if self.remark else ""
        if not hits:
            self._status(f"No note holds \u201c{shown}\u201d.{remark}")
            if remark:  # (after a delete: `u` must undo it, not be typed in the box)
                self.set_focus(None)
            return
        self._status(
            f"{days_text(len(hits))} with \u201c{shown}\u201d in the notes, newest first. "
            f"Enter opens one.{remark}"
        )
        listing.highlighted = 0
        listing.focus()

    @staticmethod
    def _line(hit: NoteHit) -> Content:
        """The day, then the note around what was found (in bold reverse, and in quotes by
        the status line: not by colour alone)."""
        text = hit.snippet
        return Content.assemble(
            f"{hit.day:%a %d %b %Y}  ",
            text[: hit.start],
            (text[hit.start : hit.end], "bold reverse"),
            text[hit.end :],
        )

    @on(OptionList.OptionSelected, "#search-results")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        diary(self).open_day(date.fromisoformat(str(event.option.id)))

    def action_focus_query(self) -> None:
        self.query_one("#query", Input).focus()

    def action_back(self) -> None:
        self.dismiss(None)


class TrashScreen(Screen[None]):
    """Every deleted day in the trash, newest deletion first, with what each holds; Enter
    brings one back (refused, saying why, while its day has an entry again). A day deleted
    twice is listed twice: any copy can be picked, not only the latest."""

    CSS_PATH = CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("u", "app.undo_delete", "Undo delete"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.copies: list[Trashed] = []

    def compose(self) -> ComposeResult:
        yield Line("Deleted days (in the trash folder, never erased)", id="trash-title")
        yield Note(id="trash-status", classes="message")
        yield OptionList(id="trash-list")
        yield Line(
            "Up/down picks a deleted day, Enter brings it back, Esc goes back.",
            id="trash-hint",
            classes="hint",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.load()
        self.query_one("#trash-list", OptionList).focus()

    def help_lines(self) -> list[str]:
        return [
            "Each deleted copy of a day is listed, newest deletion first, with what it holds.",
            "Enter brings the one picked back; a day that has an entry again "
            "must be deleted first.",
        ]

    def load(self) -> None:
        from fatiguelog.trash import describe, in_trash

        root = diary(self).root
        self.copies = in_trash(root)[::-1]
        listing = self.query_one("#trash-list", OptionList)
        picked = listing.highlighted
        listing.set_options(
            Option(
                Content(
                    f"{t.day:%a %d %b %Y} · deleted {t.deleted_at:%d %b %H:%M:%S} · "
                    f"{describe(root, t)}"
                ),
                id=t.name,
            )
            for t in self.copies
        )
        listing.display = bool(self.copies)
        if self.copies:
            listing.highlighted = min(picked or 0, len(self.copies) - 1)
        elif not self.query_one("#trash-status", Note).text:
            self.say("The trash is empty: no day was deleted.")

    def say(self, message: str) -> None:
        self.query_one("#trash-status", Note).say(message)

    @on(OptionList.OptionSelected, "#trash-list")
    def _restore(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        picked = next((t for t in self.copies if t.name == event.option.id), None)
        if picked is not None:
            diary(self).restore_copy(picked)
            self.load()

    def action_back(self) -> None:
        self.dismiss(None)


__all__ = ["DayScreen", "SearchScreen", "TrashScreen"]
