"""The appointment summary as JSON (contract: shared spec cli.md, "JSON export", version 1).

The contract's keys come first and are never renamed; extra keys sit beside them. Text is kept
as written (JSON escapes it), except that C1 control characters and bidi controls are written
as `\\u` escapes so printing the export to a terminal can't smuggle in control sequences or
reorder what it shows.
"""

from __future__ import annotations

import json
import re
from typing import Any

from fatiguelog import flagtext
from fatiguelog.analysis.summary import (
    Alarm,
    AnswerStats,
    FlagReport,
    IntakeRange,
    RatingStats,
    Summary,
)
from fatiguelog.export import common as c
from fatiguelog.substances import class_words
from fatiguelog.textsafe import BIDI_CONTROLS
from fatiguelog.wording import CLINICIAN_DISCLAIMER

FORMAT_VERSION = 1
#: Written as `\u` escapes: C1 controls and line separators (a terminal acts on them) and
#: the bidi controls of `textsafe.BIDI_CONTROLS` (they reorder what a terminal shows).
_C1 = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


def _rating(r: RatingStats) -> dict[str, Any]:
    return {
        "mean": _round(r.mean),
        "min": r.min,
        "max": r.max,
        "days": r.days,
        "label": r.label,
        "first_half_mean": _round(r.first_half_mean),
        "second_half_mean": _round(r.second_half_mean),
    }


def _flag(f: FlagReport) -> dict[str, Any]:
    ev = f.evidence_days
    return {
        "id": f.id,
        "level": f.level,
        "title": f.title,
        "since": c.iso(f.since),
        "last": c.iso(f.last),
        "evidence": f.evidence,
        "rule": f.rule,
        "source": f"{f.source}. {f.citation}" if f.citation else f.source,
        "advice": f.advice,
        "active_days": len(f.active_days),
        "evidence_days": None
        if ev is None
        else {"first": c.iso(ev.first), "last": c.iso(ev.last), "count": ev.count},
        "window_days": f.window,
        "source_short": f.source,
    }


def _alarm(a: Alarm, ends_today: bool) -> dict[str, Any]:
    return {
        "key": a.key,
        "title": a.title,
        "days": [c.iso(d) for d in a.days],
        "active": a.active,
        "level": a.level,
        "advice": a.advice if a.active and ends_today else a.advice_past,
    }


def _timeline(r: IntakeRange) -> dict[str, Any]:
    return {
        "substance": r.substance,
        "class": class_words(r.klass),
        "from": c.iso(r.first),
        "to": c.iso(r.last),
        "daily_amount": _round(r.daily_amount, 3),
        "unit": r.unit,
        "status": r.status,
        "min_daily": _round(r.min_daily, 3),
        "max_daily": _round(r.max_daily, 3),
        "days_taken": r.days_taken,
        "change": r.change,
        "from_before_period": r.before_period,
        "current": r.current,
        "intake_days": r.intake_days,
        "intermittent": r.intermittent,
        "last_taken": c.iso(r.last_taken) if r.last_taken else None,
    }


def _answer(a: AnswerStats) -> dict[str, Any]:
    """One question's figures, whatever it is (a built-in question, the patient's own, a key
    no longer in their settings): its kind says which figures it has."""
    q = a.question
    doc: dict[str, Any] = {"label": q.label, "kind": q.kind, "days": a.days}
    if q.kind == "yesno":
        doc["yes_days"] = [c.iso(d) for d in a.yes_days]
    else:
        doc.update(
            mean=_round(a.mean),
            min=a.min,
            max=a.max,
            first_half_mean=_round(a.first_half_mean),
            second_half_mean=_round(a.second_half_mean),
        )
        if q.kind == "rating":
            doc["higher"] = q.higher
        elif q.unit:
            doc["unit"] = q.unit
    if q.section == "custom":
        doc["in_settings"] = q.declared
    return doc


