"""``qcog doctor``: text and JSON, exit status from the verdict, GPU failures faked."""

import json

from qcog.cli import main
from qcog.doctor.cuda import GpuDevice, GpuFacts


def test_json_on_this_machine(capsys):
    assert (
        main(["doctor", "--offline", "--only", "aer-package", "--only", "aer-gpu", "--json"]) == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["verdict"] == "ok"
    assert [c["name"] for c in out["checks"]] == ["aer-package", "aer-gpu"]


def test_a_gpu_that_does_not_run_fails_with_the_fix(monkeypatch, capsys):
    facts = GpuFacts(
        driver_found=True,
        driver_cuda=(12, 2),
        devices=(GpuDevice("NVIDIA A100", (8, 0)),),
        libraries={
            "CUDA runtime": "x",
            "cuBLAS": "x",
            "nvJitLink": "x",
            "cuQuantum cuStateVec": None,
        },
    )
    monkeypatch.setattr("qcog.doctor.cuda.gpu_facts", lambda: facts)
    monkeypatch.setattr(
        "qcog.backends.aer.gpu_status",
        lambda: (
            False,
            "GPU probe failed: ImportError: libcustatevec.so.1: cannot open shared object file",
        ),
    )
    assert main(["doctor", "--offline", "--only", "aer-gpu"]) == 1
    out = capsys.readouterr().out
    assert "XX  aer-gpu" in out and "cuQuantum's cuStateVec library is missing" in out
    assert "fix: pip install cuquantum-cu12" in out and out.rstrip().endswith("verdict: fail")
