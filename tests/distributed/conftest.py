"""One local Dask cluster of 2 worker processes for all distributed tests (start-up ~4 s)."""

import pytest


@pytest.fixture(scope="session")
def dask_cluster_client():
    from qcog.distributed.sweep import dask_client

    with dask_client("local", n_workers=2) as client:
        yield client
