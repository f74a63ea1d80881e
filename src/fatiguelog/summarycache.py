"""Summaries of a period ending today, kept as figures, checked against every file each time.

Ten years of history is 3,650 files. The record cache (`fatiguelog.cache`) spares parsing
them, but working out every rule and figure over ten years still costs more than the user
should wait each time "All" is asked for; and a 90-day export (or home's week) with a flag on
for months reads, and works out, the months before too. So the latest summary of each period
length ending today is kept (the trend view's periods, "All", an export's, home's week) and
used only when nothing it was made from has changed:

- **Checked, never trusted.** Its key is a keyed hash (the record cache's key) of the bytes
  of every entry file the summary read (and of every problem found without parsing: a name
  that is not an entry's, a file that can't be read), the day of the history's first entry,
  the settings analysis reads (substance classes, birth year, your own questions), the
  period and the day it was made for (flags depend on "today"), and the source of
  fatiguelog's domain code (a newer version whose analysis differs never uses an older
  version's summary; one that changed only the screens, or only its version number, does).
  Every file is read and hashed again each time: a mismatch of any kind works it out again.
  The hash is of the very bytes the summary was made from (`fatiguelog.store.FileCheck`),
  and a summary is kept only when it reads back equal to itself.
- **Cannot lie.** A MAC (keyed BLAKE2b) over the whole file; a crafted, copied or torn file
  is ignored and replaced.
- **No free text.** No notes, no forms, no text answers (these summaries hold none: an
  export's notes and rows are read from the files). Your own questions' keys, names and
  units are never written: wherever one would be (a series' key or label, a problem's
  wording) there is a reference instead, resolved from the settings (a declared question) or
  from the one entry file that answers it (a key found in the files that the settings no
  longer declare, stored as a keyed hash with the date of that file). Substance names are
  kept (without control characters), as in the record cache. Problems are kept by the
  position of their file in the check (only entry files with a date for a name), wording
  regenerated for everything found without parsing.
- **No tags.** JSON in positions the code knows by the summary's types (`_Codec`), never
  pickle; a type the code does not know is not cached.
- One file per data folder and period length (`days-<id>-sum-<days|all>.json`, the most
  recent `KEEP` of them), beside the record caches, 0600.

Textual-free.
"""

from __future__ import annotations

import binascii
import json
import math
import os
import re
import sys
import types
import typing
from array import array
from collections.abc import Callable
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fatiguelog.analysis.summary import Summary
from fatiguelog.cache import (
    ENTRY_FORMAT,
    LAYOUT,
    MAX_RECORDS_BYTES,
    SEAL_BYTES,
    blake2b,
    compare_digest,
    load_key,
    read_sealed,
    root_id,
    root_mac,
    write_sealed,
)
from fatiguelog.frozen import is_record, record_fields, replace
from fatiguelog.problems import Problem
from fatiguelog.vocabulary import CUSTOM, Question, Vocabulary, with_trackers

if TYPE_CHECKING:
    from fatiguelog.settings import Settings
    from fatiguelog.store import Store

FORMAT = "fatiguelog-all-summary"
#: This cache's own layout (bumped when it changes; the domain code's changes are in the key).
VERSION = 1
_DIGEST_BYTES = 32
#: Summary fields not cached: whole documents and notes (never here), and what is made again
#: at each use (problems from the check, copies' alarms from the copies, the demo's mark).
_NOT_KEPT = frozenset({"problems", "notes", "entries", "generated", "copy_alarms", "discuss"})
#: The package folders whose code does not decide a summary (a change there keeps the cache).
_NOT_ANALYSIS = frozenset({"ui", "cli", "export", "importers"})
#: The package's own `__init__` (its version: a new version keeps the cache) and `__main__`.
_VERSION = frozenset({"__init__.py", "__main__.py"})


Later = Callable[[Callable[[], None]], None]


def summary_all(
    store: Store,
    settings: Settings,
    today: date,
    *,
    progress: Callable[[str], None] | None = None,
    later: Later | None = None,
) -> Summary:
    """The summary of the whole history ("All") made for `today` (see `cached_summary`)."""
    first = store.first_day()
    return cached_summary(
        store,
        settings,
        min(first, today) if first else today,
        today,
        today=today,
        progress=progress,
        whole=True,
        later=later,
    )


