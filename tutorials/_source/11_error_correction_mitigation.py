# Source of tutorials/11_error_correction_mitigation.ipynb; build with `python tutorials/build.py`.

# %% [markdown]
# # 11. Fighting noise: error correction and error mitigation
#
# Qubits are fragile. There are two ways to fight their noise, and this notebook shows both:
#
# 1. **Error correction** encodes one logical qubit in many physical ones, measures
#    stabilisers again and again (mid-circuit measurement and reset), and a *decoder*
#    infers and undoes the errors. Below a *threshold* physical error rate, a larger code
#    has a smaller logical error rate. We go from the repetition code to the rotated
#    surface code and its threshold.
# 2. **Error mitigation** does not protect the qubits; it makes *expectation values* from
#    noisy runs more accurate: readout-error correction and zero-noise extrapolation (ZNE).
#    This is what today's devices can use.
#
# Everything here is in the `qcog.qec` and `qcog.mitigation` packages; the notebook only
# calls them. Set `QCOG_TUTORIAL_SMALL=1` for a fast run (the tests do).

# %%
import os

import matplotlib.pyplot as plt
import numpy as np

from qcog.qec import (
    CircuitNoise,
    MemoryProblem,
    matching_decoder,
    plot_threshold,
    repetition_code_memory,
    rotated_surface_code_memory,
    run_memory,
    threshold_sweep,
    to_stim,
)

SMALL = os.environ.get("QCOG_TUTORIAL_SMALL") == "1"
SEED = 11

# %% [markdown]
# ## 1. The repetition code, as a Qiskit circuit
#
# Three data qubits (0, 2, 4) hold `|000>`; two measure qubits (1, 3) measure the parities
# `Z0 Z1` and `Z1 Z2` each round and are reset. A *detector* compares a parity with its
# value one round earlier: it fires where an error happened. The circuit is a plain
# `QuantumCircuit`, so it runs on Aer, on `fake:` backends and on IBM hardware.

# %%
experiment = repetition_code_memory(distance=3, rounds=2)
print(experiment)
print("detectors (classical bits whose parity is fixed):", experiment.detectors)
print("logical observable:", experiment.observable)
print(experiment.circuit.draw("text", fold=-1))

# %% [markdown]
# Run it noiselessly on Aer: no detector fires. Then flip data qubit 2 (qubit index 4)
# between the rounds: exactly the detectors next to it fire in round 2, and the decoder
# (PyMatching, built from the noise model's detector error model) says the logical
# observable was flipped, so it can be undone.

# %%
from dataclasses import replace

from qiskit.circuit import CircuitInstruction
from qiskit.circuit.library import XGate

from qcog.qec.decoding import predict
from qcog.qec.experiment import records_from_counts
from qcog.runner import run

clean = run(experiment.circuit, backend="aer", shots=100, seed=SEED)
records = records_from_counts(clean.counts, experiment.num_measurements)
print("noiseless: detectors fired in any shot?", experiment.detection_events(records).any())

faulty_circuit = experiment.circuit.copy()
second_round = [k for k, inst in enumerate(faulty_circuit.data) if inst.operation.name == "barrier"][1]
faulty_circuit.data.insert(second_round, CircuitInstruction(XGate(), (faulty_circuit.qubits[4],)))
faulty = replace(experiment, circuit=faulty_circuit)
records = records_from_counts(run(faulty.circuit, backend="aer", shots=1, seed=SEED).counts,
                              faulty.num_measurements)
events = faulty.detection_events(records)
decoder = matching_decoder(to_stim(experiment, CircuitNoise.uniform(0.01)))
print("detection events:", events.astype(int)[0])
print("observable flipped:", faulty.observable_flips(records)[0], "| decoder predicts:", predict(decoder, events)[0])

# %% [markdown]
# ## 2. Noise, Stim and the logical error rate
#
# Uniform circuit-level depolarising noise with probability `p`: after every gate, on the
# data qubits at each round's start, and as flips of every measurement and reset. qcog
# exports the circuit with that noise to [Stim](https://github.com/quantumlib/Stim), which
# samples millions of shots a second; PyMatching decodes them. The logical error rate
# falls with the distance when `p` is small:

# %%
shots = 20_000 if SMALL else 200_000
for d in (3, 5, 7):
    result = run_memory(MemoryProblem("repetition", d, d, p=0.02), shots=shots, seed=SEED)
    rate = result.logical_error_rate
    print(f"repetition d={d}: logical error {rate.mean:.2e} [{rate.low:.2e}, {rate.high:.2e}]")

# %% [markdown]
# The same experiment sampled by Aer (the Qiskit circuit with the noise written in as
# Pauli channels) and decoded the same way agrees with Stim, only a thousand times slower:

# %%
problem = MemoryProblem("surface", 3, 2, p=0.006)
aer = run_memory(problem, shots=1000 if SMALL else 5000, seed=SEED, sampler="aer")
stim = run_memory(problem, shots=100_000, seed=SEED)
for r in (aer, stim):
    i = r.logical_error_rate
    print(f"{r.sampler:>5}: {i.mean:.4f} [{i.low:.4f}, {i.high:.4f}]  ({r.shots / r.sample_s:,.0f} shots/s)")

