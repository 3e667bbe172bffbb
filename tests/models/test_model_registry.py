import pytest

from qcog.exceptions import QcogValueError
from qcog.models.registry import MODEL_KINDS, build_model, make_config, model_kind
from qcog.models.twins import count_parameters


@pytest.mark.parametrize("name", sorted(MODEL_KINDS))
def test_every_kind_builds_hybrid_and_twin_of_matched_size(name):
    """Hybrid and classical twin differ only where the circuits are: sizes within 2 %."""
    hybrid = build_model(name, {"quantum": True})
    twin = build_model(name, {"quantum": False})
    assert type(hybrid) is type(twin)
    n_h, n_t = count_parameters(hybrid), count_parameters(twin)
    assert abs(n_h - n_t) / n_t < 0.02, (n_h, n_t)
    kind = model_kind(name)
    assert kind.modality in ("image", "text") or kind.prepare is not None  # data from its hook


def test_config_from_json_lists_and_unknown_fields():
    cfg = make_config("transformer", blocks=[["quantum", "classical"]])
    assert cfg.blocks == (("quantum", "classical"),)
    with pytest.raises(QcogValueError, match="no field"):
        make_config("cnn", colour=True)
    with pytest.raises(QcogValueError, match="unknown model kind"):
        model_kind("rnn")
