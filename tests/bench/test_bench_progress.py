"""Progress inside a benchmark: its steps move its own bar, in this process or a child."""

from qcog.bench.progress import (
    ProgressFile,
    Steps,
    accepts_progress,
    last_line,
    latest_progress,
    show,
)
from qcog.bench.suite import BenchmarkSpec, run_benchmark

SLOW_STEPS = """
import time

def run(quick, out_dir, progress=None):
    for step in range(3):
        progress(step + 1, 3, f"step {step + 1}")
        time.sleep(0.4)
    return {"done": 3}
"""
PRINTS_ONLY = """
import time

def run(quick, out_dir):
    for step in range(3):
        print(f"working on part {step}", flush=True)
        time.sleep(0.4)
    return {}
"""


class FakeBar:
    """Records what a tqdm bar is asked to show."""

    def __init__(self):
        self.total, self.n, self.postfix, self.seen = None, 0, "", []

    def set_postfix_str(self, text, refresh=True):
        self.postfix = text

    def refresh(self):
        self.seen.append((self.n, self.total, self.postfix))


def _spec(tmp_path, name, source):
    path = tmp_path / f"{name}.py"
    path.write_text(source)
    return BenchmarkSpec(name, path)


def test_in_process_progress_moves_the_bar(tmp_path):
    bar = FakeBar()
    outcome = run_benchmark(_spec(tmp_path, "slow", SLOW_STEPS), True, tmp_path / "out", bar=bar)
    assert outcome.ok
    assert bar.seen == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]


def test_child_process_progress_reaches_the_parent(tmp_path):
    bar = FakeBar()
    spec = _spec(tmp_path, "slow", SLOW_STEPS)
    outcome = run_benchmark(spec, True, tmp_path / "out", isolate=True, bar=bar)
    assert outcome.ok and outcome.result == {"done": 3}
    moved = [seen for seen in bar.seen if seen[0]]
    assert moved and moved[-1][1] == 3 and moved[-1][2].startswith("step")


def test_a_benchmark_without_progress_shows_its_last_printed_line(tmp_path):
    bar = FakeBar()
    spec = _spec(tmp_path, "prints", PRINTS_ONLY)
    assert run_benchmark(spec, True, tmp_path / "out", isolate=True, bar=bar).ok
    assert any(postfix.startswith("working on part") for _, _, postfix in bar.seen)


def test_progress_file_and_log_tail(tmp_path):
    path = tmp_path / "p.jsonl"
    assert latest_progress(path) is None and last_line(path) == ""
    ProgressFile(path)(1, None, "warming up")
    assert latest_progress(path) == {"done": 1, "total": None, "label": "warming up"}
    with open(path, "a") as handle:
        handle.write('{"done": 2, "tot')  # a line being written
    assert latest_progress(path) is None
    log = tmp_path / "x.log"
    log.write_text("first\n" + "x" * 100 + "\n\n")
    assert last_line(log, width=10) == "xxxxxxx..."


def test_accepts_progress_and_steps():
    assert accepts_progress(lambda quick, out_dir, **kwargs: None)
    assert not accepts_progress(lambda quick, out_dir: None)
    bar = FakeBar()
    step = Steps(
        lambda done, total, label: show(bar, {"done": done, "total": total, "label": label}), 2
    )
    step("a")
    step("b")
    assert bar.seen == [(1, 2, "a"), (2, 2, "b")]
    Steps(None, 3)("nothing happens")
