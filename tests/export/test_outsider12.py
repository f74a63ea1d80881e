"""The outside test of issue 12 (a GP and a patient), findings 1-10, on their own histories
(`outsider12`): each test is what they read, corrected."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from fatiguelog.cli import main

from .outsider12 import export


def page_one(markdown: str) -> str:
    return markdown.split("## Week by week")[0]


# -- 2: a wobble is one range ---------------------------------------------------------------
def test_coffee_wobbling_between_1_and_2_cups_is_one_range_on_every_page(coffee_root, capsys):
    md = export(coffee_root, capsys, "--format", "md")
    coffee = [
        line for line in page_one(md).splitlines() if line.startswith(("| coffee", "| **coffee"))
    ]
    assert len(coffee) == 2, coffee  # 1-2 cups, then 3-4 cups now
    assert "1-2 cups a day" in coffee[0] and "3-4 cups a day" in coffee[1]
    assert "increased from 1-2 cups" in coffee[1]
    assert "decreased from" not in " ".join(coffee)
    html = export(coffee_root, capsys, "--format", "html")
    assert html.count("▲ coffee") + html.count("▼ coffee") == 1  # one mark: the 3-4 cups


def test_the_usual_amount_is_one_that_was_taken(coffee_root, capsys):
    md = export(coffee_root, capsys, "--format", "md")
    assert "usually 1.5" not in md and "usually 3.5" not in md


# -- 3: how long, from the symptom's days ---------------------------------------------------
def _earlier(md: str, title: str) -> str:
    """What page one's "Earlier in the period" says of one flag, in its brackets."""
    line = next(line for line in page_one(md).splitlines() if line.startswith("Earlier"))
    start = line.index(f"{title} (") + len(title) + 2
    return line[start : line.index(")", start)]


def test_earlier_flags_on_page_one_span_the_symptom_days_not_the_flags_tail(kratom_root, capsys):
    """Their demo: "Loose stools (2026-09-06 to 2026-11-07)" while the loose stools were
    10-12 to 10-27 (the week table has none from 10-29)."""
    said = _earlier(export(kratom_root, capsys, "--format", "md"), "Loose stools")
    dates = re.findall(r"\d{4}-\d{2}-\d{2}", said)
    assert dates and max(dates) <= "2026-10-27", said
    assert min(dates) >= "2026-10-12", said


def test_a_flag_whose_symptoms_began_before_the_period_says_before(kratom_root, capsys):
    said = _earlier(
        export(kratom_root, capsys, "--format", "md"), "Few spontaneous bowel movements"
    )
    assert "before 2026-08-28" in said, said


# -- 5: unknown is never zero ----------------------------------------------------------------
def test_a_nearly_empty_period_does_not_say_zero_laxative_days_of_60(kratom_root, capsys):
    md = export(kratom_root, capsys, "--format", "md", "--from", "2026-04-02", "--to", "2026-05-31")
    assert "Laxative days:** 0 (of 60 days" not in md
    line = next(line for line in md.splitlines() if line.startswith("- **Laxative days:**"))
    assert "of 3 days answered" in line, line
    weeks = [line for line in md.splitlines() if line.startswith("| 2026-0")]
    empty = [row for row in weeks if row.split(" | ")[1] == "0"]  # no day recorded
    assert empty and all(row.rstrip(" |").endswith("— | —") for row in empty), empty


def test_json_weeks_without_answers_are_null_not_zero(kratom_root, capsys):
    doc = json.loads(
        export(
            kratom_root, capsys, "--format", "json", "--from", "2026-04-02", "--to", "2026-05-31"
        )
    )
    empty = [w for w in doc["weeks"] if w["days_recorded"] == 0]
    assert empty
    for w in empty:
        for key in (
            "stools",
            "sbm",
            "no_sbm_days",
            "typed",
            "bristol_1_2",
            "bristol_6_7",
            "laxative_days",
            "laxative_unanswered",
            "alarm_days",
        ):
            assert w[key] is None, (key, w)


def test_one_day_of_diary_is_not_a_share_of_90(one_day_root, capsys):
    md = export(one_day_root, capsys, "--format", "md")
    assert "Laxative days:** 1 (of 90 days" not in md
    assert "- **Laxative days:** 1 (of 1 day answered" in md


