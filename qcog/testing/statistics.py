"""Shot-noise bounds: how far measured frequencies may stray from exact probabilities.

With ``S`` shots, the frequency of an outcome of probability ``p`` has standard
deviation ``sqrt(p (1 - p) / S)``. The bound allows ``z`` of those, plus ``1/S`` for
outcomes of probability 0 or 1 (where the deviation is 0).

>>> round(shot_noise_bound(0.5, 10_000, z=5), 4)
0.0251
"""

from __future__ import annotations

import math


def shot_noise_bound(p: float, shots: int, z: float = 5.0) -> float:
    """Largest accepted ``|frequency - p|`` for an outcome of probability ``p``."""
    return z * math.sqrt(max(p * (1 - p), 0.0) / shots) + 1.0 / shots


def assert_counts_match(counts: dict[str, int], expected: dict[str, float], z: float = 5.0) -> None:
    """Assert every outcome's frequency is within :func:`shot_noise_bound` of ``expected``.

    Outcomes missing from ``expected`` have probability 0: they must not occur.
    """
    shots = sum(counts.values())
    assert shots > 0, "no shots in counts"
    failures = []
    for key in sorted(set(counts) | set(expected)):
        p = expected.get(key, 0.0)
        freq = counts.get(key, 0) / shots
        bound = shot_noise_bound(p, shots, z)
        if abs(freq - p) > bound:
            failures.append(f"outcome {key}: measured {freq:.4f}, expected {p:.4f} ± {bound:.4f}")
    assert not failures, f"{'; '.join(failures)} ({shots} shots)"
