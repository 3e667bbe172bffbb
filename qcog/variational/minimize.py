"""Minimise the energy of a variational layer with exact gradients (Adam or L-BFGS).

The layer comes from :func:`qcog.variational.ansatz.energy_layer`; its engine (qcog's
torch engine, PennyLane ``default.qubit`` with backprop or ``lightning.qubit`` with the
adjoint method) computes the energy and its gradient. Every evaluated energy is recorded
in a :class:`~qcog.variational.trace.Trace` with its time, so the time to reach a target
(chemical accuracy) is measured the same way on every engine.

>>> import pennylane as qml
>>> from qcog.variational.ansatz import energy_layer
>>> class OneRotation:
...     n_qubits, n_params = 1, 1
...     def apply(self, theta):
...         qml.RY(theta[0], wires=0)
...     def initial(self, seed=None):
...         return [0.3]
>>> layer = energy_layer(OneRotation(), qml.PauliZ(0), engine="default.qubit")
>>> trace = minimize(layer, OptimizerConfig("lbfgs", steps=20))
>>> round(trace.energies[-1], 6), trace.stopped
(-1.0, 'converged')
"""

from __future__ import annotations

import sys
import time
from typing import Any

from qcog.exceptions import QcogValueError
from qcog.variational.ansatz import WEIGHT, no_inputs
from qcog.variational.optimizer import OptimizerConfig
from qcog.variational.trace import Trace


def _optimizer(config: OptimizerConfig, theta):
    import torch

    if config.name == "adam":
        return torch.optim.Adam([theta], lr=config.lr)
    # One L-BFGS iteration (with its line search) per step, so progress and the
    # stopping rules act between iterations; the curvature history is kept across steps.
    return torch.optim.LBFGS([theta], lr=config.lr, max_iter=1, max_eval=25, history_size=20,
                             line_search_fn="strong_wolfe", tolerance_grad=1e-12,
                             tolerance_change=1e-15)


def minimize(layer: Any, config: OptimizerConfig, progress: bool = False, desc: str = "optimise",
             record_target: float | None = None) -> Trace:
    """Run ``config.steps`` optimiser steps on ``layer``'s parameters, in place.

    Args:
        layer: a variational layer (its output is the energy; one weight ``theta``).
        config: an exact optimiser (``adam`` or ``lbfgs``) and its stopping rules.
        progress: a tqdm progress bar on stderr with the current energy.
        desc: the progress bar's label.
        record_target: an energy whose first reach is timed but does not stop the loop
            (``config.target``, when set, is timed and stops it).

    Returns:
        The :class:`Trace`: the energy after every step (index 0 is the start), every
        evaluation with its time, the time to ``config.target`` and why it stopped.

    Raises:
        QcogValueError: ``config`` is SPSA (use :func:`qcog.variational.spsa_minimize`).
    """
    import torch

    if not config.exact:
        raise QcogValueError(
            f"optimizer {config.name!r} is for shot-based backends; exact engines use adam or lbfgs"
        )
    previous_threads = torch.get_num_threads()
    if config.threads is not None:
        torch.set_num_threads(config.threads)
    try:
        return _minimize(layer, config, progress, desc, record_target)
    finally:
        torch.set_num_threads(previous_threads)


def _minimize(layer, config, progress, desc, record_target) -> Trace:
    import torch
    from tqdm.auto import tqdm

    theta = getattr(layer, WEIGHT)
    x = no_inputs()
    optimizer = _optimizer(config, theta)
    trace = Trace(target=config.target if config.target is not None else record_target)
    start = time.perf_counter()

    def closure():
        optimizer.zero_grad()
        energy = layer(x)
        energy.backward()
        trace.record(float(energy.detach()), time.perf_counter() - start)
        return energy

    bar = tqdm(range(config.steps), desc=desc, disable=not progress, file=sys.stderr, leave=False)
    for _ in bar:
        before = float(optimizer.step(closure).detach())  # the energy at the step start
        trace.end_step(before)
        bar.set_postfix_str(f"E={before:.8f}")
        if config.target is not None and trace.reached_target:
            trace.stopped = "target"
            break
        if len(trace.energies) > 1 and abs(trace.energies[-1] - trace.energies[-2]) < config.tol:
            trace.stopped = "converged"
            break
    bar.close()
    with torch.no_grad():
        final = float(layer(x))
    trace.record(final, time.perf_counter() - start)
    trace.end_step(final)
    trace.wall_s = time.perf_counter() - start
    return trace
