"""The patient's own "What I want to discuss": a few lines that open the appointment summary.

An appointment is short, and brain fog makes people forget what they came for, so the summary
starts with the user's own words (`export --discuss TEXT`, `--discuss-file PATH`, or the text
box of the export screen). It is user text: control and bidirectional characters are removed
here, and every format escapes what is left (Markdown, HTML, the CSV formula guard, JSON).
It must fit on page one, so a longer text is refused with a sentence that says the limit,
never cut short behind the user's back.

The export screen keeps what is typed as a draft in `<data>/drafts/discuss.toml` (0600,
atomic), so leaving the screen, a crash or a closed terminal loses nothing; the draft is
removed once a summary with it is written. A draft that can't be read is only forgotten.
Pure: no Textual.
"""

from __future__ import annotations

import contextlib
import re
import sys
from pathlib import Path
from typing import Final

from fatiguelog.textsafe import strip_controls

#: The most characters the text may have: about ten lines of page one.
MAX_CHARS: Final = 1000
#: The most lines (a list of short items).
MAX_LINES: Final = 15
#: A file larger than this is not a few lines of text (read no further).
MAX_FILE_BYTES: Final = 64 * 1024
DRAFT_NAME: Final = "discuss.toml"
DRAFT_SCHEMA: Final = 1
_BLANK_RUN = re.compile(r"\n{3,}")


class DiscussError(ValueError):
    """A discuss text or file that can't be used; the message is one plain line."""


def clean(text: str) -> str:
    """The text as it will be shown: no control or bidirectional characters, tabs as spaces,
    no trailing spaces, at most one blank line in a row, no blank lines around it."""
    text = strip_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.replace("\t", "    ").rstrip() for line in text.split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n").strip()


def too_long(text: str) -> str | None:
    """Why a cleaned text can't go on page one (None: it fits)."""
    lines = text.count("\n") + 1 if text else 0
    if len(text) > MAX_CHARS:
        return (
            f"is {len(text):,} characters long: keep it to {MAX_CHARS:,} (about ten "
            "lines) so it fits on the first page"
        )
    if lines > MAX_LINES:
        return f"has {lines} lines: keep it to {MAX_LINES} so it fits on the first page"
    return None


def check(text: str, what: str = "the text to discuss") -> str:
    """The cleaned text; raises DiscussError when it is too long for page one."""
    cleaned = clean(text)
    problem = too_long(cleaned)
    if problem:
        raise DiscussError(f"{what} {problem}")
    return cleaned


def read_file(name: str) -> str:
    """The cleaned text of a UTF-8 text file (`-`: standard input); DiscussError for a file
    that is missing, unreadable, not a regular file, huge, binary or too long."""
    from fatiguelog.atomic import TooLargeError, UnsafePathError, read_capped

    if name == "-":
        raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        where = "standard input"
        if len(raw) > MAX_FILE_BYTES:
            raise DiscussError(
                f"{where} holds more than {MAX_FILE_BYTES // 1024} KiB: the text "
                f"to discuss must be a few lines (at most {MAX_CHARS:,} "
                "characters)"
            )
    else:
        path = Path(name).expanduser()
        where = strip_controls(str(path), one_line=True)
        try:
            raw = read_capped(str(path), MAX_FILE_BYTES)
        except FileNotFoundError:
            raise DiscussError(
                f"{where} does not exist: give the file with the text to discuss"
            ) from None
        except TooLargeError:
            raise DiscussError(
                f"{where} is larger than {MAX_FILE_BYTES // 1024} KiB: the text "
                f"to discuss must be a few lines (at most {MAX_CHARS:,} "
                "characters)"
            ) from None
        except UnsafePathError:
            kind = "a folder" if path.is_dir() else "not a regular file"
            raise DiscussError(f"{where} is {kind}: give a text file") from None
        except OSError as exc:
            raise DiscussError(f"{where} can't be read: {exc.strerror or exc}") from None
    if b"\0" in raw:
        raise DiscussError(f"{where} is not a text file (it holds binary data)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DiscussError(f"{where} is not UTF-8 text: save it as UTF-8 and try again") from None
    return check(text, where)


# --- the export screen's draft ---------------------------------------------------------------
def draft_path(root: Path) -> Path:
    from fatiguelog.paths import drafts_dir

    return drafts_dir(root) / DRAFT_NAME


def load_draft(root: Path) -> str:
    """The text kept from the export screen ("" when there is none or it can't be used)."""
    from fatiguelog.atomic import read_capped
    from fatiguelog.problems import Problem
    from fatiguelog.tomlsafe import decode_toml, structure_issue

    try:
        raw = read_capped(str(draft_path(root)), MAX_FILE_BYTES)
    except OSError:
        return ""
    decoded = decode_toml(raw, DRAFT_NAME)
    if isinstance(decoded, Problem) or structure_issue(decoded[1]) is not None:
        return ""
    doc = decoded[1]
    text = doc.get("text")
    if doc.get("schema") != DRAFT_SCHEMA or not isinstance(text, str):
        return ""
    return strip_controls(text)


def save_draft(root: Path, text: str, *, durable: bool = False) -> None:
    """Keep the text as it is being typed (atomic, 0600); an empty text removes the draft.
    Raises OSError: the screen says it once."""
    if not text.strip():
        remove_draft(root)
        return
    import tomli_w

    from fatiguelog.atomic import atomic_write

    doc = {"schema": DRAFT_SCHEMA, "text": strip_controls(text)}
    atomic_write(draft_path(root), tomli_w.dumps(doc).encode("utf-8"), durable=durable, root=root)


def remove_draft(root: Path) -> None:
    from fatiguelog.atomic import UnsafePathError, remove_under

    with contextlib.suppress(UnsafePathError, OSError):
        remove_under(root, draft_path(root))


__all__ = [
    "MAX_CHARS",
    "MAX_LINES",
    "DiscussError",
    "check",
    "clean",
    "load_draft",
    "read_file",
    "remove_draft",
    "save_draft",
    "too_long",
]
