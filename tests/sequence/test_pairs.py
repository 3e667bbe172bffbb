import calendar
import datetime

import pytest

from qcog.exceptions import QcogValueError
from qcog.sequence.pairs import (
    PAIR_SPECIALS,
    date_pairs,
    detokenize,
    encode_texts,
    ids_to_text,
    parse_pairs_source,
    tokenize_pair_text,
)


@pytest.mark.parametrize("langs", [("en", "de"), ("en", "fr"), ("es", "en")])
def test_tokens_restore_every_generated_text(langs):
    pairs = date_pairs(300, seed=1, source=langs[0], target=langs[1])
    assert len({p[0] for p in pairs}) == 300  # distinct dates
    for text in (t for pair in pairs for t in pair):
        assert detokenize(tokenize_pair_text(text)) == text


def test_english_long_dates_match_the_calendar_module():
    """Babel's English 'long' style is 'Month D, YYYY' (names from Python's calendar)."""
    from babel.dates import format_date

    for day in (datetime.date(1901, 1, 9), datetime.date(2099, 12, 31), datetime.date(2021, 3, 3)):
        expected = f"{calendar.month_name[day.month]} {day.day}, {day.year}"
        assert format_date(day, "long", locale="en") == expected


def test_pairs_are_seeded():
    assert date_pairs(20, seed=4) == date_pairs(20, seed=4) != date_pairs(20, seed=5)


def test_ids_round_trip_through_the_vocabulary():
    vocab = list(PAIR_SPECIALS) + sorted({t for t in tokenize_pair_text("Mittwoch, 3. März 2021")})
    ids = encode_texts(["Mittwoch, 3. März 2021"], vocab, 16, bos=True)[0]
    assert ids[0] == 2 and list(ids).count(3) == 1
    assert ids_to_text(ids.tolist(), vocab) == "Mittwoch, 3. März 2021"


def test_sources_and_lengths_are_checked():
    assert parse_pairs_source("sentiment") is None
    with pytest.raises(QcogValueError, match="not a locale"):
        parse_pairs_source("dates:en-xx")
    with pytest.raises(QcogValueError, match="more than the maximum"):
        encode_texts(["Wednesday, March 3, 2021"], list(PAIR_SPECIALS), 5, bos=True)
    with pytest.raises(QcogValueError, match=">= 1"):
        date_pairs(0, seed=0)
