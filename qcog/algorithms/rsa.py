"""RSA end to end with Shor: make a small key, encrypt, factor the modulus with Shor's
algorithm, rebuild the private key from the factors, decrypt; every step checked.

Toy sizes only (a 2048-bit modulus is out of reach of any simulator, see
``qcog shor-estimate --bits 2048``). The message is cut into blocks of ``n - 1`` bits for
an ``n``-bit modulus and each block is encrypted as ``c = m^e mod N``. Shor runs with
``force_quantum=True`` so that order finding does the work (no lucky gcd, no base whose
order the circuit construction reveals): at gate level for tiny moduli, on the
simulation-only fast path for larger ones.

>>> demo = rsa_demo(bits=12, message="hi", method="fast", seed=3)
>>> demo.ok, demo.decrypted, demo.shor["quantum_order_found"]
(True, 'hi', True)
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from qcog.exceptions import QcogValueError

if TYPE_CHECKING:  # for annotations only
    from qcog.backends import Backend


#: Largest modulus the demo makes (bits); the fast path's memory bounds the rest.
MAX_DEMO_BITS = 32
#: Moduli up to this many bits are factored at gate level by default.
GATE_LEVEL_BITS = 10


@dataclass(frozen=True)
class RSAKey:
    """An RSA key: modulus ``N = p q``, public exponent ``e``, private exponent ``d``."""

    p: int
    q: int
    N: int
    e: int
    d: int


def _primes(bits: int) -> list[int]:
    """Primes of ``bits`` bits whose ``p - 1`` is not a power of two (no 3, 5, 17, 257, ...)."""
    from qcog.algorithms.classical_factoring import is_probable_prime

    return [
        p
        for p in range(2 ** (bits - 1) + 1, 2**bits, 2)
        if is_probable_prime(p) and (p - 1) & (p - 2)
    ]


def _prime(bits: int, rng: random.Random) -> int:
    from qcog.algorithms.classical_factoring import is_probable_prime

    while True:
        p = rng.randrange(2 ** (bits - 1) + 1, 2**bits, 2)
        if is_probable_prime(p) and (p - 1) & (p - 2):  # p - 1 not a power of two
            return p


def generate_key(bits: int, seed: int | None = None) -> RSAKey:
    """A key with an ``bits``-bit modulus from two distinct primes of about ``bits/2`` bits.

    Primes ``p`` with ``p - 1`` a power of two (3, 5, 17, 257, 65537) are avoided: with
    both factors of that kind every base's order is a power of two, which the circuit
    construction reveals classically.

    Raises:
        QcogValueError: ``bits`` outside ``[7, 32]`` (7 bits: 7 x 11 = 77 is the smallest).
    """
    if isinstance(bits, bool) or not isinstance(bits, int) or not 7 <= bits <= MAX_DEMO_BITS:
        raise QcogValueError(f"bits must be an integer in [7, {MAX_DEMO_BITS}], got {bits!r}")
    rng = random.Random(seed)
    if bits <= 12:  # few candidates: choose among all valid pairs
        pool = [x for b in range(3, bits) for x in _primes(b)]
        pairs = [(p, q) for p in pool for q in pool if p < q and (p * q).bit_length() == bits]
        p, q = rng.choice(pairs)
    while bits > 12:
        p = _prime((bits + 1) // 2, rng)
        q = _prime(bits - (bits + 1) // 2 + (1 if bits % 2 else 0), rng)
        if p != q and (p * q).bit_length() == bits:
            break
    N = p * q
    lam = math.lcm(p - 1, q - 1)
    e = next(e for e in (65537, 257, 17, 5, 3, 7, 11, 13) if e < lam and math.gcd(e, lam) == 1)
    return RSAKey(min(p, q), max(p, q), N, e, pow(e, -1, lam))


def _blocks(message: bytes, width: int) -> list[int]:
    bits = "".join(f"{b:08b}" for b in message)
    bits += "0" * (-len(bits) % width)
    return [int(bits[i : i + width], 2) for i in range(0, len(bits), width)]


def _unblock(blocks: list[int], width: int, length: int) -> bytes:
    bits = "".join(f"{b:0{width}b}" for b in blocks)[: 8 * length]
    return bytes(int(bits[i : i + 8], 2) for i in range(0, len(bits), 8))


def encrypt(message: bytes, N: int, e: int) -> list[int]:
    """``m^e mod N`` for each ``(n-1)``-bit block of ``message``."""
    return [pow(m, e, N) for m in _blocks(message, N.bit_length() - 1)]


def decrypt(cipher: list[int], N: int, d: int, length: int) -> bytes:
    """Inverse of :func:`encrypt` for a message of ``length`` bytes."""
    return _unblock([pow(c, d, N) for c in cipher], N.bit_length() - 1, length)


@dataclass
class RSADemo:
    """Every step of :func:`rsa_demo`, each with its check."""

    key: dict[str, int]
    message: str
    cipher: list[int]
    shor: dict[str, Any]
    recovered_key: dict[str, int]
    decrypted: str
    steps: list[dict[str, Any]] = field(default_factory=list)
    ok: bool = False
    wall_s: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def rsa_demo(
    bits: int = 16,
    message: str = "Shor was here",
    method: str = "auto",
    seed: int | None = None,
    backend: str | Backend = "auto",
    shots: int | None = None,
) -> RSADemo:
    """Key, encryption, Shor, rebuilt key, decryption; every step checked.

    Args:
        bits: modulus size, 7 ... 32.
        message: text to encrypt (UTF-8).
        method: 'auto' (gate level up to :data:`GATE_LEVEL_BITS` bits, else fast),
            'semiclassical', 'full' or 'fast'.
        seed: seeds the key, the bases and the simulators.
        backend, shots: passed to :func:`qcog.algorithms.shor.factor`.

    Returns:
        An :class:`RSADemo`; ``ok`` is True when every check passed.

    Raises:
        QcogValueError: bad bits, an empty message, an unknown method.
    """
    from qcog.algorithms.shor import factor

    start = time.perf_counter()
    if not isinstance(message, str) or not message:
        raise QcogValueError("message must be a non-empty string")
    if method not in ("auto", "semiclassical", "full", "fast"):
        raise QcogValueError(f"method must be auto, semiclassical, full or fast, got {method!r}")
    key = generate_key(bits, seed)
    chosen = (
        method if method != "auto" else ("semiclassical" if bits <= GATE_LEVEL_BITS else "fast")
    )
    data = message.encode()
    steps: list[dict[str, Any]] = []

    def step(name: str, detail: str, ok: bool) -> None:
        steps.append({"step": name, "detail": detail, "ok": bool(ok)})

    step(
        "key",
        f"N = {key.p} x {key.q} = {key.N} ({bits} bits), e = {key.e}, d = {key.d}",
        key.p * key.q == key.N and key.e * key.d % math.lcm(key.p - 1, key.q - 1) == 1,
    )
    cipher = encrypt(data, key.N, key.e)
    step(
        "encrypt",
        f"{len(cipher)} block(s) of {key.N.bit_length() - 1} bits: {cipher[:6]}",
        decrypt(cipher, key.N, key.d, len(data)) == data,
    )
    result = factor(
        key.N, method=chosen, backend=backend, shots=shots, seed=seed, force_quantum=True
    )
    found = result.factors is not None and len(result.factors) == 2
    step(
        "shor",
        result.message + (" [simulation only]" if result.simulation_only else ""),
        found and result.quantum_order_found,
    )
    recovered: dict[str, int] = {}
    plain = b""
    if found:
        p, q = result.factors
        d = pow(key.e, -1, math.lcm(p - 1, q - 1))
        recovered = {"p": p, "q": q, "d": d}
        step("rebuild key", f"d = e^-1 mod lcm(p-1, q-1) = {d}", (p, q) == (key.p, key.q))
        plain = decrypt(cipher, key.N, d, len(data))
        step("decrypt", f"{plain!r}", plain == data)
    return RSADemo(
        key=asdict(key),
        message=message,
        cipher=cipher,
        shor=result.to_dict(),
        recovered_key=recovered,
        decrypted=plain.decode(errors="replace"),
        steps=steps,
        ok=all(s["ok"] for s in steps) and len(steps) == 5,
        wall_s=time.perf_counter() - start,
    )
