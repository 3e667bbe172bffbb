"""The one place qcog talks to qiskit-ibm-runtime's primitives (Sampler, Estimator).

qiskit-ibm-runtime 0.50 deprecated ``SamplerV2``/``EstimatorV2`` in favour of the
client-side ``executor_sampler.Sampler`` and ``executor_estimator.Estimator`` (built on
``Executor``). :func:`make_primitive` picks the newest classes this installation has,
falls back to the V2 classes on older versions, and keeps deprecation warnings from
reaching users. The same call runs on IBM backends, in sessions and batches, and on
fake backends (qiskit-ibm-runtime's local testing mode).

>>> SubmitOptions(shots=100, twirling=True).to_dict()["twirling"]
True
"""

from __future__ import annotations

import contextlib
import warnings
from dataclasses import asdict, dataclass
from typing import Any

from qcog.exceptions import QcogValueError

KINDS = ("sampler", "estimator")
MODES = ("job", "batch", "session")
DD_SEQUENCES = ("XX", "XpXm", "XY4")


@dataclass(frozen=True)
class SubmitOptions:
    """Options of one submission, stored with the job.

    Attributes:
        shots: shots per circuit (sampler; estimator when ``precision`` is None).
        precision: estimator target standard error (None: the primitive's default).
        dynamical_decoupling: insert DD sequences in idle periods.
        dd_sequence: 'XX', 'XpXm' or 'XY4'.
        twirling: Pauli-twirl gates and measurements (False: the primitive's default;
            the sampler does not twirl, the estimator twirls measurements when its
            resilience level needs it).
        resilience_level: estimator error mitigation 0, 1 or 2 (None: default).
        seed: simulator seed (fake backends only; real hardware has no seed).
        mitigation: estimator options by dotted path, from
            :func:`qcog.mitigation.runtime.runtime_options` (readout mitigation and ZNE
            mapped onto the runtime's resilience settings); not with ``resilience_level``.
    """

    shots: int = 1024
    precision: float | None = None
    dynamical_decoupling: bool = False
    dd_sequence: str = "XX"
    twirling: bool = False
    resilience_level: int | None = None
    seed: int | None = None
    mitigation: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        if isinstance(self.shots, bool) or not isinstance(self.shots, int) or self.shots < 1:
            raise QcogValueError(f"shots must be a positive integer, got {self.shots!r}")
        if self.precision is not None and not 0 < self.precision < 1:
            raise QcogValueError(f"precision must be in (0, 1), got {self.precision!r}")
        if self.dd_sequence not in DD_SEQUENCES:
            raise QcogValueError(
                f"dd_sequence {self.dd_sequence!r}; accepted: {', '.join(DD_SEQUENCES)}"
            )
        if self.resilience_level not in (None, 0, 1, 2):
            raise QcogValueError(
                f"resilience_level must be 0, 1 or 2, got {self.resilience_level!r}"
            )
        if self.mitigation and self.resilience_level is not None:
            raise QcogValueError(
                "give a resilience level or mitigation options, not both (mitigation sets "
                "the resilience level to 0 and turns on what it names)"
            )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@contextlib.contextmanager
