"""The export screen: pick a period, a format and a place; it writes the appointment summary.

The defaults are sensible (last 90 days, Markdown or the format of the last export, the
exports folder, notes left out). The "What I want to discuss" box has the focus when the
screen opens, so what the user types goes where they see it; Enter in a box is a new line or
nothing, never an export (Ctrl+S, or the Export button, exports). The focused box is tinted.
The file is written by the same writer as `fatiguelog export -o` (`fatiguelog.export.files`:
atomically and 0600, CSV as a file per table), and the screen says in plain words where it
went. A file that is already there is replaced only after the user chooses "Replace" (a small
dialog that no letter answers); a place inside the data folder, or one that is not a
regular file (a link, a pipe, a device), is refused.

"Since the last export" reads the date of the last export from `<data>/state.toml`
(`last_export`), a small state file kept apart from `settings.toml`: settings are the user's
own, hand-editable file, and an export should never rewrite it. After an export the choice
says the new date.

"What I want to discuss" is a text box whose words open the summary. What is typed is kept as
a draft (`<data>/drafts/discuss.toml`, see `fatiguelog.discuss`) at every change, so leaving
the screen or a crash loses nothing; the draft goes once a summary with it is written.
A file name without a folder is saved in the chosen folder (the exports folder), and the
screen always shows the full path it will write ("Saves as: ..."), wrapped, never cut.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Static,
    TextArea,
)
from textual.worker import Worker, WorkerState

from fatiguelog import discuss as said
from fatiguelog.export import formats
from fatiguelog.export.files import (
    SaveError,
    Written,
    WrongExtension,
    check_extension,
    default_name,
    resolve_target,
)
from fatiguelog.report import period_for
from fatiguelog.settings import Settings
from fatiguelog.state import read_export_format, read_last_export
from fatiguelog.textsafe import strip_controls
from fatiguelog.ui.widgets.choices import MarkedCheckbox, MarkedRadioButton
from fatiguelog.wording import (
    DEFAULT_DAYS,
    DISCUSS_TITLE,
    EXPORT_PERIOD_DAYS,
    SUMMARY_TITLE,
    days_text,
    period_words,
)

#: The periods offered (the formats are `fatiguelog.export.formats`'): the last N days
#: (wording's), since the last export, or dates typed.
PERIODS: tuple[tuple[str, str], ...] = (
    *((str(days), period_words(days)) for days in EXPORT_PERIOD_DAYS),
    ("since", "Since last export"),
    ("custom", "Custom dates"),
)
DEFAULT_PERIOD = str(DEFAULT_DAYS)
#: The keys of the screen in words (the footer lists the bindings; this says what they do).
HINTS = "Tab next · Ctrl+S export · Esc back"
HINTS_MIN_WIDTH = 72
#: The notes box's words, and in a terminal narrower than `HINTS_MIN_WIDTH`.
NOTES_LABEL = "Include my notes (off: notes stay private)"
NOTES_NARROW = "Include my notes (off: private)"


class ExportError(Exception):
    """Something the user can fix (a date, a folder): shown as one plain line."""


class ReplaceDialog(ModalScreen[bool]):
    """ "Replace the file that is already there?" Two buttons, "Keep it" focused first.

    No letter answers it, and Enter presses the focused button: someone still typing their
    discuss text when the question appears ("my problem...") or pressing Enter out of habit
    keeps the file. Replacing takes a deliberate move to "Replace" (Tab, an arrow key or the
    mouse), then Enter or Space. Esc keeps it.
    """

    DEFAULT_CSS = """
    ReplaceDialog {
        align: center middle;
    }
    ReplaceDialog > Vertical {
        width: 76;
        max-width: 100%;
        height: auto;
        border: thick $warning;
        background: $surface;
        padding: 0 1;
    }
    ReplaceDialog #replace-title {
        text-style: bold;
        margin-bottom: 1;
    }
    ReplaceDialog #replace-buttons {
        height: 1;
        margin-top: 1;
    }
    ReplaceDialog #replace-buttons Button {
        margin-right: 2;
    }
    ReplaceDialog #replace-keys {
        color: $text-muted;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "choose(False)", "Keep it"),
        Binding("left,right,up,down", "app.focus_next", "Other button", show=False),
    ]
    #: What the keys do, in the dialog itself (its footer is under it, out of sight).
    KEYS = "Tab to Replace, then Enter. Enter or Esc keeps the file."

    def __init__(self, existing: list[Path]) -> None:
        super().__init__()
        self.existing = existing

    def compose(self) -> ComposeResult:
        files = "\n".join(f"  {path}" for path in self.existing)
        noun = "This file is" if len(self.existing) == 1 else "These files are"
        with Vertical():
            yield Static(Content(f"{noun} already there:"), id="replace-title")
            yield Static(Content(strip_controls(files)), id="replace-files")
            yield Static(Content("Replace it with the new summary? The old one is lost."))
            with Horizontal(id="replace-buttons"):
                yield Button("Keep it", id="keep", compact=True)
                yield Button("Replace", id="replace", compact=True, variant="warning")
            yield Static(Content(self.KEYS), id="replace-keys")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def action_choose(self, replace: bool) -> None:
        self.dismiss(replace)

    @on(Button.Pressed)
    def _clicked(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "replace")


