# Source of tutorials/12_sequence_models.ipynb; build with `python tutorials/build.py`.

# %% [markdown]
# # 12. Sequence models: quantum LSTM, hybrid translation, quantum adapters
#
# Three kinds of sequence model, each next to its classical counterpart (`qcog.sequence`):
#
# 1. **QLSTM** (Chen, Yoo and Fang 2020): an LSTM whose four gates are variational
#    circuits. `qcog.sequence.qlstm.QLSTM` takes and returns what `torch.nn.LSTM` does,
#    so it drops into existing code; its twin is an `nn.LSTM` with the same number of
#    parameters.
# 2. **Hybrid encoder-decoder translation**: a Transformer that translates English dates
#    into German ones (pairs rendered by Babel from the Unicode CLDR data), with quantum
#    feed-forward blocks; trained with teacher forcing and causal masks, decoded greedily
#    or with beam search, scored with sacrebleu.
# 3. **Quantum adapters versus LoRA**: a small Transformer pretrained once on one task is
#    fine-tuned on another in full, with `peft`'s LoRA, or with adapters whose bottleneck
#    is a variational circuit, at a similar number of trainable parameters.
#
# Everything runs offline on a CPU; `QCOG_TUTORIAL_SMALL=1` shrinks the runs.

# %%
import os
import random
import warnings

import matplotlib.pyplot as plt
import numpy as np
import torch

from qcog.models.twins import count_parameters
from qcog.sequence.qlstm import QLSTM
from qcog.training.experiment import train_model

warnings.filterwarnings("ignore", message="IProgress not found")  # tqdm without ipywidgets
SEED = 7
SMALL = os.environ.get("QCOG_TUTORIAL_SMALL") == "1"
random.seed(SEED)
np.random.seed(SEED)
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tiny models: one thread is fastest and reproducible
QUIET = {"progress": False, "threads": 1, "patience": None}

# %% [markdown]
# ## Part 1. The quantum LSTM
#
# A drop-in for `nn.LSTM`: same arguments (`batch_first`, several layers, dropout), same
# inputs (also packed sequences) and outputs. The extra arguments say how the gate
# circuits are built and where they run (`engine="torch"` is qcog's fast simulator; any
# PennyLane device or Qiskit backend works too).

# %%
classical = torch.nn.LSTM(input_size=3, hidden_size=5, num_layers=2, batch_first=True)
quantum = QLSTM(input_size=3, hidden_size=5, num_layers=2, batch_first=True, n_qubits=4)
x = torch.randn(8, 12, 3)  # 8 sequences of 12 steps
for name, lstm in (("nn.LSTM", classical), ("QLSTM", quantum)):
    out, (h, c) = lstm(x)
    print(f"{name:8s} output {tuple(out.shape)}, h_n {tuple(h.shape)}, "
          f"{count_parameters(lstm)} parameters")

# %% [markdown]
# The task of the paper: predict the next value of a series from the four before it.
# Here the series is a damped pendulum (solved with SciPy); training uses the first
# 70 % of the time axis, validation the next 15 % and the test the last 15 %, so the
# score (R², 1 is perfect) measures extrapolation in time.

# %%
import tempfile

from qcog.models.registry import build_model
from qcog.training.checkpoint import load_checkpoint

RUNS = tempfile.mkdtemp(prefix="qcog-tutorial-12-")


def trained_model(report):
    """The best weights of a run of train_model(..., out_dir=...), ready to use."""
    ckpt = load_checkpoint(report["checkpoint"])
    model = build_model(report["kind"], ckpt["meta"]["model_config"])
    model.load_state_dict(ckpt["best_state"])
    return model.eval()


EPOCHS = 6 if SMALL else 30
series = {}
for label, twin in (("QLSTM", False), ("nn.LSTM twin", True)):
    series[label] = train_model("qlstm", "oscillation", epochs=EPOCHS, seed=SEED, classical=twin,
                                out_dir=os.path.join(RUNS, f"series-{twin}"), **QUIET)
    r = series[label]
    print(f"{label:13s} test R² {r['test_r2']:.4f}, RMSE {r['test_rmse']:.4f}, "
          f"{r['parameters']} parameters, {r['seconds_per_epoch']:.2f} s/epoch")

