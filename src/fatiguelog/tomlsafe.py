"""TOML from a file that may be hostile: every way of failing is one problem of that file.

Shared by entries, settings, drafts and the state file. Light on purpose (tomllib and `re`
only, tomllib imported when a file is read with it: `fatiguelog log` reads its day with the
fast reader and never needs it): the app reads its settings before the first frame.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from fatiguelog.problems import Problem

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `fatiguelog log` never imports typing
if TYPE_CHECKING:
    from typing import Any

#: No fatiguelog file needs more: an entry is a few hundred bytes. Nothing larger is read.
MAX_FILE_BYTES = 1 << 20
#: Deepest nesting of tables and lists a file may have (an entry needs 4).
MAX_DEPTH = 32
#: TOML integers are 64-bit; tomllib accepts longer ones, which no answer needs.
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
_CONTAINERS_AND_INT = (dict, list, int)

TOO_LARGE = "larger than 1 MiB, far more than any of fatiguelog's files needs; it was not read"
_TOML_LINE = r"\(at line (\d+), column \d+\)"
#: tomllib messages that quote a piece of the file, said without it (a problem is shown in
#: every view and export, and must not carry the file's text). Patterns as text: compiled
#: (and cached by `re`) only when a file is broken, not on every start.
_TOML_QUOTING = (
    (r"^Found invalid character .*", "Found an invalid character"),
    (r"^Illegal character .*", "Illegal character in a string"),
    (r"^Cannot declare .* twice", "A table or key is declared twice"),
    (r"^Duplicate inline table key .*", "A key is repeated in an inline table"),
    (r"^Cannot mutate immutable namespace .*", "A table written inline can't be added to later"),
    (r"^Cannot redefine namespace .*", "A table is defined twice"),
)


def decode_toml(
    raw: bytes,
    rel: str,
    limit: int = MAX_FILE_BYTES,
    *,
    loads: Callable[[str], dict[str, Any]] | None = None,
) -> tuple[str, dict[str, Any]] | Problem:
    """A TOML file's text and document, or the one problem that stops it being read.

    Every way tomllib can fail is caught here, per file: invalid TOML, an integer too long to
    convert (ValueError), nesting that exhausts the stack (RecursionError), memory. A UTF-8
    byte-order mark at the start (some editors write one) is accepted. `loads` may be a faster
    reader that falls back to tomllib (entries: `fatiguelog.quicktoml`); tomllib's by default."""
    if len(raw) > limit:
        return Problem(rel, TOO_LARGE)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Problem(rel, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    if text.startswith("\ufeff"):
        text = text[1:]
    if loads is None:
        import tomllib

        loads = tomllib.loads
    try:
        return text, loads(text)
    except RecursionError:
        return Problem(rel, "values are nested too deeply to be read")
    except ValueError as exc:
        import tomllib  # (loaded by now: a decode error is always tomllib's)

        if not isinstance(exc, tomllib.TOMLDecodeError):  # int() past the digit limit
            return Problem(rel, "holds a number too long to be read (thousands of digits)")
        match = re.search(_TOML_LINE, str(exc))
        message = re.sub(_TOML_LINE, "", str(exc)).strip()
        for pattern, said in _TOML_QUOTING:
            message = re.sub(pattern, said, message)
        line = int(match.group(1)) if match else None
        return Problem(rel, f"not valid TOML: {message}", line)
    except MemoryError:
        return Problem(rel, "could not be read: it needs more memory than is available")


def structure_issue(doc: dict[str, Any]) -> tuple[str, tuple[str, ...]] | None:
    """Nesting deeper than `MAX_DEPTH`, or an integer outside TOML's 64 bits, anywhere in the
    document (known keys or not), with the top-level key it is under: such a file is a
    problem as a whole. Iterative, so a document nested thousands deep can't exhaust the stack
    here (nor, once refused, anywhere else: the cache's JSON, a rewrite)."""
    stack: list[tuple[Any, int, str]] = [(v, 1, k) for k, v in doc.items()]
    while stack:
        value, depth, top = stack.pop()
        kind = type(value)
        if kind is int:
            if not _INT_MIN <= value <= _INT_MAX:
                return "a whole number is too large for TOML (over 64 bits)", (top,)
        elif kind is dict or kind is list:
            if depth > MAX_DEPTH:
                return f"values are nested deeper than {MAX_DEPTH} levels", (top,)
            items = value.values() if kind is dict else value
            stack.extend((v, depth + 1, top) for v in items if type(v) in _CONTAINERS_AND_INT)
    return None
