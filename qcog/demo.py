"""``qcog demo``: a short tour of what qcog does, on one backend (default: ``auto``).

Each step is a function ``(backend, seed) -> dict`` with a ``title``, the ``lines`` it
prints and its data. The steps run in :data:`STEPS` order; a step whose feature needs an
optional piece that is missing reports that instead of failing the whole demo.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from qcog.backends import Backend, get_backend

SHOTS = 2000


def _compare(title: str, circuit, backend: Backend, seed: int) -> dict[str, Any]:
    """Run ``circuit`` and compare its counts with the exact distribution."""
    from qcog.runner import run
    from qcog.testing import reference_probabilities, shot_noise_bound

    result = run(circuit, backend=backend, shots=SHOTS, seed=seed)
    exact = reference_probabilities(circuit)
    freq = result.probabilities
    worst = max(abs(freq.get(k, 0.0) - exact.get(k, 0.0)) for k in set(freq) | set(exact))
    tvd = 0.5 * sum(abs(freq.get(k, 0.0) - exact.get(k, 0.0)) for k in set(freq) | set(exact))
    ranked = sorted(result.counts.items(), key=lambda kv: (-kv[1], kv[0]))[:4]
    lines = [
        f"exact: {', '.join(f'{k}: {p:.3f}' for k, p in sorted(exact.items())[:4])}"
        + (" ..." if len(exact) > 4 else ""),
        f"measured ({SHOTS} shots): {', '.join(f'{k}: {v}' for k, v in ranked)}",
        (f"total variation distance {tvd:.4f}; max deviation {worst:.4f} "
         f"(5-sigma shot-noise bound at p=0.5: {shot_noise_bound(0.5, SHOTS):.4f})"),
        f"{result.twoq_gates} two-qubit gates, depth {result.depth} after transpilation",
    ]
    return {"title": title, "lines": lines, "tvd": tvd, "result": result.to_dict()}


def step_bell(backend: Backend, seed: int) -> dict[str, Any]:
    from qcog.circuits import bell_state

    return _compare("Bell state phi+ = (|00> + |11>)/sqrt(2)", bell_state("phi+"), backend, seed)


def step_ghz(backend: Backend, seed: int) -> dict[str, Any]:
    from qcog.circuits import ghz_state

    return _compare("GHZ state on 6 qubits (log-depth CNOT tree)", ghz_state(6, "log"), backend, seed)


def step_superposition(backend: Backend, seed: int) -> dict[str, Any]:
    from qcog.circuits import uniform_superposition

    return _compare("Uniform superposition H^3", uniform_superposition(3), backend, seed)


def step_noise_preview(backend: Backend, seed: int) -> dict[str, Any]:
    from qcog.circuits import ghz_state
    from qcog.runner import run

    result = run(ghz_state(4), backend="fake:manila", shots=SHOTS, seed=seed)
    good = (result.counts.get("0000", 0) + result.counts.get("1111", 0)) / SHOTS
    return {
        "title": "Noise preview: GHZ(4) on fake:manila (IBM device noise model)",
        "lines": [f"P(0000 or 1111) = {good:.3f} (ideal 1.000); {len(result.counts)} distinct outcomes"],
        "ghz_fidelity_proxy": good,
        "result": result.to_dict(),
    }


def step_grover(backend: Backend, seed: int) -> dict[str, Any]:
    from qcog.algorithms.grover import GroverProblem
    from qcog.circuits.oracles import marked_oracle

    r = GroverProblem(marked_oracle([5, 9], 5)).run(backend, shots=SHOTS, seed=seed)
    return {
        "title": "Grover search: 2 marked values among 32 (5 qubits)",
        "lines": [
            f"found (verified): {r.found}",
            (f"{r.iterations} iterations; success probability theory {r.success_probability:.4f}, "
             f"measured {r.measured_success_probability:.4f}"),
            (f"{r.qubits} qubits ({r.helper_qubits} helper), {r.twoq_per_iteration} two-qubit "
             f"gates per iteration, {r.oracle_queries} oracle queries ({SHOTS} shots x "
             f"{r.iterations})"),
        ],
        "found": r.found,
        "success_probability": r.success_probability,
        "measured_success_probability": r.measured_success_probability,
    }


def step_shor(backend: Backend, seed: int) -> dict[str, Any]:
    from qcog.algorithms.shor import factor

    r = factor(15, a=7, backend=backend, shots=8, seed=seed, force_quantum=True)
    phases = [f"{p['phase']:g} (x{p['count']})" for attempt in r.attempts for p in attempt.phases]
    return {
        "title": "Shor factoring of 15: gate-level semiclassical order finding (dynamic circuit)",
        "lines": [
            r.message,
            (f"a = {r.a}, order r = {r.order}; {r.qubits} qubits, {r.twoq_gates} two-qubit gates, "
             f"depth {r.depth}; {len(r.attempts)} attempt(s)"),
            f"measured phases y/2^t (count): {', '.join(phases[:6])}; verdict: {r.attempts[-1].verdict}",
        ],
        "factors": list(r.factors) if r.factors else None,
        "order": r.order,
    }


def step_quantum_layer(backend: Backend, seed: int) -> dict[str, Any]:
    """Train a 4-qubit QuantumLayer for a few steps; then run the same weights on ``backend``."""
    import torch

    from qcog.qml import QuantumLayer

    gen = torch.Generator().manual_seed(seed)
    x = torch.rand(64, 4, generator=gen) * 3.1416  # (batch, features)
    target = torch.cos(x).prod(dim=1, keepdim=True)  # a smooth function to fit, (batch, 1)
    layer = QuantumLayer(n_qubits=4, n_layers=2, seed=seed, dtype=torch.float64)
    with torch.random.fork_rng():  # seed the head's initialisation without touching the caller's RNG
        torch.manual_seed(seed)
        head = torch.nn.Linear(4, 1, dtype=torch.float64)
    model = torch.nn.Sequential(layer, head)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
    losses = []
    for _ in range(30):
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x.double()), target.double())
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    probe = x[:8].double()
    with torch.no_grad():  # evaluation only: no parameter-shift circuits on the sampler
        exact = layer(probe)
        layer.set_engine(backend.name)
        sampled = layer(probe)
    gap = float((sampled - exact).abs().max())
    return {
        "title": "Quantum layer: a 4-qubit PennyLane circuit trained inside a torch model",
        "lines": [
            f"MSE {losses[0]:.4f} -> {losses[-1]:.4f} in 30 Adam steps (qcog's torch engine)",
            f"same weights on '{backend.name}': max |<Z> sampled - exact| = {gap:.3f} over 8 inputs",
        ],
        "loss_start": losses[0],
        "loss_end": losses[-1],
        "backend_gap": gap,
    }


#: The demo's steps, in order: (name, function).
STEPS: list[tuple[str, Callable[[Backend, int], dict[str, Any]]]] = [
    ("superposition", step_superposition),
    ("bell", step_bell),
    ("ghz", step_ghz),
    ("noise", step_noise_preview),
    ("grover", step_grover),
    ("shor", step_shor),
    ("quantum_layer", step_quantum_layer),
]


def run_demo(backend: str = "auto", seed: int = 1234, only: list[str] | None = None) -> dict[str, Any]:
    """Run the demo's steps on ``backend`` and return everything they produced."""
    resolved = get_backend(backend)
    out: dict[str, Any] = {"backend": resolved.describe(), "seed": seed, "steps": []}
    for name, step in STEPS:
        if only and name not in only:
            continue
        start = time.perf_counter()
        record = step(resolved, seed)
        record["name"] = name
        record["wall_s"] = round(time.perf_counter() - start, 3)
        out["steps"].append(record)
    return out


def format_demo(out: dict[str, Any]) -> str:
    """The demo as readable text."""
    b = out["backend"]
    lines = [f"qcog demo on backend '{b['backend']}' ({b['device']}, {b['num_qubits']} qubits), seed {out['seed']}"]
    for index, step in enumerate(out["steps"], 1):
        lines += ["", f"[{index}] {step['title']}  ({step['wall_s']:.2f} s)"]
        lines += [f"    {line}" for line in step["lines"]]
    return "\n".join(lines)
