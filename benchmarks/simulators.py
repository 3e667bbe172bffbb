"""Benchmark: statevector simulators (Aer CPU, Aer GPU, qcog's torch engine) vs the bandwidth floor.

What it measures: seconds to simulate one circuit (one shot; Aer's own gate fusion on)
for rising qubit counts, for three circuits:

* ``layered``: L = 10 layers of RY on every qubit, then a CX chain (the issue's circuit);
* ``qft``: the quantum Fourier transform of a basis state;
* ``grover``: 2 Grover iterations for one marked value (multi-controlled Z, no helpers);

on each engine present: ``aer-cpu`` (double, all cores), ``aer-gpu`` (double) and
``aer-gpu-single`` when Aer's GPU works, and ``torch`` (qcog's fast engine of
``QuantumLayer``, the layered circuit only, written as a PennyLane circuit; on CUDA when
torch sees a GPU). Next to each time it prints the memory-bandwidth floor of the unfused
circuit, ``2 * 2**n * bytes_per_amplitude * gates / bandwidth`` (one read and one write
of the state per gate), with this machine's bandwidth measured by a numpy copy of a
large array (and a torch CUDA copy on a GPU). Fusion lets Aer beat the per-gate floor.
Before timing, the engines' results are checked against each other at the smallest size.

Target (issue 9, an H200 with Aer 0.18.2's CUDA kernels): ``layered`` at 30 qubits
3.2 s in double precision, 28 qubits 0.77 s, versus 72 s on its 16 CPU cores.

Run: ``python benchmarks/simulators.py [--quick] [--out DIR] [--qubits 20,24,28]``;
writes ``simulators.json`` and ``simulators.png`` into ``benchmarks/results``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path
from typing import Any

import numpy as np

from qcog.circuits.layered import layered_angles
from qcog.circuits.layered import layered_circuit as build_layered

RESULTS = Path(__file__).resolve().parent / "results"
LAYERS = 10
GROVER_ITERATIONS = 2
#: the issue's reference figures (H200, Aer 0.18.2 CUDA, layered circuit, double precision)
REFERENCE = {"layered_28q_aer_gpu_s": 0.77, "layered_30q_aer_gpu_s": 3.2, "layered_30q_aer_cpu_16_cores_s": 72.0}
QUICK_QUBITS = [10, 14, 18]
FULL_QUBITS = [12, 16, 20, 24, 26, 28, 30]
#: widest circuit per (engine kind, circuit) in the full run; quick runs stop at 18
FULL_LIMITS = {("aer-cpu", "layered"): 30, ("aer-cpu", "qft"): 26, ("aer-cpu", "grover"): 26,
               ("torch-cpu", "layered"): 22, ("torch-cuda", "layered"): 28}
# (above 16 qubits the torch engine reads <Z> from marginals, without a (2**n, n) sign table)


# -- circuits -----------------------------------------------------------------------------
def layered_circuit(n: int, layers: int = LAYERS, seed: int = 0):
    """L layers of RY on every qubit followed by a CX chain 0->1->...->n-1."""
    return build_layered(n, layers, seed)


def qft_benchmark_circuit(n: int):
    """The QFT of the basis state with every other qubit set."""
    from qcog.circuits.qft import qft_circuit

    qc = qft_circuit(n).copy_empty_like()
    qc.x(range(0, n, 2))
    return qc.compose(qft_circuit(n))


def grover_benchmark_circuit(n: int):
    """Two Grover iterations marking ``x = 1`` (oracle and diffuser as multi-controlled Z)."""
    from qcog.circuits.grover import grover_circuit
    from qcog.circuits.oracles import marked_oracle

    return grover_circuit(marked_oracle([1], n), GROVER_ITERATIONS, helpers=0, measure=False)


CIRCUITS = {"layered": layered_circuit, "qft": qft_benchmark_circuit, "grover": grover_benchmark_circuit}


def gate_count(qc) -> int:
    """Gates that touch the state (measurements, barriers and saves left out)."""
    skip = {"measure", "barrier", "save_statevector", "save_expval"}
    return sum(1 for inst in qc.data if inst.operation.name not in skip)


# -- machine ------------------------------------------------------------------------------
def host_bandwidth(nbytes: int = 1 << 30, repeats: int = 3) -> float:
    """Bytes per second of a numpy copy (read + write counted) of an ``nbytes`` array."""
    src = np.ones(nbytes // 8)
    dst = np.empty_like(src)
    best = min(_timed(lambda: np.copyto(dst, src)) for _ in range(repeats))
    return 2 * src.nbytes / best


def cuda_bandwidth(nbytes: int = 1 << 32, repeats: int = 5) -> float | None:
    """Bytes per second of a device-to-device torch copy (read + write), or None without CUDA."""
    try:
        import torch
    except ImportError:
        return None
    if not torch.cuda.is_available():
        return None
    src = torch.ones(nbytes // 4, device="cuda")
    dst = torch.empty_like(src)
    dst.copy_(src)

    def copy():
        dst.copy_(src)
        torch.cuda.synchronize()

    best = min(_timed(copy) for _ in range(repeats))
    src = dst = None  # free the 2 buffers before the benchmark needs the memory
    torch.cuda.empty_cache()
    return 2 * nbytes / best


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _free_host_bytes() -> int:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_AVPHYS_PAGES")


def _free_gpu_bytes() -> int | None:
    try:
        import torch

        return int(torch.cuda.mem_get_info()[0]) if torch.cuda.is_available() else None
    except Exception:  # noqa: BLE001 - no torch/CUDA: Aer will report a failure itself
        return None


# -- engines ------------------------------------------------------------------------------
def _aer_engines() -> list[dict[str, Any]]:
    from qcog.backends.aer import gpu_status

    engines = [{"name": "aer-cpu", "device": "CPU", "precision": "double"}]
    usable, reason = gpu_status()
    if usable:
        engines += [{"name": "aer-gpu", "device": "GPU", "precision": "double"},
                    {"name": "aer-gpu-single", "device": "GPU", "precision": "single"}]
    else:
        print(f"aer-gpu: skipped ({reason})")
    return engines


def time_aer(qc, device: str, precision: str, repeats: int) -> dict[str, float]:
    """Best wall time and Aer's own time of ``qc`` (measured, 1 shot) on Aer's ``device``."""
    from qiskit import transpile
    from qiskit_aer import AerSimulator

    sim = AerSimulator(method="statevector", device=device, precision=precision)
    measured = qc.copy()
    measured.measure_all()
    compiled = transpile(measured, sim, optimization_level=0)
    best, aer_best = float("inf"), float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        result = sim.run(compiled, shots=1, seed_simulator=1).result()
        wall = time.perf_counter() - start
        if not result.success:
            raise RuntimeError(f"Aer {device} failed: {result.status}")
        best, aer_best = min(best, wall), min(aer_best, float(result.results[0].time_taken))
    return {"seconds": best, "aer_seconds": aer_best}


def _torch_layer(n: int, layers: int, device: str):
    """The layered circuit as a QuantumLayer (PennyLane circuit on qcog's torch engine)."""
    import pennylane as qml
    import torch

    from qcog.qml import QuantumLayer

    def qfunc(inputs, weights):
        for layer in range(layers):
            for q in range(n):
                qml.RY(weights[layer, q], wires=q)
            for q in range(n - 1):
                qml.CNOT(wires=[q, q + 1])
        return [qml.expval(qml.PauliZ(q)) for q in range(n)]

    layer = QuantumLayer(n_qubits=n, qfunc=qfunc, weight_shapes={"weights": (layers, n)},
                         engine="torch", dtype=torch.float64)
    with torch.no_grad():
        layer.weights.copy_(torch.as_tensor(layered_angles(n, layers)))
    return layer.to(device)


def torch_z(n: int, device: str) -> np.ndarray:
    """<Z_q> of the layered circuit from the torch engine."""
    import torch

    layer = _torch_layer(n, LAYERS, device)
    with torch.no_grad():
        return layer(torch.zeros(1, 1, dtype=torch.float64, device=device)).cpu().numpy().reshape(-1)


def time_torch(n: int, device: str, repeats: int) -> dict[str, float]:
    import torch

    layer = _torch_layer(n, LAYERS, device)
    x = torch.zeros(1, 1, dtype=torch.float64, device=device)

    def forward():
        with torch.no_grad():
            layer(x)
        if device == "cuda":
            torch.cuda.synchronize()

    forward()  # warm-up: recording, caches, CUDA kernels
    return {"seconds": min(_timed(forward) for _ in range(repeats))}


def _aer_z(qc, device: str, precision: str) -> np.ndarray:
    from qiskit import transpile
    from qiskit_aer import AerSimulator

    sim = AerSimulator(method="statevector", device=device, precision=precision)
    bare = qc.copy()
    bare.save_statevector()
    state = np.asarray(sim.run(transpile(bare, sim, optimization_level=0)).result().data(0)["statevector"])
    probs = np.abs(state) ** 2
    index = np.arange(probs.size)
    return np.array([probs @ (1 - 2 * ((index >> q) & 1)) for q in range(qc.num_qubits)])


def check_agreement(engines: list[dict], torch_device: str | None, n: int = 8) -> dict[str, float]:
    """Max |<Z_q> difference| to Aer CPU on each circuit at ``n`` qubits (raises over 1e-5)."""
    diffs = {}
    for cname, build in CIRCUITS.items():
        qc = build(n)
        reference = _aer_z(qc, "CPU", "double")
        for engine in engines[1:]:
            diffs[f"{cname}/{engine['name']}"] = float(
                np.abs(_aer_z(qc, engine["device"], engine["precision"]) - reference).max())
        if cname == "layered" and torch_device is not None:
            diffs[f"layered/torch-{torch_device}"] = float(np.abs(torch_z(n, torch_device) - reference).max())
    bad = {k: v for k, v in diffs.items() if v > 1e-5}
    if bad:
        raise RuntimeError(f"engines disagree with Aer CPU at {n} qubits: {bad}")
    return diffs


# -- the run ------------------------------------------------------------------------------
def _limit(kind: str, circuit: str, quick: bool) -> int:
    if quick:
        return 18
    return FULL_LIMITS.get((kind, circuit), 40)


def _fits(n: int, precision: str, device: str) -> bool:
    need = 2**n * (16 if precision == "double" else 8)
    if device == "GPU":
        free = _free_gpu_bytes()
        return free is None or need * 1.2 < free
    return need * 2.5 < _free_host_bytes()


def _torch_device() -> str | None:
    try:
        import torch

        import qcog.qml  # noqa: F401 - the quantum layer's package must be there
    except ImportError:
        return None
    return "cuda" if torch.cuda.is_available() else "cpu"


def run(quick: bool, out_dir: str | Path = RESULTS, qubits: list[int] | None = None) -> dict[str, Any]:
    """Time every (circuit, engine, qubits) that fits; write simulators.json/png; return the dict."""
    engines = _aer_engines()
    tdevice = _torch_device()
    host_bw = host_bandwidth(1 << (28 if quick else 30))
    gpu_bw = cuda_bandwidth() if any(e["device"] == "GPU" for e in engines) or tdevice == "cuda" else None
    print(f"host copy bandwidth: {host_bw / 1e9:.1f} GB/s"
          + (f"; GPU copy bandwidth: {gpu_bw / 1e9:.0f} GB/s" if gpu_bw else ""))
    checks = check_agreement(engines, tdevice)
    print("engines agree at 8 qubits: max |<Z> diff| " + ", ".join(f"{k} {v:.1e}" for k, v in checks.items()))
    sizes = qubits or (QUICK_QUBITS if quick else FULL_QUBITS)
    repeats = 1 if not quick else 2
    rows: list[dict[str, Any]] = []
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    partial = out / "simulators.json"
    for cname, build in CIRCUITS.items():
        for n in sizes:
            qc = build(n)
            gates = gate_count(qc)
            torch_engine = {"name": f"torch-{tdevice}", "device": "GPU" if tdevice == "cuda" else "CPU",
                            "precision": "double"}
            for engine in engines + ([torch_engine] if tdevice and cname == "layered" else []):
                kind = engine["name"] if engine["name"].startswith("torch") else (
                    "aer-cpu" if engine["device"] == "CPU" else "aer-gpu")
                if n > _limit(kind, cname, quick) or not _fits(n, engine["precision"], engine["device"]):
                    continue
                if kind.startswith("torch"):
                    timing = time_torch(n, tdevice, repeats)
                else:
                    timing = time_aer(qc, engine["device"], engine["precision"], repeats)
                bw = gpu_bw if engine["device"] == "GPU" else host_bw
                bpa = 16 if engine["precision"] == "double" else 8
                floor = 2 * 2**n * bpa * gates / bw if bw else None
                row = {"circuit": cname, "engine": engine["name"], "qubits": n, "gates": gates,
                       **timing, "floor_seconds": floor,
                       "floor_ratio": timing["seconds"] / floor if floor else None}
                rows.append(row)
                partial.write_text(json.dumps({"benchmark": "simulators", "partial": True, "rows": rows}))
                print(f"{cname:8s} {n:3d}q {gates:5d} gates  {engine['name']:15s} "
                      f"{timing['seconds']:9.4f} s   floor {floor or float('nan'):9.4f} s   "
                      f"x{row['floor_ratio'] or float('nan'):7.2f}")
    result = {
        "benchmark": "simulators", "quick": quick, "layers": LAYERS, "grover_iterations": GROVER_ITERATIONS,
        "machine": {"cpu_count": os.cpu_count(), "platform": platform.platform(),
                    "host_bandwidth_GBps": host_bw / 1e9,
                    "gpu_bandwidth_GBps": gpu_bw / 1e9 if gpu_bw else None},
        "versions": _versions(), "engines": [e["name"] for e in engines] + ([f"torch-{tdevice}"] if tdevice else []),
        "agreement_max_abs_diff_8q": checks, "reference": REFERENCE,
        "speedups": _speedups(rows), "rows": rows,
    }
    partial.write_text(json.dumps(result, indent=2))
    plot(result, out / "simulators.png")
    for line in _summary(result):
        print(line)
    return result


def _speedups(rows: list[dict]) -> list[dict]:
    """Aer CPU time / other engine's time, where both ran the same circuit and size."""
    cpu = {(r["circuit"], r["qubits"]): r["seconds"] for r in rows if r["engine"] == "aer-cpu"}
    return [{"circuit": r["circuit"], "qubits": r["qubits"], "engine": r["engine"],
             "speedup_vs_aer_cpu": cpu[(r["circuit"], r["qubits"])] / r["seconds"]}
            for r in rows if r["engine"] != "aer-cpu" and (r["circuit"], r["qubits"]) in cpu]


def _summary(result: dict) -> list[str]:
    lines = []
    by_key = {(r["circuit"], r["engine"], r["qubits"]): r["seconds"] for r in result["rows"]}
    for n, ref_key in ((28, "layered_28q_aer_gpu_s"), (30, "layered_30q_aer_gpu_s")):
        got = by_key.get(("layered", "aer-gpu", n))
        if got is not None:
            lines.append(f"layered {n}q aer-gpu double: {got:.2f} s (reference {REFERENCE[ref_key]} s on an H200)")
    for s in result["speedups"]:
        if s["qubits"] == max(r["qubits"] for r in result["rows"] if r["circuit"] == s["circuit"]):
            lines.append(f"{s['circuit']} {s['qubits']}q: {s['engine']} is {s['speedup_vs_aer_cpu']:.1f}x aer-cpu")
    return lines


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("qiskit", "qiskit-aer", "qiskit-aer-gpu", "torch", "pennylane", "numpy"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            pass
    return out


def plot(result: dict, path: Path) -> None:
    """Seconds vs qubits per circuit, one line per engine, dashed per-gate floors."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    circuits = list(CIRCUITS)
    fig, axes = plt.subplots(1, len(circuits), figsize=(5 * len(circuits), 4), sharey=True)
    for ax, cname in zip(axes, circuits):
        rows = [r for r in result["rows"] if r["circuit"] == cname]
        for engine in dict.fromkeys(r["engine"] for r in rows):
            mine = sorted((r for r in rows if r["engine"] == engine), key=lambda r: r["qubits"])
            line, = ax.plot([r["qubits"] for r in mine], [r["seconds"] for r in mine], "o-", label=engine)
            if mine and mine[0]["floor_seconds"]:
                ax.plot([r["qubits"] for r in mine], [r["floor_seconds"] for r in mine], "--",
                        color=line.get_color(), alpha=0.5)
        ax.set_yscale("log")
        ax.set_title(f"{cname} ({'10 layers RY+CX' if cname == 'layered' else 'QFT' if cname == 'qft' else '2 Grover iterations'})")
        ax.set_xlabel("qubits")
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("seconds per circuit (dashed: per-gate bandwidth floor)")
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (~1-2 min on 2 CPU cores)")
    parser.add_argument("--out", default=str(RESULTS), help="output folder (default benchmarks/results)")
    parser.add_argument("--qubits", default=None, help="comma-separated qubit counts, e.g. 20,24,28,30")
    args = parser.parse_args(argv)
    qubits = [int(q) for q in args.qubits.split(",")] if args.qubits else None
    run(args.quick, args.out, qubits)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
