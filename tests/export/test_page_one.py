"""Issue 12: the clinician's page. Page one's sections in order and kept whole in print, no
section empty without saying why, the discuss text inert in every format, the words and
numbers of the medication timeline, and the Markdown's length."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from fatiguelog import intaketext as it
from fatiguelog.cli import main
from fatiguelog.discuss import MAX_CHARS, check, clean
from fatiguelog.export import formats, render
from fatiguelog.export.html import PAGE_ONE
from fatiguelog.wording import amount, days_text

from .conftest import empty_summary, make_summary, replace

ALL = sorted(formats.keys())
END = date(2026, 11, 25)


class _Sections(HTMLParser):
    """Each <section>'s page-one key, heading and text, and every tag a browser would build."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[dict] = []
        self.tags: list[str] = []
        self._depth = 0
        self._heading = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "section":
            self.sections.append({"key": dict(attrs).get("data-page1"), "heading": "", "text": ""})
        if tag in ("h2", "h3") and self.sections:
            self._heading = True

    def handle_endtag(self, tag):
        if tag in ("h2", "h3"):
            self._heading = False

    def handle_data(self, data):
        if not self.sections:
            return
        part = "heading" if self._heading and not self.sections[-1]["heading"] else "text"
        self.sections[-1][part] += data


def sections(text: str) -> _Sections:
    parser = _Sections()
    parser.feed(text)
    return parser


# -- the HTML structure ----------------------------------------------------------------------
def test_page_one_sections_come_in_the_issues_order(summary):
    found = [s["key"] for s in sections(render(summary, "html")).sections if s["key"]]
    assert (
        found
        == list(PAGE_ONE)
        == ["who", "period", "banner", "discuss", "figures", "flags", "medication", "alarms"]
    )
    text = render(summary, "html")
    # everything after page one starts on a new page, the week table first
    rest = text.index('<div class="rest">')
    assert all(text.index(f'data-page1="{key}"') < rest for key in PAGE_ONE)
    assert text.index("Week by week", rest) < text.index("Over the period", rest)