# -- 6: "no flag" always with its coverage ----------------------------------------------------
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_no_flag_sentence_carries_its_coverage(one_day_root, capsys, fmt):
    text = export(one_day_root, capsys, "--format", fmt)
    text = re.sub(r"<[^>]+>", "", text)
    sentences = [s for s in re.split(r"(?<=\.)\s", text) if "No flag" in s]
    assert sentences
    for sentence in sentences:
        assert re.search(r"\d+ of 17 rules", sentence), sentence


# -- 7: the timing flag names the opioid change that fits -----------------------------------
def test_the_timing_flag_names_codeine_started_the_day_the_hard_stools_began(kratom_root, capsys):
    """Their finding 7: the evidence named only "Kratom started at 2 g/day on 2026-11-01"
    while codeine 60 mg/day started on 2026-11-05, the day hard stools and straining began.
    Both lie in the 14 days before the run began: each is named, latest first."""
    doc = json.loads(export(kratom_root, capsys, "--format", "json", "--to", "2026-11-14"))
    timing = next(f for f in doc["flags"] if f["id"] == "gi.after_intake_increase")
    said = timing["evidence"]
    assert "codeine started at 60 mg/day on 2026-11-05" in said, said
    assert "kratom started at 2 g/day on 2026-11-01" in said, said
    assert said.index("codeine started") < said.index("kratom started"), said  # latest first
    assert "the same day codeine started, 4 days after kratom started" in said, said
    assert "timing association, not proof" in said
    md = export(kratom_root, capsys, "--format", "md", "--to", "2026-11-14")
    assert "codeine started at 60 mg/day on 2026-11-05" in md


# -- 10: words and numbers -------------------------------------------------------------------
def test_one_day_reads_in_the_singular(one_day_root, capsys):
    md = export(one_day_root, capsys, "--format", "md")
    for wrong in ("of 1 days", "over 1 days", "1 nights", "dose(s)"):
        assert wrong not in md, wrong
    html = export(one_day_root, capsys, "--format", "html")
    for wrong in ("of 1 days", "over 1 days", "1 nights"):
        assert wrong not in html, wrong


def test_a_substance_taken_again_after_weeks_off_is_not_started(kratom_root, capsys):
    md = export(kratom_root, capsys, "--format", "md")
    row = next(line for line in page_one(md).splitlines() if line.startswith("| **kratom** (now)"))
    assert "started" not in row or "again" in row, row
    assert "21 days without it" in row, row
    assert "still stopped" not in md


def test_amounts_in_markdown_tables_read_without_backslashes(coffee_root, capsys):
    md = export(coffee_root, capsys, "--format", "md")
    assert "7\\.5" not in md and "7.5 mg" in md


# -- 1: page one holds page one on a realistic history --------------------------------------
@pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdftotext", "pdfinfo", "pdftoppm"))
    or not any(shutil.which(c) for c in ("chromium", "chromium-browser", "google-chrome")),
    reason="needs chromium and poppler-utils (tools/print_check.py)",
)
@pytest.mark.parametrize(
    "discuss",
    [
        "Is the kratom cut behind the loose stools?\nBlood on 23 November: what to watch for?\n"
        "Sleep is still poor.",
        (
            "Is the kratom cut behind the loose stools? " + "I would like to ask about the loose "
            "stools in October and whether the kratom change caused them. " * 10
        )[:970].rstrip(),
        # the most the product accepts as lines: 15 lines of 65 characters (975 of 1,000)
        "\n".join(
            ["Is the kratom cut behind the loose stools? And what of the dose?"[:65]]
            + [
                f"Question {n:02d}: " + ("about the loose stools and the kratom dose, " * 2)[:52]
                for n in range(1, 15)
            ]
        ),
    ],
)
def test_a_year_of_kratom_prints_page_one_whole_at_a4_and_letter(
    kratom_root, tmp_path, capsys, discuss
):
    """Their finding 1: page one ended after the flags; the medicines and the alarm dates
    were on page 2 (A4 and Letter, with a short and with a 1,000-character discuss text)."""
    import importlib.util
    import sys

    html = tmp_path / "a.html"
    assert (
        main(
            [
                "--data-dir",
                str(kratom_root),
                "export",
                "--format",
                "html",
                "--discuss",
                discuss,
                "-o",
                str(html),
            ]
        )
        == 0
    )
    tool = Path(__file__).resolve().parents[2] / "tools" / "print_check.py"
    spec = importlib.util.spec_from_file_location("print_check", tool)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    capsys.readouterr()
    code = module.main(["--out", str(tmp_path / "out"), "--html", str(html)])
    said = capsys.readouterr().out
    assert code == 0, said
    for paper in ("A4", "Letter"):
        first = " ".join((tmp_path / "out" / f"page1-{paper}.txt").read_text().split())
        assert "Medicines and substances" in first and "NOW" in first, paper
        assert "Vomiting: reported on 2026-09-26" in first, paper


