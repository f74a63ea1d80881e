"""Bearable's CSV export: one reading per row, many rows a day.

    date,weekday,time of day,category,rating/amount,detail,notes
    date formatted,date,weekday,time of day,category,rating/amount,detail,notes   (newer)

`date` is like "22nd Sep 2020" (`date formatted`, when there, is YYYY-MM-DD). `time of day` is a
part of the day (am, mid, pm, pre) or a clock time. `category` says what the row is:

- Symptom: `detail` names it with its severity, "Headache (Mild)"; `rating/amount` is the
  severity 0-4 (none, mild, moderate, severe, unbearable). Fatigue, PEM, pain, brain fog,
  nausea, bloating and stomach pain have a home; a "Crash" symptom marks a crash day.
- Sleep: hours, "7:30" or "7.5". Sleep quality: 1-5, higher is better.
- Meds/Supplements (or Medication): `detail` is "Ibuprofen (mg)", `rating/amount` the amount
  (none given: taken, amount unknown; that day's doses are left unanswered and listed).
- A row with nothing to read (a blank rating, sleep or amount) is listed, never dropped.
- Bowel Movements: one row is one bowel movement; its Bristol type is "Type 4" in `detail`
  or a `rating/amount` of 1-7.
- Mood, Energy, Factors and the rest have no home yet: listed as not mapped.
"""

from __future__ import annotations

import re

from fatiguelog.importers.core import Reading, Rule, Scale, Source
from fatiguelog.importers.csvfile import Table, clock, columns_error, iso_day, named_day
from fatiguelog.importers.targets import TARGETS, known_target

LABEL = "Bearable"
COLUMNS = ("date", "weekday", "time of day", "category", "rating/amount", "detail", "notes")
SEVERITY = Scale(0, 4, "worse", "none, mild, moderate, severe, unbearable")
_SEVERITY_WORDS = {"none": 0, "mild": 1, "moderate": 2, "severe": 3, "unbearable": 4, "extreme": 4}
_NAMED = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")  # "Back (lower) pain (Mild)" -> name, last
_MEDS = ("meds/supplements", "medication", "medications", "meds", "supplements")


def read(table: Table) -> Source:
    header = [h.casefold() for h in table.header]
    if not all(name in header for name in COLUMNS):
        raise columns_error(
            LABEL, ",".join(COLUMNS) + " (newer exports add 'date formatted')", table.header
        )
    column = {h.casefold(): h for h in table.header}
    iso = "date formatted" in column
    readings: list[Reading] = []
    rules: dict[str, Rule] = {"notes": Rule(TARGETS["notes"])}
    scales: dict[str, Scale] = {
        "Mood": Scale(1, 5, "better"),
        "Energy": Scale(1, 5, "better"),
        "Sleep quality": Scale(1, 5, "better"),
    }
    for row in table.rows:
        cell = {name: row.cells[column[name]] for name in column}
        day = (
            iso_day(cell["date formatted"], row.line)
            if iso and cell["date formatted"]
            else named_day(cell["date"], row.line)
        )
        at = clock(cell["time of day"])
        category = cell["category"]
        amount, detail = cell["rating/amount"], cell["detail"]
        kind = category.casefold()
        if cell["notes"]:
            readings.append(Reading(day, "notes", cell["notes"], row.line, at))
        if kind == "symptom":
            name, said = _split(detail)
            value = amount or str(_SEVERITY_WORDS.get((said or "").casefold(), ""))
            source = f"Symptom: {name}"
            target = known_target(name)
            if target is not None and source not in rules:
                rules[source] = Rule(target, SEVERITY)
            scales[source] = SEVERITY
            readings.append(Reading(day, source, value, row.line, at, name))  # "": listed
        elif kind in _MEDS:
            name, unit = _split(detail)
            source = f"{category}: {name}"
            rules.setdefault(
                source,
                Rule(
                    TARGETS["intake"],
                    substance=name,
                    how="the unit from the detail, as in 'Ibuprofen (mg)'",
                ),
            )
            # No amount: taken, amount unknown (listed; that day's doses stay unanswered).
            readings.append(Reading(day, source, amount, row.line, at, name, unit))
        elif kind == "sleep":
            rules["Sleep"] = Rule(TARGETS["sleep.hours"], how="hours as H:MM or a number")
            readings.append(Reading(day, "Sleep", amount, row.line, at))
        elif kind == "sleep quality":
            rules["Sleep quality"] = Rule(TARGETS["sleep.quality"], scales["Sleep quality"])
            readings.append(Reading(day, "Sleep quality", amount, row.line, at))
        elif kind in ("bowel movements", "bowel movement"):
            rules["Bowel Movements"] = Rule(
                TARGETS["gi.stools"], how="each row, its type from 'Type N' in the detail"
            )
            value = detail if re.search(r"(type|bristol)", detail, re.I) else amount
            readings.append(Reading(day, "Bowel Movements", value or detail, row.line, at))
        elif category:
            readings.append(Reading(day, category, amount or detail or "yes", row.line, at))
    return Source(LABEL, readings, rules, scales, [])


def _split(detail: str) -> tuple[str, str | None]:
    """'Headache (Mild)' -> ('Headache', 'Mild'); 'Ibuprofen (mg)' -> ('Ibuprofen', 'mg')."""
    match = _NAMED.match(detail)
    if match and match.group(1):
        return match.group(1).strip(), match.group(2).strip()
    return detail.strip(), None