def cached_summary(
    store: Store,
    settings: Settings,
    first: date,
    last: date,
    *,
    today: date,
    progress: Callable[[str], None] | None = None,
    whole: bool = False,
    later: Later | None = None,
) -> Summary:
    """`fatiguelog.report.summarize(store, settings, first, last, keep_entries=False,
    today=today, progress=progress)`: the kept one when the period ends today and every
    file it was made from is byte for byte as it was (and the settings, the day and the code
    are too); else worked out (told every file it reads) and kept for next time. `whole`:
    the period is "All" (kept under its own name, whatever its length). `later`: given the
    keeping, to do once the summary is shown (a view: tens of milliseconds not waited for)."""
    kept = SummaryCache.of(store, settings, today, first, last, whole)
    if kept is not None:
        found = kept.get()
        if found is not None:
            return found
    from fatiguelog.report import summarize

    check = kept.checker() if kept is not None else None
    summary = summarize(
        store,
        settings,
        first,
        last,
        keep_entries=False,
        today=today,
        progress=progress,
        check=check,
    )
    if kept is not None and check is not None:
        keeping, done = kept, check
        if later is None:
            keeping.put(summary, done)
        else:
            later(lambda: keeping.put(summary, done))
    return summary


@cache
def code_digest() -> str | None:
    """A hash of the source of fatiguelog's domain code (all but the screens, the command
    line, the exports, the importers and the package's version); None when it can't be read
    (then nothing is cached)."""
    import fatiguelog

    base = Path(fatiguelog.__file__).parent
    hasher = blake2b(digest_size=_DIGEST_BYTES, person=b"fl-code")
    read = 0
    try:
        for folder, dirs, files in os.walk(base):
            dirs[:] = sorted(
                d
                for d in dirs
                if not (Path(folder) == base and d in _NOT_ANALYSIS)
                and not d.startswith(("_", "."))
            )
            for name in sorted(files):
                if name.endswith(".py") and not (Path(folder) == base and name in _VERSION):
                    path = Path(folder) / name
                    data = path.read_bytes()
                    rel = path.relative_to(base).as_posix().encode()
                    hasher.update(len(rel).to_bytes(4, "big") + rel)
                    hasher.update(len(data).to_bytes(8, "big") + data)
                    read += 1
    except OSError:
        return None
    return hasher.hexdigest() if read else None  # (no source to read: a zipped copy)


class Checker:
    """What a summary was made from (see `fatiguelog.store.FileCheck`): the range read, a
    keyed hash of every file read, and the problems met on the way, in order (`slots`: a
    problem found without parsing, or the path of a file read, where its own go)."""

    def __init__(self, key: bytes):
        self.hasher = blake2b(key=key, digest_size=_DIGEST_BYTES, person=b"fl-all")
        self.slots: list[Problem | str] = []
        self.spans: list[tuple[date | None, date | None]] = []

    def begin(self, first: date | None, last: date | None) -> None:
        self.spans.append((first, last))

    def file(self, rel: str, raw: bytes) -> None:
        name = rel.encode()
        self.hasher.update(len(name).to_bytes(4, "big") + name + len(raw).to_bytes(8, "big"))
        self.hasher.update(raw)
        self.slots.append(rel)

    def problem(self, problem: Problem) -> None:
        self.slots.append(problem)

    def key(self, head: bytes) -> str:
        """The hash of it all, with `head` (what else the summary depends on) last."""
        hasher = self.hasher.copy()
        said = json.dumps(
            [
                [n, p.file, p.message, p.line]
                for n, p in enumerate(self.slots)
                if isinstance(p, Problem)
            ]
        ).encode()
        hasher.update(len(said).to_bytes(8, "big") + said)
        hasher.update(len(head).to_bytes(8, "big") + head)
        return hasher.hexdigest()


