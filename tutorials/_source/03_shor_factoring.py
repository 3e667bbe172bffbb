# Source of tutorials/03_shor_factoring.ipynb; build with `python tutorials/build.py`.

# %% [markdown]
# # 3. Shor factoring
#
# Shor's algorithm factors `N` by finding the **order** `r` of a random `a` modulo `N`
# (the smallest `r > 0` with `a**r = 1 mod N`). Only order finding is quantum; everything
# around it is classical number theory:
#
# 1. classical shortcuts: `N` prime, even, a perfect power, or a lucky `gcd(a, N) > 1`;
# 2. quantum **order finding** by phase estimation: it measures `y` with `y / 2**t ~ s / r`;
# 3. **continued fractions** turn `y / 2**t` into candidate orders, each verified;
# 4. with an even `r` and `a**(r/2) != -1 mod N`, `gcd(a**(r/2) +- 1, N)` are factors.
#
# `qcog.algorithms.shor.factor(N, ...)` does all of it and records every attempt.

# %%
import math
import os
import time

import matplotlib.pyplot as plt
import numpy as np

from qcog.algorithms.classical_factoring import pollard_rho
from qcog.algorithms.continued_fractions import convergents, order_candidates
from qcog.algorithms.order_finding import (
    build_order_finding_circuit,
    ideal_phase_distribution,
    required_qubits,
    run_order_finding,
)
from qcog.algorithms.resource_estimate import estimate_shor_resources
from qcog.algorithms.shor import factor
from qcog.circuits.metrics import cost_in_basis

SEED = 1234
SMALL = os.environ.get("QCOG_TUTORIAL_SMALL") == "1"
np.random.seed(SEED)

# %% [markdown]
# ## Classical reduction first
#
# Most integers never reach the quantum computer. `factor` reports which classical step
# settled the question (`classical_shortcut`) and never returns a wrong factorisation.

# %%
for N, a in [(13, None), (16, None), (27, None), (21, 14), (35, None)]:
    result = factor(N, a=a, method="fast", seed=SEED)
    print(f"N={N:>3}: shortcut={result.classical_shortcut!s:<14} {result.message}")

# %% [markdown]
# ## Order finding, by hand first
#
# For `a = 7`, `N = 15` the powers cycle with period 4, so `r = 4`, and
# `gcd(7**2 - 1, 15) = 3`, `gcd(7**2 + 1, 15) = 5`.

