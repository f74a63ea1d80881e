"""The command line builds only the parser of the command it is given (a faster start for
`log`, `path` and `remind`); what the user sees must be exactly what every command's parser
says: the same help, the same errors, the same exit codes, and `--help` lists every command."""

from __future__ import annotations

import contextlib
import io

import pytest

from fatiguelog.cli import _COMMANDS, _named_command, build_parser


def _run(parser_command: str | None, argv: list[str]) -> tuple[int, str, str]:
    """What parsing `argv` prints and exits with, using the parser built for `parser_command`."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            build_parser(parser_command).parse_args(argv)
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


SAMPLES = [[name, "--help"] for name in _COMMANDS] + [
    ["log"],
    ["log", "stool"],
    ["log", "stool", "--help"],
    ["log", "dose", "--help"],
    ["log", "stool", "4", "extra"],
    ["log", "stool", "4", "--nope"],
    ["export", "--format", "xx"],
    ["remind", "foo"],
    ["restore"],
    ["restore", "--date", "x", "--list", "--copy", "1"],
    ["--data-dir", "/tmp/x", "log", "--help"],
    ["--data-dir=/tmp/x", "path", "--help"],
    ["path", "extra"],
    ["export", "--discuss", "a", "--discuss-file", "b"],
]


@pytest.mark.parametrize("argv", SAMPLES, ids=" ".join)
def test_a_command_parsed_alone_says_what_the_full_parser_says(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    named = _named_command(argv)
    assert named is not None and named in _COMMANDS
    alone = _run(named, argv)
    assert alone == _run(None, argv)
    assert alone[0] in (0, 2)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--help"],
        ["-h", "log"],
        ["--version"],
        ["pth"],
        ["--data", "x", "path"],
        ["--data-dir"],
        ["--", "path"],
        ["LOG", "stool", "4"],
    ],
    ids=lambda argv: " ".join(argv) or "(nothing)",
)
def test_anything_else_gets_every_command(argv: list[str]) -> None:
    """Help, a mistyped command or an abbreviated option: the full parser, whose help and
    errors list every command."""
    assert _named_command(argv) is None


def test_help_still_lists_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = _run(_named_command(["--help"]), ["--help"])
    assert code == 0
    listed = [
        line.split()[0]
        for line in out.splitlines()
        if line.startswith("    ") and line.split()[0] in _COMMANDS
    ]
    assert listed == list(_COMMANDS)
    assert len(listed) == 13
