# Source of tutorials/07_classical_vs_quantum.ipynb; build with `python tutorials/build.py`.

# %% [markdown]
# # 7. Classical versus quantum: reading the benchmark suite's verdicts
#
# `qcog bench` runs every benchmark in `benchmarks/` and writes, into
# `benchmarks/results/`: per benchmark a JSON file, a **card** (`<name>.card.json`: the
# inputs, seeds, shots, gate counts, wall time and verdicts of the run), plots and a log;
# `suite.json` (what ran, when, on which machine) and `report.md`.
#
# ```bash
# qcog bench                         # full sizes, >= 5 seeds: the committed results
# qcog bench --quick                 # small sizes, fewer seeds, into benchmarks/results-quick
# qcog bench --only grover --out /tmp/bench
# qcog bench --compare benchmarks/results --out /tmp/bench   # what got slower or worse
# ```
#
# This notebook reads those files; it reruns nothing. Set `QCOG_BENCH_RESULTS` to read
# another folder (a quick run, for instance).

# %%
import os
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import Image, Markdown, display

from qcog.bench import benchmarks_dir, headline_rows, load_results, read_record
from qcog.bench.markdown import records_table, table
from qcog.bench.report import HEADLINE_COLUMNS, load_cards, verdict_rows, verdict_table
from qcog.bench.stats import compare, compare_timings

SEED = 1234  # seeds the synthetic example below
rng = np.random.default_rng(SEED)
RESULTS = Path(os.environ.get("QCOG_BENCH_RESULTS") or benchmarks_dir() / "results")
record = read_record(RESULTS)
results = load_results(RESULTS)
cards = load_cards(RESULTS)
print("results folder:", RESULTS)
print("benchmarks with results:", ", ".join(results) or "none yet: run `qcog bench --quick` first")

# %% [markdown]
# ## What a verdict is
#
# One run proves little: a hybrid model that beats its classical twin on one seed may
# lose on the next. Every comparison in the suite therefore repeats the measurement over
# several seeds (at least 5 in full mode) and looks at the **paired differences**
# (quantum minus classical, seed by seed: the same data split and initialisation on both
# sides). The verdict says "quantum better" or "classical better" only when the 95 %
# interval of the mean difference excludes zero; otherwise "no significant difference".
#
# Timings are different: a shared machine slows everything down by a factor. They are
# repeated with both sides interleaved, summarised by median and quartiles, and compared
# as the ratio of the two (geometric mean of the per-repeat ratios, with its interval).
# A synthetic example with a known answer: a true accuracy gain of 0.01 with seed noise
# of 0.02.

# %%
seed_effect = rng.normal(0.9, 0.02, size=8)  # shared by both sides of a seed
hybrid = seed_effect + 0.01 + rng.normal(0, 0.003, size=8)
print("paired  :", compare(hybrid, seed_effect))
print("unpaired:", compare(hybrid, seed_effect, paired=False))
load = rng.lognormal(0, 0.4, size=7)  # machine load, shared by the interleaved pair
print("timing  :", compare_timings(1.3 * load, load))

# %% [markdown]
# Pairing removes the seed-to-seed variation that both sides share, so the paired
# interval finds the small gain that the unpaired one cannot. The same holds for
# timings: the load varies by a factor of two between repeats, but the ratio of each
# interleaved pair is stable.

# %% [markdown]
# ## What ran, where and when

# %%
machine = record.get("machine") or {}
if machine:
    print(
        f"CPU {machine.get('cpu_model')}, {machine.get('logical_cores')} cores, "
        f"{machine.get('memory_gib')} GiB; Python {machine.get('python')}; {machine.get('date')}"
    )
runs = [
    {
        "benchmark": name,
        "status": card.get("status"),
        "mode": card.get("mode"),
        "wall_s": card.get("wall_s"),
        "seeds": "yes" if card.get("seeds") else "-",
        "verdicts": len(card.get("verdicts") or []),
        "reproduce": card.get("command"),
    }
    for name, card in cards.items()
]
display(Markdown(records_table(runs) if runs else "_no results in this folder_"))

