"""Calibration snapshots of the qubits and couplers a job uses, and broken-coupler warnings."""

from qiskit_ibm_runtime.fake_provider import FakeManilaV2

from qcog.circuits.states import ghz_state
from qcog.ibm.calibration import calibration_snapshot, unusable_instructions
from qcog.ibm.isa import prepare_isa


def test_snapshot_matches_the_backend_properties():
    backend = FakeManilaV2()
    program = prepare_isa([ghz_state(3)], backend, seed=7)
    snapshot = program.calibration
    props = backend.properties()  # the independent record the target was built from
    used = program.items[0].summary()["physical_qubits"]
    assert sorted(int(q) for q in snapshot["qubits"]) == used
    for q in used:
        facts = snapshot["qubits"][str(q)]
        assert abs(facts["t1_us"] - props.t1(q) * 1e6) < 1e-2
        assert abs(facts["readout_error"] - props.readout_error(q)) < 1e-6
        assert abs(facts["sx_error"] - props.gate_error("sx", q)) < 1e-6
    pairs = [tuple(c["qubits"]) for c in snapshot["couplers"]]
    assert len(pairs) == 2 and all(set(p) <= set(used) for p in pairs)
    for coupler in snapshot["couplers"]:
        assert abs(coupler["error"] - props.gate_error("cx", coupler["qubits"])) < 1e-6
    assert snapshot["calibrated_utc"].startswith("2024-") and snapshot["backend"] == "fake_manila"
    assert program.warnings == []


def test_a_coupler_marked_broken_in_the_calibration_is_warned_about():
    backend = FakeManilaV2()  # a private instance: its target is changed below
    assert prepare_isa([ghz_state(2)], backend, optimization_level=0).warnings == []
    backend.target["cx"][(0, 1)].error = 1.0  # level 0: the trivial layout uses 0-1
    program = prepare_isa([ghz_state(2)], backend, optimization_level=0)
    (warning,) = program.warnings
    assert "coupler 0-1 (cx), whose error is 1.0" in warning and "another seed" in warning
    assert program.summary(100)["warnings"] == program.warnings


def test_broken_single_qubit_gates_are_named_per_qubit():
    snapshot = {
        "qubits": {"4": {"sx_error": 1.0, "x_error": 1.0, "readout_error": 0.1}},
        "couplers": [],
    }
    (warning,) = unusable_instructions(snapshot)
    assert warning.startswith("the layout uses qubit 4, whose sx, x error is 1.0")


def test_snapshot_of_explicit_circuits():
    from qiskit import QuantumCircuit

    qc = QuantumCircuit(5)
    qc.sx(4)
    qc.cx(3, 4)
    qc.measure_all()
    snapshot = calibration_snapshot(FakeManilaV2(), [qc], "fake:manila")
    assert set(snapshot["qubits"]) == {"0", "1", "2", "3", "4"}  # measure_all touches all
    assert [c["qubits"] for c in snapshot["couplers"]] == [[3, 4]]