def quiet_deprecations():
    """Silence qiskit-ibm-runtime's deprecation warnings inside the block."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        warnings.filterwarnings("ignore", message=".*deprecated.*")
        yield


def primitive_class(kind: str):
    """The newest Sampler/Estimator class this qiskit-ibm-runtime provides."""
    if kind not in KINDS:
        raise QcogValueError(f"unknown primitive {kind!r}; accepted: {', '.join(KINDS)}")
    with quiet_deprecations():
        try:
            if kind == "sampler":
                from qiskit_ibm_runtime.executor_sampler import Sampler as cls
            else:
                from qiskit_ibm_runtime.executor_estimator import Estimator as cls
        except ImportError:  # qiskit-ibm-runtime < 0.50
            if kind == "sampler":
                from qiskit_ibm_runtime import SamplerV2 as cls
            else:
                from qiskit_ibm_runtime import EstimatorV2 as cls
    return cls


def _set(options, path: str, value) -> None:
    """Set a dotted option when the options object has it (versions differ)."""
    *parents, last = path.split(".")
    node = options
    for part in parents:
        node = getattr(node, part, None)
        if node is None:
            return
    if hasattr(node, last):
        setattr(node, last, value)


def configure(primitive, kind: str, options: SubmitOptions, tags: list[str] = ()) -> None:
    """Apply :class:`SubmitOptions` to a primitive's own options object."""
    opts = primitive.options
    if kind == "sampler":
        _set(opts, "default_shots", options.shots)
    elif options.precision is not None:
        _set(opts, "default_precision", options.precision)
    else:
        _set(opts, "default_shots", options.shots)
    if options.resilience_level is not None and kind == "estimator":
        _set(opts, "resilience_level", options.resilience_level)
    for path, value in (options.mitigation or {}).items() if kind == "estimator" else ():
        _set(opts, path, value)
    _set(opts, "dynamical_decoupling.enable", options.dynamical_decoupling)
    if options.dynamical_decoupling:
        _set(opts, "dynamical_decoupling.sequence_type", options.dd_sequence)
    if options.twirling:  # else the primitive's default (the estimator twirls measurements)
        _set(opts, "twirling.enable_gates", True)
        _set(opts, "twirling.enable_measure", True)
    if options.seed is not None:
        _set(opts, "simulator.seed_simulator", options.seed)
    if tags:
        _set(opts, "environment.job_tags", list(tags))


def open_mode(mode: str, backend):
    """The execution mode object: the backend itself, or a ``Batch``/``Session`` on it."""
    if mode not in MODES:
        raise QcogValueError(f"unknown mode {mode!r}; accepted: {', '.join(MODES)}")
    if mode == "job":
        return backend
    with quiet_deprecations():
        from qiskit_ibm_runtime import Batch, Session

        return (Batch if mode == "batch" else Session)(backend=backend)


def run_pubs(kind: str, mode_obj, pubs: list, options: SubmitOptions, tags: list[str] = ()):
    """Submit all ``pubs`` in ONE job; return the runtime job (remote or local).

    Sampler PUBs are ``(isa_circuit,)``; estimator PUBs ``(isa_circuit, isa_observable)``.
    """
    cls = primitive_class(kind)
    with quiet_deprecations():
        primitive = cls(mode=mode_obj)
        configure(primitive, kind, options, tags)
        if kind == "sampler":
            return primitive.run(pubs, shots=options.shots)
        if options.precision is not None:
            return primitive.run(pubs, precision=options.precision)
        return primitive.run(pubs)


def _plain(value: Any) -> Any:
    """JSON-ready copy of primitive metadata (numpy -> lists; unknown objects -> str)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "tolist"):
        return value.tolist()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "__dict__"):
        return _plain({k: v for k, v in vars(value).items() if not k.startswith("_")})
    return str(value)


def pub_record(kind: str, pub_result) -> dict[str, Any]:
    """One PUB's result as plain data: counts per register, or evs and stds."""
    record: dict[str, Any] = {"metadata": _plain(dict(pub_result.metadata))}
    data = pub_result.data
    if kind == "sampler":
        registers = {name: getattr(data, name) for name in data}
        record["registers"] = {name: dict(bits.get_counts()) for name, bits in registers.items()}
        joined = pub_result.join_data() if len(registers) > 1 else next(iter(registers.values()))
        record["counts"] = dict(sorted(joined.get_counts().items()))
        record["shots"] = int(joined.num_shots)
    else:
        record["evs"] = _plain(data.evs)
        record["stds"] = _plain(data.stds)
    return record


def result_records(kind: str, primitive_result) -> dict[str, Any]:
    """The whole ``PrimitiveResult`` as plain data: ``{'pubs': [...], 'metadata': {...}}``."""
    return {
        "pubs": [pub_record(kind, pub) for pub in primitive_result],
        "metadata": _plain(dict(getattr(primitive_result, "metadata", {}) or {})),
    }
