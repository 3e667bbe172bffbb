"""VQE for molecules: Problem -> run(backend, seed) -> Result, with the exact references beside it.

``backend`` says where the ansatz runs:

* an exact engine (``torch``, qcog's fast engine; ``default.qubit``; ``lightning.qubit``):
  the energy and its exact gradient drive Adam or L-BFGS;
* a shot-based backend (``aer``, ``fake:<name>``, ``ibm:<name>``): with ``adam``/``lbfgs``
  the ansatz is trained exactly on the torch engine and the trained circuit is then
  evaluated through the estimator (one job); with ``spsa`` it is trained on the backend
  itself, each step's two energies in one estimator job. The error of the shot estimate
  against FCI is reported.

The Hartree-Fock and FCI energies of the same qubit Hamiltonian are computed in the same
run; ``chemical_accuracy`` means within :data:`CHEMICAL_ACCURACY` (1.6 mHa) of FCI.

>>> from qcog.chemistry.hamiltonian import molecular_hamiltonian
>>> from qcog.chemistry.molecules import named_molecule
>>> problem = VQEProblem(molecular_hamiltonian(named_molecule("H2")))
>>> result = problem.run("torch", seed=0)
>>> result.chemical_accuracy, abs(result.error) < 1e-6
(True, True)
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from qcog.exceptions import QcogValueError
from qcog.variational.optimizer import OptimizerConfig
from qcog.variational.trace import Trace

#: Chemical accuracy in hartree (1 kcal/mol).
CHEMICAL_ACCURACY = 1.6e-3
#: Ansatz names accepted by :class:`VQEProblem`.
ANSATZES = ("singles_doubles", "doubles", "hardware_efficient")


def _default_optimizer() -> OptimizerConfig:
    return OptimizerConfig("lbfgs", steps=100)


@dataclass
class VQEProblem:
    """A molecule's ground state by VQE.

    Attributes:
        hamiltonian: the qubit Hamiltonian (:func:`qcog.chemistry.molecular_hamiltonian`).
        ansatz: a key of :data:`ANSATZES`.
        layers: entangling layers of the hardware-efficient ansatz.
        optimizer: adam/lbfgs (exact gradients) or spsa (shot-based backends).
        stop_at_chemical_accuracy: stop as soon as the energy is within 1.6 mHa of FCI.
    """

    hamiltonian: Any
    ansatz: str = "singles_doubles"
    layers: int = 2
    optimizer: OptimizerConfig = field(default_factory=_default_optimizer)
    stop_at_chemical_accuracy: bool = False

    def __post_init__(self) -> None:
        if self.ansatz not in ANSATZES:
            raise QcogValueError(f"ansatz {self.ansatz!r} is not known; accepted: {', '.join(ANSATZES)}")

    def build_ansatz(self) -> Any:
        """The ansatz object for this Hamiltonian."""
        h = self.hamiltonian
        if self.ansatz == "hardware_efficient":
            from qcog.chemistry.hardware_efficient import HardwareEfficientAnsatz

            return HardwareEfficientAnsatz(h.n_qubits, self.layers, h.hf_state)
        from qcog.chemistry.excitations import excitation_ansatz

        return excitation_ansatz(h.active_electrons, h.n_qubits, self.ansatz)

    def run(self, backend: str = "torch", seed: int | None = 0, shots: int = 4096,
            initial: Sequence[float] | None = None, store: Any = None, options: Any = None,
            progress: bool = False, mitigation: Any = None) -> VQEResult:
        """Optimise the ansatz; evaluate it on ``backend`` when that is shot-based.

        Args:
            backend: an exact engine or a shot-based backend spec (see the module docs).
            seed: seeds the ansatz initialisation, SPSA, the simulators and the transpiler.
            shots: shots per circuit on shot-based backends.
            initial: starting parameters (e.g. from the previous point of a bond scan).
            store: the job store for ``fake:``/``ibm:`` jobs (None: the default store).
            options: :class:`qcog.ibm.SubmitOptions` for ``fake:``/``ibm:`` estimator jobs.
            progress: a progress bar on stderr.
            mitigation: error mitigation of the shot-based estimates: a
                :class:`qcog.mitigation.Mitigation` or ``none``/``readout``/``zne``/``both``
                (qcog's own on ``aer``/``fake:``, the runtime's on ``ibm:``).

        Raises:
            QcogValueError: SPSA on an exact engine.
            SizeLimitError: the simulation would not fit in memory (refused before it starts).
        """
        from qcog.chemistry.references import exact_references
        from qcog.variational.engines import is_exact
        from qcog.variational.training import exact_energy, shot_energies, train

        start = time.perf_counter()
        h = self.hamiltonian
        ansatz = self.build_ansatz()
        _check_size(ansatz, backend if is_exact(backend) else "torch")
        refs = exact_references(h)
        references_s = time.perf_counter() - start
        target = refs.fci_energy + CHEMICAL_ACCURACY
        config = replace(self.optimizer, target=target) if self.stop_at_chemical_accuracy else self.optimizer
        run = train(ansatz, h.operator, backend, config, seed=seed, initial=initial,
                    record_target=target, shots=shots, store=store, options=options,
                    progress=progress, desc="VQE", mitigation=mitigation)
        shot = run.last_estimate
        if run.last_estimate is None:
            energy = run.trace.energies[-1]
            if not is_exact(backend):
                shot = shot_energies(ansatz, h.sparse_pauli_op(), [run.theta], backend, shots,
                                     seed, store, options, mitigation)
        else:
            energy = exact_energy(ansatz, h.operator, run.theta)
        return VQEResult(
            molecule=h.molecule.to_dict(), hamiltonian=h.to_dict(), ansatz=ansatz.describe(),
            engine=run.engine, backend=backend, optimizer=self.optimizer.to_dict(), seed=seed,
            energy=energy, hf_energy=refs.hf_energy, fci_energy=refs.fci_energy,
            parameters=run.theta, trace=run.trace,
            shot=None if shot is None else _shot_dict(shot, refs.fci_energy),
            references_s=references_s, wall_s=time.perf_counter() - start)


def _check_size(ansatz, engine: str) -> None:
    from qcog.limits import check_statevector

    # Autograd keeps a few states per gate for the backward pass.
    check_statevector(ansatz.n_qubits, what=f"VQE of {ansatz.n_qubits} qubits on {engine}",
                      fix="use a smaller active space (--active-electrons/--active-orbitals)",
                      copies=4 * (ansatz.n_params + ansatz.n_qubits) + 16)


def _shot_dict(estimate, fci: float) -> dict[str, Any]:
    energy = estimate.values[-1]
    out = {**estimate.to_dict(), "energy": energy, "std": estimate.stds[-1],
           "error_mha": 1000 * (energy - fci)}
    if estimate.unmitigated is not None:
        out["unmitigated_energy"] = estimate.unmitigated[-1]
        out["unmitigated_error_mha"] = 1000 * (estimate.unmitigated[-1] - fci)
    return out


@dataclass
class VQEResult:
    """What one VQE run found, next to the exact references of the same Hamiltonian.

    Energies are in hartree; ``error = energy - fci_energy``. ``energy`` is the exact
    energy of the trained parameters; ``shot`` (on shot-based backends) holds the
    estimator's energy, its standard error, its error against FCI and the job id.
    """

    molecule: dict
    hamiltonian: dict
    ansatz: dict
    engine: str
    backend: str
    optimizer: dict
    seed: int | None
    energy: float
    hf_energy: float
    fci_energy: float
    parameters: list[float]
    trace: Trace
    shot: dict | None = None
    references_s: float = 0.0
    wall_s: float = 0.0

    @property
    def error(self) -> float:
        return self.energy - self.fci_energy

    @property
    def chemical_accuracy(self) -> bool:
        return abs(self.error) <= CHEMICAL_ACCURACY

    @property
    def time_to_chemical_accuracy_s(self) -> float | None:
        return self.trace.time_to_target_s

    def to_dict(self) -> dict[str, Any]:
        return {
            "molecule": self.molecule, "hamiltonian": self.hamiltonian, "ansatz": self.ansatz,
            "engine": self.engine, "backend": self.backend, "optimizer": self.optimizer,
            "seed": self.seed, "energy": self.energy, "hf_energy": self.hf_energy,
            "fci_energy": self.fci_energy, "error_mha": 1000 * self.error,
            "correlation_recovered": _recovered(self),
            "chemical_accuracy": self.chemical_accuracy,
            "time_to_chemical_accuracy_s": self.time_to_chemical_accuracy_s,
            "parameters": self.parameters, "trace": self.trace.to_dict(), "shot": self.shot,
            "references_s": self.references_s, "wall_s": self.wall_s,
        }

    def plot_convergence(self, ax: Any = None) -> Any:
        """Energy error against FCI per optimiser step (log scale), chemical accuracy marked."""
        import matplotlib.pyplot as plt

        ax = ax or plt.subplots(figsize=(6, 3.6))[1]
        errors = [max(abs(e - self.fci_energy), 1e-10) for e in self.trace.energies]
        ax.semilogy(range(len(errors)), errors, "o-", ms=3, label=f"VQE ({self.engine})")
        ax.axhline(CHEMICAL_ACCURACY, color="k", ls="--", lw=1, label="chemical accuracy")
        ax.set_xlabel("optimiser step")
        ax.set_ylabel("|E - E_FCI| (hartree)")
        ax.set_title(self.molecule["name"])
        ax.legend()
        return ax


def _recovered(result: VQEResult) -> float | None:
    """The fraction of the correlation energy recovered (None when HF is exact)."""
    correlation = result.fci_energy - result.hf_energy
    return None if abs(correlation) < 1e-12 else (result.energy - result.hf_energy) / correlation
