import pytest

from qcog.backends import BackendSpec
from qcog.exceptions import UnknownBackendError

GOOD = [
    ("auto", "auto", None),
    ("aer", "aer", None),
    (" AER ", "aer", None),
    ("aer-gpu", "aer-gpu", None),
    ("fake:manila", "fake", "manila"),
    ("fake:sherbrooke", "fake", "sherbrooke"),
    ("ibm:ibm_brisbane", "ibm", "ibm_brisbane"),
    ("ibm:least_busy", "ibm", "least_busy"),
]
BAD = ["", "   ", "gpu", "aer:cpu", "fake:", "ibm:", "qasm_simulator", None, 3]


@pytest.mark.parametrize("text,kind,name", GOOD)
def test_parse_accepts_every_documented_form(text, kind, name):
    spec = BackendSpec.parse(text)
    assert (spec.kind, spec.name) == (kind, name)
    assert BackendSpec.parse(str(spec)) == spec


@pytest.mark.parametrize("text", BAD)
def test_parse_rejects_with_the_accepted_forms(text):
    with pytest.raises(UnknownBackendError, match="accepted: auto, aer, aer-gpu"):
        BackendSpec.parse(text)


def test_parse_passes_spec_objects_through():
    spec = BackendSpec("fake", "manila")
    assert BackendSpec.parse(spec) is spec
