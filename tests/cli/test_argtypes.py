"""argparse types of qcog.cli.argtypes: accepted forms and one-line refusals."""

import argparse

import pytest

from qcog.cli.argtypes import (
    SEED_MAX,
    count_or_auto,
    int_at_least,
    int_in_range,
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


def test_argparse_names_the_option():
    parser = argparse.ArgumentParser(prog="qcog x", exit_on_error=False)
    parser.add_argument("--shots", type=positive_int)
    with pytest.raises(argparse.ArgumentError, match="argument --shots: must be an integer >= 1"):
        parser.parse_args(["--shots", "0"])
