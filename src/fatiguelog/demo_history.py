"""A realistic, seeded demo history: for `fatiguelog demo`, screenshots and the benchmark.

The story told near the end of the history (so the default 90-day trend view shows it):
a kratom dose increase followed within days by constipation (harder, fewer stools, straining)
that lasts about four weeks, with a week of senna (a laxative) in it; a later reduction
followed by looser stools; and a red flag reported three days before the end. Busy days are
followed 1-2 days later by more PEM and fatigue. Some days are missing and some check-ins skip
the bowel step, as in real use. The same seed (and end date) gives
the same files. It writes files directly (no fsync per file) so 10 years take about a second.
"""

from __future__ import annotations

import os
import random
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from fatiguelog import paths
from fatiguelog.atomic import FILE_MODE, ensure_private_dir
from fatiguelog.model import RED_FLAGS, SCHEMA_VERSION, Entry
from fatiguelog.settings import Settings, Substance, save_settings
from fatiguelog.store import dump_entry

# Story days, counted back from the end (scaled down for short histories).
INCREASE = 70  # kratom 2 g -> 4 g a day
CONSTIPATION = (68, 41)  # hard, few stools, straining
REDUCTION = 40  # kratom 4 g -> 1.5 g a day
LOOSE = (38, 29)  # looser stools after the reduction
LAXATIVE = (52, 46)  # a week of senna (a laxative) in the constipated weeks, days 52 to 46
RED_FLAG = 3  # blood in stool, so a red flag is active at the end
MISSING = (50, 15)  # two forgotten days inside the story
STORY_SPAN = 150

SUBSTANCES = (
    Substance("kratom", "g", klass="opioid"),
    Substance("magnesium", "mg", klass="other"),
    Substance("coffee", "cup"),  # left without a class: views say "not classified"
)
BIRTH_YEAR = 1968

_SHORT = (
    "Crashed after the shower.",
    "Quiet day.",
    "Good hour in the garden.",
    "Headache all afternoon.",
    "Slept badly, noisy street.",
    "Café visit ☕ - paid for it.",
    "Stomach cramps in the evening.",
    "Could read for 20 minutes!",
)
_SENTENCES = (
    "Pacing went better today; I set a timer and lay down between tasks.",
    "My partner did the shopping, so I only had to put things away.",
    "Appointment by phone: the doctor wants a stool diary for the next visit.",
    "Too much screen time in the evening and the brain fog came back hard.",
    "Walked to the end of the street and back, which felt fine at the time.",
    "Noise and light sensitivity were bad; blinds down most of the day.",
    "Tried to cook a proper meal and had to sit down twice.",
    "Wrote this in bits because concentrating is hard [not markup] today.",
)


def generate(
    root: Path, *, days: int = 180, seed: int = 7, end: date | None = None, complete: bool = False
) -> None:
    """Write `days` days of entries ending on `end` (default today), plus settings, into `root`.

    `complete` writes every day with every section and a note (the benchmark's history);
    otherwise some days are missing and some skip the bowel step, as in real use.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    end = end or date.today()
    rng = random.Random(seed)
    scale = min(1.0, days / STORY_SPAN)

    def back(n: int) -> date:
        return end - timedelta(days=round(n * scale))

    story = _Story(
        increase=back(INCREASE),
        reduction=back(REDUCTION),
        constipation=(back(CONSTIPATION[0]), back(CONSTIPATION[1])),
        loose=(back(LOOSE[0]), back(LOOSE[1])),
        laxative={back(n) for n in range(LAXATIVE[1], LAXATIVE[0] + 1)},
        red_flag=back(RED_FLAG),
        missing={back(n) for n in MISSING} if days >= STORY_SPAN else set(),
        calm_from=back(INCREASE + 20),
    )
    ensure_private_dir(root)
    save_settings(root, Settings(substances=SUBSTANCES, birth_year=BIRTH_YEAR))

    start = end - timedelta(days=days - 1)
    exertion_before: list[int] = [3, 3]
    made_dirs: set[Path] = set()
    for offset in range(days):
        day = start + timedelta(days=offset)
        busy = rng.random() < 0.18
        exertion = rng.randint(7, 9) if busy else rng.randint(1, 5)
        skipped = day in story.missing or (day < story.calm_from and rng.random() < 0.04)
        if skipped and not complete:
            exertion_before = [exertion_before[-1], exertion]
            continue
        doc = _day(rng, day, story, exertion, exertion_before, complete)
        exertion_before = [exertion_before[-1], exertion]
        path = paths.entry_path(root, day)
        if path.parent not in made_dirs:
            ensure_private_dir(path.parent)
            made_dirs.add(path.parent)
        _write(path, dump_entry(Entry(day, doc)))


class _Story:
    def __init__(
        self,
        *,
        increase: date,
        reduction: date,
        constipation: tuple[date, date],
        loose: tuple[date, date],
        laxative: set[date],
        red_flag: date,
        missing: set[date],
        calm_from: date,
    ):
        self.increase, self.reduction = increase, reduction
        self.constipation, self.loose = constipation, loose
        self.laxative, self.red_flag, self.missing = laxative, red_flag, missing
        self.calm_from = calm_from

    def phase(self, day: date) -> str:
        if self.constipation[0] <= day <= self.constipation[1]:
            return "constipated"
        if self.loose[0] <= day <= self.loose[1]:
            return "loose"
        return "settled" if day > self.loose[1] else "usual"

    def kratom(self, day: date) -> float:
        if day >= self.reduction:
            return 1.5
        if day >= self.increase:
            return 4.0
        return 2.0


def _clamp(value: float) -> int:
    return max(0, min(10, round(value)))


def _day(
    rng: random.Random,
    day: date,
    story: _Story,
    exertion: int,
    before: list[int],
    complete: bool = False,
) -> dict[str, Any]:
    """One day's document; PEM and fatigue follow busy days 1-2 days later."""
    lag1, lag2 = before[-1] >= 7, before[-2] >= 7
    pem = _clamp(2 + 3.5 * lag1 + 2 * lag2 + rng.gauss(0, 1))
    fatigue = _clamp(5 + 2 * lag1 + 1 * lag2 + rng.gauss(0, 1))
    phase = story.phase(day)
    doc: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "date": day,
        "updated": datetime.combine(
            day, time(20 + rng.randint(0, 2), rng.randint(0, 59)), tzinfo=UTC
        ),
        "symptoms": {
            "fatigue": fatigue,
            "pem": pem,
            "pain": _clamp(3.5 + rng.gauss(0, 1.2)),
            "brain_fog": _clamp(4 + 0.5 * pem + rng.gauss(0, 1)),
            "unrefreshing_sleep": rng.random() < 0.7,
        },
        "sleep": {"hours": rng.randint(10, 18) / 2, "quality": _clamp(4 + rng.gauss(0, 1.5))},
        "activity": {"exertion": exertion},
        "intake": _intake(rng, day, story),
    }
    if rng.random() > 0.02 or story.calm_from <= day or complete:
        doc["gi"] = _gi(rng, day, story, phase)
    doc["diet"] = {"fiber_servings": rng.randint(0, 5), "water_ml": rng.randint(8, 25) * 100}
    red = dict.fromkeys(RED_FLAGS, False)
    if day == story.red_flag:
        red["blood_in_stool"] = True
    doc["red_flags"] = red
    note = _note(rng) or ("Nothing special today." if complete else "")
    if note:
        doc["notes"] = note
    return doc


