"""Changes to settings.toml that keep what the user wrote: comments, blank lines, order, spelling.

The settings screen and the theme key (ctrl+t) change one thing at a time: a value, a step
switched off, a substance or tracker added, a tracker moved. Every other byte of the file stays
as it was, so a hand-written, commented file survives the app.

Why tomlkit: stdlib `tomllib` only reads, and a writer such as tomli-w writes a document from
scratch (the comments are gone, `[[substances]]` tables come back as one inline array). tomlkit
parses a file into a document that remembers every comment and space, so a value already in
the file is replaced or removed in place, with its end-of-line comment. What tomlkit does not
know is where a *new* line belongs: it adds a key after the comments that end a table, and in a
hand-written file those are the comments above the next table. So new keys and new
`[[tables]]` go right after the last line of their own table's content (see `_Layout`), their
text written by tomlkit (quoting, escapes).

Every change is proven before anything is written: the new text must read back (with tomllib,
as every reader does) as exactly the old settings plus this one change, and hold no problem.
Otherwise the file is left as it is and the user is told to make the change by hand. A file that
can't be read, or holds values this version does not accept, is never rewritten.
Textual-free (the settings screen is a thin view over this).
"""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from fatiguelog import paths
from fatiguelog.atomic import atomic_write
from fatiguelog.settings import OPTIONAL_STEPS, Tracker, parse_settings, tracker_table
from fatiguelog.store import StoreError

_BOM = "\ufeff"
_HEADER_START = re.compile(r"^[ \t]*\[")
_KEY_CHARS = re.compile(r"[^a-z0-9]+")
#: A new file starts with this line, so whoever opens it knows what it is.
NEW_FILE_HEADER = "# fatiguelog settings: edit here or in the app (fatiguelog settings)\n"
CANNOT = (
    "it could not be changed without touching the rest of the file (its layout is "
    "unusual), so it was left as it is: make this change by hand"
)


class _Section(NamedTuple):
    """A `[table]` or `[[table]]` of the file, as lines."""

    path: tuple[str, ...]
    array: bool
    lead: int  # first of the comment lines right above its header (the header when none)
    header: int
    end: int  # one past its last line of content (its trailing blank and comment lines excluded)


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _is_blank(line: str) -> bool:
    return not line.strip()


def _header_path(line: str) -> tuple[tuple[str, ...], bool] | None:
    """The key path of a header line (`[[substances]]  # mine` -> ("substances",), True)."""
    try:
        doc: Any = tomllib.loads(line)
    except tomllib.TOMLDecodeError:
        return None
    path: list[str] = []
    array = False
    while isinstance(doc, dict) and len(doc) == 1:
        key, value = next(iter(doc.items()))
        path.append(key)
        array = isinstance(value, list)
        doc = value[-1] if array and value else value
    return (tuple(path), array) if path and doc == {} else None


