"""``qcog kernel gram`` (a quantum Gram matrix, exact or from shots) and ``qcog kernel compare``
(QSVC versus an RBF SVC and random Fourier features over seeds)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for annotations only; imported where used
    import argparse

DATASETS = ("adhoc", "iris", "breast_cancer", "digits")
#: ``kernel gram``'s default data: the ad hoc set (Havlicek et al. used 2-3 qubits) up to
#: this width; above it, its labels' gap is almost never reached, so random points.
ADHOC_MAX_QUBITS = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    from qcog.cli.argtypes import positive_int

    kernel = subparsers.add_parser(
        "kernel", help="quantum kernels: Gram matrices and QSVC versus classical kernels",
        description="Quantum fidelity/projected kernels (qcog.kernels).")
    commands = kernel.add_subparsers(dest="kernel_command", metavar="ACTION")
    gram = commands.add_parser(
        "gram", help="compute a Gram matrix (exact statevectors or shots on a backend)",
        description="Exact: |Psi(X) Psi(X)^H|^2 from batched states. On aer, fake:NAME or "
        "ibm:NAME: compute-uncompute circuits; fake/ibm jobs are in the job store, so "
        "running the same command again resumes an interrupted matrix.")
    _map_arguments(gram)
    gram.add_argument("--data", "--dataset", dest="data", default=None,
                      help="adhoc, iris, breast_cancer, digits, random (uniform features in "
                           "[0, 2pi)), or a .csv/.npy file of features (default: adhoc up to "
                           f"{ADHOC_MAX_QUBITS} qubits, random above)")
    gram.add_argument("--points", type=positive_int, default=100, help="points (default 100)")
    gram.add_argument("--kernel", choices=("fidelity", "projected"), default="fidelity",
                      help="fidelity |<psi(x)|psi(y)>|^2 (default) or projected (Huang et al. 2021)")
    gram.add_argument("--backend", default="exact",
                      help="exact (default), aer, aer-gpu, fake:NAME, ibm:NAME")
    gram.add_argument("--shots", type=positive_int, default=1024,
                      help="shots per entry (backends)")
    gram.add_argument("--max-circuits", type=positive_int, default=300,
                      help="most circuits per job")
    gram.add_argument("--dtype", choices=("float64", "float32"), default="float64",
                      help="precision of the exact kernel (default float64)")
    gram.add_argument("--device", default="cpu", help="cpu or cuda (exact kernel)")
    gram.add_argument("--store", default=None,
                      help="job store for fake:/ibm: jobs (default store)")
    gram.add_argument("--out", "--output", dest="out", default=None, metavar="FILE",
                      help="save the matrix (.npy)")
    gram.add_argument("--plot", default=None, metavar="FILE", help="save a heat map (.png)")
    _common(gram)
    gram.set_defaults(handler=_gram)
    compare = commands.add_parser(
        "compare", help="QSVC versus RBF SVC and random Fourier features, over seeds",
        description="Test accuracies over seeds with 95%% intervals and paired verdicts.")
    compare.add_argument("--dataset", "--data", dest="dataset", choices=DATASETS, default="adhoc",
                         help="ad hoc data (Havlicek et al.) or an offline scikit-learn dataset")
    compare.add_argument("--map", dest="feature_map", choices=("zz", "iqp", "angle"),
                         default="zz", help="feature map (default zz, Havlicek et al.)")
    compare.add_argument("--qubits", type=positive_int, action="append", default=None,
                         help="qubits = features (repeat for several; default 2)")
    compare.add_argument("--seeds", type=positive_int, default=5,
                         help="seeds 0..N-1 (default 5)")
    compare.add_argument("--max-samples", type=positive_int, default=None,
                         help="subsample the offline datasets first")
    compare.add_argument("--plot", default=None, metavar="FILE",
                         help="save accuracy versus qubits (.png)")
    _common(compare)
    compare.set_defaults(handler=_compare)
    kernel.set_defaults(handler=lambda args: _usage(kernel))


def _usage(parser: argparse.ArgumentParser) -> int:
    import sys

    parser.print_help(sys.stderr)
    return 2


def _map_arguments(parser: argparse.ArgumentParser) -> None:
    from qcog.cli.argtypes import positive_float, positive_int

    parser.add_argument("--map", dest="feature_map", choices=("zz", "iqp", "angle"),
                        default="zz", help="feature map (default zz, Havlicek et al.)")
    parser.add_argument("--qubits", type=positive_int, default=2,
                        help="qubits = features (default 2)")
    parser.add_argument("--reps", type=positive_int, default=2,
                        help="repetitions of the zz/iqp layers")
    parser.add_argument("--entanglement", choices=("full", "linear", "circular"),
                        default="full", help="pairs of the zz map's entanglers (default full)")
    parser.add_argument("--bandwidth", type=positive_float, default=1.0,
                        help="features are multiplied by it (default 1)")


def _common(parser: argparse.ArgumentParser) -> None:
    from qcog.cli.argtypes import seed

    parser.add_argument("--seed", type=seed, default=0, help="data and simulator seed")
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    parser.add_argument("--no-progress", dest="progress", action="store_false",
                        help="no progress bar")
    parser.add_argument("--progress", dest="progress", action="store_true", default=True,
                        help="show a progress bar on stderr (the default)")


def _features(args: argparse.Namespace):
    """The points: a dataset by name, or a .npy/.csv file of features."""
    import numpy as np

    from qcog.exceptions import QcogValueError

    source = args.data or ("adhoc" if args.qubits <= ADHOC_MAX_QUBITS else "random")
    if source == "random":
        rng = np.random.default_rng(args.seed)
        return rng.uniform(0, 2 * np.pi, size=(args.points, args.qubits))
    if source == "adhoc":
        from qcog.kernels.adhoc import ad_hoc_data

        half = -(-args.points // 2)
        return ad_hoc_data(n_train=half, n_test=0, n_qubits=args.qubits,
                           seed=args.seed).x_train[: args.points]
    if source in DATASETS:
        from qcog.kernels.datasets import load_classification

        split = load_classification(source, args.qubits, seed=args.seed)
        return split.x_train[: args.points]
    if args.data.endswith(".npy"):
        data = np.load(args.data)
    elif args.data.endswith(".csv"):
        data = np.genfromtxt(args.data, delimiter=",")
    else:
        raise QcogValueError(
            f"--data {args.data!r}: give {', '.join(DATASETS)}, random, a .csv or a .npy")
    return np.atleast_2d(data)[: args.points]


def _bar(enabled: bool, unit: str):
    """A ``progress(done, total)`` callback drawing a tqdm bar on stderr, or None."""
    if not enabled:
        return None, None
    from tqdm import tqdm

    bar = tqdm(unit=unit, leave=False)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    return progress, bar


def _offset(progress: Callable[[int, int], None], before: int,
            total: int) -> Callable[[int, int], None]:
    """``progress`` of one part of a longer run: ``before`` steps done, ``total`` in all."""

    def step(done: int, _part: int) -> None:
        progress(before + done, total)

    return step


def _gram(args: argparse.Namespace) -> int:
    import time

    import numpy as np

    from qcog.cli.output import emit
    from qcog.kernels.standard_maps import make_feature_map

    fm = make_feature_map(args.feature_map, args.qubits, args.reps, args.entanglement,
                          args.bandwidth)
    x = _features(args)
    progress, bar = _bar(args.progress, "block" if args.backend == "exact" else "job")
    start = time.perf_counter()
    extra: dict[str, Any] = {}
    try:
        if args.kernel == "projected":
            from qcog.kernels.projected import projected_kernel

            matrix = projected_kernel(fm, x, gamma="scale", dtype=args.dtype, device=args.device)
        elif args.backend == "exact":
            from qcog.kernels.fidelity import fidelity_kernel

            matrix = fidelity_kernel(fm, x, dtype=args.dtype, device=args.device,
                                     progress=progress)
        else:
            from qcog.kernels.shots import shot_kernel

            result = shot_kernel(fm, x, backend=args.backend, shots=args.shots, seed=args.seed,
                                 max_circuits=args.max_circuits, store=args.store,
                                 progress=progress)
            matrix, extra = result.matrix, result.to_dict()
    finally:
        if bar is not None:
            bar.close()
    seconds = time.perf_counter() - start
    if args.out:
        np.save(args.out, matrix)
    if args.plot:
        from qcog.kernels.plots import plot_kernel_matrix

        plot_kernel_matrix(matrix, title=f"{args.feature_map} kernel, {args.qubits} qubits"
                           ).savefig(args.plot, dpi=120)
    off = matrix[~np.eye(*matrix.shape, dtype=bool)] if matrix.size > 1 else matrix.ravel()
    out = {"feature_map": fm.describe(), "kernel": args.kernel, "backend": args.backend,
           "points": len(x), "shape": list(matrix.shape), "seconds": round(seconds, 4),
           "dtype": args.dtype, "off_diagonal": {"mean": float(off.mean()) if off.size else None,
                                                 "min": float(off.min()) if off.size else None,
                                                 "max": float(off.max()) if off.size else None},
           "saved": args.out, "plot": args.plot, **extra}
    emit(out, args.json, _gram_text)
    return 0


def _gram_text(d: dict) -> str:
    fm = d["feature_map"]
    head = (f"{d['kernel']} kernel, map {fm['name']} on {fm['n_qubits']} qubits, "
            f"{d['points']} points on {d['backend']}: {d['shape'][0]} x {d['shape'][1]} "
            f"in {d['seconds']:.3f} s")
    lines = [head]
    off = d["off_diagonal"]
    if off["mean"] is not None:
        lines.append(f"off-diagonal entries: mean {off['mean']:.4f}, min {off['min']:.4f}, "
                     f"max {off['max']:.4f}")
    if "jobs" in d:
        lines.append(f"{d['circuits']} circuits in {d['jobs']} jobs ({d['resumed']} taken "
                     f"from the job store), {d['shots']} shots each")
        if d.get("gram_tag"):
            lines.append(f"job-store tag: {d['gram_tag']}")
    for key, label in (("saved", "matrix saved to"), ("plot", "heat map saved to")):
        if d.get(key):
            lines.append(f"{label} {d[key]}")
    return "\n".join(lines)


def _compare(args: argparse.Namespace) -> int:
    from qcog.cli.output import emit
    from qcog.kernels.comparison import compare_kernels

    qubits = args.qubits or [2]
    progress, bar = _bar(args.progress, "seed")
    results = []
    try:
        for k, n in enumerate(qubits):
            step = None if progress is None else _offset(progress, k * args.seeds,
                                                         len(qubits) * args.seeds)
            result = compare_kernels(args.dataset, n_qubits=n, seeds=range(args.seeds),
                                     feature_map=args.feature_map,
                                     max_samples=args.max_samples, progress=step)
            results.append(result.to_dict())
    finally:
        if bar is not None:
            bar.close()
    if args.plot:
        from qcog.kernels.plots import plot_accuracy_vs_qubits

        plot_accuracy_vs_qubits(results, title=args.dataset).savefig(args.plot, dpi=120)
    emit({"dataset": args.dataset, "results": results, "plot": args.plot}, args.json,
         _compare_text)
    return 0


def _compare_text(d: dict) -> str:
    lines = [f"{d['dataset']}: test accuracy over seeds (95% CI)"]
    for r in d["results"]:
        lines.append(f"  {r['n_qubits']} qubits, {r['n_train']} train / {r['n_test']} test:")
        for model, acc in r["accuracy"].items():
            interval = "" if acc["low"] is None else f" [{acc['low']:.3f}, {acc['high']:.3f}]"
            lines.append(f"    {model:15s} {acc['mean']:.3f}{interval}")
        for twin, c in r["comparisons"].items():
            lines.append(f"    qsvc vs {twin}: {c['verdict']}")
    if d.get("plot"):
        lines.append(f"plot saved to {d['plot']}")
    return "\n".join(lines)
