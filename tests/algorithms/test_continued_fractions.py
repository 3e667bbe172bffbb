from fractions import Fraction

import pytest

from qcog.algorithms.continued_fractions import continued_fraction, convergents, order_candidates
from qcog.exceptions import QcogValueError


@pytest.mark.parametrize("p,q", [(415, 93), (0, 7), (7, 1), (192, 256), (10923, 16384), (355, 113)])
def test_convergents_end_at_the_fraction_and_rebuild_it(p, q):
    terms = continued_fraction(p, q)
    value = Fraction(terms[-1])
    for a in reversed(terms[:-1]):
        value = a + 1 / value
    assert value == Fraction(p, q) == convergents(p, q)[-1]


@pytest.mark.parametrize(
    "s,r,t", [(1, 4, 8), (3, 4, 8), (1, 6, 10), (5, 6, 10), (7, 12, 12), (11, 20, 12)]
)
def test_order_is_recovered_from_the_nearest_phase(s, r, t):
    y = round(s / r * 2**t)  # closest reading: |y/2^t - s/r| <= 2^-(t+1) < 1/(2 r^2)
    assert r in order_candidates(y, t, N=r + 1)


def test_bad_input():
    with pytest.raises(QcogValueError):
        continued_fraction(1, 0)
    with pytest.raises(QcogValueError):
        order_candidates(256, 8, 15)
