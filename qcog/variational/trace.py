"""The record of one optimisation: every energy evaluated, when, and when a target was met.

>>> t = Trace(target=-1.0)
>>> t.record(-0.5, 0.1); t.end_step(-0.5)  # the initial energy
>>> t.record(-1.2, 0.3); t.end_step(-1.2)  # after one step
>>> t.time_to_target_s, t.evaluations, t.steps
(0.3, 2, 1)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Trace:
    """Energies of an optimisation.

    Attributes:
        target: the energy counted as reached (e.g. FCI + 1.6 mHa); None: no target.
        energies: the energy after each optimiser step (index 0: the initial energy).
        evaluation_energies: every energy the optimiser evaluated, in order.
        evaluation_times_s: seconds since the start at each evaluation.
        time_to_target_s: seconds until an evaluated energy first reached ``target``.
        evaluations_to_target: evaluations until then.
        stopped: why the loop ended ("steps", "converged", "target").
        wall_s: total seconds.
    """

    target: float | None = None
    energies: list[float] = field(default_factory=list)
    evaluation_energies: list[float] = field(default_factory=list)
    evaluation_times_s: list[float] = field(default_factory=list)
    time_to_target_s: float | None = None
    evaluations_to_target: int | None = None
    stopped: str = "steps"
    wall_s: float = 0.0

    def record(self, energy: float, elapsed_s: float) -> None:
        """Note one evaluated energy at ``elapsed_s`` seconds."""
        self.evaluation_energies.append(float(energy))
        self.evaluation_times_s.append(float(elapsed_s))
        if self.time_to_target_s is None and self.target is not None and energy <= self.target:
            self.time_to_target_s = float(elapsed_s)
            self.evaluations_to_target = len(self.evaluation_energies)

    def end_step(self, energy: float) -> None:
        """Note the energy after one optimiser step."""
        self.energies.append(float(energy))

    @property
    def reached_target(self) -> bool:
        return self.time_to_target_s is not None

    @property
    def evaluations(self) -> int:
        return len(self.evaluation_energies)

    @property
    def steps(self) -> int:
        """Optimiser steps taken (the initial energy is not a step)."""
        return max(len(self.energies) - 1, 0) if self.energies else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "energies": self.energies,
            "evaluations": self.evaluations,
            "time_to_target_s": self.time_to_target_s,
            "evaluations_to_target": self.evaluations_to_target,
            "stopped": self.stopped,
            "steps": self.steps,
            "wall_s": self.wall_s,
        }
