"""The export screen: pick a period, a format and a place; it writes the appointment summary.

The defaults are sensible (last 90 days, Markdown, the exports folder, notes left out), so the
Export button, focused first, does the whole job with one Enter. The file is written with the
exporters' public `render` (CSV: its three tables, as `fatiguelog export` writes them),
atomically and 0600, and the screen says in plain words where it went. A file that is already
there is replaced only after the user says yes (a small dialog); a place inside the data
folder, or one that is not a regular file (a link, a pipe, a device), is refused.

"Since the last export" reads the date of the last export from `<data>/state.toml`
(`last_export`), a small state file kept apart from `settings.toml`: settings are the user's
own, hand-editable file, and an export should never rewrite it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Checkbox, Footer, Input, Label, RadioSet, Static
from textual.worker import Worker, WorkerState

from fatiguelog.report import period_for
from fatiguelog.settings import Settings
from fatiguelog.state import read_last_export, remember_export
from fatiguelog.textsafe import strip_controls
from fatiguelog.ui.widgets.choices import MarkedCheckbox, MarkedRadioButton

FORMATS: tuple[tuple[str, str], ...] = (
    ("md", "Markdown (.md)"),
    ("html", "Web page (.html)"),
    ("csv", "Spreadsheet (.csv)"),
    ("json", "JSON (.json)"),
)
PERIODS: tuple[tuple[str, str], ...] = (
    ("30", "Last 30 days"),
    ("90", "Last 90 days"),
    ("since", "Since last export"),
    ("custom", "Custom dates"),
)
DEFAULT_PERIOD = "90"


# -- pure helpers (no widgets): state, file names, writing ------------------------------

def default_name(first: date, last: date, fmt: str) -> str:
    from fatiguelog.export import EXTENSIONS

    return f"fatiguelog-summary-{first.isoformat()}-to-{last.isoformat()}{EXTENSIONS[fmt]}"


@dataclass(frozen=True)
class Written:
    paths: tuple[Path, ...]
    first: date
    last: date
    include_notes: bool


def write_summary(root: Path, settings: Settings, first: date, last: date, fmt: str,
                  target: Path, include_notes: bool, *, force: bool = False) -> Written:
    """Summarize the period and write it to `target` (0600, atomic); CSV writes 3 files.
    An existing file is replaced only with `force` (the user said yes)."""
    from fatiguelog import export
    from fatiguelog.store import Store

    summary = export.summarize_for(Store(root), settings, first, last, fmt, include_notes)
    written = export.write_files(summary, fmt, target, include_notes, root=root, force=force)
    return Written(tuple(written), first, last, include_notes)


class ExportError(Exception):
    """Something the user can fix (a date, a folder): shown as one plain line."""


class ReplaceDialog(ModalScreen[bool]):
    """"Replace the file that is already there?" Enter or r replaces, Esc or n keeps it;
    both are buttons too."""

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
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r,enter", "choose(True)", "Replace", priority=True),
        Binding("n,escape", "choose(False)", "Keep it"),
    ]

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
                yield Button("r Replace", id="replace", compact=True)
                yield Button("Esc Keep it", id="keep", compact=True)

    def action_choose(self, replace: bool) -> None:
        self.dismiss(replace)

    @on(Button.Pressed)
    def _clicked(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "replace")


# -- the screen ---------------------------------------------------------------------------

class ExportScreen(Screen[None]):
    """Appointment summary export: period, format, place, notes or not."""

    CSS_PATH = str(Path(__file__).parent.parent / "export.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+s", "export", "Export"),
    ]

    def __init__(self, root: Path, settings: Settings, *, today: date | None = None,
                 exports_folder: Path | None = None, name: str | None = None) -> None:
        super().__init__(name=name)
        self.root = Path(root)
        self.settings = settings
        self.today = today
        self._folder = exports_folder
        self.last_export = read_last_export(self.root)
        self.period_key = DEFAULT_PERIOD
        self.fmt = "md"
        self._auto_path = ""  # the path we filled in; replaced while the user hasn't edited it
        self.written: Written | None = None
        self._worker: Worker[Written] | None = None

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
        yield Static(Content.assemble(("Export an appointment summary", "bold")),
                     id="export-title")
        with VerticalScroll(id="export-body"):
            with Horizontal(id="choices"):
                with Vertical(classes="choice"):
                    yield Label("Period")
                    with RadioSet(id="period", compact=True):
                        for key, label in PERIODS:
                            if key == "since":
                                label = (f"{label} ({self.last_export.isoformat()})"
                                         if self.last_export else f"{label} (none yet)")
                            yield MarkedRadioButton(
                                label, value=key == DEFAULT_PERIOD, id=f"period-{key}",
                                disabled=key == "since" and self.last_export is None)
                with Vertical(classes="choice"):
                    yield Label("Format")
                    with RadioSet(id="format", compact=True):
                        for key, label in FORMATS:
                            yield MarkedRadioButton(label, value=key == "md", id=f"format-{key}")
            with Horizontal(id="custom"):
                yield Label("Custom: from")
                yield Input(value=period_for(int(DEFAULT_PERIOD), self.day)[0].isoformat(),
                            id="from",
                            placeholder="YYYY-MM-DD", compact=True, disabled=True)
                yield Label("to")
                yield Input(value=self.day.isoformat(), id="to", placeholder="YYYY-MM-DD",
                            compact=True, disabled=True)
            yield Label("Save to (a file name, or a folder)", id="path-label")
            yield Input(id="path", compact=True)
            yield MarkedCheckbox("Include my notes (off: notes stay private)", value=False,
                                 id="notes", compact=True)
            with Horizontal(id="export-buttons"):
                yield Button("Export", id="export", variant="primary", compact=True)
                yield Button("Back", id="back", compact=True)
            yield Static(self._period_line(), id="export-period")
            yield Static("", id="export-status")
        yield Footer()

    def on_mount(self) -> None:
        self._refresh_path()
        self.query_one("#export", Button).focus()

    # -- reading the form ----------------------------------------------------------------
    def period(self) -> tuple[date, date]:
        """The chosen period; raises ExportError for dates the user must fix."""
        from fatiguelog.dates import DateError, parse_day

        today = self.day
        if self.period_key in ("30", "90"):
            return period_for(int(self.period_key), today)
        if self.period_key == "since" and self.last_export is not None:
            return min(self.last_export, today), today
        if self.period_key == "custom":
            try:
                first = parse_day(self.query_one("#from", Input).value.strip(), today)
                last = parse_day(self.query_one("#to", Input).value.strip(), today)
            except DateError as exc:
                raise ExportError(str(exc)) from None
            if first > last:
                raise ExportError(f"From ({first}) is after To ({last}): the first day must "
                                  "come first")
            return first, last
        return period_for(int(DEFAULT_PERIOD), today)

    def _period_line(self) -> str:
        try:
            first, last = self.period()
        except ExportError as exc:
            return f"Period: {exc}"
        return f"Period: {first.isoformat()} to {last.isoformat()} ({(last - first).days + 1} days)"

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

    def target(self, first: date, last: date) -> Path:
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            raise ExportError("Type where to save the summary (a file name or a folder)")
        path = Path(raw).expanduser()
        if path.is_dir():
            path = path / default_name(first, last, self.fmt)
        if path == self.folder / path.name and not path.parent.exists():
            from fatiguelog.atomic import ensure_private_dir

            try:
                ensure_private_dir(path.parent)  # the default folder is ours to create (0700)
            except OSError as exc:
                raise ExportError(f"The folder {path.parent} could not be created: "
                                  f"{exc.strerror or exc}") from None
        if not path.parent.is_dir():
            raise ExportError(f"The folder {path.parent} does not exist: create it first or "
                              "choose another place")
        return path

    # -- events --------------------------------------------------------------------------
    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        button_id = event.pressed.id or ""
        if event.radio_set.id == "period":
            self.period_key = button_id.removeprefix("period-")
            custom = self.period_key == "custom"
            for box in self.query("#custom Input").results(Input):
                box.disabled = not custom
        elif event.radio_set.id == "format":
            self.fmt = button_id.removeprefix("format-")
        self._refresh_path()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("from", "to"):
            self._refresh_path()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export":
            self.action_export()
        elif event.button.id == "back":
            self.action_back()

    def _status(self, text: str, kind: str) -> None:
        status = self.query_one("#export-status", Static)
        status.update(Content(strip_controls(text)))
        status.set_classes(kind)

    def action_export(self) -> None:
        if self._worker is not None and self._worker.is_running:
            return
        from fatiguelog.export import TargetError, check_targets

        try:
            first, last = self.period()
            target = self.target(first, last)
            existing = check_targets(self.fmt, target, self.root)
        except (ExportError, TargetError) as exc:
            self._status(f"Not exported: {str(exc).rstrip('.')}.", "error")
            return
        if not existing:
            self._write(first, last, target, force=False)
            return

        def answered(replace: bool | None) -> None:
            if replace:
                self._write(first, last, target, force=True)
            else:
                self._status("Not exported: the file that was there is kept. Choose another "
                             "name to keep both.", "error")

        self.app.push_screen(ReplaceDialog(existing), answered)

    def _write(self, first: date, last: date, target: Path, *, force: bool) -> None:
        include_notes = self.query_one("#notes", Checkbox).value
        root, settings, fmt, today = self.root, self.settings, self.fmt, self.day

        def work() -> Written:
            written = write_summary(root, settings, first, last, fmt, target, include_notes,
                                    force=force)
            remember_export(root, today)
            return written

        self._status("Writing the summary...", "busy")
        self._worker = self.run_worker(work, name="export", group="export", thread=True,
                                       exclusive=True, exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._worker:
            return
        if event.state == WorkerState.SUCCESS:
            written = cast(Written, event.worker.result)
            self.written = written
            self.last_export = self.day
            notes = "with your notes" if written.include_notes else "without notes"
            where = "\n".join(str(p) for p in written.paths)
            self._status(
                f"Saved the summary ({written.first} to {written.last}, {notes}) to:\n{where}\n"
                "Only you can read the file (permissions 0600).", "done")
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            if isinstance(error, FileExistsError):  # appeared after the question
                message = f"{error.filename} appeared meanwhile and was kept; export again."
            elif isinstance(error, OSError):
                from fatiguelog.store import describe_os_error

                message = describe_os_error(error, Path(error.filename or ""))
            else:
                message = str(error)
            self._status(f"Not exported: {message}", "error")

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()


__all__ = ["ExportScreen", "ReplaceDialog", "write_summary"]
