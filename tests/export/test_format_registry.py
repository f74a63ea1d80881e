"""One export-format registry (issue 13, point 7): `--format`, the export screen, file
extensions, `render` and the docs all follow `fatiguelog.export.formats.FORMATS`.

Why: adding an export format took four files and three hand-kept lists (the renderer map and
the extensions in export/__init__.py, the CLI's `choices`, the screen's labels; a fifth in
state.py), and the docs listed them by hand. Here a throwaway format added to the registry
alone shows up in the CLI, the remembered format and `render`, with its own extension; the
export screen's buttons are tested in tests/ui_trends/test_export_screen_formats.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fatiguelog import state
from fatiguelog.cli import build_parser, main
from fatiguelog.export import extension, formats, render

from .conftest import make_summary

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_the_registry_holds_the_four_formats_markdown_first() -> None:
    assert formats.keys() == ("md", "html", "csv", "json")
    assert formats.default().key == "md"
    assert [f.choice for f in formats.FORMATS] == [
        "Markdown (.md)",
        "Web page (.html)",
        "Spreadsheet (.csv)",
        "JSON (.json)",
    ]
    with pytest.raises(AttributeError):
        formats.FORMATS[0].extension = ".txt"  # type: ignore[misc]
    with pytest.raises(ValueError, match="use one of md, html, csv, json"):
        formats.find("pdf")


def _formats_table(text: str) -> list[tuple[str, str]]:
    section = text.split("\n## Formats\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([^`]+)` \| `([^`]+)` \|", section, flags=re.MULTILINE)


def test_the_export_doc_lists_every_format_with_its_extension() -> None:
    text = (DOCS / "export.md").read_text("utf-8")
    assert _formats_table(text) == [(f.key, f.extension) for f in formats.FORMATS]
    assert f"[--format {'|'.join(formats.keys())}]" in text.split("\n\n", 2)[1]  # synopsis


def test_the_user_guide_names_every_format_with_its_extension() -> None:
    text = (DOCS / "user-guide.md").read_text("utf-8")
    bullet = text.split("- **Format:**", 1)[1].split("\n- **", 1)[0]
    for f in formats.FORMATS:
        assert f"`{f.extension}`" in bullet, f.key
        assert f.label.lower() in bullet.lower(), f.key


def test_the_cli_offers_and_describes_what_the_registry_holds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["export", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert "--format {md,html,csv,json}" in said
    for f in formats.FORMATS:
        assert f"{f.key} ({f.extension}): {f.description}" in said
    assert "Default: md" in said


def test_a_format_added_to_the_registry_alone_reaches_the_cli_render_and_state(
    with_txt: formats.ExportFormat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build_parser().parse_args(["export", "--format", "txt"]).format == "txt"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["export", "--help"])
    assert "{md,html,csv,json,txt}" in capsys.readouterr().out
    assert extension("txt") == ".txt"
    summary = make_summary()
    assert render(summary, "txt").startswith("PLAIN ")
    state.remember_export_format(tmp_path, "txt")
    assert state.read_export_format(tmp_path) == "txt"  # the screen reopens with it

    root, out = tmp_path / "data", tmp_path / "visit.txt"
    code = main(
        [
            "--data-dir",
            str(root),
            "export",
            "--format",
            "txt",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-20",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    assert out.read_text("utf-8") == "PLAIN 2026-11-01 to 2026-11-20\n"


def test_a_format_the_registry_does_not_hold_is_refused_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", str(tmp_path / "data"), "export", "--format", "txt"])
    assert exited.value.code == 2
    assert "invalid choice: 'txt'" in capsys.readouterr().err
    with pytest.raises(ValueError, match="unknown export format 'txt'"):
        render(make_summary(), "txt")
    state.remember_export_format(tmp_path, "txt")  # (a newer version's choice)
    assert state.read_export_format(tmp_path) is None
