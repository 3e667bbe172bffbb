# Source of tutorials/05_hybrid_cnn_digits.ipynb; build with `python tutorials/build.py`.

# %% [markdown]
# # 5. A hybrid CNN on handwritten digits, with quanvolution, against its classical twin
#
# Two ways to put a quantum circuit into a convolutional network, each compared with a
# **classical twin** of matched size (the same network with the circuit replaced by a
# small classical layer with about as many parameters), trained with the same seed on the
# same split:
#
# 1. **Hybrid CNN**: a LeNet-5-style feature extractor, compressed to `n` features that
#    enter an `n`-qubit variational circuit (angle embedding + entangling layers) whose
#    expectation values feed the classifier head (`qcog.models.cnn`).
# 2. **Quanvolution** (Henderson et al. 2019): a small circuit slides over `2x2` image
#    patches like a convolution filter, producing 4 feature maps
#    (`qcog.models.quanvolution`).
#
# The quantum layers are simulated by qcog's batched torch engine (tutorial 7 shows its
# speed next to PennyLane's devices). Data: scikit-learn's 8x8 digits, offline.

# %%
import os
import random
import warnings

import matplotlib.pyplot as plt
import numpy as np
import torch

from qcog.data.digits import load_digits_dataset
from qcog.models.quanvolution import Quanvolution
from qcog.models.registry import build_model, make_config
from qcog.models.twins import count_parameters
from qcog.training.experiment import train_model

warnings.filterwarnings("ignore", message="IProgress not found")  # tqdm without ipywidgets
SEED = 1234
SMALL = os.environ.get("QCOG_TUTORIAL_SMALL") == "1"
EPOCHS = 20 if SMALL else 40
LIMIT = 900 if SMALL else None  # examples used (stratified); None: all 1,797
random.seed(SEED)
np.random.seed(SEED)
torch.manual_seed(SEED)
torch.set_num_threads(1)  # these models are tiny: one thread is fastest (and reproducible)

# %% [markdown]
# ## The data

# %%
digits = load_digits_dataset()
print(len(digits), "images of", digits.x.shape[1:], "classes", digits.classes)
fig, axes = plt.subplots(1, 10, figsize=(10, 1.4))
for label, ax in enumerate(axes):
    index = int(np.flatnonzero(digits.y == label)[0])
    ax.imshow(digits.x[index, 0], cmap="gray_r")
    ax.set_title(digits.classes[label])
    ax.axis("off")
plt.show()

# %% [markdown]
# ## The hybrid model and its twin
#
# Models are built from a config dataclass; `quantum=False` gives the twin. The parameter
# counts are reported so the comparison is fair.

# %%
hybrid = build_model("cnn", make_config("cnn", n_qubits=4, n_layers=2, seed=SEED))
twin = build_model("cnn", make_config("cnn", n_qubits=4, n_layers=2, quantum=False, seed=SEED))
print(hybrid)
print(f"parameters: hybrid {count_parameters(hybrid):,}, classical twin {count_parameters(twin):,}")
print("output of 2 images:", hybrid(torch.from_numpy(digits.x[:2])).shape)

# %% [markdown]
# ## Training both, side by side
#
# `train_model` is what `qcog train cnn` runs: a deterministic split (train/validation/
# test), Adam, per-epoch loss/accuracy/F1, early stopping on the validation loss, and
# test metrics of the best epoch. The same call with `out_dir=...` writes a checkpoint
# that `qcog train cnn --resume` continues and `qcog evaluate` scores.

# %%
runs = {}
for label, classical in [("hybrid", False), ("classical twin", True)]:
    runs[label] = train_model(
        "cnn",
        "digits",
        epochs=EPOCHS,
        seed=SEED,
        classical=classical,
        qubits=4,
        layers=2,
        limit=LIMIT,
        progress=False,
        patience=None,
    )
    r = runs[label]
    print(
        f"{label:>15}: test accuracy {r['test_accuracy']:.3f}, F1 {r['test_f1']:.3f}, "
        f"{r['parameters']:,} parameters, {r['seconds_per_epoch']:.2f} s/epoch, best epoch {r['best_epoch']}"
    )


