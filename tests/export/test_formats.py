"""Each format on hand-built summaries: what a clinician reads, what a spreadsheet sees."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from html.parser import HTMLParser

import pytest

from fatiguelog.export import formats, render
from fatiguelog.export.csv_export import (
    DAY_COLUMNS,
    FLAG_COLUMNS,
    STOOL_COLUMNS,
    TABLES,
    tables,
)
from fatiguelog.textsafe import strip_controls

from .conftest import EVIL, EVIL_SUBSTANCE, empty_summary, make_summary

#: How an export names the stray entries/2026/notes.toml: a name the user chose is private.
NOT_A_DATE_FILE = "entries/2026/(a file whose name is not a date)"

ALL = sorted(formats.keys())


def _csv_sections(text: str) -> list[list[list[str]]]:
    """Split the standard-output CSV at its blank lines and parse each table."""
    return [list(csv.reader(io.StringIO(part))) for part in text.split("\r\n\r\n")]


def _csv_tables(text: str) -> dict[str, list[list[str]]]:
    """The standard-output CSV's tables by name (flags, days, stools, problems, coverage)."""
    return dict(zip(TABLES, _csv_sections(text), strict=True))


# -- Markdown --------------------------------------------------------------------------------


def test_markdown_puts_urgent_flags_first_with_their_rule_source_and_advice(summary):
    text = render(summary, "md")
    order = [
        "## URGENT",
        "## What I want to discuss",
        "## Key figures",
        "## Flags on at",
        "## Medicines and substances",
        "## Alarm symptoms reported",
        "## Week by week",
        "# Appendix",
        "### Warning",
        "### Note",
    ]
    assert [text.index(heading) for heading in order] == sorted(
        text.index(heading) for heading in order
    )
    assert "- **Blood in stool: reported on 2026-09-23. Ask for an urgent GP appointment" in text
    assert "- **Evidence:** 2 SBMs in 7 days, 7 days recorded" in text
    assert "- **Rule:** began within 14 days after an intake increase" in text
    assert "- **Source:** Rome IV opioid-induced constipation" in text
    assert "- **Advice:** Talk to a clinician." in text
    assert "on since 2026-09-18, still on at 2026-09-28" in text
    assert (
        "- **How long:** 9 days with a constipation symptom between 2026-09-16 and "
        "2026-09-27 (12 days). The flag stays on for up to 14 days after the last of them." in text
    )
    assert "gi.after_intake_increase" not in text  # ids are for JSON, CSV and docs only
    assert text.index("SBM means spontaneous bowel movement") < text.index("SBMs")


def test_markdown_says_period_figures_and_what_was_taken(summary):
    text = render(summary, "md")
    assert (
        "**2026-09-01 to 2026-09-28** (28 days) · entries on 24 of 28 days (86%) · bowel "
        "answers on 24 days · 16 of 17 rules checked on 2026-09-28; not enough data to "
        "check 1"
    ) in text
    assert "This summary is not a diagnosis" in text
    assert "| Fatigue | 24 | 6.2 | 5-8 | 5.5 | 7.0 | +1.5 |" in text
    assert "| Pain | 0 | not enough data |" in text
    assert "**4.7 SBMs per week**" in text
    assert "| 2 | Sausage-shaped but lumpy | 9 | 56% |" in text
    assert "Straining: 56% of 16 bowel movements" in text
    assert "| kratom | opioid | 19 | 5 g a day | 3.8 g | 5 g |" in text
    assert (
        "| **kratom** (now) | opioid | **2026-09-15** | **still taken** | **5 g a day** | "
        "**increased from 2.5 g** |"
    ) in text
    assert (
        "| kratom | opioid | before 2026-09-01 | 2026-09-14 | 2.5 g a day | already taken |" in text
    )
    assert "- **SBMs a week:** 4.7 (16 stools on 24 days answered)" in text
    assert "- Change from your usual bowel habit: needs at least 10 recorded days" in text
    assert "PEM was higher on the 1-2 days after higher-exertion days." in text
    assert "| PEM | 5.2 (n=5) | 3.4 (n=18) |" in text


def test_markdown_escapes_user_text(summary):
    s = make_summary(
        substance="# <img src=x onerror=alert(1)> [link](http://x) *b*",
        note=EVIL + "\n1. list?\n# heading?",
        include_notes=True,
    )
    text = render(s, "md", include_notes=True)
    assert "\x1b" not in text
    assert not re.search(r"(?<!\\)<(img|script)", text)  # every < is backslash-escaped
    assert "\\<script\\>" in text
    assert "\\[link\\](http://x)" in text
    assert "\\*b\\*" in text
    assert "\\[@click=app.quit\\]" in text
    assert "  1\\. list?" in text
    assert "  \\# heading?" in text


