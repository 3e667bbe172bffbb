"""qiskit-algorithms' Grover test cases (test/test_grover.py), ported to qcog.

qiskit-algorithms (no longer supported by IBM) builds ``AmplificationProblem(oracle,
is_good_state=...)`` and runs ``Grover(iterations=..., growth_rate=...).amplify(problem)``.
qcog takes the same inputs in :class:`GroverProblem` and ``run``; each test below names
the case it ports. Where qcog differs on purpose, the test says so:

* an integer in ``is_good_state`` is the value ``x`` (qcog's one meaning of an integer),
  not qiskit-algorithms' bit position; their ``[1]`` is the callable ``b[1] == "1"``;
* without a check, a circuit oracle's good states are read from its diagonal (their
  TypeError case becomes an error only for circuits that are not phase oracles);
* ``growth_rate`` drives BBHT (random iteration counts below a growing range), not
  qiskit-algorithms' deterministic powers, so ``test_max_power`` checks the range cap;
* qcog reports the verified ``found`` values, not a ``top_measurement``, and checks every
  measured value, not only the most frequent one;
* there is no sampler object: the backend is passed to ``run`` (``test_sampler_setter``
  has no counterpart).
"""

import math
import warnings
from itertools import product

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit.library import grover_operator
from qiskit.quantum_info import Operator, Statevector
from qiskit.transpiler import generate_preset_pass_manager

from qcog.algorithms.grover import GroverProblem
from qcog.algorithms.grover_theory import optimal_iterations, rotation_angle, success_probability
from qcog.circuits.circuit_oracles import circuit_oracle
from qcog.circuits.grover import grover_circuit, grover_iteration
from qcog.exceptions import QcogValueError

SHOTS = 256


def cz_oracle() -> QuantumCircuit:
    oracle = QuantumCircuit(2)
    oracle.cz(0, 1)
    return oracle


def phase_oracle(expression: str):
    from qiskit.circuit.library import PhaseOracle

    with warnings.catch_warnings():  # PhaseOracle (a circuit) is deprecated for PhaseOracleGate
        warnings.simplefilter("ignore", DeprecationWarning)
        return PhaseOracle(expression)


def run(problem: GroverProblem, seed: int = 123, **kwargs):
    return problem.run("aer", shots=SHOTS, seed=seed, **kwargs)


# --- TestAmplificationProblem ------------------------------------------------------------


@pytest.mark.parametrize("with_stateprep", [False, True])
def test_groverop_getter(with_stateprep):
    """Their default Grover operator; qcog's iterate equals Qiskit's up to global phase."""
    stateprep = None
    if with_stateprep:
        stateprep = QuantumCircuit(2)
        stateprep.ry(0.2, [0, 1])
    oracle = circuit_oracle(cz_oracle(), is_good_state=["11"])
    ours = grover_iteration(oracle, helpers=0, state_preparation=stateprep)
    expected = grover_operator(cz_oracle(), stateprep)
    assert Operator(ours).equiv(Operator(expected))


@pytest.mark.parametrize(
    "kind,is_good_state",
    [
        ("list_str", ["01", "11"]),
        ("list_int", [1, 3]),  # qcog: values 1 and 3; qiskit-algorithms wrote [1] (a bit position)
        ("statevector", Statevector(np.array([0, 1, 0, 1]) / np.sqrt(2))),
        ("callable", lambda bitstr: bitstr[1] == "1"),  # their [1]: bitstring index 1 is "1"
    ],
)
def test_is_good_state(kind, is_good_state):
    oracle = circuit_oracle(QuantumCircuit(2), is_good_state=is_good_state)
    states = ["".join(map(str, bits)) for bits in product([0, 1], repeat=2)]
    expected = [state in ("01", "11") for state in states]
    assert [oracle.is_good(int(state, 2)) for state in states] == expected, kind


# --- TestGrover -------------------------------------------------------------------------


def test_implicit_phase_oracle_is_good_state():
    result = run(GroverProblem(phase_oracle("x & y")))
    assert result.found == ["11"]


@pytest.mark.parametrize("iterations", [[1, 2, 3], "auto", 2])
def test_iterations_with_good_state(iterations):
    problem = GroverProblem(
        Statevector.from_label("111"), is_good_state=["111"], iterations=iterations
    )
    assert run(problem).found == ["111"]


def test_iterations_with_good_state_unknown_count():
    """Their ``iterations=None`` (a growing schedule) corresponds to qcog's BBHT mode."""
    problem = GroverProblem(Statevector.from_label("111"), is_good_state=["111"], unknown_count=True)
    result = run(problem)
    assert result.mode == "unknown-count" and result.found == ["111"]


def test_fixed_iterations_without_good_state():
    assert run(GroverProblem(Statevector.from_label("111"), iterations=2)).found == ["111"]


def test_iterations_without_good_state():
    """Their TypeError without a check: in qcog only for circuits that are not phase oracles."""
    not_a_phase_oracle = QuantumCircuit(3)
    not_a_phase_oracle.x(0)
    with pytest.raises(QcogValueError, match="not a phase oracle"):
        GroverProblem(not_a_phase_oracle, iterations=[1, 2, 3])