def test_print_css_keeps_page_one_sections_whole_and_starts_page_two():
    from fatiguelog.export.html import CSS

    rules = {selector.strip(): body for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", CSS)}
    keep = next(body for selector, body in rules.items() if "section.p1" in selector)
    assert "break-inside: avoid" in keep and "page-break-inside: avoid" in keep
    assert "break-before: page" in rules[".rest"] and "page-break-before: always" in rules[".rest"]
    assert "@page" in CSS and "@media print" in CSS


def test_without_a_banner_page_one_has_the_other_sections_in_order():
    s = make_summary()
    s = replace(s, flags=s.flags[1:], alarms=())
    found = [x["key"] for x in sections(render(s, "html")).sections if x["key"]]
    assert found == [key for key in PAGE_ONE if key != "banner"]


@pytest.mark.parametrize("which", ["full", "empty"])
def test_no_section_is_empty_without_saying_why(which):
    s = make_summary() if which == "full" else empty_summary()
    for section in sections(render(s, "html")).sections:
        words = " ".join(section["text"].split())
        assert words, f"the section {section['heading']!r} ({section['key']}) is empty"
    text = " ".join(render(empty_summary(), "html").split())
    for said in (
        "Nothing written for this appointment.",
        "No intake was recorded",
        "No alarm symptom was reported in this period.",
        "not enough data",
        "needs 4 days with bowel answers (has 0)",
        "needs 3 answered days (has 0)",
    ):
        assert said in text


def test_page_one_names_the_current_amount_and_marks_it(summary):
    text = render(summary, "html")
    medication = text[text.index('data-page1="medication"') : text.index('data-page1="alarms"')]
    rows = re.findall(r"<tr[^>]*>.*?</tr>", medication)[1:]
    assert len(rows) == 2 and 'class="now"' in rows[-1] and "NOW" in rows[-1]
    assert "5 g a day" in rows[-1] and "still taken" in rows[-1]
    assert "increased from 2.5 g" in rows[-1]


def test_flags_on_now_say_how_long_the_symptom_lasted(summary):
    text = " ".join(re.sub(r"<[^>]+>", " ", render(summary, "html")).split())
    assert (
        "Warning: Constipation began after a kratom increase , on since 2026-09-18. 9 days "
        "with a constipation symptom between 2026-09-16 and 2026-09-27 (12 days)."
    ) in text


# -- the discuss text: user text in every format ---------------------------------------------
EVIL = (
    "<script>alert(1)</script> <b>bold</b> [@click=app.quit]x[/] [bold red]RED[/]\n"
    '# not a heading\n- not a list\n=HYPERLINK("http://x","y")\n'
    "+1 @cmd \x1b[31mESC\x1b[0m \u202egnp.exe\u202c \x07bell\x9b31m"
)


@pytest.mark.parametrize("fmt", ALL)
def test_the_discuss_text_is_inert_in_every_format(fmt):
    said = check(EVIL)
    out = render(replace(make_summary(), discuss=said), fmt)
    for bad in ("\x1b", "\x07", "\x9b", "\u202e", "\u202c"):
        assert bad not in out
    if fmt == "md":
        part = out[out.index("## What I want to discuss") : out.index("## Key figures")]
        assert "> \\<script\\>alert(1)\\</script\\> \\<b\\>bold\\</b\\>" in part
        assert "> \\# not a heading" in part and "> \\- not a list" in part
        assert "\\[@click=app.quit\\]x\\[/\\]" in part
    if fmt == "html":
        parsed = sections(out)
        assert "script" not in parsed.tags and "b" not in parsed.tags
        discuss = next(s for s in parsed.sections if s["key"] == "discuss")
        assert "<script>alert(1)</script> <b>bold</b>" in discuss["text"]
        assert '=HYPERLINK("http://x","y")' in discuss["text"]
    if fmt == "csv":
        table = out.split("\r\n\r\n")[-1]
        rows = list(csv.reader(io.StringIO(table)))
        assert rows[0] == ["line", "text"]
        cells = [row[1] for row in rows[1:]]
        assert cells[3] == '\'=HYPERLINK("http://x","y")' and cells[4].startswith("'+1 @cmd")
        assert cells[2] == "'- not a list"
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    if fmt == "json":
        doc = json.loads(out)
        assert doc["discuss"] == said
        assert doc["discuss"].startswith("<script>alert(1)</script>")


def test_cleaning_removes_controls_and_reordering_and_keeps_the_words():
    assert clean("  hi\x1b[31m there\u202e!\r\n\r\n\r\n\tnext  \n") == "hi[31m there!\n\n    next"
    assert clean("\n\n") == ""


def test_every_format_says_nothing_was_written_or_carries_nothing():
    s = make_summary()
    assert "*Nothing written for this appointment.*" in render(s, "md")
    assert json.loads(render(s, "json"))["discuss"] is None
    assert render(s, "csv").endswith("line,text\r\n")


# -- `export --discuss` and `--discuss-file` -------------------------------------------------
def _export(root: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(root), "export", "--to", END.isoformat(), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_discuss_text_and_file_open_the_summary(tmp_path, capsys):
    note = tmp_path / "for-the-gp.txt"
    note.write_text("\ufeffSleep first.\r\nThen the kratom.\r\n", encoding="utf-8")
    code, out, err = _export(tmp_path / "data", capsys, "--discuss-file", str(note))
    assert code == 0, err
    assert "## What I want to discuss\n\n> Sleep first.\\\n> Then the kratom.\n" in out
    code, out, err = _export(
        tmp_path / "data", capsys, "--discuss", "Ask about sleep", "--format", "json"
    )
    assert code == 0 and json.loads(out)["discuss"] == "Ask about sleep"


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: None, "does not exist"),
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: p.write_bytes(b"x" * (65 * 1024)), "larger than 64 KiB"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00"), "not a text file"),
        (lambda p: p.write_bytes("caf\xe9".encode("latin-1")), "not UTF-8 text"),
        (lambda p: p.write_text("word " * 250), "keep it to 1,000"),
        (lambda p: p.write_text("line\n" * 20), "has 20 lines: keep it to 15"),
    ],
)
def test_a_bad_discuss_file_is_one_line_and_exit_1(tmp_path, capsys, make, says):
    path = tmp_path / "discuss.txt"
    make(path)
    code, out, err = _export(tmp_path / "data", capsys, "--discuss-file", str(path))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and says in err and "Traceback" not in err
    assert err.startswith("fatiguelog: --discuss-file ")


def test_a_discuss_file_that_is_a_pipe_is_refused(tmp_path, capsys):
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _out, err = _export(tmp_path / "data", capsys, "--discuss-file", str(fifo))
    assert code == 1 and "not a regular file" in err and err.count("\n") == 1


def test_a_discuss_text_too_long_is_refused_and_both_options_are_wrong_usage(tmp_path, capsys):
    code, out, err = _export(tmp_path / "data", capsys, "--discuss", "x" * (MAX_CHARS + 1))
    assert code == 1 and out == "" and "--discuss is 1,001 characters long" in err
    with pytest.raises(SystemExit) as exc:
        main(["--data-dir", str(tmp_path), "export", "--discuss", "a", "--discuss-file", "b"])
    assert exc.value.code == 2


