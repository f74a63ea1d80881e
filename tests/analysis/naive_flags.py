"""flags.md (version 2) recounted the plain way, straight from the entries, for the property test.

Nothing here imports fatiguelog.analysis: every rule is written again from the contract's words
with plain loops over days (slow, obvious, independent of the prefix sums the app uses). Where
the contract leaves room, the choices are the ones docs/flags.md states ("Choices made").
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from fatiguelog.model import RED_FLAGS

OPIOIDS = {"kratom", "codeine"}
LAXATIVES = {"senna", "movicol"}


class Naive:
    """Every rule at every day of `days` days from `day0`, from the entries alone."""

    def __init__(
        self, entries: dict[date, Any], day0: date, days: int, birth_year: int | None = None
    ) -> None:
        self.e = entries
        self.day0 = day0
        self.n = days
        self.birth_year = birth_year

    # -- days ------------------------------------------------------------------------------
    def d(self, i: int) -> date:
        return self.day0 + timedelta(days=i)

    def doc(self, i: int) -> dict | None:
        entry = self.e.get(self.d(i))
        return None if entry is None else entry.doc

    def gi(self, i: int) -> dict | None:
        doc = self.doc(i)
        gi = doc.get("gi") if doc else None
        return gi if isinstance(gi, dict) else None

    def recorded(self, i: int) -> bool:
        gi = self.gi(i)
        return gi is not None and (bool(gi.get("stools")) or gi.get("no_bowel_movement") is True)

    def stools(self, i: int) -> list[dict]:
        gi = self.gi(i)
        return list(gi.get("stools") or []) if gi else []

    def doses(self, i: int) -> list[dict] | None:
        doc = self.doc(i)
        intake = doc.get("intake") if doc else None
        return intake if isinstance(intake, list) else None

    def laxative_day(self, i: int) -> bool:
        if i < 0:
            return False
        gi = self.gi(i)
        if gi is not None and gi.get("laxative") is True:
            return True
        return any(dose["substance"].lower() in LAXATIVES for dose in self.doses(i) or [])

    def sbms(self, i: int) -> int:
        if not self.recorded(i) or self.laxative_day(i) or self.laxative_day(i - 1):
            return 0
        return len(self.stools(i))

    def window(self, i: int, n: int) -> range:
        return range(max(0, i - n + 1), i + 1)

    # -- the Rome IV items in a range of days ----------------------------------------------
    def items(self, days: range, min_answers: int, min_recorded: int) -> tuple[set[str], int]:
        met: set[str] = set()
        judged = 0
        for letter, key in (
            ("a", "straining"),
            ("c", "incomplete"),
            ("d", "blockage"),
            ("e", "manual"),
        ):
            answers = [s[key] for i in days for s in self.stools(i) if isinstance(s.get(key), bool)]
            if len(answers) >= min_answers:
                judged += 1
                if Fraction(sum(answers), len(answers)) > Fraction(1, 4):
                    met.add(letter)
        types = [s["bristol"] for i in days for s in self.stools(i) if "bristol" in s]
        if len(types) >= min_answers:
            judged += 1
            if Fraction(sum(1 for b in types if b <= 2), len(types)) > Fraction(1, 4):
                met.add("b")
        rec = [i for i in days if self.recorded(i)]
        if len(rec) >= min_recorded:
            judged += 1
            if Fraction(7 * sum(self.sbms(i) for i in rec), len(rec)) < 3:
                met.add("f")
        return met, judged

    def item_day(self, i: int) -> bool:
        if self.recorded(i) and self.sbms(i) == 0:
            return True
        return any(
            s.get("bristol", 4) <= 2
            or any(s.get(k) is True for k in ("straining", "incomplete", "blockage", "manual"))
            for s in self.stools(i)
        )

    # -- the rules, one day at a time ------------------------------------------------------
    def infrequent(self, i: int) -> bool:
        rec = [j for j in self.window(i, 7) if self.recorded(j)]
        return len(rec) >= 6 and sum(self.sbms(j) for j in rec) < 3

    def share(self, i: int, hit, answered) -> bool:
        stools = [s for j in self.window(i, 14) for s in self.stools(j) if answered(s)]
        return len(stools) >= 4 and Fraction(
            sum(1 for s in stools if hit(s)), len(stools)
        ) > Fraction(1, 4)

    def hard(self, i: int) -> bool:
        return self.share(i, lambda s: s["bristol"] <= 2, lambda s: "bristol" in s)

    def loose(self, i: int) -> bool:
        return self.share(i, lambda s: s["bristol"] >= 6, lambda s: "bristol" in s)

    def straining(self, i: int) -> bool:
        return self.share(
            i, lambda s: s["straining"], lambda s: isinstance(s.get("straining"), bool)
        )

    def incomplete(self, i: int) -> bool:
        return self.share(
            i, lambda s: s["incomplete"], lambda s: isinstance(s.get("incomplete"), bool)
        )

    def pattern(self, i: int) -> bool:
        days = self.window(i, 28)
        if sum(1 for j in days if self.recorded(j)) < 14:
            return False
        return len(self.items(days, 4, 6)[0]) >= 2

    def two_items_14(self, i: int) -> bool:
        return len(self.items(self.window(i, 14), 4, 6)[0]) >= 2

    def timing_run_start(self, i: int) -> int:
        """The first day of the run of consecutive days with "2 or more items" that day i is
        in (flags.md: "the first day of that run")."""
        s = i
        while s - 1 >= 0 and self.two_items_14(s - 1):
            s -= 1
        return s

    def after_increase(self, i: int) -> bool:
        if not self.two_items_14(i):
            return False
        s = self.timing_run_start(i)
        return any(
            kind in ("start", "increase") and name in OPIOIDS
            for (name, _unit), events in self.events().items()
            for day, kind in events
            if s - 14 <= day <= s
        )

    def change(self, i: int) -> bool:
        window = range(i - 13, i + 1)
        base = range(i - 41, i - 13)
        rw = [j for j in window if j >= 0 and self.recorded(j)]
        rb = [j for j in base if j >= 0 and self.recorded(j)]
        if len(rw) < 10 or len(rb) < 14:
            return False
        w = Fraction(7 * sum(self.sbms(j) for j in rw), len(rw))
        b = Fraction(7 * sum(self.sbms(j) for j in rb), len(rb))
        if w <= b / 2 and b - w >= Fraction(3, 2) and w < 7:
            return True
        tw = [s["bristol"] for j in window if j >= 0 for s in self.stools(j) if "bristol" in s]
        tb = [s["bristol"] for j in base if j >= 0 for s in self.stools(j) if "bristol" in s]
        if len(tw) < 4 or len(tb) < 4:
            return False
        mw, mb = Fraction(sum(tw), len(tw)), Fraction(sum(tb), len(tb))
        return (mb - mw >= 1 and mw <= 3) or (mw - mb >= 1 and mw >= 5)

    def constipation_week(self, end: int) -> bool:
        days = range(end - 6, end + 1)
        if sum(1 for j in days if self.recorded(j)) < 4:
            return False
        return len(self.items(days, 2, 4)[0]) >= 2

    def loose_week(self, end: int) -> bool:
        days = range(end - 6, end + 1)
        if sum(1 for j in days if self.recorded(j)) < 4:
            return False
        types = [s["bristol"] for j in days for s in self.stools(j) if "bristol" in s]
        loose = sum(1 for b in types if b >= 6)
        return loose >= 3 and Fraction(loose, len(types)) > Fraction(1, 4)

    def loose_day(self, j: int) -> bool:
        return j >= 0 and self.recorded(j) and any(s.get("bristol", 0) >= 6 for s in self.stools(j))

    def loose_run(self, i: int) -> int:
        run = 0
        while self.loose_day(i - run):
            run += 1
        return run

    def weeks_on(self, i: int) -> tuple[bool, bool]:
        ends = (i, i - 7, i - 14)
        return (all(self.constipation_week(j) for j in ends), all(self.loose_week(j) for j in ends))

    def persistent(self, i: int) -> bool:
        return any(self.weeks_on(i)) or self.loose_run(i) > 7

    def red(self, key: str, i: int) -> bool:
        for j in self.window(i, 7):
            doc = self.doc(j)
            flags = doc.get("red_flags") if doc else None
            if isinstance(flags, dict) and flags.get(key) is True:
                return True
        return False

    def age_change(self, i: int) -> bool:
        if self.birth_year is None or self.d(i).year - self.birth_year < 50:
            return False
        if not self.persistent(i):
            return False
        s = i
        while s - 1 >= 0 and self.persistent(s - 1):
            s -= 1
        return not any(self.persistent(j) for j in range(max(0, s - 365), s))

    # -- intake events -----------------------------------------------------------------------
    def events(self) -> dict[tuple[str, str], list[tuple[int, str]]]:
        if hasattr(self, "_events"):
            return self._events
        intake_days = [i for i in range(self.n) if self.doses(i) is not None]
        totals: dict[tuple[str, str], dict[int, Fraction]] = {}
        for i in intake_days:
            for dose in self.doses(i) or []:
                key = (dose["substance"].lower(), dose["unit"])
                day_totals = totals.setdefault(key, {})
                day_totals[i] = day_totals.get(i, Fraction(0)) + Fraction(dose["amount"])
        out: dict[tuple[str, str], list[tuple[int, str]]] = {}
        for key, taken in totals.items():
            found: list[tuple[int, str]] = []
            for i in sorted(taken):
                before = [j for j in sorted(taken) if i - 14 <= j < i][-7:]
                if not before:
                    known = sum(1 for j in range(i - 14, i) if j in intake_days)
                    if known >= 7:
                        found.append((i, "start"))
                    continue
                mean = sum(taken[j] for j in before) / len(before)
                if taken[i] > Fraction(5, 4) * mean:
                    found.append((i, "increase"))
                elif taken[i] < Fraction(3, 4) * mean:
                    found.append((i, "decrease"))
            for k, i in enumerate(intake_days):
                if i in taken or k == 0 or intake_days[k - 1] not in taken:
                    continue
                if k + 1 < len(intake_days) and intake_days[k + 1] not in taken:
                    found.append((i, "stop"))
            out[key] = sorted(found)
        self._events = out
        return out

    # -- every rule, with its window and qualifying days ----------------------------------
    def rules(self) -> dict[str, tuple[Any, int, Any]]:
        """id -> (active at day i, window, qualifying days of a run s..e)."""

        def qual(pred, window):
            return lambda s, e: [j for j in range(max(0, s - window + 1), e + 1) if pred(j)]

        def has(j, test):
            return any(test(s) for s in self.stools(j))

        def persistent_days(s, e):
            found = set()
            for i in range(s, e + 1):
                constipated, loose = self.weeks_on(i)
                for j in range(max(0, i - 20), i + 1):
                    if (constipated and self.item_day(j)) or (loose and self.loose_day(j)):
                        found.add(j)
                run = self.loose_run(i)
                if run > 7:
                    found.update(range(i - run + 1, i + 1))
            return sorted(found)

        rules: dict[str, tuple[Any, int, Any]] = {
            "gi.infrequent": (
                self.infrequent,
                7,
                qual(lambda j: self.recorded(j) and self.sbms(j) == 0, 7),
            ),
            "gi.hard_stools": (
                self.hard,
                14,
                qual(lambda j: has(j, lambda s: s.get("bristol", 4) <= 2), 14),
            ),
            "gi.loose_stools": (
                self.loose,
                14,
                qual(lambda j: has(j, lambda s: s.get("bristol", 0) >= 6), 14),
            ),
            "gi.straining": (
                self.straining,
                14,
                qual(lambda j: has(j, lambda s: s.get("straining") is True), 14),
            ),
            "gi.incomplete": (
                self.incomplete,
                14,
                qual(lambda j: has(j, lambda s: s.get("incomplete") is True), 14),
            ),
            "gi.constipation_pattern": (self.pattern, 28, qual(self.item_day, 28)),
            "gi.after_intake_increase": (
                self.after_increase,
                14,
                lambda s, e: qual(self.item_day, 14)(self.timing_run_start(e), e),
            ),
            "gi.change": (self.change, 14, qual(self.recorded, 14)),
            "gi.persistent": (self.persistent, 21, persistent_days),
            "red.age_change": (self.age_change, 21, persistent_days),
        }
        for key in RED_FLAGS:

            def active(i, key=key):
                return self.red(key, i)

            def reported(j, key=key):
                doc = self.doc(j)
                flags = doc.get("red_flags") if doc else None
                return isinstance(flags, dict) and flags.get(key) is True

            rules[f"red.{key}"] = (active, 7, qual(reported, 7))
        return rules

    def report(self, first: int, last: int) -> dict[str, tuple[list[int], int, tuple | None]]:
        """id -> (active days in first..last, since, (first, last, count) of evidence days)."""
        out = {}
        for rule_id, (active, _window, qualifying) in self.rules().items():
            on = [i for i in range(first, last + 1) if active(i)]
            if not on:
                continue
            e = on[-1]
            s = e
            while s - 1 >= 0 and active(s - 1):
                s -= 1
            days = qualifying(s, e)
            out[rule_id] = (on, s, (days[0], days[-1], len(days)) if days else None)
        return out
