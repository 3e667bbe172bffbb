"""``report.md``: every benchmark's latest result in one markdown page.

The page states the machine (CPU model, cores, memory, GPU), package versions and the
date, then the verdicts of every benchmark (:mod:`qcog.bench.verdicts`: both sides with
their intervals or spreads, the effect with its 95 % interval, the verdict, whether it
survives Holm's correction for the number of verdicts, and the command that reproduces
it), then the side-by-side table of exact numbers (gate counts, theoretical queries)
from the headline rows of :mod:`qcog.bench.formats`, then a section per benchmark with
its details, its verdicts, its plots (an error-bar plot of its verdicts among them) and,
for a failure, the error.

>>> from pathlib import Path
>>> import json, tempfile
>>> out = Path(tempfile.mkdtemp())
>>> _ = (out / "toy.json").write_text(json.dumps({"speedup": 2.0}))
>>> _ = (out / "suite.json").write_text(json.dumps({"benchmarks": {"toy": {
...     "name": "toy", "status": "ok", "quick": True, "wall_s": 0.1,
...     "finished_at": "2025-01-01T00:00:00+00:00", "error": None, "files": ["toy.json"]}}}))
>>> "| speedup | 2 |" in write_report(out).read_text()
True
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from qcog.bench.card import CARD_SUFFIX, build_card, read_card
from qcog.bench.formats import format_for
from qcog.bench.markdown import number, table
from qcog.bench.stats import NO_DIFFERENCE, holm
from qcog.bench.suite import SUITE_RECORD, read_record
from qcog.bench.verdicts import VerdictRow, side_text

REPORT_NAME = "report.md"
#: Columns of the side-by-side table.
HEADLINE_COLUMNS = ["benchmark", "measure", "classical or baseline", "quantum (qcog)", "note"]
#: Columns of the verdicts table.
VERDICT_COLUMNS = [
    "benchmark",
    "measure",
    "classical or baseline",
    "quantum (qcog)",
    "effect [95% CI]",
    "verdict",
    "holds under Holm",
    "reproduce",
    "note",
]
#: Suffix of the error-bar plot of a benchmark's verdicts.
VERDICT_PLOT_SUFFIX = ".verdicts.png"


OTHER_VERSIONS_NOTE = (
    "Benchmarks that ran with other versions (another environment, e.g. the peers' "
    "`.venv-bench`):"
)


def _other_versions(machine: dict[str, Any], benchmarks: dict[str, Any]) -> list[list[str]]:
    """Rows for benchmarks that ran with other package versions than the suite's last run."""
    suite = machine.get("packages") or {}
    groups: dict[str, list[str]] = {}
    for name, entry in sorted(benchmarks.items()):
        own = entry.get("packages") if isinstance(entry, dict) else None
        if not own:
            continue
        differ = ", ".join(f"{k} {v or 'not installed'}" for k, v in own.items()
                           if suite.get(k) != v)
        if differ:
            groups.setdefault(differ, []).append(name)
    return [[", ".join(names), differ] for differ, names in groups.items()]


def _machine_section(machine: dict[str, Any] | None,
                     benchmarks: dict[str, Any] | None = None) -> str:
    if not machine:
        return "## Machine\n\n_not recorded_"
    gpu = machine.get("gpu") or {}
    torch_cuda = (gpu.get("torch_cuda") or {}) if isinstance(gpu, dict) else {}
    gpu_text = "not probed"
    if gpu:
        gpu_text = (
            "Aer GPU usable"
            if gpu.get("aer_gpu")
            else f"no usable Aer GPU ({gpu.get('aer_gpu_reason')})"
        )
        if torch_cuda.get("available"):
            gpu_text += f"; torch CUDA: {', '.join(torch_cuda.get('devices', []))}"
    rows = [
        ["CPU", machine.get("cpu_model")],
        [
            "cores",
            f"{machine.get('logical_cores')} logical, {machine.get('usable_cores')} usable by this process",
        ],
        ["memory", f"{machine.get('memory_gib')} GiB"],
        ["load average at start (1/5/15 min)", machine.get("load_average")],
        ["GPU", gpu_text],
        ["Python", machine.get("python")],
        ["platform", machine.get("platform")],
        ["date (UTC)", machine.get("date")],
    ]
    versions = [
        [name, version or "not installed"]
        for name, version in (machine.get("packages") or {}).items()
    ]
    others = _other_versions(machine, benchmarks or {})
    return "\n\n".join(
        [
            "## Machine",
            table(["", ""], rows),
            "### Package versions",
            table(["package", "version"], versions),
            *([OTHER_VERSIONS_NOTE, table(["benchmarks", "versions"], others)] if others else []),
        ]
    )


