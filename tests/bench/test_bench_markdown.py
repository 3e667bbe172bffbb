import pytest

from qcog.bench.markdown import number, records_table, table


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, "-"),
        (True, "yes"),
        (12345, "12,345"),
        (0.000123456, "0.000123"),
        (3.14159, "3.14"),
        (98765.4, "98,765"),
        (float("nan"), "-"),
        ([1, 2.5], "1, 2.5"),
        ("a|b", "a\\|b"),
    ],
)
def test_number(value, expected):
    assert number(value) == expected


def test_table_and_records_table():
    assert table(["a", "b"], [[1, 2]]) == "| a | b |\n|---|---|\n| 1 | 2 |"
    text = records_table([{"n": 4, "t": 0.5, "skip": [1]}, {"n": 8, "extra": "x"}])
    assert text.splitlines()[0] == "| n | t | extra |"
    assert text.splitlines()[3] == "| 8 | - | x |"
