# Source of tutorials/03_shor_factoring.ipynb; build with `python tutorials/build.py`.

# %% [markdown]
# # 3. Shor factoring
#
# Shor's algorithm factors `N` by finding the **order** `r` of a random `a` modulo `N`
# (the smallest `r > 0` with `a**r = 1 mod N`). Only order finding is quantum; everything
# around it is classical number theory:
#
# 1. classical shortcuts: `N` prime, even, a perfect power, a lucky `gcd(a, N) > 1`, or a
#    base whose order the circuit construction already reveals (`a**(2**k) = 1 mod N`);
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
from qcog.algorithms.rsa import rsa_demo
from qcog.algorithms.shor import factor
from qcog.circuits.metrics import cost_in_basis, cx_count
from qcog.resources.compare import compare_models

SEED = 1234
SMALL = os.environ.get("QCOG_TUTORIAL_SMALL") == "1"
np.random.seed(SEED)

# %% [markdown]
# ## Classical reduction first
#
# Most integers never reach the quantum computer. `factor` reports which classical step
# settled the question (`classical_shortcut`) and never returns a wrong factorisation.

# %%
for N, a in [(13, None), (16, None), (27, None), (21, 14), (15, 7), (35, 6), (35, 2)]:
    result = factor(N, a=a, method="fast", seed=SEED)
    print(f"N={N:>3}, a={a}: shortcut={result.classical_shortcut!s:<15} {result.message}")

# %% [markdown]
# `order_revealed` is the honest label for a famous demo: for `N = 15` **every** base has
# an order that is a power of two, so the multiplier constants `a**(2**k) mod 15` the
# circuit needs already contain a 1, and the order is known before any quantum step.
# `force_quantum=True` draws bases the construction does not reveal (for 15 there is
# none; a base given explicitly is then run anyway and labelled a demonstration).

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
# controlled corrections (a dynamic circuit, runnable on IBM hardware). Two modular
# multipliers: **windowed** (default: table lookups and ripple-carry adders built from
# 3-CX logical-ANDs uncomputed by measurement) and **beauregard** (QFT adders, `2n + 3`
# qubits). Here the Beauregard circuit runs on Aer.
#
# For `r = 4` and `t = 8` bits the outcomes are `y = 0, 64, 128, 192` (phases 0, 1/4,
# 1/2, 3/4), each with probability 1/4. The exact distribution comes from
# `ideal_phase_distribution`, computed without knowing `r`.

# %%
shots = 200 if SMALL else 1000
run = run_order_finding(
    7, 15, method="semiclassical", backend="aer", shots=shots, seed=SEED, arithmetic="beauregard"
)
print(f"{run.qubits} qubits, {run.cx_count} CX (cx/rz/sx/x), depth {run.depth} on {run.backend}")
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
# sample it with the `fast` path (**simulation only**: the work register as a vector and
# each modular multiplication as one permutation, the control qubit handled analytically).

