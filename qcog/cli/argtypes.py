"""argparse ``type=`` functions that check numbers at the command-line boundary.

A bad value stops the command before any work with one line naming the option, the
value and what is accepted (``qcog grover: error: argument --shots: must be an integer
>= 1, got '0'``). Every command uses these for its numeric options.

>>> positive_int("3"), seed("0"), positive_float("0.5"), count_or_auto("auto")
(3, 0, 0.5, 'auto')
>>> marked_values("101,0b101").values  # one hundred and one, and five
(101, 5)
>>> positive_int("0")
Traceback (most recent call last):
...
argparse.ArgumentTypeError: must be an integer >= 1, got '0'
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from dataclasses import dataclass

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


#: The forms a marked value of a Grover search takes on the command line.
MARKED_FORMS = "comma-separated integers (5,9), 0b bitstrings (0b101 = 5) or 0x hex values"


@dataclass(frozen=True)
class MarkedValues:
    """Marked values of a Grover search as typed (``--marked``, ``ibm submit --grover``).

    Attributes:
        values: the integers, in the order given.
        widths: per value, the digits of a ``0b`` bitstring (``0b001`` has 3), else 0.
    """

    values: tuple[int, ...]
    widths: tuple[int, ...]

    @property
    def min_qubits(self) -> int:
        """Fewest search qubits that hold every value as written (a bitstring's digits count).

        >>> marked_values("5,0b0001").min_qubits
        4
        """
        return max([*self.widths, *(max(1, v.bit_length()) for v in self.values)])


def marked_values(text: str) -> MarkedValues:
    """Marked values: decimal integers (``101`` is one hundred and one), ``0b`` bitstrings
    (``0b101`` is 5) and ``0x`` hex values, separated by commas.

    The one reading of this syntax: ``qcog grover --marked`` and ``qcog ibm submit
    --grover`` both use it, so a value means the same in both.

    >>> marked_values("5, 0b0110, 0x1f")
    MarkedValues(values=(5, 6, 31), widths=(0, 4, 0))

    Raises:
        argparse.ArgumentTypeError: no value, a value in none of the forms, or a negative one.
    """
    tokens = [t.strip() for t in str(text).split(",") if t.strip()]
    if not tokens:
        raise argparse.ArgumentTypeError(f"needs at least one value, e.g. 5,9; got {text!r}")
    values = []
    for token in tokens:
        try:
            value = _int(token, MARKED_FORMS)
        except argparse.ArgumentTypeError:
            raise argparse.ArgumentTypeError(f"must be {MARKED_FORMS}, got {text!r}") from None
        if value < 0:
            raise argparse.ArgumentTypeError(f"marked values are >= 0, got {token!r}")
        values.append(value)
    widths = [_bitstring_digits(t) for t in tokens]
    return MarkedValues(tuple(values), tuple(widths))


def _bitstring_digits(token: str) -> int:
    """Digits of a ``0b`` bitstring (``0b0_101`` has 4), 0 for other forms."""
    return len(token[2:].replace("_", "")) if token.lower().startswith("0b") else 0


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