class _Layout:
    """Where each table of a file starts and ends, line by line.

    A header is a line starting with `[` at a point where the file read so far is complete TOML
    (not inside a multi-line string or array: the text since the last header reads alone).
    The comment lines right above a header belong to that table; blank lines and other comments
    after a table's last value belong to neither, and stay where they are."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines(keepends=True)
        headers: list[tuple[int, tuple[str, ...], bool]] = []
        since = 0  # the last header found: the text from it to a candidate must be complete
        for i, line in enumerate(self.lines):
            if not _HEADER_START.match(line):
                continue
            found = _header_path(line)
            # (one table's text read alone: each line of the file is read about once)
            if found is None or not _complete("".join(self.lines[since:i])):
                continue
            headers.append((i, *found))
            since = i
        self.sections: list[_Section] = []
        floor = -1
        leads: list[int] = []
        for i, _path, _array in headers:
            lead = i
            while lead - 1 > floor and _is_comment(self.lines[lead - 1]):
                lead -= 1
            leads.append(lead)
            floor = i
        for k, (i, path, array) in enumerate(headers):
            stop = leads[k + 1] if k + 1 < len(headers) else len(self.lines)
            self.sections.append(_Section(path, array, leads[k], i, self._content_end(i + 1, stop)))
        first = leads[0] if leads else len(self.lines)
        #: One past the last top-level key's line (0: the file has no top-level key).
        self.top_end = self._content_end(0, first)
        self.first_lead = first

    def _content_end(self, start: int, stop: int) -> int:
        end = stop
        while end > start and (_is_blank(self.lines[end - 1]) or _is_comment(self.lines[end - 1])):
            end -= 1
        return end

    def text(self) -> str:
        return "".join(self.lines)

    def table(self, path: tuple[str, ...]) -> _Section | None:
        return next((s for s in self.sections if s.path == path and not s.array), None)

    def elements(self, name: str) -> list[tuple[int, int]]:
        """(first line, end) of each `[[name]]` table, its `[name.sub]` tables included."""
        found: list[tuple[int, int]] = []
        for s in self.sections:
            if s.path == (name,) and s.array:
                found.append((s.lead, s.end))
            elif found and len(s.path) > 1 and s.path[0] == name:
                found[-1] = (found[-1][0], s.end)
        return found

    def insert(self, at: int, text: str) -> None:
        self.lines[at:at] = text.splitlines(keepends=True)

    def top_insert(self, line: str, nl: str) -> None:
        """A top-level key: after the last top-level key, else before the first table (and
        the comments above it), else at the end."""
        if self.top_end > 0:
            self.insert(self.top_end, line)
        elif self.sections:
            self.insert(self.first_lead, line + nl)
        else:
            self.insert(len(self.lines), line)

    def after_everything(self) -> int:
        """Where a new table goes when there is none of its kind: after the last table's
        content (before comments that end the file), else after the top-level keys."""
        if self.sections:
            return self.sections[-1].end
        return self.top_end if self.top_end > 0 else len(self.lines)


def _complete(text: str) -> bool:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    return True


# --- rendering new lines (tomlkit knows TOML's quoting) -------------------------------------


def _value(value: Any) -> str:
    import tomlkit

    return tomlkit.item(value).as_string()


def _key_line(key: str, value: Any) -> str:
    import tomlkit

    return tomlkit.dumps({key: value})


def _inline(table: dict[str, Any]) -> str:
    inner = ", ".join(_key_line(k, v).strip() for k, v in table.items())
    return f"{{ {inner} }}"


def _array_table(name: str, table: dict[str, Any]) -> str:
    return f"[[{name}]]\n" + "".join(_key_line(k, v) for k, v in table.items())


# --- reading, proving, writing ---------------------------------------------------------------


class _File(NamedTuple):
    text: str
    doc: dict[str, Any]
    bom: bool
    nl: str


def _read(path: Path) -> _File:
    """The file's text and document; StoreError (nothing changed) when it has any problem."""
    from fatiguelog.atomic import read_capped
    from fatiguelog.settings import _read_document
    from fatiguelog.tomlsafe import MAX_FILE_BYTES, decode_toml

    doc, problems = _read_document(path)
    if doc is not None and not problems:
        problems = parse_settings(doc, path.name)[1]
    if doc is None or problems:
        raise StoreError(
            f"{path} has a problem ({problems[0].message}), so it was not "
            "changed. Fix it by hand ('fatiguelog check' lists every problem)."
        )
    try:
        raw = read_capped(str(path), MAX_FILE_BYTES)
    except FileNotFoundError:
        raw = b""
    decoded = decode_toml(raw, path.name)
    if not isinstance(decoded, tuple) or decoded[1] != doc:
        raise StoreError(
            f"{path} changed while it was being read, so it was not changed; try again"
        )
    text = decoded[0]
    nl = "\r\n" if "\r\n" in text else "\n"
    return _File(text, doc, raw.startswith(_BOM.encode()), nl)


