"""The CLI's one error path (qcog/cli/__init__.py): one line, exit 2, for every error class."""

import argparse
import errno

import pytest

from qcog.cli import _message, build_parser, main
from qcog.testing.cli import cli_status

#: Options without help text in modules other engineers own right now (issue 12 asks for
#: help on every option; remove an entry when its module gains the text).
HELP_PENDING: set = set()


#: Options of commands other engineers own right now that break a flag convention below
#: (remove an entry when its command follows it).
CONVENTION_PENDING: set = set()


def _options(parser, path=()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _options(sub, (*path, name))
        elif not isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
            yield " ".join(path), (action.option_strings or [action.dest])[0], action


def test_every_option_has_help_text():
    missing = {
        (command, name)
        for command, name, action in _options(build_parser())
        if not action.help
    }
    assert missing <= HELP_PENDING, sorted(missing - HELP_PENDING)


@pytest.mark.parametrize("flag,partner", [("--out", "--output"), ("--output", "--out")])
def test_out_and_output_are_one_option_everywhere(flag, partner):
    offenders = {
        (command, flag)
        for command, _, action in _options(build_parser())
        if flag in action.option_strings and partner not in action.option_strings
    }
    assert offenders <= CONVENTION_PENDING, sorted(offenders - CONVENTION_PENDING)


def test_every_progress_bar_can_be_turned_off_with_no_progress():
    flags: dict[str, set[str]] = {}
    for command, _, action in _options(build_parser()):
        flags.setdefault(command, set()).update(action.option_strings)
    with_bars = {c for c, names in flags.items() if any("progress" in n for n in names)}
    assert with_bars and all("--no-progress" in flags[c] for c in with_bars)


#: Spellings that name one option, so a flag means the same in every command.
SPELLINGS = [
    ("jobs result", {"--out", "--output", "-o"}),
    ("jobs export", {"--out", "--output", "-o"}),
    ("kernel gram", {"--out", "--output"}),
    ("kernel gram", {"--data", "--dataset"}),  # as train --data
    ("kernel compare", {"--dataset", "--data"}),
    ("qec", {"--sampler", "--backend"}),  # a backend spec, as every other command's --backend
    ("train", {"--out", "--output"}),
]


@pytest.mark.parametrize("command,spellings", SPELLINGS)
def test_spellings_name_one_option(command, spellings):
    found = [
        set(action.option_strings)
        for name, _, action in _options(build_parser())
        if name == command and spellings & set(action.option_strings)
    ]
    assert found == [spellings]


@pytest.mark.parametrize(
    "code,path,expected",
    [
        (errno.EISDIR, "/data/out", "/data/out is a folder; give a file path"),
        (errno.ENOTDIR, "/f/x.json", "/f/x.json lies under a file, not a folder"),
        (errno.EACCES, "/root/x", "/root/x is not accessible (permission denied)"),
        (errno.EROFS, "/ro/x", "/ro/x is on a read-only file system"),
        (errno.ENOSPC, "/full/x", "/full/x cannot be written: the disk is full"),
    ],
)
def test_file_system_errors_name_the_path_and_the_fix(code, path, expected):
    assert _message(OSError(code, "os text", path)).startswith(expected)


def _command_raising(monkeypatch, exc):
    def handler(args):
        raise exc

    from qcog.cli import info

    monkeypatch.setattr(info, "handle", handler)


@pytest.mark.parametrize(
    "exc,expected",
    [
        (IsADirectoryError(errno.EISDIR, "Is a directory", "/tmp/out"), "/tmp/out is a folder"),
        (PermissionError(errno.EACCES, "Permission denied", "/x"), "/x is not accessible"),
        (ValueError("bad value\nsecond line"), "error: bad value"),
        (RuntimeError("boom"), "unexpected RuntimeError: boom (a bug in qcog"),
    ],
)
def test_every_error_is_one_line_with_exit_2(monkeypatch, capsys, exc, expected):
    monkeypatch.delenv("QCOG_TRACEBACK", raising=False)
    _command_raising(monkeypatch, exc)
    assert main(["info"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("qcog info: error: ") and expected in err and err.count("\n") == 1


def test_traceback_on_request(monkeypatch):
    monkeypatch.setenv("QCOG_TRACEBACK", "1")
    _command_raising(monkeypatch, RuntimeError("boom"))
    with pytest.raises(RuntimeError, match="boom"):
        main(["info"])


def test_interrupt_exits_130(monkeypatch, capsys):
    _command_raising(monkeypatch, KeyboardInterrupt())
    assert main(["info"]) == 130 and "interrupted" in capsys.readouterr().err


def test_argparse_errors_are_one_line_pointing_at_help(capsys):
    assert cli_status(["grover", "--qubits", "x", "--marked", "1"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "qcog grover: error: argument --qubits: must be an integer in 1..32, got 'x' "
        "(see qcog grover --help)\n"
    )


def test_help_exits_0(capsys):
    assert cli_status(["train", "--help"]) == 0
    assert "--batch-size" in capsys.readouterr().out