def _intake(rng: random.Random, day: date, story: _Story) -> list[dict[str, Any]]:
    total = story.kratom(day)
    morning = total / 2 if total != 1.5 else 1.0
    doses = [
        {
            "substance": "kratom",
            "amount": morning,
            "unit": "g",
            "form": "leaf powder",
            "time": time(8, rng.randint(0, 59)),
        },
        {
            "substance": "kratom",
            "amount": total - morning,
            "unit": "g",
            "form": "leaf powder",
            "time": time(15, rng.randint(0, 59)),
        },
    ]
    doses.append({"substance": "magnesium", "amount": 200, "unit": "mg", "form": "tablet"})
    if day in story.laxative:  # a laxative-class dose (senna) on the laxative days
        doses.append(
            {
                "substance": "senna",
                "amount": 15,
                "unit": "mg",
                "form": "tablet",
                "time": time(22, 0),
            }
        )
    doses.append({"substance": "coffee", "amount": 2 if rng.random() < 0.05 else 1, "unit": "cup"})
    return doses


def _gi(rng: random.Random, day: date, story: _Story, phase: str) -> dict[str, Any]:
    gi: dict[str, Any] = {}
    forms: tuple[int, ...]
    if phase == "constipated":
        count = rng.choice((0, 0, 1, 1, 0)) if day not in story.laxative else 1
        forms, strain, incomplete, blocked = (1, 2, 2, 1, 2, 3), 0.7, 0.6, 0.3
    elif phase == "loose":
        count = rng.choice((2, 3, 3, 4))
        forms, strain, incomplete, blocked = (5, 6, 6, 7, 7), 0.05, 0.2, 0.0
    elif phase == "settled":  # no extremes, so the story's flags end cleanly
        count = rng.choice((1, 1, 2, 2, 3))
        forms, strain, incomplete, blocked = (3, 4, 4, 4, 5, 5, 4, 3), 0.05, 0.05, 0.0
    else:  # ordinary days: the odd hard or loose stool, rare straining (not a story of its own)
        count = rng.choice((1, 1, 2, 2, 3))
        forms = (3, 3, 4, 4, 4, 4, 5, 5, 3, 4, 5, 4, 2, 6)
        strain, incomplete, blocked = 0.06, 0.06, 0.02
    stools = []
    for n in range(count):
        stools.append(
            {
                "time": time(7 + 4 * n + rng.randint(0, 3), rng.randint(0, 59)),
                "bristol": rng.choice(forms) if day not in story.laxative else 5,
                "straining": rng.random() < strain,
                "incomplete": rng.random() < incomplete,
                "blockage": rng.random() < blocked,
                "manual": rng.random() < blocked / 5,
            }
        )
    gi["stools"] = stools
    gi["no_bowel_movement"] = not stools
    gi["laxative"] = day in story.laxative
    worse = 3 if phase == "constipated" else 2 if phase == "loose" else 0
    gi["abdominal_pain"] = _clamp(1 + worse + rng.gauss(0, 1))
    gi["bloating"] = _clamp(2 + worse + rng.gauss(0, 1))
    gi["nausea"] = _clamp(1 + (phase == "loose") * 2 + rng.gauss(0, 1))
    return gi


def _note(rng: random.Random) -> str | None:
    roll = rng.random()
    if roll < 0.45:
        return None
    if roll < 0.8:
        return rng.choice(_SHORT)
    count = rng.randint(2, 4) if roll < 0.95 else rng.randint(8, 14)
    text = " ".join(rng.choice(_SENTENCES) for _ in range(count))
    return text if count < 8 else text.replace(". ", ".\n", 3)


def _write(path: Path, data: bytes) -> None:
    """A private (0600) file; no fsync: a demo folder is disposable."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        os.write(fd, data)
    finally:
        os.close(fd)
