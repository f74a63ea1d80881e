"""Flag text for screens: the urgent banner, earlier alarm symptoms and one block per flag, in
words, never colour alone (the sentences themselves come from `fatiguelog.flagtext`, the
level words from `fatiguelog.wording`).

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

from fatiguelog import flagtext as ft
from fatiguelog.homeflags import overview_line  # (Textual-free: home's lines too)
from fatiguelog.textsafe import strip_controls
from fatiguelog.wording import level_label

if TYPE_CHECKING:  # annotations only: the home screen imports this before its first frame
    from fatiguelog.analysis.summary import Alarm, FlagReport, Summary

URGENT_HEADLINE = "!! SEEK MEDICAL CARE PROMPTLY !!"


def _t(text: str) -> str:
    return strip_controls(text)


def when(flag: FlagReport, last_day: date) -> str:
    """ "on since ... (still on)" or "on from ... to ..." in plain words."""
    text = ft.when(flag, last_day)
    return text[:1].upper() + text[1:]


def flag_content(flag: FlagReport, last_day: date) -> Content:
    """The whole flag: title, when, how long, evidence, rule, source, advice, in words (the
    rule id is for the JSON and CSV exports, not for this screen)."""
    level = level_label(flag.level)
    parts: list[str | tuple[str, str]] = [
        (f"{level}: ", "bold"),
        (_t(flag.title), "bold"),
        "\n",
        f"{when(flag, last_day)}\n",
    ]
    lasted = ft.lasted(flag)
    if lasted:
        parts += [("How long: ", "bold"), lasted, "\n"]
    parts += [
        ("Evidence: ", "bold"),
        _t(flag.evidence),
        "\n",
        ("Rule: ", "bold"),
        _t(flag.rule),
        "\n",
        ("Source: ", "bold"),
        _t(flag.source),
        "\n",
        ("What to do: ", "bold"),
        _t(flag.advice),
    ]
    return Content.assemble(*parts)


def urgent_content(summary: Summary) -> Content:
    """The banner: alarm symptoms on at the period's last day, with their dates and advice
    ("today" only when the period ends today)."""
    heading = URGENT_HEADLINE if summary.ends_today else f"!! {ft.banner_heading(summary)} !!"
    parts: list[str | tuple[str, str]] = [(heading, "bold")]
    for line in ft.banner_lines(summary):
        parts += ["\n", _t(line)]
    return Content.assemble(*parts)


def alarms_content(alarms: Sequence[Alarm]) -> Content:
    """Earlier alarm symptoms of the period, with their report dates: no banner, no "today"."""
    parts: list[str | tuple[str, str]] = [(ft.ALARMS_HEADING, "bold")]
    for line in ft.alarm_lines(alarms):
        parts += ["\n- ", _t(line)]
    return Content.assemble(*parts)


class UrgentBanner(Static):
    """Above everything else on a screen: alarm symptoms on at the last day shown."""

    def __init__(self, summary: Summary, **kwargs: Any) -> None:
        super().__init__(urgent_content(summary), classes="urgent-banner", **kwargs)


class AlarmList(Static):
    """Alarm symptoms reported earlier in the period (not on at its last day)."""

    def __init__(self, alarms: Sequence[Alarm], **kwargs: Any) -> None:
        super().__init__(alarms_content(alarms), classes="alarm-list", **kwargs)


class FlagCard(Static):
    def __init__(self, flag: FlagReport, last_day: date) -> None:
        super().__init__(flag_content(flag, last_day), classes=f"flag flag-{flag.level}")


__all__ = [
    "URGENT_HEADLINE",
    "AlarmList",
    "FlagCard",
    "UrgentBanner",
    "flag_content",
    "overview_line",
]