# %%
t = 10
ideal21 = ideal_phase_distribution(2, 21, t)
fast21 = run_order_finding(2, 21, method="fast", shots=shots, seed=SEED, num_bits=t)
gate21 = run_order_finding(2, 21, shots=shots, seed=SEED, num_bits=t)  # gate level, sparse sim
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
ax.plot(
    sorted(gate21.counts),
    [gate21.counts[y] / shots for y in sorted(gate21.counts)],
    "x",
    ms=4,
    label=f"gate level ({gate21.cx_count:,} CX, {gate21.qubits} qubits), {shots} shots",
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
result = factor(21, seed=SEED, force_quantum=True)
print(result.message, "| quantum order found:", result.quantum_order_found)
for attempt in result.attempts:
    print(
        f"  a={attempt.a}: phases {[p['y'] for p in attempt.phases]}, candidates {attempt.candidates}, "
        f"order {attempt.order}: {attempt.verdict}"
    )
print(f"circuit: {result.qubits} qubits, {result.cx_count:,} CX on {result.backend}")

# %% [markdown]
# The default backend runs the gate-level circuit on qcog's **sparse simulator**: exact,
# every gate applied, but only the nonzero amplitudes stored and all shots simulated in
# one pass (an arithmetic circuit keeps about `2N` amplitudes, whatever its width).

# %%
numbers = [35] if SMALL else [35, 143, 221, 437, 1147]
for N in numbers:
    start = time.perf_counter()
    result = factor(N, seed=SEED, force_quantum=True)
    print(
        f"N={N}: {result.factors} (a={result.a}, r={result.order}) gate level, "
        f"{result.qubits} qubits, {result.cx_count:,} CX, {time.perf_counter() - start:.1f} s"
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
# CX (conditional blocks included) of the semiclassical order finding for `a = 2`,
# `N = 21` with both multipliers: the windowed one needs about an eighth. The benchmark
# (`benchmarks/shor.py`) compares these with Qrisp's circuits built in the same run.

# %%
for arithmetic in ["windowed", "beauregard"]:
    circuit = build_order_finding_circuit(2, 21, "semiclassical", arithmetic=arithmetic)
    print(
        f"{arithmetic:>10}: {required_qubits(21, 'semiclassical', arithmetic)} qubits, "
        f"{cx_count(circuit):,} CX (cx/rz/sx/x, no optimisation)"
    )
if not SMALL:
    print(
        "after transpiling (level 1):", cost_in_basis(build_order_finding_circuit(2, 21)).twoq_gates
    )

# %% [markdown]
# ## RSA end to end
#
# `rsa_demo` makes a small key, encrypts a message, factors the modulus with Shor
# (gate level for a tiny modulus, the simulation-only fast path for a larger one), rebuilds
# the private key from the factors and decrypts; every step is checked. (`qcog rsa-demo`
# does the same from the command line.)

# %%
for bits in [8, 14] if SMALL else [8, 10, 20]:
    demo = rsa_demo(bits=bits, message="attack at dawn", seed=SEED)
    print(f"--- {bits}-bit key, all checks passed: {demo.ok}")
    for step in demo.steps:
        print(f"  {step['step']:>11}: {step['detail'][:100]}  [{'ok' if step['ok'] else 'FAILED'}]")

# %% [markdown]
# ## Resource estimates, up to RSA-2048
#
# How big would a real key be? `estimate_shor_resources(bits)` counts qubits, CX and
# Toffolis of qcog's own circuits from formulas checked against built circuits. Next to
# them, `qcog.resources` re-implements the cost model of Gidney & Ekera 2019 (windowed
# arithmetic, coset representation, carry runways, their surface-code layout: it
# reproduces the paper's table), restates Gidney 2025 as far as its numbers are
# available, and lists Qrisp's published counts. Physical assumptions: 0.1 % gate error,
# 1 us cycle, 10 us reaction time.

# %%
bits_list = [8, 32, 128, 512, 2048]
windowed = [estimate_shor_resources(b) for b in bits_list]
beauregard = [estimate_shor_resources(b, arithmetic="beauregard") for b in bits_list]
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.loglog(bits_list, [e.twoq_gates for e in beauregard], "s-", label="qcog Beauregard: CX")
ax.loglog(bits_list, [e.twoq_gates for e in windowed], "o-", label="qcog windowed: CX")
ax.loglog(bits_list, [e.toffolis for e in windowed], "^-", label="qcog windowed: Toffolis")
ax.set_xlabel("bits of N")
ax.set_title("order finding, generic circuit")
ax.legend(fontsize=8)
plt.show()


def fmt(value, spec):
    return "-" if value is None else format(value, spec)


print(
    f"{'model':<40} {'logical':>8} {'Toffolis':>9} {'T':>9} {'2q gates':>9} {'physical':>11} {'hours':>6}"
)
for row in compare_models(2048):
    print(
        f"{row.model:<40} {fmt(row.logical_qubits, ',d'):>8} {fmt(row.toffolis, '.2e'):>9} "
        f"{fmt(row.t_count, '.2e'):>9} {fmt(row.two_qubit_gates, '.2e'):>9} "
        f"{fmt(row.physical_qubits, ',.0f'):>11} {fmt(row.hours, '.1f'):>6}"
    )
