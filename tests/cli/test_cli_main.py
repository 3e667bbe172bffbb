"""The CLI's one error path (qcog/cli/__init__.py): one line, exit 2, for every error class."""

import argparse
import errno

import pytest

from qcog.cli import _message, build_parser, main
from qcog.testing.cli import cli_status

#: Options without help text in modules other engineers own right now (issue 12 asks for
#: help on every option; remove an entry when its module gains the text).
HELP_PENDING = {
    ("shor", "--method"),
    ("shor-estimate", "--method"),
    ("ibm submit", "--mode"),
    ("ibm submit", "--optimization-level"),
    ("ibm submit", "--dd-sequence"),
    ("ibm account", "--json"),
    ("jobs list", "--status"),
    ("jobs list", "--limit"),
    ("qec", "--code"),
    ("qec-threshold", "--code"),
}


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
