"""The README's examples work as written: its commands and Python snippets run here.

Every ``qcog`` command of a ```bash block runs in-process from a scratch folder that has
the repository's ``examples/`` (the inputs the README uses), unless a rule of
:data:`SKIPPED` names it with the reason; the Python blocks run in order in one
namespace, as a reader pasting them into one session would. A command shown with a
``$`` prompt and an error line below it must fail with that error.
"""

import re
import shlex
from pathlib import Path

import pytest

from qcog.testing.cli import cli_status

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

#: (pattern, reason): commands not run here, and why. Every other command runs.
SKIPPED = [
    (r"^make ", "builds .venv and runs the demo or the whole suite itself"),
    (r"pip (install|uninstall)", "changes the installed packages"),
    (r"^qcog demo", "~10 s; tests/cli/test_demo_cli.py runs the demo and its JSON"),
    (r"^qcog bench", "minutes; tests/cli/test_bench_cli.py and tests/bench/ run the suite"),
    (r"^qcog shor ", "10 s to minutes per factorisation; tests/cli/test_shor_cli.py runs shor"),
    (r"ibm:", "needs an IBM Quantum account and the network"),
    (r"^qcog jobs reconcile", ("asks IBM about interrupted submissions: needs an account and "
     "the network; tests/cli/test_jobs_cli.py runs it against the fake IBM service")),
    (r"JOB_ID", ("JOB_ID stands for an id that `qcog ibm submit` prints; "
     "tests/cli/test_jobs_cli.py runs wait/result on stored jobs")),
    (r"^qcog train (cnn|cnn --classical|transformer --json)$",
     ("full training runs (cnn: ~30 epochs on 1,258 digits; transformer: 8 epochs on 5,000 "
     "tweets), minutes here; benchmarks/hybrid_models.py runs them, and the README's "
     "--epochs 3 / --resume commands below run the same path")),
    (r"^qcog train adapter", ("pretrains a Transformer (8 epochs on 10,500 tweets) before it "
     "fine-tunes, minutes here; tests/sequence/test_training_kinds.py runs the adapter kind "
     "with a small pretraining")),
]
#: Python snippets not run here (a pattern of the block), and why.
SKIPPED_PYTHON = [
    (r"factor\(", ("Shor: factor(10403, method='fast') takes minutes here; "
     "tests/algorithms/test_shor.py runs factor")),
]


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)


def _commands() -> list[tuple[str, str | None]]:
    """``(command, expected error or None)`` for every command line of the bash blocks."""
    found = []
    for block in _blocks("bash"):
        lines = [line for line in block.splitlines() if line.strip()]
        if any(line.startswith("$ ") for line in lines):  # prompt, then the expected output
            for line, after in zip(lines, lines[1:] + [""]):
                if line.startswith("$ "):
                    found.append((_strip(line[2:]), after if "error:" in after else None))
        else:
            found += [(_strip(line), None) for line in lines if not line.startswith("#")]
    return found


def _strip(line: str) -> str:
    words = shlex.split(line, comments=True)
    if words and words[0].endswith("/qcog"):
        words[0] = "qcog"
    return shlex.join(words)


def _skip_reason(command: str, rules) -> str | None:
    return next((reason for pattern, reason in rules if re.search(pattern, command)), None)


COMMANDS = _commands()


def test_the_readme_has_commands_and_every_skip_rule_is_used():
    assert len(COMMANDS) > 20
    for pattern, _ in SKIPPED:
        assert any(re.search(pattern, c) for c, _ in COMMANDS), f"stale rule {pattern!r}"


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # two threads on a shared 2-core machine make training 8x slower
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("QCOG_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("QCOG_MEMORY_LIMIT", "20GiB")  # the refusals shown do not depend on RAM
    yield tmp_path
    torch.set_num_threads(threads)


def test_readme_commands_run_as_written(scratch, capsys):
    ran = []
    for command, error in COMMANDS:
        if _skip_reason(command, SKIPPED):
            continue
        argv = shlex.split(command)
        assert argv[0] == "qcog", f"no rule for {command!r}: run it here or add a SKIPPED rule"
        status = cli_status(argv[1:])
        captured = capsys.readouterr()
        if error is None:
            assert status == 0, f"{command}\n{captured.err}"
        else:
            expected = error.split(" more than ")[0]  # the limit's number depends on the machine
            assert status == 2 and captured.err.startswith(expected), (command, captured.err)
        ran.append(command)
    assert len(ran) >= 15, ran


def test_readme_python_snippets_run_in_order(scratch):
    namespace: dict = {}
    ran = 0
    for block in _blocks("python"):
        if _skip_reason(block, SKIPPED_PYTHON):
            continue
        exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 - the README's own code
        ran += 1
    assert ran >= 4
