"""Visible's CSV export (the pacing app for ME/CFS and long COVID): one observation per row.

    observation_date,tracker_name,tracker_category,observation_value

`observation_date` is YYYY-MM-DD. Symptoms (Brain, Pain, Gastrointestinal, General... as the
category) are rated 0-3 (none, mild, moderate, severe); the activity trackers (Physically
active, Mentally demanding...) 0-3 too; "Crash" (Experience) is 1 or 0; "Note" holds text;
Measurement rows are the morning heart rate, HR variability, stability score and PacePoints;
Funcap_* rows are the monthly FUNCAP27 questionnaire.

Fatigue, Brain Fog, Stomach pain, Nausea and Bloating become our 0-10 ratings, Physically
active our exertion, Crash a crash day, Note the notes. Everything else (heart rate, HRV,
the morning "Sleep" rating, whose direction the file doesn't say) is listed as not mapped.
"""

from __future__ import annotations

from fatiguelog.importers.core import Reading, Rule, Scale, Source
from fatiguelog.importers.csvfile import Table, columns_error, iso_day
from fatiguelog.importers.targets import TARGETS, known_target

LABEL = "Visible"
COLUMNS = ("observation_date", "tracker_name", "tracker_category", "observation_value")
SYMPTOM = Scale(0, 3, "worse", "none, mild, moderate, severe")
ACTIVITY = Scale(0, 3, "worse", "0 = none, 3 = a lot")
_ACTIVITY = {"physical", "cognitive", "social", "emotional"}
_NOT_SYMPTOMS = {"measurement", "note", "experience", "sleep"}


def read(table: Table) -> Source:
    column = {h.casefold(): h for h in table.header}
    if not all(name in column for name in COLUMNS):
        raise columns_error(LABEL, ",".join(COLUMNS), table.header)
    readings: list[Reading] = []
    rules: dict[str, Rule] = {}
    scales: dict[str, Scale] = {}
    for row in table.rows:
        cell = {name: row.cells[column[name]] for name in COLUMNS}
        day = iso_day(cell["observation_date"], row.line)
        name, category = cell["tracker_name"], cell["tracker_category"]
        value = cell["observation_value"]
        folded = category.casefold()
        if folded.startswith("funcap"):
            source = "FUNCAP27 questionnaire"
        elif folded == "note" or name.casefold() == "note":
            source = "Note"
            rules[source] = Rule(TARGETS["notes"])
        else:
            source = name
            scale = ACTIVITY if folded in _ACTIVITY else SYMPTOM
            if folded not in _NOT_SYMPTOMS:
                scales[source] = scale
            target = (
                TARGETS["activity.exertion"]
                if name.casefold() == "physically active"
                else known_target(name)
            )
            if target is not None and source not in rules:
                rules[source] = Rule(target, scale)
        if value:
            readings.append(Reading(day, source, value, row.line))
    return Source(LABEL, readings, rules, scales, [])
