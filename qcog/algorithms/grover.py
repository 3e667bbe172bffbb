"""Grover search and amplitude amplification: problem -> run(backend) -> result.

A :class:`GroverProblem` holds an oracle (:mod:`qcog.circuits.oracles`) and how to
search; :func:`run` (or ``problem.run``) executes it on a backend and returns a
:class:`GroverResult` that reports what is true:

* ``found``: only values the oracle's classical check confirmed (never merely the most
  frequent bitstring);
* ``success_probability``: ``sin^2((2k+1) theta)`` for the iterations used, where
  ``theta`` is known; ``measured_success_probability``: the fraction of shots that
  verified;
* ``iterations``/``oracle_queries``/``counts``: those of the round that found the
  answer (the only round in known-count mode); ``total_iterations`` and
  ``total_oracle_queries`` (shots x iterations) sum every round, the search's cost;
* ``found_by``: "grover", or "classical sampling" when the verified value came from a
  round of 0 iterations (a uniform sample, no amplification);
* ``qubits``/``helper_qubits``/``twoq_per_iteration``/``twoq_total``/``depth``: the
  circuit a device would run (helpers included), transpiled to cx/rz/sx/x.

Modes, picked from the problem:

* ``grover``: ``M`` known (marked values, a predicate's truth table, or given): the
  optimal ``k`` (or the ``k`` asked for);
* ``amplification``: a user state preparation ``A``; ``theta`` from ``P(good)`` under
  ``A`` (given, or computed exactly from ``A``'s statevector);
* ``unknown-count``: BBHT exponential search (:mod:`qcog.algorithms.grover_bbht`), with
  a settable ``growth_rate`` and cap ``max_iterations``;
* ``schedule``: ``iterations`` given as a list or an iterator of counts, tried in order
  until a round verifies (qiskit-algorithms' ``Grover(iterations=[...])``).

For qiskit-algorithms users: the oracle may be a phase-oracle ``QuantumCircuit`` (or
``Gate``, or ``Statevector``) with ``is_good_state`` (a callable on bitstrings,
bitstrings or values, or a ``Statevector``; see :mod:`qcog.circuits.circuit_oracles`),
``grover_operator`` replaces the iterate, and ``run(..., transpiler=pm)`` passes every
circuit through a pass manager (or any callable) before it runs.

Size guards (:mod:`qcog.limits`) run before any circuit is built: the statevector must
fit in memory, the circuit within the instruction limit, and the backend must be wide
enough.

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
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from qcog.algorithms import grover_theory as theory
from qcog.circuits.oracles import Oracle, resolve_helpers
from qcog.exceptions import QcogValueError

MODES = ("grover", "amplification", "unknown-count", "schedule")
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
    total_iterations: int = 0
    total_oracle_queries: int = 0
    found_by: str = ""  # "grover", "classical sampling" (0 iterations), "" (nothing found)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


@dataclass
class GroverProblem:
    """What to search for and how.

    Attributes:
        oracle: the phase oracle: a qcog :class:`~qcog.circuits.oracles.Oracle`, or a
            ``QuantumCircuit`` / ``Gate`` / ``Statevector`` (turned into one by
            :func:`~qcog.circuits.circuit_oracles.circuit_oracle` with ``is_good_state``).
        iterations: 'auto' (optimal for known ``theta``), ``k >= 0``, or a list or an
            iterator of counts to try in turn (schedule mode; an iterator is consumed by
            one run).
        num_solutions: ``M`` when the oracle does not know it (expressions, CNF); a
            value contradicting the oracle's own count is an error.
        unknown_count: force BBHT even when ``M`` is known.
        state_preparation: ``A`` on the search qubits (amplitude amplification).
        good_probability: ``P(good)`` under ``A``; None computes it exactly from ``A``.
        helpers: helper qubits for the multi-controlled flips ('auto', 0, 1, ...).
        miss_probability: BBHT's accepted chance of missing an existing solution.
        is_good_state: the classical check of a circuit or statevector oracle.
        grover_operator: a user's Grover iterate on the search qubits (instead of D . O).
        growth_rate: BBHT's range growth factor per failed round (default 6/5).
        max_iterations: the most iterations one round may run (BBHT's cap, default
            about sqrt(N); a schedule stops at a larger entry).
        max_rounds: the most rounds (default: 10,000 for BBHT, the schedule's length,
            or 2**n for an iterator).
    """

    oracle: Any
    iterations: int | str | Sequence[int] | Iterator[int] = "auto"
    num_solutions: int | None = None
    unknown_count: bool = False
    state_preparation: Any = None
    good_probability: float | None = None
    helpers: int | str = "auto"
    miss_probability: float = 0.01
    is_good_state: Any = None
    grover_operator: Any = None
    growth_rate: float = theory.BBHT_GROWTH
    max_iterations: int | None = None
    max_rounds: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.oracle, Oracle):
            from qcog.circuits.circuit_oracles import circuit_oracle

            self.oracle = circuit_oracle(self.oracle, self.is_good_state)
        elif self.is_good_state is not None:
            raise QcogValueError(
                "is_good_state goes with a circuit or statevector oracle; a qcog Oracle "
                f"({self.oracle.kind}) carries its own check"
            )
        self._check_iterations()
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
        if self.grover_operator is not None:
            from qcog.circuits.grover import custom_iteration

            custom_iteration(self.grover_operator, self.oracle.num_qubits)

    def _check_iterations(self) -> None:
        k = self.iterations
        if isinstance(k, (list, tuple)):
            if not k or any(isinstance(j, bool) or not isinstance(j, int) or j < 0 for j in k):
                raise QcogValueError(
                    f"an iteration list must be non-empty integers >= 0, got {list(k)!r}"
                )
        elif not isinstance(k, Iterator) and k != "auto" and (
            isinstance(k, bool) or not isinstance(k, int) or k < 0
        ):
            raise QcogValueError(
                "iterations must be 'auto', an integer >= 0, or a list or iterator of them, "
                f"got {k!r}"
            )
        if self.is_schedule and self.unknown_count:
            raise QcogValueError("unknown_count=True runs BBHT; drop it to run an iteration list")
        g = self.growth_rate
        if isinstance(g, bool) or not isinstance(g, (int, float)) or not g > 1:
            raise QcogValueError(f"growth_rate must be a number > 1, got {g!r}")
        for name in ("max_iterations", "max_rounds"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                      or value < 1):
                raise QcogValueError(f"{name} must be None or an integer >= 1, got {value!r}")

    @property
    def is_schedule(self) -> bool:
        """Iterations given as a list or an iterator."""
        return isinstance(self.iterations, (list, tuple, Iterator))

    @property
    def space_size(self) -> int:
        return 2**self.oracle.num_qubits

    @property
    def solutions_count(self) -> int | None:
        """``M`` if known (from the oracle or given), else None."""
        return self.oracle.num_solutions if self.num_solutions is None else self.num_solutions

    @property
    def mode(self) -> str:
        if self.is_schedule:
            return "schedule"
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

    def run(
        self,
        backend: Any = "auto",
        shots: int = 1024,
        seed: int | None = None,
        transpiler: Any = None,
        transpiler_options: dict[str, Any] | None = None,
    ) -> GroverResult:
        """Run the search; see :func:`run`."""
        return run(self, backend, shots, seed, transpiler, transpiler_options)


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

        from qcog.circuits.grover import preparation
        from qcog.circuits.metrics import circuit_cost

        n = problem.oracle.num_qubits
        prep = QuantumCircuit(n + helpers)
        prep.compose(preparation(n, problem.state_preparation), range(n), inplace=True)
        iteration = _iteration(problem, helpers)
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


def _iteration(problem: GroverProblem, helpers: int):
    """One iterate on ``n + helpers`` qubits: the user's operator, or ``D . O``."""
    from qcog.circuits.grover import custom_iteration, grover_iteration

    n = problem.oracle.num_qubits
    if problem.grover_operator is not None:
        return custom_iteration(problem.grover_operator, n, helpers)
    return grover_iteration(problem.oracle, helpers, problem.state_preparation)


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


