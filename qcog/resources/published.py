"""Published resource counts for factoring, each record with where it comes from.

Nothing here is computed: these are the numbers the regression tests and the comparison
report hold the models against.

Sources:

- GE2019: C. Gidney and M. Ekera, "How to factor 2048 bit RSA integers in 8 hours using
  20 million noisy qubits", arXiv:1905.09749 (Quantum 5, 433, 2021). Table 1 (Toffoli+T/2
  counts in billions, abstract qubits ``3n + 0.002 n lg n``) and the RSA table of section 3
  ("Factoring an n bit RSA integer by computing a short discrete logarithm": parameters,
  megaqubits and hours per run), produced by the paper's ancillary file
  ``estimate_costs.py``. Physical assumptions: gate error 1e-3, cycle 1 us, reaction
  10 us, planar nearest-neighbour grid.
- G2025: C. Gidney, "How to factor 2048 bit RSA integers with less than a million noisy
  qubits", arXiv:2505.15917. Abstract: fewer than one million noisy qubits and less than
  a week, same physical assumptions as GE2019. The per-size logical qubits and Toffoli
  counts (n = 1024 ... 8192) and the n = 2048 breakdown of 897,864 physical qubits
  (1,280 idle logical qubits in yoked cold storage at 430 physical qubits each, 131 hot
  logical qubits at 1,352 = 2 (25 + 1)^2, and a 170,352-qubit compute region with the
  cultivation factories) are the paper's, read here through their transcription in the
  open-source QuantumThreatTracker (qec-codes, ``algorithms/rsa/gidney_basic.py``) and
  several independent reconstructions that agree; we could not read the paper's tables
  directly. The paper gives no per-size runtime we could verify, so only "< 1 week" at
  n = 2048 is used.
- QRISP: the Qrisp documentation tutorial "Using BigInteger to compile Shor's algorithm at
  2048 bit" (``documentation/source/general/tutorial/BigInteger.ipynb``): gate counts of
  Qrisp's order finding (QuantumModulus, Montgomery multiplication) at 128 ... 2048 bits;
  T-gates = t + t_dg, two-qubit gates = cx + cz.

>>> GE2019_RSA[2048].megaqubits, GE2019_RSA[2048].hours
(20, 5.1)
>>> G2025_LOGICAL[2048]
(1399, 6500000000.0)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GE2019Row:
    """One row of GE2019's RSA table (per run; parameters as the paper names them)."""

    n: int
    d1: int  # level-1 (distillation) code distance
    d2: int  # level-2 code distance
    dev_off: int  # padding beyond ceil(lg(n^2 n_e))
    g_mul: int  # multiplication window
    g_exp: int  # exponentiation window
    g_sep: int  # runway separation
    retry_risk: float
    volume_per_run: float  # megaqubitdays
    volume_expected: float
    megaqubits: float
    hours: float


#: GE2019 section 3, RSA via Ekera-Hastad with s = 1 in a single run.
GE2019_RSA = {
    row.n: row
    for row in (
        GE2019Row(1024, 15, 27, 5, 5, 5, 1024, 0.06, 0.5, 0.5, 9.7, 1.3),
        GE2019Row(2048, 15, 27, 4, 5, 5, 1024, 0.31, 4.1, 5.9, 20, 5.1),
        GE2019Row(3072, 17, 29, 6, 4, 5, 1024, 0.09, 19, 21, 38, 12),
        GE2019Row(4096, 17, 31, 9, 4, 5, 1024, 0.05, 48, 51, 55, 22),
        GE2019Row(8192, 19, 33, 4, 4, 5, 1024, 0.05, 480, 510, 140, 86),
        GE2019Row(12288, 19, 33, 3, 4, 5, 1024, 0.12, 1700, 1900, 200, 200),
        GE2019Row(16384, 19, 33, 4, 4, 5, 1024, 0.24, 3900, 5100, 270, 350),
    )
}

#: GE2019 Table 1: Toffoli+T/2 count of the construction (billions), rounded as printed.
GE2019_TOFFOLI_BILLIONS = {1024: 0.4, 2048: 2.7, 3072: 9.9}

#: GE2019 headline (abstract and title): n = 2048, physical qubits and hours (expected).
GE2019_HEADLINE = {"n": 2048, "physical_qubits": 20e6, "hours": 8.0}


def ge2019_abstract_qubits(n: int) -> float:
    """GE2019's stated abstract (logical) qubit count ``3n + 0.002 n lg n`` (Table 1).

    >>> round(ge2019_abstract_qubits(2048))
    6189
    """
    import math

    return 3 * n + 0.002 * n * math.log2(n)


#: G2025 per-size logical qubits and Toffoli counts (see the module docstring).
G2025_LOGICAL = {
    1024: (742, 1.1e9),
    1536: (1074, 3.1e9),
    2048: (1399, 6.5e9),
    3072: (2043, 1.9e10),
    4096: (2692, 4.0e10),
    6144: (3978, 1.2e11),
    8192: (5261, 2.7e11),
}

#: G2025 physical-qubit breakdown at n = 2048 (see the module docstring).
G2025_PHYSICAL_2048 = {
    "cold_logical": 1280,
    "cold_physical_per_logical": 430,
    "hot_logical": 131,
    "hot_physical_per_logical": 1352,
    "compute_region": 170_352,
    "total": 897_864,
    "hours_at_most": 7 * 24,  # "less than a week"
}

#: Qrisp's order finding, tutorial counts: bits -> (T gates, two-qubit gates, measurements).
QRISP_BIGINTEGER = {
    128: (42_585_816, 110_625_936, 10_474_678),
    256: (332_007_800, 859_255_289, 82_314_334),
    512: (9_646_165_560, 28_141_198_181, 2_408_789_902),
    1024: (19_140_093_288, 48_840_545_265, 4_774_015_322),
    2048: (163_938_416_504, 423_802_114_506, 40_940_568_030),
}
