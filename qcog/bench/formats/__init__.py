"""How the report shows each benchmark: :data:`FORMATS` maps a benchmark name to its format.

One module per benchmark (``grover``, ``shor``, ``quantum_layer``, ``hybrid_models``,
``simulators``, ``qec``, ``kernels``, ``variational``) turns that benchmark's JSON into headline rows
and markdown tables; a
benchmark without an entry gets the generic format (its top-level numbers and tables).

>>> format_for("grover").title
'Grover search'
>>> format_for("something_new").title
'something_new'
"""

from __future__ import annotations

from qcog.bench.formats import (
    grover,
    hybrid_models,
    kernels,
    qec,
    quantum_layer,
    sequence_models,
    shor,
    simulators,
    variational,
)
from qcog.bench.formats.base import GENERIC, BenchmarkFormat, generic_details

#: benchmark name (its script's file stem) -> how the report shows it.
FORMATS: dict[str, BenchmarkFormat] = {
    "grover": grover.FORMAT,
    "shor": shor.FORMAT,
    "quantum_layer": quantum_layer.FORMAT,
    "hybrid_models": hybrid_models.FORMAT,
    "sequence_models": sequence_models.FORMAT,
    "simulators": simulators.FORMAT,
    "qec": qec.FORMAT,
    "variational": variational.FORMAT,
    "kernels": kernels.FORMAT,
}


def format_for(name: str) -> BenchmarkFormat:
    """The format registered for ``name``, else the generic one titled ``name``."""
    if name in FORMATS:
        return FORMATS[name]
    return BenchmarkFormat(
        title=name, compares="", headline=GENERIC.headline, details=GENERIC.details
    )


__all__ = ["FORMATS", "GENERIC", "BenchmarkFormat", "format_for", "generic_details"]
