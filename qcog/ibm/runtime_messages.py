"""qiskit-ibm-runtime's warnings and log lines, collected instead of printed to stderr.

qiskit-ibm-runtime writes log lines to stderr itself (``qiskit_runtime_service.
_discover_account:WARNING: Loading account with the given token...``) and issues
deprecation and user warnings; in a command-line tool they are noise between the
result lines. :func:`collected_runtime_messages` catches both for the duration of a
block: deprecations are dropped (they are for developers), everything else is kept,
redacted and deduplicated, for the caller to show as notes or store.

>>> import logging
>>> with collected_runtime_messages() as notes:
...     logging.getLogger("qiskit_ibm_runtime.x").warning("instance usage limit reached")
>>> notes
['instance usage limit reached']
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator

#: The logger qiskit-ibm-runtime configures with its own stderr handler.
RUNTIME_LOGGER = "qiskit_ibm_runtime"
_DROPPED = (DeprecationWarning, PendingDeprecationWarning, FutureWarning)


class _Collector(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(record.getMessage())


def _add(notes: list[str], text: str) -> None:
    from qcog.ibm.account import redact

    line = " ".join(redact(text).split())
    if line and line not in notes:
        notes.append(line)


@contextlib.contextmanager
def collected_runtime_messages() -> Iterator[list[str]]:
    """Collect the runtime's warnings and log lines (WARNING and above) inside the block.

    Yields the list the messages are appended to (filled when the block ends). The
    runtime logger's own handlers are restored afterwards.
    """
    logger = logging.getLogger(RUNTIME_LOGGER)
    handlers, propagate = list(logger.handlers), logger.propagate
    lines: list[str] = []
    notes: list[str] = []
    collector = _Collector(lines)
    for handler in handlers:
        logger.removeHandler(handler)
    logger.addHandler(collector)
    logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield notes
    finally:
        logger.removeHandler(collector)
        for handler in handlers:
            logger.addHandler(handler)
        logger.propagate = propagate
        for text in lines:
            _add(notes, text)
        for item in caught:
            if not issubclass(item.category, _DROPPED):
                _add(notes, str(item.message))