#: Where a long path may go on to the next line: after a folder, a dash, a dot, a space.
_BREAKS = "/-_. "


def folded(text: str, width: int) -> str:
    """`text` cut into lines of at most `width` characters: a long path continues on the
    next line instead of leaving its label alone on a line, broken after a "/", "-", "_",
    "." or space when one is in the line's second half (never inside "summary"), else at the
    width (`width` < 10: as it is, the widget wraps it)."""
    if width < 10:
        return text
    lines: list[str] = []
    while len(text) > width:
        cut = max(text.rfind(mark, width // 2, width) for mark in _BREAKS) + 1
        cut = cut if cut > width // 2 else width
        lines.append(text[:cut].rstrip(" "))
        text = text[cut:]
    return "\n".join([*lines, text])


class FormBody(VerticalScroll):
    """The form. When a message appears under it (after an export), it gets shorter: with
    `keep_end` it scrolls so that its end ("Saves as", the buttons) stays in sight."""

    keep_end = False

    def on_resize(self) -> None:
        if self.keep_end:
            self.scroll_end(animate=False)


# -- the screen ---------------------------------------------------------------------------


class ExportScreen(Screen[None]):
    """Appointment summary export: period, format, place, notes or not."""

    CSS_PATH = str(Path(__file__).parent.parent / "export.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+s", "export", "Export"),
    ]

    def __init__(
        self,
        root: Path,
        settings: Settings,
        *,
        today: date | None = None,
        exports_folder: Path | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(name=name)
        self.root = Path(root)
        self.settings = settings
        self.today = today
        self._folder = exports_folder
        self.last_export = read_last_export(self.root)
        self.period_key = DEFAULT_PERIOD
        # the last export's format, else the default (Markdown)
        self.fmt = read_export_format(self.root) or formats.default().key
        self._auto_path = ""  # the path we filled in; replaced while the user hasn't edited it
        self.written: Written | None = None
        self._worker: Worker[Written] | None = None
        self._discuss = said.load_draft(self.root)  # kept from an earlier visit (or a crash)
        self._draft_error = ""

    @property
    def day(self) -> date:
        return self.today or date.today()

    @property
    def folder(self) -> Path:
        if self._folder is None:
            from fatiguelog.paths import exports_dir

            self._folder = exports_dir()
        return self._folder

    def compose(self) -> ComposeResult:
        with Horizontal(id="export-top"):
            yield Static(
                Content.assemble((f"Export an {SUMMARY_TITLE.lower()}", "bold")), id="export-title"
            )
            yield Static(Content(HINTS), id="export-hints")
        with FormBody(id="export-body"):
            with Horizontal(id="choices"):
                with Vertical(classes="choice"):
                    yield Label("Period")
                    with RadioSet(id="period", compact=True):
                        for key, label in PERIODS:
                            if key == "since":
                                label = (
                                    f"{label} ({self.last_export.isoformat()})"
                                    if self.last_export
                                    else f"{label} (none yet)"
                                )
                            yield MarkedRadioButton(
                                label,
                                value=key == DEFAULT_PERIOD,
                                id=f"period-{key}",
                                disabled=key == "since" and self.last_export is None,
                            )
                with Vertical(classes="choice"):
                    yield Label("Format")
                    with RadioSet(id="format", compact=True):
                        for each in formats.FORMATS:
                            yield MarkedRadioButton(
                                each.choice, value=each.key == self.fmt, id=f"format-{each.key}"
                            )
            with Horizontal(id="custom"):
                yield Label("Dates: from")
                yield Input(
                    value=period_for(int(DEFAULT_PERIOD), self.day)[0].isoformat(),
                    id="from",
                    placeholder="YYYY-MM-DD",
                    compact=True,
                    disabled=True,
                )
                yield Label("to")
                yield Input(
                    value=self.day.isoformat(),
                    id="to",
                    placeholder="YYYY-MM-DD",
                    compact=True,
                    disabled=True,
                )
                yield Static(self._period_line(), id="export-period")
            with Horizontal(id="discuss-row"):
                yield Label(f"{DISCUSS_TITLE} (optional, opens the summary)", id="discuss-label")
                yield Static(Content(self._count_text(self._discuss)), id="discuss-count")
            yield TextArea(
                self._discuss,
                id="discuss",
                soft_wrap=True,
                tab_behavior="focus",
                compact=True,
                highlight_cursor_line=False,
                placeholder="e.g. the three things to ask about; kept here until you export",
            )
            yield Label("Save to (a file name, or a folder)", id="path-label")
            # the cursor goes to the end: a letter typed does not wipe the whole name
            yield Input(id="path", compact=True, select_on_focus=False)
            yield Static("", id="path-full")  # the full path, always, wrapped: never cut
            with Horizontal(id="export-buttons"):
                yield MarkedCheckbox(NOTES_LABEL, value=False, id="notes", compact=True)
                yield Button("Export", id="export", variant="primary", compact=True)
                yield Button("Back", id="back", compact=True)
        # below the form, not in it: the message is seen without scrolling the form away
        yield Static("", id="export-status")
        yield Footer()

    def on_mount(self) -> None:
        self._refresh_path()
        blink = getattr(self.app, "blink", True)  # off: a screenshot never catches a blink
        for field in (*self.query(Input), *self.query(TextArea)):
            field.cursor_blink = blink
        box = self.query_one("#discuss", TextArea)
        box.focus()  # typing on arrival goes into the box the user sees first
        box.move_cursor(box.document.end)  # after a kept draft, not before it
        self.call_after_refresh(self._refresh_full)  # its width is known once laid out

    def on_resize(self) -> None:
        self._refresh_full()
        # a narrow terminal keeps the title whole: the footer names the same keys
        narrow = self.size.width < HINTS_MIN_WIDTH
        self.query_one("#export-hints", Static).display = not narrow
        # ... and its labels whole: shorter words where a column has no room for the long
        self.set_class(narrow, "-narrow")
        self.query_one("#period-since", RadioButton).label = self._since_label()
        self.query_one("#notes", Checkbox).label = NOTES_NARROW if narrow else NOTES_LABEL

    def _since_label(self) -> str:
        """ "Since last export (2026-11-20)"; in a narrow terminal "Since export 2026-11-20",
        which fits its column at 60 columns."""
        label = dict(PERIODS)["since"]
        if self.has_class("-narrow"):
            label = "Since export"
            return (
                f"{label} {self.last_export.isoformat()}"
                if self.last_export
                else f"{label} (none yet)"
            )
        return (
            f"{label} ({self.last_export.isoformat()})"
            if self.last_export
            else f"{label} (none yet)"
        )

    # -- reading the form ----------------------------------------------------------------
    def period(self) -> tuple[date, date]:
        """The chosen period; raises ExportError for dates the user must fix (a day that
        hasn't happened yet included, as on the command line)."""
        from fatiguelog.dates import DateError, parse_past_day

        today = self.day
        if self.period_key.isdigit():  # the last N days
            return period_for(int(self.period_key), today)
        if self.period_key == "since" and self.last_export is not None:
            return min(self.last_export, today), today
        if self.period_key == "custom":
            try:
                first = parse_past_day(self.query_one("#from", Input).value.strip(), today)
                last = parse_past_day(self.query_one("#to", Input).value.strip(), today)
            except DateError as exc:
                raise ExportError(str(exc)) from None
            if first > last:
                raise ExportError(
                    f"From ({first}) is after To ({last}): the first day must come first"
                )
            return first, last
        return period_for(int(DEFAULT_PERIOD), today)

    def _period_line(self) -> str:
        """Beside the dates: how many days they make, or what is wrong with them."""
        try:
            first, last = self.period()
        except ExportError as exc:
            return f"({exc})"
        days = (last - first).days + 1
        return f"({days_text(days)})"

    def _refresh_path(self) -> None:
        """Fill in the default file name unless the user has typed a path of their own."""
        path_input = self.query_one("#path", Input)
        self.query_one("#export-period", Static).update(Content(self._period_line()))
        try:
            first, last = self.period()
        except ExportError:
            return
        if path_input.value in ("", self._auto_path):
            self._auto_path = str(self.folder / default_name(first, last, self.fmt))
            path_input.value = self._auto_path
        self._refresh_full()

    def _refresh_full(self) -> None:
        """ "Saves as: <the full path>" under the box, wrapped on as many lines as it needs:
        the box scrolls a long name, this line shows it whole."""
        full = self.query_one("#path-full", Static)
        try:
            first, last = self.period()
        except ExportError:
            full.update("")
            return
        box = self.query_one("#path", Input)
        path = resolve_target(box.value, self.folder, first, last, self.fmt)
        if path is None:
            full.update(Content("Saves as: (type a file name or a folder above)"))
            return
        more = (
            " and 7 more tables beside it (.flags.csv, .weeks.csv, ...)"
            if self.fmt == "csv"
            else ""
        )
        said_path = f"Saves as: {strip_controls(str(path), one_line=True)}"
        # (two columns spare: a scroll bar may yet appear beside the form)
        shown = folded(said_path, full.content_size.width - 2) + more
        try:
            check_extension(self.fmt, path)
        except WrongExtension as exc:  # said at once, under the name, before Export
            shown += f"\n{self._wrong_extension(exc)}"
        full.update(Content(shown))

    @staticmethod
    def _wrong_extension(error: WrongExtension) -> str:
        """The refusal of a name ending in another format's extension, with the screen's
        two ways out: that format's button, or the name with the chosen format's ending."""
        return (
            f"{strip_controls(error.path.name, one_line=True)} ends in {error.path.suffix} "
            f"but the format is {error.chosen.choice}: choose {error.other.choice}, "
            f"or name it {strip_controls(error.name, one_line=True)}"
        )

    @staticmethod
    def _count_text(text: str) -> str:
        """Beside the box: how much of page one's room the text takes, or that it is too
        long (the whole reason is said when exporting)."""
        cleaned = said.clean(text)
        lines = cleaned.count("\n") + 1 if cleaned else 0
        if len(cleaned) > said.MAX_CHARS:
            return f"{len(cleaned):,} of {said.MAX_CHARS:,}: too long"
        if lines > said.MAX_LINES:
            return f"{lines} of {said.MAX_LINES} lines: too many"
        return f"{len(cleaned):,} of {said.MAX_CHARS:,} characters"

    def target(self, first: date, last: date) -> Path:
        """The file what is typed in "Save to" names (nothing is created or checked here)."""
        path = resolve_target(
            self.query_one("#path", Input).value, self.folder, first, last, self.fmt
        )
        if path is None:
            raise ExportError("Type where to save the summary (a file name or a folder)")
        return path

    # -- events --------------------------------------------------------------------------
    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        button_id = event.pressed.id or ""
        if event.radio_set.id == "period":
            self.period_key = button_id.removeprefix("period-")
            custom = self.period_key == "custom"
            if not custom:  # the dates boxes show the chosen period (a start for custom)
                try:
                    first, last = self.period()
                except ExportError:
                    pass
                else:
                    self.query_one("#from", Input).value = first.isoformat()
                    self.query_one("#to", Input).value = last.isoformat()
            for box in self.query("#custom Input").results(Input):
                box.disabled = not custom
        elif event.radio_set.id == "format":
            self.fmt = button_id.removeprefix("format-")
        self._refresh_path()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("from", "to"):
            self._refresh_path()
        elif event.input.id == "path":
            self._refresh_full()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Keep what is typed as a draft at once (a crash loses nothing) and say its size."""
        event.stop()
        text = event.text_area.text
        self._discuss = text
        self.query_one("#discuss-count", Static).update(Content(self._count_text(text)))
        self._keep_draft(durable=False)

    def _keep_draft(self, *, durable: bool) -> None:
        try:
            said.save_draft(self.root, self._discuss, durable=durable)
        except OSError as exc:
            if not self._draft_error:  # said once, not at every key
                from fatiguelog.store import describe_os_error

                self._draft_error = describe_os_error(exc, said.draft_path(self.root))
                self.show_status(
                    f"Your text can't be kept as a draft ({self._draft_error}); it "
                    "stays in the box while this screen is open.",
                    "error",
                )

    def on_unmount(self) -> None:
        if self._discuss.strip() and not self._draft_error:
            self._keep_draft(durable=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export":
            self.action_export()
        elif event.button.id == "back":
            self.action_back()

    def show_status(self, text: str, kind: str) -> None:
        """Say `text` under the form (`kind`: busy, done or error, which colours it)."""
        status = self.query_one("#export-status", Static)
        status.update(Content(strip_controls(text)))
        status.set_classes(kind)
        # the message takes room under the form: keep "Saves as" and the buttons in sight
        body = self.query_one("#export-body", FormBody)
        body.keep_end = True
        body.scroll_end(animate=False)

    def action_export(self) -> None:
        if self._worker is not None and self._worker.is_running:
            return
        from fatiguelog.export.files import FolderMissing, check_place

        try:
            first, last = self.period()
            said.check(self._discuss)  # too long for page one: say so before anything
            target = self.target(first, last)
            # (the exports folder offered by default is ours to create, 0700)
            existing = check_place(self.fmt, target, self.root, may_create=self.folder)
        except FolderMissing as exc:
            self.show_status(
                f"Not exported: {exc}: create it first or choose another place.", "error"
            )
            return
        except WrongExtension as exc:
            self.show_status(f"Not exported: {self._wrong_extension(exc)}.", "error")
            return
        except (ExportError, SaveError, said.DiscussError) as exc:
            self.show_status(f"Not exported: {str(exc).rstrip('.')}.", "error")
            return
        if not existing:
            self._write(first, last, target, force=False)
            return

        def answered(replace: bool | None) -> None:
            if replace:
                self._write(first, last, target, force=True)
            else:
                self.show_status(
                    "Not exported: the file that was there is kept. Choose another "
                    "name to keep both.",
                    "error",
                )
                self.query_one("#path", Input).focus()  # where another name goes

        self.app.push_screen(ReplaceDialog(existing), answered)

    def _write(self, first: date, last: date, target: Path, *, force: bool) -> None:
        include_notes = self.query_one("#notes", Checkbox).value
        root, settings, fmt, today = self.root, self.settings, self.fmt, self.day
        discuss = said.check(self._discuss)

        def work() -> Written:
            from fatiguelog.export.files import save

            return save(
                root,
                settings,
                first,
                last,
                fmt,
                target,
                include_notes,
                force=force,
                discuss=discuss,
                remember=today,
            )

        self.show_status("Writing the summary...", "busy")
        self._worker = self.run_worker(
            work, name="export", group="export", thread=True, exclusive=True, exit_on_error=False
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._worker:
            return
        if event.state == WorkerState.SUCCESS:
            written = cast(Written, event.worker.result)
            self.written = written
            self.last_export = self.day
            since = self.query_one("#period-since", RadioButton)
            since.label = self._since_label()
            since.disabled = False
            notes = "with your notes" if written.include_notes else "without notes"
            where = "\n".join(strip_controls(str(p), one_line=True) for p in written.paths)
            self.show_status(
                f"Saved the summary ({written.first} to {written.last}, {notes}) to:\n{where}\n"
                "Only you can read the file (permissions 0600).",
                "done",
            )
        elif event.state == WorkerState.ERROR:
            from fatiguelog.export.files import AlreadyThere

            error = event.worker.error
            if isinstance(error, AlreadyThere):  # appeared after the question
                message = f"{error.path} appeared meanwhile and was kept; export again."
            else:
                message = str(error)
            self.show_status(f"Not exported: {message}", "error")

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()


__all__ = ["ExportScreen", "ReplaceDialog"]