def _submitter(problem: GroverProblem, backend, helpers: int, hook: Callable):
    """``(k, shots, seed) -> pending``; calling ``pending()`` gives ``{value: count}``.

    ``hook`` (the user's transpiler, or the identity) is applied to every circuit built.

    Ideal Aer runs the circuit without helper qubits (it applies multi-controlled gates
    natively; the helpers would only stay ``|0>``), with runs of one-qubit gates merged
    (and gates Aer lacks transpiled to its target, fetched once); its job runs in the
    background while the caller works out gate costs.
    Other backends go through :func:`qcog.run`, with the helpers.
    """
    from qcog.circuits.grover import grover_circuit

    def to_values(counts: dict[str, int]) -> dict[int, int]:
        return {int(key.replace(" ", ""), 2): c for key, c in counts.items()}

    def build(k: int, count: int):
        return hook(
            grover_circuit(problem.oracle, k, count, problem.state_preparation,
                           grover_operator=problem.grover_operator)
        )

    if backend.spec.kind not in _IDEAL_KINDS:
        from qcog.runner import run as run_circuits

        def submit_device(k: int, shots: int, seed: int | None):
            circuit = build(k, helpers)
            return lambda: to_values(run_circuits(circuit, backend, shots=shots, seed=seed).counts)

        return submit_device
    from qiskit import transpile
    from qiskit.transpiler import PassManager
    from qiskit.transpiler.passes import Optimize1qGatesDecomposition

    simulator = backend.qiskit_backend
    target = []  # Aer rebuilds its target on every access: fetch it once, when needed
    merge_1q = PassManager([Optimize1qGatesDecomposition(basis=["u"])])  # fewer state sweeps

    def submit(k: int, shots: int, seed: int | None):
        circuit = build(k, 0)
        if not set(circuit.count_ops()) <= _AER_NATIVE:  # e.g. PhaseOracleGate, user gates
            if not target:
                target.append(simulator.target)
            circuit = transpile(
                circuit, target=target[0], optimization_level=0, seed_transpiler=seed
            )
        job = simulator.run(merge_1q.run(circuit), shots=shots, seed_simulator=seed)
        return lambda: to_values(job.result().get_counts())

    return submit


