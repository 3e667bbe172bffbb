"""Bond scans: every point within chemical accuracy of FCI; the plot draws."""

import pytest

from qcog.chemistry.scan import bond_scan
from qcog.exceptions import QcogValueError

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def test_h2_scan_is_chemically_accurate_everywhere():
    scan = bond_scan("H2", [0.5, 0.9, 1.6, 2.5])
    assert scan.all_chemically_accurate and scan.max_error_mha < 1e-3
    fci = scan.to_dict()["fci"]
    assert fci.index(min(fci)) == 1  # the minimum of the curve is near equilibrium
    import matplotlib

    matplotlib.use("Agg")
    top, _bottom = scan.plot()
    assert len(top.lines) >= 3


@pytest.mark.slow
def test_lih_scan_is_chemically_accurate_everywhere():
    scan = bond_scan("LiH", [1.0, 1.3, 1.6, 2.0, 2.5, 3.0, 3.5])
    assert scan.all_chemically_accurate, scan.errors_mha


def test_empty_scan_is_refused():
    with pytest.raises(QcogValueError, match="at least one"):
        bond_scan("H2", [])
