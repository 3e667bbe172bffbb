"""Qiskit backends as engines: run a layer (with its trained weights) on Aer, fake or IBM devices.

The circuit is translated by :mod:`qcog.qml.export` into a Qiskit circuit whose gate
angles are Parameters, transpiled once for the backend, and sampled with every binding
of a call in **one** sampler job: the ``B`` circuits of the batch and, when a gradient
is needed, the ``2 K B`` parameter-shifted circuits (``K`` angles) as well. Outputs are
shot estimates; gradients follow the two-term parameter-shift rule, and torch autograd
chains them to the inputs and weights.

Local backends (``aer``, ``aer-gpu``, ``fake:<name>``) use Qiskit's
``BackendSamplerV2`` (one ``backend.run`` call); ``ibm:<name>`` uses qiskit-ibm-runtime's
Sampler (through :mod:`qcog.ibm.primitives`) on the device. Everything else is the same code path.

>>> import torch, pennylane as qml
>>> def qfunc(inputs):
...     qml.RX(inputs[..., 0], wires=0)
...     return qml.expval(qml.PauliZ(0))
>>> out = QiskitEngine("aer", shots=100, seed=1).execute(qfunc, torch.zeros(2, 1), {}, n_wires=1)
>>> out.tolist()
[1.0, 1.0]
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import torch

from qcog.exceptions import QcogValueError
from qcog.qml.export import angle_matrix, build_circuit, qiskit_ops
from qcog.qml.program import Program, lower, record

if TYPE_CHECKING:  # for annotations only; imported where used
    from qcog.backends import Backend
    from qcog.qml.export import QiskitOp


def _bases(program: Program) -> dict[int, str]:
    """Measurement basis letter per wire; raises if two measurements need different bases."""
    bases: dict[int, str] = {}
    for m in program.measurements:
        if m.kind == "var" or (m.kind == "expval" and m.paulis is None):
            raise QcogValueError(
                "Qiskit engines measure qml.expval of one Pauli word and qml.probs; for sums, "
                "Hermitian or variances use engine='torch' or a PennyLane device"
            )
        if m.rotation:
            raise QcogValueError("Qiskit engines measure qml.probs(wires=...), not probs(op=...)")
        letters = m.paulis if m.kind == "expval" else "Z" * len(m.wires)
        for w, letter in zip(m.wires, letters):
            if letter == "I":
                continue
            if bases.setdefault(w, letter) != letter:
                raise QcogValueError(
                    f"wire {w} is measured in both the {bases[w]} and {letter} basis; Qiskit "
                    "engines need qubit-wise commuting measurements"
                )
    return bases


def _estimates(bits: np.ndarray, program: Program) -> np.ndarray:
    """Estimates ``(N, outputs)`` from measured bits ``(N, shots, n)`` (column q = qubit q)."""
    columns = []
    for m in program.measurements:
        if m.kind == "probs":
            index = np.zeros(bits.shape[:2], dtype=np.int64)
            for w in m.wires:
                index = index * 2 + bits[:, :, w]
            size = 2 ** len(m.wires)
            counts = np.stack([np.bincount(row, minlength=size) for row in index])
            columns.append(counts / bits.shape[1])
        else:
            wires = [w for w, p in zip(m.wires, m.paulis) if p != "I"]
            signs = 1 - 2 * (bits[:, :, wires].sum(axis=2) % 2) if wires else np.ones(bits.shape[:2])
            columns.append(signs.mean(axis=1)[:, None])
    return np.concatenate(columns, axis=1)


class QiskitEngine:
    """Run layers on a Qiskit backend spec (``aer``, ``aer-gpu``, ``fake:<name>``, ``ibm:<name>``).

    Args:
        spec: backend spec for :func:`qcog.backends.get_backend`.
        shots: shots per circuit.
        seed: simulator and transpiler seed (None: unseeded).
        optimization_level: transpiler preset level.
    """

    def __init__(self, spec: str, shots: int = 4096, seed: int | None = None,
                 optimization_level: int = 1):
        self.name = spec
        self.shots = shots
        self.seed = seed
        self.optimization_level = optimization_level
        self._backend = None
        self._transpiled: dict = {}
        self.jobs = 0  # sampler jobs submitted (one per call)

    def __getstate__(self):
        return {"spec": self.name, "shots": self.shots, "seed": self.seed,
                "optimization_level": self.optimization_level}

    def __setstate__(self, state):
        self.__init__(**state)

    @property
    def backend(self) -> Backend:
        """The resolved :class:`qcog.backends.Backend` (resolved on first use)."""
        if self._backend is None:
            from qcog.backends import get_backend

            self._backend = get_backend(self.name)
        return self._backend

    def sampler(self) -> Any:
        """The sampler that runs all circuits of a call in one job."""
        backend = self.backend
        if backend.spec.kind == "ibm":
            # qcog.ibm.primitives is the one place that knows which runtime Sampler exists.
            from qcog.ibm.primitives import primitive_class, quiet_deprecations

            with quiet_deprecations():
                sampler = primitive_class("sampler")(mode=backend.qiskit_backend)
                sampler.options.default_shots = self.shots
                return sampler
        from qiskit.primitives import BackendSamplerV2

        options = {"default_shots": self.shots}
        if self.seed is not None:
            options["seed_simulator"] = self.seed
        return BackendSamplerV2(backend=backend.qiskit_backend, options=options)

    def _circuit(self, ops, program: Program):
        key = (tuple((op.name, op.qubits, op.angle is None) for op in ops), program.n_wires,
               tuple(sorted(_bases(program).items())))
        if key not in self._transpiled:
            circuit = build_circuit(ops, program.n_wires)
            for w, letter in sorted(_bases(program).items()):
                if letter == "X":
                    circuit.h(w)
                elif letter == "Y":
                    circuit.sdg(w)
                    circuit.h(w)
            circuit.measure_all()
            compiled = self.backend.transpile(circuit, self.optimization_level, self.seed)
            order = [p.index for p in compiled.parameters]
            self._transpiled[key] = (compiled, order)
        return self._transpiled[key]

    def sample(self, ops: list[QiskitOp], program: Program, values: np.ndarray) -> np.ndarray:
        """Run the circuit for every row of ``values`` (N, K) in one job; estimates (N, outputs)."""
        compiled, order = self._circuit(ops, program)
        sampler = self.sampler()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            job = sampler.run([(compiled, values[:, order])], shots=self.shots)
            result = job.result()
        self.jobs += 1
        data = result[0].data
        register = data.meas if hasattr(data, "meas") else next(iter(data.values()))
        packed = np.asarray(register.array).reshape(len(values), self.shots, -1)
        bits = np.unpackbits(packed, axis=-1, bitorder="big")[..., ::-1][..., : program.n_wires]
        return _estimates(bits.astype(np.int64), program)

    def execute(self, qfunc: Callable, inputs: torch.Tensor, weights: dict, n_wires: int,
                wires: list | None = None) -> torch.Tensor:
        """Shot estimates of ``qfunc(inputs, **weights)``, differentiable by parameter shift."""
        program = lower(record(qfunc, inputs, **weights), n_wires, wires)
        ops = qiskit_ops(program)
        batch = inputs.shape[0] if inputs.dim() > 1 else 1
        angles = angle_matrix(ops, batch, inputs)  # (B, K)
        out = _ShiftRule.apply(angles, self, ops, program)
        if len(program.measurements) == 1 and program.measurements[0].kind == "expval":
            out = out[:, 0]  # one expectation value: (B,), as on the other engines
        return out if inputs.dim() > 1 else out[0]


class _ShiftRule(torch.autograd.Function):
    """Outputs from one sampler job; backward by the two-term parameter-shift rule."""

    @staticmethod
    def forward(ctx, angles, engine, ops, program):
        base = angles.detach().cpu().double().numpy()  # (B, K)
        batch, k = base.shape
        rows = [base]
        grad = ctx.needs_input_grad[0] and k > 0
        if grad:
            shifts = np.eye(k)[:, None, :] * (math.pi / 2)  # (K, 1, K)
            rows += [(base[None] + shifts).reshape(-1, k), (base[None] - shifts).reshape(-1, k)]
        estimates = engine.sample(ops, program, np.concatenate(rows))  # (N, m)
        out = torch.as_tensor(estimates[:batch], dtype=angles.dtype, device=angles.device)
        if grad:
            plus = estimates[batch: batch + k * batch].reshape(k, batch, -1)
            minus = estimates[batch + k * batch:].reshape(k, batch, -1)
            ctx.save_for_backward(torch.as_tensor((plus - minus) / 2, dtype=angles.dtype,
                                                  device=angles.device))  # (K, B, m)
        return out

    @staticmethod
    def backward(ctx, grad_out):
        (derivative,) = ctx.saved_tensors
        return torch.einsum("bm,kbm->bk", grad_out, derivative), None, None, None
