# Source of tutorials/07_classical_vs_quantum.ipynb; build with `python tutorials/build.py`.

# %% [markdown]
# # 7. Classical versus quantum: reading the benchmark suite's results
#
# `qcog bench` runs every benchmark in `benchmarks/` and writes, into
# `benchmarks/results/`: one JSON file and plots per benchmark, a log per benchmark,
# `suite.json` (what ran, when, how long, and on which machine) and `report.md`, which
# puts the classical (or baseline) and the quantum numbers side by side.
#
# ```bash
# qcog bench --quick                 # every benchmark at small sizes, a few minutes
# qcog bench                         # full sizes (the committed results)
# qcog bench --only grover --only shor --out /tmp/bench
# python benchmarks/grover.py --quick   # one benchmark on its own
# ```
#
# This notebook reads those files. It does not rerun anything: the numbers are those of
# the run recorded in `suite.json` (the committed results come from a full run on the
# machine described there). Set `QCOG_BENCH_RESULTS` to read another folder.

# %%
import os
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import Image, Markdown, display

from qcog.bench import benchmarks_dir, headline_rows, load_results, read_record
from qcog.bench.markdown import records_table, table
from qcog.bench.report import HEADLINE_COLUMNS

SEED = 1234  # nothing random is drawn here; kept for symmetry with the other tutorials
np.random.seed(SEED)
RESULTS = Path(os.environ.get("QCOG_BENCH_RESULTS") or benchmarks_dir() / "results")
record = read_record(RESULTS)
results = load_results(RESULTS)
print("results folder:", RESULTS)
print("benchmarks with results:", ", ".join(results) or "none yet: run `qcog bench --quick` first")

# %% [markdown]
# ## What ran, where and when
#
# Every number below was measured on this machine, in one run per benchmark, with the
# compared implementations interleaved in the same process. Wall times on a shared or
# busy machine are noisy; ratios measured side by side are more trustworthy than
# absolute times.

# %%
machine = record.get("machine") or {}
if machine:
    print(
        f"CPU {machine.get('cpu_model')}, {machine.get('logical_cores')} cores, "
        f"{machine.get('memory_gib')} GiB; Python {machine.get('python')}; {machine.get('date')}"
    )
    gpu = machine.get("gpu") or {}
    print("Aer GPU:", gpu.get("aer_gpu"), "-", gpu.get("aer_gpu_reason"))
runs = [
    {
        "benchmark": name,
        "status": entry.get("status"),
        "mode": "quick" if entry.get("quick") else "full",
        "wall_s": entry.get("wall_s"),
        "finished": entry.get("finished_at"),
        "error": entry.get("error"),
    }
    for name, entry in record["benchmarks"].items()
]
display(Markdown(records_table(runs) if runs else "_no suite record in this folder_"))

# %% [markdown]
# ## The headline: classical and quantum side by side
#
# One row per headline measure: queries, time, gates, accuracy, scaling. The
# "classical or baseline" column is a classical algorithm (classical search, trial
# division and Pollard rho, a classical twin network) or the established quantum
# software that qcog is measured against (qiskit-algorithms, PennyLane devices).

# %%
display(
    Markdown(table(HEADLINE_COLUMNS, headline_rows(results)) if results else "_no results yet_")
)

# %% [markdown]
# ## Grover: oracle queries
#
# Classical search for one marked value among `N = 2**n` needs `(N+1)/2` queries on
# average; Grover needs about `(pi/4) sqrt(N)` iterations per shot. On a log scale the
# two lines have slopes `n` and `n/2`: the quadratic speed-up. The measured points come
# from actual runs on Aer. The speed-up is in *queries*; a simulator pays `2**n` work for
# each query, so simulated Grover is never faster than classical search in wall time.

# %%
grover = results.get("grover")
if grover:
    rows = grover["queries"]
    fig, ax = plt.subplots(figsize=(6, 3.2))
    ax.semilogy(
        [r["n"] for r in rows], [r["classical_expected"] for r in rows], "o-", label="classical"
    )
    ax.semilogy(
        [r["n"] for r in rows],
        [r["grover_expected_until_verified"] for r in rows],
        "s-",
        label="Grover (theory, k/p)",
    )
    measured = [r for r in rows if "measured_expected_until_verified" in r]
    ax.semilogy(
        [r["n"] for r in measured],
        [r["measured_expected_until_verified"] for r in measured],
        "x",
        ms=9,
        label="Grover measured on Aer",
    )
    ax.set_xlabel("search qubits n")
    ax.set_ylabel("oracle queries")
    ax.legend()
    plt.show()
else:
    print("no Grover results: qcog bench --only grover")

# %% [markdown]
# ## The quantum layer: simulation speed
#
# Training a hybrid model spends its time simulating the circuit. Samples per second of
# one forward and backward pass at batch 64, for qcog's batched torch engine and
# PennyLane's `default.qubit` (backprop) and `lightning.qubit` (adjoint, one circuit per
# sample).

