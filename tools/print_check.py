"""Print the demo's 90-day HTML summary to PDF at A4 and US Letter, and check page one.

    python tools/print_check.py [--out DIR] [--end YYYY-MM-DD] [--html FILE]

Needs headless Chromium and poppler's `pdftotext`, `pdfinfo` and `pdftoppm` (Debian:
`apt-get install -y chromium poppler-utils`). It generates the demo history in a temporary
folder (your own data is never read), exports the 90 days ending on `--end` (default today)
as HTML with a short "What I want to discuss" text, prints it once per paper size, and checks
with `pdftotext -f 1 -l 1` that page one holds every page-one section (name and date of birth,
period and rules checked, the urgent banner, the discuss text, key figures, flags, the
medicines table with the current amount, alarm symptoms) and that page two starts with the
week-by-week table. It writes the PDFs, page one's text and a PNG of every page
(`pdftoppm -png -r 60`) to `--out`, prints the page counts, and exits 1 when a check fails
(2 when a tool is missing). `--html FILE` checks that file instead of the demo's summary.
Chromium runs with no network, no sync and a throw-away profile.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

PAPERS = {"A4": "A4", "Letter": "letter"}
DISCUSS = (
    "Is the kratom cut behind the loose stools in October?\n"
    "The blood on 22 November: what should I look out for?\n"
    "Sleep is still poor: could we talk about it?"
)
#: Words that must be on page one, with what they stand for.
PAGE_ONE = (
    ("Name:", "name line"),
    ("Date of birth:", "date of birth line"),
    ("rules checked on", "period and rules checked"),
    ("URGENT", "urgent banner"),
    ("What I want to discuss", "discuss heading"),
    ("Is the kratom cut behind", "the discuss text itself"),
    ("Key figures", "key figures"),
    ("Flags on at", "flags"),
    ("Medicines and substances", "medicines timeline"),
    ("NOW", "the current amount marked"),
    ("Alarm symptoms reported in this period", "alarm symptoms"),
)
CHROMIUM = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@dataclass
class Result:
    paper: str
    pages: int
    missing: list[str]
    page_two_starts_with_weeks: bool


def find_chromium() -> str | None:
    return next((found for name in CHROMIUM if (found := shutil.which(name))), None)


def demo_html(folder: Path, end: date, discuss: str = DISCUSS) -> Path:
    """The demo's 90-day summary as HTML, written to `folder` (the history lives there too)."""
    from fatiguelog.cli import main
    from fatiguelog.demo_history import generate
    from fatiguelog.paths import DEMO_MARKER

    root = folder / "data"
    generate(root, days=180, seed=7, end=end)
    (root / DEMO_MARKER).write_text("made by tools/print_check.py\n", encoding="utf-8")
    target = folder / "summary.html"
    code = main(
        [
            "--data-dir",
            str(root),
            "export",
            "--format",
            "html",
            "--to",
            end.isoformat(),
            "--from",
            (end - timedelta(days=89)).isoformat(),
            "--discuss",
            discuss,
            "-o",
            str(target),
        ]
    )
    if code != 0:
        raise SystemExit(f"the export failed (exit {code})")
    return target


def print_pdf(chromium: str, html: Path, pdf: Path, paper: str) -> None:
    """Chromium prints at its default paper unless the page asks: ask for `paper`."""
    sized = html.with_name(f"{html.stem}-{paper}.html")
    text = html.read_text(encoding="utf-8")
    sized.write_text(
        text.replace("</head>", f"<style>@page {{ size: {PAPERS[paper]}; }}</style></head>", 1),
        encoding="utf-8",
    )
    with tempfile.TemporaryDirectory(prefix="print-check-profile-") as profile:
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                f"--print-to-pdf={pdf}",
                "--no-pdf-header-footer",
                sized.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    line = next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def check(chromium: str, html: Path, out: Path, *, banner: bool = True) -> list[Result]:
    results = []
    for paper in PAPERS:
        pdf = out / f"summary-{paper}.pdf"
        print_pdf(chromium, html, pdf, paper)
        first = page_text(pdf, 1)
        (out / f"page1-{paper}.txt").write_text(first, encoding="utf-8")
        flat = " ".join(first.split())
        missing = [
            what for words, what in PAGE_ONE if (banner or words != "URGENT") and words not in flat
        ]
        pages = page_count(pdf)
        second = " ".join(page_text(pdf, 2).split()) if pages > 1 else ""
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(out / f"{paper}-page")], check=True
        )
        results.append(Result(paper, pages, missing, second.startswith("Week by week")))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("print-check"),
        help="folder for the PDFs, text and PNGs (default ./print-check)",
    )
    parser.add_argument(
        "--end",
        type=date.fromisoformat,
        default=date.today(),
        help="the summary's last day (default today)",
    )
    parser.add_argument("--html", type=Path, help="check this HTML file instead of the demo's")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    missing_tools = [
        name for name in ("pdftotext", "pdfinfo", "pdftoppm") if shutil.which(name) is None
    ]
    if chromium is None or missing_tools:
        print(
            "needs chromium and poppler-utils (apt-get install -y chromium poppler-utils)",
            file=sys.stderr,
        )
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="print-check-") as folder:
        html = args.html or demo_html(Path(folder), args.end)
        if args.html is None:
            shutil.copy(html, args.out / "summary.html")
        results = check(
            chromium, html.resolve(), args.out.resolve(), banner=args.html is None
        )  # (file URIs need absolute paths)
    failed = False
    for r in results:
        verdict = (
            "page 1 holds every section"
            if not r.missing
            else ("page 1 lacks: " + ", ".join(r.missing))
        )
        weeks = (
            "page 2 starts with the week table"
            if r.page_two_starts_with_weeks
            else ("page 2 does not start with the week table")
        )
        print(f"{r.paper}: {r.pages} pages; {verdict}; {weeks}")
        failed |= bool(r.missing) or not r.page_two_starts_with_weeks
    print(f"PDFs, page-one text and PNGs in {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
