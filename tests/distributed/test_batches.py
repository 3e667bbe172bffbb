"""Grover batches and Shor bases on the 2-worker cluster: identical to serial, and right."""

import pytest

from qcog.algorithms.grover import GroverProblem
from qcog.circuits.oracles import marked_oracle, predicate_oracle
from qcog.distributed.batches import grover_batch, shor_attempts
from qcog.exceptions import QcogValueError


def _plain(result):
    out = result.to_dict()
    out.pop("wall_s")
    for attempt in out.get("attempts", []):
        attempt.pop("wall_s")
    return out


def test_grover_batch_matches_serial_and_finds_the_marked_values(dask_cluster_client):
    problems = [GroverProblem(marked_oracle([5], 4)), GroverProblem(marked_oracle([1, 6], 3)),
                GroverProblem(predicate_oracle(lambda x: x % 7 == 3, 5))]
    serial = grover_batch(problems, shots=400, seed=9, cluster="serial")
    distributed = grover_batch(problems, shots=400, seed=9, cluster=dask_cluster_client)
    assert [_plain(r) for r in distributed] == [_plain(r) for r in serial]
    assert [sorted(r.found_values) for r in serial] == [[5], [1, 6], [3, 10, 17, 24, 31]]


def test_shor_bases_in_parallel_match_serial(dask_cluster_client):
    bases = [2, 7, 11, 4]
    serial = shor_attempts(15, bases, method="fast", shots=16, seed=3, cluster="serial")
    distributed = shor_attempts(15, bases, method="fast", shots=16, seed=3, cluster=dask_cluster_client)
    assert [_plain(r) for r in distributed] == [_plain(r) for r in serial]
    assert [r.attempts[0].a for r in serial] == bases
    found = [r.factors for r in serial if r.factors]
    assert found and all(f == (3, 5) for f in found)
    assert serial[2].order == 2  # 11**2 = 121 = 1 mod 15


@pytest.mark.parametrize("call, word", [(lambda: grover_batch([]), "problems"),
                                        (lambda: shor_attempts(15, []), "bases")])
def test_empty_batches_are_refused(call, word):
    with pytest.raises(QcogValueError, match=word):
        call()