# %%
layer = results.get("quantum_layer")
if layer:
    fig, ax = plt.subplots(figsize=(6, 3.2))
    for engine, style in [("qcog", "o-"), ("default.qubit", "s--"), ("lightning.qubit", "^:")]:
        points = [(r["qubits"], r[engine]) for r in layer["rows"] if engine in r]
        if points:
            ax.semilogy(*zip(*points), style, label=engine)
    ax.set_xlabel("qubits")
    ax.set_ylabel("samples/s (forward + backward)")
    ax.legend()
    plt.show()
    print("target:", layer.get("target"), "->", "met" if layer.get("target_met") else "not met")
else:
    print("no quantum-layer results: qcog bench --only quantum_layer")

# %% [markdown]
# ## Shor: time to factor, next to classical factoring
#
# The same `N` factored by trial division, Pollard rho, Shor's gate-level circuit on Aer
# and the simulation-only fast path. Classical factoring of numbers this small takes
# microseconds; simulating the quantum circuit takes seconds and grows exponentially
# with the bits of `N`. Shor's advantage is asymptotic and needs a large fault-tolerant
# machine (tutorial 3 estimates its size for RSA-2048).

# %%
shor = results.get("shor")
if shor:
    fig, ax = plt.subplots(figsize=(6, 3.2))
    for key, label in [
        ("gate_level", "Shor, gate level on Aer"),
        ("fast", "Shor, fast path (simulation only)"),
    ]:
        done = [r for r in shor.get(key, []) if r["factored"]]
        ax.loglog([r["N"] for r in done], [r["wall_s"] for r in done], "o-", label=label)
    every = sorted(
        {r["N"]: r for r in shor.get("gate_level", []) + shor.get("fast", [])}.values(),
        key=lambda r: r["N"],
    )
    ax.loglog(
        [r["N"] for r in every],
        [r["pollard_rho_s"] for r in every],
        "^--",
        label="Pollard rho (classical)",
    )
    ax.set_xlabel("N")
    ax.set_ylabel("seconds")
    ax.legend(fontsize=8)
    plt.show()
else:
    print("no Shor results: qcog bench --only shor")

# %% [markdown]
# ## Hybrid models: accuracy next to their classical twins

# %%
hybrid = results.get("hybrid_models")
if hybrid:
    experiments = list(dict.fromkeys(r["experiment"] for r in hybrid["rows"]))
    x = np.arange(len(experiments))
    fig, ax = plt.subplots(figsize=(6, 3))
    for offset, model in [(-0.2, "hybrid"), (0.2, "classical twin")]:
        acc = [
            next(
                r["test_accuracy"]
                for r in hybrid["rows"]
                if r["experiment"] == e and r["model"] == model
            )
            for e in experiments
        ]
        ax.bar(x + offset, acc, 0.4, label=model)
    ax.set_xticks(x, experiments)
    ax.set_ylabel("test accuracy")
    ax.set_ylim(0, 1)
    ax.legend()
    plt.show()
    print("mode:", "quick (tiny subsets, 1-2 epochs)" if hybrid.get("quick") else "full")
else:
    print("no hybrid-model results: qcog bench --only hybrid_models")

# %% [markdown]
# ## Simulators: seconds per circuit and the bandwidth floor
#
# Every gate of a statevector simulation reads and writes the whole state, so
# `2 * 2**n * bytes per amplitude / bandwidth` per gate is a floor for gate-by-gate
# simulation; Aer's gate fusion beats it by applying several gates per pass.

# %%
simulators = results.get("simulators")
if simulators:
    rows = [r for r in simulators["rows"] if r["circuit"] == "layered"]
    fig, ax = plt.subplots(figsize=(6, 3.2))
    for engine in dict.fromkeys(r["engine"] for r in rows):
        mine = sorted((r for r in rows if r["engine"] == engine), key=lambda r: r["qubits"])
        (line,) = ax.semilogy(
            [r["qubits"] for r in mine], [r["seconds"] for r in mine], "o-", label=engine
        )
        if mine[0].get("floor_seconds"):
            ax.semilogy(
                [r["qubits"] for r in mine],
                [r["floor_seconds"] for r in mine],
                "--",
                color=line.get_color(),
                alpha=0.5,
            )
    ax.set_xlabel("qubits")
    ax.set_ylabel("seconds (dashed: floor)")
    ax.set_title("layered circuit, 10 layers of RY + CX chain")
    ax.legend()
    plt.show()
else:
    print("no simulator results: qcog bench --only simulators")

# %% [markdown]
# ## Every plot the benchmarks saved

# %%
pngs = sorted(RESULTS.glob("*.png"))
for png in pngs:
    print(png.name)
    display(Image(filename=str(png), width=720))
if not pngs:
    print("no plots yet")

# %% [markdown]
# ## Reading these numbers honestly
#
# * A quantum advantage in **queries** (Grover) or in **asymptotic complexity** (Shor)
#   is not an advantage in **time** on a simulator: simulating `n` qubits costs `2**n`.
#   The committed numbers show both, side by side.
# * Gate counts are what real hardware pays for: fewer two-qubit gates mean less noise.
# * Hybrid models are compared with classical twins of the same size; on small tasks the
#   twins are at least as accurate and much faster.
# * `report.md` in the results folder has every table, the plots and the machine.
