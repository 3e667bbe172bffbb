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
# * a saved account: run once, in a terminal, `qcog ibm account --save --instance CRN`;
#   it reads the key from `QISKIT_IBM_TOKEN` or asks for it (never on the command line,
#   where `ps` and the shell history would keep it) and writes `~/.qiskit/qiskit-ibm.json`
#   readable by you only.
#
# qcog never prints, logs or stores the token: `qcog ibm account` and the cell below
# only say where the account comes from. `qcog doctor` checks the whole installation
# (Aer and the GPU, torch, PennyLane, the account, the service, the job store) and gives
# the exact fix for anything that is not right; here, the parts that matter for this
# notebook:

# %%
import json
import os
import subprocess
import sys
import tempfile

import matplotlib.pyplot as plt
import numpy as np

import qcog.ibm
from qcog.backends.fake import fake_backend_names
from qcog.circuits import bell_state, ghz_state
from qcog.doctor import run_doctor
from qcog.ibm import DuplicateJobError, export_bundle, load_bundle, prepare, preview, submit
from qcog.ibm.fingerprint import qcog_tags
from qcog.ibm.isa import NonIsaCircuitError
from qcog.ibm.jobs import job_result, job_status, wait_job
from qcog.ibm.plan import PlanInfo, check_quota
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
print(run_doctor(offline=True, only=("aer-package", "ibm-account", "job-store")).text())

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
# ### What the estimate counts, and your plan's QPU time
#
# For the sampler the estimate is shots x (duration + delay between shots). For the
# estimator, a target precision `p` means about `1/p**2` shots, and each group of
# qubit-wise commuting observables is one more circuit run (`ZZ` and `ZI` share the Z
# basis, `XX` needs the X basis). On an IBM backend, `preview` also reads the instance's
# plan and remaining QPU time (the Open Plan has 10 minutes per 28 days), says when a
# session would become a batch (the Open Plan cannot open sessions), and warns when the
# layout uses a coupler that the calibration marks as broken (error 1.0).

# %%
bell_program = preview(
    bell_state("phi+"),
    BACKEND,
    observables=[["ZZ", "ZI", "XX"]],
    options=SubmitOptions(precision=0.02, seed=SEED),
    seed=SEED,
)
print("circuit runs:", bell_program["circuits"][0]["executions"])
print("estimated QPU seconds:", bell_program["estimated_qpu_seconds"])
print("note:", bell_program["estimate_note"])
print("plan:", bell_program.get("plan") or "none for a local fake backend")
print("calibration warnings:", bell_program["warnings"] or "none")

# An Open Plan instance with 20 s left, and a job estimated at 30 s:
open_plan = PlanInfo(plan="open", limit_s=600.0, consumed_s=580.0, remaining_s=20.0)
print(check_quota(30.0, open_plan, "warn")[0])

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
#
# Each job is tagged with a **content hash** of its circuits, observables and options and
# with its **local record id**. Submitting the same job to an IBM backend again is
# refused with a `DuplicateJobError` naming the job that exists (found in the store, or
# on IBM by its tag), so re-running this notebook does not spend QPU time twice
# (`force=True`, or `--force` on the command line, submits anyway). Local rehearsals on
# fake backends are never refused.

# %%
options = SubmitOptions(
    shots=SHOTS, seed=SEED, dynamical_decoupling=not BACKEND.startswith("fake:")
)
try:
    record = submit(circuits, BACKEND, options=options, tags=["qcog-tutorial"], seed=SEED)
except DuplicateJobError as duplicate:  # on IBM: this very job was submitted before
    record = duplicate.existing
    print("already submitted, reusing it:", duplicate)
print("job", record.job_id, "on", record.backend, "->", record.status)
print("job store:", default_store_path())
print("tags sent:", qcog_tags(record.fingerprint, record.provisional_id, record.kind))

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
# qcog jobs list --refresh          # asks IBM about jobs that are not finished
# qcog jobs status JOB_ID
# qcog jobs result JOB_ID --wait -o result.json
# ```
#
# If the store itself is lost (another laptop, a wiped disk), the tags bring it back:
# `qcog jobs reconcile` (or `qcog.ibm.reconcile()`) asks IBM for this account's qcog jobs
# and fills the store with their ids, statuses, circuits and results, without
# resubmitting anything; a submission that was interrupted before IBM returned its id is
# linked to its job by its record tag.
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
if not BACKEND.startswith("fake:"):  # IBM only: fill the store back from the service
    print(qcog.ibm.reconcile().summary_line())

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
# ## The device's calibration, and a bundle to share
#
# The record keeps the calibration of the qubits and couplers the job used, taken at
# submission: a result can be read against the device's state when it ran.
# `export_bundle` writes one zip (QPY circuits, options, result, calibration, software
# versions, checksums) that a colleague loads with `load_bundle` (or
# `qcog jobs import`), without your account or your store.

# %%
calibration = job_result(record.job_id).calibration
used = sorted(calibration["qubits"], key=int)
print("calibrated:", calibration["calibrated_utc"])
for coupler in calibration["couplers"]:
    print(f"  {coupler['gate']} on {coupler['qubits']}: error {coupler['error']:.4f}")

fig, ax = plt.subplots(figsize=(6, 2.4))
ax.bar(used, [calibration["qubits"][q]["readout_error"] for q in used])
ax.set_xlabel("physical qubit")
ax.set_ylabel("readout error")
ax.set_title(f"{record.backend}: qubits used by the job")
plt.show()

bundle_file = export_bundle(job_result(record.job_id), tempfile.mkdtemp(prefix="qcog-bundles-"))
bundle = load_bundle(bundle_file)
print(bundle_file, "->", bundle.record.job_id, len(bundle.circuits), "circuits")
assert bundle.result == job_result(record.job_id).result

# %% [markdown]
# ## Expectation values with the estimator
#
# Pass observables (one entry per circuit: here one circuit with a list of three Pauli
# strings, each estimated separately) and the job uses the
# estimator; qcog applies the transpiler's layout to the observables so they act on the
# right physical qubits. For the Bell state `phi+`, `<ZZ> = <XX> = 1` and `<ZI> = 0`
# ideally; noise shrinks them.

# %%
try:
    estimate = submit(
        [bell_state("phi+")],
        BACKEND,
        observables=[["ZZ", "XX", "ZI"]],
        options=SubmitOptions(shots=SHOTS, seed=SEED, precision=0.03),
        seed=SEED,
        tags=["qcog-tutorial"],
    )
except DuplicateJobError as duplicate:
    estimate = duplicate.existing
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
# qcog ibm submit --grover 0b101 --backend ibm:least_busy --shots 4000 --dd --wait
# qcog ibm submit circuit.qasm --backend ibm:ibm_brisbane --preview --show-circuit
# qcog ibm submit circuit.qasm --backend ibm:ibm_brisbane --over-quota refuse
# qcog jobs reconcile
# qcog jobs export JOB_ID -o shared/
# qcog doctor
# ```
#
# `--grover` reads values as `qcog grover --marked` does: `5` is five, `0b101` is the
# bitstring 101 (also five), `0x5` is hexadecimal.
