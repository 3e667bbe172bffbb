"""The options ``qcog vqe`` and ``qcog qaoa`` share: optimiser, backend, shots, seed, output.

>>> import argparse
>>> parser = argparse.ArgumentParser()
>>> add_variational_arguments(parser, shots=1024, shots_help="samples")
>>> args = parser.parse_args(["--optimizer", "adam", "--threads", "1"])
>>> optimizer_config(args, default_steps=50).steps, args.backend
(50, 'torch')
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qcog.variational.optimizer import OptimizerConfig

BACKENDS_HELP = "torch (default, exact), default.qubit, lightning.qubit, aer, fake:NAME, ibm:NAME"


def add_variational_arguments(parser: argparse.ArgumentParser, shots: int, shots_help: str) -> None:
    """``--optimizer --steps --lr --backend --shots --seed --store --plot --threads
    --no-progress --json``."""
    from qcog.cli.argtypes import positive_float, positive_int, seed

    parser.add_argument("--optimizer", default="lbfgs", choices=("adam", "lbfgs", "spsa"),
                        help="lbfgs (default) or adam with exact gradients; spsa on shot backends")
    parser.add_argument("--steps", type=positive_int, default=None, help="optimiser steps")
    parser.add_argument("--lr", type=positive_float, default=None, help="learning rate (spsa: a)")
    parser.add_argument("--backend", default="torch", help=BACKENDS_HELP)
    parser.add_argument("--shots", type=positive_int, default=shots,
                        help=f"{shots_help} (default {shots})")
    parser.add_argument("--seed", type=seed, default=0, help="seed of everything random")
    parser.add_argument("--store", default=None, help="job store for fake:/ibm: jobs (default store)")
    parser.add_argument("--plot", default=None, metavar="FILE", help="save the plot (PNG)")
    parser.add_argument("--threads", type=positive_int, default=None,
                        help="torch CPU threads (1 is fastest for small circuits on a busy machine)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars")
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")


def optimizer_config(args: argparse.Namespace, default_steps: int) -> OptimizerConfig:
    """The :class:`~qcog.variational.optimizer.OptimizerConfig` the options ask for."""
    from qcog.variational.optimizer import OptimizerConfig

    return OptimizerConfig(args.optimizer, steps=args.steps or default_steps, lr=args.lr,
                           threads=args.threads)


def save_plot(ax: Any, path: str) -> None:
    """Save the figure holding ``ax`` as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    ax.figure.tight_layout()
    ax.figure.savefig(path, dpi=120)
