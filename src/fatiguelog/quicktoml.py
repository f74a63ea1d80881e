"""A fast reader for the plain TOML that fatiguelog itself writes; anything else goes to tomllib.

Ten years of entries are 3,650 files, and `tomllib` (pure Python, written for every corner of
TOML) spends most of a cold load on them. The files fatiguelog writes use a small, regular part
of TOML: one `key = value` per line, `[section]` and `[[section.list]]` headers, inline tables
and arrays of them, plain numbers, dates and times, and strings. `loads` reads exactly that
part, line by line with a few regular expressions, about four times faster, and returns the
same document `tomllib.loads` would. The moment a line is anything else (a comment, a quoted or
dotted key, a literal string, a table defined twice, a number with underscores, a carriage
return...) it gives up with `Unsupported`, and the caller hands the text to `tomllib`: a
hand-edited file is read by the reference parser, never guessed at.

What it accepts is a subset on purpose, and each accepted form is built exactly as tomllib
builds it (the same `int`, `float`, `date`, `time`, `datetime` and `timezone` calls), so the two
can't disagree; a test compares them on every file of a long generated history and on edge
cases of each form.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone

TYPE_CHECKING = False  # (not `typing`'s: importing typing costs a few ms)
if TYPE_CHECKING:
    from typing import Any

__all__ = ["Unsupported", "loads"]


class Unsupported(Exception):
    """The text uses TOML this reader doesn't handle (or is invalid): ask tomllib."""


_KEY_VALUE = re.compile(r"[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*(.*?)[ \t]*")
_HEADER = re.compile(
    r"[ \t]*(\[\[?)[ \t]*([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_-]+))?[ \t]*(\]\]?)"
    r"[ \t]*"
)
# One scalar: a basic string, a datetime, a date, a time, a number, a boolean (in that order:
# a date is also the start of a datetime). The groups say which it was.
_SCALAR = (
    r'(?P<str>"(?:[^"\\\x00-\x08\x0a-\x1f\x7f]|\\(?:["\\btnfr]|u[0-9A-Fa-f]{4}'
    r'|U[0-9A-Fa-f]{8}))*")'
    r"|(?P<dt>(?P<y>[0-9]{4})-(?P<mo>[0-9]{2})-(?P<d>[0-9]{2})"
    r"(?:T(?P<h>[01][0-9]|2[0-3]):(?P<mi>[0-5][0-9]):(?P<s>[0-5][0-9])"
    r"(?P<tz>Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?)?)"
    r"|(?P<time>(?P<th>[01][0-9]|2[0-3]):(?P<tm>[0-5][0-9]):(?P<ts>[0-5][0-9]))"
    r"|(?P<float>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:[eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+))"
    r"|(?P<int>-?(?:0|[1-9][0-9]{0,17}))"
    r"|(?P<bool>true|false)"
)
# (compiled once: a whole value is `_ONE_OF.fullmatch`, one inside a line `_ONE_OF.match`;
# each compile of it is half a millisecond of every `fatiguelog log` and export)
_ONE_OF = re.compile(_SCALAR)
# Inside an inline table or an array: whitespace, then a key (tables) or a value.
_ITEM_KEY = re.compile(r"[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*")
_SPACE = re.compile(r"[ \t\n]*")
_AFTER = re.compile(r"[ \t\n]*([,\]])")
_AFTER_INLINE = re.compile(r"[ \t]*([,}])")  # (an inline table stays on its line)
_ESCAPE = re.compile(r'\\(?:(["\\btnfr])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))')
_ESCAPES = {'"': '"', "\\": "\\", "b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r"}
# A multi-line string's text: no control character but tab and newline, no `"""`, no quote at
# its end (where TOML lets one or two quotes belong to the text: tomllib's to read); escapes
# as in a one-line string (a backslash that ends a line is tomllib's, too).
_MULTILINE_BAD = re.compile(r'[\x00-\x08\x0b-\x1f\x7f]|"""')
_UTC = UTC
#: Bare keys met before, written `key = value` (a set lookup instead of a regular expression).
_KEYS_SEEN: set[str] = set()
_SPACES = (" ", "\t")
_DIGITS = frozenset("0123456789")
_NONE = object()
#: Values common enough to look up whole (never a mutable one: each is shared).
_QUICK: dict[str, Any] = {"true": True, "false": False, **{str(i): i for i in range(11)}}
_ZONES: dict[str, timezone] = {}


