# Source of tutorials/04_ibm_quantum.ipynb; build with `python tutorials/build.py`.

# %% [markdown]
# # 4. IBM Quantum: submit, track and recover jobs
#
# This notebook runs **end to end on a fake backend** (a snapshot of a real IBM device
# with its noise model, simulated locally by qiskit-ibm-runtime), so it works anywhere
# without an account. The **same cells submit to real hardware** when you configure an
# account and choose an `ibm:` backend:
#
# ```bash
# export QCOG_TUTORIAL_BACKEND=ibm:least_busy     # or ibm:ibm_brisbane, ...
# jupyter lab tutorials/04_ibm_quantum.ipynb
# ```
#
# ## Account set-up (once)
#
# qcog reads the account the way qiskit-ibm-runtime does, from one of:
#
# * environment variables: `QISKIT_IBM_TOKEN` (your API key from
#   quantum.cloud.ibm.com), `QISKIT_IBM_INSTANCE` (the instance CRN) and optionally
#   `QISKIT_IBM_CHANNEL` (default `ibm_quantum_platform`). Put them in your shell
#   profile or a secrets manager, **never in a notebook or a file you commit**;
# * a saved account: run once, in a terminal, with the key in the environment,
#   `python -c "import os; from qiskit_ibm_runtime import QiskitRuntimeService as S; S.save_account(token=os.environ['QISKIT_IBM_TOKEN'], instance=os.environ['QISKIT_IBM_INSTANCE'], set_as_default=True)"`
#   which writes `~/.qiskit/qiskit-ibm.json`.
#
# qcog never prints, logs or stores the token: `qcog ibm account` and the cell below
# only say where the account comes from.

# %%
import json
import os
import subprocess
import sys

import matplotlib.pyplot as plt
import numpy as np

import qcog.ibm
from qcog.backends.fake import fake_backend_names
from qcog.circuits import bell_state, ghz_state
from qcog.ibm import prepare, submit
from qcog.ibm.isa import NonIsaCircuitError
from qcog.ibm.jobs import job_result, job_status, wait_job
from qcog.ibm.polling import PollPolicy
from qcog.ibm.primitives import SubmitOptions
from qcog.ibm.store import JobStore, default_store_path
from qcog.testing import reference_probabilities

SEED = 1234  # transpiler seed, and the simulator seed on fake backends
SMALL = os.environ.get("QCOG_TUTORIAL_SMALL") == "1"
SHOTS = 1000 if SMALL else 4000
BACKEND = os.environ.get("QCOG_TUTORIAL_BACKEND", "fake:manila")
np.random.seed(SEED)

print("account:", qcog.ibm.account_info())  # token shown only as 'hidden'
print("backend for this notebook:", BACKEND)

# %% [markdown]
# ## Choosing a backend
#
# Backends are named by the same spec strings as everywhere in qcog:
#
# | spec | what runs |
# |---|---|
# | `fake:<name>` | local rehearsal with the device's coupling map, native gates and noise |
# | `ibm:<name>` | that IBM Quantum device (needs the account) |
# | `ibm:least_busy` | the least busy device with at least `min_qubits` qubits |
#
# Fake backends available here (a few of them):

# %%
names = fake_backend_names()
print(len(names), "fake backends, e.g.", ", ".join(names[:12]), "...")

# %% [markdown]
# ## ISA circuits: what the device really runs
#
# IBM devices accept only **ISA circuits**: their native gates (for example `ecr` or
# `cz`, `rz`, `sx`, `x`) on qubit pairs that are physically coupled. `prepare`
# transpiles with a preset pass manager on the backend's target and reports, before
# anything is sent, each circuit's two-qubit gates, depth, the physical qubits used and
# an estimate of the QPU time (shots only: queueing and overheads come on top).

# %%
circuits = [bell_state("phi+"), ghz_state(4, "log")]
program = prepare(circuits, BACKEND, seed=SEED)
summary = program.summary(shots=SHOTS)
for circuit, facts in zip(circuits, summary["circuits"]):
    print(
        f"{circuit.name:>10}: {facts['twoq_gates']} two-qubit gates, depth {facts['depth']}, "
        f"physical qubits {facts['physical_qubits']}, ops {facts['ops']}"
    )
print("estimated QPU seconds:", summary["estimated_qpu_seconds"], "-", summary["estimate_note"])
print(program.circuits[1].draw("text", idle_wires=False, fold=120))

# %% [markdown]
# A circuit that is not ISA is refused **before** it is sent (here: a plain `H`/`CX`
# circuit submitted with `transpile=False`), with a message naming what is wrong:

# %%
try:
    submit(ghz_state(3), BACKEND, shots=10, transpile=False)
except NonIsaCircuitError as error:
    print("refused:", error)

