"""``qcog vqe``: a molecule's ground-state energy by VQE, next to Hartree-Fock and FCI.

``qcog vqe (--molecule NAME [--bond-length R | --scan R1,R2,.. | --scan START:STOP:N] |
--xyz FILE_OR_TEXT [--unit angstrom|bohr]) [--charge Q] [--basis B]
[--active-electrons N --active-orbitals M] [--ansatz A] [--layers L]
[--optimizer adam|lbfgs|spsa] [--steps S] [--lr X] [--backend SPEC] [--shots S] [--seed X]
[--store PATH] [--stop-at-accuracy] [--plot FILE.png] [--no-progress] [--json]``
"""

from __future__ import annotations

import argparse
from typing import Any

ANSATZ_NAMES = ("singles_doubles", "doubles", "hardware_efficient")


def register(subparsers: Any) -> None:
    """Add the ``vqe`` command."""
    from qcog.cli.argtypes import positive_float, positive_int
    from qcog.cli.variational_options import add_variational_arguments

    parser = subparsers.add_parser(
        "vqe",
        help="molecular ground-state energy by VQE, with Hartree-Fock and FCI references",
        description="VQE for a named molecule (H2, LiH, BeH2, H2O, H4) or an XYZ geometry; "
        "prints VQE, Hartree-Fock and FCI energies and whether VQE is within chemical "
        "accuracy (1.6 mHa) of FCI. Shot-based backends evaluate the trained circuit "
        "(or train it with --optimizer spsa).",
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--molecule", help="H2, LiH, BeH2, H2O or H4")
    what.add_argument("--xyz", help="an XYZ file, or XYZ text with ';' between atoms")
    parser.add_argument("--bond-length", type=positive_float, help="bond length in angstrom (named molecules)")
    parser.add_argument(
        "--scan", help="bond lengths to scan: R1,R2,... or START:STOP:N (angstrom)"
    )
    parser.add_argument("--unit", default=None, choices=("angstrom", "bohr"),
                        help="unit of --xyz coordinates (default angstrom)")
    parser.add_argument("--charge", type=int, default=0, help="total charge (default 0)")
    parser.add_argument("--basis", default="sto-3g", help="sto-3g (default), 6-31g, 6-311g, cc-pvdz")
    parser.add_argument("--active-electrons", type=positive_int, help="electrons in the active space")
    parser.add_argument("--active-orbitals", type=positive_int, help="spatial orbitals in the active space")
    parser.add_argument("--ansatz", default="singles_doubles", choices=ANSATZ_NAMES,
                        help="excitations from Hartree-Fock (singles_doubles, the default, or "
                        "doubles) or hardware_efficient (RY + CNOT layers)")
    parser.add_argument("--layers", type=positive_int, default=None,
                        help="layers of the hardware_efficient ansatz (default 2)")
    parser.add_argument("--stop-at-accuracy", action="store_true",
                        help="stop once within chemical accuracy of FCI")
    parser.add_argument("--mitigation", default="none", choices=("none", "readout", "zne", "both"),
                        help="error mitigation of shot-based estimates (default none)")
    add_variational_arguments(parser, shots=4096, shots_help="shots per circuit on shot backends")
    parser.set_defaults(handler=handle)


def parse_scan(text: str) -> list[float]:
    """``"0.5,0.7"`` or ``"0.5:2.5:5"`` (start, stop, points) -> bond lengths.

    >>> parse_scan("0.5:1.5:3")
    [0.5, 1.0, 1.5]
    """
    from qcog.exceptions import QcogValueError

    try:
        if ":" in text:
            start, stop, count = text.split(":")
            n = int(count)
            if n < 2:
                raise ValueError
            return [float(start) + k * (float(stop) - float(start)) / (n - 1) for k in range(n)]
        return [float(t) for t in text.split(",") if t.strip()]
    except ValueError:
        raise QcogValueError(
            f"--scan takes R1,R2,... or START:STOP:N with N >= 2 (angstrom), got {text!r}"
        ) from None


def _optimizer(args):
    from qcog.cli.variational_options import optimizer_config

    return optimizer_config(args, default_steps=200 if args.optimizer == "spsa" else 100)


def _active(args, record):
    if args.active_electrons is None and args.active_orbitals is None and record is not None:
        return record.active or (None, None)
    return args.active_electrons, args.active_orbitals


def handle(args: argparse.Namespace) -> int:
    """Build the molecule, run VQE (or a scan), print the result."""
    from qcog.cli.output import emit
    from qcog.exceptions import QcogValueError

    if args.xyz and (args.bond_length is not None or args.scan):
        raise QcogValueError("--bond-length and --scan apply to --molecule, not --xyz")
    if args.layers is not None and args.ansatz != "hardware_efficient":
        raise QcogValueError("--layers applies to --ansatz hardware_efficient")
    if args.mitigation != "none" and args.backend in ("torch", "default.qubit", "lightning.qubit"):
        raise QcogValueError("--mitigation applies to shot-based backends (aer, fake:NAME, ibm:NAME)")
    if args.scan and args.mitigation != "none":
        raise QcogValueError("--mitigation applies to single runs, not --scan")
    if args.molecule and args.unit:
        raise QcogValueError("--unit applies to --xyz; named molecules take --bond-length in angstrom")
    if args.scan and args.bond_length is not None:
        raise QcogValueError("give --bond-length or --scan, not both")
    if args.scan:
        out = _scan(args)
        emit(out, args.json, _scan_text)
    else:
        out = _single(args)
        emit(out, args.json, _text)
    return 0


def _single(args) -> dict:
    from qcog.chemistry.hamiltonian import molecular_hamiltonian
    from qcog.chemistry.molecules import named_molecule, named_record
    from qcog.chemistry.vqe import VQEProblem
    from qcog.chemistry.xyz import read_xyz
    from qcog.cli.variational_options import save_plot

    if args.molecule:
        record = named_record(args.molecule)
        molecule = named_molecule(record.name, args.bond_length, args.basis, args.charge)
    else:
        record = None
        molecule = read_xyz(args.xyz, args.unit or "angstrom", args.charge, args.basis)
    hamiltonian = molecular_hamiltonian(molecule, *_active(args, record))
    problem = VQEProblem(hamiltonian, args.ansatz, args.layers or 2, _optimizer(args),
                         args.stop_at_accuracy)
    result = problem.run(args.backend, seed=args.seed, shots=args.shots, store=args.store,
                         progress=not args.no_progress, mitigation=args.mitigation)
    if args.plot:
        save_plot(result.plot_convergence(), args.plot)
    return result.to_dict()


def _scan(args) -> dict:
    from qcog.chemistry.molecules import named_record
    from qcog.chemistry.scan import bond_scan
    from qcog.cli.variational_options import save_plot

    record = named_record(args.molecule)
    active = _active(args, record)
    scan = bond_scan(record.name, parse_scan(args.scan), args.backend, args.ansatz,
                     _optimizer(args), *active, seed=args.seed, shots=args.shots,
                     store=args.store, progress=not args.no_progress, basis=args.basis,
                     charge=args.charge, layers=args.layers or 2,
                     stop_at_chemical_accuracy=args.stop_at_accuracy)
    if args.plot:
        save_plot(scan.plot()[0], args.plot)
    return scan.to_dict()


def _text(r: dict) -> str:
    import math

    h, a = r["hamiltonian"], r["ansatz"]
    accurate = "yes" if r["chemical_accuracy"] else "NO"
    tta = r["time_to_chemical_accuracy_s"]
    lines = [
        (f"{r['molecule']['name']}: {h['qubits']} qubits, {h['terms']} Pauli terms, "
         f"{h['active_electrons']} active electrons in {h['active_orbitals']} orbitals"),
        (f"ansatz {a['ansatz']} ({a['parameters']} parameters), {r['optimizer']['name']} on "
         f"{r['engine']}, {r['trace']['steps']} steps"),
        f"Hartree-Fock {r['hf_energy']:.8f} Ha",
        f"FCI          {r['fci_energy']:.8f} Ha",
        (f"VQE          {r['energy']:.8f} Ha  (error {r['error_mha']:+.4f} mHa; chemical "
         f"accuracy: {accurate})"),
    ]
    if r["shot"]:
        s = r["shot"]
        job = f", job {s['job_id']}" if s["job_id"] else ""
        known = s["std"] is not None and math.isfinite(s["std"])  # NaN: not estimated (mitigated)
        spread = f" +- {s['std']:.6f}" if known else ""
        mitigated = "" if s["mitigation"] == "none" else f" ({s['mitigation']} mitigated)"
        lines.append(
            f"on {s['backend']}{mitigated}: {s['energy']:.6f}{spread} Ha with {s['shots']} shots "
            f"(error {s['error_mha']:+.2f} mHa{job})"
        )
        if "unmitigated_energy" in s:
            lines.append(f"  unmitigated: {s['unmitigated_energy']:.6f} Ha "
                         f"(error {s['unmitigated_error_mha']:+.2f} mHa)")
    lines.append(
        f"time {r['wall_s']:.2f} s"
        + ("" if tta is None else f", to chemical accuracy {tta:.2f} s")
    )
    return "\n".join(lines)


def _scan_text(r: dict) -> str:
    lines = [f"{r['molecule']}: {r['bond']}",
             f"{'R (A)':>7} {'HF':>13} {'FCI':>13} {'VQE':>13} {'error mHa':>10}"]
    for x, hf, fci, vqe, err in zip(r["bond_lengths"], r["hf"], r["fci"], r["vqe"], r["errors_mha"]):
        lines.append(f"{x:>7.3f} {hf:>13.8f} {fci:>13.8f} {vqe:>13.8f} {err:>+10.4f}")
    verdict = "all within" if r["all_chemically_accurate"] else "NOT all within"
    lines.append(f"{verdict} chemical accuracy (max |error| {r['max_error_mha']:.4f} mHa); "
                 f"{r['wall_s']:.1f} s")
    return "\n".join(lines)
