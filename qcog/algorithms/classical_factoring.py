"""Small classical factorisers: the baselines Shor's algorithm is compared against, and the
classical steps it takes before any quantum work (primality, perfect powers).

>>> trial_division(91)
7
>>> pollard_rho(8051, seed=1) in (83, 97)
True
>>> perfect_power(3**5)
(3, 5)
"""

from __future__ import annotations

import math
import random

from qcog.exceptions import QcogValueError

#: Miller-Rabin with these bases is deterministic for n < 3.3e24 (Sorenson & Webster 2015).
_MR_BASES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41)
_MR_DETERMINISTIC_BELOW = 3_317_044_064_679_887_385_961_981


def _check(n: int, least: int = 2) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < least:
        raise QcogValueError(f"expected an integer >= {least}, got {n!r}")


def is_probable_prime(n: int, seed: int = 0) -> bool:
    """Miller-Rabin: exact below 3.3e24, error below ``4^-20`` above (20 random bases).

    >>> [p for p in range(20) if is_probable_prime(p)]
    [2, 3, 5, 7, 11, 13, 17, 19]
    """
    if n < 2:
        return False
    for p in _MR_BASES:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    bases = list(_MR_BASES)
    if n >= _MR_DETERMINISTIC_BELOW:
        rng = random.Random(seed)
        bases += [rng.randrange(2, n - 1) for _ in range(20)]
    for a in bases:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def integer_root(n: int, k: int) -> int:
    """``floor(n ** (1/k))`` exactly, for integers ``n >= 0``, ``k >= 1``.

    >>> integer_root(10**30 + 1, 3)
    10000000000
    """
    if n < 2 or k == 1:
        return n
    x = 1 << ((n.bit_length() + k - 1) // k)  # an upper bound; Newton descends from it
    while True:
        y = ((k - 1) * x + n // x ** (k - 1)) // k
        if y >= x:
            return x
        x = y


def perfect_power(n: int) -> tuple[int, int] | None:
    """``(b, k)`` with ``n = b^k``, ``k >= 2`` as large as possible, or None.

    >>> perfect_power(12) is None, perfect_power(64)
    (True, (2, 6))
    """
    _check(n)
    for k in range(n.bit_length(), 1, -1):
        b = integer_root(n, k)
        if b > 1 and b**k == n:
            return b, k
    return None


def trial_division(n: int) -> int:
    """Smallest prime factor of ``n`` (``n`` itself when prime), by trial division.

    Raises:
        QcogValueError: ``n`` is not an integer >= 2.

    >>> trial_division(97), trial_division(221)
    (97, 13)
    """
    _check(n)
    if n % 2 == 0:
        return 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return d
        d += 2
    return n


def pollard_rho(n: int, seed: int = 0, max_iterations: int = 10_000_000) -> int:
    """A non-trivial factor of a composite ``n`` (Pollard's rho with Brent's cycle search).

    Args:
        n: composite integer >= 4.
        seed: picks the polynomial ``x^2 + c`` and start value; retried with new ones.
        max_iterations: give up after this many steps in total.

    Returns:
        A divisor ``1 < d < n``.

    Raises:
        QcogValueError: ``n`` is prime or not an integer >= 4; no factor found in time.

    >>> pollard_rho(10403, seed=0) in (101, 103)
    True
    """
    _check(n, 4)
    if n % 2 == 0:
        return 2
    if is_probable_prime(n):
        raise QcogValueError(f"{n} is prime: pollard_rho needs a composite number")
    rng = random.Random(seed)
    steps = 0
    while steps < max_iterations:
        y, c, m = rng.randrange(1, n), rng.randrange(1, n), 128
        g = r = q = 1
        x = ys = y
        while g == 1:
            x = y
            for _ in range(r):
                y = (y * y + c) % n
            k = 0
            while k < r and g == 1:
                ys = y
                for _ in range(min(m, r - k)):
                    y = (y * y + c) % n
                    q = q * abs(x - y) % n
                g = math.gcd(q, n)
                k += m
            r *= 2
            steps += r
        if g == n:  # the batch overshot: step back one at a time
            g = 1
            while g == 1:
                ys = (ys * ys + c) % n
                g = math.gcd(abs(x - ys), n)
        if 1 < g < n:
            return g
    raise QcogValueError(f"pollard_rho found no factor of {n} in {max_iterations} steps")


def factorize(n: int, seed: int = 0) -> list[int]:
    """Prime factorisation of ``n`` (sorted, with multiplicity): trial division of small
    primes, then Miller-Rabin and Pollard's rho.

    >>> factorize(2**4 * 3 * 1000003)
    [2, 2, 2, 2, 3, 1000003]
    """
    _check(n)
    out, stack = [], [n]
    while stack:
        m = stack.pop()
        for p in (2, 3, 5, 7, 11, 13):
            while m % p == 0:
                out.append(p)
                m //= p
        if m == 1:
            continue
        if is_probable_prime(m):
            out.append(m)
            continue
        d = pollard_rho(m, seed=seed)
        stack += [d, m // d]
    return sorted(out)
