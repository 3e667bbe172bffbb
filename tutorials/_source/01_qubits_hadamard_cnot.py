# Source of tutorials/01_qubits_hadamard_cnot.ipynb; build with `python tutorials/build.py`.

# %% [markdown]
# # 1. Qubits, Hadamard and CNOT
#
# This first tutorial builds the states every quantum algorithm starts from, using two
# gates: the **Hadamard** `H` (puts one qubit in an equal superposition of 0 and 1) and
# the **CNOT** (flips a target qubit when its control is 1, which entangles them).
#
# You will:
# 1. make a superposition and measure it, and see the shot noise;
# 2. build the four Bell states and a GHZ state, and check them against an exact reference;
# 3. time the same circuits on Aer's CPU simulator and (where one works) its GPU simulator;
# 4. preview what a real IBM device's noise does to them, on the `fake:manila` backend.
#
# Everything runs on your laptop. `qcog` functions return plain Qiskit `QuantumCircuit`s,
# and `qcog.run(circuit, backend=..., shots=..., seed=...)` runs them anywhere.

# %%
import os
import time

import matplotlib.pyplot as plt
import numpy as np

import qcog
from qcog.backends.aer import gpu_status
from qcog.circuits import basis_state, bell_state, circuit_cost, ghz_state, uniform_superposition
from qcog.testing import reference_probabilities, shot_noise_bound

SEED = 1234  # every simulator run below gets this seed: rerunning gives the same counts
SMALL = os.environ.get("QCOG_TUTORIAL_SMALL") == "1"  # CI runs a smaller version
SHOTS = 2000
np.random.seed(SEED)
print("qcog", qcog.__version__, "| small mode" if SMALL else "| full size")

# %% [markdown]
# ## One qubit in superposition
#
# `H|0> = (|0> + |1>)/sqrt(2)`: measuring gives 0 or 1 with probability 1/2 each. A
# circuit of `H` on each of 3 qubits makes all 8 bitstrings equally likely. Qiskit
# prints bitstrings with **qubit 0 on the right**.

# %%
circuit = uniform_superposition(3)
print(circuit.draw("text"))
result = qcog.run(circuit, backend="aer", shots=SHOTS, seed=SEED)
exact = reference_probabilities(circuit)  # an independent numpy simulator in qcog.testing
for bits in sorted(exact):
    print(f"{bits}: measured {result.probabilities.get(bits, 0):.3f}   exact {exact[bits]:.3f}")

# %% [markdown]
# With 2000 shots each frequency wanders around 1/8 by a few percent: that is shot noise,
# not an error. `shot_noise_bound(p, shots)` is the 5-sigma band qcog's tests use.

# %%
band = shot_noise_bound(1 / 8, SHOTS)
worst = max(abs(result.probabilities.get(b, 0) - p) for b, p in exact.items())
print(f"largest deviation {worst:.4f}, 5-sigma shot-noise band {band:.4f}")

fig, ax = plt.subplots(figsize=(6, 2.8))
keys = sorted(exact)
ax.bar(keys, [result.probabilities.get(k, 0) for k in keys], label=f"measured, {SHOTS} shots")
ax.errorbar(keys, [exact[k] for k in keys], yerr=band, fmt="k_", capsize=4, label="exact ± 5σ")
ax.set_ylabel("probability")
ax.set_title("H on 3 qubits")
ax.legend(loc="lower right")
plt.show()

# %% [markdown]
# ## Entanglement: the four Bell states
#
# `H` on qubit 0 then `CNOT(0 -> 1)` gives `(|00> + |11>)/sqrt(2)`: each qubit alone is
# random, yet the two always agree. Adding `X` and `Z` gives the other three Bell states.

# %%
print(bell_state("phi+").draw("text"))
fig, axes = plt.subplots(1, 4, figsize=(11, 2.6), sharey=True)
for ax, which in zip(axes, ["phi+", "phi-", "psi+", "psi-"]):
    res = qcog.run(bell_state(which), backend="aer", shots=SHOTS, seed=SEED)
    keys = ["00", "01", "10", "11"]
    ax.bar(keys, [res.probabilities.get(k, 0) for k in keys])
    ax.set_title(which)
axes[0].set_ylabel("probability")
plt.tight_layout()
plt.show()

# %% [markdown]
# `phi+` and `phi-` give the same counts: they differ by a relative **phase**, which a
# measurement in the computational basis cannot see. Apply `H` to both qubits first and
# they separate:

# %%
for which in ["phi+", "phi-"]:
    qc = bell_state(which)
    qc.h([0, 1])
    print(which, "after H⊗H:", reference_probabilities(qc))

# %% [markdown]
# ## GHZ states, and what the CNOT layout costs
#
# A GHZ state `(|0...0> + |1...1>)/sqrt(2)` needs `n-1` CNOTs. A chain has depth `n`; a
# tree (`layout="log"`) has depth `1 + ceil(log2 n)` with the same number of CNOTs,
# which matters on real devices where qubits decohere while they wait.

