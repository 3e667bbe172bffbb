"""PennyLane lightning devices: present, missing, broken."""

from qcog.doctor.pennylane_devices import check_devices, device_check


def test_device_verdicts():
    assert device_check("lightning.qubit", None, True, False).verdict == "ok"
    missing = device_check("lightning.qubit", None, False, False)
    assert missing.verdict == "fail" and missing.fix == "pip install pennylane-lightning"
    assert device_check("lightning.gpu", None, False, gpu_present=False).verdict == "skip"
    wanted = device_check("lightning.gpu", None, False, gpu_present=True)
    assert wanted.verdict == "warn" and "pennylane-lightning-gpu" in wanted.fix
    broken = device_check("lightning.gpu", "ImportError: libcustatevec.so.1", True, True)
    assert broken.verdict == "fail" and "custatevec-cu12" in broken.fix


def test_this_installation_has_lightning_qubit():
    qubit, gpu = check_devices(gpu_present=False)
    assert (qubit.name, qubit.verdict) == ("lightning-qubit", "ok")
    assert (gpu.name, gpu.verdict) == ("lightning-gpu", "skip")
