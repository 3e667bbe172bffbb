"""Run a memory experiment: sample with Stim, Aer or a backend, decode, count logical errors.

:class:`MemoryProblem` names the code, distance, rounds and physical error rate ``p``
(uniform circuit-level depolarising noise, :meth:`CircuitNoise.uniform`);
:func:`run_memory` samples it and decodes every shot with PyMatching; the
:class:`MemoryResult` holds the logical error rate per shot and per round with exact
binomial intervals.

Samplers:

* ``"stim"``: the circuit exported to Stim with the noise; millions of shots a second,
  sampled and decoded in chunks of bounded memory.
* ``"aer"``: the Qiskit circuit with the same noise as Aer Pauli channels, on Aer's
  stabilizer simulator (a second, independent simulation of the same experiment).
* a backend spec such as ``"fake:manila"``: the noiseless circuit transpiled and run on
  that backend with its own noise (through :func:`qcog.run`); ``p`` is ignored and the
  decoder's prior is the backend's mean error rates (:meth:`CircuitNoise.from_backend`).

>>> result = run_memory(MemoryProblem("repetition", 3, 3, p=0.01), shots=2000, seed=1)
>>> result.logical_errors < 100, result.shots
(True, 2000)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qcog.bench.stats import Interval
from qcog.exceptions import QcogValueError
from qcog.qec.memory import MemoryExperiment, check_basis, check_code_size
from qcog.qec.noise import CircuitNoise, check_probability
from qcog.qec.rates import binomial_interval, per_round_interval
from qcog.qec.sizes import CHUNK_BYTES, check_fits

CODES = ("repetition", "surface")
SIMULATORS = ("stim", "aer")


@dataclass(frozen=True)
class MemoryProblem:
    """A memory experiment to run.

    Attributes:
        code: 'repetition' or 'surface'.
        distance: odd, >= 3.
        rounds: stabiliser rounds, >= 1.
        p: physical error probability of the uniform circuit-level noise, in [0, 1].
        basis: 'z' or 'x' (for the repetition code: 'z' is the bit-flip code, 'x' the
            phase-flip code).
    """

    code: str
    distance: int
    rounds: int
    p: float = 0.001
    basis: str = "z"

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise QcogValueError(f"code must be one of {', '.join(CODES)}, got {self.code!r}")
        check_code_size(self.distance, self.rounds)
        check_probability(self.p, "p (the physical error probability)")
        object.__setattr__(self, "basis", check_basis(self.basis))

    def experiment(self) -> MemoryExperiment:
        """The circuit with its detectors and observable."""
        from qcog.qec.repetition import repetition_code_memory
        from qcog.qec.surface import rotated_surface_code_memory

        if self.code == "repetition":
            flip = "bit" if self.basis == "z" else "phase"
            return repetition_code_memory(self.distance, self.rounds, flip)
        return rotated_surface_code_memory(self.distance, self.rounds, self.basis)

    def noise(self) -> CircuitNoise:
        return CircuitNoise.uniform(self.p)


@dataclass
class MemoryResult:
    """Logical errors of a memory experiment.

    Attributes:
        problem: what ran.
        sampler: 'stim', 'aer' or the backend's name.
        shots, logical_errors: shots sampled and shots the decoder got wrong.
        logical_error_rate: ``logical_errors / shots`` with its 95% Clopper-Pearson interval.
        per_round: the same, converted to a per-round rate (:func:`qcog.qec.rates.per_round`).
        sample_s, decode_s: wall time spent sampling and decoding.
        decoder_noise: the noise model the decoder's graph was built from.
        experiment: the experiment's summary (qubits, measurements, detectors).
        seed: the sampler's seed.
    """

    problem: MemoryProblem
    sampler: str
    shots: int
    logical_errors: int
    logical_error_rate: Interval
    per_round: Interval
    sample_s: float
    decode_s: float
    decoder_noise: CircuitNoise
    experiment: dict[str, Any] = field(default_factory=dict)
    seed: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.problem.code,
            "distance": self.problem.distance,
            "rounds": self.problem.rounds,
            "p": self.problem.p,
            "basis": self.problem.basis,
            "sampler": self.sampler,
            "shots": self.shots,
            "seed": self.seed,
            "logical_errors": self.logical_errors,
            "logical_error_rate": self.logical_error_rate.to_dict(),
            "per_round": self.per_round.to_dict(),
            "sample_s": round(self.sample_s, 6),
            "decode_s": round(self.decode_s, 6),
            "decoder_noise": self.decoder_noise.to_dict(),
            "experiment": self.experiment,
        }


def _check_shots(shots: int) -> None:
    if isinstance(shots, bool) or not isinstance(shots, (int, np.integer)) or shots < 1:
        raise QcogValueError(f"shots must be a positive integer, got {shots!r}")


def run_memory(
    problem: MemoryProblem,
    shots: int,
    seed: int | None = None,
    sampler: str = "stim",
    progress: Callable[[int], None] | None = None,
) -> MemoryResult:
    """Sample ``problem`` ``shots`` times, decode with PyMatching, count logical errors.

    Args:
        problem: code, distance, rounds and physical error rate.
        shots: shots to sample (>= 1).
        seed: seed of the sampler (None: unseeded).
        sampler: 'stim', 'aer', or a backend spec ('fake:NAME', 'aer', ...) whose own
            noise applies (see the module docs).
        progress: called with the number of shots done after each chunk (Stim).

    Returns:
        A :class:`MemoryResult`.

    Raises:
        QcogValueError: bad shots, or a size that would not fit in memory (estimated
            before anything is built).
        BackendUnavailableError: ``ibm:`` specs (submit the circuit with
            :func:`qcog.ibm.submit` and decode its counts with :func:`decode_counts`).
    """
    _check_shots(shots)
    kind = "stim" if sampler == "stim" else "aer"
    check_fits(problem.distance, problem.rounds, int(shots), kind)
    experiment = problem.experiment()
    if sampler == "stim":
        noise = problem.noise()
        sample_s, decode_s, errors = _run_stim(experiment, noise, int(shots), seed, progress)
        name = "stim"
    else:
        noise, records, name, sample_s = _sample_qiskit(experiment, problem, sampler, int(shots), seed)
        start = time.perf_counter()
        errors = _decode_records(experiment, noise, records)
        decode_s = time.perf_counter() - start
        if progress:
            progress(int(shots))
    interval = binomial_interval(errors, int(shots))
    return MemoryResult(
        problem=problem,
        sampler=name,
        shots=int(shots),
        logical_errors=errors,
        logical_error_rate=interval,
        per_round=per_round_interval(interval, problem.rounds),
        sample_s=sample_s,
        decode_s=decode_s,
        decoder_noise=noise,
        experiment=experiment.describe(),
        seed=seed,
    )


def _run_stim(experiment, noise, shots, seed, progress):
    """Sample and decode with Stim in chunks; return (sample_s, decode_s, errors)."""
    from qcog.qec.decoding import count_logical_errors, matching_decoder
    from qcog.qec.stim_export import to_stim

    circuit = to_stim(experiment, noise)
    decoder = matching_decoder(circuit)
    sampler = circuit.compile_detector_sampler(seed=seed)
    chunk = max(1, CHUNK_BYTES // max(1, circuit.num_detectors + 1))
    sample_s = decode_s = 0.0
    errors = done = 0
    while done < shots:
        size = min(chunk, shots - done)
        start = time.perf_counter()
        events, flips = sampler.sample(size, separate_observables=True)
        middle = time.perf_counter()
        errors += count_logical_errors(decoder, events, flips[:, 0])
        sample_s += middle - start
        decode_s += time.perf_counter() - middle
        done += size
        if progress:
            progress(done)
    return sample_s, decode_s, errors


def _sample_qiskit(experiment, problem, sampler, shots, seed):
    """Records from Aer with the uniform noise, or from a backend with its own noise."""
    from qcog.backends import get_backend
    from qcog.runner import run

    if sampler == "aer":
        from qcog.qec.aer_noise import noisy_circuit

        noise = problem.noise()
        backend = get_backend("aer", method="stabilizer")
        circuit = noisy_circuit(experiment, noise)
        level = 0  # keep every noise channel where it is
    else:
        backend = get_backend(sampler)
        if backend.spec.kind == "ibm":
            from qcog.exceptions import BackendUnavailableError

            raise BackendUnavailableError(
                "memory experiments on ibm: backends go through the job store: submit "
                "problem.experiment().circuit with qcog.ibm.submit (or `qcog ibm submit` with "
                "the circuit as OpenQASM), then decode the counts with qcog.qec.decode_counts"
            )
        noise = CircuitNoise.from_backend(backend) if backend.is_noisy else problem.noise()
        circuit, level = experiment.circuit, 1
    result = run(circuit, backend=backend, shots=shots, seed=seed, optimization_level=level)
    return noise, records_from_counts(result.counts, experiment.num_measurements), backend.name, result.wall_s


def records_from_counts(counts: dict[str, int], num_measurements: int) -> np.ndarray:
    """Expand Qiskit counts into one row of measurement outcomes per shot.

    Returns:
        A ``uint8`` array ``(shots, num_measurements)``; column ``k`` is classical bit ``k``.

    Raises:
        QcogValueError: an outcome that does not have ``num_measurements`` bits.
    """
    from qcog.outcomes import shot_records

    return shot_records(counts, num_measurements)


def _decode_records(experiment: MemoryExperiment, noise: CircuitNoise, records) -> int:
    from qcog.qec.decoding import count_logical_errors, matching_decoder
    from qcog.qec.stim_export import to_stim

    decoder = matching_decoder(to_stim(experiment, noise))
    return count_logical_errors(
        decoder, experiment.detection_events(records), experiment.observable_flips(records)
    )


def decode_counts(experiment: MemoryExperiment, counts: dict[str, int], noise: CircuitNoise) -> Interval:
    """The logical error rate of measured ``counts`` (e.g. from an IBM job), decoded with a
    matching graph built from ``noise``.

    Returns:
        The logical error rate per shot with its 95% Clopper-Pearson interval.
    """
    records = records_from_counts(counts, experiment.num_measurements)
    return binomial_interval(_decode_records(experiment, noise, records), len(records))
