"""The rotated surface code: layout, Stim's generated circuit, distance, single faults."""

import numpy as np
import pytest

from qcog.qec.decoding import matching_decoder, predict
from qcog.qec.noise import CircuitNoise
from qcog.qec.reference import stim_reference_circuit
from qcog.qec.stim_export import to_stim
from qcog.qec.surface import logical_support, plaquettes, rotated_surface_code_memory


@pytest.mark.parametrize("d", [3, 5, 7])
def test_stabilisers_commute_and_count(d):
    stabs = plaquettes(d)
    assert len(stabs) == d * d - 1
    assert sum(p.kind == "x" for p in stabs) == (d * d - 1) // 2
    xs = [set(p.support) for p in stabs if p.kind == "x"]
    zs = [set(p.support) for p in stabs if p.kind == "z"]
    assert all(len(x & z) % 2 == 0 for x in xs for z in zs)
    # the logicals commute with the other type's stabilisers and anticommute with each other
    lz, lx = set(logical_support(d, "z")), set(logical_support(d, "x"))
    assert all(len(lz & x) % 2 == 0 for x in xs) and all(len(lx & z) % 2 == 0 for z in zs)
    assert len(lz & lx) == 1


@pytest.mark.parametrize("d, rounds", [(3, 1), (3, 3), (5, 2)])
@pytest.mark.parametrize("basis", ["x", "z"])
def test_same_detector_error_model_as_stims_generated_circuit(d, rounds, basis, dem_form):
    """Detectors matched by their (x, y, round) coordinates, which follow Stim's layout."""
    ours = to_stim(rotated_surface_code_memory(d, rounds, basis), CircuitNoise.uniform(0.003))
    reference = stim_reference_circuit("surface", d, rounds, 0.003, basis)
    assert dem_form(ours, by_coords=True) == dem_form(reference, by_coords=True)


@pytest.mark.parametrize("d", [3, 5])
@pytest.mark.parametrize("basis", ["x", "z"])
def test_circuit_level_distance_is_the_code_distance(d, basis):
    """No hook error shortens the logical: the smallest undetected logical fault has d errors."""
    circuit = to_stim(rotated_surface_code_memory(d, d, basis), CircuitNoise.uniform(0.001))
    assert len(circuit.detector_error_model(decompose_errors=True).shortest_graphlike_error()) == d


@pytest.mark.parametrize("basis", ["x", "z"])
def test_every_single_fault_is_corrected(basis):
    """Hand-made errors: X or Z on every qubit after every operation of the d = 3 circuit,
    one at a time; the decoder must undo each (the code corrects any single fault)."""
    import stim

    exp = rotated_surface_code_memory(3, 2, basis)
    decoder = matching_decoder(to_stim(exp, CircuitNoise.uniform(0.001)))
    clean = to_stim(exp)
    cases = []
    for k, instruction in enumerate(clean):
        if instruction.name in ("DETECTOR", "OBSERVABLE_INCLUDE"):
            continue
        for target in instruction.targets_copy():
            for error in ("X_ERROR", "Z_ERROR"):
                faulty = clean[: k + 1] + stim.Circuit(f"{error}(1) {target.value}") + clean[k + 1 :]
                events, flips = faulty.compile_detector_sampler(seed=1).sample(1, separate_observables=True)
                cases.append((events[0], flips[0, 0]))
    events = np.array([e for e, _ in cases])
    flips = np.array([f for _, f in cases])
    assert len(cases) > 300 and flips.any() and events.any(axis=1).sum() > 120
    assert (predict(decoder, events) == flips).all()


def test_logical_error_rate_matches_stims_generated_circuit():
    """Issue check (1) at the sampling level: same p, d, rounds; rates within 4.5 sigma."""
    from qcog.qec.decoding import count_logical_errors

    shots, p = 40_000, 0.006
    rates = []
    for circuit in (to_stim(rotated_surface_code_memory(5, 5, "x"), CircuitNoise.uniform(p)),
                    stim_reference_circuit("surface", 5, 5, p, "x")):
        events, flips = circuit.compile_detector_sampler(seed=11).sample(shots, separate_observables=True)
        rates.append(count_logical_errors(matching_decoder(circuit), events, flips[:, 0]) / shots)
    sigma = np.sqrt(sum(r * (1 - r) for r in rates) / shots)
    assert 0.01 < rates[0] < 0.2
    assert abs(rates[0] - rates[1]) < 4.5 * sigma