# -- words and numbers -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "unit", "said"),
    [
        (2, "cup", "2 cups"),
        (1, "cup", "1 cup"),
        (1.5, "cup", "1.5 cups"),
        (2, "tablet", "2 tablets"),
        (1, "capsule", "1 capsule"),
        (3, "drop", "3 drops"),
        (1, "other", "1 (other unit)"),
        (2, "other", "2 (other unit)"),
        (1.5, "g", "1.5 g"),
        (0.25, "mg", "0.25 mg"),
        (200.0, "mg", "200 mg"),
        (10, "ml", "10 ml"),
    ],
)
def test_amounts_have_plural_units_and_only_meaningful_decimals(value, unit, said):
    assert amount(value, unit) == said
    assert it.per_day(value, unit) == f"{said} a day"


def test_days_and_ranges_read_as_words():
    assert days_text(1) == "1 day" and days_text(2) == "2 days"
    assert it.amount_range(1, 2, "cup") == "1-2 cups"


def _entries_with(root: Path, doses: dict[int, list[tuple[str, float, str]]]) -> None:
    from fatiguelog.model import Entry
    from fatiguelog.store import Store

    store = Store(root)
    for back, taken in doses.items():
        entry = Entry.new(END - timedelta(days=back))
        entry.doc["intake"] = [{"substance": s, "amount": a, "unit": u} for s, a, u in taken]
        store.save(entry)


def test_exports_never_say_a_resumed_substance_stopped_nor_list_wobble_or_every_gap(
    tmp_path, capsys
):
    """Outside tests of issue 10 (items 3, 9, 11): kratom 2 g, two days of nothing taken,
    back to 2 g; senna every third day; coffee 1-2 cups; "2 tablet/day", "1 other"."""
    doses = {}
    for back in range(60):
        day = 59 - back
        taken: list[tuple[str, float, str]] = []
        if back not in (3, 4):
            taken.append(("kratom", 2.0, "g"))
        if day % 3 == 0:
            taken.append(("senna", 7.5, "mg"))
        taken.append(("coffee", 2.0 if day % 9 == 4 else 1.0, "cup"))
        taken.append(("vitamin D", 2.0, "tablet"))
        taken.append(("drops", 1.0, "other"))
        doses[back] = taken
    _entries_with(tmp_path, doses)
    code, md, err = _export(tmp_path, capsys, "--from", (END - timedelta(days=59)).isoformat())
    assert code == 0, err
    page_one = md[: md.index("## Alarm symptoms")]
    resumed = (END - timedelta(days=2)).isoformat()
    assert (
        f"| **kratom** (now) | opioid | **{resumed}** | **still taken** | **2 g a day** | "
        "**resumed after 2 days without it** |"
    ) in page_one
    assert page_one.count("| senna") + page_one.count("**senna**") == 1
    assert "**7.5 mg, on 20 of 60 days**" in page_one
    assert "**1-2 cups a day (usually 1)**" in page_one
    assert "**2 tablets a day**" in page_one and "**1 (other unit) a day**" in page_one
    # the break is a range of its own, before the current one: never the last word
    kratom = [line for line in page_one.splitlines() if "kratom" in line]
    assert "| none (stopped) | stopped (was 2 g a day) |" in kratom[-2]
    for wrong in ("/day", "1 days", "2 cup ", "2 tablet ", "1 other", "increase"):
        assert wrong not in page_one, wrong
    assert page_one.count("stopped") == 2  # that one row
    appendix = md[md.index("## Intake in detail") :]
    assert "Now 2 g a day: since " in appendix and "(resumed after 2 days without it)" in appendix
    assert "senna" in appendix and "stopped" not in appendix.split("- senna:")[1][:400]


# -- the Markdown's length -------------------------------------------------------------------
def test_a_90_day_markdown_summary_is_about_80_lines_before_its_appendix(tmp_path, capsys):
    from fatiguelog.demo_history import generate

    generate(tmp_path, days=180, seed=7, end=END)
    code, md, err = _export(tmp_path, capsys, "--discuss", "Sleep.\nThe kratom cut.\nBlood.")
    assert code == 0, err
    lines = md.splitlines()
    appendix = lines.index("# Appendix: details")
    assert appendix <= 85, appendix
    first_screen = "\n".join(lines[:60])  # what a clinician sees first holds page one
    for heading in (
        "## URGENT",
        "## What I want to discuss",
        "## Key figures",
        "## Flags on at",
        "## Medicines and substances",
        "## Alarm symptoms reported in this period",
    ):
        assert heading in first_screen, heading


