import math

import numpy as np
import pytest

from qcog.circuits import basis_state, bell_state, ghz_state, uniform_superposition
from qcog.exceptions import QcogValueError
from qcog.runner import run
from qcog.testing import assert_counts_match, reference_probabilities, reference_statevector

S = 1 / math.sqrt(2)
BELL = {
    "phi+": {0b00: S, 0b11: S},
    "phi-": {0b00: S, 0b11: -S},
    "psi+": {0b01: S, 0b10: S},
    "psi-": {0b01: S, 0b10: -S},
}


@pytest.mark.parametrize("which", sorted(BELL))
def test_bell_states_have_the_textbook_amplitudes(which, tol):
    expected = np.zeros(4, dtype=complex)
    for index, amp in BELL[which].items():
        expected[index] = amp
    state = reference_statevector(bell_state(which))
    # psi- is defined up to a global phase; compare |<expected|state>| = 1.
    assert abs(abs(np.vdot(expected, state)) - 1) < tol


@pytest.mark.parametrize("which", sorted(BELL))
def test_bell_states_sample_their_exact_distribution(which):
    circuit = bell_state(which)
    result = run(circuit, backend="aer", shots=4000, seed=5, statevector=True)
    assert_counts_match(result.counts, reference_probabilities(circuit))
    assert np.allclose(result.statevector, reference_statevector(circuit), atol=1e-10)


@pytest.mark.parametrize("n", [1, 3, 5])
def test_uniform_superposition_is_uniform(n):
    circuit = uniform_superposition(n)
    expected = {format(i, f"0{n}b"): 2.0**-n for i in range(2**n)}
    assert reference_probabilities(circuit) == pytest.approx(expected)
    assert_counts_match(run(circuit, backend="aer", shots=8000, seed=2).counts, expected)


@pytest.mark.parametrize("n", [2, 3, 7, 8, 13])
@pytest.mark.parametrize("layout", ["linear", "log"])
def test_ghz_layouts_agree_and_use_n_minus_1_cnots(n, layout):
    circuit = ghz_state(n, layout)
    assert circuit.count_ops()["cx"] == n - 1
    expected_depth = n if layout == "linear" else 1 + math.ceil(math.log2(n))
    assert circuit.depth() == expected_depth
    if n <= 8:
        assert reference_probabilities(circuit) == pytest.approx({"0" * n: 0.5, "1" * n: 0.5})


@pytest.mark.parametrize("n", [20, 24])
def test_large_ghz_on_aer_cpu(n):
    result = run(ghz_state(n, "log"), backend="aer", shots=2000, seed=9)
    assert_counts_match(result.counts, {"0" * n: 0.5, "1" * n: 0.5})


def test_ghz_on_noisy_fake_manila_keeps_the_dominant_outcomes():
    result = run(ghz_state(4), backend="fake:manila", shots=4000, seed=4)
    ranked = sorted(result.counts, key=result.counts.get, reverse=True)
    assert set(ranked[:2]) == {"0000", "1111"}
    noise = 1 - (result.counts["0000"] + result.counts["1111"]) / 4000
    assert 0.005 < noise < 0.5, "a noisy device should show some, not overwhelming, noise"


@pytest.mark.parametrize("value,n,bits", [(5, 3, "101"), ("0110", None, "0110"), (0, 4, "0000"), (1, None, "1")])
def test_basis_state(value, n, bits):
    circuit = basis_state(value, n)
    assert reference_probabilities(circuit) == {bits: 1.0}
    assert run(circuit, backend="aer", shots=50, seed=1).counts == {bits: 50}


@pytest.mark.parametrize(
    "build,match",
    [
        (lambda: uniform_superposition(0), ">= 1"),
        (lambda: uniform_superposition(-2), ">= 1"),
        (lambda: ghz_state(2.5), "integer"),
        (lambda: ghz_state(4, "star"), "accepted: linear, log"),
        (lambda: bell_state("omega"), "accepted: phi\\+"),
        (lambda: basis_state(8, 3), "does not fit in 3 qubits"),
        (lambda: basis_state("012"), "only 0 and 1"),
        (lambda: basis_state(-1), "non-negative"),
    ],
)
def test_bad_input_is_explained(build, match):
    with pytest.raises(QcogValueError, match=match):
        build()
