"""Data of the sequence model kinds: the ``prepare`` hooks named in the model registry.

Each hook is called as ``prepare(spec, vocabulary)`` with a
:class:`qcog.training.experiment.DataSpec` (and the vocabulary stored in a checkpoint
when a run is resumed or evaluated) and returns a
:class:`~qcog.training.experiment.PreparedData` whose objective says how the kind is
trained and scored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qcog.exceptions import QcogValueError


def prepare_qlstm_data(spec: Any, vocabulary: list[str] | None = None) -> Any:
    """``qlstm`` data: a named series (regression) or text (sentiment or a CSV file).

    Raises:
        QcogValueError: another kind of data, or ``limit`` with a series.

    >>> from qcog.training.experiment import DataSpec
    >>> prepared = prepare_qlstm_data(DataSpec("bessel"))
    >>> prepared.splits.sizes(), prepared.model_fields["max_len"], prepared.objective.metrics
    ({'train': 208, 'val': 44, 'test': 44}, 4, ('r2', 'rmse'))
    """
    from qcog.data.tweet_tasks import parse_tweet_task
    from qcog.sequence.series import SERIES, parse_series
    from qcog.training.experiment import NAMED_DATA, prepare_data

    if parse_series(spec.source) is not None:
        return _prepare_series(spec)
    text = spec.source in NAMED_DATA["text"] or parse_tweet_task(spec.source) is not None
    if not text and (spec.source in NAMED_DATA["image"] or not Path(spec.source).is_file()):
        raise QcogValueError(
            f"qlstm takes a series ({', '.join(SERIES)}, optionally NAME:WINDOW), text "
            f"('sentiment', a tweet task such as 'polarity:b') or a CSV file with text,label "
            f"columns; {spec.source!r} is none of these"
        )
    return prepare_data("text", spec, vocabulary)


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


def prepare_seq2seq_data(spec: Any, vocabulary: list[str] | None = None) -> Any:
    """``seq2seq`` data: date pairs ``dates:SRC-TGT`` (:mod:`qcog.sequence.pairs`).

    ``spec.limit`` pairs are generated (default :data:`~qcog.sequence.pairs.DEFAULT_PAIRS`)
    from ``spec.seed`` and split at random; the shared vocabulary comes from the
    training pairs (or is the checkpoint's).

    Raises:
        QcogValueError: another source, or a pair longer than ``spec.max_len`` tokens.

    >>> from qcog.training.experiment import DataSpec
    >>> prepared = prepare_seq2seq_data(DataSpec("dates:en-fr", limit=100))
    >>> prepared.splits.sizes(), prepared.tensors["train"][1][0, 0].item()
    ({'train': 70, 'val': 15, 'test': 15}, 2)
    """
    import numpy as np
    import torch

    from qcog.data.dataset import Dataset
    from qcog.data.splits import Splits, stratified_indices
    from qcog.data.tokenizer import Vocabulary
    from qcog.sequence.objectives import TeacherForcing
    from qcog.sequence.pairs import (
        DEFAULT_PAIRS,
        PAIR_SPECIALS,
        date_pairs,
        encode_texts,
        parse_pairs_source,
        tokenize_pair_text,
    )
    from qcog.training.experiment import PreparedData

    langs = parse_pairs_source(spec.source)
    if langs is None:
        raise QcogValueError(
            f"seq2seq translates date pairs; use --data dates:SRC-TGT (e.g. dates:en-de), "
            f"not {spec.source!r}"
        )
    n = spec.limit or DEFAULT_PAIRS
    if n < 10:
        raise QcogValueError(f"limit={n} is too small: use at least 10 pairs")
    pairs = date_pairs(n, spec.seed, *langs)
    parts = stratified_indices(
        np.zeros(n, dtype=np.int64), (spec.val_fraction, spec.test_fraction), spec.seed
    )
    val, test, train = ([pairs[i] for i in part] for part in parts)
    if vocabulary is None:
        texts = [text for pair in train for text in pair]
        vocabulary = Vocabulary.build(
            texts, spec.vocab_size, tokenizer=tokenize_pair_text, specials=PAIR_SPECIALS
        ).tokens
    meta = {
        "source": f"dates rendered by Babel {_babel_version()} (CLDR locale data) in "
        f"{langs[0]} and {langs[1]}",
    }
    tensors, datasets = {}, []
    for name, part in (("train", train), ("val", val), ("test", test)):
        sources, targets = [p[0] for p in part], [p[1] for p in part]
        tensors[name] = tuple(
            torch.from_numpy(encode_texts(texts, vocabulary, spec.max_len, bos))
            for texts, bos in ((sources, False), (targets, True))
        )
        datasets.append(
            Dataset(
                np.array(sources, dtype=object),
                np.array(targets, dtype=object),
                [],
                spec.source,
                True,
                dict(meta),
            )
        )
    objective = TeacherForcing(vocabulary, beam_size=1, max_len=spec.max_len)
    fields = {"vocab_size": len(vocabulary), "max_len": spec.max_len}
    return PreparedData(Splits(*datasets), tensors, [], fields, list(vocabulary), objective)


def _babel_version() -> str:
    import importlib.metadata

    return importlib.metadata.version("babel")


def prepare_adapter_data(spec: Any, vocabulary: list[str] | None = None) -> Any:
    """``adapter`` data: any text source, encoded with the pretraining vocabulary.

    The vocabulary is :func:`qcog.sequence.pretrain.pretraining_vocabulary` (or the
    checkpoint's), so pretrained embeddings and fine-tuning tokens agree.
    """
    from qcog.sequence.pretrain import pretraining_vocabulary
    from qcog.training.experiment import prepare_data

    return prepare_data("text", spec, vocabulary or pretraining_vocabulary(spec.vocab_size))
