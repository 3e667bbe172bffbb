"""``qcog rsa-demo``: a small RSA key broken by Shor's algorithm, every step printed and checked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for annotations only
    import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    from qcog.cli.argtypes import int_in_range, seed

    demo = subparsers.add_parser(
        "rsa-demo",
        help="make a small RSA key, encrypt, factor it with Shor, decrypt",
        description="Generate a small RSA key, encrypt a message, factor the modulus with Shor's "
        "algorithm (gate level up to 10 bits, the simulation-only fast path above), rebuild the "
        "private key from the factors and decrypt; every step is checked.",
    )
    demo.add_argument(
        "--bits", type=int_in_range(7, 32), default=16, help="modulus size, 7..32 (default 16)"
    )
    demo.add_argument("--message", default="Shor was here", help="text to encrypt")
    demo.add_argument(
        "--method",
        choices=("auto", "semiclassical", "full", "fast"),
        default="auto",
        help="auto: gate level up to 10 bits, else fast (simulation only)",
    )
    demo.add_argument(
        "--seed", type=seed, default=None, help="seeds the key, bases and simulators (>= 0)"
    )
    demo.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    demo.set_defaults(handler=_demo)


def _text(d: dict[str, Any]) -> str:
    lines = [
        f"{i}. {s['step']}: {s['detail']}  [{'ok' if s['ok'] else 'FAILED'}]"
        for i, s in enumerate(d["steps"], 1)
    ]
    lines.append(f"{'all checks passed' if d['ok'] else 'a check FAILED'} in {d['wall_s']:.1f} s")
    return "\n".join(lines)


def _demo(args) -> int:
    from qcog.algorithms.rsa import rsa_demo
    from qcog.cli.output import emit

    result = rsa_demo(bits=args.bits, message=args.message, method=args.method, seed=args.seed)
    emit(result.to_dict(), args.json, _text)
    return 0 if result.ok else 1