class SummaryCache:
    """The kept summary of one data folder, period length and day, for one set of
    settings."""

    #: Period lengths kept per data folder (the trend view's five, an export's, home's week).
    KEEP = 8

    def __init__(
        self,
        store: Store,
        settings: Settings,
        today: date,
        first: date,
        last: date,
        whole: bool,
        key: bytes,
        code: str,
    ):
        self.store = store
        self.settings = settings
        self.today = today
        self.first = first
        self.last = last
        self.key = key
        self.code = code
        self.folder = store.cache_folder()
        length = "all" if whole else str((last - first).days + 1)
        self.path = self.folder / f"days-{root_id(store.root)}-sum-{length}.json"
        self.root = root_mac(store.root, key)
        self.start_day = store.first_day()  # (the history's first entry, part of the key)

    @classmethod
    def of(
        cls,
        store: Store,
        settings: Settings,
        today: date,
        first: date,
        last: date,
        whole: bool = False,
    ) -> SummaryCache | None:
        """None when nothing may be kept: no cache (or no key, or the code can't be read),
        or a period that does not end today, or has no entry before today."""
        if not store.use_cache or last != today or first > last:
            return None
        key = load_key(store.cache_folder())
        code = code_digest()
        if key is None or code is None:
            return None
        kept = cls(store, settings, today, first, last, whole, key, code)
        return kept if kept.start_day is not None and kept.start_day < today else None

    # -- the check ---------------------------------------------------------------------------
    def checker(self) -> Checker:
        return Checker(self.key)

    def _head(self, start: date, end: date) -> bytes:
        """What the summary depends on besides the files it read: this cache's and the files'
        format, the code, the data folder, the settings analysis reads, the history's first
        day (whether there is more before what was read, and when it began), the period,
        the day it was made for, and what was read."""
        settings = self.settings
        assert self.start_day is not None
        return json.dumps(
            [
                FORMAT,
                VERSION,
                ENTRY_FORMAT,
                LAYOUT,
                self.code,
                self.root,
                repr((settings.substances, settings.birth_year, settings.trackers)),
                self.start_day.toordinal(),
                self.first.toordinal(),
                self.last.toordinal(),
                self.today.toordinal(),
                start.toordinal(),
                end.toordinal(),
            ]
        ).encode()

    # -- reading -----------------------------------------------------------------------------
    def get(self) -> Summary | None:
        """The summary kept, when every file, the settings, the day and the code are what it
        was made from; None otherwise (or when anything about the file is wrong)."""
        rest = read_sealed(self.path, self.key, b"fl-allmac", MAX_RECORDS_BYTES)
        if rest is None:
            return None
        head_bytes, _newline, body = rest.partition(b"\n")
        try:
            head = json.loads(head_bytes)
            if (
                type(head) is not dict
                or head.get("format") != FORMAT
                or head.get("version") != VERSION
                or head.get("root") != self.root
                or head.get("today") != self.today.toordinal()
                or head.get("first") != self.first.toordinal()
                or head.get("last") != self.last.toordinal()
            ):
                return None
            start, end = date.fromordinal(head["start"]), date.fromordinal(head["end"])
            check = self.checker()
            self.store.check_files(start, end, check)
            slots = check.slots
            if not compare_digest(check.key(self._head(start, end)), str(head.get("key"))):
                return None
            vocab = self._vocabulary(head["found"])
            if vocab is None:
                return None
            codec = _Codec(vocab)
            fields = codec.decode(Summary, json.loads(body))
            found = _found_problems(slots, head["problems"], codec)
        except (ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError):
            return None  # (anything not of the shape written here: a miss)
        summary = Summary(problems=_in_period(found, fields["first"], fields["last"]), **fields)
        return self._made_again(summary, slots)

    def _made_again(self, summary: Summary, slots: list[Problem | str]) -> Summary:
        """What is never kept: the sync-conflict copies' red flags (read from the copies,
        when the check met any) and the demo's mark."""
        from fatiguelog.paths import is_demo, sync_copy_of

        if any(
            sync_copy_of(p.file.rsplit("/", 1)[-1]) is not None for p in slots if type(p) is Problem
        ):
            from fatiguelog.report import copy_alarms

            first, last = summary.first, summary.last
            copies = copy_alarms(
                self.store, summary, min(first, last - timedelta(days=6)), last, self.today
            )
            if copies:
                summary = replace(summary, copy_alarms=copies)
        if is_demo(self.store.root):
            summary = replace(summary, generated=True)
        return summary

    def _vocabulary(self, found: Any) -> Vocabulary | None:
        """The summary's questions: the settings' own, then each `custom` key found in the
        files that they no longer declare, named by the one file the cache points at (None:
        that file no longer names it)."""
        keys: dict[str, str] = {}
        for hashed, kind, ordinal in found:
            day = date.fromordinal(ordinal)
            entry = self.store.read(day).entry
            custom = entry.doc.get(CUSTOM) if entry is not None else None
            name = (
                next((k for k in custom if self._hash(k) == hashed), None)
                if type(custom) is dict
                else None
            )
            if name is None:
                return None
            keys[name] = str(kind)
        return with_trackers(self.settings.trackers).with_found(keys)

    def _hash(self, name: str) -> str:
        return blake2b(name.encode(), key=self.key, digest_size=16, person=b"fl-allkey").hexdigest()

    # -- writing -----------------------------------------------------------------------------
    def put(self, summary: Summary, check: Checker) -> None:
        """Keep `summary`, made from what `check` was told (one read, of one range), when it
        can be kept whole and reads back equal to itself; otherwise nothing is written (it
        is worked out again next time)."""
        if len(check.spans) != 1 or None in check.spans[0]:
            return  # (read in several steps: not one range to check again)
        if self.store.first_day() != self.start_day:
            return  # (the history's first day changed while it was worked out)
        start, end = check.spans[0]
        assert start is not None and end is not None
        slots = check.slots
        key = check.key(self._head(start, end))
        found = _found_of(summary)
        if found is None or summary.discuss or summary.entries or summary.notes is not None:
            return
        vocab = with_trackers(self.settings.trackers).with_found(
            {q.key: q.kind for q, _day in found}
        )
        if vocab.questions != summary.questions.questions:
            return
        codec = _Codec(vocab)
        where = {rel: n for n, rel in enumerate(slots) if isinstance(rel, str)}
        problems = []
        for p in summary.problems:
            if p.file in where:  # a file read: its own problems (listing ones come again)
                problems.append([where[p.file], codec.text(p.message), p.line])
        if (
            _in_period(_found_problems(slots, problems, codec), summary.first, summary.last)
            != summary.problems
        ):
            return  # (a problem that does not come from the files: never kept)
        head = {
            "format": FORMAT,
            "version": VERSION,
            "root": self.root,
            "today": self.today.toordinal(),
            "first": self.first.toordinal(),
            "last": self.last.toordinal(),
            "start": start.toordinal(),
            "end": end.toordinal(),
            "key": key,
            "found": [[self._hash(q.key), q.kind, day.toordinal()] for q, day in found],
            "problems": problems,
        }
        try:
            body = json.dumps(
                codec.encode(Summary, summary),
                separators=(",", ":"),
                allow_nan=False,
                check_circular=False,
            )
            fields = _Codec(vocab).decode(Summary, json.loads(body))
            again = Summary(problems=summary.problems, **fields)
            plain = replace(summary, copy_alarms=(), generated=False)
            if again != plain:
                return  # (something the codec can't say exactly: not kept)
            data = (
                json.dumps(head, separators=(",", ":"), allow_nan=False).encode()
                + b"\n"
                + body.encode()
            )
            if len(data) + SEAL_BYTES >= MAX_RECORDS_BYTES:
                return
            write_sealed(self.path, self.key, b"fl-allmac", data)
        except (OSError, ValueError, TypeError, KeyError, IndexError, OverflowError):
            return
        self._forget_old()

    def _forget_old(self) -> None:
        """Only the `KEEP` most recent period lengths stay (an export of any period is kept
        under its length: the files would otherwise pile up)."""
        import contextlib

        with contextlib.suppress(OSError):
            mine = [
                p
                for p in self.folder.glob(f"days-{root_id(self.store.root)}-sum-*.json")
                if p != self.path
            ]
            if len(mine) >= self.KEEP:
                mine.sort(key=lambda p: p.stat().st_mtime)
                for old in mine[: len(mine) - self.KEEP + 1]:
                    old.unlink()


