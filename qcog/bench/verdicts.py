"""Verdict rows: how a benchmark declares its classical-versus-quantum comparisons.

A benchmark puts a ``"verdicts"`` list into the dict its ``run`` returns (and its JSON):
one :func:`verdict_row` per comparison, each holding a
:class:`~qcog.bench.stats.Comparison` (means over seeds, paired difference) or a
:class:`~qcog.bench.stats.TimingComparison` (interleaved timing repeats, ratio) as a
dict, with the name of the measure and of both sides. The report and the card read
these rows without knowing the benchmark: the verdicts table, the Holm column and the
error-bar plots are generic.

>>> from qcog.bench.stats import compare
>>> row = verdict_row("test accuracy, CNN on digits",
...                   compare([0.96, 0.97, 0.95, 0.96, 0.98], [0.94, 0.95, 0.95, 0.93, 0.95]),
...                   quantum="hybrid CNN", classical="classical twin")
>>> parsed = VerdictRow.from_dict(row)
>>> parsed.verdict, parsed.effect_text()
('quantum better', '+0.02 [+0.004793, +0.03521]')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from qcog.bench.markdown import summary
from qcog.exceptions import QcogValueError

#: ``versus`` values: the baseline is a classical method, or another quantum library (a peer).
VERSUS = ("classical", "peer")


def _as_dict(comparison: Any) -> dict[str, Any]:
    data = comparison.to_dict() if hasattr(comparison, "to_dict") else comparison
    if not isinstance(data, dict) or "verdict" not in data:
        raise QcogValueError(
            "a verdict row needs a Comparison or TimingComparison from qcog.bench.stats "
            f"(or its to_dict()), got {type(comparison).__name__}"
        )
    if "difference" not in data and "ratio" not in data:
        raise QcogValueError("the comparison has neither a 'difference' nor a 'ratio' interval")
    return data


def verdict_row(
    measure: str,
    comparison: Any,
    quantum: str,
    classical: str,
    unit: str = "",
    versus: str = "classical",
    command: str = "",
    note: str = "",
    headline: bool = True,
) -> dict[str, Any]:
    """One verdict row for a benchmark's ``"verdicts"`` list (a JSON-ready dict).

    Args:
        measure: what is compared, with the sizes that matter ("test accuracy, hybrid
            CNN on digits (270 test images)").
        comparison: from :func:`qcog.bench.stats.compare` or
            :func:`qcog.bench.stats.compare_timings`, or its ``to_dict()``.
        quantum: the quantum (or qcog) side's name.
        classical: the classical (or baseline) side's name.
        unit: of the measure's values ("s", "" for ratios and accuracies).
        versus: "classical" for a classical baseline, "peer" when the baseline is
            another quantum library (then the verdict reads "qcog better").
        command: the command that reproduces the row.
        note: one line: where a lead comes from, what the sizes are.
        headline: show the row in the README's headline table (the report shows all rows).

    Raises:
        QcogValueError: an unknown ``versus``, a comparison without a verdict.
    """
    if versus not in VERSUS:
        raise QcogValueError(f"versus must be one of {VERSUS}, got {versus!r}")
    if not measure:
        raise QcogValueError("a verdict row needs the name of its measure")
    return {
        "measure": measure,
        "unit": unit,
        "quantum": quantum,
        "classical": classical,
        "versus": versus,
        "comparison": _as_dict(comparison),
        "command": command,
        "note": note,
        "headline": bool(headline),
    }


def _zero_if_tiny(x: Any) -> Any:
    """Rounding noise (a mean difference of 3.7e-17 between equal accuracies) reads as 0."""
    return 0.0 if isinstance(x, float) and abs(x) < 1e-12 else x


def _num(x: float | None, digits: int = 4) -> str:
    return "n/a" if x is None else f"{x:.{digits}g}"


def side_text(side: dict[str, Any], unit: str = "") -> str:
    """One side of a comparison: ``mean [low, high] (n=5)`` or ``median s (IQR q1-q3, n=15)``.

    >>> side_text({"median": 0.05, "q1": 0.048, "q3": 0.052, "n": 15}, "s")
    '0.05 s (IQR 0.048-0.052, n=15)'
    """
    return summary(side, unit, with_n=True)


@dataclass(frozen=True)
class VerdictRow:
    """A verdict row read back from a benchmark's JSON (see :func:`verdict_row`)."""

    measure: str
    quantum: str
    classical: str
    comparison: dict[str, Any]
    unit: str = ""
    versus: str = "classical"
    command: str = ""
    note: str = ""
    headline: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> VerdictRow:
        """Parse one row; unknown keys are kept in ``extra``.

        Raises:
            QcogValueError: a row without a measure or a usable comparison.
        """
        if not isinstance(data, dict) or not data.get("measure"):
            raise QcogValueError(f"a verdict row needs a 'measure', got {data!r:.80}")
        known = {
            "measure",
            "quantum",
            "classical",
            "comparison",
            "unit",
            "versus",
            "command",
            "note",
            "headline",
        }
        return cls(
            measure=str(data["measure"]),
            quantum=str(data.get("quantum", "quantum")),
            classical=str(data.get("classical", "classical")),
            comparison=_as_dict(data.get("comparison")),
            unit=str(data.get("unit") or ""),
            versus=str(data.get("versus") or "classical"),
            command=str(data.get("command") or ""),
            note=str(data.get("note") or ""),
            headline=bool(data.get("headline", True)),
            extra={k: v for k, v in data.items() if k not in known},
        )

    @property
    def verdict(self) -> str:
        return str(self.comparison["verdict"])

    @property
    def is_timing(self) -> bool:
        """True for a ratio of timings, False for a difference of means."""
        return "ratio" in self.comparison

    @property
    def p_value(self) -> float | None:
        return self.comparison.get("p_value")

    @property
    def n(self) -> int | None:
        effect = self.comparison.get("ratio") or self.comparison.get("difference") or {}
        return effect.get("n")

    def verdict_text(self) -> str:
        """The verdict in words; against a peer, "qcog better" or "<peer> better".

        >>> VerdictRow("t", "qcog", "qiskit-algorithms", {"verdict": "classical better",
        ...     "ratio": {}}, versus="peer").verdict_text()
        'qiskit-algorithms better'
        """
        if self.versus != "peer":
            return self.verdict
        return self.verdict.replace("quantum", self.quantum).replace("classical", self.classical)

    def effect_text(self) -> str:
        """``+0.02 [+0.005, +0.035]`` for a difference, ``x0.85 [0.80, 0.90]`` for a ratio."""
        if self.is_timing:
            r = self.comparison["ratio"]
            if r.get("low") is None:
                return f"x{_num(r.get('mean'), 3)} (no interval)"
            return f"x{_num(r['mean'], 3)} [{_num(r['low'], 3)}, {_num(r['high'], 3)}]"
        d = {k: _zero_if_tiny(v) for k, v in self.comparison["difference"].items()}
        if d.get("low") is None:
            return f"{d.get('mean'):+.4g} (no interval)"
        return f"{d['mean']:+.4g} [{d['low']:+.4g}, {d['high']:+.4g}]"

    def effect_name(self) -> str:
        """What :meth:`effect_text` is: the paired difference or the time ratio."""
        if self.is_timing:
            return f"time ratio {self.quantum} / {self.classical}"
        kind = "paired difference" if self.comparison.get("paired") else "difference (Welch)"
        return f"{kind}, {self.quantum} minus {self.classical}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "unit": self.unit,
            "quantum": self.quantum,
            "classical": self.classical,
            "versus": self.versus,
            "comparison": self.comparison,
            "command": self.command,
            "note": self.note,
            "headline": self.headline,
            **self.extra,
        }


def read_verdicts(result: dict[str, Any]) -> list[VerdictRow]:
    """The verdict rows of a benchmark's result (none when it declares none).

    Raises:
        QcogValueError: ``"verdicts"`` is not a list of rows.
    """
    rows = result.get("verdicts") or []
    if not isinstance(rows, list):
        raise QcogValueError(f"'verdicts' must be a list of rows, got {type(rows).__name__}")
    return [VerdictRow.from_dict(row) for row in rows]