# %%
from qcog.sequence.data import prepare_qlstm_data
from qcog.training.experiment import DataSpec

prepared = prepare_qlstm_data(DataSpec("oscillation"))
x = torch.cat([prepared.tensors[k][0] for k in ("train", "val", "test")])
y = torch.cat([prepared.tensors[k][1] for k in ("train", "val", "test")])
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3))
ax1.plot(y.numpy(), color="black", lw=2, label="pendulum (scaled)")
with torch.no_grad():
    for label, r in series.items():
        ax1.plot(trained_model(r)(x).numpy(), lw=1, label=label)
        ax2.plot([h["epoch"] for h in r["history"]], [h["val_r2"] for h in r["history"]], "o-",
                 label=label)
ax1.axvspan(len(prepared.tensors["train"][1]), len(y), color="grey", alpha=0.15)
ax1.set(title="next-value predictions (shaded: validation + test)", xlabel="window")
ax1.legend(fontsize=8)
ax2.set(title="validation R² per epoch", xlabel="epoch", ylim=(-0.5, 1.05))
ax2.legend()
plt.show()

# %% [markdown]
# The same `qlstm` kind classifies text: `--data sentiment` embeds the tokens and runs
# the QLSTM over them as a packed sequence (padding never enters the state).

# %%
text = {}
for label, twin in (("QLSTM", False), ("nn.LSTM twin", True)):
    text[label] = train_model("qlstm", "sentiment", epochs=1 if SMALL else 6, seed=SEED,
                              classical=twin, limit=300 if SMALL else 3000,
                              data_options={"max_len": 16}, **QUIET)
    print(f"{label:13s} test accuracy {text[label]['test_accuracy']:.3f} "
          f"({text[label]['data']['sizes']['test']} test tweets)")

# %% [markdown]
# ## Part 2. Translating dates with a hybrid encoder-decoder
#
# Pairs such as *Wednesday, March 3, 2021* → *Mittwoch, 3. März 2021*: word translation,
# reordering, punctuation, month names to numbers and digit copying. Tokens are
# reversible (words, single digits, symbols; `▁` marks a space), so decoded tokens give
# back exact text for sacrebleu.

# %%
from qcog.sequence.pairs import date_pairs, tokenize_pair_text

for src, tgt in date_pairs(4, seed=SEED, source="en", target="de"):
    print(f"{src:32s} -> {tgt}")
print(tokenize_pair_text("Mittwoch, 3. März 2021"))

# %% [markdown]
# The hybrid has a quantum feed-forward block in its encoder and in its decoder
# (`Seq2SeqConfig.encoder_blocks` / `decoder_blocks` choose per block); the twin replaces
# each circuit by a classical layer of the same width. Training is teacher-forced: the
# decoder sees `<bos> y1 ... y(T-1)` under a causal mask and predicts `y1 ... yT`.

# %%
from qcog.sequence.decoding import translate
from qcog.sequence.pairs import ids_to_text

PAIRS, S2S_EPOCHS = (1000, 6) if SMALL else (3000, 20)
translation = {}
for label, twin in (("hybrid", False), ("classical twin", True)):
    translation[label] = train_model("seq2seq", "dates:en-de", epochs=S2S_EPOCHS, seed=SEED,
                                     classical=twin, limit=PAIRS,
                                     out_dir=os.path.join(RUNS, f"dates-{twin}"), **QUIET)
    r = translation[label]
    print(f"{label:15s} BLEU {r['test_bleu']:.1f}, chrF {r['test_chrf']:.1f}, "
          f"exact match {r['test_exact_match']:.1f} %, {r['parameters']} parameters")

