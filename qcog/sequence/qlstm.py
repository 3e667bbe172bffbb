"""Quantum LSTM (after Chen, Yoo and Fang, "Quantum Long Short-Term Memory", 2020).

In a QLSTM cell the affine maps of the four LSTM gates are variational circuits. At
step ``t`` the concatenation ``v_t = [x_t, h_{t-1}]`` is mapped to ``n`` angles
(``pi * tanh(W v_t + b)``), four circuits (forget, input, update, output) turn them
into ``<Z_i>`` values, and a per-gate linear map brings each gate to the hidden width::

    f, i, g, o = sigma(D_f z_f), sigma(D_i z_i), tanh(D_g z_g), sigma(D_o z_o)
    c_t = f * c_{t-1} + i * g
    h_t = o * tanh(c_t)

(as in the common implementations of the paper, the linear maps into and out of the
circuits adapt the widths; ``h_t`` is computed as in a classical LSTM so the layer is a
drop-in for :class:`torch.nn.LSTM`).

:class:`QLSTM` takes and returns what ``nn.LSTM`` does: ``(T, B, H_in)`` or, with
``batch_first``, ``(B, T, H_in)``, an unbatched ``(T, H_in)``, or a
``PackedSequence``; an optional ``(h_0, c_0)``; it returns the output sequence and
``(h_n, c_n)`` of shape ``(num_layers, B, hidden_size)``. Several layers and dropout
between them work as in ``nn.LSTM``; bidirectional layers and projections are
refused with a clear error.
"""

from __future__ import annotations

import math

import torch
from torch import nn
from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pad_packed_sequence

from qcog.exceptions import QcogValueError
from qcog.sequence.circuit_bank import CircuitBank

#: The four gates, in the order the circuits and decoders are stored.
GATES = ("forget", "input", "update", "output")


