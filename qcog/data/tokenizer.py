"""Word tokenisation and a small vocabulary built from the training split."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

#: Special tokens, at fixed indices: padding 0, unknown word 1, classification token 2.
PAD, UNK, CLS = "<pad>", "<unk>", "<cls>"
SPECIALS = (PAD, UNK, CLS)

_URL = re.compile(r"https?://\S+|www\.\S+")
_USER = re.compile(r"@\w+")
_TOKEN = re.compile(r"<url>|<user>|[a-z0-9]+(?:'[a-z]+)?|[!?]")


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens; URLs become ``<url>``, @mentions ``<user>``, ``#`` is dropped.

    >>> tokenize("I LOVE it!! @bob http://x.co #great")
    ['i', 'love', 'it', '!', '!', '<user>', '<url>', 'great']
    """
    text = _USER.sub(" <user> ", _URL.sub(" <url> ", text.lower()))
    return _TOKEN.findall(text)


@dataclass
class Vocabulary:
    """Token <-> index map; indices 0, 1, 2 are ``<pad>``, ``<unk>``, ``<cls>``.

    >>> v = Vocabulary.build(["a b b", "b c"], max_size=10)
    >>> v.tokens
    ['<pad>', '<unk>', '<cls>', 'b', 'a', 'c']
    >>> v.encode(["b z"], max_len=4).tolist()
    [[2, 3, 1, 0]]
    """

    tokens: list[str]

    @classmethod
    def build(
        cls,
        texts: Iterable[str],
        max_size: int = 2000,
        min_freq: int = 1,
        tokenizer: Callable[[str], list[str]] = tokenize,
        specials: tuple[str, ...] = SPECIALS,
    ) -> Vocabulary:
        """The ``max_size`` most frequent tokens of ``texts`` seen at least ``min_freq`` times.

        Ties are broken alphabetically, so the same texts always give the same vocabulary.
        Build it from the training split only. ``tokenizer`` splits a text into tokens;
        ``specials`` come first, in order (``<pad>`` must be at index 0).
        """
        counts = Counter(token for text in texts for token in tokenizer(str(text)))
        ranked = sorted(
            (t for t, n in counts.items() if n >= min_freq and t not in specials),
            key=lambda t: (-counts[t], t),
        )
        return cls(list(specials) + ranked[: max(0, max_size - len(specials))])

    def __len__(self) -> int:
        return len(self.tokens)

    def encode(self, texts: Iterable[str], max_len: int) -> np.ndarray:
        """Token indices ``(N, max_len)``: ``<cls>`` first, then the words, padded with 0."""
        index = {token: i for i, token in enumerate(self.tokens)}
        texts = list(texts)
        out = np.zeros((len(texts), max_len), dtype=np.int64)  # (N, max_len), 0 = <pad>
        for row, text in enumerate(texts):
            ids = [2] + [index.get(t, 1) for t in tokenize(str(text))]
            out[row, : min(len(ids), max_len)] = ids[:max_len]
        return out
