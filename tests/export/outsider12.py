"""The histories of the outside test of issue 12 (a GP and a patient), written as entry files
the way their generator wrote them (seeded: the same days every run).

- `year_of_kratom` (their history A): 365 days to 2026-11-25; kratom (opioid) 2, 4, 6, 3 g a
  day, stopped 2026-10-11, back at 2 g from 2026-11-01; codeine 60 mg a day 2026-11-05 to
  11-12 with hard stools and straining; senna every third day, then two days; coffee 1 or 2
  cups at random; loose stools 10-12 to 10-27; vomiting on 09-26, blood in stool on 11-23; April
  and May all but empty (3 entries).
- `coffee_wobble` (their history C): 90 days; coffee 1 or 2 cups at random for 70 days, then
  3 or 4.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from tests.factories import put_entry, write_settings

END = date(2026, 11, 25)
RED_KEYS = (
    "blood_in_stool",
    "black_stool",
    "severe_abdominal_pain",
    "vomiting",
    "no_stool_no_gas",
    "fever",
    "unintended_weight_loss",
)


def _write(root: Path, day: date, lines: list[str]) -> None:
    put_entry(root, day, "\n".join(lines) + "\n")


def _dose_lines(doses: list[tuple[str, float, str]]) -> list[str]:
    out = []
    for name, amount, unit in doses:
        out += ["[[intake]]", f'substance = "{name}"', f"amount = {amount}", f'unit = "{unit}"']
    return out


def year_of_kratom(root: Path) -> Path:
    pick = random.Random(7)
    write_settings(
        root,
        "schema = 1\nbirth_year = 1970\nsubstances = [\n"
        '  { name = "kratom", unit = "g", class = "opioid" },\n'
        '  { name = "senna", unit = "mg", class = "laxative" },\n'
        '  { name = "coffee", unit = "cup" },\n'
        '  { name = "codeine", unit = "mg", class = "opioid" },\n]\n',
    )

    def kratom(d: date) -> list[float]:
        if d < date(2026, 7, 1):
            return [1.0, 1.0]
        if d < date(2026, 8, 16):
            return [2.0, 2.0]
        if d < date(2026, 9, 16):
            return [3.0, 3.0]
        if d < date(2026, 10, 11):
            return [1.5, 1.5]
        if d < date(2026, 11, 1):
            return []
        return [1.0, 1.0]

    spring = (date(2026, 4, 10), date(2026, 5, 2), date(2026, 5, 20))
    d = END - timedelta(days=364)
    while d <= END:
        if date(2026, 4, 1) <= d <= date(2026, 5, 31) and d not in spring:
            d += timedelta(days=1)
            continue
        if d >= date(2026, 11, 23):  # logged from the shell and the app
            d += timedelta(days=1)
            continue
        lines = [
            "schema = 1",
            f"date = {d}",
            "[symptoms]",
            f"fatigue = {pick.randint(4, 8)}",
            f"pem = {pick.randint(1, 7)}",
            f"pain = {pick.randint(1, 5)}",
            f"brain_fog = {pick.randint(3, 8)}",
            "[sleep]",
            f"hours = {pick.choice([5, 6, 6.5, 7, 8])}",
            "quality = 4",
            "[activity]",
            f"exertion = {pick.randint(1, 7)}",
        ]
        doses = [("kratom", a, "g") for a in kratom(d)]
        doses.append(
            (
                "coffee",
                pick.choice([1, 1, 2, 2, 1, 3]) if d < date(2026, 6, 1) else pick.choice([1, 2]),
                "cup",
            )
        )
        senna = (
            date(2026, 8, 20) <= d <= date(2026, 10, 20) and (d - date(2026, 8, 20)).days % 3 == 0
        ) or d in (date(2026, 11, 10), date(2026, 11, 11))
        if senna:
            doses.append(("senna", 15, "mg"))
        if date(2026, 11, 5) <= d <= date(2026, 11, 12):
            doses += [("codeine", 30, "mg"), ("codeine", 30, "mg")]
        lines += _dose_lines(doses)
        if date(2026, 8, 16) <= d < date(2026, 9, 16) or date(2026, 11, 5) <= d <= date(
            2026, 11, 14
        ):
            stools = [] if pick.random() < 0.6 else [(pick.choice([1, 2]), True)]
        elif date(2026, 10, 12) <= d < date(2026, 10, 28):
            stools = [(pick.choice([6, 7]), False) for _ in range(pick.randint(2, 4))]
        else:
            stools = [(pick.choice([3, 4, 4, 5]), False) for _ in range(pick.randint(1, 2))]
        lines.append("[gi]")
        if stools:
            lines.append(
                "stools = ["
                + ", ".join(
                    f"{{ bristol = {b}, straining = {str(s).lower()}, incomplete = false }}"
                    for b, s in stools
                )
                + "]"
            )
            lines.append("no_bowel_movement = false")
        else:
            lines += ["stools = []", "no_bowel_movement = true"]
        lines.append(f"laxative = {str(senna).lower()}")
        lines.append("[red_flags]")
        lines += [
            f"{k} = {str(k == 'vomiting' and d == date(2026, 9, 26)).lower()}" for k in RED_KEYS
        ]
        _write(root, d, lines)
        d += timedelta(days=1)
    _write(
        root,
        date(2026, 11, 23),
        [
            "schema = 1",
            "date = 2026-11-23",
            *_dose_lines([("kratom", 1, "g"), ("kratom", 1, "g"), ("coffee", 2, "cup")]),
            "[red_flags]",
            "blood_in_stool = true",
            "[gi]",
            "no_bowel_movement = false",
            "stools = [{ bristol = 4, straining = false, incomplete = false }]",
        ],
    )
    _write(
        root,
        date(2026, 11, 24),
        [
            "schema = 1",
            "date = 2026-11-24",
            *_dose_lines([("kratom", 2, "g"), ("coffee", 1, "cup")]),
            "[gi]",
            "no_bowel_movement = false",
            "stools = [{ bristol = 5, straining = false, incomplete = false }]",
        ],
    )
    _write(
        root,
        date(2026, 11, 25),
        [
            "schema = 1",
            "date = 2026-11-25",
            *_dose_lines([("kratom", 2, "g"), ("coffee", 1, "cup")]),
            "[gi]",
            "stools = []",
            "no_bowel_movement = true",
        ],
    )
    return root


def coffee_wobble(root: Path) -> Path:
    pick = random.Random(3)
    write_settings(
        root,
        'schema = 1\nsubstances = [\n  { name = "kratom", unit = "g", class = "opioid" },\n'
        '  { name = "senna", unit = "mg", class = "laxative" },\n'
        '  { name = "coffee", unit = "cup" },\n]\n',
    )
    start = END - timedelta(days=89)
    for i in range(90):
        d = start + timedelta(days=i)
        k = 2 if i < 20 else 3 if i < 40 else 4 if i < 55 else 2 if i < 65 else 0 if i < 67 else 2
        if i == 30:
            k = 4.5
        doses = [("kratom", k, "g")] if k else []
        doses.append(("coffee", pick.choice([1, 2]) if i < 70 else pick.choice([3, 4]), "cup"))
        senna = 10 <= i < 40 and i % 2 == 0
        if senna:
            doses.append(("senna", 7.5, "mg"))
        _write(
            root,
            d,
            [
                "schema = 1",
                f"date = {d}",
                "[symptoms]",
                "fatigue = 6",
                "pem = 4",
                *_dose_lines(doses),
                "[gi]",
                "stools = [{ bristol = 4 }]",
                f"laxative = {str(senna).lower()}",
            ],
        )
    return root


def one_day(root: Path) -> Path:
    """Their history B: one check-in today (vomiting, 1 stool, 1 dose)."""
    _write(
        root,
        END,
        [
            "schema = 1",
            f"date = {END}",
            "[symptoms]",
            "fatigue = 6",
            "pem = 4",
            *_dose_lines([("kratom", 2, "g")]),
            "[gi]",
            "stools = [{ bristol = 4 }]",
            "laxative = true",
            "[red_flags]",
            "vomiting = true",
        ],
    )
    return root


def export(root: Path, capsys, *args: str) -> str:
    """`fatiguelog export ARGS` on `root`, its standard output (it must succeed)."""
    from fatiguelog.cli import main

    capsys.readouterr()
    assert main(["--data-dir", str(root), "export", *args]) == 0
    return capsys.readouterr().out
