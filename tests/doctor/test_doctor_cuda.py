"""Why Aer does not run on the GPU: each cause, from made-up machine facts and probe results."""

import pytest

from qcog.doctor.cuda import (
    CUDA_LIBRARIES,
    GpuDevice,
    GpuFacts,
    _driver,
    aer_gpu_check,
    gpu_facts,
)
from qcog.doctor.report import Check

H100 = GpuDevice("NVIDIA H100", (9, 0))
ALL_LIBS = {name: f"/site/nvidia/{name}.so" for name in CUDA_LIBRARIES}
GOOD = GpuFacts(driver_found=True, driver_cuda=(12, 4), devices=(H100,), libraries=ALL_LIBS)
GPU_BUILD = Check("aer-package", "ok", "qiskit-aer-gpu 0.17.2 (GPU build) owns qiskit_aer")
CPU_BUILD = Check("aer-package", "ok", "qiskit-aer 0.17.2 (CPU build) owns qiskit_aer")
NO_GPU = (False, "qiskit-aer lists no GPU device")


def _facts(**changes):
    return GpuFacts(**{**GOOD.__dict__, **changes})


@pytest.mark.parametrize(
    "probe, facts, owner, verdict, detail, fix",
    [
        ((True, "ran on GPU"), GOOD, GPU_BUILD, "ok", "NVIDIA H100 (compute capability 9.0)", None),
        (
            NO_GPU,
            GpuFacts(driver_error="libcuda.so.1 not found"),
            CPU_BUILD,
            "skip",
            "no NVIDIA driver",
            "525",
        ),
        (
            NO_GPU,
            _facts(driver_error="cuInit failed with CUDA error 100", devices=()),
            GPU_BUILD,
            "fail",
            "sees no GPU",
            "--gpus all",
        ),
        (
            NO_GPU,
            _facts(driver_cuda=(11, 8)),
            GPU_BUILD,
            "fail",
            "supports CUDA 11.8",
            "525 or newer",
        ),
        (
            NO_GPU,
            _facts(devices=(GpuDevice("GTX 980 Ti", (5, 2)),)),
            GPU_BUILD,
            "fail",
            "compute capability 5.2",
            "AER_CUDA_ARCH",
        ),
        (
            NO_GPU,
            GOOD,
            CPU_BUILD,
            "fail",
            "the qiskit_aer module is the CPU build",
            "pip install qiskit-aer-gpu",
        ),
        (
            (
                False,
                "GPU probe failed: ImportError: libcustatevec.so.1: cannot open shared object file",
            ),
            GOOD,
            GPU_BUILD,
            "fail",
            "cuStateVec library is missing",
            "pip install cuquantum-cu12",
        ),
        (
            (False, "GPU probe failed: ImportError: undefined symbol __nvJitLinkComplete_12_4"),
            GOOD,
            GPU_BUILD,
            "fail",
            "nvJitLink is missing or older",
            "nvidia-nvjitlink-cu12",
        ),
        (
            (
                False,
                "GPU probe failed: ImportError: libnvJitLink.so.12: cannot open shared object file",
            ),
            GOOD,
            GPU_BUILD,
            "fail",
            "nvJitLink",
            "nvidia-nvjitlink-cu12",
        ),
        (
            (False, "GPU probe failed: RuntimeError: libcudart.so.12: cannot open"),
            GOOD,
            GPU_BUILD,
            "fail",
            "CUDA runtime library is missing",
            "nvidia-cuda-runtime-cu12",
        ),
        (
            (
                False,
                "GPU probe circuit failed: cudaErrorNoKernelImageForDevice: no kernel image "
                "is available",
            ),
            GOOD,
            GPU_BUILD,
            "fail",
            "no kernels",
            "AER_CUDA_ARCH",
        ),
        (
            (False, "GPU probe failed: odd"),
            _facts(libraries={**ALL_LIBS, "cuBLAS": None}),
            GPU_BUILD,
            "fail",
            "not found: cuBLAS",
            "pip install nvidia-cublas-cu12",
        ),
        (
            (False, "GPU probe failed: odd"),
            GOOD,
            GPU_BUILD,
            "fail",
            "odd on NVIDIA H100",
            "available_devices",
        ),
    ],
)
def test_each_cause_gets_its_verdict_and_fix(probe, facts, owner, verdict, detail, fix):
    check = aer_gpu_check(probe, facts, owner)
    assert (check.name, check.verdict) == ("aer-gpu", verdict)
    assert detail in check.detail
    assert (fix is None and check.fix is None) or fix in check.fix


class _FakeDriver:
    """Stands for libcuda.so.1: driver API calls fill their ctypes out-arguments."""

    def __init__(self, init_code=0, version=12040, devices=((b"NVIDIA H200", 9, 0),)):
        self.init_code, self.version, self.devices = init_code, version, devices

    def cuInit(self, flags):
        return self.init_code

    def cuDriverGetVersion(self, out):
        out._obj.value = self.version
        return 0

    def cuDeviceGetCount(self, out):
        out._obj.value = len(self.devices)
        return 0

    def cuDeviceGet(self, out, index):
        out._obj.value = index
        return 0

    def cuDeviceGetName(self, buffer, size, handle):
        buffer.value = self.devices[handle.value][0]
        return 0

    def cuDeviceGetAttribute(self, out, attribute, handle):
        out._obj.value = self.devices[handle.value][1 if attribute == 75 else 2]
        return 0


def test_driver_facts_are_read_through_the_driver_api():
    facts = _driver(lambda name: _FakeDriver())
    assert facts == {
        "driver_found": True,
        "driver_cuda": (12, 4),
        "devices": (GpuDevice("NVIDIA H200", (9, 0)),),
    }
    failing = _driver(lambda name: _FakeDriver(init_code=100))
    assert failing["driver_found"] and "CUDA error 100" in failing["driver_error"]

    def missing(name):
        raise OSError(f"{name}: cannot open shared object file")

    assert _driver(missing) == {"driver_found": False, "driver_error": "libcuda.so.1 not found"}


def test_this_machine_has_no_driver_and_aer_runs_on_the_cpu():
    from qcog.backends.aer import gpu_status

    facts = gpu_facts()
    assert not facts.driver_found and set(facts.libraries) == set(CUDA_LIBRARIES)
    assert aer_gpu_check(gpu_status(), facts).verdict == "skip"