def as_dict(summary: Summary, include_notes: bool = False) -> dict[str, Any]:
    """The export as plain JSON types; `notes` only when asked for."""
    s = summary
    gi = s.gi
    doc: dict[str, Any] = {
        "fatiguelog_export": FORMAT_VERSION,
        "period": {
            "from": c.iso(s.first),
            "to": c.iso(s.last),
            "days": s.days,
            "days_recorded": s.days_recorded,
        },
        "flags": [_flag(f) for f in s.flags],
        "metrics": {
            "symptoms": {key: _rating(r) for key, r in s.symptoms.items()},
            "sleep": {
                "hours_mean": _round(s.sleep.hours_mean),
                "quality_mean": _round(s.sleep.quality_mean),
                "days": s.sleep.days,
            },
            "gi": {
                "stools": gi.stools,
                "sbm_per_week": _round(gi.sbm_per_week),
                "bristol_counts": {str(t): gi.bristol_counts.get(t, 0) for t in range(1, 8)},
                "recorded_days": gi.recorded_days,
                "sbm": gi.sbm,
                "straining_share": _round(gi.straining_share, 3),
                "straining_answered": gi.straining_answered,
                "incomplete_share": _round(gi.incomplete_share, 3),
                "incomplete_answered": gi.incomplete_answered,
                "laxative_days": gi.laxative_days,
                "laxative_no_days": gi.laxative_no_days,
                "laxative_unanswered": gi.laxative_unanswered,
                "hard_share": _round(gi.hard_share, 3),
                "loose_share": _round(gi.loose_share, 3),
            },
            "intake": {
                name: {
                    "unit": st.unit,
                    "days": st.days,
                    "mean_daily": _round(st.mean_daily, 3),
                    "max_daily": _round(st.max_daily, 3),
                    "opioid_acting": st.opioid_acting,
                    "class": class_words(st.klass),
                    "changes": [
                        {
                            "date": c.iso(e.day),
                            "kind": e.kind,
                            "amount": _round(e.amount, 3),
                            "unit": e.unit,
                            "previous_mean": _round(e.previous_mean, 3),
                            "continues": e.continues,
                        }
                        for e in st.events
                    ],
                }
                for name, st in s.intake.items()
            },
            "answers": {a.question.dotted: _answer(a) for a in s.answers.values()},
            "exertion": _rating(s.exertion),
            "stomach": {key: _rating(r) for key, r in s.stomach.items()},
            "pem": {
                "enough_data": s.pem.enough_data,
                "threshold": s.pem.threshold,
                "high_days": s.pem.high_days,
                "other_days": s.pem.other_days,
                "pem_after_high": _round(s.pem.pem_after_high),
                "pem_after_other": _round(s.pem.pem_after_other),
                "fatigue_after_high": _round(s.pem.fatigue_after_high),
                "fatigue_after_other": _round(s.pem.fatigue_after_other),
                "statement": s.pem.statement,
            },
        },
        "alarms": [_alarm(a, s.ends_today) for a in s.alarms]
        + [
            {**_alarm(a, s.ends_today), "note": "in a sync copy not merged yet"}
            for a in s.copy_alarms
        ],
        "coverage": {
            "rules_checked": s.coverage.rules_checked if s.coverage else 0,
            "rules_total": s.coverage.rules_total if s.coverage else 0,
            "rules_unchecked": [
                {"id": g.id, "title": g.title, "needs": g.needs}
                for g in (s.coverage.unchecked if s.coverage else ())
            ],
        },
        "intake_timeline": [_timeline(r) for r in s.intake_timeline],
        "weeks": [c.week_figures(w) for w in s.weeks],
        "discuss": s.discuss or None,
        "not_enough_data": list(s.not_enough_data),
        "not_enough_detail": {rule: s.not_enough_detail.get(rule) for rule in s.not_enough_data},
        "problems": [{"file": p.file, "error": p.message, "line": p.line} for p in s.problems],
        "disclaimer": CLINICIAN_DISCLAIMER,
    }
    if include_notes:
        doc["notes"] = [{"date": c.iso(day), "text": text} for day, text in (s.notes or ())]
    if s.generated:  # an extra key beside the contract's: the demo's data is made up
        doc["generated"] = c.GENERATED
    if s.unread_days:  # (only then: each may hold a red flag)
        doc["unreadable_days"] = [
            {"day": c.iso(d), "note": flagtext.UNREAD_RED} for d in s.unread_days
        ]
    return doc


def render(summary: Summary, include_notes: bool = False) -> str:
    text = json.dumps(as_dict(summary, include_notes), ensure_ascii=False, indent=2)
    # Raw C1 controls and line separators may only occur inside strings: escape them there.
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
