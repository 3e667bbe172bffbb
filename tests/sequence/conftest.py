import pytest


@pytest.fixture(autouse=True)
def _one_thread(one_torch_thread):
    """These models are tiny: one thread is fastest, and immune to a busy machine."""