class QLSTMCell(nn.Module):
    """One QLSTM layer's cell: encoder, four gate circuits, per-gate decoders.

    Args:
        input_size: features of ``x_t``.
        hidden_size: width of ``h`` and ``c``.
        n_qubits: qubits of every gate circuit.
        n_qlayers: ansatz layers of every gate circuit.
        bias: biases in the encoder and decoders.
        engine: simulation engine.
        seed: initialisation seed.
    """

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        n_qubits: int = 4,
        n_qlayers: int = 1,
        bias: bool = True,
        engine: str = "torch",
        seed: int = 0,
    ) -> None:
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        generator = torch.Generator().manual_seed(seed)
        bound = 1 / math.sqrt(input_size + hidden_size)  # nn.Linear's default initialisation
        self.encode_weight = nn.Parameter(
            _uniform((n_qubits, input_size + hidden_size), bound, generator)
        )
        self.encode_bias = nn.Parameter(_uniform((n_qubits,), bound, generator)) if bias else None
        self.circuits = CircuitBank(len(GATES), n_qubits, n_qlayers, engine, seed + 1)
        bound = 1 / math.sqrt(n_qubits)
        self.decode_weight = nn.Parameter(
            _uniform((len(GATES), n_qubits, hidden_size), bound, generator)
        )
        self.decode_bias = (
            nn.Parameter(_uniform((len(GATES), 1, hidden_size), bound, generator)) if bias else None
        )

    def project_inputs(self, x: torch.Tensor) -> torch.Tensor:
        """The input part of the encoder for all steps at once: ``(..., H_in) -> (..., n)``."""
        weight = self.encode_weight[:, : self.input_size]
        return nn.functional.linear(x, weight, self.encode_bias)

    def forward(
        self, x_projected: torch.Tensor, h: torch.Tensor, c: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """One step from ``project_inputs(x_t) (B, n)`` and ``h, c (B, hidden)``: new ``h, c``."""
        pre = x_projected + nn.functional.linear(h, self.encode_weight[:, self.input_size :])
        z = self.circuits(math.pi * torch.tanh(pre))  # (4, B, n)
        gates = torch.einsum("kbn,knh->kbh", z, self.decode_weight.to(z.dtype))  # (4, B, hidden)
        if self.decode_bias is not None:
            gates = gates + self.decode_bias
        forget, inp, update, out = gates.unbind(0)
        c = torch.sigmoid(forget) * c + torch.sigmoid(inp) * torch.tanh(update)
        return torch.sigmoid(out) * torch.tanh(c), c


class QLSTM(nn.Module):
    """A multi-layer quantum LSTM with the interface of :class:`torch.nn.LSTM`.

    Args:
        input_size, hidden_size, num_layers, bias, batch_first, dropout: as in ``nn.LSTM``.
        bidirectional, proj_size: accepted for signature compatibility; anything but
            ``False`` / ``0`` raises.
        n_qubits: qubits of every gate circuit.
        n_qlayers: ansatz layers of every gate circuit.
        engine: simulation engine of the circuits (``"torch"`` by default, or any
            :mod:`qcog.qml` engine such as ``"default.qubit"``).
        seed: initialisation seed (layer ``l`` uses ``seed + 100 * l``).

    Raises:
        QcogValueError: unsupported options or bad sizes.

    >>> lstm = QLSTM(3, 5, num_layers=2, batch_first=True, n_qubits=2)
    >>> out, (h, c) = lstm(torch.rand(4, 6, 3))
    >>> tuple(out.shape), tuple(h.shape), tuple(c.shape)
    ((4, 6, 5), (2, 4, 5), (2, 4, 5))
    """

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        num_layers: int = 1,
        bias: bool = True,
        batch_first: bool = False,
        dropout: float = 0.0,
        bidirectional: bool = False,
        proj_size: int = 0,
        *,
        n_qubits: int = 4,
        n_qlayers: int = 1,
        engine: str = "torch",
        seed: int = 0,
    ) -> None:
        super().__init__()
        if bidirectional:
            raise QcogValueError(
                "QLSTM does not support bidirectional=True; run a second QLSTM on the "
                "reversed sequences and concatenate the outputs"
            )
        if proj_size:
            raise QcogValueError(f"QLSTM does not support proj_size={proj_size}; use 0")
        for name, value in (
            ("input_size", input_size),
            ("hidden_size", hidden_size),
            ("num_layers", num_layers),
            ("n_qubits", n_qubits),
        ):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise QcogValueError(f"{name} must be a positive integer, got {value!r}")
        if not 0 <= dropout < 1:
            raise QcogValueError(f"dropout must be in [0, 1), got {dropout}")
        self.input_size, self.hidden_size, self.num_layers = input_size, hidden_size, num_layers
        self.batch_first, self.dropout = batch_first, dropout
        self.cells = nn.ModuleList(
            QLSTMCell(
                input_size if layer == 0 else hidden_size,
                hidden_size,
                n_qubits,
                n_qlayers,
                bias,
                engine,
                seed + 100 * layer,
            )
            for layer in range(num_layers)
        )

    def forward(
        self,
        input: torch.Tensor | PackedSequence,
        hx: tuple[torch.Tensor, torch.Tensor] | None = None,
    ) -> tuple[torch.Tensor | PackedSequence, tuple[torch.Tensor, torch.Tensor]]:
        """Run all layers over the sequences; see the class docstring for shapes."""
        x, lengths, unbatched = self._batch_first_input(input)
        batch = x.shape[0]
        h0, c0 = self._initial_state(hx, batch, unbatched, x)
        h_n, c_n = [], []
        for layer, cell in enumerate(self.cells):
            x, h, c = self._run_layer(cell, x, h0[layer], c0[layer], lengths)
            if self.dropout and self.training and layer < self.num_layers - 1:
                x = nn.functional.dropout(x, self.dropout, training=True)
            h_n.append(h)
            c_n.append(c)
        h_n, c_n = torch.stack(h_n), torch.stack(c_n)  # (layers, B, hidden)
        if isinstance(input, PackedSequence):
            output = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        elif unbatched:
            output, h_n, c_n = x[0], h_n[:, 0], c_n[:, 0]
        else:
            output = x if self.batch_first else x.transpose(0, 1)
        return output, (h_n, c_n)

    @staticmethod
    def _run_layer(cell, x, h, c, lengths):
        """One layer over ``x (B, T, H_in)``; padded steps keep the state and output 0."""
        projected = cell.project_inputs(x)  # (B, T, n)
        outputs = []
        for t in range(x.shape[1]):
            h_new, c_new = cell(projected[:, t], h, c)
            if lengths is None:
                h, c = h_new, c_new
                outputs.append(h)
            else:
                alive = (t < lengths).to(x.device)[:, None]  # (B, 1)
                h, c = torch.where(alive, h_new, h), torch.where(alive, c_new, c)
                outputs.append(h_new * alive)
        return torch.stack(outputs, dim=1), h, c  # (B, T, hidden)

    def _batch_first_input(self, input):
        """``(B, T, H_in)`` input, lengths (packed input only) and whether it was unbatched."""
        lengths, unbatched = None, False
        if isinstance(input, PackedSequence):
            x, lengths = pad_packed_sequence(input, batch_first=True)
        elif not isinstance(input, torch.Tensor) or input.dim() not in (2, 3):
            shape = tuple(input.shape) if isinstance(input, torch.Tensor) else type(input).__name__
            raise QcogValueError(
                f"QLSTM input must be (T, B, H_in), (B, T, H_in) with batch_first, an "
                f"unbatched (T, H_in) or a PackedSequence; got {shape}"
            )
        elif input.dim() == 2:
            x, unbatched = input[None], True
        else:
            x = input if self.batch_first else input.transpose(0, 1)
        if x.shape[-1] != self.input_size:
            raise QcogValueError(
                f"QLSTM expects {self.input_size} input features, got {x.shape[-1]}"
            )
        if x.shape[0] == 0 or x.shape[1] == 0:
            raise QcogValueError(
                f"empty batch: QLSTM got {x.shape[0]} sequences of {x.shape[1]} steps"
            )
        return x, lengths, unbatched

    def _initial_state(self, hx, batch, unbatched, like):
        shape = (self.num_layers, batch, self.hidden_size)
        if hx is None:
            zeros = torch.zeros(shape, dtype=like.dtype, device=like.device)
            return zeros, zeros
        h0, c0 = hx
        if unbatched:
            h0, c0 = h0[:, None], c0[:, None]
        for name, state in (("h_0", h0), ("c_0", c0)):
            if tuple(state.shape) != shape:
                raise QcogValueError(
                    f"{name} has shape {tuple(state.shape)}; expected {shape} "
                    "(num_layers, batch, hidden_size)"
                )
        return h0, c0


