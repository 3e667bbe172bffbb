"""Package attributes resolved on first use, so that importing a package stays light.

>>> __getattr__ = lazy_getattr("qcog", {"run": "qcog.runner"})
>>> __getattr__("run").__name__
'run'
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_getattr(package: str, table: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports ``table[name]`` and returns its ``name``."""

    def __getattr__(name: str) -> Any:
        if name in table:
            return getattr(import_module(table[name]), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
