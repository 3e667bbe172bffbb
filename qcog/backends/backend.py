"""A resolved backend: the spec, the Qiskit backend behind it, and how to transpile for it.

>>> b = get_backend("aer", method="statevector")
>>> b.name, b.device, b.options["method"]
('aer', 'CPU', 'statevector')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from qcog.backends.spec import BackendSpec
from qcog.exceptions import CircuitTooLargeError

if TYPE_CHECKING:  # for annotations only; imported where used
    from qiskit import QuantumCircuit
    from qiskit.transpiler import StagedPassManager, Target


@dataclass
class Backend:
    """Where circuits run.

    Attributes:
        spec: the parsed spec the user asked for (``auto`` stays ``auto`` here).
        qiskit_backend: the Qiskit ``BackendV2`` that executes circuits.
        device: ``'CPU'`` or ``'GPU'`` for simulators, ``'QPU'`` for IBM hardware.
        options: simulator options passed through (method, precision, ...).
    """

    spec: BackendSpec
    qiskit_backend: Any = field(repr=False)
    device: str
    options: dict[str, Any] = field(default_factory=dict)
    # Built on first use: Aer rebuilds its target on every access, and building a preset
    # pass manager costs ~0.5 s, so both are kept per Backend.
    _target: Any = field(default=None, init=False, repr=False, compare=False)
    _pass_managers: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def name(self) -> str:
        """The concrete spec this backend stands for: 'aer', 'aer-gpu', 'fake:manila', ..."""
        if self.spec.kind == "auto":
            return "aer-gpu" if self.device == "GPU" else "aer"
        if self.spec.kind == "ibm":
            return f"ibm:{self.qiskit_backend.name}"
        return str(self.spec)

    @property
    def is_simulator(self) -> bool:
        return self.spec.kind in ("auto", "aer", "aer-gpu", "fake")

    @property
    def is_noisy(self) -> bool:
        return self.spec.kind in ("fake", "ibm")

    @property
    def num_qubits(self) -> int:
        return int(self.qiskit_backend.num_qubits)

    @property
    def target(self) -> Target:
        """The backend's ``Target`` (read once, then kept)."""
        if self._target is None:
            self._target = self.qiskit_backend.target
        return self._target

    def pass_manager(
        self, optimization_level: int = 1, seed: int | None = None
    ) -> StagedPassManager:
        """The preset pass manager for this backend's target (built once per level/seed)."""
        key = (optimization_level, seed)
        if key not in self._pass_managers:
            from qiskit.transpiler import generate_preset_pass_manager

            self._pass_managers[key] = generate_preset_pass_manager(
                optimization_level=optimization_level, target=self.target, seed_transpiler=seed
            )
        return self._pass_managers[key]

    def check_width(self, num_qubits: int) -> None:
        """Raise :class:`CircuitTooLargeError` if a circuit of ``num_qubits`` cannot run here."""
        if num_qubits > self.num_qubits:
            raise CircuitTooLargeError(
                f"the circuit needs {num_qubits} qubits but backend '{self.name}' has "
                f"{self.num_qubits}; use a smaller circuit or a larger backend"
            )

    def transpile(
        self,
        circuits: QuantumCircuit | list[QuantumCircuit],
        optimization_level: int = 1,
        seed: int | None = None,
    ) -> QuantumCircuit | list[QuantumCircuit]:
        """Transpile ``circuits`` to this backend's target with a preset pass manager."""
        single = not isinstance(circuits, (list, tuple))
        batch = [circuits] if single else list(circuits)
        for circuit in batch:
            self.check_width(circuit.num_qubits)
        out = self.pass_manager(optimization_level, seed).run(batch)
        return out[0] if single else out

    def describe(self) -> dict[str, Any]:
        """A JSON-ready summary: name, device, qubits, options."""
        return {
            "backend": self.name,
            "spec": str(self.spec),
            "device": self.device,
            "num_qubits": self.num_qubits,
            "simulator": self.is_simulator,
            "options": dict(self.options),
        }


def get_backend(spec: str | BackendSpec | Backend = "auto", **options: Any) -> Backend:
    """Resolve a backend spec (see :mod:`qcog.backends.spec`) into a :class:`Backend`.

    Args:
        spec: ``auto`` (default), ``aer``, ``aer-gpu``, ``fake:<name>``, ``ibm:<name>``,
            ``ibm:least_busy``, a :class:`BackendSpec`, or an already resolved
            :class:`Backend` (returned unchanged).
        **options: simulator options for Aer (``method``, ``precision``,
            ``fusion_enable``, ...). For ``ibm:least_busy``, ``min_qubits``.

    Raises:
        UnknownBackendError: the spec or name is not known (close matches are named).
        BackendUnavailableError: e.g. no working GPU for ``aer-gpu``, no IBM account.
    """
    if isinstance(spec, Backend):
        return spec
    from qcog.backends import aer, fake, ibm

    parsed = BackendSpec.parse(spec)
    if parsed.kind == "aer":
        return Backend(parsed, aer.make_aer("CPU", **options), "CPU", options)
    if parsed.kind == "aer-gpu":
        return Backend(parsed, aer.make_aer("GPU", **options), "GPU", options)
    if parsed.kind == "auto":
        device = "GPU" if aer.gpu_status()[0] else "CPU"
        return Backend(parsed, aer.make_aer(device, **options), device, options)
    if parsed.kind == "fake":
        from qiskit_aer import AerSimulator

        device = fake.fake_backend(parsed.name)
        # The noise model and coupling map of the device, simulated by Aer.
        simulator = AerSimulator.from_backend(device, **options)
        return Backend(parsed, simulator, "CPU", options)
    min_qubits = int(options.pop("min_qubits", 1))
    return Backend(parsed, ibm.ibm_backend(parsed.name, min_qubits=min_qubits), "QPU", options)
