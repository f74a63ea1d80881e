"""`strip_controls` returns printable text as it is without running its patterns (home's first
frame passes every line through it): for every character, what it removes or replaces is
exactly what the patterns of the rule say."""

from __future__ import annotations

import re

import pytest

from fatiguelog.textsafe import BIDI_CONTROLS, strip_controls

KEPT_LINE_BREAKS = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
BIDI = re.compile(f"[{BIDI_CONTROLS}]")


@pytest.mark.parametrize("plane", range(0, 0x30000, 0x8000))
def test_every_character_is_kept_or_removed_as_the_rule_says(plane: int) -> None:
    for code in range(plane, plane + 0x8000):
        if 0xD800 <= code <= 0xDFFF:
            continue  # (surrogates are never in decoded text)
        text = f"a{chr(code)}b"
        assert strip_controls(text) == KEPT_LINE_BREAKS.sub("", text), hex(code)
        assert strip_controls(text, one_line=True) == ONE_LINE.sub(" ", BIDI.sub("", text)), hex(
            code
        )


def test_an_escape_sequence_a_bidi_override_and_a_line_break() -> None:
    hostile = "note\x1b]0;owned\x07 \u202egnp.exe\r\nnext"
    assert strip_controls(hostile) == "note]0;owned gnp.exe\nnext"
    assert strip_controls(hostile, one_line=True) == "note ]0;owned  gnp.exe  next"