# -- printing (needs Chromium and poppler; skipped without them) -----------------------------
@pytest.mark.skipif(
    shutil.which("chromium") is None or shutil.which("pdftotext") is None,
    reason="needs chromium and poppler-utils (see docs/export.md)",
)
def test_the_demo_summary_prints_page_one_whole_at_a4_and_letter(tmp_path, capsys):
    import importlib.util

    tool = Path(__file__).resolve().parents[2] / "tools" / "print_check.py"
    spec = importlib.util.spec_from_file_location("print_check", tool)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclass looks itself up there)
    spec.loader.exec_module(module)
    code = module.main(["--out", str(tmp_path / "out"), "--end", END.isoformat()])
    said = capsys.readouterr().out
    assert code == 0, said
    assert "A4: " in said and "Letter: " in said
    assert said.count("page 1 holds every section; page 2 starts with the week table") == 2
    assert (tmp_path / "out" / "A4-page-1.png").exists()


def test_json_writes_reordering_characters_as_escapes_and_keeps_the_text():
    """Outside test of issue 9 (item 12): the JSON export wrote a raw U+202E."""
    note = "dose \u202e3 g\u202c ok \u2066x\u2069"
    s = make_summary(note=note, include_notes=True, substance="kra\u202etom")
    out = render(s, "json", include_notes=True)
    assert not any(ch in out for ch in "\u202e\u202c\u2066\u2069")
    assert "\\u202e" in out
    doc = json.loads(out)
    assert doc["notes"][0]["text"] == note and "kra\u202etom" in doc["metrics"]["intake"]


def test_a_long_period_draws_bowel_movements_a_week_one_column_each(tmp_path, capsys):
    from fatiguelog.demo_history import generate

    generate(tmp_path, days=400, seed=7, end=END)
    code, out, err = _export(
        tmp_path, capsys, "--format", "html", "--from", (END - timedelta(days=399)).isoformat()
    )
    assert code == 0, err
    chart = out[out.index("<title>Bowel movements per week</title>") :]
    chart = chart[: chart.index("</svg>")]
    columns = {x for x, key in re.findall(r'<rect x="([0-9.]+)"[^>]*><title>(stools:\w+)', chart)}
    bands = {
        x
        for x, width in re.findall(
            r'<rect x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)"'
            r'[^>]*fill="url\(#(?:noanswer|few)\)"',
            chart,
        )
        if width != "10"
    }  # (not the legend's swatches; "few": the 1-day week)
    assert len(columns | bands) == 58  # 400 days: 57 whole weeks and the 1 day before them


def test_one_alarm_report_is_a_mark_not_a_week_of_symptoms_in_the_flag_timeline(summary):
    """Outside test of issue 10 (item 11): the timeline drew a 7-day "Vomiting reported" bar
    for a single report."""
    out = render(summary, "html")
    chart = out[out.index("<title>When each flag was on</title>") :]
    chart = chart[: chart.index("</svg>")]
    labels = [" ".join(x.split()) for x in re.findall(r'class="flag-label">([^<]*)<', chart)]
    joined = " ".join(labels)
    assert (
        "URGENT: Blood in stool: 1 report (2026-09-23); bar: the flag is on for 7 days "
        "after a report, not 7 days of symptoms"
    ) in joined
    assert chart.count('class="report"') == 1  # one diamond, on the report day
    assert (
        "Warning: Constipation began after a kratom increase (line: 9 qualifying days, "
        "2026-09-16 to 2026-09-27)" in joined
    )
    assert not any(label.endswith("…") for label in labels)  # wrapped, never cut


def test_the_week_table_wraps_between_dates_on_a_narrow_page(summary):
    """User pass: at 1,000 pixels the week table ran out of the page (each week kept whole on
    one line, an alarm's words in the last column). Now a week may wrap between its dates,
    never inside one, and is kept on one line only on a wide screen."""
    from fatiguelog.export.html import CSS

    text = render(summary, "html")
    start = text.index('<table class="weeks">')
    table = text[start : text.index("</table>", start)]
    first_cells = re.findall(r"<tr[^>]*><td>(.*?)</td>", table)
    assert first_cells
    for cell in first_cells:
        day = r'<span class="nw">\d{4}-\d{2}-\d{2}</span>'
        assert re.fullmatch(rf"{day} to {day}( \(\d days?\))?", cell), cell
    assert ".nw { white-space: nowrap; }" in CSS
    top_level = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", CSS)
    assert "table.weeks td:first-child" not in top_level
    assert "@media screen and (min-width: 960px) { table.weeks td:first-child" in CSS
