"""Who owns the qiskit_aer module: every combination of the two distributions."""

import pytest

from qcog.doctor.aer_packages import AerDist, aer_distributions, aer_owner_check

CPU = AerDist("qiskit-aer", "0.17.2", binaries=2, matching=2)
GPU = AerDist("qiskit-aer-gpu", "0.17.2", binaries=3, matching=3)
CPU_SHADOWED = AerDist("qiskit-aer", "0.17.2", binaries=2, matching=1)
GPU_SHADOWED = AerDist("qiskit-aer-gpu", "0.17.2", binaries=3, matching=0)


@pytest.mark.parametrize(
    "dists, verdict, detail, fix",
    [
        ([], "fail", "no distribution provides", "pip install qiskit-aer"),
        ([CPU], "ok", "qiskit-aer 0.17.2 (CPU build) owns qiskit_aer", None),
        ([GPU], "ok", "qiskit-aer-gpu 0.17.2 (GPU build) owns qiskit_aer", None),
        (
            [CPU, GPU_SHADOWED],
            "fail",
            "are both installed",
            "--force-reinstall --no-deps qiskit-aer-gpu==0.17.2",
        ),
        (
            [CPU_SHADOWED, GPU],
            "warn",
            "the files in place are qiskit-aer-gpu's (GPU build)",
            "qiskit-aer-gpu==0.17.2",
        ),
        ([CPU_SHADOWED, GPU_SHADOWED], "fail", "mixed files", "qiskit-aer-gpu==0.17.2"),
        (
            [CPU_SHADOWED],
            "fail",
            "1 of its compiled files differ",
            "--force-reinstall --no-deps qiskit-aer==",
        ),
    ],
)
def test_owner_verdicts(dists, verdict, detail, fix):
    check = aer_owner_check(dists)
    assert check.verdict == verdict and detail in check.detail
    assert (fix is None and check.fix is None) or fix in check.fix


def test_this_installation_has_the_cpu_build_in_place():
    (dist,) = aer_distributions()  # the test environment installs qiskit-aer only
    assert dist.name == "qiskit-aer" and dist.binaries >= 1 and dist.in_place
