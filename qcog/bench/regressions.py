"""What got slower or worse between two result folders, beyond the noise.

``qcog bench --compare OLD_DIR`` reads the cards (:mod:`qcog.bench.card`) of both
folders and compares every tracked measure present in both, by name:

* a timing (median and quartiles of repeats) is **worse** when the new median is more
  than ``rel_tol`` (10 %) past the old one *and* the two interquartile ranges do not
  overlap (on a shared machine anything less is noise);
* an interval over seeds (mean, standard deviation, n) is **worse** when Welch's 95 %
  interval of new minus old excludes zero in the bad direction (ratios, stored on the
  log scale, are compared on the log scale); with one seed on either side it is not
  judged;
* an exact count (two-qubit gates) is worse on any change in the bad direction;
* a benchmark that ran before and fails now is worse, and a verdict that changed
  (e.g. from "quantum better" to "no significant difference") is listed.

The committed full results in ``benchmarks/results/`` are the reference; compare a new
full run against them, or two quick runs with each other (sizes differ between modes,
so a quick run shares few measures with a full one).

>>> old = {"name": "t", "kind": "timing", "higher_is_better": False,
...        "value": {"median": 1.0, "q1": 0.95, "q3": 1.05, "n": 5}}
>>> new = {**old, "value": {"median": 1.5, "q1": 1.4, "q3": 1.6, "n": 5}}
>>> judge(old, new)[0]
'worse'
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from qcog.bench.card import read_card
from qcog.bench.report import load_cards
from qcog.bench.stats import Interval, welch_from_summaries
from qcog.exceptions import QcogValueError

WORSE, BETTER, SAME, UNJUDGED = "worse", "better", "within noise", "not judged"
#: Relative change a timing must exceed (besides non-overlapping quartiles) to count.
REL_TOL = 0.10


@dataclass(frozen=True)
class Change:
    """One measure (or status, or verdict) compared between the old and the new folder."""

    benchmark: str
    measure: str
    kind: str
    change: str
    old: str
    new: str
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Regressions:
    """The comparison of two folders: every change, and warnings (modes differ, cards missing)."""

    old_dir: str
    new_dir: str
    changes: list[Change] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def worse(self) -> list[Change]:
        return [c for c in self.changes if c.change == WORSE]

    def to_dict(self) -> dict[str, Any]:
        return {
            "old_dir": self.old_dir,
            "new_dir": self.new_dir,
            "worse": len(self.worse),
            "better": sum(c.change == BETTER for c in self.changes),
            "within_noise": sum(c.change == SAME for c in self.changes),
            "changes": [c.to_dict() for c in self.changes],
            "warnings": self.warnings,
        }


def _fmt(value: dict[str, Any] | float) -> str:
    if isinstance(value, dict) and "median" in value:
        return f"{value['median']:.4g} (IQR {value['q1']:.4g}-{value['q3']:.4g}, n={value['n']})"
    if isinstance(value, dict):
        return f"{value['mean']:.4g} (n={value.get('n')})"
    return f"{value:.6g}" if isinstance(value, float) else str(value)


def _direction(delta: float, higher_is_better: bool) -> str:
    return BETTER if (delta > 0) == higher_is_better else WORSE


def _judge_timing(old: dict, new: dict, higher: bool, rel_tol: float) -> tuple[str, str]:
    if old["median"] <= 0:
        return UNJUDGED, "old median is 0"
    rel = new["median"] / old["median"] - 1
    apart = new["q1"] > old["q3"] or new["q3"] < old["q1"]
    detail = f"{100 * rel:+.1f}% median, quartile ranges {'apart' if apart else 'overlap'}"
    if not apart or abs(rel) <= rel_tol:
        return SAME, detail
    return _direction(rel, higher), detail


def _as_interval(value: dict) -> Interval:
    method = str(value.get("method", ""))
    mean, n, std = value["mean"], int(value.get("n") or 1), float(value.get("std") or 0.0)
    if method.startswith("log-"):
        mean = math.log(mean)  # ratio intervals keep their std on the log scale
    if method.endswith("welch"):
        std *= math.sqrt(n)  # a Welch interval stores the standard error of the difference
    return Interval(mean, value.get("low"), value.get("high"), n, std)


def _judge_interval(old: dict, new: dict, higher: bool) -> tuple[str, str]:
    diff = welch_from_summaries(_as_interval(new), _as_interval(old))
    if diff.low is None:
        return UNJUDGED, "one seed on a side: no interval"
    scale = " (log scale)" if str(new.get("method", "")).startswith("log-") else ""
    detail = f"new - old {diff.mean:+.4g} [{diff.low:+.4g}, {diff.high:+.4g}]{scale}"
    if not diff.excludes(0.0):
        return SAME, detail
    return _direction(diff.mean, higher), detail


def judge(old: dict[str, Any], new: dict[str, Any], rel_tol: float = REL_TOL) -> tuple[str, str]:
    """Compare one measure (as stored in a card): ``(change, detail)``.

    Args:
        old, new: measures from :func:`qcog.bench.card.measure`.
        rel_tol: relative change a timing must exceed.

    Returns:
        ``change`` is "worse", "better", "within noise" or "not judged".
    """
    higher = bool(new.get("higher_is_better", True))
    kind, a, b = new.get("kind"), old.get("value"), new.get("value")
    if kind != old.get("kind"):
        return UNJUDGED, f"kind changed from {old.get('kind')} to {kind}"
    if kind == "timing":
        return _judge_timing(a, b, higher, rel_tol)
    if kind == "interval":
        return _judge_interval(a, b, higher)
    if math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
        return SAME, "equal"
    return _direction(b - a, higher), f"{b - a:+.6g}"


def _status_change(name: str, old: dict, new: dict) -> Change | None:
    if old.get("status") == "ok" and new.get("status") != "ok":
        return Change(
            name,
            "(status)",
            "status",
            WORSE,
            "ok",
            str(new.get("status")),
            str(new.get("error") or ""),
        )
    return None


def _verdict_changes(name: str, old: dict, new: dict) -> list[Change]:
    before = {row["measure"]: row["comparison"]["verdict"] for row in old.get("verdicts") or []}
    out = []
    for row in new.get("verdicts") or []:
        was, now = before.get(row["measure"]), row["comparison"]["verdict"]
        if was is not None and was != now:
            out.append(Change(name, row["measure"], "verdict", "verdict changed", was, now))
    return out


def _measure_changes(name: str, old: dict, new: dict, rel_tol: float) -> list[Change]:
    before = {m["name"]: m for m in old.get("measures") or []}
    out = []
    for m in new.get("measures") or []:
        if m["name"] not in before:
            continue
        change, detail = judge(before[m["name"]], m, rel_tol)
        out.append(
            Change(
                name,
                m["name"],
                m["kind"],
                change,
                _fmt(before[m["name"]]["value"]),
                _fmt(m["value"]),
                detail,
            )
        )
    return out


def compare_folders(
    old_dir: str | Path, new_dir: str | Path, rel_tol: float = REL_TOL
) -> Regressions:
    """Compare every benchmark present in both folders.

    Raises:
        QcogValueError: a folder that does not exist or holds no results.
    """
    old_path, new_path = Path(old_dir), Path(new_dir)
    for label, path in (("old", old_path), ("new", new_path)):
        if not path.is_dir():
            raise QcogValueError(f"the {label} results folder {path} does not exist")
    old_cards, new_cards = load_cards(old_path), load_cards(new_path)
    if not old_cards or not new_cards:
        empty = old_path if not old_cards else new_path
        raise QcogValueError(
            f"no benchmark results in {empty} (run qcog bench --out {empty} first)"
        )
    report = Regressions(str(old_path), str(new_path))
    for name in sorted(set(old_cards) & set(new_cards)):
        old, new = old_cards[name], new_cards[name]
        if old.get("mode") != new.get("mode"):
            report.warnings.append(
                f"{name}: {old.get('mode')} mode before, {new.get('mode')} now: sizes differ, "
                "only measures with the same name are compared"
            )
        if read_card(old_path, name) is None:
            report.warnings.append(f"{name}: no card in {old_path} (results of an older qcog)")
        status = _status_change(name, old, new)
        report.changes += [status] if status else []
        report.changes += _verdict_changes(name, old, new)
        report.changes += _measure_changes(name, old, new, rel_tol)
    for name in sorted(set(old_cards) - set(new_cards)):
        report.warnings.append(f"{name}: in {old_path} only (not run in {new_path})")
    return report


def regressions_text(report: dict[str, Any]) -> str:
    """The comparison as text: worse first, then verdict changes, then better; noise counted."""
    lines = [f"comparing {report['new_dir']} (new) against {report['old_dir']} (old)"]
    lines += [f"warning: {w}" for w in report["warnings"]]
    for change, title in (
        (WORSE, "WORSE"),
        ("verdict changed", "VERDICT CHANGED"),
        (BETTER, "better"),
    ):
        for c in (c for c in report["changes"] if c["change"] == change):
            lines.append(
                f"{title:15s} {c['benchmark']}: {c['measure']}: {c['old']} -> {c['new']}"
                + (f" ({c['detail']})" if c["detail"] else "")
            )
    unjudged = sum(c["change"] == UNJUDGED for c in report["changes"])
    lines.append(
        f"{report['worse']} worse, {report['better']} better, {report['within_noise']} within "
        f"the noise" + (f", {unjudged} not judged (one seed)" if unjudged else "")
    )
    return "\n".join(lines)