# %% [markdown]
# ## Submitting
#
# `submit` sends **all circuits of one call as the PUBs of one job** (sampler, or
# estimator when you pass observables), in `job`, `batch` or `session` mode, with
# options for dynamical decoupling, twirling and resilience. The job id, backend, the
# ISA circuits (QPY), options and tags are written to a **local job store** (SQLite in
# your data directory) *before* anything waits, so a crash or a closed laptop loses
# nothing.
#
# On a fake backend the job runs locally and the record comes back `done`; on an IBM
# device it comes back `queued` and the next cells wait for it.

# %%
options = SubmitOptions(
    shots=SHOTS, seed=SEED, dynamical_decoupling=not BACKEND.startswith("fake:")
)
record = submit(circuits, BACKEND, options=options, tags=["qcog-tutorial"], seed=SEED)
print("job", record.job_id, "on", record.backend, "->", record.status)
print("job store:", default_store_path())

# %% [markdown]
# ## Tracking and waiting
#
# Statuses are normalised to `queued`, `running`, `done`, `error`, `cancelled`. Waiting
# polls at an interval you choose, with a timeout, and retries transient network errors
# with backoff. On real hardware the queue can take minutes to hours; you can stop
# here, close the notebook and come back later (next section).

# %%
print("status:", job_status(record.job_id).status)
poll = PollPolicy(interval_s=10.0, timeout_s=None if BACKEND.startswith("fake:") else 4 * 3600)
finished = wait_job(record.job_id, poll=poll)
print("final status:", finished.status, "| usage (s):", finished.usage_s)

# %% [markdown]
# ## Recovering a job from another process
#
# Everything is in the store, so any later Python process (or the command line) can
# list jobs, ask for their status and fetch results by id:
#
# ```bash
# qcog jobs list
# qcog jobs status JOB_ID
# qcog jobs result JOB_ID --wait -o result.json
# ```
#
# Here a separate process plays the role of "tomorrow, after a reboot":

# %%
completed = subprocess.run(
    [sys.executable, "-m", "qcog", "jobs", "result", record.job_id, "--wait", "--json"],
    capture_output=True,
    text=True,
    check=True,
)
recovered = json.loads(completed.stdout)
print("recovered in a new process:", recovered["job_id"], recovered["status"], recovered["backend"])
for row in JobStore().list_jobs(limit=3):
    print(f"  {row.job_id[:24]:<24} {row.backend:<14} {row.status:<9} tags={row.tags}")

# %% [markdown]
# ## Reading the result
#
# `job_result` returns the stored record; each PUB has its counts (sampler) or
# expectation values (estimator), plus metadata. We compare the device's GHZ counts
# with the ideal distribution.

# %%
result = job_result(record.job_id).result
ghz_counts = result["pubs"][1]["counts"]
ideal = reference_probabilities(ghz_state(4, "log"))
shots = sum(ghz_counts.values())
keys = sorted(set(ghz_counts) | set(ideal))
good = (ghz_counts.get("0000", 0) + ghz_counts.get("1111", 0)) / shots
print(f"GHZ(4) on {record.backend}: P(0000 or 1111) = {good:.3f} (ideal 1.000)")

fig, ax = plt.subplots(figsize=(9, 2.8))
x = np.arange(len(keys))
ax.bar(x - 0.2, [ideal.get(k, 0) for k in keys], 0.4, label="ideal")
ax.bar(x + 0.2, [ghz_counts.get(k, 0) / shots for k in keys], 0.4, label=record.backend)
ax.set_xticks(x, keys, rotation=90)
ax.set_ylabel("probability")
ax.legend()
plt.show()

# %% [markdown]
# ## Expectation values with the estimator
#
# Pass observables (one entry per circuit: here one circuit with a list of three Pauli
# strings, each estimated separately) and the job uses the
# estimator; qcog applies the transpiler's layout to the observables so they act on the
# right physical qubits. For the Bell state `phi+`, `<ZZ> = <XX> = 1` and `<ZI> = 0`
# ideally; noise shrinks them.

# %%
estimate = submit(
    [bell_state("phi+")],
    BACKEND,
    observables=[["ZZ", "XX", "ZI"]],
    options=SubmitOptions(shots=SHOTS, seed=SEED, precision=0.03),
    seed=SEED,
    tags=["qcog-tutorial"],
)
estimate = wait_job(estimate.job_id, poll=poll)
pub = estimate.result["pubs"][0]
for label, ev, std in zip(["ZZ", "XX", "ZI"], np.ravel(pub["evs"]), np.ravel(pub["stds"])):
    print(f"<{label}> = {ev:+.3f} ± {std:.3f}")

# %% [markdown]
# The same workflow runs from the command line, for GHZ, Grover and Shor circuits or
# your own OpenQASM file:
#
# ```bash
# qcog ibm submit --ghz 4 --backend fake:manila --shots 2000 --seed 1 --json
# qcog ibm submit --grover 101 --backend ibm:least_busy --shots 4000 --dd --wait
# qcog ibm submit circuit.qasm --backend ibm:ibm_brisbane --preview --show-circuit
# ```
