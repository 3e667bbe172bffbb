"""Parallel text for translation: dates written out in two languages, and their tokens.

The pairs come from Babel (``pip install babel``; BSD-3-Clause), which formats dates
with the Unicode CLDR locale data (Unicode License): the same calendar date rendered by
``babel.dates.format_date`` in a source and a target locale, in one of the "medium",
"long" and "full" styles, e.g. ``"Wednesday, March 3, 2021"`` ->
``"Mittwoch, 3. März 2021"`` (en -> de). Translating them needs word translation
(weekdays, months), reordering (month-day to day-month), punctuation changes, month
names to numbers (``"Mar 3, 2021"`` -> ``"03.03.2021"``) and copying digits. The
dates are drawn at random (seeded), so the pairs are generated and marked synthetic;
the renderings themselves are CLDR's.

Tokens are reversible: letters form words, every digit and every other character is
its own token, and a token that follows a space carries a leading ``▁`` (as in
SentencePiece), so :func:`detokenize` restores the text exactly. Source and target
share one vocabulary: ``<pad>`` 0, ``<unk>`` 1, ``<bos>`` 2, ``<eos>`` 3, then the
training tokens by frequency.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from qcog.exceptions import QcogValueError

PAD, UNK, BOS, EOS = "<pad>", "<unk>", "<bos>", "<eos>"
#: Special tokens at fixed indices 0-3.
PAIR_SPECIALS = (PAD, UNK, BOS, EOS)
BOS_ID, EOS_ID = 2, 3
#: Date styles drawn for each pair.
STYLES = ("medium", "long", "full")
#: Pairs generated when no limit is given.
DEFAULT_PAIRS = 4000
SPACE = "▁"
_PIECE = re.compile(r"\s+|\d|[^\W\d_]+|[^\w\s]|_")


def tokenize_pair_text(text: str) -> list[str]:
    """Reversible tokens: words, single digits, single symbols; ``▁`` marks a preceding space.

    >>> tokenize_pair_text("Mittwoch, 3. März 2021")
    ['▁Mittwoch', ',', '▁3', '.', '▁März', '▁2', '0', '2', '1']
    """
    tokens, space = [], True
    for piece in _PIECE.findall(text):
        if piece.isspace():
            space = True
            continue
        tokens.append(SPACE + piece if space else piece)
        space = False
    return tokens


def detokenize(tokens: Iterable[str]) -> str:
    """The text of :func:`tokenize_pair_text` tokens (whitespace runs become one space).

    >>> detokenize(tokenize_pair_text("3 mars 2021"))
    '3 mars 2021'
    """
    return "".join(t.replace(SPACE, " ") for t in tokens).strip()


def ids_to_text(ids: Iterable[int], vocabulary: list[str]) -> str:
    """Token ids to text: stops at ``<eos>``, drops ``<pad>`` and ``<bos>``.

    >>> ids_to_text([2, 5, 4, 3, 0], ["<pad>", "<unk>", "<bos>", "<eos>", "b", "▁a"])
    'ab'
    """
    tokens = []
    for i in ids:
        if i == EOS_ID:
            break
        if i not in (0, BOS_ID):
            tokens.append(vocabulary[i])
    return detokenize(tokens)


def parse_pairs_source(source: str) -> tuple[str, str] | None:
    """``"dates:en-de"`` -> ``("en", "de")``; None if ``source`` is not a pair source.

    Raises:
        QcogValueError: malformed or unknown locales.

    >>> parse_pairs_source("dates:en-fr")
    ('en', 'fr')
    >>> parse_pairs_source("dates")
    ('en', 'de')
    """
    kind, _, langs = source.partition(":")
    if kind != "dates":
        return None
    src, _, tgt = (langs or "en-de").partition("-")
    from babel import Locale, UnknownLocaleError

    for code in (src, tgt):
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError, TypeError):
            raise QcogValueError(
                f"{source!r}: {code!r} is not a locale Babel knows; write dates:SRC-TGT "
                "with locale codes, e.g. dates:en-de or dates:en-fr"
            ) from None
    return src, tgt


def date_pairs(n: int, seed: int, source: str = "en", target: str = "de") -> list[tuple[str, str]]:
    """``n`` distinct random dates (1900-2099) in a random style, in both locales.

    >>> date_pairs(1, seed=0, source="en", target="fr")
    [('February 15, 2070', '15 février 2070')]
    """
    import datetime

    from babel.dates import format_date

    if n < 1:
        raise QcogValueError(f"the number of pairs must be >= 1, got {n}")
    rng = np.random.default_rng(seed)
    first = datetime.date(1900, 1, 1)
    days = (datetime.date(2099, 12, 31) - first).days + 1
    pairs = []
    for day in rng.choice(days, size=n, replace=False):
        date = first + datetime.timedelta(days=int(day))
        style = STYLES[int(rng.integers(len(STYLES)))]
        pairs.append(
            (
                _clean(format_date(date, style, locale=source)),
                _clean(format_date(date, style, locale=target)),
            )
        )
    return pairs


def encode_texts(
    texts: Iterable[str], vocabulary: list[str], max_len: int, bos: bool
) -> np.ndarray:
    """Token ids ``(N, max_len)``: [``<bos>``] tokens ``<eos>``, padded with 0.

    Raises:
        QcogValueError: a text needs more than ``max_len`` tokens.

    >>> encode_texts(["a b"], ["<pad>", "<unk>", "<bos>", "<eos>", "▁a"], 5, bos=True).tolist()
    [[2, 4, 1, 3, 0]]
    """
    index = {token: i for i, token in enumerate(vocabulary)}
    texts = list(texts)
    out = np.zeros((len(texts), max_len), dtype=np.int64)  # (N, max_len), 0 = <pad>
    for row, text in enumerate(texts):
        ids = [index.get(t, 1) for t in tokenize_pair_text(text)] + [EOS_ID]
        ids = [BOS_ID, *ids] if bos else ids
        if len(ids) > max_len:
            raise QcogValueError(
                f"{text!r} needs {len(ids)} tokens with <bos>/<eos>, more than the maximum "
                f"sequence length {max_len}; raise max_len"
            )
        out[row, : len(ids)] = ids
    return out


def _clean(text: str) -> str:
    """One plain space for every whitespace run (CLDR uses no-break spaces in places)."""
    return " ".join(text.split())
