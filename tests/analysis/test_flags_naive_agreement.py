"""The fast per-day table agrees with a naive recount straight from the definitions."""

from __future__ import annotations

from datetime import timedelta

from history_builder import DAY0, entry, history, stool
from hypothesis import given, settings
from hypothesis import strategies as st

from fatiguelog.analysis.build import build_summary
from fatiguelog.settings import Settings

DAYS = 30

day_strategy = st.one_of(
    st.none(),  # no entry at all
    st.just("no-gi"),  # an entry that skipped the bowel question
    st.tuples(st.lists(st.integers(1, 7), max_size=3), st.booleans()),  # stools, laxative
)


def build(days):
    entries = []
    for n, spec in enumerate(days):
        if spec is None:
            continue
        if spec == "no-gi":
            entries.append(entry(n, gi=False, fatigue=5))
        else:
            forms, laxative = spec
            entries.append(entry(n, stools=[stool(b) for b in forms] or None, laxative=laxative))
    return history(*entries)


def naive_infrequent(h, n):
    window = [DAY0 + timedelta(days=k) for k in range(n - 6, n + 1)]
    recorded = [d for d in window if d in h.entries and h.entries[d].has_gi]
    if len(recorded) < 6:
        return False
    sbm = 0
    for d in recorded:
        before = h.entries.get(d - timedelta(days=1))
        if h.entries[d].laxative or (before is not None and before.laxative):
            continue
        sbm += len(h.entries[d].stools)
    return sbm < 3


def naive_hard(h, n):
    window = [DAY0 + timedelta(days=k) for k in range(n - 13, n + 1)]
    forms = [s.bristol for d in window if d in h.entries for s in h.entries[d].stools]
    return len(forms) >= 4 and sum(1 for b in forms if b <= 2) / len(forms) > 0.25


@settings(max_examples=40, deadline=None)
@given(st.lists(day_strategy, min_size=DAYS, max_size=DAYS))
def test_fast_rules_match_naive_recount(days):
    h = build(days)
    s = build_summary(h, Settings(), DAY0, DAY0 + timedelta(days=DAYS - 1))
    reports = {f.id: set(f.active_days) for f in s.flags}
    for rule_id, naive in (("gi.infrequent", naive_infrequent), ("gi.hard_stools", naive_hard)):
        expected = {DAY0 + timedelta(days=n) for n in range(DAYS) if naive(h, n)}
        assert reports.get(rule_id, set()) == expected, rule_id
