"""Grover search end to end on Aer: measured success vs sin^2((2k+1)theta), honest counting."""

import math

import pytest
from qiskit import QuantumCircuit

from qcog.algorithms.grover import GroverProblem, run
from qcog.algorithms.grover_theory import rotation_angle, success_probability
from qcog.circuits.oracles import cnf_oracle, expression_oracle, marked_oracle, predicate_oracle
from qcog.exceptions import QcogValueError, SizeLimitError
from qcog.testing import shot_noise_bound

SHOTS = 2000


@pytest.mark.parametrize(
    "n,marked,iterations",
    [
        (3, [5], "auto"),
        (4, [1, 14], "auto"),
        (5, [3, 8, 21], "auto"),
        (6, [40], "auto"),
        (5, [0], 1),
        (4, [2, 3, 5], 3),
        (4, list(range(10)), "auto"),
    ],
)
def test_measured_success_matches_theory(n, marked, iterations):
    result = GroverProblem(marked_oracle(marked, n), iterations=iterations).run(
        "aer", shots=SHOTS, seed=11
    )
    theta = rotation_angle(len(marked), 2**n)
    p = success_probability(result.iterations, theta)
    assert result.success_probability == pytest.approx(p, abs=1e-12)
    assert abs(result.measured_success_probability - p) <= shot_noise_bound(p, SHOTS)
    assert set(result.found_values) <= set(marked)  # verified values only
    assert sum(result.counts[b] for b in result.found) == round(
        result.measured_success_probability * SHOTS
    )
    assert result.oracle_queries == SHOTS * result.iterations
    assert result.twoq_total >= result.iterations * result.twoq_per_iteration
    assert result.qubits == n + result.helper_qubits


def test_expression_oracle_with_given_count_and_helper_report():
    oracle = expression_oracle("a & b & ~c & d & e")  # one solution: 0b11011
    result = GroverProblem(oracle, num_solutions=1).run("aer", shots=SHOTS, seed=2)
    p = success_probability(result.iterations, rotation_angle(1, 32))
    assert result.found == ["11011"] and result.helper_qubits == 1 and result.qubits == 6
    assert abs(result.measured_success_probability - p) <= shot_noise_bound(p, SHOTS)


def test_unknown_count_finds_a_verified_solution():
    oracle = predicate_oracle(lambda x: x in (9, 22, 57), 6)
    result = GroverProblem(oracle, unknown_count=True).run("aer", shots=4, seed=5)
    assert (
        result.mode == "unknown-count" and result.found and set(result.found_values) <= {9, 22, 57}
    )
    last = result.rounds[-1]  # the round that found it
    assert result.oracle_queries == last["shots"] * last["iterations"]
    assert result.iterations == last["iterations"] and result.counts  # counts of that round
    assert result.total_oracle_queries == sum(r["shots"] * r["iterations"] for r in result.rounds)
    assert result.total_iterations == sum(r["iterations"] for r in result.rounds)


def test_cnf_without_known_count_uses_bbht():
    result = GroverProblem(cnf_oracle("p cnf 4 3\n1 2 0\n-1 -2 0\n3 4 0\n")).run(
        "aer", shots=8, seed=1
    )
    assert result.mode == "unknown-count" and result.found
    assert all(
        cnf_oracle("p cnf 4 3\n1 2 0\n-1 -2 0\n3 4 0\n").is_good(v) for v in result.found_values
    )


def test_no_solution_ends_not_found():
    problem = GroverProblem(
        predicate_oracle(lambda x: False, 3), unknown_count=True, miss_probability=0.25
    )
    result = problem.run("aer", shots=4, seed=3)
    assert result.found == [] and result.measured_success_probability == 0.0
    assert result.note.startswith("not found") and "5 of them at the full range" in result.note


@pytest.mark.parametrize("m,keyword", [(12, "M > N/2"), (16, "M = N")])
def test_many_solutions_are_explained(m, keyword):
    result = GroverProblem(marked_oracle(range(m), 4)).run("aer", shots=SHOTS, seed=4)
    assert result.iterations == 0 and result.oracle_queries == 0 and keyword in result.note
    assert abs(result.measured_success_probability - m / 16) <= shot_noise_bound(m / 16, SHOTS)


def test_amplitude_amplification_with_user_state_preparation():
    prep = QuantumCircuit(3)
    prep.ry(0.4, 0)
    prep.h(1)
    prep.ry(2.0, 2)
    problem = GroverProblem(marked_oracle([1, 5], 3), state_preparation=prep)
    a = problem.good_state_probability()
    expected_a = math.sin(0.2) ** 2 * 0.5  # qubit 0 in |1>, qubit 1 in |0>, qubit 2 any
    assert a == pytest.approx(expected_a, abs=1e-12)
    result = problem.run("aer", shots=SHOTS, seed=9)
    p = success_probability(result.iterations, math.asin(math.sqrt(a)))
    assert result.mode == "amplification" and result.iterations >= 2
    assert abs(result.measured_success_probability - p) <= shot_noise_bound(p, SHOTS)