def _commit(
    root: Path, expect: Callable[[dict[str, Any]], None], make: Callable[[_File], str]
) -> bool:
    """Apply one change: `expect` says what it does to the settings, `make` writes the new text.

    Returns False when there was nothing to change. Raises StoreError, having written
    nothing, when the file has a problem or the new text would not say exactly that."""
    from fatiguelog.store import Store, describe_os_error

    path = paths.settings_path(root)
    with Store(root).lock():
        current = _read(path)
        wanted = copy.deepcopy(current.doc)
        expect(wanted)
        if wanted == current.doc:
            return False
        try:
            text = make(current)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            raise StoreError(f"{path}: {CANNOT}.") from None
        if not current.text and not text.startswith("#"):
            text = NEW_FILE_HEADER + text
        if current.text and not current.text.endswith("\n") and text.endswith(current.nl):
            text = text[: -len(current.nl)]  # a file without a final line break keeps so
        _prove(path, text, wanted)
        data = ((_BOM if current.bom else "") + text).encode("utf-8")
        try:
            atomic_write(path, data, root=root)
        except OSError as exc:
            raise StoreError(describe_os_error(exc, path)) from exc
    return True


def _prove(path: Path, text: str, wanted: dict[str, Any]) -> None:
    try:
        got = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        got = None
    if got != wanted or parse_settings(wanted, path.name)[1]:
        raise StoreError(f"{path}: {CANNOT}.")


def _tomlkit_edit(current: _File, change: Callable[[Any], None]) -> str:
    """A change made by tomlkit on the parsed file (values already there, inline tables)."""
    import tomlkit

    doc = tomlkit.parse(current.text)
    change(doc)
    text = tomlkit.dumps(doc)
    if current.nl == "\r\n":  # tomlkit ends a line it adds with "\n"
        text = re.sub(r"(?<!\r)\n", "\r\n", text)
    return text


def _like(old: Any, value: Any) -> Any:
    """`value` written as `old` was: a 'literal' string stays in single quotes."""
    import tomlkit
    from tomlkit.items import String, StringType

    if (
        isinstance(old, String)
        and old.type is StringType.SLL
        and isinstance(value, str)
        and "'" not in value
        and "\n" not in value
        and "\r" not in value
    ):
        return tomlkit.string(value, literal=True)
    return value


_INLINE_END = re.compile(r"(\S)\}([ \t]*(?:#.*)?)$", re.MULTILINE)


def _spaced_inline(before: str, after: str) -> str:
    """tomlkit adds a key to an inline table as `{ a = 1, b = 2}`: where the file wrote
    `{ a = 1 }`, the space before the brace is kept."""
    if not re.search(r"\{ .*\S \}", before):
        return after
    return _INLINE_END.sub(
        lambda m: f"{m.group(1)} }}{m.group(2)}" if m.group(1) != "{" else m.group(0), after
    )


def _ended(current: _File) -> str:
    """The text, ending with a line break (so lines can be added after its last line)."""
    text = current.text
    return text + current.nl if text and not text.endswith("\n") else text


def _lines(text: str, nl: str) -> str:
    return text.replace("\n", nl) if nl != "\n" else text


# --- the changes -------------------------------------------------------------------------------


def set_value(root: Path, key: str, value: Any) -> bool:
    """A top-level key (`theme`, `birth_year`, `day_starts_at`); None removes it."""

    def expect(doc: dict[str, Any]) -> None:
        if value is None:
            doc.pop(key, None)
        else:
            doc[key] = value

    def make(current: _File) -> str:
        if key in current.doc:

            def change(doc: Any) -> None:
                if value is None:
                    del doc[key]
                else:
                    doc[key] = _like(doc[key], value)

            return _tomlkit_edit(current, change)
        layout = _Layout(_ended(current))
        layout.top_insert(_lines(_key_line(key, value), current.nl), current.nl)
        return layout.text()

    return _commit(root, expect, make)


def set_values(root: Path, **changes: Any) -> None:
    """Several top-level keys, one after the other (each proven on its own)."""
    for key, value in changes.items():
        set_value(root, key, value)


