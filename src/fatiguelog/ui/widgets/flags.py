"""Flag text for screens: the urgent banner and one block per flag, in words, never colour alone.

Every piece of text that came from the user's files (substance names inside evidence, for
instance) goes in as plain text: `Content.assemble` with strings does not parse markup, and
`strip_controls` removes terminal escapes first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widgets import Static

from fatiguelog.textsafe import strip_controls

if TYPE_CHECKING:  # annotations only: the home screen imports this before its first frame
    from fatiguelog.analysis.summary import FlagReport

URGENT_HEADLINE = "!! SEEK MEDICAL CARE PROMPTLY !!"
LEVEL_WORDS = {"urgent": "!! URGENT", "warn": "! WARNING", "info": "i NOTE"}
NOT_A_DIAGNOSIS = ("This is not a diagnosis. These flags describe your own entries; talk to "
                   "your doctor or another clinician about them.")


def _t(text: str) -> str:
    return strip_controls(text)


def when(flag: FlagReport, last_day: date) -> str:
    """"since ... (still active)" or "since ... until ..." in plain words."""
    since = flag.since.isoformat()
    if flag.last == last_day:
        return f"Active since {since}, still active on {flag.last.isoformat()}"
    return f"Active from {since} to {flag.last.isoformat()} (not active on the last day)"


def overview_line(flag: FlagReport, last_day: date | None = None) -> str:
    """One line per flag (home, and the top of the trend view); the details follow elsewhere.
    With `last_day` (a period's end) it also says whether the flag is still active then."""
    level = LEVEL_WORDS.get(flag.level, flag.level)
    if last_day is None:
        return f"{level}: {_t(flag.title)} (since {flag.since.isoformat()})"
    still = "still active" if flag.last == last_day else f"until {flag.last.isoformat()}"
    return f"{level}: {_t(flag.title)} (since {flag.since.isoformat()}, {still})"


def flag_content(flag: FlagReport, last_day: date) -> Content:
    """The whole flag: title, when, evidence, rule, source, advice, each labelled in words."""
    level = LEVEL_WORDS.get(flag.level, flag.level.upper())
    return Content.assemble(
        (f"{level}: ", "bold"), (_t(flag.title), "bold"), f"  ({flag.id})\n",
        f"{when(flag, last_day)}\n",
        ("Evidence: ", "bold"), _t(flag.evidence), "\n",
        ("Rule: ", "bold"), _t(flag.rule), "\n",
        ("Source: ", "bold"), _t(flag.source), "\n",
        ("What to do: ", "bold"), _t(flag.advice),
    )


def urgent_content(flags: Sequence[FlagReport], last_day: date) -> Content:
    """The headline, then each urgent flag in full (its advice says to seek care promptly)."""
    parts: list[str | tuple[str, str] | Content] = [(URGENT_HEADLINE, "bold")]
    for flag in flags:
        parts += ["\n", flag_content(flag, last_day)]
    return Content.assemble(*parts)


class UrgentBanner(Static):
    """Above everything else on a screen: red flags reported in the last 7 days."""

    def __init__(self, flags: Sequence[FlagReport], last_day: date, **kwargs: Any) -> None:
        super().__init__(urgent_content(flags, last_day), classes="urgent-banner", **kwargs)


class FlagCard(Static):
    def __init__(self, flag: FlagReport, last_day: date) -> None:
        super().__init__(flag_content(flag, last_day), classes=f"flag flag-{flag.level}")


__all__ = ["LEVEL_WORDS", "NOT_A_DIAGNOSIS", "URGENT_HEADLINE", "FlagCard", "UrgentBanner",
           "flag_content", "overview_line"]