# %%
a, N = 7, 15
print("7^x mod 15 for x = 0..9:", [pow(a, x, N) for x in range(10)])
r = 4
print("factors:", math.gcd(pow(a, r // 2) - 1, N), math.gcd(pow(a, r // 2) + 1, N))

# %% [markdown]
# ## Phase estimation outcomes
#
# The quantum circuit estimates the phase `s / r` of the modular multiplication
# `|y> -> |a y mod N>`. qcog's default circuit is **semiclassical**: one control qubit is
# measured, reset and reused for each of the `t = 2n` phase bits, with classically
# controlled corrections (a dynamic circuit, runnable on IBM hardware); the modular
# multiplications are built from QFT adders (Beauregard), `2n + 3` qubits in total.
#
# For `r = 4` and `t = 8` bits the outcomes are `y = 0, 64, 128, 192` (phases 0, 1/4,
# 1/2, 3/4), each with probability 1/4. The exact distribution comes from
# `ideal_phase_distribution`, computed without knowing `r`.

# %%
shots = 200 if SMALL else 1000
run = run_order_finding(7, 15, method="semiclassical", backend="aer", shots=shots, seed=SEED)
print(f"{run.qubits} qubits, {run.twoq_gates} two-qubit gates, depth {run.depth} on {run.backend}")
ideal = ideal_phase_distribution(7, 15, run.num_bits)
ys = np.arange(2**run.num_bits)
fig, ax = plt.subplots(figsize=(7, 2.8))
ax.bar(
    ys, [run.counts.get(int(y), 0) / shots for y in ys], width=3, label=f"measured, {shots} shots"
)
ax.plot(ys, ideal, "k.", ms=3, label="exact")
ax.set_xlabel(f"measured y (phase = y / 2^{run.num_bits})")
ax.set_ylabel("probability")
ax.set_title("order finding, a = 7, N = 15")
ax.legend()
plt.show()

# %% [markdown]
# When `r` does not divide `2**t` the peaks spread. For `a = 2`, `N = 21` (`r = 6`), the
# exact distribution has peaks near multiples of `2**t / 6`. We plot it exactly and
# sample it with the `fast` path (a **simulation-only** shortcut that applies the modular
# multiplications as exact permutations instead of gates).

# %%
t = 10
ideal21 = ideal_phase_distribution(2, 21, t)
fast21 = run_order_finding(2, 21, method="fast", shots=shots, seed=SEED, num_bits=t)
fig, ax = plt.subplots(figsize=(7, 2.8))
ys = np.arange(2**t)
ax.plot(ys, ideal21, lw=0.8, label="exact")
ax.plot(
    sorted(fast21.counts),
    [fast21.counts[y] / shots for y in sorted(fast21.counts)],
    "o",
    ms=3,
    label=f"sampled (fast path, simulation only), {shots} shots",
)
for k in range(6):
    ax.axvline(k * 2**t / 6, color="gray", ls=":", lw=0.7)
ax.set_xlabel(f"y (phase = y / 2^{t})")
ax.set_ylabel("probability")
ax.set_title("a = 2, N = 21, order 6")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# ## Continued fractions
#
# Each reading `y` gives the fraction `y / 2**t`; its convergents are the best rational
# approximations with small denominators, and the denominators below `N` are the candidate
# orders. A candidate is kept only if `a**r = 1 mod N`; candidates from several readings
# are combined by `lcm` (a reading with `gcd(s, r) > 1` gives only a divisor of `r`).

# %%
for y in sorted(fast21.counts, key=fast21.counts.get, reverse=True)[:6]:
    conv = [str(c) for c in convergents(y, 2**t)]
    cands = order_candidates(y, t, 21)
    verified = [r for r in cands if pow(2, r, 21) == 1]
    print(
        f"y={y:4d}: y/2^t={y / 2**t:.4f} convergents {conv[:5]} -> candidates {cands}, verified {verified}"
    )

# %% [markdown]
# ## The whole algorithm, attempt by attempt

# %%
result = factor(15, method="semiclassical", backend="aer", seed=SEED, force_quantum=True)
print(result.message)
for attempt in result.attempts:
    print(
        f"  a={attempt.a}: phases {[p['y'] for p in attempt.phases]}, candidates {attempt.candidates}, "
        f"order {attempt.order}: {attempt.verdict}"
    )
print(f"circuit: {result.qubits} qubits, {result.twoq_gates} two-qubit gates, depth {result.depth}")

numbers = [] if SMALL else [21, 33, 35]  # about 15-60 s each here; skipped in small mode
for N in numbers:
    start = time.perf_counter()
    result = factor(N, method="semiclassical", backend="aer", seed=SEED, force_quantum=True)
    print(
        f"N={N}: {result.factors} (a={result.a}, r={result.order}) gate level on Aer, "
        f"{result.qubits} qubits, {time.perf_counter() - start:.1f} s"
    )

# %% [markdown]
# The `fast` path factors larger numbers on a simulator, clearly labelled
# `simulation_only`. Classical factoring of such small numbers is instantaneous, which is
# the honest comparison: Shor's advantage only appears for numbers far beyond any
# simulator (see the resource estimates below).

# %%
for N in [143, 323] if SMALL else [143, 10403, 1022117]:
    start = time.perf_counter()
    quantum = factor(N, method="fast", seed=SEED, force_quantum=True)
    quantum_s = time.perf_counter() - start
    start = time.perf_counter()
    p = pollard_rho(N, seed=SEED)
    classical_s = time.perf_counter() - start
    print(
        f"N={N}: fast path {quantum.factors} in {quantum_s:.2f} s "
        f"(simulation_only={quantum.simulation_only}); Pollard rho {p} x {N // p} in {classical_s * 1e3:.2f} ms"
    )

# %% [markdown]
# ## What the circuits cost
#
# Qubits and two-qubit gates (after transpiling to `cx`/`rz`/`sx`/`x`) of the two
# gate-level variants at `N = 15`: the textbook circuit with `2n` counting qubits, and
# the semiclassical one with one recycled control. Multiplications by
# `a**(2**k) mod N = 1` are skipped (they are the identity).

# %%
for method in ["semiclassical", "full"]:
    cost = cost_in_basis(build_order_finding_circuit(7, 15, method))
    print(
        f"{method:>13}: {required_qubits(15, method)} qubits, {cost.twoq_gates} CX, depth {cost.depth}"
    )
print("anchors: the removed qiskit Shor used 12,468 CX at N = 15; Qrisp 2,872")

# %% [markdown]
# ## Resource estimates, up to RSA-2048
#
# How big would the circuit be for a real key? `estimate_shor_resources(bits)` counts
# qubits, CX gates, depth and T gates of qcog's generic gate-level circuit from formulas
# (checked in the tests against circuits actually built for small sizes), without
# building anything, so RSA-2048 takes microseconds. These are **physical-gate counts of
# this construction without error correction**; published fault-tolerant estimates with
# optimised arithmetic (e.g. Gidney & Ekera 2019: 20 million noisy qubits for 8 hours)
# are a different, much more refined measure.

# %%
bits_list = [4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048]
start = time.perf_counter()
estimates = [estimate_shor_resources(b) for b in bits_list]
print(f"{len(estimates)} estimates in {(time.perf_counter() - start) * 1e3:.2f} ms")
print(f"{'bits':>5} {'qubits':>7} {'CX gates':>12} {'depth':>12} {'T count':>12}")
for e in estimates:
    print(f"{e.bits:>5} {e.qubits:>7,} {e.twoq_gates:>12.3e} {e.depth:>12.3e} {e.t_count:>12.3e}")

fig, ax = plt.subplots(figsize=(6, 3.2))
ax.loglog(bits_list, [e.twoq_gates for e in estimates], "o-", label="CX gates")
ax.loglog(bits_list, [e.depth for e in estimates], "s-", label="depth")
ax.loglog(bits_list, [e.t_count for e in estimates], "^-", label="T count")
ax.loglog(bits_list, [e.qubits for e in estimates], "k.-", label="qubits")
ax.set_xlabel("bits of N")
ax.set_title("semiclassical order finding, generic circuit")
ax.legend()
plt.show()
rsa = estimates[-1]
print(f"RSA-2048: {rsa.qubits:,} qubits, {rsa.twoq_gates:.2e} CX gates, depth {rsa.depth:.2e}")