# -- 10: one rule for how means are shown ------------------------------------------------------
ONE_DECIMAL = r"[+-]?\d+\.\d"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_mean_is_shown_with_one_decimal(kratom_root, capsys, fmt):
    """Their finding 10: "PEM 3.4 → 3", "quality 4/10": a whole mean lost its decimal, so
    two means side by side looked like different kinds of number. Every mean (ratings, their
    halves and change, sleep hours and quality, SBMs a week) has one decimal; answers and
    counts stay whole."""
    text = export(kratom_root, capsys, "--format", fmt)
    text = " ".join(re.sub(r"<[^>]+>", " ", text).replace("*", "").split())
    quality = re.findall(r"quality (\S+) ?/10", text, flags=re.I)
    quality += re.findall(r"Quality \(0-10, higher is better\): mean (\S+)", text)
    assert quality and all(re.fullmatch(ONE_DECIMAL, q) for q in quality), quality
    halves = re.findall(r"1st half (\S+) → 2nd half (\S+?)[);,]?\s", text)
    assert halves and all(re.fullmatch(ONE_DECIMAL, v) for pair in halves for v in pair), halves
    first = text.split("Week by week")[0]  # page one's key figures
    sbm = re.findall(r"SBMs a week:? (\d\S*)", first)
    assert sbm and all(re.fullmatch(ONE_DECIMAL, v) for v in sbm), sbm
    for label in ("Hours per night: mean", "Sleep: mean"):
        for value in re.findall(re.escape(label) + r" (\d\S*)", text):
            assert re.fullmatch(ONE_DECIMAL, value), (label, value)
    if fmt == "md":
        table = [
            line
            for line in export(kratom_root, capsys, "--format", "md").splitlines()
            if line.startswith(("| Fatigue", "| PEM", "| Pain", "| Brain fog"))
            and line.count("|") == 8
        ]
        assert table
        for line in table:
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            mean, first, second, change = cells[2], cells[4], cells[5], cells[6]
            for value in (mean, first, second, change):
                assert re.fullmatch(ONE_DECIMAL, value) or value == "—", (line, value)


def test_a_discuss_text_near_its_limit_names_earlier_flags_by_title_only(kratom_root, capsys):
    """Their finding 1 (left): 15 lines of 65 characters pushed the alarm symptoms to page 2
    on Letter. With a discuss text that long, page one names earlier flags without their
    dates (they are in "Flags in detail") and sets the text smaller."""
    text = "\n".join(f"Question {n:02d}: " + "x" * 52 for n in range(15))
    html = export(kratom_root, capsys, "--format", "html", "--discuss", text)
    first = (
        html[: html.index('<section class="rest')]
        if '<section class="rest' in html
        else html.split("Week by week")[0]
    )
    earlier = first[first.index("Earlier in the period") :]
    earlier = earlier[: earlier.index("</p>")]
    assert "Loose stools" in earlier and not re.search(r"\d{4}-\d{2}-\d{2}", earlier), earlier
    assert 'class="discuss-text long"' in first
    short = export(kratom_root, capsys, "--format", "html", "--discuss", "Sleep?")
    assert re.search(r"Loose stools \(2026-10-12", short)  # a short text keeps the days
