"""User text is data, never markup or control sequences."""

from __future__ import annotations

import re

# C0 controls (ESC included) and DEL and C1, except tab and newline which text may keep.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def strip_controls(text: str, *, one_line: bool = False) -> str:
    """Remove characters a terminal would act on (ESC starts escape sequences)."""
    if one_line:
        return _CONTROL_ONE_LINE.sub(" ", text)
    return _CONTROL.sub("", text.replace("\r\n", "\n"))