def load_results(out_dir: str | Path) -> dict[str, dict[str, Any]]:
    """Every benchmark result in ``out_dir``: name -> its ``<name>.json`` (readable ones only).

    >>> load_results("/nonexistent")
    {}
    """
    out = Path(out_dir)
    names = set(read_record(out)["benchmarks"]) | {
        p.stem
        for p in out.glob("*.json")
        if p.name != SUITE_RECORD and not p.name.endswith(CARD_SUFFIX)
    }
    loaded = {name: _load_result(out, name) for name in sorted(names)}
    return {name: result for name, result in loaded.items() if isinstance(result, dict)}


def _load_result(out_dir: Path, name: str) -> dict[str, Any] | None:
    path = out_dir / f"{name}.json"
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return None


def _plots(out_dir: Path, name: str) -> list[str]:
    return sorted(p.name for p in out_dir.glob(f"{name}*.png"))


def _details(
    name: str,
    entry: dict[str, Any],
    result: dict[str, Any] | None,
    out_dir: Path,
    verdicts: str = "",
) -> str:
    fmt = format_for(name)
    mode = "quick" if entry.get("quick") else "full"
    lines = [f'<a id="{name}"></a>\n\n## {fmt.title} (`{name}`)']
    if fmt.compares:
        lines.append(f"_{fmt.compares}_")
    lines.append(
        f"Status **{entry.get('status')}**, {mode} mode, {number(entry.get('wall_s'))} s, "
        f"finished {entry.get('finished_at')}. Output: [`{name}.json`]({name}.json), [`{name}.log`]({name}.log)."
    )
    if entry.get("status") != "ok":
        lines.append(f"**Error:** `{entry.get('error')}` (the traceback is in `{name}.log`).")
    if result is not None and entry.get("status") == "ok":
        try:
            lines.append(fmt.details(result))
        except Exception as exc:  # noqa: BLE001 -- a renamed key must not lose the whole report
            lines.append(
                f"_(the {name} format failed: {type(exc).__name__}: {exc}; raw numbers below)_"
            )
            lines.append(format_for("").details(result))
    if verdicts:
        lines.append(verdicts)
    extras = sorted(
        p.name for p in out_dir.glob(f"{name}.*") if p.suffix not in {".json", ".log", ".png"}
    )
    if extras:
        lines.append("Also written: " + ", ".join(f"[`{e}`]({e})" for e in extras) + ".")
    lines += [f"![{name}: {png}]({png})" for png in _plots(out_dir, name)]
    lines += fmt.notes
    return "\n\n".join(lines)


def load_cards(out_dir: str | Path) -> dict[str, dict[str, Any]]:
    """The card of every benchmark in ``out_dir``: its ``<name>.card.json``, or one built from
    its JSON and ``suite.json`` when the file is missing (results of an older qcog)."""
    out = Path(out_dir)
    record = read_record(out)
    cards = {}
    with_cards = {p.name[: -len(CARD_SUFFIX)] for p in out.glob(f"*{CARD_SUFFIX}")}
    for name in sorted(set(record["benchmarks"]) | set(load_results(out)) | with_cards):
        card = read_card(out, name)
        if card is None:
            entry = record["benchmarks"].get(name) or {"status": "ok"}
            try:
                card = build_card(name, _load_result(out, name), entry, record.get("machine"))
            except Exception as exc:  # noqa: BLE001 -- a malformed row must not lose the report
                card = build_card(name, None, {**entry, "error": f"card: {exc}"})
        cards[name] = card
    return cards


