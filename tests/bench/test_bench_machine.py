import os

from qcog.bench.machine import cpu_model, machine_info, memory_gib, usable_cores


def test_machine_info_matches_what_the_os_reports():
    info = machine_info(probe_gpu=False)
    assert info["logical_cores"] == os.cpu_count()
    assert 1 <= info["usable_cores"] == usable_cores() <= os.cpu_count()
    assert info["memory_gib"] == memory_gib() > 0
    assert info["cpu_model"] == cpu_model() and info["cpu_model"]
    assert info["packages"]["qiskit"] and "matplotlib" in info["packages"]
    assert info["gpu"] is None and info["date"].endswith("+00:00")


def test_cpu_model_reads_proc_cpuinfo():
    if os.path.exists("/proc/cpuinfo"):
        with open("/proc/cpuinfo") as f:
            names = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
        if names:
            assert cpu_model() == names[0]
