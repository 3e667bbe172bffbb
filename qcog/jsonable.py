"""JSON text for results: numpy values, dataclasses with ``to_dict``, NaN and infinity handled.

Results written to disk (benchmark JSON, suite records, cards) and printed by ``--json``
go through :func:`to_json`, so every file and every command agree on how a numpy number,
a tuple or a non-finite float is written. It lives below both the library and the CLI:
``qcog.bench`` and ``qcog.cli.output`` import it from here.

>>> import numpy as np
>>> print(to_json({"x": np.float64(1.5), "bad": float("nan"), "pair": (1, 2)}))
{
  "x": 1.5,
  "bad": null,
  "pair": [
    1,
    2
  ]
}
"""

from __future__ import annotations

import json
import math
from typing import Any


def jsonable(value: Any) -> Any:
    """The JSON-ready form of one value ``json`` cannot write itself.

    numpy scalars and arrays become numbers and lists, complex numbers ``[re, im]``,
    sets and tuples lists, objects with ``to_dict()`` their dict, anything else ``str``.

    >>> jsonable(1 + 2j), jsonable({3})
    ([1.0, 2.0], [3])
    """
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, complex):
        return [value.real, value.imag]
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return str(value)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def to_json(obj: Any, indent: int | None = 2) -> str:
    """``json.dumps`` that accepts numpy types and maps NaN and infinity to ``null``.

    Args:
        obj: a dict, list or scalar, possibly holding numpy values.
        indent: as for :func:`json.dumps`.

    Returns:
        Strict JSON text (no ``NaN`` tokens).
    """
    return json.dumps(_finite(json.loads(json.dumps(obj, default=jsonable))), indent=indent)
