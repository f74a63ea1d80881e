"""A problem found in a user's file: which file, which line (when known), what is wrong."""

from __future__ import annotations

from datetime import date

from fatiguelog.paths import day_of_name

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `fatiguelog log` never imports typing
if TYPE_CHECKING:
    from typing import NamedTuple
else:
    from fatiguelog.ntuple import NamedTuple


class Problem(NamedTuple):
    file: str  # relative to the data folder, with forward slashes
    message: str
    line: int | None = None

    @property
    def day(self) -> date | None:
        """The day of the entry file it is about, when its name says so."""
        return day_of_name(self.file.replace("\\", "/").rsplit("/", 1)[-1])

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"
