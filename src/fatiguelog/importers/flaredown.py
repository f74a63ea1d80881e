"""Flaredown's CSV export: one row per day.

    Date,<conditions...>,<symptoms...>,<treatments...>,Tags,Foods[,<weather...>]

`Date` is YYYY-MM-DD. The header does not say which column is a condition, a symptom or a
treatment, so the values decide: a column of whole numbers 0-4 is a rating (0 none to
4 extreme); a column of "Taken", "Not Taken" or doses with a unit ("20 mg") is a treatment.
Anything else (a "5" among ratings, a bare number among doses, words) fits no one reading: the
column is listed as not understood, never guessed. Tags and Foods are joined by "; ". Columns
after Foods (newer exports) are the weather.

Ratings whose name fatiguelog knows (Fatigue, Brain fog, Nausea...) are converted to 0-10;
treatments become doses when they give an amount. "Taken" alone has none: that day's doses
are left unanswered (see core.AmountUnknown) and listed. Conditions, other symptoms, tags,
foods and weather are listed as not mapped.
"""

from __future__ import annotations

import re

from fatiguelog.importers.core import Reading, Rule, Scale, Source
from fatiguelog.importers.csvfile import Table, columns_error, iso_day, said
from fatiguelog.importers.targets import TARGETS, known_target

LABEL = "Flaredown"
RATING = Scale(0, 4, "worse", "none, mild, moderate, severe, extreme")
#: A treatment's cell: Taken, Not Taken, or an amount with its unit ("4.5 mg"); a bare number
#: is no dose (no unit), and in a column of ratings it is a stray value: either way, unclear.
_TREATMENT = re.compile(r"^(taken|not taken|\d+(?:[.,]\d+)*\s*[^\d\s.,].*)$", re.IGNORECASE)


def read(table: Table) -> Source:
    header = table.header
    folded = [h.casefold() for h in header]
    if not header or folded[0] != "date" or "tags" not in folded or "foods" not in folded:
        raise columns_error(
            LABEL, "Date, then your conditions, symptoms and treatments, then Tags,Foods", header
        )
    tags_at = folded.index("tags")
    foods_at = folded.index("foods")
    trackables = header[1:tags_at]
    weather = header[foods_at + 1 :]
    kinds = {name: _kind([row.cells[name] for row in table.rows]) for name in trackables}
    rules: dict[str, Rule] = {}
    scales: dict[str, Scale] = {}
    for name, kind in kinds.items():
        if kind == "rating":
            scales[name] = RATING
            target = known_target(name)
            if target is not None:
                rules[name] = Rule(target, RATING)
        elif kind == "treatment":
            rules[name] = Rule(
                TARGETS["intake"],
                substance=name,
                how="'Not Taken' is left out; 'Taken' with no amount leaves that "
                "day's doses unanswered (listed)",
            )
    readings: list[Reading] = []
    for row in table.rows:
        day = iso_day(row.cells[header[0]], row.line)
        for name in trackables:
            value = row.cells[name]
            if not value or (kinds[name] == "treatment" and value.casefold() == "not taken"):
                continue
            readings.append(Reading(day, name, value, row.line, name=name))
        for tag in row.cells[header[tags_at]].split(";"):
            if tag.strip():
                readings.append(Reading(day, f"tag: {tag.strip()}", "yes", row.line))
        if row.cells[header[foods_at]]:
            readings.append(Reading(day, "Foods", row.cells[header[foods_at]], row.line))
        for name in weather:
            if row.cells[name]:
                readings.append(Reading(day, f"weather: {name}", row.cells[name], row.line))
    unclear = tuple(
        (name, _unclear_why([row.cells[name] for row in table.rows]))
        for name, kind in kinds.items()
        if kind == "unknown"
    )
    return Source(LABEL, readings, rules, scales, [], unclear)


def _kind(values: list[str]) -> str:
    """rating | treatment | unknown | empty, from every value the column holds."""
    given = [v for v in values if v]
    if not given:
        return "empty"
    if all(v.isdigit() and 0 <= int(v) <= 4 for v in given):
        return "rating"
    if all(_TREATMENT.match(v) for v in given):
        return "treatment"
    return "unknown"


def _unclear_why(values: list[str]) -> str:
    """Why a column fits no one reading, with the values that don't fit (said, not guessed)."""
    odd = list(dict.fromkeys(v for v in values if v and not (v.isdigit() and int(v) <= 4)))
    shown = ", ".join(f"'{said(v)}'" for v in odd[:3])
    return (
        f"its values fit neither a rating 0-4 nor a treatment (Taken, Not Taken or an "
        f"amount with its unit): {shown}; a map file can say what it is"
    )
