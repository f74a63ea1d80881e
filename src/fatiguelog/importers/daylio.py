"""Daylio's CSV export (a mood diary): one row per entry, several entries a day possible.

    full_date,date,weekday,time,mood,activities,note_title,note      (current exports)
    year,date,weekday,time,mood,activities,note                      (older exports)

`full_date` is YYYY-MM-DD; `date` and `weekday` are written in the phone's language, so older
exports (no `full_date`) are read from `year` and an English `date` ("September 22" or
"22 September"). `time` is "22:13" or "10:00 pm". Activities are joined by " | ".

Only the notes have a home in fatiguelog. The mood (awful, bad, meh, good, rad: read as 1-5,
higher is better) and each activity are listed as not mapped; a map can place them.
"""

from __future__ import annotations

from fatiguelog.importers.core import Reading, Rule, Scale, Source
from fatiguelog.importers.csvfile import Table, clock, columns_error, iso_day, named_day
from fatiguelog.importers.targets import TARGETS

LABEL = "Daylio"
NEW = ("full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note")
OLD = ("year", "date", "weekday", "time", "mood", "activities", "note")
MOODS = {"awful": 1, "bad": 2, "meh": 3, "good": 4, "rad": 5}


def read(table: Table) -> Source:
    header = [h.casefold() for h in table.header]
    new = all(name in header for name in NEW)
    if not new and not all(name in header for name in OLD):
        raise columns_error(
            LABEL, ",".join(NEW) + " (or the older " + ",".join(OLD) + ")", table.header
        )
    column = {h.casefold(): h for h in table.header}
    readings: list[Reading] = []
    notes: list[Reading] = []
    for row in table.rows:
        cell = {name: row.cells[column[name]] for name in (NEW if new else OLD)}
        if new:
            day = iso_day(cell["full_date"], row.line)
        else:
            try:
                year = int(cell["year"])
            except ValueError:
                year = None
            day = named_day(cell["date"], row.line, year)
        at = clock(cell["time"])
        mood = cell["mood"]
        if mood:
            value = str(MOODS.get(mood.casefold(), mood))
            readings.append(Reading(day, "mood", value, row.line, at))
        for activity in cell["activities"].split("|"):
            if activity.strip():
                readings.append(Reading(day, f"activity: {activity.strip()}", "yes", row.line, at))
        title, text = cell.get("note_title", ""), cell["note"]
        note = "\n".join(part for part in (title, text) if part)
        if note:
            notes.append(Reading(day, "note", note, row.line, at))
    readings += _stamped(notes)
    rules = {
        "note": Rule(
            TARGETS["notes"], how="several entries on one day: each note starts with its time"
        )
    }
    scales = {"mood": Scale(1, 5, "better", "awful, bad, meh, good, rad")}
    return Source(LABEL, readings, rules, scales, [])


def _stamped(notes: list[Reading]) -> list[Reading]:
    """A day's notes, each starting with its time when the day has more than one."""
    per_day: dict[object, int] = {}
    for note in notes:
        per_day[note.day] = per_day.get(note.day, 0) + 1
    out = []
    for note in sorted(notes, key=lambda n: (n.day, n.at is None, n.at)):
        if per_day[note.day] > 1 and note.at is not None:
            note = note._replace(value=f"{note.at:%H:%M} {note.value}")
        out.append(note)
    return out
