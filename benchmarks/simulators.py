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

Every point is the median and quartiles of repeats, the engines interleaved within each
repeat (the order rotating), so that load on a shared machine hits all of them alike: 7
repeats for points under a second, 5 under ten seconds, 3 above. A size is skipped for an
engine when its repeats would take more than ``POINT_BUDGET_S`` (predicted from the
previous size). Verdicts (:func:`qcog.bench.stats.compare_timings`): at the widest size
both ran, qcog's torch engine versus Aer CPU on the layered circuit, and Aer GPU versus
Aer CPU on each circuit when a GPU works.

Target (issue 9, an H200 with Aer 0.18.2's CUDA kernels): ``layered`` at 30 qubits
3.2 s in double precision, 28 qubits 0.77 s, versus 72 s on its 16 CPU cores.

Run: ``python benchmarks/simulators.py [--quick] [--out DIR] [--qubits 20,24,28]``;
writes ``simulators.json`` and ``simulators.png`` into ``benchmarks/results``.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path
from typing import Any

import numpy as np

from qcog.circuits.layered import layered_angles
from qcog.circuits.layered import layered_circuit as build_layered

RESULTS = Path(__file__).resolve().parent / "results"
#: the engine every other one is compared with
BASELINE = "aer-cpu"
#: most seconds the repeats of one (circuit, engine, size) point may take (predicted)
POINT_BUDGET_S = 240.0
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


def aer_timer(qc, device: str, precision: str):
    """A function that runs ``qc`` (measured, 1 shot) once on Aer's ``device``: ``(wall, aer)``
    seconds, Aer's own ``time_taken`` being the second. Transpiled once, here."""
    from qiskit import transpile
    from qiskit_aer import AerSimulator

    sim = AerSimulator(method="statevector", device=device, precision=precision)
    measured = qc.copy()
    measured.measure_all()
    compiled = transpile(measured, sim, optimization_level=0)

    def once() -> tuple[float, float]:
        start = time.perf_counter()
        result = sim.run(compiled, shots=1, seed_simulator=1).result()
        wall = time.perf_counter() - start
        if not result.success:
            raise RuntimeError(f"Aer {device} failed: {result.status}")
        return wall, float(result.results[0].time_taken)

    return once


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


def torch_timer(n: int, device: str):
    """A function that runs the layered circuit's forward pass once: ``(wall, None)`` seconds."""
    import torch

    layer = _torch_layer(n, LAYERS, device)
    x = torch.zeros(1, 1, dtype=torch.float64, device=device)

    def once() -> tuple[float, None]:
        start = time.perf_counter()
        with torch.no_grad():
            layer(x)
        if device == "cuda":
            torch.cuda.synchronize()
        return time.perf_counter() - start, None

    once()  # warm-up: recording, caches, CUDA kernels
    return once


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


def _kind(engine: dict) -> str:
    if engine["name"].startswith("torch"):
        return engine["name"]
    return "aer-cpu" if engine["device"] == "CPU" else "aer-gpu"


def _repeats(guess_s: float) -> int:
    """Repeats for a point whose one run takes about ``guess_s`` seconds."""
    return 7 if guess_s < 1 else 5 if guess_s < 10 else 3


def _timer(engine: dict, qc, n: int, tdevice: str | None):
    if engine["name"].startswith("torch"):
        return torch_timer(n, tdevice)
    return aer_timer(qc, engine["device"], engine["precision"])


def time_point(timers: dict, repeats: int) -> dict[str, dict[str, list]]:
    """Run every engine's timer ``repeats`` times, interleaved, the order rotating each repeat."""
    names = list(timers)
    out = {name: {"wall": [], "aer": []} for name in names}
    for r in range(repeats):
        for name in names[r % len(names):] + names[: r % len(names)]:
            wall, aer = timers[name]()
            out[name]["wall"].append(wall)
            if aer is not None:
                out[name]["aer"].append(aer)
    return out


def _row(cname, engine, n, gates, samples, bw, reference) -> dict[str, Any]:
    from qcog.bench.stats import compare_timings, timing

    t = timing(samples["wall"])
    bpa = 16 if engine["precision"] == "double" else 8
    floor = 2 * 2**n * bpa * gates / bw if bw else None
    row = {"circuit": cname, "engine": engine["name"], "qubits": n, "gates": gates,
           "seconds": t.median, "timing": t.to_dict(), "floor_seconds": floor,
           "floor_ratio": t.median / floor if floor else None}
    if samples["aer"]:
        row["aer_seconds"] = timing(samples["aer"]).to_dict()
    if reference is not None and engine["name"] != BASELINE:
        row["vs_aer_cpu"] = compare_timings(samples["wall"], reference["wall"]).to_dict()
    return row


def run(quick: bool, out_dir: str | Path = RESULTS, qubits: list[int] | None = None,
        progress=None, point_budget_s: float = POINT_BUDGET_S) -> dict[str, Any]:
    """Time every (circuit, engine, qubits) that fits; write simulators.json/png; return the dict."""
    from qcog.bench.progress import Steps
    from qcog.jsonable import to_json

    engines = _aer_engines()
    tdevice = _torch_device()
    host_bw = host_bandwidth(1 << (28 if quick else 30))
    gpu_bw = cuda_bandwidth() if any(e["device"] == "GPU" for e in engines) or tdevice == "cuda" else None
    print(f"host copy bandwidth: {host_bw / 1e9:.1f} GB/s"
          + (f"; GPU copy bandwidth: {gpu_bw / 1e9:.0f} GB/s" if gpu_bw else ""))
    checks = check_agreement(engines, tdevice)
    print("engines agree at 8 qubits: max |<Z> diff| " + ", ".join(f"{k} {v:.1e}" for k, v in checks.items()))
    sizes = qubits or (QUICK_QUBITS if quick else FULL_QUBITS)
    step = Steps(progress, len(CIRCUITS) * len(sizes))
    torch_engine = {"name": f"torch-{tdevice}", "device": "GPU" if tdevice == "cuda" else "CPU",
                    "precision": "double"}
    rows: list[dict[str, Any]] = []
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    partial = out / "simulators.json"
    for cname, build in CIRCUITS.items():
        last: dict[str, tuple[int, float]] = {}  # engine -> (qubits, median seconds)
        for n in sizes:
            qc = build(n)
            gates = gate_count(qc)
            here = [e for e in engines + ([torch_engine] if tdevice and cname == "layered" else [])
                    if n <= _limit(_kind(e), cname, quick) and _fits(n, e["precision"], e["device"])]
            guesses = {e["name"]: last[e["name"]][1] * 2.0 ** (n - last[e["name"]][0])
                       for e in here if e["name"] in last}
            here = [e for e in here if guesses.get(e["name"], 0.0) * _repeats(guesses.get(e["name"], 0.0))
                    <= point_budget_s]
            if not here:
                step(f"{cname} {n}q: skipped")
                continue
            timers = {e["name"]: _timer(e, qc, n, tdevice) for e in here}
            guess = max(guesses.values(), default=0.0)
            if not guesses:  # first size of this circuit: warm every engine up, untimed
                guess = max(timer()[0] for timer in timers.values())
            samples = time_point(timers, _repeats(guess))
            reference = samples.get(BASELINE)
            for engine in here:
                bw = gpu_bw if engine["device"] == "GPU" else host_bw
                row = _row(cname, engine, n, gates, samples[engine["name"]], bw, reference)
                rows.append(row)
                last[engine["name"]] = (n, row["seconds"])
                print(f"{cname:8s} {n:3d}q {gates:5d} gates  {engine['name']:15s} "
                      f"{row['seconds']:9.4f} s (IQR {row['timing']['q1']:.4f}-{row['timing']['q3']:.4f}, "
                      f"n={row['timing']['n']})   floor {row['floor_seconds'] or float('nan'):9.4f} s")
            partial.write_text(to_json({"benchmark": "simulators", "partial": True, "rows": rows}))
            step(f"{cname} {n}q")
    result = {
        "benchmark": "simulators", "quick": quick, "layers": LAYERS, "grover_iterations": GROVER_ITERATIONS,
        "machine": {"cpu_count": os.cpu_count(), "platform": platform.platform(),
                    "host_bandwidth_GBps": host_bw / 1e9,
                    "gpu_bandwidth_GBps": gpu_bw / 1e9 if gpu_bw else None},
        "versions": _versions(), "engines": [e["name"] for e in engines] + ([f"torch-{tdevice}"] if tdevice else []),
        "agreement_max_abs_diff_8q": checks, "reference": REFERENCE, "point_budget_s": point_budget_s,
        "speedups": _speedups(rows), "rows": rows,
    }
    result["verdicts"] = verdicts(rows)
    result["tracked"] = measures(rows)
    result["card"] = _card(rows, sizes, point_budget_s)
    partial.write_text(to_json(result))
    plot(result, out / "simulators.png")
    for line in _summary(result):
        print(line)
    return result


def verdicts(rows: list[dict]) -> list[dict]:
    """Per circuit and engine: the widest size compared with Aer CPU, as a timing verdict."""
    from qcog.bench.verdicts import verdict_row

    out = []
    compared = [r for r in rows if "vs_aer_cpu" in r]
    for cname in CIRCUITS:
        for engine in dict.fromkeys(r["engine"] for r in compared if r["circuit"] == cname):
            widest = max((r for r in compared if r["circuit"] == cname and r["engine"] == engine),
                         key=lambda r: r["qubits"])
            label = f"qcog torch engine ({engine})" if engine.startswith("torch") else engine
            out.append(verdict_row(
                f"seconds per circuit, {cname}, {widest['qubits']} qubits", widest["vs_aer_cpu"],
                quantum=label, classical="aer-cpu", unit="s", versus="peer",
                command="qcog bench --only simulators",
                note=f"{widest['timing']['n']} interleaved repeats; {widest['gates']} gates",
            ))
    return out


def measures(rows: list[dict]) -> list[dict]:
    from qcog.bench.card import measure

    return [measure(f"seconds per circuit, {r['circuit']}, {r['qubits']} qubits, {r['engine']}",
                    r["timing"], higher_is_better=False, unit="s") for r in rows]


def _card(rows: list[dict], sizes: list[int], point_budget_s: float) -> dict:
    from qcog.bench.card import card_fields

    return card_fields(
        inputs={"circuits": {"layered": f"{LAYERS} layers of RY on every qubit + CX chain",
                             "qft": "QFT of |0101...>",
                             "grover": f"{GROVER_ITERATIONS} Grover iterations, one marked value"},
                "qubits": sizes},
        parameters={"shots": 1, "aer_method": "statevector", "fusion": "Aer default",
                    "repeats": "7 (< 1 s), 5 (< 10 s), 3 (longer), interleaved",
                    "point_budget_s": point_budget_s},
        seeds={"angles": 0, "simulator": 1},
        shots=1,
        counts={f"gates_{r['circuit']}_{r['qubits']}q": r["gates"] for r in rows},
    )


def _speedups(rows: list[dict]) -> list[dict]:
    """Aer CPU time / other engine's time (medians), where both ran the same circuit and size."""
    cpu = {(r["circuit"], r["qubits"]): r["seconds"] for r in rows if r["engine"] == BASELINE}
    return [{"circuit": r["circuit"], "qubits": r["qubits"], "engine": r["engine"],
             "speedup_vs_aer_cpu": cpu[(r["circuit"], r["qubits"])] / r["seconds"]}
            for r in rows if r["engine"] != BASELINE and (r["circuit"], r["qubits"]) in cpu]


def _summary(result: dict) -> list[str]:
    lines = []
    by_key = {(r["circuit"], r["engine"], r["qubits"]): r["seconds"] for r in result["rows"]}
    for n, ref_key in ((28, "layered_28q_aer_gpu_s"), (30, "layered_30q_aer_gpu_s")):
        got = by_key.get(("layered", "aer-gpu", n))
        if got is not None:
            lines.append(f"layered {n}q aer-gpu double: {got:.2f} s median (reference {REFERENCE[ref_key]} s on an H200)")
    lines += [f"{v['measure']}: {v['quantum']} vs aer-cpu: ratio {v['comparison']['ratio']['mean']:.3g} "
              f"-> {v['comparison']['verdict']}" for v in result["verdicts"]]
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
    """Seconds vs qubits per circuit (median, IQR error bars), one line per engine, dashed floors."""
    import matplotlib

    from qcog.bench.error_bars import yerr

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    circuits = list(CIRCUITS)
    fig, axes = plt.subplots(1, len(circuits), figsize=(5 * len(circuits), 4), sharey=True)
    for ax, cname in zip(axes, circuits):
        rows = [r for r in result["rows"] if r["circuit"] == cname]
        for engine in dict.fromkeys(r["engine"] for r in rows):
            mine = sorted((r for r in rows if r["engine"] == engine), key=lambda r: r["qubits"])
            qs = [r["qubits"] for r in mine]
            centres, errors = yerr([r["timing"] for r in mine])
            bars = ax.errorbar(qs, centres, yerr=errors, capsize=3, fmt="o-", label=engine)
            if mine and mine[0]["floor_seconds"]:
                ax.plot(qs, [r["floor_seconds"] for r in mine], "--", color=bars[0].get_color(), alpha=0.5)
        ax.set_yscale("log")
        ax.set_title(f"{cname} ({'10 layers RY+CX' if cname == 'layered' else 'QFT' if cname == 'qft' else '2 Grover iterations'})")
        ax.set_xlabel("qubits")
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("seconds per circuit, median and IQR (dashed: per-gate floor)")
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (~1 min on 2 CPU cores)")
    parser.add_argument("--out", default=str(RESULTS), help="output folder (default benchmarks/results)")
    parser.add_argument("--qubits", default=None, help="comma-separated qubit counts, e.g. 20,24,28,30")
    parser.add_argument("--budget", type=float, default=POINT_BUDGET_S,
                        help=f"most seconds per point's repeats, predicted (default {POINT_BUDGET_S:g})")
    args = parser.parse_args(argv)
    qubits = [int(q) for q in args.qubits.split(",")] if args.qubits else None
    run(args.quick, args.out, qubits, point_budget_s=args.budget)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