# %% [markdown]
# ## Every verdict, with its interval
#
# Each row: both sides with their 95 % interval (means over seeds) or median and
# interquartile range (timings), the effect with its interval, the verdict, whether it
# survives Holm's correction for making this many comparisons at once, and the command
# that reproduces it. "qcog better" or "<library> better" marks a comparison with another
# quantum library rather than a classical method.

# %%
rows = verdict_rows(cards)
display(
    Markdown(
        verdict_table(rows, {n: c.get("command", "") for n, c in cards.items()})
        if rows
        else "_no verdicts in this folder: rerun `qcog bench` with this version of qcog_"
    )
)

# %% [markdown]
# ## The effects at a glance
#
# Differences of means (accuracies, queries) and ratios of timings, each with its 95 %
# interval; the dotted line is "no effect". A bar that crosses it is "no significant
# difference".

# %%
if rows:
    fig, axes = plt.subplots(1, 2, figsize=(11, 0.45 * len(rows) + 1.5))
    for ax, timing_rows, no_effect, label in (
        (axes[0], False, 0.0, "difference, quantum minus classical"),
        (axes[1], True, 1.0, "time ratio, quantum / classical (log)"),
    ):
        mine = [(n, r) for n, r in rows if r.is_timing == timing_rows]
        key = "ratio" if timing_rows else "difference"
        for y, (name, row) in enumerate(mine):
            e = row.comparison[key]
            low, high = e.get("low"), e.get("high")
            if low is not None:
                ax.plot([low, high], [y, y], "-", color="tab:blue")
            ax.plot([e["mean"]], [y], "o", color="tab:orange")
        ax.axvline(no_effect, linestyle=":", color="k")
        ax.set_yticks(range(len(mine)), [f"{n}: {r.measure[:38]}" for n, r in mine], fontsize=7)
        ax.set_xlabel(label)
        if timing_rows:
            ax.set_xscale("log")
    fig.tight_layout()
    plt.show()

# %% [markdown]
# ## Exact numbers side by side
#
# Gate counts and theoretical query counts need no interval. Note where a lead comes
# from: Grover's gate count beats qiskit-algorithms' usual set-up only because qcog uses
# one clean helper qubit; Qiskit given one idle qubit reaches the same count.

# %%
display(
    Markdown(table(HEADLINE_COLUMNS, headline_rows(results)) if results else "_no results yet_")
)

# %% [markdown]
# ## Grover: oracle queries
#
# Classical search for one marked value among `N = 2**n` needs `(N+1)/2` queries on
# average; Grover about `(pi/4) sqrt(N)`. On a log scale the slopes are `n` and `n/2`:
# the quadratic speed-up, in *queries*. A simulator pays `2**n` work per query, so
# simulated Grover is never faster than classical search in wall time.

# %%
grover = results.get("grover") or {}
queries = grover.get("queries") or []
query_rows = queries.get("rows", []) if isinstance(queries, dict) else queries
if query_rows:
    fig, ax = plt.subplots(figsize=(6, 3.2))
    ns = [r["n"] for r in query_rows]
    ax.semilogy(ns, [r["classical_expected"] for r in query_rows], "o-", label="classical")
    ax.semilogy(ns, [r["grover_expected_until_verified"] for r in query_rows], "s-",
                label="Grover (theory, k/p)")
    ax.set_xlabel("search qubits n")
    ax.set_ylabel("oracle queries")
    ax.legend()
    plt.show()
else:
    print("no Grover results: qcog bench --only grover")

# %% [markdown]
# ## Every plot the benchmarks saved
#
# `<name>.verdicts.png` draws each benchmark's verdict rows with their error bars; the
# other plots are the benchmarks' own.

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
# * Gate counts are what real hardware pays for; say what a lower count comes from.
# * Hybrid models are compared with parameter-matched twins *and* with the strongest
#   cheap classical baseline for the task; a "quantum better" verdict against the twin
#   alone would say little.
# * Quick runs use fewer seeds: their verdicts are a smoke test. The committed full run
#   is the reference, and `qcog bench --compare` shows what changed against it.
