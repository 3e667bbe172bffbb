"""Grover search and amplitude amplification: problem -> run(backend) -> result.

A :class:`GroverProblem` holds an oracle (:mod:`qcog.circuits.oracles`) and how to
search; :func:`run` (or ``problem.run``) executes it on a backend and returns a
:class:`GroverResult` that reports what is true:

* ``found``: only values the oracle's classical check confirmed (never merely the most
  frequent bitstring);
* ``success_probability``: ``sin^2((2k+1) theta)`` for the iterations used, where
  ``theta`` is known; ``measured_success_probability``: the fraction of shots that
  verified;
* ``oracle_queries``: shots x iterations, summed over BBHT rounds;
* ``qubits``/``helper_qubits``/``twoq_per_iteration``/``twoq_total``/``depth``: the
  circuit a device would run (helpers included), transpiled to cx/rz/sx/x.

Modes, picked from the problem:

* ``grover``: ``M`` known (marked values, a predicate's truth table, or given): the
  optimal ``k`` (or the ``k`` asked for);
* ``amplification``: a user state preparation ``A``; ``theta`` from ``P(good)`` under
  ``A`` (given, or computed exactly from ``A``'s statevector);
* ``unknown-count``: BBHT exponential search (:mod:`qcog.algorithms.grover_bbht`).

On ideal Aer the circuit is simulated without its helper qubits: Aer applies the
multi-controlled gates natively, the helpers would stay ``|0>``, and the measured
distribution is the same; the reported costs are those of the circuit with helpers.

>>> from qcog.circuits.oracles import marked_oracle
>>> result = GroverProblem(marked_oracle([5, 9], 4)).run("aer", shots=200, seed=3)
>>> result.found, result.iterations, result.oracle_queries
(['0101', '1001'], 2, 400)
"""

from __future__ import annotations

import functools
import math
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from qcog.algorithms import grover_theory as theory
from qcog.circuits.oracles import Oracle, resolve_helpers
from qcog.exceptions import QcogValueError

MODES = ("grover", "amplification", "unknown-count")
_IDEAL_KINDS = ("auto", "aer", "aer-gpu")
_NOT_GATES = {"barrier", "measure", "reset", "delay"}  # not layers of the depth
#: Gates that qcog's Grover circuits use and Aer applies as they are (no transpilation).
_AER_NATIVE = {"h", "x", "z", "cz", "mcx", "measure", "barrier"}


@dataclass
class GroverResult:
    """The outcome of a Grover search (see the module docstring for each field's meaning)."""

    mode: str
    found: list[str]
    found_values: list[int]
    success_probability: float | None
    measured_success_probability: float
    iterations: int
    oracle_queries: int
    classical_checks: int
    qubits: int
    search_qubits: int
    helper_qubits: int
    twoq_per_iteration: int
    twoq_total: int
    depth: int
    backend: str
    shots: int
    seed: int | None
    oracle: str
    num_solutions: int | None
    classical_expected_queries: float | None
    note: str
    wall_s: float
    rounds: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


