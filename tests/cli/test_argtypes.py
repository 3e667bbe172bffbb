"""argparse types of qcog.cli.argtypes: accepted forms and one-line refusals."""

import argparse
import re

import pytest

from qcog.cli.argtypes import (
    SEED_MAX,
    count_or_auto,
    int_at_least,
    int_in_range,
    marked_values,
    nonnegative_float,
    nonnegative_int,
    positive_float,
    positive_int,
    seed,
)

ACCEPTED = [
    (positive_int, "1", 1),
    (positive_int, "0x10", 16),
    (positive_int, "007", 7),
    (nonnegative_int, "0", 0),
    (seed, str(SEED_MAX), SEED_MAX),
    (int_at_least(3), "3", 3),
    (int_in_range(1, 32), "32", 32),
    (positive_float, "1e-3", 1e-3),
    (nonnegative_float, "0", 0.0),
    (count_or_auto, "auto", "auto"),
    (count_or_auto, "0", 0),
]
REFUSED = [
    (positive_int, "0", "must be an integer >= 1, got '0'"),
    (positive_int, "1.5", "must be an integer >= 1, got '1.5'"),
    (nonnegative_int, "-1", "must be an integer >= 0"),
    (seed, "-1", f"must be an integer in 0..{SEED_MAX}"),
    (seed, str(SEED_MAX + 1), f"must be an integer in 0..{SEED_MAX}"),
    (int_in_range(1, 32), "33", "must be an integer in 1..32"),
    (positive_float, "0", "must be a number > 0"),
    (positive_float, "inf", "must be a number > 0"),
    (positive_float, "nan", "must be a number > 0"),
    (nonnegative_float, "-0.1", "must be a number >= 0"),
    (count_or_auto, "lots", "must be 'auto' or an integer >= 0"),
    (count_or_auto, "-1", "must be 'auto' or an integer >= 0"),
]


@pytest.mark.parametrize("kind,text,value", ACCEPTED)
def test_accepted(kind, text, value):
    assert kind(text) == value


@pytest.mark.parametrize("kind,text,message", REFUSED)
def test_refused(kind, text, message):
    with pytest.raises(argparse.ArgumentTypeError, match=message.replace(".", r"\.")):
        kind(text)


#: Marked values of a Grover search, the one reading of ``grover --marked`` and
#: ``ibm submit --grover``: (text, values, bitstring digits, fewest search qubits).
MARKED = [
    ("101", (101,), (0,), 7),  # decimal: one hundred and one, never a bitstring
    ("0b101", (5,), (3,), 3),
    ("0x1f", (31,), (0,), 5),
    ("0B11", (3,), (2,), 2),
    ("007", (7,), (0,), 3),  # leading zeros read as decimal, as every integer option
    ("0b0001", (1,), (4,), 4),  # a bitstring's digits count
    ("0b0_101", (5,), (4,), 4),
    (" 5 , 9 ,", (5, 9), (0, 0), 4),
    ("0", (0,), (0,), 1),
    ("5,0b0110,0x6", (5, 6, 6), (0, 4, 0), 4),
]
MARKED_REFUSED = [
    ("1x", "must be comma-separated integers (5,9), 0b bitstrings (0b101 = 5) or 0x hex"),
    ("a,b", "must be comma-separated integers"),
    ("0b", "must be comma-separated integers"),
    ("0b102", "must be comma-separated integers"),
    ("5.0", "must be comma-separated integers"),
    ("-3", "marked values are >= 0, got '-3'"),
    ("", "needs at least one value"),
    (" , ", "needs at least one value"),
]


@pytest.mark.parametrize("text,values,widths,qubits", MARKED)
def test_marked_values(text, values, widths, qubits):
    marked = marked_values(text)
    assert (marked.values, marked.widths, marked.min_qubits) == (values, widths, qubits)


@pytest.mark.parametrize("text,message", MARKED_REFUSED)
def test_marked_values_refused(text, message):
    with pytest.raises(argparse.ArgumentTypeError, match=re.escape(message)):
        marked_values(text)


@pytest.mark.parametrize("command", [["grover", "--marked"], ["ibm", "submit", "--grover"]])
def test_grover_and_ibm_submit_read_marked_values_alike(command):
    from qcog.cli import build_parser

    args = build_parser().parse_args([*command, "101,0b101", "--backend", "fake:manila"])
    assert vars(args)[command[-1].lstrip("-")] == marked_values("101,0b101")


def test_argparse_names_the_option():
    parser = argparse.ArgumentParser(prog="qcog x", exit_on_error=False)
    parser.add_argument("--shots", type=positive_int)
    with pytest.raises(argparse.ArgumentError, match="argument --shots: must be an integer >= 1"):
        parser.parse_args(["--shots", "0"])
