"""Mitigation settings: names, scales, fits."""

import pytest

from qcog.exceptions import QcogValueError
from qcog.mitigation.options import Mitigation


@pytest.mark.parametrize("name, readout, zne", [
    ("none", False, False), (None, False, False), ("readout", True, False), ("ZNE", False, True),
    ("both", True, True),
])
def test_names(name, readout, zne):
    m = Mitigation.parse(name)
    assert (m.readout, m.zne) == (readout, zne)
    assert m.run_scales == ((1.0, 3.0, 5.0) if zne else (1.0,))


@pytest.mark.parametrize("kwargs, fragment", [
    ({"name": "all"}, "one of"),
    ({"name": "zne", "scales": "3,5"}, "start with 1"),
    ({"name": "zne", "scales": "1"}, "two distinct"),
    ({"name": "zne", "scales": "1,a"}, "numbers"),
    ({"name": "zne", "scales": "1,0.5"}, "noise scale"),
    ({"name": "zne", "extrapolation": "spline"}, "extrapolation"),
])
def test_bad_settings_are_refused(kwargs, fragment):
    with pytest.raises(QcogValueError, match=fragment):
        Mitigation.parse(**kwargs)
