"""Build the tutorial notebooks from their Python sources, check them, or run them.

The sources of truth are ``tutorials/_source/NN_name.py``: Python files with
``# %%`` cell markers (``# %% [markdown]`` for text cells whose lines start with
``# ``), the "percent" format that VS Code, Spyder and jupytext also read. This
script turns each into ``tutorials/NN_name.ipynb`` **without outputs** (that is what
is committed and what users open):

    python tutorials/build.py              # regenerate tutorials/*.ipynb from the sources
    python tutorials/build.py --check      # exit 1 if a notebook is stale or has outputs
    python tutorials/build.py --execute    # run them; executed copies go to build/tutorials/
    python tutorials/build.py --execute --small --only 02   # small sizes, one notebook

``--small`` sets ``QCOG_TUTORIAL_SMALL=1``, which the notebooks read to shrink epochs
and problem sizes (the test suite runs them that way). ``build/`` is not committed.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

TUTORIALS = Path(__file__).resolve().parent
SOURCES = TUTORIALS / "_source"
EXECUTED = TUTORIALS.parent / "build" / "tutorials"
#: Environment variable the notebooks read to shrink their sizes.
SMALL_ENV = "QCOG_TUTORIAL_SMALL"
KERNEL = "python3"
CELL_MARKER = re.compile(r"^# %%(?P<rest>.*)$")


def parse_cells(text: str) -> list[tuple[str, str]]:
    """Split percent-format source into ``(kind, source)`` cells, kind 'code' or 'markdown'.

    Text before the first marker is ignored (a module docstring for editors);
    markdown lines lose their leading ``# ``; blank lines around cells are trimmed.
    """
    cells: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        match = CELL_MARKER.match(line)
        if match:
            kind = "markdown" if "[markdown]" in match["rest"] else "code"
            cells.append((kind, []))
        elif cells:
            kind, lines = cells[-1]
            if kind == "markdown":
                line = line[2:] if line.startswith("# ") else line.lstrip("#")
            lines.append(line)
    return [(kind, "\n".join(lines).strip("\n")) for kind, lines in cells if "".join(lines).strip()]


def to_notebook(cells: list[tuple[str, str]], stem: str):
    """A v4 notebook of ``cells`` with no outputs, stable cell ids and the python3 kernel."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata = {
        "kernelspec": {
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
            "name": KERNEL,
        },
        "language_info": {"name": "python"},
    }
    for index, (kind, source) in enumerate(cells):
        cell = (
            nbformat.v4.new_markdown_cell(source)
            if kind == "markdown"
            else nbformat.v4.new_code_cell(source)
        )
        cell.id = f"{stem[:50]}-{index:03d}"
        notebook.cells.append(cell)
    return notebook


def notebook_text(source: Path) -> str:
    """The ``.ipynb`` JSON text that ``source`` builds to."""
    import nbformat

    return (
        nbformat.writes(to_notebook(parse_cells(source.read_text(encoding="utf-8")), source.stem))
        + "\n"
    )


def sources(only: list[str] | None = None) -> list[Path]:
    """The tutorial sources, in order; ``only`` keeps those whose name starts with one of its items."""
    paths = sorted(SOURCES.glob("[0-9][0-9]_*.py"))
    if only:
        paths = [p for p in paths if any(p.stem.startswith(o) for o in only)]
    return paths


def build(only: list[str] | None = None) -> list[Path]:
    """Write ``tutorials/<stem>.ipynb`` for each source; return the paths written."""
    written = []
    for source in sources(only):
        target = TUTORIALS / f"{source.stem}.ipynb"
        target.write_text(notebook_text(source), encoding="utf-8")
        written.append(target)
    return written


def has_outputs(notebook) -> bool:
    """True when any code cell carries outputs or an execution count."""
    return any(
        cell.get("outputs") or cell.get("execution_count") is not None
        for cell in notebook.cells
        if cell.cell_type == "code"
    )


def check() -> list[str]:
    """Problems with the committed notebooks: stale, missing, extra, or with outputs."""
    import nbformat

    problems = []
    expected = {f"{s.stem}.ipynb": s for s in sources()}
    for path in sorted(TUTORIALS.glob("*.ipynb")):
        if path.name not in expected:
            problems.append(f"{path.name}: no source in _source/")
        elif path.read_text(encoding="utf-8") != notebook_text(expected[path.name]):
            problems.append(f"{path.name}: stale, run `python tutorials/build.py`")
        if has_outputs(nbformat.read(path, as_version=4)):
            problems.append(f"{path.name}: has outputs")
    problems += [
        f"{name}: missing, run `python tutorials/build.py`"
        for name in expected
        if not (TUTORIALS / name).exists()
    ]
    return problems


def execute(path: Path, small: bool = True, timeout: int = 600):
    """Run the notebook at ``path`` in a fresh python3 kernel (cwd: tutorials/); return it executed."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    previous = os.environ.get(SMALL_ENV)
    os.environ[SMALL_ENV] = "1" if small else "0"
    try:
        client = NotebookClient(
            notebook,
            timeout=timeout,
            kernel_name=KERNEL,
            resources={"metadata": {"path": str(TUTORIALS)}},
        )
        client.execute()
    finally:
        if previous is None:
            os.environ.pop(SMALL_ENV, None)
        else:
            os.environ[SMALL_ENV] = previous
    return notebook


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="fail if a notebook is stale or has outputs"
    )
    parser.add_argument("--execute", action="store_true", help=f"run the notebooks into {EXECUTED}")
    parser.add_argument("--small", action="store_true", help=f"small sizes ({SMALL_ENV}=1)")
    parser.add_argument(
        "--only", action="append", help="notebook number or name prefix (repeatable)"
    )
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        print("\n".join(problems) or "notebooks are up to date and have no outputs")
        return 1 if problems else 0
    written = build(args.only)
    print(f"wrote {len(written)} notebooks (no outputs) into {TUTORIALS}")
    if args.execute:
        import nbformat

        EXECUTED.mkdir(parents=True, exist_ok=True)
        for path in written:
            start = time.perf_counter()
            try:
                notebook = execute(path, small=args.small)
            except Exception as error:  # noqa: BLE001 -- report which notebook, then stop
                print(f"FAILED {path.name}: {str(error)[-2000:]}", file=sys.stderr)
                return 1
            nbformat.write(notebook, EXECUTED / path.name)
            print(
                f"executed {path.name} in {time.perf_counter() - start:.1f} s -> {EXECUTED / path.name}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