# %%
for n in [4, 8, 16]:
    chain, tree = circuit_cost(ghz_state(n, "linear")), circuit_cost(ghz_state(n, "log"))
    print(f"n={n:2d}: {chain.twoq_gates} CNOTs; depth {chain.depth} (chain) vs {tree.depth} (tree)")

ghz = qcog.run(ghz_state(5, "log"), backend="aer", shots=SHOTS, seed=SEED)
print("GHZ(5) counts:", ghz.counts)

# %% [markdown]
# ## Measurement is the end of the story
#
# `qcog.run` adds `measure_all()` when a circuit measures nothing. Measuring a basis
# state gives one outcome every time; with `statevector=True` you also get the exact
# amplitudes before measurement (on Aer).

# %%
print(qcog.run(basis_state("101"), backend="aer", shots=100, seed=SEED).counts)
sv = qcog.run(bell_state("psi-"), backend="aer", shots=100, seed=SEED, statevector=True).statevector
print("psi- amplitudes:", np.round(sv, 3))

# %% [markdown]
# ## Aer on the CPU versus the GPU
#
# Simulating `n` qubits exactly stores `2**n` complex amplitudes, so time and memory
# double with every qubit. We force the `statevector` method (for Clifford circuits such
# as GHZ, Aer's automatic choice would use the much cheaper stabilizer method) and
# time GHZ circuits of growing width. The GPU part runs only where Aer's GPU really works
# (`gpu_status()` runs a tiny circuit to find out; install `qiskit-aer-gpu` for it).

# %%
sizes = [10, 12, 14, 16, 18] if SMALL else [12, 14, 16, 18, 20, 22, 24]
usable, reason = gpu_status()
print("Aer GPU usable:", usable, "-", reason)
backends = {"aer": qcog.get_backend("aer", method="statevector")}
if usable:
    backends["aer-gpu"] = qcog.get_backend("aer-gpu", method="statevector")
else:
    print("GPU timings skipped on this machine.")

timings = {name: [] for name in backends}
for n in sizes:
    for name, backend in backends.items():
        start = time.perf_counter()
        qcog.run(ghz_state(n, "log"), backend=backend, shots=100, seed=SEED)
        timings[name].append(time.perf_counter() - start)

fig, ax = plt.subplots(figsize=(5, 3))
for name, seconds in timings.items():
    ax.semilogy(sizes, seconds, "o-", label=name)
ax.set_xlabel("qubits")
ax.set_ylabel("seconds per run (transpile + simulate)")
ax.set_title("GHZ, statevector method")
ax.legend()
plt.show()

# %% [markdown]
# At small sizes the time is dominated by fixed costs (transpiling, starting the
# simulation); the doubling per qubit shows from about 20 qubits. `qcog bench` runs the
# full simulator benchmark (QFT, random layers, Grover) side by side (tutorial 7).
#
# ## Noise preview on a fake IBM device
#
# `fake:manila` is a 5-qubit IBM device's snapshot: its coupling map, native gates and a
# noise model built from its calibration data. The same circuit is transpiled to the
# device (the transpiler adds SWAPs where a CNOT joins qubits that are not neighbours on
# the chip; compare the two-qubit counts) and simulated with noise.

# %%
circuit = ghz_state(4, "log")
ideal = reference_probabilities(circuit)
noisy = qcog.run(circuit, backend="fake:manila", shots=SHOTS, seed=SEED)
print(
    f"two-qubit gates: {circuit_cost(circuit).twoq_gates} as written, {noisy.twoq_gates} on fake:manila"
)
good = noisy.probabilities.get("0000", 0) + noisy.probabilities.get("1111", 0)
tvd = 0.5 * sum(
    abs(noisy.probabilities.get(k, 0) - ideal.get(k, 0)) for k in set(noisy.counts) | set(ideal)
)
print(f"P(0000 or 1111) = {good:.3f} (ideal 1); total variation distance from ideal {tvd:.3f}")

keys = sorted(set(noisy.counts) | set(ideal))
fig, ax = plt.subplots(figsize=(9, 2.8))
x = np.arange(len(keys))
ax.bar(x - 0.2, [ideal.get(k, 0) for k in keys], 0.4, label="ideal")
ax.bar(x + 0.2, [noisy.probabilities.get(k, 0) for k in keys], 0.4, label="fake:manila (noisy)")
ax.set_xticks(x, keys, rotation=90)
ax.set_ylabel("probability")
ax.legend()
plt.show()

# %% [markdown]
# The errors spread probability onto bitstrings the ideal state never produces.
# Tutorial 4 sends the same circuits to real IBM Quantum hardware; tutorial 2 uses
# these building blocks for Grover search.
