"""RSA end to end: keys, block encryption, and the demo at gate level and on the fast path."""

import math

import pytest

from qcog.algorithms.rsa import decrypt, encrypt, generate_key, rsa_demo
from qcog.exceptions import QcogValueError


@pytest.mark.parametrize("bits", [7, 8, 12, 13, 20, 32])
def test_keys_are_valid(bits):
    key = generate_key(bits, seed=bits)
    assert key.p * key.q == key.N and key.N.bit_length() == bits and key.p < key.q
    lam = math.lcm(key.p - 1, key.q - 1)
    assert key.e * key.d % lam == 1
    assert (key.p - 1) & (key.p - 2) and (key.q - 1) & (key.q - 2)  # no Fermat primes


def test_encrypt_decrypt_round_trip_and_cipher_differs():
    key = generate_key(16, seed=1)
    data = "Grüße, Shor!".encode()
    cipher = encrypt(data, key.N, key.e)
    assert all(0 <= c < key.N for c in cipher) and decrypt(cipher, key.N, key.d, len(data)) == data
    assert decrypt(cipher, key.N, key.e, len(data)) != data


def test_gate_level_demo_on_a_tiny_modulus():
    demo = rsa_demo(bits=8, message="ok", seed=3)
    assert demo.ok and demo.decrypted == "ok"
    assert demo.shor["method"] == "semiclassical" and demo.shor["backend"] == "sparse-statevector"
    assert demo.shor["quantum_order_found"] and [s["step"] for s in demo.steps] == [
        "key",
        "encrypt",
        "shor",
        "rebuild key",
        "decrypt",
    ]


def test_fast_path_demo_on_a_larger_modulus():
    demo = rsa_demo(bits=14, message="RSA-14", seed=4)
    assert demo.ok and demo.shor["simulation_only"] and demo.recovered_key["d"] == demo.key["d"]


@pytest.mark.parametrize(
    "kwargs", [{"bits": 6}, {"bits": 33}, {"message": ""}, {"method": "magic"}]
)
def test_bad_input(kwargs):
    with pytest.raises(QcogValueError):
        rsa_demo(**kwargs)