def test_noisy_fake_backend_keeps_helpers_and_verifies():
    result = run(GroverProblem(marked_oracle([6], 3)), "fake:manila", shots=500, seed=1)
    assert result.backend == "fake:manila" and set(result.found_values) <= {6}


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"iterations": -1}, "iterations"),
        ({"iterations": "many"}, "iterations"),
        ({"num_solutions": 3}, "contradicts"),
        ({"helpers": -2}, "helpers"),
    ],
)
def test_bad_problem_settings(kwargs, message):
    with pytest.raises(QcogValueError, match=message):
        GroverProblem(marked_oracle([1, 2], 3), **kwargs)


def test_bad_shots():
    with pytest.raises(QcogValueError, match="shots"):
        GroverProblem(marked_oracle([1], 3)).run("aer", shots=0)


@pytest.mark.parametrize("oracle", [marked_oracle([5, 17], 6), expression_oracle("a & b | c & ~d")])
def test_reported_depth_is_depth_of_concatenated_circuit(oracle):
    from qcog.algorithms.grover import _Costs
    from qcog.circuits.metrics import circuit_cost

    costs = _Costs(GroverProblem(oracle), helpers=1)
    circuit = costs._prep.copy()
    for k in range(4):
        assert costs.depth(k) == circuit_cost(circuit).depth
        assert costs.twoq(k) == circuit_cost(circuit).twoq_gates
        circuit.compose(costs._iteration, inplace=True)


# --- size guards, schedules, the finding round (issue 12) --------------------------------


def test_too_many_qubits_refused_before_any_circuit_is_built(monkeypatch):
    import qcog.circuits.grover as circuits

    def never(*args, **kwargs):
        raise AssertionError("a Grover circuit was built")

    monkeypatch.setattr(circuits, "grover_circuit", never)
    monkeypatch.setenv("QCOG_MEMORY_LIMIT", "16GiB")
    with pytest.raises(SizeLimitError, match="Grover's 32-qubit circuit on aer needs 64.0 GiB"):
        GroverProblem(marked_oracle([5], 32)).run("aer", shots=1)


def test_circuit_size_limit_refuses_before_building(monkeypatch):
    monkeypatch.setenv("QCOG_MAX_GATES", "500")
    problem = GroverProblem(marked_oracle([5], 8))  # 12 iterations of ~50 instructions
    with pytest.raises(SizeLimitError, match=r"8-qubit circuit with 12 iterations would have"):
        problem.run("aer", shots=1)
    assert GroverProblem(marked_oracle([5], 8), iterations=2).run("aer", shots=8, seed=1)


def test_bad_seed_is_refused():
    with pytest.raises(QcogValueError, match="seed must be None or an integer >= 0"):
        GroverProblem(marked_oracle([1], 3)).run("aer", seed=-1)


def test_schedule_runs_counts_in_order_until_a_round_verifies():
    problem = GroverProblem(marked_oracle([6], 4), iterations=[1, 3, 5])
    result = problem.run("aer", shots=64, seed=3)
    assert result.mode == "schedule" and result.found == ["0110"]
    assert [r["iterations"] for r in result.rounds][-1] == result.iterations
    assert result.oracle_queries == 64 * result.iterations
    assert result.total_oracle_queries == 64 * sum(r["iterations"] for r in result.rounds)


def test_hit_in_a_zero_iteration_round_is_classical_sampling():
    # M = 60 of 64: round 1 of BBHT runs 0 iterations and a uniform sample already verifies.
    problem = GroverProblem(predicate_oracle(lambda x: x < 60, 6), unknown_count=True)
    result = problem.run("aer", shots=4, seed=5)
    assert result.rounds[-1]["iterations"] == 0 and result.found
    assert result.found_by == "classical sampling" and result.oracle_queries == 0
    assert result.note.startswith("found by classical sampling")


def test_found_by_grover_and_nothing():
    found = GroverProblem(marked_oracle([3], 4)).run("aer", shots=64, seed=1)
    assert found.found_by == "grover" and found.total_oracle_queries == found.oracle_queries
    nothing = GroverProblem(predicate_oracle(lambda x: False, 3), iterations=[1, 2]).run(
        "aer", shots=4, seed=1
    )
    assert nothing.found_by == "" and nothing.note.startswith("not found: no round")


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"iterations": []}, "non-empty"),
        ({"iterations": [1, -1]}, "integers >= 0"),
        ({"iterations": [1], "unknown_count": True}, "drop it"),
        ({"growth_rate": 1.0}, "growth_rate must be a number > 1"),
        ({"max_iterations": 0}, "max_iterations must be None or an integer >= 1"),
        ({"is_good_state": ["01"]}, "carries its own check"),
        ({"grover_operator": QuantumCircuit(5)}, "exactly the 3 search qubits"),
    ],
)
def test_bad_qiskit_algorithms_style_settings(kwargs, message):
    with pytest.raises(QcogValueError, match=message):
        GroverProblem(marked_oracle([1, 2], 3), **kwargs)
