"""A program in a real terminal (a pty), watched from outside: when did some text appear?

The bench measures what a user waits for, so it runs the app as a user does: in a terminal of
80x24, reading what the program writes and keeping a screen of it (a small VT100 subset:
cursor moves, erasing, text; colours and modes are read and ignored). `Terminal.wait_for`
returns the moment a text is first on that screen. Nothing here is part of fatiguelog.
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence

from rich.cells import cell_len

# ESC [ params final | ESC ] ... BEL/ST | ESC P ... ST | other ESC sequences | a control
_SEQUENCE = (
    r"\x1b\[([0-?]*)[ -/]*([@-~])"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[P_^X][^\x1b]*\x1b\\"
    r"|\x1b[()*+][0-9A-Za-z]"
    r"|\x1b(?![\[\]P_^X()*+])[ -/]*[0-~]"
)
_CONTROL = re.compile(_SEQUENCE + r"|[\x00-\x1f\x7f]")
_COMPLETE = re.compile(_SEQUENCE)


class Screen:
    """What a terminal of `columns` x `rows` shows, fed the program's output."""

    def __init__(self, columns: int = 80, rows: int = 24):
        self.columns, self.rows = columns, rows
        self.grid = [[" "] * columns for _ in range(rows)]
        self.x = self.y = 0
        self._pending = ""  # an escape sequence cut by the end of a read

    def feed(self, text: str) -> None:
        text = self._pending + text
        self._pending = ""
        cut = text.rfind("\x1b")
        if cut >= 0 and _COMPLETE.match(text, cut) is None and len(text) - cut < 256:
            text, self._pending = text[:cut], text[cut:]  # completed by the next read
        pos = 0
        for match in _CONTROL.finditer(text):
            if match.start() > pos:
                self._print(text[pos : match.start()])
            self._control(match)
            pos = match.end()
        self._print(text[pos:])

    def _print(self, text: str) -> None:
        for char in text:
            width = cell_len(char)
            if width == 0:
                continue
            if self.x + width > self.columns:
                self.x = 0
                self.y = min(self.y + 1, self.rows - 1)
            if 0 <= self.y < self.rows:
                self.grid[self.y][self.x] = char
                if width == 2 and self.x + 1 < self.columns:
                    self.grid[self.y][self.x + 1] = ""
            self.x += width

    def _control(self, match: re.Match[str]) -> None:
        sequence = match.group(0)
        final = match.group(2)
        if final is None:
            if sequence == "\r":
                self.x = 0
            elif sequence == "\n":
                self.y = min(self.y + 1, self.rows - 1)
            elif sequence == "\b":
                self.x = max(0, self.x - 1)
            return
        raw = match.group(1)
        if raw.startswith("?") or raw.startswith(">") or raw.startswith("<"):
            return  # private modes and queries: nothing drawn
        params = [int(p) if p.isdigit() else 0 for p in raw.split(";")] if raw else []

        def arg(i: int, default: int = 1) -> int:
            return params[i] if len(params) > i and params[i] else default

        if final in "Hf":
            self.y = min(self.rows - 1, arg(0) - 1)
            self.x = min(self.columns - 1, arg(1) - 1)
        elif final == "A":
            self.y = max(0, self.y - arg(0))
        elif final == "B":
            self.y = min(self.rows - 1, self.y + arg(0))
        elif final == "C":
            self.x = min(self.columns - 1, self.x + arg(0))
        elif final == "D":
            self.x = max(0, self.x - arg(0))
        elif final == "G":
            self.x = min(self.columns - 1, arg(0) - 1)
        elif final == "d":
            self.y = min(self.rows - 1, arg(0) - 1)
        elif final == "K":
            mode = arg(0, 0)
            row = self.grid[self.y]
            span = {0: range(self.x, self.columns), 1: range(0, self.x + 1)}.get(
                mode, range(self.columns)
            )
            for i in span:
                row[i] = " "
        elif final == "J":
            mode = arg(0, 0)
            if mode == 2 or mode == 3:
                self.grid = [[" "] * self.columns for _ in range(self.rows)]
            elif mode == 0:
                self.grid[self.y][self.x :] = [" "] * (self.columns - self.x)
                for y in range(self.y + 1, self.rows):
                    self.grid[y] = [" "] * self.columns
        elif final == "X":
            for i in range(self.x, min(self.columns, self.x + arg(0))):
                self.grid[self.y][i] = " "

    def text(self) -> str:
        return "\n".join("".join(row) for row in self.grid)


class Terminal:
    """A command running in a pty of `columns` x `rows`, and the screen it draws."""

    def __init__(
        self, command: Sequence[str], env: dict[str, str], columns: int = 80, rows: int = 24
    ):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(command),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            close_fds=True,
            env={**env, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows)},
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.screen = Screen(columns, rows)
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.output = bytearray()

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the program ended
            raise ProgramEnded(self.screen.text()) from None
        if not chunk:
            raise ProgramEnded(self.screen.text())
        self.output += chunk
        self.screen.feed(self._decoder.decode(chunk))
        return True

    def wait_for(self, *texts: str, timeout: float = 60.0) -> float:
        """Seconds since the program started until every one of `texts` is on screen."""
        deadline = time.perf_counter() + timeout
        while True:
            shown = self.screen.text()
            if all(text in shown for text in texts):
                return time.perf_counter() - self.started
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"not on screen after {timeout} s: {texts!r}\n{shown}")
            self._read(left)

    def first_of(self, texts: dict[str, str], timeout: float = 60.0) -> dict[str, float]:
        """For each named text, the moment it was first on screen (all must appear)."""
        seen: dict[str, float] = {}
        deadline = time.perf_counter() + timeout
        while len(seen) < len(texts):
            shown = self.screen.text()
            now = time.perf_counter() - self.started
            for name, text in texts.items():
                if name not in seen and text in shown:
                    seen[name] = now
            if len(seen) == len(texts):
                break
            left = deadline - time.perf_counter()
            if left <= 0:
                missing = [t for n, t in texts.items() if n not in seen]
                raise TimeoutError(f"not on screen after {timeout} s: {missing!r}\n{shown}")
            self._read(left)
        return seen

    def drain(self, quiet: float = 0.05) -> None:
        """Read until the program has been quiet for `quiet` seconds."""
        while self._read(quiet):
            pass

    def press(self, keys: str) -> float:
        """Type `keys`; the moment they were sent (seconds since the start)."""
        os.write(self.master, keys.encode())
        return time.perf_counter() - self.started

    def close(self) -> None:
        """End the program (its whole process group: it started it)."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        os.close(self.master)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ProgramEnded(RuntimeError):
    """The program ended before the text appeared (its last screen is the message)."""
