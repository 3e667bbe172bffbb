"""``qcog info``: versions, usable backends, GPU, IBM account (never the token)."""


def register(subparsers) -> None:
    """Add the ``info`` command."""
    parser = subparsers.add_parser("info", help="versions, usable backends, GPU and IBM account status")
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    parser.set_defaults(handler=handle)


def handle(args) -> int:
    """Print versions, backends, GPU and account status."""
    from qcog.cli.output import emit
    from qcog.info import environment_info, format_info

    emit(environment_info(), args.json, format_info)
    return 0
