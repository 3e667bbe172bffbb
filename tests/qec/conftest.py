"""Shared helpers for the QEC tests."""

import pytest


def canonical_errors(stim_circuit, by_coords: bool = False) -> dict:
    """The circuit's detector error model as {symptoms: probability}, mechanisms with the
    same symptoms merged (Stim lists them separately across REPEAT blocks).

    Symptoms are detector indices, or with ``by_coords`` the detectors' coordinates (so
    two circuits that number their detectors differently can be compared), plus 'L0'.
    """
    dem = stim_circuit.detector_error_model(decompose_errors=False).flattened()
    coords = dem.get_detector_coordinates() if by_coords else {}
    merged: dict = {}
    for instruction in dem:
        if instruction.type != "error":
            continue
        symptoms = []
        for target in instruction.targets_copy():
            if target.is_relative_detector_id():
                k = target.val
                symptoms.append(tuple(coords[k]) if by_coords else k)
            elif target.is_logical_observable_id():
                symptoms.append("L0")
        key = frozenset(symptoms)
        p, q = merged.get(key, 0.0), instruction.args_copy()[0]
        merged[key] = p * (1 - q) + q * (1 - p)
    return {key: round(p, 10) for key, p in merged.items()}


@pytest.fixture
def dem_form():
    return canonical_errors
