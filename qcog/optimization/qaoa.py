"""QAOA: Problem -> run(backend, seed) -> Result, with the classical baselines of the same run.

Depth ``p`` with an initialisation that scales with it: ``interp`` optimises depth 1, 2,
.., p in turn, each started from the previous optimum interpolated (INTERP), so the
result also holds the whole ratio-versus-p curve; ``ramp`` starts depth ``p`` from a
linear annealing ramp; ``random`` from random angles. The expectation is exact on an
exact engine (qcog's torch engine by default, or PennyLane's devices); on a shot-based
backend (``aer``, ``fake:<name>``, ``ibm:<name>``) the angles are trained exactly on the
torch engine (or with SPSA on the backend) and the final circuit is sampled there.

Solutions are sampled (``shots``) from the trained circuit; the best sample is reported
with its energy (and cut, for MaxCut) recomputed classically from the problem, and
compared with brute force, Goemans-Williamson and local search run on the same problem.

>>> from qcog.optimization.maxcut import maxcut_problem
>>> result = QAOAProblem(maxcut_problem("cycle:6"), p=2).run("torch", seed=1)
>>> [round(level.ratio, 3) for level in result.levels], result.best_sample["verified"]
([0.75, 0.833], True)
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from qcog.exceptions import QcogValueError
from qcog.variational.optimizer import OptimizerConfig
from qcog.variational.trace import Trace

#: Initialisations: name -> what it does.
INITS = {"interp": "optimise p = 1 .. p, each from the previous optimum interpolated",
         "ramp": "a linear annealing ramp at depth p",
         "random": "uniform random angles at depth p"}


def _default_optimizer() -> OptimizerConfig:
    return OptimizerConfig("lbfgs", steps=200)


@dataclass
class QAOALevel:
    """The optimum found at one depth.

    Attributes:
        p: depth.
        gammas, betas: the optimised angles.
        energy: the expected energy ``<E>`` (exact on exact engines; SPSA's estimate otherwise).
        ratio: its approximation ratio (see :class:`~qcog.optimization.baselines.Baselines`).
        trace: the optimisation record.
    """

    p: int
    gammas: list[float]
    betas: list[float]
    energy: float
    ratio: float
    trace: Trace

    def to_dict(self) -> dict[str, Any]:
        return {"p": self.p, "gammas": self.gammas, "betas": self.betas, "energy": self.energy,
                "ratio": self.ratio, "steps": self.trace.steps,
                "evaluations": self.trace.evaluations, "wall_s": self.trace.wall_s}


@dataclass
class QAOAProblem:
    """QAOA on an :class:`~qcog.optimization.ising.IsingProblem`.

    Attributes:
        problem: the Ising problem (MaxCut via :func:`qcog.optimization.maxcut_problem`).
        p: depth.
        init: a key of :data:`INITS`.
        optimizer: adam/lbfgs (exact engines) or spsa (shot-based backends).
    """

    problem: Any
    p: int = 1
    init: str = "interp"
    optimizer: OptimizerConfig = field(default_factory=_default_optimizer)

    def __post_init__(self) -> None:
        if self.init not in INITS:
            raise QcogValueError(f"init {self.init!r} is not known; accepted: {', '.join(INITS)}")
        if isinstance(self.p, bool) or not isinstance(self.p, int) or self.p < 1:
            raise QcogValueError(f"QAOA depth p must be a positive integer, got {self.p!r}")

    def _start(self, depth: int, previous: QAOALevel | None, seed) -> list[float]:
        from qcog.optimization.qaoa_ansatz import coupling_scale
        from qcog.optimization.schedules import interpolate, ramp, random_start

        scale = coupling_scale(self.problem)
        if self.init == "random":
            return random_start(depth, seed, scale)
        if self.init == "interp" and previous is not None:
            return interpolate(previous.gammas, previous.betas)
        return ramp(depth, scale=scale)

    def run(self, backend: str = "torch", seed: int | None = 0, shots: int = 1024,
            store: Any = None, options: Any = None, progress: bool = False,
            baselines: bool = True) -> QAOAResult:
        """Optimise the angles, sample solutions, and run the classical baselines.

        Args:
            backend: an exact engine (``torch``, ``default.qubit``, ...) or a shot-based
                backend (``aer``, ``fake:<name>``, ``ibm:<name>``), see the module docs.
            seed: seeds the initialisation, SPSA, the sampling and the baselines.
            shots: samples of the final circuit (and shots per SPSA estimate).
            store, options: the job store and :class:`qcog.ibm.SubmitOptions` for ``fake:``/``ibm:``.
            progress: progress bars on stderr.
            baselines: also run brute force, Goemans-Williamson and local search.

        Raises:
            SizeLimitError: the simulation would not fit in memory (refused before it starts).
        """
        from qcog.optimization.baselines import classical_baselines
        from qcog.optimization.qaoa_ansatz import QAOAAnsatz
        from qcog.variational.engines import is_exact
        from qcog.variational.training import train

        start = time.perf_counter()
        _check_size(self.problem, self.p, backend if is_exact(backend) else "torch")
        classical = classical_baselines(self.problem, seed) if baselines else None
        baselines_s = time.perf_counter() - start
        observable = self.problem.operator()
        levels: list[QAOALevel] = []
        depths = range(1, self.p + 1) if self.init == "interp" else [self.p]
        for depth in depths:
            ansatz = QAOAAnsatz(self.problem, depth)
            run = train(ansatz, observable, backend, self.optimizer, seed=seed,
                        initial=self._start(depth, levels[-1] if levels else None, seed),
                        shots=shots, store=store, options=options, progress=progress,
                        desc=f"QAOA p={depth}")
            gammas, betas = ansatz.split(run.theta)
            energy = run.trace.energies[-1]
            ratio = classical.ratio(energy) if classical else float("nan")
            levels.append(QAOALevel(depth, gammas, betas, energy, ratio, run.trace))
        qaoa_s = time.perf_counter() - start - baselines_s
        counts, job_id = self._sample(ansatz, run.theta, run.engine, backend, shots, seed, store)
        return QAOAResult(
            problem=self.problem.to_dict(), p=self.p, init=self.init, backend=backend,
            engine=run.engine, optimizer=self.optimizer.to_dict(), seed=seed, levels=levels,
            best_sample=_best_sample(self.problem, counts, classical, shots, job_id),
            baselines=None if classical is None else classical.to_dict(),
            qaoa_s=qaoa_s, baselines_s=baselines_s, wall_s=time.perf_counter() - start)

    @staticmethod
    def _sample(ansatz, theta, engine, backend, shots, seed, store):
        """Bits of ``shots`` samples of the trained circuit -> counts, and the job id."""
        import numpy as np

        from qcog.variational.engines import is_exact

        if is_exact(backend):
            from qcog.variational.ansatz import probabilities

            probs = np.clip(probabilities(ansatz, theta, engine), 0, None)
            draws = np.random.default_rng(seed).choice(len(probs), size=shots, p=probs / probs.sum())
            n = ansatz.n_qubits
            counts = Counter(tuple(int(b) for b in (k >> (n - 1 - np.arange(n))) & 1) for k in draws)
            return counts, None
        from qcog.variational.export import bound_circuits
        from qcog.variational.sampler import bits_of, sample_counts

        sampled = sample_counts(bound_circuits(ansatz, [theta]), backend, shots, seed, store)
        return Counter({bits_of(k): v for k, v in sampled.counts[0].items()}), sampled.job_id


def _check_size(problem, p: int, engine: str) -> None:
    from qcog.limits import check_statevector

    # Autograd keeps a few states per gate for the backward pass.
    gates = problem.n + p * (len(problem.J) + len(problem.h) + 1)
    check_statevector(problem.n, what=f"QAOA of {problem.n} qubits at p={p} on {engine}",
                      fix="use fewer nodes or a smaller depth", copies=3 * gates + 16)


def _best_sample(problem, counts: Counter, classical, shots: int, job_id) -> dict[str, Any]:
    """The best sampled solution, re-evaluated classically, and how often optima were sampled."""
    import numpy as np

    bits = list(counts)
    energies = problem.energies(np.array(bits))
    best = int(np.argmin(energies))
    energy = problem.energy(bits[best])  # term by term, independent of the vectorised path
    out: dict[str, Any] = {"bits": list(bits[best]), "energy": energy, "shots": shots,
                           "distinct": len(bits), "job_id": job_id,
                           "mean_energy": float(np.dot(energies, [counts[b] for b in bits]) / shots)}
    if problem.graph is not None:
        from qcog.optimization.maxcut import cut_value

        out["cut"] = cut_value(problem.graph, bits[best])
        out["verified"] = abs(out["cut"] + energy) < 1e-9
    else:
        out["verified"] = abs(energy - float(energies[best])) < 1e-9
    if classical is not None:
        out["ratio"] = classical.ratio(energy)
        out["mean_ratio"] = classical.ratio(out["mean_energy"])
        out["optimal"] = abs(energy - classical.best_energy) < 1e-9
        if classical.exact is not None:
            hits = sum(counts[b] for b, e in zip(bits, energies) if abs(e - classical.best_energy) < 1e-9)
            out["optimal_probability"] = hits / shots
    return out


@dataclass
class QAOAResult:
    """What a QAOA run found, next to the classical baselines of the same problem.

    ``levels`` holds the optimum at each depth run (all of 1..p with ``interp``);
    ``best_sample`` the best sampled solution, re-evaluated classically (``verified``).
    """

    problem: dict
    p: int
    init: str
    backend: str
    engine: str
    optimizer: dict
    seed: int | None
    levels: list[QAOALevel]
    best_sample: dict
    baselines: dict | None
    qaoa_s: float = 0.0
    baselines_s: float = 0.0
    wall_s: float = 0.0

    @property
    def energy(self) -> float:
        return self.levels[-1].energy

    @property
    def ratio(self) -> float:
        return self.levels[-1].ratio

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["levels"] = [level.to_dict() for level in self.levels]
        out["energy"], out["ratio"] = self.energy, self.ratio
        return out

    def plot(self, ax: Any = None) -> Any:
        """Approximation ratio against depth, with the classical baselines as lines."""
        import matplotlib.pyplot as plt

        ax = ax or plt.subplots(figsize=(6, 3.8))[1]
        ax.plot([lv.p for lv in self.levels], [lv.ratio for lv in self.levels], "o-",
                label=f"QAOA <E> ({self.engine})")
        if self.baselines:
            for key, style in (("gw", "--"), ("local_search", ":")):
                ax.axhline(self.baselines[key]["ratio"], ls=style, color="gray",
                           label=f"{key.replace('_', ' ')} (best)")
        ax.set_xlabel("depth p")
        ax.set_ylabel("approximation ratio")
        ax.set_ylim(top=1.01)
        ax.set_title(self.problem["name"])
        ax.legend()
        return ax