def set_step(root: Path, step: str, asked: bool) -> bool:
    """Ask an optional check-in step or not (`steps.<step>`)."""
    if step not in OPTIONAL_STEPS:
        raise ValueError(step)

    def expect(doc: dict[str, Any]) -> None:
        steps = doc.get("steps")
        if steps is None:
            if not asked:
                doc["steps"] = {step: False}
        elif step in steps or not asked:  # (absent means asked)
            steps[step] = asked

    def make(current: _File) -> str:
        steps = current.doc.get("steps")
        if steps is None:
            layout = _Layout(_ended(current))
            layout.top_insert(_lines(f"steps = {_inline({step: asked})}\n", current.nl), current.nl)
            return layout.text()
        layout = _Layout(_ended(current))
        section = layout.table(("steps",))
        if step in steps or section is None:  # a value there, or an inline/dotted table

            def change(doc: Any) -> None:
                doc["steps"][step] = asked

            return _spaced_inline(current.text, _tomlkit_edit(current, change))
        layout.insert(section.end, _lines(_key_line(step, asked), current.nl))
        return layout.text()

    return _commit(root, expect, make)


def _find(items: Any, match: Callable[[dict[str, Any]], bool]) -> int:
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict) and match(item):
                return i
    raise StoreError(
        "it is no longer in settings.toml (changed by hand meanwhile?); nothing was changed"
    )


def _same_name(name: str) -> Callable[[dict[str, Any]], bool]:
    folded = name.strip().casefold()
    return lambda item: (
        isinstance(item.get("name"), str) and item["name"].strip().casefold() == folded
    )


def _same_key(key: str) -> Callable[[dict[str, Any]], bool]:
    return lambda item: item.get("key") == key


def _append(root: Path, name: str, table: dict[str, Any]) -> bool:
    """A new `[[name]]` table after the last one (an inline array gets an inline table)."""

    def expect(doc: dict[str, Any]) -> None:
        doc.setdefault(name, []).append(dict(table))

    def make(current: _File) -> str:
        layout = _Layout(_ended(current))
        elements = layout.elements(name)
        if name in current.doc and not elements:  # `name = [ {...}, ]`: tomlkit adds one
            import tomlkit

            def change(doc: Any) -> None:
                item = tomlkit.inline_table()
                item.update(table)
                doc[name].append(item)

            return _tomlkit_edit(current, change)
        at = elements[-1][1] if elements else layout.after_everything()
        block = _array_table(name, table)
        layout.insert(at, _lines(("\n" if at > 0 else "") + block, current.nl))
        return layout.text()

    return _commit(root, expect, make)


def _set_in_element(
    root: Path, name: str, match: Callable[[dict[str, Any]], bool], changes: dict[str, Any]
) -> bool:
    """Keys of one `[[name]]` table (a value None removes the key)."""

    def expect(doc: dict[str, Any]) -> None:
        item = doc[name][_find(doc.get(name), match)]
        for key, value in changes.items():
            if value is None:
                item.pop(key, None)
            else:
                item[key] = value

    def make(current: _File) -> str:
        index = _find(current.doc.get(name), match)
        item = current.doc[name][index]
        new_keys = {k: v for k, v in changes.items() if v is not None and k not in item}
        text = current.text
        in_place = {k: v for k, v in changes.items() if k in item}
        if in_place:

            def change(doc: Any) -> None:
                element = doc[name][index]
                for key, value in in_place.items():
                    if value is None:
                        del element[key]
                    else:
                        element[key] = _like(element[key], value)

            text = _tomlkit_edit(current, change)
        if not new_keys:
            return text
        elements = _Layout(_ended(current._replace(text=text))).elements(name)
        if len(elements) != len(current.doc[name]):  # an inline array: tomlkit adds them

            def add(doc: Any) -> None:
                doc[name][index].update(new_keys)

            return _tomlkit_edit(current._replace(text=text), add)
        layout = _Layout(_ended(current._replace(text=text)))
        section = next(
            s
            for s in layout.sections
            if s.array and s.path == (name,) and s.lead == elements[index][0]
        )
        layout.insert(
            section.end, _lines("".join(_key_line(k, v) for k, v in new_keys.items()), current.nl)
        )
        return layout.text()

    return _commit(root, expect, make)


