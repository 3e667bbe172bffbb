"""OptimizerConfig: defaults per optimiser, validation."""

import pytest

from qcog.exceptions import QcogValueError
from qcog.variational.optimizer import OPTIMIZERS, OptimizerConfig


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_default_learning_rates_and_exactness(name):
    config = OptimizerConfig(name)
    assert config.lr == OPTIMIZERS[name][0]
    assert config.exact == (name != "spsa")
    assert config.to_dict()["name"] == name


@pytest.mark.parametrize("kwargs", [{"name": "sgd"}, {"steps": 0}, {"steps": 1.5}, {"lr": -1.0},
                                    {"tol": -1e-3}, {"threads": 0}])
def test_bad_settings_are_refused(kwargs):
    with pytest.raises(QcogValueError):
        OptimizerConfig(**kwargs)
