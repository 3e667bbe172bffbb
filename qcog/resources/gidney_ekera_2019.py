"""Cost model of Gidney and Ekera 2019 (arXiv:1905.09749): factoring an ``n``-bit RSA
integer with windowed arithmetic, the coset representation of modular integers, oblivious
carry runways and a reaction-limited surface-code layout.

Logical layer (paper, section 2.6 "Abstract circuit model cost estimate"):

- exponent qubits ``n_e = m + 2 l``, ``m = ceil(n/2) - 1``, ``l = m - 20`` (Ekera-Hastad
  short discrete logarithm, one run; section 3 of the paper);
- padding ``c_pad = ceil(lg(n^2 n_e)) + dev_off``; the register is cut into
  ``ceil(n / c_sep)`` pieces of ``c_sep + c_pad`` qubits (runways);
- lookup additions ``L = ceil(2 n_e (n + c_pad + 2) / (c_exp c_mul))`` (runways folded
  back into one carry each while a register is a factor);
- Toffolis ``L ((2 (c_sep + c_pad) - 1) pieces + (2^(c_exp + c_mul) - 1) + 2 sqrt(2^(c_exp + c_mul) - 1))``:
  ripple-carry addition in every piece, a table lookup, and its measurement-based
  uncomputation;
- abstract qubits: three registers of ``n + c_pad pieces`` qubits (accumulator,
  workspace, lookup output) plus the ``c_exp`` exponent qubits of a window. The paper
  states ``3n + 0.002 n lg n`` (Table 1); this count from the registers is within 4 %.

Physical layer (sections 2.7-2.10 and the ancillary ``estimate_costs.py`` that produced
the paper's tables): each piece is a board ``(factory width + 1) F + 1`` patches wide
(``F`` pairs of CCZ factories, enough to keep up with the reaction time) and
``2 factory height + 3 + 6 + 6 + 3 ceil(piece / (width - 2))`` high; a lookup addition
takes ``(2 piece - 1) reaction + (lookup + unlookup) d2 cycle / 2`` (double-speed lookup);
the failure probability unites topological errors of the non-factory patches, CCZ
distillation errors, the approximation (deviation) error ``4 sqrt(L pieces / 2^c_pad)``
and 1 % post-processing failure. Not modelled: the T-T distillation variant the paper
switches to beyond about 32,000 bits.

Parameters are searched over the paper's grid, ranked as the paper ranks them
(``megaqubits^1.2 hours / (1 - failure)``, failure below 0.8).

>>> est = gidney_ekera_2019(2048)
>>> round(est.toffolis / 1e9, 1), round(est.physical_qubits / 1e6, 1), round(est.hours, 1)
(2.7, 19.2, 5.1)
"""

from __future__ import annotations

import itertools
import math
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from qcog.exceptions import QcogValueError
from qcog.resources.ccz_factory import CCZFactory
from qcog.resources.surface_code import (
    PhysicalAssumptions,
    logical_error_per_round,
    physical_qubits_per_patch,
)

if TYPE_CHECKING:  # for annotations only
    from collections.abc import Iterator


#: Accepted modulus sizes (bits).
MIN_BITS, MAX_BITS = 16, 100_000
POST_PROCESSING_FAILURE = 0.01
MAX_FAILURE = 0.8


@dataclass(frozen=True)
class GE2019Parameters:
    """The construction's knobs (the paper's names): windows, runway separation, padding,
    and the two code distances."""

    c_exp: int = 5
    c_mul: int = 5
    c_sep: int = 1024
    dev_off: int = 4
    d1: int = 15
    d2: int = 27


@dataclass(frozen=True)
class GE2019Estimate:
    """Logical and physical costs of one run for an ``n``-bit modulus."""

    n: int
    n_e: int
    params: GE2019Parameters
    lookup_additions: int
    toffolis: float
    abstract_qubits: int
    board_patches: int
    factories: int
    physical_qubits: int
    hours: float
    failure: float
    topological_error: float
    distillation_error: float
    deviation_error: float
    assumptions: PhysicalAssumptions

    @property
    def expected_hours(self) -> float:
        """Hours including retries, ``hours / (1 - failure)``."""
        return self.hours / (1 - self.failure)

    @property
    def megaqubitdays(self) -> float:
        return self.physical_qubits / 1e6 * self.hours / 24

    def to_dict(self) -> dict:
        out = asdict(self)
        out.update(expected_hours=self.expected_hours, megaqubitdays=self.megaqubitdays)
        return out


def rsa_exponent_qubits(n: int) -> int:
    """``n_e`` for RSA via Ekera-Hastad in one run (``delta = 20``).

    >>> rsa_exponent_qubits(2048)
    3029
    """
    m = math.ceil(n / 2) - 1
    return m + 2 * (m - 20)