@dataclass
class GroverProblem:
    """What to search for and how.

    Attributes:
        oracle: the phase oracle.
        iterations: 'auto' (optimal for known ``theta``) or ``k >= 0``.
        num_solutions: ``M`` when the oracle does not know it (expressions, CNF); a
            value contradicting the oracle's own count is an error.
        unknown_count: force BBHT even when ``M`` is known.
        state_preparation: ``A`` on the search qubits (amplitude amplification).
        good_probability: ``P(good)`` under ``A``; None computes it exactly from ``A``.
        helpers: helper qubits for the multi-controlled flips ('auto', 0, 1, ...).
        miss_probability: BBHT's accepted chance of missing an existing solution.
    """

    oracle: Oracle
    iterations: int | str = "auto"
    num_solutions: int | None = None
    unknown_count: bool = False
    state_preparation: Any = None
    good_probability: float | None = None
    helpers: int | str = "auto"
    miss_probability: float = 0.01

    def __post_init__(self) -> None:
        if not isinstance(self.oracle, Oracle):
            raise QcogValueError(
                f"oracle must be a qcog Oracle (qcog.circuits.oracles), got {type(self.oracle).__name__}"
            )
        k = self.iterations
        if k != "auto" and (isinstance(k, bool) or not isinstance(k, int) or k < 0):
            raise QcogValueError(f"iterations must be 'auto' or an integer >= 0, got {k!r}")
        known, given = self.oracle.num_solutions, self.num_solutions
        if given is not None:
            if (
                isinstance(given, bool)
                or not isinstance(given, int)
                or not 0 <= given <= self.space_size
            ):
                raise QcogValueError(
                    f"num_solutions must be an integer in [0, {self.space_size}], got {given!r}"
                )
            if known is not None and known != given:
                raise QcogValueError(
                    f"num_solutions={given} contradicts the oracle, which marks {known} values"
                )
        resolve_helpers(self.helpers, self.oracle.num_qubits)

    @property
    def space_size(self) -> int:
        return 2**self.oracle.num_qubits

    @property
    def solutions_count(self) -> int | None:
        """``M`` if known (from the oracle or given), else None."""
        return self.oracle.num_solutions if self.num_solutions is None else self.num_solutions

    @property
    def mode(self) -> str:
        if self.unknown_count:
            return "unknown-count"
        if self.state_preparation is not None:
            return "amplification"
        if self.iterations == "auto" and self.solutions_count is None:
            return "unknown-count"
        return "grover"

    def theta(self) -> float | None:
        """The rotation angle, when ``M`` (or ``P(good)`` under ``A``) is known."""
        if self.state_preparation is not None:
            return theory.angle_from_probability(self.good_state_probability())
        m = self.solutions_count
        return None if m is None else theory.rotation_angle(m, self.space_size)

    def good_state_probability(self) -> float:
        """``P(good)`` after ``A``: given, or summed exactly over ``A``'s statevector."""
        if self.good_probability is not None:
            return float(self.good_probability)
        from qiskit.quantum_info import Statevector

        probs = Statevector(self.state_preparation).probabilities()
        return float(sum(p for x, p in enumerate(probs) if p > 1e-15 and self.oracle.is_good(x)))

    def run(self, backend="auto", shots: int = 1024, seed: int | None = None) -> GroverResult:
        """Run the search; see :func:`run`."""
        return run(self, backend, shots, seed)


def _verify(oracle: Oracle, counts: dict[int, int]) -> tuple[list[int], int]:
    """Verified values among ``counts`` and the number of shots that verified."""
    good = sorted(v for v in counts if oracle.is_good(v))
    return good, sum(counts[v] for v in good)


@functools.cache
def _cost_pass_manager():
    """The pass manager of :func:`qcog.circuits.metrics.cost_in_basis`, built once (~0.1 s)."""
    from qiskit.transpiler import generate_preset_pass_manager

    from qcog.circuits.metrics import IBM_BASIS

    return generate_preset_pass_manager(
        optimization_level=1, basis_gates=list(IBM_BASIS), seed_transpiler=7
    )


class _Costs:
    """Gate costs of the circuit a device would run (helpers included), in cx/rz/sx/x.

    The state preparation and one iteration are transpiled once; the circuit with ``k``
    iterations is their concatenation, so its 2q count is additive and its depth is
    that of the concatenated transpiled pieces (computed with :func:`_level_map`).
    """

    def __init__(self, problem: GroverProblem, helpers: int):
        from qiskit import QuantumCircuit

        from qcog.circuits.grover import grover_iteration, preparation
        from qcog.circuits.metrics import circuit_cost

        n = problem.oracle.num_qubits
        prep = QuantumCircuit(n + helpers)
        prep.compose(preparation(n, problem.state_preparation), range(n), inplace=True)
        iteration = grover_iteration(problem.oracle, helpers, problem.state_preparation)
        self._prep, self._iteration = _cost_pass_manager().run([prep, iteration])
        self.prep, self.iteration = circuit_cost(self._prep), circuit_cost(self._iteration)
        self._prep_levels = _level_map(self._prep)
        self._iteration_levels = _level_map(self._iteration)

    def twoq(self, k: int) -> int:
        """2q gates of the circuit with ``k`` iterations (state preparation + k iterations)."""
        return self.prep.twoq_gates + k * self.iteration.twoq_gates

    def depth(self, k: int) -> int:
        """Depth of state preparation + ``k`` iterations, exact, without building the circuit."""
        import numpy as np

        front = np.zeros(self._prep.num_qubits)  # per qubit: layers so far
        front = _advance(front, self._prep_levels)
        for _ in range(k):
            front = _advance(front, self._iteration_levels)
        return int(front.max())


