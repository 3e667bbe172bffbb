#!/usr/bin/env bash
# One prepared GPU check: the GPU tests and the GPU parts of the benchmarks, in one go.
#
# On a machine with an NVIDIA GPU, from the checkout's root:
#   bash benchmarks/gpu_check.sh [OUT_DIR]          # with qcog's own environment active
# or on this project's offline GPU machines (Python 3.12 with torch, CUDA 13), after
# `bash ../shared/device/prepare-gpu-bundle.sh` here:
#   source .device-bundle/setup.sh && bash benchmarks/gpu_check.sh "$OUT"
#
# Writes into OUT_DIR (default benchmarks/results/gpu), at most 8 files:
#   env.txt            nvidia-smi, versions, qcog.gpu.gpu_summary()
#   pytest_gpu.txt     QCOG_RUN_GPU=1 pytest tests/gpu tests/test_gpu_options.py
#   simulators.{json,png,log}  benchmarks/simulators.py (Aer CPU/GPU, torch engine on CUDA)
#   quantum_layer.{json,png,log} benchmarks/quantum_layer.py --device cuda (4-20 qubits on
#                              the GPU, batch 256, against default.qubit on all CPU cores)
# Each step has its own time limit (4 + 4 + 3 minutes at most; about 7 in all expected on an H200 with 16 cores), so
# one hung step does not cost the others; the exit status is that of the tests.
set -uo pipefail
OUT=${1:-benchmarks/results/gpu}
PY=${PYTHON:-python3}
QUBITS=${QCOG_GPU_QUBITS:-12,16,20,24,26,28,30}
mkdir -p "$OUT"
export PYTHONUNBUFFERED=1 MPLBACKEND=Agg

{
  date -u; uname -m; nvidia-smi 2>&1 | head -20
  "$PY" - <<'EOF'
import json, platform
from importlib.metadata import version, PackageNotFoundError
print("python", platform.python_version())
for name in ("qiskit", "qiskit-aer", "qiskit-aer-gpu", "torch", "pennylane", "numpy"):
    try:
        print(name, version(name))
    except PackageNotFoundError:
        print(name, "-")
from qcog.gpu import gpu_summary
print(json.dumps(gpu_summary()))
EOF
} > "$OUT/env.txt" 2>&1
cat "$OUT/env.txt"

QCOG_RUN_GPU=1 timeout 240 "$PY" -m pytest tests/gpu tests/test_gpu_options.py -q -rs \
  -p no:cacheprovider --durations=10 2>&1 | tee "$OUT/pytest_gpu.txt"
tests=${PIPESTATUS[0]}

timeout 240 "$PY" benchmarks/simulators.py --out "$OUT" --qubits "$QUBITS" --budget 40 2>&1 | tee "$OUT/simulators.log"

if [ -f benchmarks/quantum_layer.py ]; then
  timeout 180 "$PY" benchmarks/quantum_layer.py --device cuda --out "$OUT" 2>&1 | tee "$OUT/quantum_layer.log" | tail -12
fi

echo "gpu_check: tests exit status $tests; results in $OUT"
exit "$tests"