# %% [markdown]
# ## 3. The rotated surface code and its threshold
#
# The distance-d rotated surface code has d*d data qubits and d*d - 1 stabilisers, half X,
# half Z. qcog builds the same layout and CNOT schedule as Stim's own generated circuits
# (the tests check that their detector error models are identical). Stim also finds the
# circuit's distance, the fewest faults that flip the logical qubit unseen:

# %%
surface = rotated_surface_code_memory(distance=5, rounds=5, basis="z")
circuit = to_stim(surface, CircuitNoise.uniform(0.001))
print(surface.describe())
print("circuit-level distance:", len(circuit.detector_error_model(decompose_errors=True).shortest_graphlike_error()))

# %% [markdown]
# A threshold sweep runs every distance at every `p` and finds where the curves of
# logical error *per round* cross (with a bootstrap interval):

# %%
distances = [3, 5] if SMALL else [3, 5, 7]
ps = list(np.geomspace(0.004, 0.02, 5 if SMALL else 8))
sweep = threshold_sweep("surface", distances, ps, shots=4000 if SMALL else 40_000, seed=SEED)
for crossing in sweep.crossings:
    print(f"d={crossing.small}/{crossing.large} crossing:", crossing.p or crossing.note)
fig, ax = plt.subplots(figsize=(6, 4.5))
plot_threshold(sweep, ax=ax)
plt.show()

# %% [markdown]
# The same on the command line: `qcog qec --code surface --distance 5 --p 0.005 --shots
# 100000` and `qcog qec-threshold --distances 3,5,7 --plot threshold.png`.
#
# On a `fake:` backend the circuit runs with the device's own noise (transpiled to its
# qubits); the decoder then uses the device's mean error rates as its prior:

# %%
device = run_memory(MemoryProblem("repetition", 3, 2), shots=2000, seed=SEED, sampler="fake:manila")
print(f"repetition code d=3 on fake:manila: logical error {device.logical_error_rate}")

# %% [markdown]
# ## 4. Error mitigation on a noisy device model
#
# `mitigated_expectation_values(circuit, observables, backend, mitigation=...)` estimates
# Pauli observables with:
#
# * **readout mitigation**: two calibration circuits measure each qubit's readout errors;
#   the parities are corrected with the inverse confusion matrices;
# * **ZNE**: the circuit is folded (`U -> U U^dagger U`, ...) to scale its noise by 1, 3, 5,
#   and the values are extrapolated back to zero noise.
#
# Here: the H2 ground-state energy (a 2-qubit Hamiltonian) and a 4-qubit GHZ parity on
# `fake:manila`, against their exact values.

# %%
from qcog.mitigation import Mitigation, mitigated_expectation_values
from qcog.mitigation.reference_problems import ghz_parity, h2_energy

rows = []
for problem in (h2_energy(), ghz_parity(4, "Z")):
    for name in ("none", "readout", "zne", "both"):
        est = mitigated_expectation_values(problem.circuit, problem.observable, "fake:manila",
                                           shots=4000, seed=SEED, mitigation=Mitigation.parse(name))
        rows.append((problem.name, name, est.values[0], abs(est.values[0] - problem.exact), est.circuits))
print(f"{'problem':<16} {'mitigation':<10} {'estimate':>9} {'|error|':>8} {'circuits':>8}")
for row in rows:
    print(f"{row[0]:<16} {row[1]:<10} {row[2]:>9.4f} {row[3]:>8.4f} {row[4]:>8}")

# %% [markdown]
# How ZNE extrapolates: the GHZ parity measured at each noise scale (after readout
# correction), and the linear fit read at scale 0.

# %%
problem = ghz_parity(4, "Z")
est = mitigated_expectation_values(problem.circuit, problem.observable, "fake:manila", shots=4000,
                                   seed=SEED, mitigation=Mitigation.parse("both"))
scales = np.array(est.scales)
fit = np.polyfit(scales, est.per_scale[:, 0], 1)
grid = np.linspace(0, scales.max(), 50)
plt.plot(scales, est.per_scale[:, 0], "o", label="measured (readout-corrected)")
plt.plot(grid, np.polyval(fit, grid), "--", label=f"linear fit -> {est.values[0]:.3f} at 0")
plt.axhline(problem.exact, color="grey", lw=1, label="exact")
plt.xlabel("noise scale")
plt.ylabel("<ZZZZ>")
plt.legend()
plt.show()

# %% [markdown]
# Mitigation costs circuits and shots: readout mitigation adds two calibration circuits,
# ZNE multiplies the circuits by the number of scales (and each folded circuit is longer).
# On `ibm:` backends the runtime estimator mitigates itself; qcog maps the same options onto
# its resilience settings: `qcog ibm submit --observable ZZZZ --mitigation both ...`.
# From the command line on simulators: `qcog estimate --ghz 4 --observable ZZZZ
# --backend fake:manila --mitigation both --exact`.
