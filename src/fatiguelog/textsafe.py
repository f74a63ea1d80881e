"""User text is data, never markup, control sequences or hidden reordering.

Text from a file (a hand-edited note, a substance name, a settings value) passes through
`strip_controls` before it reaches a terminal, a screen widget or an `Input`'s value:
- C0 controls (ESC included), DEL and C1 start or alter terminal escape sequences (a note
  holding ESC ] 0 ; ... BEL would retitle the terminal);
- bidirectional controls (U+202A-U+202E embeddings and overrides, U+2066-U+2069 isolates,
  U+200E/U+200F marks, U+061C) make text read in a different order than it is stored
  ("Trojan Source"): "3 g" can be drawn as "g 3", or a dose name hide its end.
Both are removed: nothing is lost that a reader could see.
"""

from __future__ import annotations

import re

#: Bidirectional formatting characters: drawn as nothing, they reorder the text around them.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# C0 controls (ESC included), DEL and C1, and bidi controls, except tab and newline which
# text may keep. (Patterns as text, compiled and cached by `re` the first time a text holds
# any of them: most never do, and the app's first frame draws lines before any does.)
_CONTROL = rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]"
_CONTROL_ONE_LINE = r"[\x00-\x1f\x7f-\x9f]"
_BIDI = f"[{BIDI_CONTROLS}]"


def strip_controls(text: str, *, one_line: bool = False) -> str:
    """Remove characters a terminal would act on (ESC starts escape sequences) and the
    invisible ones that reorder text; `one_line` also turns line breaks and tabs into spaces."""
    if text.isprintable():  # (no control, format or line-break character: nothing to do)
        return text
    if one_line:
        return re.sub(_CONTROL_ONE_LINE, " ", re.sub(_BIDI, "", text))
    return re.sub(_CONTROL, "", text.replace("\r\n", "\n"))


def for_input(text: str) -> str:
    """Text for a one-line `Input` box: no controls, no reordering, no line breaks (an Input
    shows one line; a break would hide the rest of the text)."""
    return strip_controls(text).replace("\n", " ").replace("\t", " ")


def as_edited(original: str, shown: str, typed: str) -> str:
    """What to write back for a text box that showed `shown` (`original`, made safe) and now
    holds `typed`: only what the user changed is new. Untouched, the original comes back byte
    for byte (its control or bidi characters included: they were in the file, and nobody asked
    to change them); edited, the characters before and after the change keep their original
    form, and only the typed middle is new (made safe)."""
    if typed == shown:
        return original
    kept = [i for i, char in enumerate(original) if not re.match(_CONTROL, char)]
    if len(kept) != len(shown) or "".join(original[i] for i in kept) != shown:
        return strip_controls(typed)  # `shown` is not `original` made safe: nothing to keep
    head = 0
    most = min(len(shown), len(typed))
    while head < most and shown[head] == typed[head]:
        head += 1
    tail = 0
    while tail < most - head and shown[-1 - tail] == typed[-1 - tail]:
        tail += 1
    start = kept[head - 1] + 1 if head else 0
    end = kept[len(shown) - tail] if tail else len(original)
    middle = strip_controls(typed[head : len(typed) - tail])
    return original[:start] + middle + original[end:]


def kept_if_unchanged(typed: str, original: object) -> str | None:
    """The file's own text when a one-line box still shows it as it was filled in (`for_input`
    of it), else None: text passed through untouched is written back untouched."""
    if isinstance(original, str) and typed == for_input(original):
        return original
    return None