class _Guard:
    """The size guards of one run: memory and width first, then each circuit's size."""

    def __init__(self, problem: GroverProblem, backend, helpers: int, ideal: bool):
        from qcog.circuits.grover import preparation
        from qcog.limits import check_statevector

        n = problem.oracle.num_qubits
        self.width = n if ideal else n + helpers
        precision = backend.options.get("precision", "double")
        what = f"Grover's {self.width}-qubit circuit on {backend.name}"
        check_statevector(self.width, what, "search fewer qubits", precision=precision,
                          device="cuda" if backend.device == "GPU" else "cpu")
        backend.check_width(self.width)
        self.prep_size = len(preparation(n, problem.state_preparation).data) + n
        self.step_size = len(_iteration(problem, 0 if ideal else helpers).data)

    def check(self, k: int) -> None:
        """Refuse a circuit of ``k`` iterations above the instruction limit, before building."""
        from qcog.limits import check_gate_count

        check_gate_count(
            self.prep_size + k * self.step_size,
            f"Grover's {self.width}-qubit circuit with {k} iterations",
            "search fewer qubits or give fewer iterations",
        )


def _hook(transpiler: Any, options: dict[str, Any] | None) -> Callable:
    """The user's transpiler as ``circuit -> circuit`` (a pass manager's ``run``, or a callable)."""
    if transpiler is None:
        return lambda circuit: circuit
    if hasattr(transpiler, "run"):
        return lambda circuit: transpiler.run(circuit, **(options or {}))
    if callable(transpiler):
        return lambda circuit: transpiler(circuit, **(options or {}))
    raise QcogValueError(
        "transpiler must be a pass manager (with .run) or a callable circuit -> circuit, "
        f"got {type(transpiler).__name__}"
    )


