"""Exceptions raised by qcog. Every message says what was wrong and what is accepted."""


class QcogError(Exception):
    """Base class of qcog's errors; the CLI prints these without a traceback."""


class QcogValueError(QcogError, ValueError):
    """An argument had a value qcog cannot accept."""


class BackendError(QcogError):
    """A backend could not be resolved or used."""


class UnknownBackendError(BackendError, ValueError):
    """The backend spec or name is not one qcog knows."""


class BackendUnavailableError(BackendError):
    """The backend exists but cannot be used here (no GPU, no account, ...)."""


class CircuitTooLargeError(BackendError, ValueError):
    """The circuit needs more qubits than the backend has."""


class QasmError(QcogError, ValueError):
    """An OpenQASM program could not be read."""


class SizeLimitError(QcogValueError):
    """A state or circuit would not fit the memory or size limit (see :mod:`qcog.limits`)."""
