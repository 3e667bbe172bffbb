"""qiskit-ibm-runtime's fake backends: snapshots of IBM devices with their noise models.

>>> fake_backend_names()[:3]
['aachen', 'algiers', 'almaden']
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from qcog.exceptions import UnknownBackendError

if TYPE_CHECKING:  # for annotations only; imported where used
    from qiskit.providers import BackendV2

_CLASS = re.compile(r"^Fake([A-Z][a-z]+)(V2)?$")
_NOT_DEVICES = {"FakeFractionalBackend", "FakeProviderForBackendV2"}


def _classes() -> dict[str, str]:
    """Map lower-case device names ('manila') to class names ('FakeManilaV2')."""
    from qiskit_ibm_runtime import fake_provider

    names = {}
    for attr in dir(fake_provider):
        match = _CLASS.match(attr)
        if match and attr not in _NOT_DEVICES:
            names[match.group(1).lower()] = attr
    return names


def fake_backend_names() -> list[str]:
    """Names accepted after ``fake:``, sorted."""
    return sorted(_classes())


def fake_backend(name: str) -> BackendV2:
    """Return the fake backend called ``name`` ('manila', 'fake_manila', 'FakeManilaV2').

    Raises:
        UnknownBackendError: naming the closest known fake backends.
    """
    from qiskit_ibm_runtime import fake_provider

    key = name.lower().removeprefix("fake_").removeprefix("fake").removesuffix("v2").strip("_")
    classes = _classes()
    if key not in classes:
        close = difflib.get_close_matches(key, classes, n=3)
        hint = f"did you mean {', '.join('fake:' + c for c in close)}? " if close else ""
        raise UnknownBackendError(
            f"unknown fake backend {name!r}; {hint}known: {', '.join(sorted(classes))}"
        )
    return getattr(fake_provider, classes[key])()