def qlstm_parameter_count(
    input_size: int,
    hidden_size: int,
    num_layers: int,
    n_qubits: int,
    n_qlayers: int,
    bias: bool = True,
) -> int:
    """Parameters of a :class:`QLSTM` (encoders, strongly entangling circuits, decoders).

    >>> qlstm_parameter_count(1, 10, 1, 4, 2)
    344
    """
    total = 0
    for layer in range(num_layers):
        inputs = input_size if layer == 0 else hidden_size
        encoder = (inputs + hidden_size) * n_qubits + (n_qubits if bias else 0)
        circuits = len(GATES) * 3 * n_qubits * n_qlayers
        decoders = len(GATES) * (n_qubits * hidden_size + (hidden_size if bias else 0))
        total += encoder + circuits + decoders
    return total


def lstm_parameter_count(input_size: int, hidden_size: int, num_layers: int) -> int:
    """Parameters of ``nn.LSTM(input_size, hidden_size, num_layers)`` (two biases per layer).

    >>> lstm_parameter_count(1, 8, 1) == sum(p.numel() for p in nn.LSTM(1, 8).parameters())
    True
    """
    total = 0
    for layer in range(num_layers):
        inputs = input_size if layer == 0 else hidden_size
        total += 4 * hidden_size * (inputs + hidden_size + 2)
    return total


def _uniform(shape: tuple[int, ...], bound: float, generator: torch.Generator) -> torch.Tensor:
    return (torch.rand(shape, generator=generator) * 2 - 1) * bound
