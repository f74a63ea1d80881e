"""Steady, normal bowel habits must not look like a change (issue 10, "Why": on 10 seeded
normal histories with a birth year of 1965, "Change from your usual bowel habit" and "Change in
bowel habit at age 50 or over" were on for 16-40 of 90 days)."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from history_builder import DAY0, entry, history, stool

from fatiguelog.analysis.build import build_summary
from fatiguelog.settings import Settings

DAYS = 120
SEEDS = range(10)


def steady_normal(seed: int):
    """120 days of ordinary bowel habits: 0-3 stools a day, mostly Bristol 3-5 with the odd
    2 or 6, a little straining, a few forgotten days and skipped bowel questions, a steady
    daily kratom dose and coffee that wobbles between 1 and 2 cups."""
    rng = random.Random(seed)
    out = []
    for n in range(DAYS):
        if rng.random() < 0.05:
            continue  # a forgotten day
        count = rng.choice((0, 1, 1, 1, 2, 2, 3))
        stools = [
            stool(
                rng.choice((2, 3, 3, 4, 4, 4, 4, 5, 5, 6)),
                straining=rng.random() < 0.1,
                incomplete=rng.random() < 0.1,
            )
            for _ in range(count)
        ]
        intake = [("kratom", 2.0, "g"), ("coffee", rng.choice((1, 1, 1, 2)), "cup")]
        if rng.random() < 0.03:
            out.append(entry(n, gi=False, intake=intake, fatigue=5))
        else:
            out.append(entry(n, stools=stools or None, intake=intake))
    return history(*out)


@pytest.mark.parametrize("seed", SEEDS)
def test_steady_normal_habits_are_not_a_change(seed):
    h = steady_normal(seed)
    s = build_summary(h, Settings(birth_year=1965), DAY0, DAY0 + timedelta(days=DAYS - 1))
    on = {f.id: len(f.active_days) for f in s.flags}
    assert on.get("gi.change", 0) <= 0.05 * DAYS, on
    assert "red.age_change" not in on, on
    assert "gi.persistent" not in on, on