def _level_map(circuit):
    """Max-plus map of a block: ``D[p, q]`` = most layers from qubit p's start to q's end.

    A circuit's depth is its longest path of gates; with ``D`` the layers after a block
    are ``front'[q] = max_p front[p] + D[p, q]``, so k blocks cost ``k n^2``, not a circuit.
    """
    import numpy as np

    n = circuit.num_qubits
    levels = np.full((n, n), -np.inf)
    np.fill_diagonal(levels, 0.0)
    for inst in circuit.data:
        if inst.operation.name in _NOT_GATES:
            continue
        qubits = [circuit.find_bit(q).index for q in inst.qubits]
        levels[:, qubits] = (levels[:, qubits].max(axis=1) + 1)[:, None]
    return levels


def _advance(front, levels):
    return (front[:, None] + levels).max(axis=0)


def _submitter(problem: GroverProblem, backend, helpers: int):
    """``(k, shots, seed) -> pending``; calling ``pending()`` gives ``{value: count}``.

    Ideal Aer runs the circuit without helper qubits (it applies multi-controlled gates
    natively; the helpers would only stay ``|0>``), with runs of one-qubit gates merged
    (and gates Aer lacks transpiled to its target, fetched once); its job runs in the
    background while the caller works out gate costs.
    Other backends go through :func:`qcog.run`, with the helpers.
    """
    from qcog.circuits.grover import grover_circuit

    def to_values(counts: dict[str, int]) -> dict[int, int]:
        return {int(key.replace(" ", ""), 2): c for key, c in counts.items()}

    if backend.spec.kind not in _IDEAL_KINDS:
        from qcog.runner import run as run_circuits

        def submit_device(k: int, shots: int, seed: int | None):
            circuit = grover_circuit(problem.oracle, k, helpers, problem.state_preparation)
            return lambda: to_values(run_circuits(circuit, backend, shots=shots, seed=seed).counts)

        return submit_device
    from qiskit import transpile
    from qiskit.transpiler import PassManager
    from qiskit.transpiler.passes import Optimize1qGatesDecomposition

    simulator = backend.qiskit_backend
    target = []  # Aer rebuilds its target on every access: fetch it once, when needed
    merge_1q = PassManager([Optimize1qGatesDecomposition(basis=["u"])])  # fewer state sweeps

    def submit(k: int, shots: int, seed: int | None):
        circuit = grover_circuit(problem.oracle, k, 0, problem.state_preparation)
        if not set(circuit.count_ops()) <= _AER_NATIVE:  # e.g. PhaseOracleGate, user gates
            if not target:
                target.append(simulator.target)
            circuit = transpile(
                circuit, target=target[0], optimization_level=0, seed_transpiler=seed
            )
        job = simulator.run(merge_1q.run(circuit), shots=shots, seed_simulator=seed)
        return lambda: to_values(job.result().get_counts())

    return submit