def _found_of(summary: Summary) -> list[tuple[Question, date]] | None:
    """Each `custom` question found in the files and not declared, with a day that answers
    it (the first in its series); None when one has no such day."""
    out = []
    for question in summary.questions:
        if question.section != CUSTOM or question.declared:
            continue
        series = summary.series.get(question.series_key)
        day = (
            None
            if series is None
            else next(
                (d for d, v in zip(series.days, series.values, strict=False) if v is not None), None
            )
        )
        if day is None:
            return None
        out.append((question, day))
    return out


def _found_problems(slots: list[Problem | str], kept: Any, codec: _Codec) -> list[Problem]:
    """Every problem of the check, in the order `fatiguelog.report` lists them (each once):
    those found without parsing, and each file's own from the cache (`kept`: [slot, text,
    line])."""
    own: dict[int, list[Problem]] = {}
    for n, message, line in kept:
        rel = slots[n]
        if type(rel) is not str or not (line is None or type(line) is int):
            raise ValueError("not a file read")
        own.setdefault(n, []).append(Problem(rel, codec.untext(message), line))
    out: dict[Problem, None] = {}
    for n, slot in enumerate(slots):
        if isinstance(slot, Problem):
            out.setdefault(slot)
        else:
            for problem in own.get(n, ()):
                out.setdefault(problem)
    return list(out)


