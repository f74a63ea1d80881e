"""The trend view's "All" is kept whole (`fatiguelog.summarycache`), and only ever saves time.

What it gives back equals a fresh computation; a changed file (same size, same second), a
changed setting, another day, a crafted cache, an older entry all make it work "All" out
again; a new app version keeps it, a new format rebuilds it; it holds no free text and none
of the user's own question names.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from fatiguelog import cache as cache_module
from fatiguelog import report, summarycache
from fatiguelog.analysis.summary import Summary
from fatiguelog.paths import DEMO_MARKER
from fatiguelog.settings import Settings, Tracker
from fatiguelog.store import Store
from fatiguelog.summarycache import summary_all
from tests.another_version import run_as_version
from tests.ui_trends.histories import TODAY, build, constipated_after_increase, day_entry, write

DAYS = 120
NOTE = "SECRET-NOTE hard day"  # (in the history's last 30 days)
DECLARED = "SECRETdeclared"  # a tracker of the settings
LABEL = "SECRET label of mine"
REMOVED = "SECRETremoved"  # a tracker removed from the settings, still in the files
SETTINGS = Settings(
    trackers=(
        Tracker(
            key=DECLARED, label=LABEL, kind="number", unit="SECRETunit", minimum=0, maximum=100
        ),
    )
)


#: What an older fatiguelog did that filled the "All" cache: show "All" with these settings.
FILL_ALL = """
import sys
from pathlib import Path
from fatiguelog.store import Store
from fatiguelog.summarycache import summary_all
from tests.test_summary_cache import SETTINGS, TODAY
summary_all(Store(Path(sys.argv[1])), SETTINGS, TODAY)
"""


def make_history(root: Path) -> None:
    build(root, DAYS, constipated_after_increase(DAYS))
    for back in (3, 40):  # the user's own answers, one declared, one no longer
        path = (
            root
            / "entries"
            / str((TODAY - timedelta(days=back)).year)
            / (f"{TODAY - timedelta(days=back)}.toml")
        )
        path.write_text(path.read_text() + f"\n[custom]\n{DECLARED} = 7\n{REMOVED} = true\n")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "data-SECRETFOLDER"
    make_history(folder)
    return folder


def fresh(root: Path, settings: Settings = SETTINGS, today: date = TODAY) -> Summary:
    store = Store(root, use_cache=False)
    first, last = report.period_for(None, today, store=store)
    return report.summarize(store, settings, first, last, keep_entries=False, today=today)


def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times "All" was worked out (not taken from the cache)."""
    made: list[int] = []
    original = report.summarize

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(report, "summarize", counting)
    return made


def all_of(root: Path, settings: Settings = SETTINGS, today: date = TODAY) -> Summary:
    return summary_all(Store(root), settings, today)


def kept_file(private_cache: Path) -> Path:
    [path] = private_cache.glob("days-*-sum-all.json")
    return path


