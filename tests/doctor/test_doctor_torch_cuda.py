"""torch and CUDA: CPU builds, CUDA builds without a driver, missing kernels."""

import pytest

from qcog.doctor.cuda import GpuDevice, GpuFacts
from qcog.doctor.torch_cuda import TorchFacts, torch_check, torch_facts

GPU = GpuFacts(driver_found=True, driver_cuda=(12, 4), devices=(GpuDevice("H100", (9, 0)),))


@pytest.mark.parametrize(
    "facts, gpu, verdict, detail, fix",
    [
        (TorchFacts(None), GpuFacts(), "fail", "not installed", "pip install torch"),
        (TorchFacts("2.13.0+cpu"), GpuFacts(), "skip", "CPU build; no GPU here", None),
        (
            TorchFacts("2.13.0+cpu"),
            GPU,
            "warn",
            "the GPU (H100) is unused",
            "--index-url https://download.pytorch.org/whl/cu126",
        ),
        (
            TorchFacts("2.13.0", "12.6"),
            GpuFacts(driver_error="no driver"),
            "skip",
            "no NVIDIA driver",
            None,
        ),
        (
            TorchFacts("2.13.0", "12.6"),
            GpuFacts(driver_found=True, driver_cuda=(11, 8), driver_error="cuInit failed"),
            "fail",
            "driver supports CUDA 11.8",
            "supports CUDA 12.6",
        ),
        (
            TorchFacts("2.13.0", "12.6", True, (("H100", (9, 0)),), ("sm_80", "sm_90")),
            GPU,
            "ok",
            "sees H100 (sm_90)",
            None,
        ),
        (
            TorchFacts("2.13.0", "12.6", True, (("Tesla K80", (3, 7)),), ("sm_80", "sm_90")),
            GPU,
            "warn",
            "no kernels for Tesla K80",
            "index-url",
        ),
    ],
)
def test_torch_verdicts(facts, gpu, verdict, detail, fix):
    check = torch_check(facts, gpu)
    assert check.verdict == verdict and detail in check.detail
    assert fix is None or fix in check.fix


def test_this_installation_is_a_cpu_build():
    facts = torch_facts()
    assert facts.version.startswith("2.") and facts.available is False