def loads(text: str) -> dict[str, Any]:
    """The document, as `tomllib.loads(text)` gives it; `Unsupported` when the text steps
    outside the forms described above (including every invalid text)."""
    if "\r" in text:  # (CRLF files: tomllib's rules for them, not ours)
        raise Unsupported("carriage return")
    root: dict[str, Any] = {}
    table = root
    headed: set[int] = set()  # ids of tables made by a [header] or implied by [a.b]: others
    # (inline tables, arrays' tables) may not be added to
    arrays: set[int] = set()  # ids of lists made by [[headers]]
    lines = text.split("\n")
    count = len(lines)
    n = 0
    while n < count:
        line = lines[n]
        n += 1
        if not line or line.isspace():
            continue
        key, sep, raw = line.partition(" = ")
        if sep and key in _KEYS_SEEN and raw[-1:] not in _SPACES:
            pass  # the common case: `key = value` as fatiguelog writes it
        else:
            match = _KEY_VALUE.fullmatch(line)
            if match is None:
                header = _HEADER.fullmatch(line)
                if header is None:
                    raise Unsupported("a line of another form")
                table = _open_table(root, header, headed, arrays)
                continue
            key, raw = match.group(1), match.group(2)
            if len(_KEYS_SEEN) < 512 and line.startswith(key + " = "):
                _KEYS_SEEN.add(key)
        if key in table:
            raise Unsupported("a key given twice")
        value = _QUICK.get(raw, _NONE)
        if value is not _NONE:
            table[key] = value
            continue
        first = raw[:1]
        if first == '"' and raw[-1] == '"' and len(raw) > 1:
            body = raw[1:-1]
            if '"' not in body and "\\" not in body and body.isprintable():
                table[key] = body
                continue
        elif (
            first in _DIGITS
            and raw.isdigit()
            and raw.isascii()
            and (first != "0" or len(raw) == 1)
            and len(raw) < 19
        ):
            table[key] = int(raw)
            continue
        if first == "[" and raw != "[]":
            if raw == "[":  # an array over several lines, to the line that is "]"
                start = n
                while n < count and lines[n].strip() != "]":
                    n += 1
                if n == count:
                    raise Unsupported("an array that never ends")
                n += 1
                raw = "[\n" + "\n".join(lines[start : n - 1]) + "\n]"
            table[key] = _array(raw)
        elif first == "{":
            value, end = _inline_table(raw, 1)
            if end != len(raw):
                raise Unsupported("text after an inline table")
            table[key] = value
        elif raw.startswith('"""'):
            if not line.endswith(raw):  # (spaces after it belong to the text)
                raise Unsupported("a string for tomllib")
            table[key], n = _multiline(raw, lines, n)
        elif raw == "[]":
            table[key] = []
        else:
            scalar = _ONE_OF.fullmatch(raw)
            if scalar is None:
                raise Unsupported("a value of another form")
            table[key] = _scalar(scalar)
    return root


def _open_table(
    root: dict[str, Any], header: re.Match[str], headed: set[int], arrays: set[int]
) -> dict[str, Any]:
    """The table a `[a]`, `[a.b]`, `[[a]]` or `[[a.b]]` header starts."""
    opening, first, second, closing = header.groups()
    if len(opening) != len(closing):
        raise Unsupported("mismatched brackets")
    parent = root
    name = first
    if second is not None:
        outer = root.get(first)
        if outer is None:
            outer = root[first] = {}  # implied by [a.b] (a [a] after it is tomllib's)
            headed.add(id(outer))
        elif type(outer) is not dict or id(outer) not in headed:
            raise Unsupported("a table inside a value or an array")
        parent, name = outer, second
    existing = parent.get(name)
    if opening == "[":
        if existing is not None:
            raise Unsupported("a table defined twice")
        table: dict[str, Any] = {}
        parent[name] = table
        headed.add(id(table))
        return table
    if existing is None:
        existing = parent[name] = []
        arrays.add(id(existing))
    elif type(existing) is not list or id(existing) not in arrays:
        raise Unsupported("an array of tables after a value")
    table = {}
    existing.append(table)
    headed.add(id(table))
    return table


