"""argparse ``type=`` functions that check numbers at the command-line boundary.

A bad value stops the command before any work with one line naming the option, the
value and what is accepted (``qcog grover: error: argument --shots: must be an integer
>= 1, got '0'``). Every command uses these for its numeric options.

>>> positive_int("3"), seed("0"), positive_float("0.5"), count_or_auto("auto")
(3, 0, 0.5, 'auto')
>>> positive_int("0")
Traceback (most recent call last):
...
argparse.ArgumentTypeError: must be an integer >= 1, got '0'
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable

#: Seeds are accepted in the range every seeded library here takes (numpy, Aer, torch).
SEED_MAX = 2**32 - 1


def int_at_least(low: int) -> Callable[[str], int]:
    """A type accepting integers ``>= low`` (decimal, or 0x/0b/0o prefixed).

    >>> int_at_least(2)("0x10")
    16
    """

    def parse(text: str) -> int:
        value = _int(text, f"an integer >= {low}")
        if value < low:
            raise argparse.ArgumentTypeError(f"must be an integer >= {low}, got {text!r}")
        return value

    parse.__name__ = f"int_at_least_{low}"
    return parse


def int_in_range(low: int, high: int) -> Callable[[str], int]:
    """A type accepting integers in ``[low, high]``.

    >>> int_in_range(0, 3)("3")
    3
    """

    def parse(text: str) -> int:
        value = _int(text, f"an integer in {low}..{high}")
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be an integer in {low}..{high}, got {text!r}")
        return value

    parse.__name__ = f"int_in_range_{low}_{high}"
    return parse


positive_int = int_at_least(1)
nonnegative_int = int_at_least(0)
seed = int_in_range(0, SEED_MAX)


def positive_float(text: str) -> float:
    """A finite number ``> 0``.

    >>> positive_float("1e-3")
    0.001
    """
    value = _float(text, "a number > 0")
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a number > 0, got {text!r}")
    return value


def nonnegative_float(text: str) -> float:
    """A finite number ``>= 0``.

    >>> nonnegative_float("0")
    0.0
    """
    value = _float(text, "a number >= 0")
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be a number >= 0, got {text!r}")
    return value


def count_or_auto(text: str) -> int | str:
    """``auto`` or an integer ``>= 0``.

    >>> count_or_auto("2")
    2
    """
    return "auto" if text == "auto" else _nonnegative_count(text)


def _nonnegative_count(text: str) -> int:
    try:
        return nonnegative_int(text)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f"must be 'auto' or an integer >= 0, got {text!r}"
        ) from None


def _int(text: str, accepted: str) -> int:
    for base in (10, 0):  # "007" and "0x10" both read as meant
        try:
            return int(str(text).strip(), base)
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"must be {accepted}, got {text!r}")


def _float(text: str, accepted: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be {accepted}, got {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be {accepted}, got {text!r}")
    return value
