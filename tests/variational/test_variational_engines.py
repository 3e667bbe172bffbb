"""Exact engines versus shot-based backends, as one table."""

import pytest

from qcog.exceptions import QcogValueError, UnknownBackendError
from qcog.variational.engines import EXACT_ENGINES, is_exact, shot_backend_kind

#: spec -> what it is
KINDS = {"aer": "local", "aer-gpu": "local", "auto": "local", "fake:manila": "runtime",
         "ibm:least_busy": "runtime"}


@pytest.mark.parametrize("spec", sorted(KINDS))
def test_shot_backends(spec):
    assert not is_exact(spec) and shot_backend_kind(spec, shots=10) == KINDS[spec]


@pytest.mark.parametrize("engine", EXACT_ENGINES)
def test_exact_engines_are_not_shot_backends(engine):
    assert is_exact(engine)
    with pytest.raises(QcogValueError, match="exact engine"):
        shot_backend_kind(engine, shots=10)


@pytest.mark.parametrize("spec, shots, error", [("aer", 0, QcogValueError),
                                                ("aer", True, QcogValueError),
                                                ("qpu", 10, UnknownBackendError)])
def test_bad_requests(spec, shots, error):
    with pytest.raises(error):
        shot_backend_kind(spec, shots)