def _remove_element(root: Path, name: str, match: Callable[[dict[str, Any]], bool]) -> bool:
    """One `[[name]]` table with the comment lines right above it, and one blank line."""

    def expect(doc: dict[str, Any]) -> None:
        items = doc[name]
        del items[_find(items, match)]
        if not items:
            del doc[name]

    def make(current: _File) -> str:
        index = _find(current.doc.get(name), match)
        layout = _Layout(_ended(current))
        elements = layout.elements(name)
        if len(elements) != len(current.doc[name]):

            def change(doc: Any) -> None:
                del doc[name][index]

            return _tomlkit_edit(current, change)
        start, end = elements[index]
        lines = layout.lines
        if end < len(lines) and _is_blank(lines[end]):
            end += 1
        elif start > 0 and _is_blank(lines[start - 1]):
            start -= 1
        del lines[start:end]
        return layout.text()

    return _commit(root, expect, make)


def _swap(root: Path, name: str, match: Callable[[dict[str, Any]], bool], step: int) -> bool:
    """Move one `[[name]]` table up (-1) or down (+1), with the comments right above it."""

    def target(doc: dict[str, Any]) -> tuple[int, int] | None:
        index = _find(doc.get(name), match)
        other = index + step
        return (index, other) if 0 <= other < len(doc[name]) else None

    def expect(doc: dict[str, Any]) -> None:
        pair = target(doc)
        if pair is not None:
            items = doc[name]
            items[pair[0]], items[pair[1]] = items[pair[1]], items[pair[0]]

    def make(current: _File) -> str:
        pair = target(current.doc)
        assert pair is not None  # else nothing changes and make is not asked
        first, second = sorted(pair)
        layout = _Layout(_ended(current))
        elements = layout.elements(name)
        if len(elements) != len(current.doc[name]):
            raise ValueError("an inline array")  # one line: not worth re-flowing it
        (a0, a1), (b0, b1) = elements[first], elements[second]
        lines = layout.lines
        lines[a0:b1] = lines[b0:b1] + lines[a1:b0] + lines[a0:a1]
        return layout.text()

    return _commit(root, expect, make)


def add_substance(root: Path, name: str, unit: str, klass: str | None) -> bool:
    table: dict[str, Any] = {"name": name.strip(), "unit": unit}
    if klass is not None:
        table["class"] = klass
    return _append(root, "substances", table)


def change_substance(root: Path, name: str, *, unit: str, klass: str | None) -> bool:
    """A substance's unit and class; `klass` None: the built-in table decides (its `class`
    and version 1's `opioid_acting` are removed)."""
    changes: dict[str, Any] = {"unit": unit, "class": klass}
    if klass is None:
        changes["opioid_acting"] = None
    return _set_in_element(root, "substances", _same_name(name), changes)


def remove_substance(root: Path, name: str) -> bool:
    return _remove_element(root, "substances", _same_name(name))


def add_tracker(root: Path, tracker: Tracker) -> bool:
    return _append(root, "trackers", tracker_table(tracker))


def change_tracker(root: Path, key: str, **changes: Any) -> bool:
    """A tracker's `label`, `ask` or `unit` (its key and kind never change: its answers are
    stored under that key, in that shape)."""
    allowed = {"label", "ask", "unit"}
    if not set(changes) <= allowed:
        raise ValueError(f"only {', '.join(sorted(allowed))} of a tracker can change")
    return _set_in_element(root, "trackers", _same_key(key), changes)


def move_tracker(root: Path, key: str, step: int) -> bool:
    """Ask a tracker earlier (-1) or later (+1) in the check-in."""
    return _swap(root, "trackers", _same_key(key), step)


def new_tracker_key(label: str, taken: set[str]) -> str:
    """A key for a new tracker from its label ("Dizziness on standing" ->
    "dizziness_on_standing"), not one already used."""
    base = _KEY_CHARS.sub("_", label.casefold()).strip("_")[:36].strip("_") or "tracker"
    key, n = base, 2
    while key in taken:
        key = f"{base}_{n}"
        n += 1
    return key


__all__ = [
    "add_substance",
    "add_tracker",
    "change_substance",
    "change_tracker",
    "move_tracker",
    "new_tracker_key",
    "remove_substance",
    "set_step",
    "set_value",
    "set_values",
]
