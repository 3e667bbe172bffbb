import pytest
import torch


@pytest.fixture(autouse=True)
def _one_torch_thread():
    """These models are tiny: one thread is fastest, and immune to a busy machine."""
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)