def _scalar(match: re.Match[str]) -> Any:
    kind = match.lastgroup
    if kind == "int":
        return int(match.group("int"))
    if kind == "bool":
        return match.group("bool") == "true"
    if kind == "str":
        return _string(match.group("str")[1:-1])
    if kind == "float":
        return float(match.group("float"))
    if kind == "time" or kind in ("th", "tm", "ts"):
        return time(int(match.group("th")), int(match.group("tm")), int(match.group("ts")))
    # a date or a datetime (the last group matched may be one of its parts)
    try:
        year, month, day = int(match.group("y")), int(match.group("mo")), int(match.group("d"))
        if match.group("h") is None:
            return date(year, month, day)
        zone = match.group("tz")
        tz = None if zone is None else _UTC if zone == "Z" else _zone(zone)
        return datetime(
            year,
            month,
            day,
            int(match.group("h")),
            int(match.group("mi")),
            int(match.group("s")),
            tzinfo=tz,
        )
    except ValueError:  # (a day that doesn't exist: tomllib says so)
        raise Unsupported("not a real date") from None


def _zone(offset: str) -> timezone:
    """As tomllib makes it: `timezone(timedelta(hours=±h, minutes=±m))`."""
    found = _ZONES.get(offset)
    if found is None:
        sign = 1 if offset[0] == "+" else -1
        found = _ZONES[offset] = timezone(
            timedelta(hours=sign * int(offset[1:3]), minutes=sign * int(offset[4:6]))
        )
    return found


def _string(body: str) -> str:
    if "\\" not in body:
        return body
    return _ESCAPE.sub(_unescape, body)


def _unescape(match: re.Match[str]) -> str:
    simple = match.group(1)
    if simple is not None:
        return _ESCAPES[simple]
    code = int(match.group(2) or match.group(3), 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:  # not a Unicode scalar value
        raise Unsupported("not a character")
    return chr(code)


def _multiline_text(body: str) -> str:
    if _MULTILINE_BAD.search(body) or body.endswith('"'):
        raise Unsupported("a string for tomllib")
    if "\\" not in body:
        return body
    if "\\" in _ESCAPE.sub("", body):  # a line-ending backslash, or no escape at all
        raise Unsupported("a string for tomllib")
    return _ESCAPE.sub(_unescape, body)


def _multiline(raw: str, lines: list[str], n: int) -> tuple[str, int]:
    """A `\"\"\"` string: its text and the index of the line after it."""
    rest = raw[3:]
    if rest.endswith('"""') and len(rest) >= 3:  # on one line
        return _multiline_text(rest[:-3]), n
    # (the newline just after the opening quotes is not part of the text)
    body_lines = [rest] if rest else []
    count = len(lines)
    while n < count:
        line = lines[n]
        n += 1
        if line.endswith('"""'):
            body_lines.append(line[:-3])
            return _multiline_text("\n".join(body_lines)), n
        body_lines.append(line)
    raise Unsupported("a string that never ends")


def _inline_table(text: str, pos: int) -> tuple[dict[str, Any], int]:
    """`{ k = v, ... }` starting just after the brace at `pos - 1`: the table and the index
    after its closing brace. Values are scalars only."""
    table: dict[str, Any] = {}
    closed = _AFTER_INLINE.match(text, pos)
    if closed is not None and closed.group(1) == "}":
        return table, closed.end()
    while True:
        key = _ITEM_KEY.match(text, pos)
        if key is None:
            raise Unsupported("an inline table of another form")
        name = key.group(1)
        if name in table:
            raise Unsupported("a key given twice")
        value = _ONE_OF.match(text, key.end())
        if value is None:
            raise Unsupported("an inline value of another form")
        table[name] = _scalar(value)
        after = _AFTER_INLINE.match(text, value.end())
        if after is None:
            raise Unsupported("an inline table of another form")
        pos = after.end()
        if after.group(1) == "}":
            return table, pos


def _array(text: str) -> list[Any]:
    """`[ v, ... ]` (over one line or several): scalars and inline tables."""
    items: list[Any] = []
    pos = 1
    end = len(text)
    while True:
        closed = _AFTER.match(text, pos)
        if closed is not None and closed.group(1) == "]":
            if closed.end() != end:
                raise Unsupported("text after an array")
            return items
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]  # (always matches)
        if text.startswith("{", pos):
            value, pos = _inline_table(text, pos + 1)
            items.append(value)
        else:
            item = _ONE_OF.match(text, pos)
            if item is None:
                raise Unsupported("an array item of another form")
            items.append(_scalar(item))
            pos = item.end()
        after = _AFTER.match(text, pos)
        if after is None:
            raise Unsupported("an array of another form")
        pos = after.end()
        if after.group(1) == "]":
            if pos != end:
                raise Unsupported("text after an array")
            return items