def test_a_cached_all_equals_a_fresh_computation(
    root: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = counted(monkeypatch)
    expected = fresh(root)
    assert expected.flags and expected.own  # (flags, and the user's own questions, to keep)
    first = all_of(root)
    again = all_of(root)
    assert made == [1, 1]  # (the fresh one, then the first "All": the second is the cache's)
    assert first == expected
    assert again == expected
    assert kept_file(private_cache).stat().st_mode & 0o777 == 0o600
    assert [a.question.key for a in again.own] == [DECLARED, REMOVED]
    assert again.answers[f"custom.{DECLARED}"].question.label == LABEL
    assert again.series[f"custom.{REMOVED}"].label == expected.series[f"custom.{REMOVED}"].label


def test_it_holds_no_note_and_no_name_the_user_chose(root: Path, private_cache: Path) -> None:
    all_of(root)
    assert all_of(root) == fresh(root)
    stored = kept_file(private_cache).read_bytes()
    assert stored
    for secret in (
        "SECRET",
        NOTE,
        DECLARED,
        REMOVED,
        LABEL,
        LABEL.lower(),
        "SECRETunit",
        os.path.realpath(root),
    ):
        assert secret.encode() not in stored, secret
    assert b"kratom" in stored  # (substance names are kept, as in the record cache)


def test_an_edited_file_is_seen_at_once(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    all_of(root)
    made = counted(monkeypatch)
    path = root / "entries" / str(TODAY.year) / f"{TODAY - timedelta(days=5)}.toml"
    text = path.read_text()
    stat = path.stat()
    edited = text.replace("fatigue = 6", "fatigue = 9")
    assert edited != text and len(edited) == len(text)
    path.write_text(edited)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same time
    expected = fresh(root)
    made.clear()
    assert all_of(root) == expected
    assert made == [1]  # worked out again
    assert all_of(root) == expected
    assert made == [1]  # and kept again


@pytest.mark.parametrize("change", ["added", "removed", "broken", "stray", "earlier"])
def test_a_new_or_missing_file_is_seen(
    root: Path, change: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    all_of(root)
    made = counted(monkeypatch)
    year = root / "entries" / str(TODAY.year)
    if change == "added":  # a day that was a gap: none in this history, so one after today
        (year / f"{TODAY - timedelta(days=2)}.toml").unlink()
        all_of(root)
        made.clear()
        write(root, [day_entry(TODAY - timedelta(days=2), bristol=(1,))])
    elif change == "removed":
        (year / f"{TODAY - timedelta(days=1)}.toml").unlink()
    elif change == "broken":
        (year / f"{TODAY - timedelta(days=1)}.toml").write_text("schema = 1\nthis is not toml\n")
    elif change == "stray":
        (year / "told my GP.toml").write_text("schema = 1\n")
    else:  # an entry older than the first one (and than what "All" read)
        write(root, [day_entry(TODAY - timedelta(days=DAYS + 400))])
    got = all_of(root)
    assert made == [1]
    assert got == fresh(root)
    assert all_of(root) == got and made == [1, 1]  # (then from the cache again)


def test_settings_and_the_day_are_part_of_its_key(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    all_of(root)
    made = counted(monkeypatch)
    older = replace(SETTINGS, birth_year=1950)
    assert all_of(root, older) == fresh(root, older)
    assert len(made) == 2
    plain = Settings()  # no tracker: the removed one and the declared one are both found
    assert all_of(root, plain) == fresh(root, plain)
    assert len(made) == 4
    tomorrow = TODAY + timedelta(days=1)
    assert all_of(root, plain, tomorrow) == fresh(root, plain, tomorrow)
    assert len(made) == 6
    all_of(root, plain, tomorrow)
    assert len(made) == 6  # (kept for that day)


# Why 14 "the cache is keyed on the app version": fails on a summary cache that reads the
# version (no rev ever did: proven by mutation, see the commit).
def test_a_new_app_version_keeps_it_a_new_format_or_analysis_rebuilds_it(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (both caches filled by another installed version, in its own process)
    run_as_version(root.parent / "older", "0.0.1", FILL_ALL, str(root))
    made = counted(monkeypatch)
    assert all_of(root) == fresh(root)
    assert made == [1]  # (only the fresh one)
    for module, name, value in (
        (summarycache, "VERSION", summarycache.VERSION + 1),
        (summarycache, "ENTRY_FORMAT", cache_module.ENTRY_FORMAT + 1),
        (summarycache, "LAYOUT", cache_module.LAYOUT + 1),
    ):
        made.clear()
        monkeypatch.setattr(module, name, value)
        assert all_of(root) == fresh(root)
        assert len(made) == 2, name  # worked out again under the new format...
        all_of(root)
        assert len(made) == 2, name  # ...and kept for it
    made.clear()
    monkeypatch.setattr(summarycache, "code_digest", lambda: "another analysis")
    all_of(root)
    assert made == [1]


def test_a_crafted_or_torn_cache_is_ignored(
    root: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    all_of(root)
    path = kept_file(private_cache)
    made = counted(monkeypatch)
    good = path.read_bytes()
    changed = good.replace(b"kratom", b"kratum")
    assert changed != good
    for bad in (changed, good[:-100], b"", good + b" "):
        path.write_bytes(bad)
        made.clear()
        assert all_of(root) == fresh(root)
        assert len(made) == 2
    assert path.read_bytes() != b""  # (replaced by a good one)


def test_a_sync_copy_and_the_demo_mark_are_never_taken_from_it(root: Path) -> None:
    all_of(root)
    year = root / "entries" / str(TODAY.year)
    copy = year / f"{TODAY - timedelta(days=1)}.sync-conflict-20261124-101010-ABCDEF.toml"
    all_of(root)
    copy.write_text("schema = 1\n[red_flags]\nblood_in_stool = true\n")
    first = all_of(root)
    assert first.copy_alarms and first == fresh(root)
    assert all_of(root) == first  # (from the cache: the copy's alarm read from the copy)
    (root / DEMO_MARKER).write_text("")
    assert all_of(root).generated and all_of(root) == fresh(root)


@pytest.mark.parametrize(
    "values",
    [
        (),
        (None,),
        (None, None, 3),
        (0, 10, None, 7, None),
        (1.0, None, 2.0, -3.0),
        (7.5, None, 6.25, 1e300),
        (-0.0, 1.0),
        (2**40, None, -(2**40)),
        (2**70, 1),
        (1, 2.5, None),
        (True, False, None),
        (0.1 + 0.2, None, 1 / 3),
    ],
)
def test_daily_numbers_read_back_exactly(values: tuple[object, ...]) -> None:
    """Packed series (`_pack`) come back as they were: same values, same types (a 7 is not a
    7.0, a missing day is None, -0.0 keeps its sign)."""
    import json
    import math

    kept = summarycache._unpack(json.loads(json.dumps(summarycache._pack(values))))
    assert kept == values
    assert [type(v) for v in kept] == [type(v) for v in values]
    assert [math.copysign(1, v) for v in kept if type(v) is float] == [
        math.copysign(1, v) for v in values if type(v) is float
    ]


def test_a_period_ending_today_is_kept_and_exports_use_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The trend view's 90 days, then the default export (md, json, csv) of the same 90 days:
    worked out once, the same figures every time; CSV's rows (and only they) come from the
    period's day records (the same CSV as rows read from the files)."""
    from fatiguelog import export
    from fatiguelog.summarycache import cached_summary

    today = date.today()  # (the export's period ends on the real today)
    root = tmp_path / "data"
    build(root, DAYS, constipated_after_increase(DAYS), end=today)
    first = today - timedelta(days=89)
    plain = report.summarize(
        Store(root, use_cache=False), SETTINGS, first, today, keep_entries=False, today=today
    )
    with_rows = report.summarize(
        Store(root, use_cache=False), SETTINGS, first, today, keep_entries=True, today=today
    )
    made = counted(monkeypatch)
    for _run in range(3):  # (the first may read back in two steps: kept from the second)
        assert cached_summary(Store(root), SETTINGS, first, today, today=today) == plain
    assert 1 <= len(made) <= 2
    made.clear()
    for fmt in ("md", "json", "csv", "md"):
        got = export.summarize_for(Store(root), SETTINGS, first, today, fmt, False)
        assert replace(got, entries=()) == export._private(plain), fmt
        assert len(got.entries) == (len(with_rows.entries) if fmt == "csv" else 0), fmt
        assert export.render(got, fmt) == export.render(
            export._private(with_rows if fmt == "csv" else plain), fmt
        )
    assert made == []  # (every one from the trend view's)
    assert NOTE not in export.render(got, "md")
    noted = export.summarize_for(Store(root), SETTINGS, first, today, "md", True)
    assert noted.notes and made == [1]  # notes: read from the files, never kept


def test_a_period_that_does_not_end_today_is_not_kept(
    root: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fatiguelog.summarycache import cached_summary

    made = counted(monkeypatch)
    last = TODAY - timedelta(days=1)
    for _run in range(2):
        assert cached_summary(
            Store(root), SETTINGS, last - timedelta(days=29), last, today=TODAY
        ) == fresh_period(root, last - timedelta(days=29), last)
    assert len(made) == 4
    assert not list(private_cache.glob("days-*-sum-*.json"))


def fresh_period(root: Path, first: date, last: date) -> Summary:
    return report.summarize(
        Store(root, use_cache=False), SETTINGS, first, last, keep_entries=False, today=TODAY
    )


def test_only_a_few_period_lengths_are_kept(root: Path, private_cache: Path) -> None:
    from fatiguelog.summarycache import SummaryCache, cached_summary

    for days in range(1, 2 * SummaryCache.KEEP):
        for _run in range(2):
            cached_summary(
                Store(root), SETTINGS, TODAY - timedelta(days=days - 1), TODAY, today=TODAY
            )
    kept = sorted(private_cache.glob("days-*-sum-*.json"))
    assert 0 < len(kept) <= SummaryCache.KEEP
