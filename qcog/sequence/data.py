"""Data of the sequence model kinds: the ``prepare`` hooks named in the model registry.

Each hook is called as ``prepare(spec, vocabulary)`` with a
:class:`qcog.training.experiment.DataSpec` (and the vocabulary stored in a checkpoint
when a run is resumed or evaluated) and returns a
:class:`~qcog.training.experiment.PreparedData` whose objective says how the kind is
trained and scored.
"""

from __future__ import annotations

from typing import Any

from qcog.exceptions import QcogValueError


def prepare_qlstm_data(spec: Any, vocabulary: list[str] | None = None) -> Any:
    """``qlstm`` data: a named series (regression) or text (sentiment or a CSV file).

    Raises:
        QcogValueError: image data, or ``limit`` with a series.

    >>> from qcog.training.experiment import DataSpec
    >>> prepared = prepare_qlstm_data(DataSpec("bessel"))
    >>> prepared.splits.sizes(), prepared.model_fields["max_len"], prepared.objective.metrics
    ({'train': 208, 'val': 44, 'test': 44}, 4, ('r2', 'rmse'))
    """
    from qcog.sequence.series import SERIES, parse_series
    from qcog.training.experiment import NAMED_DATA, prepare_data

    if spec.source in NAMED_DATA["image"]:
        raise QcogValueError(
            f"{spec.source!r} is image data; qlstm takes a series ({', '.join(SERIES)}), "
            "'sentiment' or a CSV file with text,label columns"
        )
    if parse_series(spec.source) is None:
        return prepare_data("text", spec, vocabulary)
    return _prepare_series(spec)


def _prepare_series(spec: Any) -> Any:
    import torch

    from qcog.data.dataset import Dataset
    from qcog.data.splits import Splits
    from qcog.sequence.objectives import Regression
    from qcog.sequence.series import series_windows
    from qcog.training.experiment import PreparedData

    if spec.limit is not None:
        raise QcogValueError(
            f"limit does not apply to the series {spec.source!r} (they have fixed lengths)"
        )
    parts = series_windows(spec.source, (spec.val_fraction, spec.test_fraction))
    meta = {"source": parts["fact"].description, "scale": parts["scale"]}
    splits = Splits(
        *(Dataset(*parts[k], [], spec.source, True, dict(meta)) for k in ("train", "val", "test"))
    )
    tensors = {
        k: (torch.from_numpy(parts[k][0]), torch.from_numpy(parts[k][1]))
        for k in ("train", "val", "test")
    }
    fields = {"vocab_size": 0, "num_classes": 0, "input_size": 1, "max_len": parts["window"]}
    return PreparedData(splits, tensors, [], fields, None, Regression())
