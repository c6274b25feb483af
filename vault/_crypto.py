"""The vault's cryptographic choices, in one private place.

Everything else calls these few functions; nothing outside this module names an
algorithm. Authentication failures raise ``AuthenticationFailed`` without saying
which part was wrong (pyca/cryptography's habit).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16

TokenBytes = Callable[[int], bytes]


class AuthenticationFailed(Exception):
    """The wrapped key did not authenticate: wrong secret or altered data."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters. ``memory_kib`` in KiB, ``iterations`` = t, ``lanes`` = p."""

    memory_kib: int
    iterations: int
    lanes: int

    def within_limits(self) -> bool:
        """True when every parameter lies between the floor and the cap.

        The floor is RFC 9106's second recommended set (64 MiB, t=3, p=4 lanes at
        most 4 fewer); the caps stop a crafted key file from asking for gigabytes or
        hours before anything is authenticated.
        """
        return (
            KDF_FLOOR.memory_kib <= self.memory_kib <= KDF_CAP.memory_kib
            and KDF_FLOOR.iterations <= self.iterations <= KDF_CAP.iterations
            and KDF_FLOOR.lanes <= self.lanes <= KDF_CAP.lanes
        )


KDF_FLOOR = KdfParams(memory_kib=64 * 1024, iterations=3, lanes=4)
KDF_CAP = KdfParams(memory_kib=1024 * 1024, iterations=64, lanes=16)
# Memory is raised first (up to this), then passes, while calibrating.
KDF_CALIBRATION_MEMORY_KIB = 256 * 1024


def derive_passphrase_key(passphrase: bytes, salt: bytes, params: KdfParams) -> bytes:
    """Argon2id(passphrase) → 256-bit key-encryption key. Caller checks the limits first."""
    if not params.within_limits():
        raise ValueError("KDF parameters outside the allowed range")
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(passphrase)


def derive_subkey(secret: bytes, salt: bytes, purpose: bytes) -> bytes:
    """HKDF-SHA256 for high-entropy secrets (recovery key, device key)."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=purpose).derive(secret)


def seal(key: bytes, plaintext: bytes, associated: bytes, nonce: bytes) -> bytes:
    """AES-256-GCM encrypt; ``associated`` is authenticated but not encrypted."""
    return AESGCM(key).encrypt(nonce, plaintext, associated)


def open_sealed(key: bytes, ciphertext: bytes, associated: bytes, nonce: bytes) -> bytes:
    """AES-256-GCM decrypt or raise ``AuthenticationFailed``."""
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, associated)
    except InvalidTag:
        raise AuthenticationFailed from None


def digest(data: bytes) -> str:
    """SHA-256 hex digest (file checksums and document de-duplication)."""
    return hashlib.sha256(data).hexdigest()


def calibrate_kdf(
    target_seconds: float = 0.75,
    measure: Callable[[KdfParams], float] | None = None,
) -> KdfParams:
    """Pick Argon2id parameters that take about ``target_seconds`` here, never below the floor.

    Memory grows first (harder for attackers with GPUs), then passes. ``measure`` times
    one derivation; tests inject a fake to keep this fast and deterministic.
    """
    timer = measure or _time_derivation
    params = KDF_FLOOR
    elapsed = timer(params)
    while elapsed < target_seconds / 2 and params.memory_kib < KDF_CALIBRATION_MEMORY_KIB:
        params = KdfParams(params.memory_kib * 2, params.iterations, params.lanes)
        elapsed *= 2
    if params != KDF_FLOOR:
        elapsed = timer(params)
    if elapsed < target_seconds:
        passes = round(params.iterations * target_seconds / max(elapsed, 1e-3))
        passes = max(params.iterations, min(passes, KDF_CAP.iterations))
        params = KdfParams(params.memory_kib, passes, params.lanes)
    return params


def _time_derivation(params: KdfParams) -> float:
    # The faster of two runs: a busy moment would otherwise make every later unlock too cheap.
    timings = []
    for _ in range(2):
        start = time.perf_counter()
        derive_passphrase_key(b"calibration", b"\x00" * SALT_BYTES, params)
        timings.append(time.perf_counter() - start)
    return min(timings)
