"""Export a memory experiment with circuit-level noise to a ``stim.Circuit``.

The circuit's operations and the noise of :func:`qcog.qec.noise.noise_schedule` become
Stim instructions one for one (consecutive ones of the same kind merged) (an X-basis reset/readout becomes ``RX``/``MX``); the
detectors and the logical observable become ``DETECTOR`` and ``OBSERVABLE_INCLUDE(0)``
instructions at the end, pointing back into the measurement record.

>>> from qcog.qec.noise import CircuitNoise
>>> from qcog.qec.repetition import repetition_code_memory
>>> c = to_stim(repetition_code_memory(3, 2), CircuitNoise.uniform(0.01))
>>> c.num_detectors, c.num_observables, c.num_measurements
(6, 1, 7)
"""

from __future__ import annotations

from qcog.qec.memory import MemoryExperiment
from qcog.qec.noise import CLIFFORD_GATES, CircuitNoise, noise_schedule

_RESET = {"z": "R", "x": "RX"}
_MEASURE = {"z": "M", "x": "MX"}


def to_stim(experiment: MemoryExperiment, noise: CircuitNoise | None = None):
    """The experiment as a ``stim.Circuit`` with ``noise`` (None: noiseless).

    Args:
        experiment: a memory experiment (its circuit has Clifford gates only).
        noise: the circuit-level noise to insert.

    Returns:
        A ``stim.Circuit`` with detectors and observable 0.

    Raises:
        QcogValueError: a gate Stim cannot simulate.
    """
    import stim

    lines: list[list[str]] = []  # [head, target, target, ...]; one Stim instruction each
    record: dict[int, int] = {}  # classical bit -> position in Stim's measurement record
    for step in noise_schedule(experiment, noise or CircuitNoise()):
        if step.kind == "gate":
            head = CLIFFORD_GATES[step.name][0]
        elif step.kind == "noise":
            head = f"{step.name}({step.p!r})"
        elif step.kind == "reset":
            head = _RESET[step.basis]
        else:
            head = _MEASURE[step.basis]
            for clbit in step.clbits:
                record[clbit] = len(record)
        targets = [str(q) for q in step.qubits]
        if lines and lines[-1][0] == head:
            lines[-1].extend(targets)  # same instruction again: Stim applies targets in order
        else:
            lines.append([head, *targets])
    total = len(record)
    coords = experiment.detector_coords or [()] * experiment.num_detectors
    for bits, coord in zip(experiment.detectors, coords):
        args = ", ".join(f"{c:g}" for c in coord)
        lines.append([f"DETECTOR({args})", *(f"rec[{record[b] - total}]" for b in bits)])
    lines.append(["OBSERVABLE_INCLUDE(0)", *(f"rec[{record[b] - total}]" for b in experiment.observable)])
    return stim.Circuit("\n".join(" ".join(line) for line in lines))
