"""Backend specs: one short string that says where circuits run.

======================  ==========================================================
spec                    meaning
======================  ==========================================================
``auto``                Aer on the GPU when one really works here, else Aer on CPU
``aer``                 Qiskit Aer simulator on the CPU
``aer-gpu``             Qiskit Aer simulator on an NVIDIA GPU (``qiskit-aer-gpu``)
``fake:<name>``         a qiskit-ibm-runtime fake backend with its noise model
``ibm:<name>``          a real IBM Quantum backend, by name
``ibm:least_busy``      the least busy IBM Quantum backend the account can use
======================  ==========================================================

>>> BackendSpec.parse("fake:manila")
BackendSpec(kind='fake', name='manila')
>>> str(BackendSpec.parse("AER"))
'aer'
"""

from __future__ import annotations

from dataclasses import dataclass

from qcog.exceptions import UnknownBackendError

KINDS_WITHOUT_NAME = ("auto", "aer", "aer-gpu")
KINDS_WITH_NAME = ("fake", "ibm")
ACCEPTED = "auto, aer, aer-gpu, fake:<name> (e.g. fake:manila), ibm:<name> or ibm:least_busy"


@dataclass(frozen=True)
class BackendSpec:
    """A parsed backend spec: its ``kind`` and, for ``fake``/``ibm``, a ``name``."""

    kind: str
    name: str | None = None

    @classmethod
    def parse(cls, spec: str | BackendSpec) -> BackendSpec:
        """Parse ``spec``; raise :class:`UnknownBackendError` saying what is accepted."""
        if isinstance(spec, BackendSpec):
            return spec
        if not isinstance(spec, str) or not spec.strip():
            raise UnknownBackendError(f"backend spec must be a non-empty string, got {spec!r}; accepted: {ACCEPTED}")
        text = spec.strip()
        kind, sep, name = text.partition(":")
        kind = kind.lower()
        if kind in KINDS_WITHOUT_NAME and not sep:
            return cls(kind)
        if kind in KINDS_WITH_NAME and name.strip():
            return cls(kind, name.strip())
        if kind in KINDS_WITH_NAME:
            raise UnknownBackendError(f"backend spec {spec!r} needs a name after '{kind}:'; accepted: {ACCEPTED}")
        raise UnknownBackendError(f"unknown backend spec {spec!r}; accepted: {ACCEPTED}")

    def __str__(self) -> str:
        return self.kind if self.name is None else f"{self.kind}:{self.name}"