# %% [markdown]
# Decoding: greedy search takes the most likely token at every step; beam search keeps
# the `k` best prefixes and returns the most likely finished one.

# %%
from qcog.sequence.data import prepare_seq2seq_data

data = prepare_seq2seq_data(DataSpec("dates:en-de", seed=SEED, limit=PAIRS))
model = trained_model(translation["hybrid"])
src = data.tensors["test"][0][:6]
greedy, beam = translate(model, src, 32, beam_size=1), translate(model, src, 32, beam_size=4)
for i in range(len(src)):
    print(f"{data.splits.test.x[i]:28s} greedy: {ids_to_text(greedy[i], data.vocabulary):22s} "
          f"beam: {ids_to_text(beam[i], data.vocabulary):22s} reference: {data.splits.test.y[i]}")

# %%
fig, ax = plt.subplots(figsize=(6, 3))
for label, r in translation.items():
    ax.plot([h["epoch"] for h in r["history"]], [h["val_token_accuracy"] for h in r["history"]],
            "o-", label=label)
ax.set(xlabel="epoch", ylabel="validation token accuracy", title="teacher-forced accuracy")
ax.legend()
plt.show()

# %% [markdown]
# ## Part 3. Quantum adapters versus LoRA
#
# A classical Transformer is pretrained once on three-way sentiment (negative / neutral /
# positive) on one half of the tweets, and cached (`$QCOG_CACHE_DIR` or the user cache).
# It is then fine-tuned for negative-versus-positive on the *other* half:
#
# * `full`: every weight trains;
# * `lora`: `peft`'s LoRA of rank r on the attention and feed-forward linear layers;
# * `adapter`: on the same layers, `W x + U q(pi tanh(D x))` with an n-qubit circuit `q`
#   (and `U` zero at the start, like LoRA's `B`); `--classical` puts a classical layer
#   where the circuit is.
#
# The classifier head is new and trains in every method.

# %%
pretrain = {"pretrain_limit": 1500, "pretrain_epochs": 2} if SMALL else {}
methods = {
    "full": ({"method": "full"}, False),
    "LoRA r=2": ({"method": "lora", "rank": 2}, False),
    "quantum adapter n=2": ({"method": "adapter", "n_qubits": 2}, False),
    "classical adapter n=2": ({"method": "adapter", "n_qubits": 2}, True),
}
finetuned = {}
for label, (options, twin) in methods.items():
    finetuned[label] = train_model(
        "adapter", "polarity:b", epochs=1 if SMALL else 4, seed=SEED, classical=twin,
        limit=600 if SMALL else 3000, model_options={**options, **pretrain}, **QUIET,
    )
    r = finetuned[label]
    print(f"{label:22s} trainable {r['trainable_parameters']:6d} of {r['parameters']}, "
          f"test accuracy {r['test_accuracy']:.3f}")

# %%
fig, ax = plt.subplots(figsize=(6, 3.2))
for label, r in finetuned.items():
    ax.scatter(r["trainable_parameters"], 100 * r["test_accuracy"], s=60, label=label)
ax.set(xscale="log", xlabel="trainable parameters", ylabel="test accuracy (%)",
       title="fine-tuning for polarity (one seed)")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# One seed says little: `benchmarks/sequence_models.py` (in `qcog bench`) repeats every
# comparison over five seeds and reports the hybrid-minus-classical difference with its
# 95 % interval, the adapter table at several ranks, and the QLSTM's speed on qcog's
# engine against the same QLSTM on PennyLane's `TorchLayer`.
#
# From the command line:
#
# ```bash
# qcog train qlstm --data bessel --epochs 30
# qcog train seq2seq --data dates:en-fr --limit 3000 --epochs 20 --out runs/s2s
# qcog evaluate runs/s2s/checkpoint.ckpt --beam 4
# qcog train adapter --method lora --rank 2
# qcog curves runs/qlstm-hybrid-seed0/checkpoint.ckpt runs/qlstm-classical-seed0/checkpoint.ckpt
# ```
