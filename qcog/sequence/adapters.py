"""Parameter-efficient fine-tuning: LoRA through ``peft``, and a quantum adapter.

Both adapt the same linear modules of a frozen pretrained model, named as ``peft``
names them (a module matches a target when its name is the target or ends with
``"." + target``):

* LoRA (Hu et al. 2021, via ``peft.get_peft_model``): ``W x + (alpha / r) B A x`` with
  ``A`` of rank ``r``, ``B`` zero at the start; ``r (d_in + d_out)`` parameters per module.
* quantum adapter (the bottleneck of an adapter is a variational circuit, in the spirit
  of QTHA, arXiv 2503.12790): ``W x + U q(pi tanh(D x))`` with ``D: d_in -> n``, ``q`` an
  ``n``-qubit circuit (angle embedding, strongly entangling layers, ``<Z_i>`` out) and
  ``U: n -> d_out`` zero at the start, so fine-tuning starts from the pretrained model
  exactly as LoRA does; ``n (d_in + d_out) + 3 n L`` parameters per module. Its
  classical twin puts a ``tanh(W z + b)`` layer (``n^2 + n``) where the circuit is.

The base weights are frozen (``requires_grad=False``); the modules named in
``trainable`` (e.g. a new classifier head) stay trainable.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from qcog.exceptions import QcogValueError
from qcog.models.twins import core_layer, seeded


class AdapterLinear(nn.Module):
    """A frozen ``nn.Linear`` plus a bottleneck adapter with a circuit (or its twin) inside.

    Args:
        base_layer: the pretrained linear layer (kept, frozen).
        n_qubits: bottleneck width (qubits of the circuit).
        n_layers: ansatz layers of the circuit.
        quantum: False puts the classical twin layer in the bottleneck.
        engine: simulation engine.
        seed: initialisation seed.

    >>> layer = AdapterLinear(nn.Linear(6, 4), n_qubits=2, quantum=False)
    >>> x = torch.rand(3, 6)
    >>> bool(torch.equal(layer(x), layer.base_layer(x)))  # the adapter starts at zero
    True
    """

    def __init__(
        self,
        base_layer: nn.Linear,
        n_qubits: int,
        n_layers: int = 1,
        quantum: bool = True,
        engine: str = "torch",
        seed: int = 0,
    ) -> None:
        super().__init__()
        self.base_layer = base_layer.requires_grad_(False)
        self.n_qubits = n_qubits
        with seeded(seed):
            self.down = nn.Linear(base_layer.in_features, n_qubits, bias=False)
            self.up = nn.Linear(n_qubits, base_layer.out_features, bias=False)
        nn.init.zeros_(self.up.weight)
        self.core = core_layer(n_qubits, n_layers, quantum, engine, seed=seed + 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        angles = math.pi * torch.tanh(self.down(x))  # (..., n)
        flat = angles.reshape(-1, self.n_qubits)  # (N, n)
        return self.base_layer(x) + self.up(self.core(flat).reshape(angles.shape))


def add_adapters(
    model: nn.Module,
    targets: tuple[str, ...],
    n_qubits: int,
    n_layers: int = 1,
    quantum: bool = True,
    engine: str = "torch",
    seed: int = 0,
    trainable: tuple[str, ...] = (),
) -> nn.Module:
    """Freeze ``model`` and wrap every target ``nn.Linear`` in an :class:`AdapterLinear`.

    Args:
        model: the pretrained model (changed in place and returned).
        targets: module names (``peft``'s matching rule, see the module docstring).
        n_qubits, n_layers, quantum, engine: of every adapter.
        seed: the ``i``-th adapter is initialised with ``seed + 10 * i``.
        trainable: modules that stay trainable (e.g. ``("head",)``).

    Raises:
        QcogValueError: no module matches a target, or a match is not ``nn.Linear``.

    >>> net = nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 2))
    >>> net = add_adapters(net, ("0",), n_qubits=2, quantum=False, trainable=("2",))
    >>> sum(p.numel() for p in net.parameters() if p.requires_grad)  # 8 + 6 + 8 + 10
    32
    """
    names = matching_modules(model, targets)
    model.requires_grad_(False)
    for i, name in enumerate(names):
        parent, _, child = name.rpartition(".")
        owner = model.get_submodule(parent) if parent else model
        adapter = AdapterLinear(
            getattr(owner, child), n_qubits, n_layers, quantum, engine, seed + 10 * i
        )
        setattr(owner, child, adapter)
    for name in trainable:
        model.get_submodule(name).requires_grad_(True)
    return model


def add_lora(
    model: nn.Module,
    targets: tuple[str, ...],
    rank: int,
    seed: int = 0,
    trainable: tuple[str, ...] = (),
    alpha: float | None = None,
) -> nn.Module:
    """``peft``'s LoRA on the target modules of ``model`` (a ``peft.PeftModel`` is returned).

    Args:
        model: the pretrained model.
        targets: module names (checked here, then given to ``peft`` as ``target_modules``).
        rank: LoRA rank ``r``.
        seed: seed of the LoRA initialisation.
        trainable: modules trained in full (``peft``'s ``modules_to_save``).
        alpha: LoRA ``alpha`` (default ``r``: a scale of 1, as the quantum adapter has).

    Raises:
        QcogValueError: ``peft`` missing, or no module matches a target.
    """
    try:
        from peft import LoraConfig, get_peft_model
    except ImportError as exc:
        raise QcogValueError("LoRA needs peft: pip install 'qcog[text]' (or peft)") from exc
    matching_modules(model, targets)
    config = LoraConfig(
        r=rank,
        lora_alpha=rank if alpha is None else alpha,
        target_modules=list(targets),
        lora_dropout=0.0,
        bias="none",
        modules_to_save=list(trainable) or None,
    )
    with seeded(seed):
        return get_peft_model(model, config)


def matching_modules(model: nn.Module, targets: tuple[str, ...]) -> list[str]:
    """Names of the ``nn.Linear`` modules matched by ``targets``, in module order.

    Raises:
        QcogValueError: a target matches nothing, or matches a module that is not linear.

    >>> matching_modules(nn.Sequential(nn.Linear(2, 2), nn.Tanh()), ("0",))
    ['0']
    """
    names = []
    for target in targets:
        found = [n for n, _ in model.named_modules() if n == target or n.endswith("." + target)]
        if not found:
            raise QcogValueError(f"no module of the model is called {target!r}")
        for name in found:
            if not isinstance(model.get_submodule(name), nn.Linear):
                kind = type(model.get_submodule(name)).__name__
                raise QcogValueError(f"module {name!r} is a {kind}; adapters wrap nn.Linear only")
        names += found
    order = [n for n, _ in model.named_modules()]
    return sorted(set(names), key=order.index)


def adapter_parameter_count(
    model: nn.Module, targets: tuple[str, ...], width: int, method: str, n_layers: int = 1
) -> int:
    """Trainable parameters that LoRA (``method="lora"``, rank ``width``) or the quantum
    adapter (``"adapter"``, ``width`` qubits) add to the target modules of ``model``.

    >>> adapter_parameter_count(nn.Sequential(nn.Linear(4, 6)), ("0",), 2, "lora")
    20
    >>> adapter_parameter_count(nn.Sequential(nn.Linear(4, 6)), ("0",), 2, "adapter")
    26
    """
    if method not in ("lora", "adapter"):
        raise QcogValueError(f"method must be 'lora' or 'adapter', got {method!r}")
    total = 0
    for name in matching_modules(model, targets):
        layer = model.get_submodule(name)
        total += width * (layer.in_features + layer.out_features)
        total += 3 * width * n_layers if method == "adapter" else 0
    return total
