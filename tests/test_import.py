"""``import qcog`` stays light: no heavy dependency is imported until used."""

import subprocess
import sys

HEAVY = ["torch", "pennylane", "qiskit_ibm_runtime", "qiskit_aer", "matplotlib", "qiskit"]


def test_import_qcog_pulls_in_no_heavy_dependency():
    code = (
        "import sys, qcog, qcog.cli, qcog.backends, qcog.circuits, qcog.exceptions;"
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_cli_help_is_light_too():
    code = (
        "import sys; from qcog.cli import build_parser; build_parser();"
        "print([m for m in ['torch', 'pennylane', 'qiskit_ibm_runtime', 'qiskit_aer'] if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_distributed_names_import_from_the_package():
    import qcog.distributed as distributed

    for name in distributed.__all__:
        assert getattr(distributed, name).__name__ == name
    code = "import sys, qcog.distributed; print('dask' in sys.modules or 'torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"  # the package itself stays light


def test_help_of_qcog_shows_the_entry_points():
    import pydoc

    import qcog

    text = pydoc.render_doc(qcog, renderer=pydoc.plaintext)
    for entry in ("qcog.run(", "get_backend", "GroverProblem", "factor(N)", "qcog.ibm.submit",
                  "QuantumLayer", "train_model", "qcog.distributed", "qcog.limits", "qcog --help"):
        assert entry in text, entry
