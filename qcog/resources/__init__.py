"""Resource estimates for Shor's algorithm at cryptographic sizes: published constructions
next to qcog's own circuits, from logical counts down to physical qubits and hours.

- :mod:`qcog.resources.published`: numbers the papers tabulate, each with its source.
- :mod:`qcog.resources.surface_code`: physical assumptions, logical error per round,
  code distance for a failure budget, physical qubits per patch.
- :mod:`qcog.resources.ccz_factory`: the two-level CCZ magic-state factory of Gidney and
  Fowler 2019 (error and footprint), as Gidney-Ekera 2019 use it.
- :mod:`qcog.resources.gidney_ekera_2019`: the cost model of arXiv:1905.09749 (windowed
  arithmetic, coset representation, oblivious carry runways, its spacetime layout).
- :mod:`qcog.resources.gidney_2025`: arXiv:2505.15917, as far as the paper states costs.
- :mod:`qcog.resources.physical`: a generic physical layer for any logical count
  (reaction-limited, CCZ factories, fast-block data layout).
- :mod:`qcog.resources.compare`: the models side by side with Qrisp's counts.

Import the module you need; this package imports nothing itself.
"""
