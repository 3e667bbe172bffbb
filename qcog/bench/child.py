"""Run one benchmark script in this process and hand its result back: ``qcog bench``'s worker.

``python -m qcog.bench.child PATH --out DIR --result FILE --error FILE [--progress FILE]
[--quick]`` loads the script by its path, calls ``run(quick=..., out_dir=DIR)`` (with a
``progress`` callback writing to ``--progress`` when ``run`` accepts one), and writes the
returned dict as JSON to ``--result``; on an exception it prints the traceback, writes one
line ``Type: message`` to ``--error`` and exits with status 1.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark named on the command line; return the exit status."""
    from qcog.bench.progress import ProgressFile
    from qcog.bench.suite import BenchmarkSpec, call_benchmark, error_line
    from qcog.jsonable import to_json

    parser = argparse.ArgumentParser(
        prog="python -m qcog.bench.child", description=__doc__.splitlines()[0]
    )
    parser.add_argument("path", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--result", type=Path, required=True)
    parser.add_argument("--error", type=Path, required=True)
    parser.add_argument("--progress", type=Path, default=None)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    spec = BenchmarkSpec(args.path.stem, args.path)
    try:
        progress = ProgressFile(args.progress) if args.progress else None
        result = call_benchmark(spec, args.quick, args.out, progress)
    except (Exception, SystemExit) as exc:  # noqa: BLE001 -- reported to the parent
        traceback.print_exc()
        args.error.write_text(error_line(exc) + "\n", encoding="utf-8")
        return 1
    args.result.write_text(to_json(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
