"""Benchmark: qcog's torch engine versus PennyLane TorchLayer, forward + backward, batch 64.

What it measures: samples per second of one forward and backward pass (loss = sum of
outputs) of AngleEmbedding + StronglyEntanglingLayers at 4q/2L, 6q/3L, 8q/3L, 10q/3L and
12q/3L, for

* ``qcog``: ``QuantumLayer(engine="torch")`` (qcog's batched statevector engine);
* ``default.qubit``: ``qml.qnn.TorchLayer`` on ``default.qubit`` with backprop;
* ``lightning.qubit``: ``qml.qnn.TorchLayer`` on ``lightning.qubit`` with adjoint.

All three run side by side in one process, interleaved, with repeats; medians are
reported, with the ratios qcog / default.qubit and qcog / lightning.qubit.
Target (issue 6): qcog >= 5x default.qubit at every size up to 10 qubits on the CPU
(goal 10x). With ``--device cuda`` qcog runs on the GPU up to 20 qubits (PennyLane stays
on the CPU: default.qubit fails with CUDA tensors).

Run: ``python benchmarks/quantum_layer.py [--quick] [--out DIR] [--device cpu|cuda]``;
writes ``quantum_layer.json`` and ``quantum_layer.png`` into ``benchmarks/results``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

BATCH = 64
CPU_SIZES = [(4, 2), (6, 3), (8, 3), (10, 3), (12, 3)]
CUDA_SIZES = CPU_SIZES + [(14, 3), (16, 3), (18, 3), (20, 3)]
TARGET_RATIO = 5.0
TARGET_MAX_QUBITS = 10


def _qcog_layer(n, layers, device):
    import torch

    from qcog.qml import QuantumLayer

    return QuantumLayer(n_qubits=n, n_layers=layers, seed=0, dtype=torch.float32).to(device)


def _torchlayer(n, layers, device_name):
    import pennylane as qml
    import torch

    dev = qml.device(device_name, wires=n)
    method = "backprop" if device_name == "default.qubit" else "adjoint"

    @qml.qnode(dev, interface="torch", diff_method=method)
    def circuit(inputs, weights):
        qml.AngleEmbedding(inputs, wires=range(n))
        qml.StronglyEntanglingLayers(weights, wires=range(n))
        return [qml.expval(qml.PauliZ(w)) for w in range(n)]

    shapes = {"weights": qml.StronglyEntanglingLayers.shape(n_layers=layers, n_wires=n)}
    torch.manual_seed(0)
    return qml.qnn.TorchLayer(circuit, shapes)


def _step_seconds(layer, x, inner: int, clock=time.perf_counter) -> float:
    import torch

    start = clock()
    for _ in range(inner):
        layer.zero_grad(set_to_none=True)
        layer(x).sum().backward()
    if x.is_cuda:
        torch.cuda.synchronize()
    return (clock() - start) / inner


def _budget_inner(layer, x, seconds: float) -> int:
    """Iterations per timed block so that one block takes about ``seconds``."""
    once = _step_seconds(layer, x, 1)  # also the warm-up
    return max(1, int(seconds / max(once, 1e-6)))


def measure(n: int, layers: int, device: str, quick: bool) -> dict:
    """Median samples/s of each engine at one size, measured interleaved."""
    import torch

    repeats = 3 if quick else 7
    block = 0.1 if quick else 0.3
    x_cpu = torch.rand(BATCH, n, generator=torch.Generator().manual_seed(n))
    runs = {"qcog": (_qcog_layer(n, layers, device), x_cpu.to(device))}
    if n <= 12:
        runs["default.qubit"] = (_torchlayer(n, layers, "default.qubit"), x_cpu)
    if n <= (8 if quick else 10):
        runs["lightning.qubit"] = (_torchlayer(n, layers, "lightning.qubit"), x_cpu)
    inner = {name: _budget_inner(layer, x, block) for name, (layer, x) in runs.items()}
    # CPU time of this process (one torch thread) is the primary measure: on a shared
    # machine wall time also counts waiting for the CPU. Wall time is reported too.
    clock = time.perf_counter if device == "cuda" else time.process_time
    times: dict[str, list[float]] = {name: [] for name in runs}
    walls: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, (layer, x) in runs.items():
            start = time.perf_counter()
            times[name].append(_step_seconds(layer, x, inner[name], clock))
            walls[name].append((time.perf_counter() - start) / inner[name])
    row = {"qubits": n, "layers": layers, "device": device}
    for name in runs:
        row[name] = BATCH / statistics.median(times[name])
        row[f"{name}_wall"] = BATCH / statistics.median(walls[name])
    for name in ("default.qubit", "lightning.qubit"):
        if name in row:
            row[f"ratio_{name}"] = row["qcog"] / row[name]
            row[f"ratio_{name}_wall"] = row["qcog_wall"] / row[f"{name}_wall"]
    return row


def _plot(rows: list[dict], path: Path, device: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.2))
    for name, style in (("qcog", "o-"), ("default.qubit", "s--"), ("lightning.qubit", "^:")):
        pts = [(r["qubits"], r[name]) for r in rows if name in r]
        if pts:
            ax.plot(*zip(*pts), style, label=name if name == "qcog" else f"PennyLane {name}")
    ax.set_yscale("log")
    ax.set_xlabel("qubits (AngleEmbedding + StronglyEntanglingLayers, 4q: 2 layers, else 3)")
    ax.set_ylabel("samples/s (forward+backward, batch 64)")
    ax.set_title(f"Quantum layer throughput ({device})")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def run(quick: bool, out_dir, device: str = "cpu") -> dict:
    """Run the benchmark; write ``quantum_layer.json`` and ``.png`` into ``out_dir``.

    Returns:
        the JSON-ready result: rows per size, the target, and whether it is met.
    """
    import torch

    torch.set_num_threads(1)
    if device == "cuda" and not torch.cuda.is_available():
        raise SystemExit("--device cuda: no CUDA device here")
    sizes = CUDA_SIZES if device == "cuda" else CPU_SIZES
    if quick:
        sizes = sizes[:3] if device == "cpu" else sizes[:5]
    rows = []
    for n, layers in sizes:
        row = measure(n, layers, device, quick)
        rows.append(row)
        parts = [f"{n:2d}q/{layers}L  qcog {row['qcog']:10,.0f}/s"]
        for name in ("default.qubit", "lightning.qubit"):
            if name in row:
                parts.append(f"{name} {row[name]:9,.0f}/s (x{row[f'ratio_{name}']:.1f}, "
                             f"wall x{row[f'ratio_{name}_wall']:.1f})")
        print("  ".join(parts), flush=True)
    checked = [r for r in rows if r["qubits"] <= TARGET_MAX_QUBITS and "ratio_default.qubit" in r]
    result = {
        "benchmark": "quantum_layer",
        "measures": "samples/s of forward+backward, batch 64, AngleEmbedding+StronglyEntanglingLayers; "
        "CPU runs: per process CPU time with 1 torch thread (also *_wall: wall clock)",
        "device": device,
        "torch_threads": torch.get_num_threads(),
        "quick": quick,
        "target": f"qcog >= {TARGET_RATIO}x default.qubit up to {TARGET_MAX_QUBITS} qubits",
        "target_met": bool(checked) and all(r["ratio_default.qubit"] >= TARGET_RATIO for r in checked),
        "min_ratio_default_qubit": min((r["ratio_default.qubit"] for r in checked), default=None),
        "rows": rows,
    }
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "quantum_layer.json").write_text(json.dumps(result, indent=2))
    _plot(rows, out / "quantum_layer.png", device)
    print(f"target met: {result['target_met']} (min ratio vs default.qubit "
          f"{result['min_ratio_default_qubit']:.1f}x)" if checked else "no ratios measured")
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer sizes and repeats")
    parser.add_argument("--out", default=str(Path(__file__).parent / "results"))
    parser.add_argument("--device", default="cpu", choices=("cpu", "cuda"))
    args = parser.parse_args(argv)
    run(args.quick, args.out, args.device)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