def _in_period(problems: list[Problem], first: date, last: date) -> tuple[Problem, ...]:
    """As `fatiguelog.analysis.build` lists a period's problems (its files', and every one
    whose date can't be told)."""
    return tuple(p for p in problems if p.day is None or first <= p.day <= last)


@cache
def _hints(cls: type) -> dict[str, Any]:
    """The fields' types (their annotations are text: `from __future__ import annotations`),
    evaluated in the class's module (`typing.get_type_hints` takes milliseconds more)."""
    names = vars(sys.modules[cls.__module__])
    return {
        name: eval(kind, names) if isinstance(kind, str) else kind
        for name, kind in record_fields(cls)
    }


class _Codec:
    """A summary as JSON by position, by its types (no tags): dates as day numbers (a run of
    consecutive days as its first and length), a question as its place in the vocabulary,
    dictionaries as pairs, and any text that holds one of your own questions' names with a
    reference in its place (`text`)."""

    def __init__(self, vocab: Vocabulary):
        self.questions = vocab.questions
        self.index = {q: n for n, q in enumerate(vocab.questions)}
        private: dict[str, None] = {}
        for q in vocab.custom:
            for said in (q.key, q.label, q.unit):
                if said:
                    private.update(dict.fromkeys((said, said.lower(), said.casefold())))
        self.private = list(private)
        self.place = {said: n for n, said in enumerate(self.private)}
        self.pattern = (
            re.compile("|".join(re.escape(p) for p in sorted(self.private, key=len, reverse=True)))
            if self.private
            else None
        )
        self._span: tuple[int, tuple[date, ...]] = (0, ())  # consecutive days from a day
        self._made: dict[Any, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {}

    # -- text ----------------------------------------------------------------------------------
    def text(self, said: str) -> Any:
        """`said`, or [text, reference, text...] when one of the names is in it."""
        if type(said) is not str:
            raise TypeError("not text")
        pattern = self.pattern
        if pattern is None or pattern.search(said) is None:
            return said
        parts: list[Any] = []
        at = 0
        for match in pattern.finditer(said):
            if match.start() > at:
                parts.append(said[at : match.start()])
            parts.append(self.place[match.group()])
            at = match.end()
        if at < len(said):
            parts.append(said[at:])
        return parts

    def untext(self, kept: Any) -> str:
        if type(kept) is str:
            return kept
        return "".join(part if type(part) is str else self.private[part] for part in kept)

    # -- dates ---------------------------------------------------------------------------------
    def days(self, days: tuple[date, ...]) -> list[list[int]]:
        """Days as runs of consecutive days ([first day's number, count], ...)."""
        if not days:
            return []
        first = days[0].toordinal()
        if days[-1].toordinal() - first == len(days) - 1 and days == self._run(
            first, len(days)
        ):  # (one run: compared in C)
            return [[first, len(days)]]
        runs: list[list[int]] = []
        for day in days:
            n = day.toordinal()
            if runs and runs[-1][0] + runs[-1][1] == n:
                runs[-1][1] += 1
            else:
                runs.append([n, 1])
        return runs

    def undays(self, runs: list[list[int]]) -> tuple[date, ...]:
        """The days of `runs`, as slices of one tuple of consecutive days (the period's, made
        once: ten years of charts share it)."""
        if len(runs) == 1:
            return self._run(*runs[0])
        out: tuple[date, ...] = ()
        for first, count in runs:
            out += self._run(first, count)
        return out

    def _run(self, first: int, count: int) -> tuple[date, ...]:
        if type(first) is not int or type(count) is not int or count < 1:
            raise ValueError("not a run of days")
        low, days = self._span
        if not days:
            low, days = first, tuple(date.fromordinal(n) for n in range(first, first + count))
        if first < low:
            days = tuple(date.fromordinal(n) for n in range(first, low)) + days
            low = first
        high = low + len(days)
        if first + count > high:
            days += tuple(date.fromordinal(n) for n in range(high, first + count))
        self._span = (low, days)
        return days[first - low : first - low + count]

    # -- by type -------------------------------------------------------------------------------
    def encode(self, kind: Any, value: Any) -> Any:
        return self._codec(kind)[0](value)

    def decode(self, kind: Any, value: Any) -> Any:
        """A dataclass decodes to its fields (by name), the caller makes it."""
        return self._codec(kind)[1](value)

    def _codec(self, kind: Any) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
        key = kind
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self._make(kind)
        return made

    def _make(self, kind: Any) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
        plain = _plain
        if kind in (int, float, bool):
            return plain, plain
        if kind is str:
            return self.text, self.untext
        if kind is date:
            return (lambda d: d.toordinal()), date.fromordinal
        if kind is Question:
            return (lambda q: self.index[q]), (lambda n: self.questions[n])
        origin, args = typing.get_origin(kind), typing.get_args(kind)
        if origin in (typing.Union, types.UnionType):
            others = [a for a in args if a is not type(None)]
            if len(others) != 1 or len(args) != 2:
                raise TypeError(f"no codec for {kind}")
            enc, dec = self._codec(others[0])
            return (
                (lambda v: None if v is None else enc(v)),
                (lambda v: None if v is None else dec(v)),
            )
        if origin is tuple and args and Ellipsis not in args:  # (a fixed length)
            parts = [self._codec(a) for a in args]

            def enc_fixed(value: tuple[Any, ...]) -> list[Any]:
                if len(value) != len(parts):
                    raise ValueError("not this tuple's length")
                return [enc(v) for (enc, _dec), v in zip(parts, value, strict=True)]

            def dec_fixed(value: list[Any]) -> tuple[Any, ...]:
                if type(value) is not list or len(value) != len(parts):
                    raise ValueError("not this tuple's length")
                return tuple(dec(v) for (_enc, dec), v in zip(parts, value, strict=True))

            return enc_fixed, dec_fixed
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            item = args[0]
            if item is date:
                return self.days, self.undays
            if all(a in (int, float, type(None)) for a in typing.get_args(item) or (item,)):
                return _pack, _unpack
            enc, dec = self._codec(item)
            return ((lambda v: [enc(x) for x in v]), (lambda v: tuple(dec(x) for x in v)))
        if origin is dict and len(args) == 2:
            enc_k, dec_k = self._codec(args[0])
            enc_v, dec_v = self._codec(args[1])
            return (
                (lambda v: [[enc_k(k), enc_v(x)] for k, x in v.items()]),
                (lambda v: {dec_k(k): dec_v(x) for k, x in v}),
            )
        if isinstance(kind, type) and is_record(kind):
            hints = _hints(kind)
            top = kind is Summary
            names = [name for name, _kind in record_fields(kind) if not (top and name in _NOT_KEPT)]
            codecs = [self._codec(hints[name]) for name in names]
            pairs = list(zip(names, codecs, strict=True))

            def enc_fields(obj: Any) -> list[Any]:
                return [enc(getattr(obj, name)) for name, (enc, _dec) in pairs]

            def dec_fields(values: list[Any]) -> Any:
                if type(values) is not list or len(values) != len(pairs):
                    raise ValueError("not this type's fields")
                fields = {
                    name: dec(v) for (name, (_enc, dec)), v in zip(pairs, values, strict=True)
                }
                return fields if top else kind(**fields)

            return enc_fields, dec_fields
        raise TypeError(f"no codec for {kind}")


def _plain(value: Any) -> Any:
    return value


#: Packed whole numbers: the smallest array type that holds them (and its bound).
_WHOLE = (("b", 1 << 7), ("h", 1 << 15), ("i", 1 << 31), ("q", 1 << 63))


def _pack(values: tuple[Any, ...]) -> Any:
    """Daily numbers (ten years of them per series: most of a summary) as few bytes, quick to
    read back: "w" and whole numbers, "f" and fractions that are whole (1.0, not -0.0),
    packed in the smallest integer array that holds them; "d" and other fractions as
    doubles; base64, then the days without a number ("|" and runs of first:count, where 0
    was packed). A list as it is when they mix whole numbers and fractions (or hold
    anything else, or a fraction that is not finite)."""
    present = [v for v in values if v is not None]
    kinds = set(map(type, present))
    if not kinds <= {int, float} or kinds == {int, float}:
        return list(values)
    missing = len(present) < len(values)
    filled = [0 if v is None else v for v in values] if missing else list(values)
    top = max(-min(filled), max(filled)) if filled else 0
    code = next((c for c, bound in _WHOLE if top < bound), "")
    packed: array[Any]
    if kinds == {float}:
        if not math.isfinite(sum(present)):
            return list(values)
        doubles = array("d", filled)
        whole = array(code, map(int, doubles)) if code else None
        if whole is not None and array("d", whole).tobytes() == doubles.tobytes():
            kind, packed = "f", whole  # (every one whole: the same bytes once doubles again)
        else:
            kind, packed = "d", doubles
    else:
        if not code:
            return list(values)
        kind, packed = "w", array(code, filled)
    if sys.byteorder != "little":  # (kept portable, though the cache stays on this machine)
        packed.byteswap()
    gaps: list[str] = []
    if missing:
        run = 0
        for n, value in enumerate((*values, 0)):
            if value is None:
                run += 1
            elif run:
                gaps.append(f"{n - run}:{run}")
                run = 0
    data = binascii.b2a_base64(packed.tobytes(), newline=False).decode("ascii")
    return f"{kind}{packed.typecode}{data}|{','.join(gaps)}"


def _unpack(kept: Any) -> tuple[Any, ...]:
    if type(kept) is list:
        return tuple(kept)
    if type(kept) is not str or kept[:1] not in ("w", "f", "d"):
        raise ValueError("not packed numbers")
    kind, code = kept[0], kept[1:2]
    if (kind == "d") != (code == "d") or (kind != "d" and code not in dict(_WHOLE)):
        raise ValueError("not packed numbers")
    data, _bar, gaps = kept[2:].partition("|")
    packed = array(code, binascii.a2b_base64(data, strict_mode=True))
    if sys.byteorder != "little":
        packed.byteswap()
    values: list[Any] = (array("d", packed) if kind == "f" else packed).tolist()
    for gap in gaps.split(",") if gaps else ():
        first, _colon, count = gap.partition(":")
        start, n = int(first), int(count)
        if not (start >= 0 and n > 0 and start + n <= len(values)):
            raise ValueError("not a run of missing days")
        values[start : start + n] = [None] * n
    return tuple(values)


__all__ = ["SummaryCache", "cached_summary", "code_digest", "summary_all"]
