"""qcog: quantum-plus-classical hybrid computing on Qiskit, PennyLane and PyTorch.

Entry points:

- ``qcog.run(circuits, backend="auto", shots=1024, seed=None)`` -> ``RunResult``:
  transpile and run circuits; ``qcog.get_backend(spec)`` resolves ``auto``, ``aer``,
  ``aer-gpu``, ``fake:<device>``, ``ibm:<device>``.
- ``qcog.circuits``: circuit builders (states, Grover, QFT, oracles).
- ``qcog.algorithms.grover.GroverProblem(oracle).run(backend, shots, seed)``: Grover
  search and amplitude amplification; ``qcog.algorithms.shor.factor(N)``: Shor.
- ``qcog.ibm.submit`` / ``prepare`` / ``job_result``: IBM Quantum jobs with a local store.
- ``qcog.qml.QuantumLayer``: a variational circuit as a torch layer.
- ``qcog.training.experiment.train_model`` / ``evaluate_checkpoint``: hybrid models
  (``qcog.models``) and their classical twins.
- ``qcog.distributed``: ``map_tasks``, ``run_circuits_distributed``, ``train_ddp``, ...
- ``qcog.limits``: the memory and circuit-size guards every entry point runs first.
- ``qcog --help``: the command line (``qcog demo``, ``run``, ``grover``, ``shor``,
  ``train``, ``ibm``, ``jobs``, ``bench``).

``import qcog`` is light: Qiskit, Aer, torch, PennyLane and qiskit-ibm-runtime are
imported by the modules that use them, when they are first used.

>>> import qcog
>>> qcog.__version__
'0.1.0'
"""

from qcog.lazy_exports import lazy_getattr

__version__ = "0.1.0"

# Public names, resolved lazily so that ``import qcog`` stays cheap.
_LAZY = {
    "run": "qcog.runner",
    "RunResult": "qcog.result",
    "get_backend": "qcog.backends",
    "Backend": "qcog.backends",
    "BackendSpec": "qcog.backends",
}

__all__ = ["__version__", *_LAZY]

__getattr__ = lazy_getattr(__name__, _LAZY)