def run(
    problem: GroverProblem,
    backend: Any = "auto",
    shots: int = 1024,
    seed: int | None = None,
    transpiler: Any = None,
    transpiler_options: dict[str, Any] | None = None,
) -> GroverResult:
    """Run ``problem`` on ``backend`` and verify every candidate classically.

    Args:
        problem: the :class:`GroverProblem`.
        backend: a backend spec ('auto', 'aer', 'aer-gpu', 'fake:NAME') or a Backend.
        shots: shots per circuit (per round in unknown-count and schedule modes).
        seed: seeds the simulator, the transpiler and BBHT's draws.
        transpiler: applied to every circuit before it runs: a pass manager (its
            ``run(circuit, **transpiler_options)``) or a callable ``circuit -> circuit``.
        transpiler_options: keyword arguments for the transpiler.

    Raises:
        QcogValueError: bad shots, seed or problem settings.
        SizeLimitError: the statevector would not fit in memory, or a circuit would be
            larger than :func:`qcog.limits.max_gates` instructions (checked before building).
        CircuitTooLargeError: the circuit does not fit the backend.
    """

    from qcog.backends import get_backend

    if isinstance(shots, bool) or not isinstance(shots, int) or shots < 1:
        raise QcogValueError(f"shots must be a positive integer, got {shots!r}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        raise QcogValueError(f"seed must be None or an integer >= 0, got {seed!r}")
    start = time.perf_counter()
    resolved = get_backend(backend)
    oracle, n = problem.oracle, problem.oracle.num_qubits
    helpers = resolve_helpers(problem.helpers, n)
    guard = _Guard(problem, resolved, helpers, resolved.spec.kind in _IDEAL_KINDS)
    submit = _submitter(problem, resolved, helpers, _hook(transpiler, transpiler_options))
    mode, m = problem.mode, problem.solutions_count
    rounds: list[dict[str, Any]] = []
    if mode in ("unknown-count", "schedule"):
        outcome = _search_rounds(problem, lambda *a: submit(*a)(), shots, seed, guard)
        costs = _Costs(problem, helpers)
        counts, found = outcome.counts, list(outcome.found)
        last = outcome.last
        good_shots, k_last = last.good_shots, last.iterations
        iterations, queries = k_last, last.oracle_queries
        total_iterations, total_queries = outcome.iterations, outcome.oracle_queries
        checks = outcome.classical_checks
        twoq_total = sum(costs.twoq(r.iterations) for r in outcome.rounds)
        depth = costs.depth(max(r.iterations for r in outcome.rounds))
        rounds = [asdict(r) for r in outcome.rounds]
        theta = None if m is None else theory.rotation_angle(m, problem.space_size)
        note = _rounds_note(outcome, problem)
    else:
        theta = problem.theta()
        k = theory.optimal_iterations(theta) if problem.iterations == "auto" else problem.iterations
        guard.check(k)
        pending = submit(k, shots, seed)
        costs = _Costs(problem, helpers)  # while the simulator runs
        counts = pending()
        found, good_shots = _verify(oracle, counts)
        k_last, iterations, queries, checks = k, k, shots * k, len(counts)
        total_iterations, total_queries = k, queries
        twoq_total = costs.twoq(k)
        depth = costs.depth(k)
        note = _known_note(problem, k)
    found_by = "" if not found else ("classical sampling" if k_last == 0 else "grover")
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
        total_iterations=total_iterations,
        total_oracle_queries=total_queries,
        found_by=found_by,
    )


def _known_note(problem: GroverProblem, k: int) -> str:
    if problem.mode == "amplification":
        return ""
    if problem.solutions_count is None:
        return f"M unknown: ran the {k} iterations asked for; the theoretical success probability is unknown"
    return theory.explain(problem.solutions_count, problem.space_size)


def _search_rounds(problem: GroverProblem, sample, shots: int, seed: int | None, guard: _Guard):
    """BBHT (unknown-count mode) or the given schedule, each circuit size-checked first."""
    import numpy as np

    from qcog.algorithms.grover_bbht import bbht_search, schedule_search

    rng = np.random.default_rng(seed)

    def checked_sample(k, shots, run_seed):
        guard.check(k)
        return sample(k, shots, run_seed)

    if problem.mode == "schedule":
        schedule = problem.iterations
        default_rounds = len(schedule) if isinstance(schedule, (list, tuple)) else (
            problem.space_size
        )
        return schedule_search(
            checked_sample, problem.oracle.is_good, schedule, rng, shots,
            problem.max_rounds or default_rounds, problem.max_iterations,
        )
    cap = None if problem.max_iterations is None else problem.max_iterations + 1
    return bbht_search(
        checked_sample,
        problem.oracle.is_good,
        problem.space_size,
        rng,
        shots,
        problem.miss_probability,
        max_rounds=problem.max_rounds or 10_000,
        growth_rate=problem.growth_rate,
        max_range=cap,
    )


def _rounds_note(outcome, problem: GroverProblem) -> str:
    if outcome.stopped == "found":
        where = f"round {len(outcome.rounds)}"
        if outcome.last.iterations == 0:
            return (
                f"found by classical sampling: the verified value came from {where}, which ran "
                "0 Grover iterations (a uniform sample, no amplification)"
            )
        return f"{'BBHT' if problem.mode == 'unknown-count' else 'the schedule'} found a " \
            f"verified solution in {where} ({outcome.last.iterations} iterations)"
    if outcome.stopped == "schedule":
        return f"not found: no round of the schedule ({len(outcome.rounds)} rounds) verified a value"
    if outcome.stopped == "max_rounds":
        return f"not found within max_rounds = {len(outcome.rounds)} rounds"
    if outcome.stopped == "max_iterations":
        return (
            f"not found: the schedule's next count exceeded max_iterations = "
            f"{problem.max_iterations} after {len(outcome.rounds)} rounds"
        )
    return (
        f"not found: BBHT ran {len(outcome.rounds)} rounds, {outcome.rounds_after_cap} of them at the "
        f"full range, and no candidate verified; had a "
        f"solution existed, missing it had probability <= {problem.miss_probability}"
    )
