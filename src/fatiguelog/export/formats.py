"""The export formats, each declared once.

`fatiguelog export --format` (its choices and its help), the export screen's format buttons,
the file extension a summary is saved with, the format the screen remembers, and
`fatiguelog.export.render` all read `FORMATS`; a test checks that docs/export.md and the user
guide name every one with its extension. Adding a format is one `ExportFormat` here, its
renderer module (a `render(summary, include_notes) -> str`), and its line in the docs.

This module imports no renderer (`module` is a name, imported only to render) and nothing
else either: the command-line parser reads it at every start, `fatiguelog log` included, so
it stays free of `typing` and `dataclasses` (which would cost every command milliseconds).
"""

from __future__ import annotations


class ExportFormat:
    """One export format, fixed once made.

    `key`: what `--format` takes and the screen's button id; `label`: the format in words
    (the screen shows it with its extension, "Web page (.html)"); `extension`: the file
    name's ending, with its dot; `module`: the renderer, by name; `description`: what the
    file is, for `--help`.
    """

    __slots__ = ("description", "extension", "key", "label", "module")

    key: str
    label: str
    extension: str
    module: str
    description: str

    def __init__(self, key: str, label: str, extension: str, module: str, description: str) -> None:
        for name, value in (
            ("key", key),
            ("label", label),
            ("extension", extension),
            ("module", module),
            ("description", description),
        ):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"an export format is fixed: {name} can't be changed")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"an export format is fixed: {name} can't be removed")

    def __repr__(self) -> str:
        return (
            f"ExportFormat({self.key!r}, {self.label!r}, {self.extension!r}, "
            f"{self.module!r}, {self.description!r})"
        )

    @property
    def choice(self) -> str:
        """The format as the export screen offers it: `Markdown (.md)`."""
        return f"{self.label} ({self.extension})"


#: Every format, in the order the screen and `--help` list them; the first is the default.
FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat(
        "md",
        "Markdown",
        ".md",
        "fatiguelog.export.markdown",
        "Markdown, plain text that reads well as it is",
    ),
    ExportFormat(
        "html",
        "Web page",
        ".html",
        "fatiguelog.export.html",
        "one self-contained web page that prints well",
    ),
    ExportFormat(
        "csv",
        "Spreadsheet",
        ".csv",
        "fatiguelog.export.csv_export",
        "spreadsheet tables, one file each",
    ),
    ExportFormat(
        "json", "JSON", ".json", "fatiguelog.export.json_export", "JSON for other programs"
    ),
)


def default() -> ExportFormat:
    """The format without a `--format` or a remembered choice: the first, Markdown."""
    return FORMATS[0]


def keys() -> tuple[str, ...]:
    """`("md", "html", "csv", "json")`: what `--format` accepts."""
    return tuple(f.key for f in FORMATS)


def find(key: str) -> ExportFormat:
    """The format called `key`; ValueError (one line, naming the known ones) for another."""
    for found in FORMATS:
        if found.key == key:
            return found
    raise ValueError(f"unknown export format {key!r}: use one of {', '.join(keys())}")


def help_text() -> str:
    """`--format`'s help: each format with its extension and what it is, the default said."""
    said = [f"{f.key} ({f.extension}): {f.description}" for f in FORMATS]
    return f"{'; '.join(said)}. Default: {default().key}"


__all__ = ["FORMATS", "ExportFormat", "default", "find", "help_text", "keys"]
