"""``qcog demo``: the showcase, on the local Aer simulator by default."""


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help="a short tour: states, Grover, Shor, a quantum layer")
    parser.add_argument("--backend", default="auto", help="auto (default), aer, aer-gpu, fake:NAME")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--only", action="append", help="run only this step (repeatable)")
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    parser.set_defaults(handler=handle)


def handle(args) -> int:
    from qcog.cli.output import emit
    from qcog.demo import format_demo, run_demo

    emit(run_demo(args.backend, args.seed, args.only), args.json, format_demo)
    return 0