def verdict_rows(cards: dict[str, dict[str, Any]]) -> list[tuple[str, VerdictRow]]:
    """(benchmark, row) for every verdict row of every successful benchmark, in report order."""
    rows = []
    for name in sorted(cards, key=lambda n: (format_for(n).order, n)):
        card = cards[name]
        if card.get("status") not in (None, "ok"):
            continue
        rows += [(name, VerdictRow.from_dict(row)) for row in card.get("verdicts") or []]
    return rows


def _holm_text(row: VerdictRow, flag: bool | None, rows: int) -> str:
    """Holm's column: only a verdict that claims a difference can fail to hold."""
    if flag is None or row.verdict == NO_DIFFERENCE:
        return "-"
    return "yes" if flag else f"no (of {rows})"


def verdict_table(
    rows: list[tuple[str, VerdictRow]],
    commands: dict[str, str] | None = None,
    family: list[tuple[str, VerdictRow]] | None = None,
) -> str:
    """The verdicts as a markdown table (see :data:`VERDICT_COLUMNS`).

    Args:
        rows: (benchmark, row) pairs to show.
        commands: benchmark -> its reproducing command, for rows that name none.
        family: the rows Holm's correction counts (default ``rows``); a table that shows a
            selection (the README headline) passes every row of the report, so that both
            say the same.
    """
    family = rows if family is None else family
    by_row = dict(zip((id(row) for _, row in family), holm([row.p_value for _, row in family])))
    flags = [by_row.get(id(row)) for _, row in rows]
    body = []
    for (name, row), flag in zip(rows, flags):
        c = row.comparison
        body.append(
            [
                format_for(name).title,
                row.measure,
                f"{row.classical}: {side_text(c['classical'], row.unit)}",
                f"{row.quantum}: {side_text(c['quantum'], row.unit)}",
                f"{row.effect_text()} ({'ratio' if row.is_timing else 'difference'})",
                f"**{row.verdict_text()}**",
                _holm_text(row, flag, len(family)),
                f"`{row.command or (commands or {}).get(name, '')}`",
                row.note,
            ]
        )
    return table(VERDICT_COLUMNS, body)


def _verdicts_section(cards: dict[str, dict[str, Any]]) -> str:
    rows = verdict_rows(cards)
    if not rows:
        return ""
    commands = {name: card.get("command", "") for name, card in cards.items()}
    quick = any(cards[name].get("mode") == "quick" for name, _ in rows)
    text = [
        "## Verdicts: classical versus quantum, with 95 % intervals",
        (
            f"{len(rows)} comparisons. Means over seeds come with their 95 % Student-t interval; "
            "timings are the median and interquartile range of repeats interleaved side by side, "
            "and their effect is the geometric-mean time ratio (quantum / classical) with its "
            '95 % interval. A verdict other than "no significant difference" needs the '
            "effect's interval to exclude 0 (difference) or 1 (ratio). With this many "
            f"verdicts at 95 % each, about {0.05 * len(rows):.1f} could be wrong by chance; "
            "\"holds under Holm\" says whether a row's p-value survives Holm's correction over "
            "all of them."
        ),
    ]
    if quick:
        text.append(
            "**Quick mode**: fewer seeds and repeats than the full run (the n of each row); "
            "these verdicts are a smoke test, the committed full run is the reference."
        )
    text.append(verdict_table(rows, commands))
    return "\n\n".join(text)


def _benchmark_verdicts(name: str, every: list[tuple[str, VerdictRow]]) -> str:
    """One benchmark's verdicts, with Holm's flags computed over ``every`` row of the report."""
    flags = holm([row.p_value for _, row in every])
    body = [
        [
            row.measure,
            row.effect_name(),
            row.effect_text(),
            f"**{row.verdict_text()}**",
            _holm_text(row, flag, len(every)),
            row.note,
        ]
        for (n, row), flag in zip(every, flags)
        if n == name
    ]
    if not body:
        return ""
    return "**Verdicts**\n\n" + table(
        ["measure", "effect", "value [95% CI]", "verdict", "holds under Holm", "note"], body
    )


