# Source of tutorials/02_grover_search.ipynb; build with `python tutorials/build.py`.

# %% [markdown]
# # 2. Grover search
#
# Search `N = 2**n` values for the `M` "good" ones. Without structure a classical search
# checks values one by one and needs `(N+1)/(M+1)` checks on average. Grover's algorithm
# needs about `(pi/4) sqrt(N/M)` **oracle queries**: a quadratic speed-up.
#
# In qcog a search is **problem -> run(backend) -> result**:
#
# * an **oracle** (`qcog.circuits.oracles`) marks the good values with a phase flip and
#   can check a candidate classically: from bitstrings/integers, a Boolean expression,
#   a DIMACS CNF, or any Python predicate;
# * a `GroverProblem` says how to search (iterations, known or unknown `M`, helper qubits);
# * `problem.run(backend, shots, seed)` returns a `GroverResult` that reports **only
#   verified solutions**, the theoretical and measured success probabilities, the oracle
#   queries counted honestly (shots x iterations), and the circuit's cost.

# %%
import os

import matplotlib.pyplot as plt
import numpy as np

from qcog.algorithms import grover_theory as theory
from qcog.algorithms.grover import GroverProblem
from qcog.circuits.grover import grover_circuit, grover_iteration
from qcog.circuits.metrics import cost_in_basis
from qcog.circuits.oracles import cnf_oracle, expression_oracle, marked_oracle, predicate_oracle

SEED = 1234
SMALL = os.environ.get("QCOG_TUTORIAL_SMALL") == "1"
SHOTS = 500 if SMALL else 2000
np.random.seed(SEED)

# %% [markdown]
# ## Oracles from bitstrings
#
# Mark `0101` and `1001` among the 16 values of 4 qubits. The oracle knows its solutions
# and reports its gate cost (after transpiling to `cx`/`rz`/`sx`/`x`) before anything runs.

# %%
oracle = marked_oracle(["0101", "1001"], num_qubits=4)
print(oracle.description, "| solutions:", oracle.solutions, "| is 9 good?", oracle.is_good(9))
print("oracle cost:", oracle.cost())
print(grover_circuit(oracle, iterations=1).draw("text", fold=110))

# %%
result = GroverProblem(oracle).run("aer", shots=SHOTS, seed=SEED)
for key in [
    "found",
    "iterations",
    "success_probability",
    "measured_success_probability",
    "oracle_queries",
    "classical_expected_queries",
    "qubits",
    "helper_qubits",
    "twoq_per_iteration",
    "twoq_total",
    "depth",
]:
    print(f"{key:>30}: {getattr(result, key)}")

# %% [markdown]
# ## Iterations and success probability
#
# Each Grover iteration rotates the state by `2 theta` towards the good states, with
# `sin^2(theta) = M/N`. After `k` iterations one shot succeeds with probability
# `sin^2((2k+1) theta)`: it rises to nearly 1 at `k ~ (pi/4) sqrt(N/M)`, then falls again
# as the rotation overshoots. We measure it for each `k` and compare with the formula.

# %%
oracle = marked_oracle([11], num_qubits=5)  # N = 32, M = 1
theta = theory.rotation_angle(1, 32)
ks = list(range(11))
measured = [
    GroverProblem(oracle, iterations=k)
    .run("aer", shots=SHOTS, seed=SEED + k)
    .measured_success_probability
    for k in ks
]
fine = np.linspace(0, ks[-1], 200)
fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(fine, np.sin((2 * fine + 1) * theta) ** 2, label="sin²((2k+1)θ)")
ax.plot(ks, measured, "o", label=f"measured on Aer, {SHOTS} shots")
ax.axvline(theory.optimal_iterations(theta), color="gray", ls=":", label="optimal k")
ax.set_xlabel("Grover iterations k")
ax.set_ylabel("P(success)")
ax.set_title("n = 5 qubits, one marked value")
ax.legend(loc="lower right")
plt.show()

# %% [markdown]
# ## Oracles from Boolean expressions and CNF
#
# An expression over named variables (one qubit each, in order of appearance sorted
# naturally) becomes a phase oracle through Qiskit's `PhaseOracleGate`. Its number of
# solutions is not known in advance, so qcog searches **without knowing M** (next
# section) unless you tell it `num_solutions`.

# %%
expr = expression_oracle("(a & ~b) | (c & d)")
print(expr.description, "| variables on qubits 0..:", expr.variables)
solutions = [x for x in range(2**expr.num_qubits) if expr.is_good(x)]  # the classical check
print("classically verified solutions:", solutions)
result = GroverProblem(expr, num_solutions=len(solutions)).run("aer", shots=SHOTS, seed=SEED)
print(
    "found:",
    result.found_values,
    "| iterations",
    result.iterations,
    "| P =",
    round(result.success_probability, 3),
)