# %%
def plot_curves(runs: dict, title: str) -> None:
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3))
    for label, r in runs.items():
        epochs = [h["epoch"] for h in r["history"]]
        ax1.plot(epochs, [h["train_loss"] for h in r["history"]], label=f"{label} train")
        ax1.plot(epochs, [h["val_loss"] for h in r["history"]], "--", label=f"{label} validation")
        ax2.plot(epochs, [h["val_accuracy"] for h in r["history"]], "o-", label=label)
    ax1.set_xlabel("epoch")
    ax1.set_ylabel("loss")
    ax1.legend(fontsize=7)
    ax2.set_xlabel("epoch")
    ax2.set_ylabel("validation accuracy")
    ax2.legend()
    fig.suptitle(title)
    plt.show()


plot_curves(runs, "hybrid CNN vs classical twin on digits")

# %% [markdown]
# ## Quanvolution: a quantum filter over image patches
#
# Each `2x2` patch (pixel values scaled to angles in `[0, pi]`) enters a 4-qubit circuit;
# the 4 expectation values become 4 output channels at that position. With stride 2 an
# 8x8 digit becomes four 4x4 feature maps.

# %%
quanv = Quanvolution(kernel_size=2, n_layers=1, seed=SEED)
image = torch.from_numpy(digits.x[:1])  # (1, 1, 8, 8)
with torch.no_grad():
    maps = quanv(image)  # (1, 4, 4, 4)
fig, axes = plt.subplots(1, 5, figsize=(9, 2))
axes[0].imshow(image[0, 0], cmap="gray_r")
axes[0].set_title("input")
for channel in range(4):
    axes[channel + 1].imshow(maps[0, channel], cmap="RdBu")
    axes[channel + 1].set_title(f"qubit {channel}")
for ax in axes:
    ax.axis("off")
plt.show()

# %%
quanv_runs = {}
for label, classical in [("quanvolution", False), ("classical twin", True)]:
    quanv_runs[label] = train_model(
        "quanv",
        "digits",
        epochs=EPOCHS,
        seed=SEED,
        classical=classical,
        limit=LIMIT,
        progress=False,
        patience=None,
    )
    r = quanv_runs[label]
    print(
        f"{label:>15}: test accuracy {r['test_accuracy']:.3f}, {r['parameters']:,} parameters, "
        f"{r['seconds_per_epoch']:.2f} s/epoch"
    )
plot_curves(quanv_runs, "quanvolution CNN vs classical twin on digits")

# %% [markdown]
# ## Summary
#
# Read the table below with two things in mind. The quantum layers are simulated
# exactly (4 qubits), so they are one more differentiable function and cost more time
# per epoch than their twins; they bring no speed. And at these sizes accuracy
# differences of a few points move with the seed and the number of epochs (change
# `SEED`, or unset `QCOG_TUTORIAL_SMALL` for the full-size run): the benchmark suite
# (`qcog bench`, tutorial 7) trains longer on all the data. The point of these models is
# to study what variational circuits can learn, and to move a trained circuit to real
# hardware (`qcog.qml` exports a trained layer as a Qiskit circuit; tutorial 4 runs
# circuits on IBM devices).

# %%
rows = [
    (name, r["test_accuracy"], r["parameters"], r["seconds_per_epoch"])
    for name, r in [
        ("hybrid CNN", runs["hybrid"]),
        ("its twin", runs["classical twin"]),
        ("quanvolution CNN", quanv_runs["quanvolution"]),
        ("its twin", quanv_runs["classical twin"]),
    ]
]
print(f"{'model':<18} {'test acc':>8} {'params':>8} {'s/epoch':>8}")
for name, acc, params, sec in rows:
    print(f"{name:<18} {acc:8.3f} {params:8,} {sec:8.2f}")
