import pytest

from qcog.algorithms.classical_factoring import (
    factorize,
    integer_root,
    is_probable_prime,
    perfect_power,
    pollard_rho,
    trial_division,
)
from qcog.exceptions import QcogValueError


def sieve(limit: int) -> set[int]:
    flags = [True] * limit
    flags[:2] = [False, False]
    for i in range(2, int(limit**0.5) + 1):
        if flags[i]:
            flags[i * i :: i] = [False] * len(flags[i * i :: i])
    return {i for i, f in enumerate(flags) if f}


def test_primality_and_trial_division_against_a_sieve():
    primes = sieve(5000)
    for n in range(2, 5000):
        assert is_probable_prime(n) == (n in primes), n
        d = trial_division(n)
        assert n % d == 0 and d in primes and all(n % p for p in range(2, d))


@pytest.mark.parametrize(
    "n", [561, 1105, 1729, 3215031751, 3825123056546413051]
)  # Carmichael / strong pseudoprimes
def test_pseudoprimes_are_composite(n):
    assert not is_probable_prime(n)


@pytest.mark.parametrize("n", [2**61 - 1, 2**89 - 1, 2**127 - 1])
def test_mersenne_primes(n):
    assert is_probable_prime(n)


@pytest.mark.parametrize("n", [15, 8051, 10403, 1000003 * 1000033, (2**31 - 1) * (2**61 - 1)])
def test_pollard_rho_finds_a_proper_factor(n):
    d = pollard_rho(n, seed=3)
    assert 1 < d < n and n % d == 0


def test_factorize_and_powers():
    for n in range(2, 3000):
        f = factorize(n)
        prod = 1
        for p in f:
            prod *= p
        assert prod == n and all(is_probable_prime(p) for p in f)
    assert (
        perfect_power(3**7) == (3, 7) and perfect_power(36) == (6, 2) and perfect_power(35) is None
    )
    assert integer_root(10**40, 4) == 10**10 and integer_root(10**40 - 1, 4) == 10**10 - 1


@pytest.mark.parametrize(
    "call", [lambda: trial_division(1), lambda: pollard_rho(13), lambda: factorize(2.5)]
)
def test_bad_input(call):
    with pytest.raises(QcogValueError):
        call()
