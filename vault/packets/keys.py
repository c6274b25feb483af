"""The holder's signing key: generate, store as PKCS#8 (inside the encrypted vault), reload.

ES256 (ECDSA P-256) is the default because PDF readers, WebCrypto and the SD-JWT VC
ecosystem verify it; Ed25519 is the option. Randomness is injected: both keys are derived
from ``token_bytes`` so tests can make fixed keys.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_der_private_key,
)

from vault.errors import InvalidInput
from vault.packets import jose

TokenBytes = Callable[[int], bytes]

_P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


@dataclass(frozen=True)
class HolderKey:
    """A holder signing key. ``thumbprint`` (RFC 7638) is the fingerprint people compare."""

    alg: str
    private_key: jose.PrivateKey = field(repr=False, compare=False)
    verifying: jose.VerifyingKey = field(repr=False)

    @property
    def public_jwk(self) -> Mapping[str, str]:
        """The public JWK (required members only) that goes into ``cnf``."""
        return self.verifying.jwk

    @property
    def thumbprint(self) -> str:
        """RFC 7638 SHA-256 thumbprint of the public JWK, base64url."""
        return self.verifying.thumbprint


def _wrap(private_key: jose.PrivateKey) -> HolderKey:
    verifying = jose.verifying_key(private_key.public_key())
    return HolderKey(verifying.alg, private_key, verifying)


def generate_holder_key(
    alg: str = jose.ES256, token_bytes: TokenBytes = secrets.token_bytes
) -> HolderKey:
    """Make a new holder key for ``alg`` (``"ES256"`` or ``"Ed25519"``) from ``token_bytes``.

    P-256: the scalar is 48 random bytes reduced into [1, n-1] (FIPS 186-5 A.2.1, so the
    bias is below 2^-128). Ed25519: the 32-byte seed comes straight from ``token_bytes``.
    """
    if alg == jose.ES256:
        scalar = int.from_bytes(token_bytes(48), "big") % (_P256_N - 1) + 1
        return _wrap(ec.derive_private_key(scalar, ec.SECP256R1()))
    if alg == jose.ED25519:
        seed = token_bytes(32)
        if len(seed) != 32:
            raise InvalidInput("token_bytes", "length")
        return _wrap(Ed25519PrivateKey.from_private_bytes(seed))
    raise InvalidInput("alg", "unsupported", alg)


def holder_key_to_pkcs8(key: HolderKey) -> bytes:
    """Unencrypted PKCS#8 DER: the caller stores it only inside the encrypted vault."""
    return key.private_key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())


def holder_key_from_pkcs8(data: bytes) -> HolderKey:
    """Reload a key written by :func:`holder_key_to_pkcs8`.

    Raises ``InvalidInput("holder_key", reason)`` for anything that is not a P-256 or
    Ed25519 private key.
    """
    try:
        loaded = load_der_private_key(data, password=None)
    except (ValueError, TypeError):
        raise InvalidInput("holder_key", "format") from None
    if isinstance(loaded, Ed25519PrivateKey):
        key: jose.PrivateKey = loaded
    elif isinstance(loaded, ec.EllipticCurvePrivateKey) and isinstance(
        loaded.curve, ec.SECP256R1
    ):
        key = loaded
    else:
        raise InvalidInput("holder_key", "unsupported")
    return _wrap(key)