def test_iterator():
    def iterator():
        wait, value, count = 3, 1, 0
        while True:
            yield value
            count += 1
            if count % wait == 0:
                value += 1

    problem = GroverProblem(
        Statevector.from_label("111"), is_good_state=["111"], iterations=iterator()
    )
    result = run(problem)
    assert result.mode == "schedule" and result.found == ["111"]


def test_growth_rate():
    problem = GroverProblem(
        Statevector.from_label("111"), is_good_state=["111"], unknown_count=True, growth_rate=8 / 7
    )
    assert run(problem).found == ["111"]


def test_max_num_iterations():
    """An endless schedule stops after 2**n rounds (a check that never verifies keeps it going)."""

    def zero():
        while True:
            yield 0

    n = 5
    problem = GroverProblem(
        Statevector.from_label("1" * n), is_good_state=lambda bitstr: False, iterations=zero()
    )
    result = problem.run("aer", shots=1, seed=1)
    assert len(result.rounds) == 2**n and result.found == []
    assert "max_rounds" in result.note


def test_max_power():
    """A growth rate above the cap: the range is capped from the second round on."""
    n = 3
    problem = GroverProblem(
        Statevector.from_label("111"),
        is_good_state=lambda bitstr: False,
        unknown_count=True,
        growth_rate=10.0,
        max_rounds=4,
    )
    result = problem.run("aer", shots=1, seed=2)
    assert result.rounds[0]["range"] == 1.0 and result.rounds[0]["iterations"] == 0
    assert all(r["range"] == pytest.approx(math.sqrt(2**n)) for r in result.rounds[1:])


def test_max_iterations_caps_a_schedule():
    problem = GroverProblem(
        Statevector.from_label("111"),
        is_good_state=lambda bitstr: False,
        iterations=[0, 1, 5, 1],
        max_iterations=3,
    )
    result = problem.run("aer", shots=4, seed=1)
    assert [r["iterations"] for r in result.rounds] == [0, 1] and "max_iterations" in result.note


def test_run_circuit_oracle():
    assert run(GroverProblem(cz_oracle(), is_good_state=["11"])).found == ["11"]


def test_run_state_vector_oracle():
    mark_state = Statevector.from_label("11")
    assert run(GroverProblem(mark_state, is_good_state=["11"])).found == ["11"]


def test_run_custom_grover_operator():
    problem = GroverProblem(
        cz_oracle(), grover_operator=grover_operator(cz_oracle()), is_good_state=["11"]
    )
    result = run(problem)
    assert result.found == ["11"] and result.measured_success_probability == 1.0


def test_optimal_num_iterations():
    """Their formula round(arccos(a) / (2 arcsin(a))) for n = 7 and every M: qcog picks the
    same count, or (at a tie of rounding) the neighbour with the higher success probability."""
    num_qubits = 7
    for num_solutions in range(1, 2**num_qubits):
        amplitude = np.sqrt(num_solutions / 2**num_qubits)
        theirs = round(np.arccos(amplitude) / (2 * np.arcsin(amplitude)))
        theta = rotation_angle(num_solutions, 2**num_qubits)
        ours = optimal_iterations(theta)
        assert abs(ours - theirs) <= 1
        assert success_probability(ours, theta) >= success_probability(theirs, theta) - 1e-12


def test_construct_circuit():
    oracle = circuit_oracle(cz_oracle(), is_good_state=["11"])
    constructed = grover_circuit(oracle, 2, measure=False)
    expected = QuantumCircuit(2)
    expected.h([0, 1])
    expected.compose(grover_operator(cz_oracle()).power(2), inplace=True)
    assert Operator(constructed).equiv(Operator(expected))


def test_circuit_result():
    """Their distributions per round: 1 iteration gives only "11", 2 give uniform.

    qcog checks every measured value, not only the most frequent one, so the uniform
    second round already verifies "00" and the schedule stops there.
    """
    problem = GroverProblem(cz_oracle(), is_good_state=["00"], iterations=[1, 2, 3, 4])
    result = run(problem)
    first, second = result.rounds
    assert first["iterations"] == 1 and first["good_shots"] == 0  # all shots gave "11"
    assert second["iterations"] == 2 and result.found == ["00"]
    assert set(result.counts) == {"00", "01", "10", "11"}  # the round that found it
    assert all(abs(c / SHOTS - 0.25) <= 0.2 for c in result.counts.values())


def test_max_probability():
    result = run(GroverProblem(cz_oracle(), is_good_state=["11"]))
    assert result.measured_success_probability == pytest.approx(1.0)


def test_oracle_evaluation():
    oracle = phase_oracle("x1 & x2 & (not x3)")
    result = run(GroverProblem(oracle, is_good_state=oracle.evaluate_bitstring))
    assert result.found == ["011"]


def test_transpiler():
    pass_manager = generate_preset_pass_manager(optimization_level=1, seed_transpiler=42)
    counts = [0]

    def callback(**kwargs):
        counts[0] = kwargs["count"]

    problem = GroverProblem(cz_oracle(), iterations=1)  # good states read from the oracle
    GroverProblem(cz_oracle(), iterations=1).run("aer", shots=16, seed=42, transpiler=pass_manager)
    result = problem.run(
        "aer",
        shots=16,
        seed=42,
        transpiler=pass_manager,
        transpiler_options={"callback": callback},
    )
    assert counts[0] > 0 and result.found == ["11"]
