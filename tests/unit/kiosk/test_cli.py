"""The command line: starting the kiosk parses only its own options, with the same result."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from kiosk import cli

# Each parsed both ways: the short path for starting the kiosk must agree with the whole parser.
_STARTS = [
    [],
    ["--kiosk"],
    ["--self-test"],
    ["--data-dir", "/var/lib/kiosk"],
    ["--data-dir=/var/lib/kiosk", "--kiosk"],
    ["--kiosk", "--data-dir", "content"],  # a folder named like a command is still a folder
    ["--data-dir", "a", "--data-dir", "b", "--self-test", "--kiosk"],
    ["--data-dir=-odd=name"],  # after "=", a value may start with "-" and hold "="
]
_COMMANDS = [
    ["content", "check"],
    ["--data-dir", "/tmp/d", "content", "list", "--lang", "en"],
    ["stats"],
    ["--kiosk", "demo-data", "--visits", "3"],
    ["export", "--to", "/media/stick", "--since", "2026-11-01"],
    ["--kio"],  # argparse's abbreviation of --kiosk
]


@pytest.mark.parametrize("argv", _STARTS + _COMMANDS, ids=" ".join)
def test_parse_agrees_with_the_whole_parser(argv: list[str]) -> None:
    assert cli.parse(argv) == cli.build_parser().parse_args(argv)


@pytest.mark.parametrize("argv", _STARTS, ids=" ".join)
def test_starting_the_kiosk_needs_no_parser(argv: list[str]) -> None:
    assert cli._kiosk_options(argv) == cli.build_parser().parse_args(argv)


@pytest.mark.parametrize(
    "argv",
    [
        *_COMMANDS,
        ["--help"],
        ["-h"],
        ["--version"],
        ["--data-dir"],
        ["--data-dir="],
        ["--data-dir", ""],
        ["--data-dir", "--kiosk"],
        ["--nope"],
        ["--", "--kiosk"],
    ],
    ids=" ".join,
)
def test_anything_else_goes_to_the_whole_parser(argv: list[str]) -> None:
    assert cli._kiosk_options(argv) is None


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.parse(["--help"])
    assert exit_info.value.code == 0
    shown = capsys.readouterr().out
    for command in (*cli._CORE_COMMANDS, "screenshots"):
        assert command in shown
    for option in ("--kiosk", "--data-dir", "--self-test", "--version"):
        assert option in shown


def test_a_missing_value_is_the_whole_parsers_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.parse(["--data-dir"])
    assert exit_info.value.code == 2
    error = capsys.readouterr().err
    assert "COMMAND" in error  # the usage line of the whole command line
    assert "--data-dir: expected one argument" in error


def test_the_kiosks_options_are_typed_as_before() -> None:
    args = cli.parse(["--data-dir", "/var/lib/kiosk", "--kiosk"])
    assert args == argparse.Namespace(
        kiosk=True, data_dir=Path("/var/lib/kiosk"), self_test=False, command=None
    )