dimacs = """c (x1 or not x2) and (x2 or x3) and (not x1 or not x3)
p cnf 3 3
1 -2 0
2 3 0
-1 -3 0
"""
sat = cnf_oracle(dimacs)
print(
    "CNF variables:",
    sat.variables,
    "| result:",
    GroverProblem(sat, num_solutions=2).run("aer", shots=SHOTS, seed=SEED).found,
)

# %% [markdown]
# ## Oracles from Python predicates
#
# Any function of an `n`-bit integer works: qcog evaluates its truth table (up to 20
# qubits) and builds phase flips for the good values, so `M` is known.


# %%
def is_interesting(x: int) -> bool:
    return x % 7 == 3 and x > 20


pred = predicate_oracle(is_interesting, num_qubits=6)
result = GroverProblem(pred).run("aer", shots=SHOTS, seed=SEED)
print(
    f"M = {pred.num_solutions} of 64; found {result.found_values} with {result.iterations} iterations"
)
print("note:", result.note or "-")

# %% [markdown]
# ## Unknown number of solutions
#
# When `M` is unknown, the right number of iterations is unknown too. qcog uses the
# BBHT exponential search: pick a random `k` below a growing bound, run, check each
# measured candidate classically, stop at the first verified solution. The queries of
# every round are counted. With **no** solution the search stops after a bound chosen
# so that a missed solution would have had probability below 1%, and reports "not found"
# (never a wrong answer).

# %%
no_solution = predicate_oracle(lambda x: x * x == 2, num_qubits=6)  # never true
for problem_oracle, label in [
    (marked_oracle([3, 40, 41], 6), "three marked"),
    (no_solution, "none marked"),
]:
    result = GroverProblem(problem_oracle, unknown_count=True).run("aer", shots=64, seed=SEED)
    print(
        f"{label}: found {result.found_values or 'nothing'} after {len(result.rounds)} rounds, "
        f"{result.total_oracle_queries} oracle queries in all; {result.note}"
    )

# %% [markdown]
# ## What the circuit costs
#
# A Grover iteration needs multi-controlled phase flips on all `n` qubits. Without help,
# Qiskit's synthesis of an `n`-controlled gate grows quickly in two-qubit gates; with one
# clean **helper qubit** (qcog's default, `helpers="auto"`) it grows linearly. Below:
# two-qubit gates per iteration after transpiling to `cx`/`rz`/`sx`/`x`.

# %%
sizes = [3, 4, 5, 6, 7, 8] if SMALL else [3, 4, 5, 6, 7, 8, 9, 10]
costs = {label: [] for label in ["no helper", "1 helper (auto)"]}
for n in sizes:
    marked = marked_oracle([0], n)
    costs["no helper"].append(cost_in_basis(grover_iteration(marked, helpers=0)).twoq_gates)
    costs["1 helper (auto)"].append(
        cost_in_basis(grover_iteration(marked, helpers="auto")).twoq_gates
    )
fig, ax = plt.subplots(figsize=(5.5, 3))
for label, values in costs.items():
    ax.plot(sizes, values, "o-", label=label)
ax.set_xlabel("search qubits n")
ax.set_ylabel("two-qubit gates per iteration")
ax.legend()
plt.show()
print(dict(zip(sizes, zip(*costs.values()))))

# %% [markdown]
# ## Queries: Grover versus classical search
#
# The speed-up is in **oracle queries**, and it is quadratic: for one marked value among
# `N = 2**n`, classical search needs `(N+1)/2` checks on average and Grover about
# `(pi/4) sqrt(N)` iterations (each one query; a real run also repeats shots). On today's
# hardware the deep circuits and noise erase the advantage for all but tiny `n` (see
# tutorial 4 and the benchmark suite in tutorial 7).

# %%
ns = np.arange(4, 21)
classical = [theory.classical_expected_queries(1, 2**n) for n in ns]
grover = [theory.optimal_iterations(theory.rotation_angle(1, 2**n)) for n in ns]
fig, ax = plt.subplots(figsize=(5.5, 3))
ax.semilogy(ns, classical, "o-", label="classical, expected (N+1)/2")
ax.semilogy(ns, grover, "s-", label="Grover iterations (one shot)")
ax.set_xlabel("n (N = 2**n)")
ax.set_ylabel("oracle queries")
ax.legend()
plt.show()
print(
    f"n = 20: classical {classical[-1]:,.0f} queries vs Grover {grover[-1]:,} (ratio {classical[-1] / grover[-1]:,.0f}x)"
)
