import matplotlib

matplotlib.use("Agg")

import numpy as np

from qcog.kernels.plots import plot_accuracy_vs_qubits, plot_kernel_matrix


def test_heat_map_sorts_by_label():
    fig = plot_kernel_matrix(np.array([[1.0, 0.1], [0.1, 1.0]]), labels=[1, 0], title="k")
    image = fig.axes[0].images[0].get_array()
    assert image[0, 0] == 1.0 and fig.axes[0].get_title() == "k"


def test_accuracy_versus_qubits_draws_one_line_per_model():
    acc = {"mean": 0.9, "low": 0.85, "high": 0.95}
    rows = [{"n_qubits": n, "accuracy": {"qsvc": acc, "rbf_svc": acc}} for n in (2, 4)]
    fig = plot_accuracy_vs_qubits(rows, title="t")
    assert len(fig.axes[0].get_legend().get_texts()) == 2