def _check_bits(n) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or not MIN_BITS <= n <= MAX_BITS:
        raise QcogValueError(
            f"bits must be an integer in [{MIN_BITS}, {MAX_BITS}] for the Gidney-Ekera model, got {n!r}"
        )
    return n


def estimate(
    n: int,
    params: GE2019Parameters,
    assumptions: PhysicalAssumptions | None = None,
    n_e: int | None = None,
) -> GE2019Estimate:
    """Costs of one run with the given parameters (no search)."""
    a = assumptions or PhysicalAssumptions()
    n = _check_bits(n)
    n_e = rsa_exponent_qubits(n) if n_e is None else n_e
    p = params
    pad = math.ceil(math.log2(n * n * n_e)) + p.dev_off
    pieces = math.ceil(n / p.c_sep)
    piece = p.c_sep + pad
    additions = math.ceil(2 * n_e * (n + pad + 2) / (p.c_exp * p.c_mul))
    adder = 2 * piece - 1
    lookup = 2 ** (p.c_exp + p.c_mul) - 1
    unlookup = 2 * math.sqrt(lookup)
    toffolis = additions * (adder * pieces + lookup + unlookup)
    factory = CCZFactory(p.d1, p.d2)
    pairs = math.ceil(factory.seconds_per_state(a) / (a.reaction_time_us * 1e-6) / 2)
    width = (factory.width + 1) * pairs + 1
    height = 2 * factory.height + 3 + 6 + 6 + 3 * math.ceil(piece / (width - 2))
    board = width * height * pieces
    distillation_area = 2 * pairs * factory.patches * pieces
    step_s = (
        adder * a.reaction_time_us * 1e-6 + (lookup + unlookup) * p.d2 * a.cycle_time_us * 1e-6 / 2
    )
    seconds = additions * step_s
    rounds = seconds / (a.cycle_time_us * 1e-6)
    topological = (board - distillation_area) * rounds * logical_error_per_round(p.d2, a)
    distillation = toffolis * factory.error_per_state(a)
    deviation = 4 * math.sqrt(additions * pieces / 2**pad)
    survive = 1.0
    for e in (topological, distillation, deviation, POST_PROCESSING_FAILURE):
        survive *= max(0.0, 1 - e)
    return GE2019Estimate(
        n=n,
        n_e=n_e,
        params=p,
        lookup_additions=additions,
        toffolis=toffolis,
        abstract_qubits=3 * (n + pad * pieces) + p.c_exp,
        board_patches=board,
        factories=2 * pairs * pieces,
        physical_qubits=board * physical_qubits_per_patch(p.d2),
        hours=seconds / 3600,
        failure=1 - survive,
        topological_error=topological,
        distillation_error=distillation,
        deviation_error=deviation,
        assumptions=a,
    )


def parameter_grid(n: int) -> Iterator[GE2019Parameters]:
    """The paper's search grid (runway separations that divide ``n`` when any does)."""
    seps = [s for s in (512, 768, 1024, 1536, 2048) if n % s == 0] or [512, 768, 1024, 1536, 2048]
    for d1, d2, c_exp, c_mul, c_sep, dev_off in itertools.product(
        (15, 17, 19, 21, 23), range(25, 51, 2), (4, 5, 6), (4, 5, 6), seps, range(2, 10)
    ):
        if c_mul <= c_exp:
            yield GE2019Parameters(c_exp, c_mul, c_sep, dev_off, d1, d2)


def _rank(est: GE2019Estimate) -> float:
    return (est.physical_qubits / 1e6) ** 1.2 * est.hours / (1 - est.failure)


def gidney_ekera_2019(
    n: int,
    assumptions: PhysicalAssumptions | None = None,
    params: GE2019Parameters | None = None,
    n_e: int | None = None,
) -> GE2019Estimate:
    """The Gidney-Ekera 2019 estimate for an ``n``-bit RSA modulus.

    Args:
        n: modulus bits, 16 ... 100000.
        assumptions: physical assumptions (default: the paper's).
        params: fixed parameters; default: searched over :func:`parameter_grid` as the
            paper does (minimum ``megaqubits^1.2 hours / (1 - failure)``).
        n_e: exponent qubits (default: RSA via Ekera-Hastad).

    Raises:
        QcogValueError: bad ``n`` or assumptions, or no parameters keep the failure
            probability below 0.8.
    """
    if params is not None:
        return estimate(n, params, assumptions, n_e)
    n = _check_bits(n)
    best = None
    for candidate in parameter_grid(n):
        est = estimate(n, candidate, assumptions, n_e)
        if est.failure < MAX_FAILURE and (best is None or _rank(est) < _rank(best)):
            best = est
    if best is None:
        raise QcogValueError(
            f"no Gidney-Ekera parameters keep the failure probability of a {n}-bit run below "
            f"{MAX_FAILURE} at physical error {(assumptions or PhysicalAssumptions()).physical_error:g}"
        )
    return best
