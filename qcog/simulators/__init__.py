"""Circuit simulators that qcog ships itself, where Aer's dense statevector does not fit.

- :mod:`qcog.simulators.sparse`: exact gate-by-gate simulation that stores only the
  nonzero amplitudes; all shots in one pass (Shor's arithmetic circuits at gate level).

Import the module you need; this package imports nothing itself.
"""
