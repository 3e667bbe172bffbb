"""Plots of kernel experiments: a Gram-matrix heat map, accuracy versus qubits.

>>> import numpy as np
>>> fig = plot_kernel_matrix(np.eye(3), title="identity")
>>> fig.axes[0].get_title()
'identity'
"""

from __future__ import annotations

from typing import Any

import numpy as np


def _pyplot():
    import matplotlib.pyplot as plt

    return plt


def plot_kernel_matrix(gram, labels=None, title: str = "kernel matrix", ax=None):
    """A heat map of a Gram matrix, rows/columns sorted by label when labels are given.

    Args:
        gram: ``(N, N)`` or ``(N, M)`` matrix.
        labels: optional ``(N,)`` labels (symmetric matrices only) to group the classes.
        title: the axes title.
        ax: draw into these axes (default: a new figure).

    Returns:
        The matplotlib figure.
    """
    gram = np.asarray(gram)
    if labels is not None:
        order = np.argsort(np.asarray(labels), kind="stable")
        gram = gram[np.ix_(order, order)]
    if ax is None:
        fig, ax = _pyplot().subplots(figsize=(4.2, 3.6))
    else:
        fig = ax.figure
    image = ax.imshow(gram, vmin=0, vmax=max(1.0, float(gram.max())), cmap="viridis")
    fig.colorbar(image, ax=ax, fraction=0.046)
    ax.set_title(title)
    ax.set_xlabel("point j")
    ax.set_ylabel("point i")
    return fig


def plot_accuracy_vs_qubits(results: list[dict[str, Any]], title: str = "", ax=None):
    """Test accuracy (mean and 95% interval over seeds) against qubits, one line per model.

    Args:
        results: :meth:`qcog.kernels.comparison.KernelComparison.to_dict` outputs, one per
            qubit count.
        title: the axes title.
        ax: draw into these axes (default: a new figure).

    Returns:
        The matplotlib figure.
    """
    if ax is None:
        fig, ax = _pyplot().subplots(figsize=(5.2, 3.4))
    else:
        fig = ax.figure
    rows = sorted(results, key=lambda r: r["n_qubits"])
    models = list(rows[0]["accuracy"]) if rows else []
    for offset, model in zip(np.linspace(-0.1, 0.1, max(len(models), 1)), models):
        qubits = np.array([r["n_qubits"] for r in rows]) + offset
        acc = [r["accuracy"][model] for r in rows]
        means = np.array([a["mean"] for a in acc])
        low = np.array([a["low"] if a["low"] is not None else a["mean"] for a in acc])
        high = np.array([a["high"] if a["high"] is not None else a["mean"] for a in acc])
        ax.errorbar(qubits, means, yerr=[means - low, high - means], fmt="o-", capsize=3,
                    label=model)
    ax.set_xlabel("qubits (= features after PCA)")
    ax.set_ylabel("test accuracy")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend()
    return fig