def run(
    problem: GroverProblem, backend="auto", shots: int = 1024, seed: int | None = None
) -> GroverResult:
    """Run ``problem`` on ``backend`` and verify every candidate classically.

    Args:
        problem: the :class:`GroverProblem`.
        backend: a backend spec ('auto', 'aer', 'aer-gpu', 'fake:NAME') or a Backend.
        shots: shots per circuit (per BBHT round in unknown-count mode).
        seed: seeds the simulator, the transpiler and BBHT's draws.

    Raises:
        QcogValueError: bad shots or problem settings.
        CircuitTooLargeError: the circuit does not fit the backend.
    """
    import numpy as np

    from qcog.backends import get_backend

    if isinstance(shots, bool) or not isinstance(shots, int) or shots < 1:
        raise QcogValueError(f"shots must be a positive integer, got {shots!r}")
    start = time.perf_counter()
    resolved = get_backend(backend)
    oracle, n = problem.oracle, problem.oracle.num_qubits
    helpers = resolve_helpers(problem.helpers, n)
    submit = _submitter(problem, resolved, helpers)
    mode, m = problem.mode, problem.solutions_count
    rounds: list[dict[str, Any]] = []
    if mode == "unknown-count":
        outcome = _bbht(problem, lambda *a: submit(*a)(), shots, np.random.default_rng(seed))
        costs = _Costs(problem, helpers)
        counts, found = outcome.counts, list(outcome.found)
        good_shots = outcome.rounds[-1].good_shots
        k_last, iterations, queries = (
            outcome.rounds[-1].iterations,
            outcome.iterations,
            outcome.oracle_queries,
        )
        checks = outcome.classical_checks
        twoq_total = sum(costs.twoq(r.iterations) for r in outcome.rounds)
        depth = costs.depth(max(r.iterations for r in outcome.rounds))
        rounds = [asdict(r) for r in outcome.rounds]
        theta = None if m is None else theory.rotation_angle(m, problem.space_size)
        note = _bbht_note(outcome, problem)
    else:
        theta = problem.theta()
        k = theory.optimal_iterations(theta) if problem.iterations == "auto" else problem.iterations
        pending = submit(k, shots, seed)
        costs = _Costs(problem, helpers)  # while the simulator runs
        counts = pending()
        found, good_shots = _verify(oracle, counts)
        k_last, iterations, queries, checks = k, k, shots * k, len(counts)
        twoq_total = costs.twoq(k)
        depth = costs.depth(k)
        note = _known_note(problem, k)
    return GroverResult(
        mode=mode,
        found=[format(v, f"0{n}b") for v in found],
        found_values=list(found),
        success_probability=None if theta is None else theory.success_probability(k_last, theta),
        measured_success_probability=good_shots / shots,
        iterations=iterations,
        oracle_queries=queries,
        classical_checks=checks,
        qubits=n + helpers,
        search_qubits=n,
        helper_qubits=helpers,
        twoq_per_iteration=costs.iteration.twoq_gates,
        twoq_total=twoq_total,
        depth=depth,
        backend=resolved.name,
        shots=shots,
        seed=seed,
        oracle=oracle.description,
        num_solutions=m,
        classical_expected_queries=None
        if m is None
        else theory.classical_expected_queries(m, problem.space_size),
        note=note,
        wall_s=round(time.perf_counter() - start, 6),
        rounds=rounds,
        counts={format(v, f"0{n}b"): c for v, c in sorted(counts.items())},
    )


def _known_note(problem: GroverProblem, k: int) -> str:
    if problem.mode == "amplification":
        return ""
    if problem.solutions_count is None:
        return f"M unknown: ran the {k} iterations asked for; the theoretical success probability is unknown"
    return theory.explain(problem.solutions_count, problem.space_size)


def _bbht(problem: GroverProblem, sample, shots: int, rng):
    from qcog.algorithms.grover_bbht import bbht_search

    return bbht_search(
        sample, problem.oracle.is_good, problem.space_size, rng, shots, problem.miss_probability
    )


def _bbht_note(outcome, problem: GroverProblem) -> str:
    if outcome.stopped == "found":
        return f"BBHT found a verified solution in round {len(outcome.rounds)}"
    return (
        f"not found: BBHT ran {len(outcome.rounds)} rounds, {outcome.rounds_after_cap} of them at the "
        f"full range sqrt(N) = {math.sqrt(problem.space_size):.1f}, and no candidate verified; had a "
        f"solution existed, missing it had probability <= {problem.miss_probability}"
    )
