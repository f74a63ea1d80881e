"""A problem found in a user's file: which file, which line (when known), what is wrong."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    file: str  # relative to the data folder, with forward slashes
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"