def headline_rows(results: dict[str, dict[str, Any]]) -> list[list[Any]]:
    """The side-by-side rows of ``results`` (name -> JSON), each starting with the benchmark title.

    A format that fails on a result gives one row saying so instead of raising.
    """
    rows: list[list[Any]] = []
    for name in sorted(results, key=lambda n: (format_for(n).order, n)):
        fmt = format_for(name)
        try:
            rows += [[fmt.title, *row] for row in fmt.headline(results[name])]
        except Exception as exc:  # noqa: BLE001 -- a renamed key must not lose the whole report
            rows.append([fmt.title, f"(headline failed: {type(exc).__name__})", "-", "-", "-"])
    return rows


def _headline(entries: list[tuple[str, dict[str, Any], dict[str, Any] | None]]) -> str:
    ok = {n: r for n, e, r in entries if r is not None and e.get("status") == "ok"}
    rows = headline_rows(ok)
    if not rows:
        return ""
    return (
        "## Side by side: counts, theory and single measurements\n\n"
        "Exact numbers (gate counts, theoretical query counts, parameters) and capabilities "
        "(the largest size done within a budget). A timing here is a median of repeats or "
        "says \"one run\"; claims that one side is better are the verdicts above.\n\n"
        + table(HEADLINE_COLUMNS, rows)
    )


def _summary(entries: list[tuple[str, dict[str, Any], dict[str, Any] | None]]) -> str:
    rows = []
    for name, entry, _ in entries:
        status = entry.get("status")
        if status != "ok":
            status = f"**{status}**: {entry.get('error')}"
        rows.append(
            [
                f"[{name}](#{name})",
                status,
                "quick" if entry.get("quick") else "full",
                entry.get("wall_s"),
                entry.get("finished_at"),
            ]
        )
    total = sum(entry.get("wall_s") or 0.0 for _, entry, _ in entries)
    return (
        "## Summary\n\n"
        + table(["benchmark", "status", "mode", "wall s", "finished (UTC)"], rows)
        + (f"\n\nTotal wall time {total:.1f} s.")
    )


def render_report(out_dir: str | Path) -> str:
    """The markdown of the report for the results in ``out_dir`` (see :func:`write_report`)."""
    out = Path(out_dir)
    record = read_record(out)
    names = sorted(record["benchmarks"], key=lambda n: (format_for(n).order, n))
    entries = [(n, record["benchmarks"][n], _load_result(out, n)) for n in names]
    cards = {name: card for name, card in load_cards(out).items() if name in names}
    all_verdicts = verdict_rows(cards)
    modes = {bool(entry.get("quick")) for _, entry, _ in entries}
    mode = {
        frozenset({True}): "**quick** (small sizes, a few minutes)",
        frozenset({False}): "**full**",
    }.get(frozenset(modes), "**mixed** (see each benchmark)")
    parts = [
        "# qcog benchmarks: classical versus quantum",
        f"Mode: {mode}." if entries else "",
        (
            "Generated by `qcog bench` from the JSON files in this folder "
            f"(last update {record.get('updated_at', 'unknown')}). Times are wall-clock seconds on "
            "the machine below; every ratio was measured side by side in one run."
        ),
        _verdicts_section(cards),
        _headline(entries),
        _summary(entries),
        *[
            _details(
                name, entry, result, out, _benchmark_verdicts(name, all_verdicts)
            )
            for name, entry, result in entries
        ],
        _machine_section(record.get("machine"), record.get("benchmarks")),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def write_report(out_dir: str | Path) -> Path:
    """Write ``report.md`` into ``out_dir`` from its ``suite.json`` and ``<name>.json`` files,
    with an error-bar plot ``<name>.verdicts.png`` for each benchmark that has verdicts.

    Returns:
        The path of the report.
    """
    from qcog.bench.error_bars import plot_verdicts

    out = Path(out_dir)
    rows = verdict_rows(load_cards(out))
    for name in dict.fromkeys(name for name, _ in rows):
        plot_verdicts([row for n, row in rows if n == name], out / f"{name}{VERDICT_PLOT_SUFFIX}")
    path = out / REPORT_NAME
    path.write_text(render_report(out), encoding="utf-8")
    return path