# -- HTML ------------------------------------------------------------------------------------


class _Text(HTMLParser):
    """Collects the text a browser would show, and every tag it would build."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def _parse(html_text: str) -> _Text:
    parser = _Text()
    parser.feed(html_text)
    return parser


def test_html_is_self_contained_and_print_ready(summary):
    text = render(summary, "html")
    parsed = _parse(text)
    assert "script" not in parsed.tags and "link" not in parsed.tags and "img" not in parsed.tags
    assert "src=" not in text and "@import" not in text
    assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in text
    assert "@page" in text and "@media print" in text and "break-inside: avoid" in text
    assert parsed.tags.count("svg") >= 4  # symptom, bowel, intake, sleep, flag timeline, Bristol


def test_html_writes_levels_in_words_and_urgent_first(summary):
    shown = " ".join(_parse(render(summary, "html")).text)
    assert "URGENT: SEEK MEDICAL CARE PROMPTLY" in shown
    assert shown.index("Blood in stool: reported on 2026-09-23") < shown.index(
        "Warning Constipation"
    )
    assert shown.index("Warning Constipation") < shown.index("Note Straining")
    assert "gi.after_intake_increase" not in shown
    assert "This summary is not a diagnosis" in shown
    sentence = re.sub(r"\s+", " ", "".join(_parse(render(summary, "html")).text))
    assert "kratom NOWopioid2026-09-15still taken5 g a dayincreased from 2.5 g" in sentence


def test_html_escapes_every_piece_of_user_text():
    s = make_summary(
        substance=EVIL_SUBSTANCE,
        note=EVIL,
        include_notes=True,
        evidence='<img src=x onerror="alert(1)">',
    )
    text = render(s, "html", include_notes=True)
    parsed = _parse(text)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "b" not in parsed.tags
    assert "\x1b" not in text
    shown = "".join(parsed.text)
    assert strip_controls(EVIL) in shown  # shown as text, exactly
    assert EVIL_SUBSTANCE in shown
    assert '<img src=x onerror="alert(1)">' in shown


# -- CSV -------------------------------------------------------------------------------------


def test_csv_has_one_row_per_day_and_documented_columns(summary):
    found = _csv_tables(render(summary, "csv"))
    days, stools, problems = found["days"], found["stools"], found["problems"]
    header = days[0]
    assert header[: len(DAY_COLUMNS)] == list(DAY_COLUMNS)
    assert header[len(DAY_COLUMNS) :] == ["intake.kratom.g", "problem"]
    rows = {row[0]: dict(zip(header, row, strict=True)) for row in days[1:]}
    assert len(rows) == 28 and next(iter(rows)) == "2026-09-01" and list(rows)[-1] == "2026-09-28"
    assert rows["2026-09-04"]["entry"] == "none" and rows["2026-09-04"]["symptoms.fatigue"] == ""
    first = rows["2026-09-01"]
    assert first["entry"] == "recorded"
    assert first["symptoms.fatigue"] == "5" and first["sleep.hours"] == "6.5"
    assert first["gi.stool_count"] == "1" and first["gi.bristol_mean"] == "4"
    assert first["intake.kratom.g"] == "2.5"
    assert rows["2026-09-05"]["intake.kratom.g"] == "0"  # answered "nothing taken": a real zero
    assert rows["2026-09-03"]["gi.no_bowel_movement"] == "1"
    assert rows["2026-09-23"]["red_flags.blood_in_stool"] == "1"
    assert stools[0] == list(STOOL_COLUMNS)
    assert stools[1] == ["2026-09-01", "1", "07:40", "4", "0", "", "", "", ""]
    assert len(stools) == 1 + 16
    assert problems == [["file", "line", "error"]]


def test_csv_opens_with_the_flags_urgent_ones_on_at_the_end_first(summary):
    text = render(summary, "csv")
    assert text.startswith("id,level,title,on_last_day,")
    flags = _csv_tables(text)["flags"]
    rows = [dict(zip(flags[0], r, strict=True)) for r in flags[1:]]
    assert rows[0]["id"] == "red.blood_in_stool" and rows[0]["on_last_day"] == "1"
    assert rows[0]["report_days"] == "2026-09-23"
    assert (
        rows[1]["evidence_first"],
        rows[1]["evidence_last"],
        rows[1]["evidence_days"],
        rows[1]["window_days"],
    ) == ("2026-09-16", "2026-09-27", "9", "14")
    coverage = _csv_tables(text)["coverage"]
    assert coverage[0] == ["id", "title", "checked", "needs"]
    assert len(coverage) == 1 + 17
    assert next(r for r in coverage if r[0] == "gi.change")[:3] == [
        "gi.change",
        "Change from your usual bowel habit",
        "0",
    ]


FORMULAS = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", '=HYPERLINK("http://evil")']


@pytest.mark.parametrize("danger", FORMULAS)
def test_csv_user_text_never_becomes_a_formula(danger):
    s = make_summary(substance=danger, note=danger, include_notes=True)
    out = render(s, "csv", include_notes=True)
    for section in _csv_sections(out):
        for row in section:
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
                if cell.startswith("-"):
                    float(cell)  # only numbers we wrote may start with a minus
    days = _csv_tables(out)["days"]
    header = days[0]
    notes = [r[header.index("notes")] for r in days[1:] if r[header.index("notes")]]
    assert notes == ["'" + danger.strip()] or notes == ["'" + danger]


def test_csv_strips_terminal_escapes_but_keeps_text():
    s = make_summary(note=EVIL, include_notes=True)
    out = render(s, "csv", include_notes=True)
    assert "\x1b" not in out
    assert "[@click=app.quit]x[/] [bold red]RED[/]" in out
    assert "<script>alert(1)</script>" in out


def test_csv_unreadable_day_is_marked_and_listed(broken_summary):
    found = _csv_tables(render(broken_summary, "csv"))
    days, problems = found["days"], found["problems"]
    header = days[0]
    row = next(dict(zip(header, r, strict=True)) for r in days[1:] if r[0] == "2026-09-04")
    assert row["entry"] == "unreadable"
    assert row["problem"].startswith("not valid TOML")
    assert problems[1] == [
        "entries/2026/2026-09-04.toml",
        "3",
        "not valid TOML: Expected '=' after a key",
    ]
    assert problems[2][0] == NOT_A_DATE_FILE


def test_csv_tables_are_the_same_as_the_stream(summary):
    parts = tables(summary)
    assert render(summary, "csv") == "\r\n".join(
        [
            parts["flags"],
            parts["days"],
            parts["stools"],
            parts["problems"],
            parts["coverage"],
            parts["weeks"],
            parts["timeline"],
            parts["discuss"],
        ]
    )


# -- JSON ------------------------------------------------------------------------------------


def test_json_follows_the_contract(summary):
    doc = json.loads(render(summary, "json"))
    assert doc["fatiguelog_export"] == 1
    assert doc["period"] == {
        "from": "2026-09-01",
        "to": "2026-09-28",
        "days": 28,
        "days_recorded": 24,
    }
    keys = {"id", "level", "title", "since", "last", "evidence", "rule", "source", "advice"}
    assert [f["level"] for f in doc["flags"]] == ["urgent", "warn", "info"]
    for flag in doc["flags"]:
        assert keys <= set(flag)
        assert all(isinstance(flag[k], str) for k in keys)
        date.fromisoformat(flag["since"])
        date.fromisoformat(flag["last"])
    m = doc["metrics"]
    assert m["symptoms"]["fatigue"] | {} == m["symptoms"]["fatigue"]
    assert {"mean", "min", "max", "days"} <= set(m["symptoms"]["fatigue"])
    assert isinstance(m["symptoms"]["fatigue"]["mean"], float)
    assert isinstance(m["symptoms"]["fatigue"]["min"], int)
    assert m["symptoms"]["pain"]["mean"] is None and m["symptoms"]["pain"]["days"] == 0
    assert m["sleep"] == {"hours_mean": 6.5, "quality_mean": 4.0, "days": 24}
    gi = m["gi"]
    assert gi["stools"] == 16 and gi["sbm_per_week"] == 4.67 and gi["recorded_days"] == 24
    assert gi["bristol_counts"] == {"1": 0, "2": 9, "3": 0, "4": 7, "5": 0, "6": 0, "7": 0}
    assert {"unit": "g", "days": 19, "mean_daily": 3.8, "max_daily": 5.0}.items() <= m["intake"][
        "kratom"
    ].items()
    assert doc["problems"] == []
    assert "notes" not in doc


def test_json_lists_unreadable_files(broken_summary):
    doc = json.loads(render(broken_summary, "json"))
    assert doc["problems"][0] == {
        "file": "entries/2026/2026-09-04.toml",
        "error": "not valid TOML: Expected '=' after a key",
        "line": 3,
    }
    assert doc["problems"][1]["file"] == NOT_A_DATE_FILE


def test_json_keeps_user_text_exactly_and_terminal_safe():
    note = EVIL + "\x9b31m C1 \u2028"
    s = make_summary(substance=EVIL_SUBSTANCE, note=note, include_notes=True)
    out = render(s, "json", include_notes=True)
    assert "\x1b" not in out and "\x9b" not in out and "\u2028" not in out
    doc = json.loads(out)
    assert doc["notes"] == [{"date": "2026-09-21", "text": note}]
    assert EVIL_SUBSTANCE in doc["metrics"]["intake"]


# -- All formats -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ALL)
def test_notes_only_when_asked(fmt):
    note = "Private: argued with my sister"
    s = make_summary(note=note, include_notes=True)  # the summary carries them...
    assert note not in render(s, fmt, include_notes=False)  # ...but they stay out by default
    assert note in render(s, fmt, include_notes=True)


@pytest.mark.parametrize("fmt", ALL)
def test_rich_markup_and_escapes_stay_inert(fmt):
    s = make_summary(substance="[bold]kratom[/]", note=EVIL, include_notes=True)
    out = render(s, fmt, include_notes=True)
    assert "\x1b" not in out
    assert "<script>" not in out or fmt in ("csv", "json")
    # the markup is still there as text (escaped for Markdown), never applied or dropped
    assert "bold]kratom" in out.replace("\\", "")


@pytest.mark.parametrize("fmt", ALL)
def test_empty_period_says_not_enough_data(fmt):
    out = render(empty_summary(), fmt)
    assert "2026-09-01" in out and "2026-09-28" in out
    if fmt in ("md", "html"):
        # Never "no flags" alone: how many rules could be checked, and which could not.
        assert "No flag was on in this period (0 of 17 rules could be checked" in out
        assert "Rules checked on 2026-09-28: 0 of 17." in out
        assert "Few spontaneous bowel movements: needs at least 6 days with bowel movements" in out
    if fmt == "md":
        assert "entries on 0 of 28 days (0%)" in out
        assert "No bowel movements were recorded" in out
        assert "No intake was recorded" in out
    if fmt == "html":
        assert "not enough data" in out
    if fmt == "json":
        doc = json.loads(out)
        assert doc["flags"] == [] and doc["metrics"]["gi"]["sbm_per_week"] is None
        assert doc["metrics"]["intake"] == {} and doc["period"]["days_recorded"] == 0
    if fmt == "csv":
        days = _csv_tables(out)["days"]
        assert len(days) == 29 and {r[1] for r in days[1:]} == {"none"}
        assert _csv_tables(out)["flags"] == [list(FLAG_COLUMNS)]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_unreadable_files_are_listed(broken_summary, fmt):
    out = render(broken_summary, fmt)
    assert "Files that could not be read" in out
    assert "entries/2026/2026-09-04.toml:3" in out
    assert "Expected '=' after a key" in out.replace("&#x27;", "'")
    assert NOT_A_DATE_FILE in out


def test_unknown_format_is_a_clear_error(summary):
    with pytest.raises(ValueError, match="unknown export format 'pdf'"):
        render(summary, "pdf")


def test_markdown_escapes_entities_but_leaves_plain_ampersands(summary):
    s = make_summary(substance="A & B &lt;x&gt;")
    text = render(s, "md")
    assert "A & B \\&lt;x\\&gt;" in text


def test_page_one_keeps_the_latest_ranges_and_points_to_the_rest():
    """A substance with many changes shows its latest ranges (the current one last) on page
    one and says how many are in the appendix, which lists them all."""
    from dataclasses import replace as swap
    from datetime import timedelta

    from fatiguelog.analysis.summary import IntakeRange

    s = make_summary()
    coffee = tuple(
        IntakeRange(
            "coffee",
            "cup",
            None,
            s.first + timedelta(days=4 * k),
            s.first + timedelta(days=4 * k + 3),
            "taking",
            1.0 + k % 2,
            1.0 + k % 2,
            1.0 + k % 2,
            4,
            "increase" if k % 2 else "decrease",
            False,
            k == 6,
            intake_days=4,
            last_taken=s.first + timedelta(days=4 * k + 3),
        )
        for k in range(7)
    )
    s = swap(s, intake_timeline=(*s.intake_timeline, *coffee))
    text = render(s, "md")
    page_one = text[text.index("## Medicines") : text.index("## Alarm symptoms")]
    # outside test of issue 12, finding 1: page one keeps the current range and the one
    # before it for a substance that is not opioid-class (opioid-class ones: 3 rows)
    assert page_one.count("| coffee |") == 1 and page_one.count("**coffee** (now)") == 1
    assert "5 earlier ranges: see Intake in the appendix." in page_one
    assert page_one.index("| kratom |") < page_one.index("| coffee |")  # opioid-class first
    appendix = text[text.index("## Intake in detail") :]
    assert appendix.count("cup") >= 7
    html_text = render(s, "html")
    assert '5 earlier ranges: in "Intake in detail", after the charts.' in html_text


def test_svg_charts_strip_control_characters_from_substance_names():
    s = make_summary(substance="kratom\x1b]0;owned\x07 tea")
    text = render(s, "html")
    assert "<svg" in text
    assert "\x1b" not in text and "\x07" not in text
