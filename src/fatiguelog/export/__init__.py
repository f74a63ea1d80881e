"""Appointment summary exporters: they format a `Summary`, they compute nothing of their own.

Formats: Markdown (`md`, the default), self-contained HTML (`html`), CSV tables (`csv`) and
JSON (`json`, contract in the shared cli spec). Imports stay lazy so `fatiguelog export` loads
only the renderer it uses, and never Textual.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fatiguelog.analysis.summary import Summary

FORMATS: dict[str, str] = {
    "md": "fatiguelog.export.markdown",
    "html": "fatiguelog.export.html",
    "csv": "fatiguelog.export.csv_export",
    "json": "fatiguelog.export.json_export",
}
EXTENSIONS = {"md": ".md", "html": ".html", "csv": ".csv", "json": ".json"}


def render(summary: Summary, fmt: str = "md", include_notes: bool = False) -> str:
    """The whole export as text (CSV: its three tables separated by blank lines)."""
    try:
        module = FORMATS[fmt]
    except KeyError:
        raise ValueError(
            f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}"
        ) from None
    text: str = import_module(module).render(summary, include_notes)
    return text
