"""The demo history: deterministic, private, and it tells the story the demo promises."""

from __future__ import annotations

import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from fatiguelog.analysis.build import build_summary
from fatiguelog.demo_history import generate
from fatiguelog.settings import load_settings
from fatiguelog.store import Store

END = date(2026, 11, 25)


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.toml"))}


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    generate(tmp_path / "a", days=60, seed=3, end=END)
    generate(tmp_path / "b", days=60, seed=3, end=END)
    generate(tmp_path / "c", days=60, seed=4, end=END)
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a") != files(tmp_path / "c")


def test_files_are_private_and_valid(tmp_path):
    generate(tmp_path, days=40, end=END)
    history = Store(tmp_path).load_all()
    settings, problems = load_settings(tmp_path)
    assert history.problems == [] and problems == []
    assert 30 <= len(history.entries) <= 40
    assert max(history.entries) == END
    for path in tmp_path.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path
    assert settings.substance_class("kratom") == "opioid"
    assert settings.substance_class("coffee") is None  # left not classified on purpose
    assert len(settings.substances) >= 2 and settings.birth_year is not None


@pytest.mark.parametrize("seed", [7, 1, 2])
def test_story_flags_are_there(tmp_path, seed):
    generate(tmp_path, days=180, seed=seed, end=END)
    history = Store(tmp_path).load_all()
    settings, _ = load_settings(tmp_path)
    s = build_summary(history, settings, END - timedelta(days=89), END, today=END)
    ids = {f.id: f for f in s.flags}
    # Missing days exist, as in real use.
    assert len(history.entries) < 180
    # Constipation follows the kratom increase within two weeks, and says so.
    assert "gi.after_intake_increase" in ids
    increases = [e for e in s.intake["kratom"].events if e.kind == "increase" and not e.continues]
    assert increases
    began = ids["gi.after_intake_increase"].since
    assert timedelta(0) <= began - increases[0].day <= timedelta(days=14)
    assert (
        f"Kratom went up from 2 to 4 g/day on {increases[0].day.isoformat()}"
        in ids["gi.after_intake_increase"].evidence
    )
    assert {"gi.hard_stools", "gi.straining", "gi.constipation_pattern"} <= set(ids)
    # The later reduction is followed by looser stools.
    assert "reducing or stopping" in ids["gi.loose_stools"].evidence
    # A red flag reported a few days before the end is active at the end, first, in the banner.
    assert s.flags[0].level == "urgent" and s.flags[0].last == END
    assert [f.id for f in s.banner] == ["red.blood_in_stool"]
    # No false "change" or "50+" at the end: stools went back to normal, which is no change.
    assert {f.id for f in s.active_flags()} == {"red.blood_in_stool"}
    # The 50+ flag, if any, is the new lasting change of the story, not noise.
    if "red.age_change" in ids:
        story = (END - timedelta(days=75), END - timedelta(days=25))
        assert all(story[0] <= d <= story[1] for d in ids["red.age_change"].active_days)
        assert "new as far as your entries go" in ids["red.age_change"].evidence
    # A week of senna (a laxative-class dose) shows in the timeline, not classified coffee too.
    senna = [r for r in s.intake_timeline if r.substance == "senna"]
    assert [(r.status, r.klass) for r in senna] == [("taking", "laxative"), ("stopped", "laxative")]
    coffee = [r for r in s.intake_timeline if r.substance == "coffee"]
    assert len(coffee) == 1 and coffee[0].klass is None and coffee[0].max_daily == 2
    # Busy days are followed by more PEM.
    assert s.pem.enough_data and s.pem.pem_after_high > s.pem.pem_after_other
    notes = [e.notes for e in history.entries.values() if e.notes]
    assert min(map(len, notes)) < 30 < 300 < max(map(len, notes))


@pytest.mark.slow
def test_ten_years_fill_every_section(tmp_path):
    generate(tmp_path, days=3650, end=END)
    history = Store(tmp_path).load_all()
    assert len(history.entries) > 3400
    sample = next(e for d, e in history.entries.items() if d >= END - timedelta(days=1000))
    for section in ("symptoms", "sleep", "activity", "intake", "gi", "diet", "red_flags"):
        assert section in sample.doc
    counts = {len(e.stools) for e in history.entries.values() if e.has_gi}
    assert {1, 2, 3} <= counts


def test_a_complete_history_has_every_day_and_section(tmp_path) -> None:
    from datetime import date

    from fatiguelog.demo_history import generate
    from fatiguelog.store import Store

    generate(tmp_path, days=400, seed=5, end=date(2026, 11, 25), complete=True)
    entries = Store(tmp_path).load_all().entries
    assert len(entries) == 400
    for entry in entries.values():
        assert {
            "symptoms",
            "sleep",
            "activity",
            "intake",
            "gi",
            "diet",
            "red_flags",
            "notes",
        } <= set(entry.doc)
        assert entry.stools or entry.doc["gi"]["no_bowel_movement"] is True
    typical = sum(1 <= len(e.stools) <= 3 for e in entries.values())
    assert typical > 0.8 * len(entries)  # 1-3 a day, but for the story's weeks
