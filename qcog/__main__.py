"""``python -m qcog`` runs the command-line interface."""

from qcog.cli import main

raise SystemExit(main())
