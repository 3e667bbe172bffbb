"""qcog's fast engine: a batched statevector simulator in plain torch.

The whole batch is simulated at once; parameters that do not depend on the inputs stay
unbatched (batch 1) and broadcast. Gradients of inputs and weights flow to torch on any
device, in float32 or float64 (complex64 / complex128 states). A call

1. records the quantum function under PennyLane's queuing and lowers the tape to qcog's
   gate table (:mod:`qcog.qml.program`);
2. looks up the compiled :class:`~qcog.qml.engines.plan.Plan` of that circuit structure
   (compiled once: one-qubit gates banked per name, the embedding as a product state,
   CNOT runs as one permutation, full layers as Kronecker blocks of
   :data:`GROUP_SIZES` wires, or on a CPU at batches of :data:`LAYER_MIN_BATCH` and more
   the weight layers as one pass of the native layer kernel each,
   :mod:`qcog.qml.engines.layer_kernel`);
3. builds this call's gate matrices (a few autograd nodes per gate name) and runs the
   evolution as one autograd node (:class:`~qcog.qml.engines.evolve.Evolve`), with
   backprop or adjoint gradients (:data:`GRADIENTS`) on as many threads as the work
   deserves (:mod:`qcog.qml.threads`); a narrow circuit (at most ``fuse_max_wires``
   wires) instead has its batch-independent runs of steps fused into one matrix each
   (:mod:`qcog.qml.engines.segments`) and its few remaining steps differentiated by
   autograd directly;
4. reads the measurements (:mod:`qcog.qml.engines.measure`) and lays them out as
   ``qml.qnn.TorchLayer`` does.

PennyLane's wire order is kept: wire 0 is the most significant bit.

>>> import torch, pennylane as qml
>>> def qfunc(inputs):
...     qml.RY(inputs[..., 0], wires=0)
...     return qml.expval(qml.PauliZ(0))
>>> x = torch.tensor([[0.0], [torch.pi]], dtype=torch.float64)
>>> TorchEngine().execute(qfunc, x, {}, n_wires=1)
tensor([ 1., -1.], dtype=torch.float64)
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable

import torch

from qcog.exceptions import QcogValueError
from qcog.qml.engines import compiled, layer_kernel, segments
from qcog.qml.engines.evolve import Evolve, initial_state, step_matrix, use_adjoint
from qcog.qml.engines.measure import Measurer, probabilities
from qcog.qml.engines.plan import Plan, compile_plan
from qcog.qml.gates import complex_dtype
from qcog.qml.program import Program, StatePrep, lower, record, trace
from qcog.qml.threads import intra_op_threads, threads_for_work

#: circuit width up to which -> wires fused per Kronecker group in a full layer of
#: one-qubit gates (a group of k is one dense 2**k matmul; its matrix is built by
#: autograd). Measured on a 2-core CPU (StronglyEntanglingLayers, 3 layers,
#: forward+backward, one thread, ms a step, groups of 4 / 3 / 2): float64 8q B256 6.7 /
#: 7.7 / 7.3, 10q B64 8.3 / 9.0 / 8.8, 12q B64 29.8 / 32.7 / 33.0, 12q B256 114 / 126 (5:
#: 31.5, 6: 54 at 12q B64); float32 10q B256 13.9 / 14.7 / 15.3, 12q B64 17.0 / 16.8; 6q
#: equal. Up to 5 qubits the weight layers are fused whole
#: (:mod:`qcog.qml.engines.segments`) and the rest goes gate by gate.
GROUP_SIZES = {5: 1, 64: 4}

#: Smallest batch whose full layers of batch-independent one-qubit gates run on the native
#: layer kernel (:mod:`qcog.qml.engines.layer_kernel`; it works on tiles of
#: :data:`~qcog.qml.engines.layer_kernel.CHUNK` batch columns, padded); smaller batches keep
#: the Kronecker groups.
LAYER_MIN_BATCH = 16

#: Widest circuit whose layers run on the native layer kernel: its tiles (all ``2**n`` rows
#: of at least 8 columns, four planes: 16 MiB at 16 qubits in float64, per thread) stay far
#: below the state's size only up to here. SEL 3 layers, batch 16, float64, one thread, ms a
#: step with the kernel / with Kronecker groups: 14 qubits 23.3 / 37.1, 16 qubits 112 / 170.
LAYER_MAX_WIRES = 16

#: How gradients of the evolution are computed: "auto" (backprop while the stored states
#: fit :data:`qcog.qml.engines.evolve.BACKPROP_MAX_BYTES`, else adjoint), "backprop", "adjoint".
GRADIENTS = ("auto", "backprop", "adjoint")


class TorchEngine:
    """Simulate lowered programs with batched torch tensor operations.

    Args:
        group_sizes: overrides :data:`GROUP_SIZES` (width limit -> wires per group).
        gradient: ``"auto"`` (backprop, adjoint above
            :data:`~qcog.qml.engines.evolve.BACKPROP_MAX_BYTES` of stored states),
            ``"backprop"`` or ``"adjoint"``.
        threads: torch intra-op threads while simulating: ``"auto"`` (by work size,
            :mod:`qcog.qml.threads`), a count, or None (leave torch's setting).
        fuse_max_wires: widest circuit simulated as a narrow one: batch-independent runs
            of steps fused into one matrix (:mod:`qcog.qml.engines.segments`) and the
            evolution differentiated by autograd, op by op (default
            :data:`~qcog.qml.engines.segments.FUSE_MAX_WIRES`; 0: never).
        compile: run small circuits (at most
            :data:`~qcog.qml.engines.compiled.COMPILE_MAX_AMPLITUDES` amplitudes over the
            batch for the dtype, on a CPU) as one ``torch.compile``-d function per
            structure, in real arithmetic (:mod:`qcog.qml.engines.compiled`): faster steps
            after a compilation of seconds per structure; needs a C++ compiler.
        native: on a CPU, apply full layers of batch-independent one-qubit gates (weight
            layers) with the native layer kernel (:mod:`qcog.qml.engines.layer_kernel`,
            built on first use with the system's C compiler) for calls on one torch thread
            at batches of at least :data:`LAYER_MIN_BATCH` and up to
            :data:`LAYER_MAX_WIRES` qubits; False, or no working compiler, keeps Kronecker
            groups.
    """

    name = "torch"

    def __init__(self, group_sizes: dict[int, int] | None = None, gradient: str = "auto",
                 threads: int | str | None = "auto", fuse_max_wires: int | None = None,
                 compile: bool = False, native: bool = True):
        if gradient not in GRADIENTS:
            raise QcogValueError(f"gradient must be one of {', '.join(GRADIENTS)}, got {gradient!r}")
        if threads not in ("auto", None) and (isinstance(threads, bool) or not isinstance(threads, int)
                                              or threads < 1):
            raise QcogValueError(f"threads must be 'auto', None or a positive integer, got {threads!r}")
        if fuse_max_wires is not None and (isinstance(fuse_max_wires, bool)
                                           or not isinstance(fuse_max_wires, int) or fuse_max_wires < 0):
            raise QcogValueError(f"fuse_max_wires must be None or an integer >= 0, got {fuse_max_wires!r}")
        if not isinstance(compile, bool):
            raise QcogValueError(f"compile must be True or False, got {compile!r}")
        if not isinstance(native, bool):
            raise QcogValueError(f"native must be True or False, got {native!r}")
        self.compile, self.native = compile, native
        self.group_sizes = dict(GROUP_SIZES if group_sizes is None else group_sizes)
        self.fuse_max_wires = segments.FUSE_MAX_WIRES if fuse_max_wires is None else fuse_max_wires
        self.gradient = gradient
        self.threads = threads
        self._cache: dict = {}
        self._measurer = Measurer(self._rotate)

    def __getstate__(self):
        return {"group_sizes": self.group_sizes, "gradient": self.gradient, "threads": self.threads,
                "fuse_max_wires": self.fuse_max_wires, "compile": self.compile,
                "native": self.native}

    def group_size(self, n: int) -> int:
        """How many wires of a full one-qubit layer are fused into one matrix at width ``n``."""
        for limit in sorted(self.group_sizes):
            if n <= limit:
                return min(n, self.group_sizes[limit])
        return self.group_sizes[max(self.group_sizes)]

    def __setstate__(self, state):
        self.__init__(**state)

    def execute(self, qfunc: Callable, inputs: torch.Tensor, weights: dict, n_wires: int,
                wires: list | None = None) -> torch.Tensor:
        """Record, lower and simulate ``qfunc(inputs, **weights)``.

        Args:
            qfunc: a PennyLane quantum function returning expval/probs measurements.
            inputs: ``(B, features)`` or ``(features,)`` real tensor.
            weights: name -> real tensor.
            n_wires: circuit width.
            wires: wire labels (default ``0 .. n_wires-1``).

        Returns:
            as ``qml.qnn.TorchLayer`` lays them out (:meth:`qcog.qml.program.Program.assemble`):
            one expval ``(B,)``, one probs ``(B, 2**k)``, a list of measurements
            ``(B, total)``; without a batch dimension the leading ``B`` is dropped.
        """
        return _eager_entry()(self, qfunc, inputs, weights, n_wires, wires)

    def statevector(self, qfunc: Callable, inputs: torch.Tensor, weights: dict, n_wires: int,
                    wires: list | None = None) -> torch.Tensor:
        """The final states of ``qfunc(inputs, **weights)``, before any measurement.

        The measurements the quantum function returns are ignored. Differentiable.

        Args:
            qfunc, inputs, weights, n_wires, wires: as for :meth:`execute`.

        Returns:
            ``(B, 2**n_wires)`` complex states (``B = 1`` when nothing depended on a
            batch); wire 0 is the most significant bit, as in PennyLane.

        >>> import torch, pennylane as qml
        >>> def qfunc(inputs):
        ...     qml.Hadamard(wires=0)
        ...     return qml.probs()
        >>> TorchEngine().statevector(qfunc, torch.zeros(1, 1, dtype=torch.float64), {}, 1)
        tensor([[0.7071+0.j, 0.7071+0.j]], dtype=torch.complex128)
        """
        program = lower(record(qfunc, inputs, **weights), n_wires, wires, self._cache)
        like = inputs if inputs.is_floating_point() else inputs.to(torch.get_default_dtype())
        batch = like.shape[0] if like.dim() > 1 else 1
        with intra_op_threads(self.thread_count(batch, n_wires)):
            return self._simulate(program, like).mT.contiguous()

    def thread_count(self, batch: int, n_wires: int) -> int | None:
        """Intra-op threads for a call of ``batch`` states of ``n_wires`` qubits (None: leave
        torch's setting); see :mod:`qcog.qml.threads`."""
        if self.threads != "auto":
            return self.threads
        return threads_for_work(batch * 2**n_wires)

    def run(self, program: Program, like: torch.Tensor) -> torch.Tensor:
        """Simulate ``program``; ``like`` gives the dtype and device (and the batch size)."""
        like = like if like.is_floating_point() else like.to(torch.get_default_dtype())
        batch = like.shape[0] if like.dim() > 1 else 1
        n = program.n_wires
        with intra_op_threads(self.thread_count(batch, n)):
            columns = self._measurer.z_readout(program.measurements, n, like)
            if columns is not None:  # <Z> read inside the evolution
                out = self._simulate(program, like, columns)
                outputs = [out if len(program.measurements) > 1 else out[:, 0]]
            else:
                psi = self._simulate(program, like).mT  # (B, 2**n), a view of the batch-last state
                outputs = self._measurer.measure_all(psi, program.measurements, n)
        out = program.assemble(outputs, batched=like.dim() > 1)
        if like.dim() > 1 and out.shape[0] != like.shape[0]:  # nothing depended on the inputs
            out = out.expand(like.shape[0], *out.shape[1:])
        return out

    # -- simulation -------------------------------------------------------------------
    def plan(self, program: Program, device: torch.device | str, pairs: bool = False,
             on_state: bool = False, layers: bool = False) -> Plan:
        """The compiled :class:`~qcog.qml.engines.plan.Plan` of ``program``'s structure (cached).

        With ``pairs`` the plan for :mod:`qcog.qml.engines.compiled`: gate by gate (group
        size 1, no fusion), with its :class:`~qcog.qml.engines.compiled.CompiledEvolution`.
        With ``on_state`` the gates act on a given state (no product-state prefix: the basis
        change of ``probs(op=...)``). With ``layers`` weight layers are
        :class:`~qcog.qml.engines.steps.Layer` steps (the native kernel).
        """
        kind = "pairs" if pairs else "on_state" if on_state else "layers" if layers else "plan"
        key = (kind, program.signature(), program.n_wires, str(device))
        plan = self._cache.get(key)
        if plan is None and pairs:
            plan = self._cache[key] = compile_plan(program, 1, device, fuse_max_wires=0)
            plan.compiled = compiled.CompiledEvolution(plan)
        elif plan is None:
            plan = self._cache[key] = compile_plan(program, self.group_size(program.n_wires), device,
                                                   prefix=0 if on_state else None,
                                                   fuse_max_wires=self.fuse_max_wires,
                                                   layers=layers)
        return plan

    def _simulate(self, program: Program, like: torch.Tensor,
                  readout: torch.Tensor | None = None) -> torch.Tensor:
        """The final states, batch-last ``(2**n, B)``, or with ``readout`` (sign columns
        ``(2**n, k)``, :meth:`~qcog.qml.engines.measure.Measurer.z_readout`) their <Z>
        values ``(B, k)``."""
        n = program.n_wires
        if self._compiles(like, n):
            return self._simulate_compiled(program, like, readout)
        plan = self.plan(program, like.device, layers=self._layers(like, n))
        banks, operands = plan.inputs(program.gates, like)
        x0 = self._initial(plan, program, like)
        if not plan.steps and x0 is not None:
            return x0 if readout is None else _read(x0, readout)
        batch = max([1 if x0 is None else x0.shape[1]]
                    + [t.shape[0] for t in (*banks, *operands) if t is not None])
        adjoint = self.gradient == "adjoint" or (
            self.gradient == "auto" and use_adjoint(len(plan.steps), batch, n, like.dtype))
        threads = self.thread_count(batch, n)
        if n <= self.fuse_max_wires and not adjoint:
            x = _plain_evolve(plan, x0, banks, operands)
            return x if readout is None else _read(x, readout)
        return Evolve.apply(plan, adjoint, threads, x0, readout, *banks, *operands)

    def _layers(self, like: torch.Tensor, n: int) -> bool:
        """Whether this call's weight layers run on the native layer kernel: on a CPU, on
        one torch thread (the kernel's; on more, torch's parallel Kronecker products were
        faster: SEL 12q B256 float64 on 2 threads 66 ms a step with them, 77 with the kernel
        on one thread and the rest on two), batch and width in range."""
        batch = like.shape[0] if like.dim() > 1 else 1
        return (self.native and like.device.type == "cpu" and torch.get_num_threads() == 1
                and batch >= LAYER_MIN_BATCH and self.fuse_max_wires < n <= LAYER_MAX_WIRES
                and layer_kernel.available(complex_dtype(like.dtype)))

    def _compiles(self, like: torch.Tensor, n: int) -> bool:
        """Whether this call runs compiled (:mod:`qcog.qml.engines.compiled`)."""
        if not self.compile or self.gradient == "adjoint" or like.device.type != "cpu":
            return False  # compiled on CPUs only: measured there, not yet on a GPU
        return compiled.compiles(like.shape[0] if like.dim() > 1 else 1, n, like.dtype)

    def _simulate_compiled(self, program: Program, like: torch.Tensor,
                           readout: torch.Tensor | None = None) -> torch.Tensor:
        """The final states ``(2**n, B)`` from the structure's compiled function (its plan
        is compiled gate by gate: group size 1, no fusion), or with ``readout`` the <Z>
        values ``(B, k)``."""
        plan = self.plan(program, like.device, pairs=True)
        x0 = self._initial(plan, program, like)
        if not plan.steps and x0 is not None and readout is None:
            return x0
        return plan.compiled(program.gates, like, x0, readout)

    def _initial(self, plan: Plan, program: Program, like: torch.Tensor) -> torch.Tensor | None:
        """The initial state ``(2**n, B')`` when it is not the prefix's product state."""
        n = program.n_wires
        if plan.state_prep:
            return self._state_prep(program.gates[0], n, like).mT.contiguous()
        if not any(plan.initial):  # no one-qubit gates on |0...0> before the first step
            x0 = torch.zeros(2**n, 1, dtype=complex_dtype(like.dtype), device=like.device)
            x0[0] = 1
            return x0
        return None

    def _rotate(self, psi: torch.Tensor, gates: list) -> torch.Tensor:
        """Apply lowered ``gates`` to states ``psi`` (the basis change of ``probs(op=...)``)."""
        n = psi.shape[1].bit_length() - 1
        like = torch.view_as_real(psi)[..., 0]
        plan = self.plan(Program(n, gates, []), psi.device, on_state=True)
        banks, operands = plan.inputs(gates, like)
        threads = self.thread_count(psi.shape[0], n)
        return Evolve.apply(plan, False, threads, psi.mT.contiguous(), None, *banks, *operands).mT

    def _state_prep(self, prep: StatePrep, n: int, like: torch.Tensor) -> torch.Tensor:
        state = prep.state
        if not isinstance(state, torch.Tensor):
            state = torch.as_tensor(state)
        state = state.to(device=like.device, dtype=complex_dtype(like.dtype))
        state = state.reshape(-1, 2 ** len(prep.wires))  # (B, 2**k)
        batch = state.shape[0]
        others = [w for w in range(n) if w not in prep.wires]
        if not others:
            full = state
            order = list(prep.wires)
        else:
            zeros = torch.zeros(2 ** len(others), dtype=state.dtype, device=state.device)
            zeros[0] = 1
            full = (state[:, :, None] * zeros[None, None, :]).reshape(batch, -1)
            order = list(prep.wires) + others
        if order == list(range(n)):
            return full
        tensor = full.reshape(batch, *[2] * n)
        inverse = [order.index(w) for w in range(n)]
        return tensor.permute(0, *[1 + i for i in inverse]).reshape(batch, -1)


def _plain_evolve(plan: Plan, x0: torch.Tensor | None, banks: list, operands: list) -> torch.Tensor:
    """The final states of a narrow circuit, batch-last, differentiated op by op by autograd.

    On a few qubits the evolution node's bookkeeping (stored states, buffers, per-step
    gradient routing) costs more than the handful of small products it saves autograd.
    """
    x = x0
    if x is None:
        x, _ = initial_state(plan, banks, next(t for t in banks if t is not None))
    for step, source in plan.steps:
        x = step.apply(x, step_matrix(source, banks, operands))
    return x


def _read(x: torch.Tensor, readout: torch.Tensor) -> torch.Tensor:
    """<Z> values ``(B, k)`` of batch-last states ``(2**n, B)`` from sign columns."""
    return probabilities(x.mT) @ readout


def _execute_eager(engine, qfunc, inputs, weights, n_wires, wires):
    """Record (PennyLane queuing, plain Python) and simulate, eagerly."""
    program = lower(trace(qfunc, inputs, **weights), n_wires, wires, engine._cache)
    return engine.run(program, inputs)


@functools.cache
def _compile_safe_entry() -> Callable:
    return torch.compiler.disable(_execute_eager)


def _eager_entry() -> Callable:
    """:func:`_execute_eager`, kept outside torch.compile's tracer once torch.compile is in use.

    ``torch.compile`` of a model containing the layer then compiles the classical parts and
    runs this part eagerly (one graph break), instead of tracing PennyLane's internals.
    ``torch.compiler.disable`` imports torch._dynamo (seconds), so it is applied only when
    dynamo has already been loaded (by the user's ``torch.compile``).
    """
    return _compile_safe_entry() if "torch._dynamo" in sys.modules else _execute_eager
