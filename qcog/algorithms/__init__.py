"""Quantum algorithms built on qcog's circuits: Grover search, amplitude amplification, Shor.

Each algorithm follows Problem -> run(backend) -> Result; import the module you need
(``qcog.algorithms.grover``), this package imports nothing itself.
"""
