"""One verdict per check, and the report that gathers them.

>>> check = Check("torch-cuda", "skip", "torch is a CPU build; no GPU here")
>>> check.to_dict()["verdict"]
'skip'
>>> print(DoctorReport([check]).text().splitlines()[0])
  --  torch-cuda        torch is a CPU build; no GPU here
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

#: Verdicts from best to worst; ``skip`` is an optional part that is not set up.
VERDICTS = ("ok", "skip", "warn", "fail")
_MARKS = {"ok": "ok", "skip": "--", "warn": "!!", "fail": "XX"}


@dataclass(frozen=True)
class Check:
    """The outcome of one check.

    Attributes:
        name: short id (``aer-gpu``, ``ibm-service``, ...).
        verdict: ``ok``, ``warn``, ``fail`` or ``skip``.
        detail: what was found, one line.
        fix: the exact command or step that fixes it (None when nothing is to be done).
    """

    name: str
    verdict: str
    detail: str
    fix: str | None = None

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {VERDICTS}, got {self.verdict!r}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DoctorReport:
    """All checks, and the overall verdict (the worst of ok, warn, fail; skips do not count)."""

    checks: list[Check]

    @property
    def verdict(self) -> str:
        worst = max((VERDICTS.index(c.verdict) for c in self.checks), default=0)
        return "ok" if VERDICTS[worst] == "skip" else VERDICTS[worst]

    def to_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "checks": [c.to_dict() for c in self.checks]}

    def text(self) -> str:
        """One line per check (mark, name, detail) and its fix indented below."""
        lines = []
        for check in self.checks:
            lines.append(f"  {_MARKS[check.verdict]}  {check.name:<16}  {check.detail}")
            if check.fix and check.verdict != "ok":
                lines.append(f"{'':22}fix: {check.fix}")
        lines.append(f"verdict: {self.verdict}")
        return "\n".join(lines)
