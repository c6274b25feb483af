"""Optional encryption of the machine packet to an organisation's public key (HPKE, RFC 9180).

One suite, no negotiation: KEM ``MLKEM768-X25519`` (hybrid post-quantum + X25519), KDF
HKDF-SHA256, AEAD AES-256-GCM, base mode, single shot. If this build of ``cryptography``
cannot run the hybrid KEM, sealing is refused (``sealed_suite_unavailable``); there is never a
silent fall-back to a weaker suite.

The envelope binds the recipient: HPKE ``info`` carries a fixed label, the suite name, the
recipient key's thumbprint and the audience, so an envelope opened with another key or for
another audience fails. ``cryptography`` exposes no public AAD argument, so everything is bound
through ``info`` (it enters the key schedule, so any change makes decryption fail).
HPKE gives confidentiality only; authenticity comes from the signed packet inside, whose
Key Binding JWT names the audience too (see docs/packet-human-layer.md).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Final

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem, x25519
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from vault import strict_json
from vault.errors import InvalidPacket
from vault.packets.jose import b64url_decode, b64url_encode

FORMAT: Final = "pont-sealed"
VERSION: Final = 1
SUITE: Final = "MLKEM768-X25519/HKDF-SHA256/AES-256-GCM"
JWK_KTY: Final = "AKP"
JWK_ALG: Final = "MLKEM768-X25519"
INFO_LABEL: Final = b"pont packet v1"
MLKEM_PUBLIC_BYTES: Final = 1184
X25519_BYTES: Final = 32
MLKEM_SEED_BYTES: Final = 64
PRIVATE_KEY_BYTES: Final = MLKEM_SEED_BYTES + X25519_BYTES
MAX_PACKET_BYTES: Final = 1 << 20
MAX_ENVELOPE_BYTES: Final = 2 << 20
MAX_AUDIENCE: Final = 2048
TAG_BYTES: Final = 16
_FIELDS: Final = frozenset({"format", "version", "suite", "recipient", "aud", "enc", "ct"})


def _suite() -> hpke.Suite:
    return hpke.Suite(hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)


@cache
def suite_available() -> bool:
    """Whether this build can run the hybrid KEM (it needs an OpenSSL with ML-KEM)."""
    try:
        key = RecipientPrivateKey(mlkem.MLKEM768PrivateKey.generate(),
                                  x25519.X25519PrivateKey.generate())
        sealed = _suite().encrypt(b"probe", key.hpke_public_key(), info=b"probe")
        return _suite().decrypt(sealed, key.hpke_private_key(), info=b"probe") == b"probe"
    except (UnsupportedAlgorithm, AttributeError, ValueError, TypeError, InvalidTag):
        return False


def _require_suite() -> None:
    if not suite_available():
        raise InvalidPacket("sealed_suite_unavailable", f"{SUITE} is not available in this build")


# --- keys -----------------------------------------------------------------------------------------


def thumbprint(pub: str) -> str:
    """RFC 7638-style SHA-256 thumbprint over the required members ``alg``, ``kty``, ``pub``."""
    members = {"alg": JWK_ALG, "kty": JWK_KTY, "pub": pub}
    canonical = json.dumps(members, separators=(",", ":"), sort_keys=True).encode("ascii")
    return b64url_encode(hashlib.sha256(canonical).digest())


@dataclass(frozen=True)
class RecipientPrivateKey:
    """An organisation's decryption key: the ML-KEM-768 and X25519 halves of the hybrid KEM."""

    mlkem: mlkem.MLKEM768PrivateKey = field(repr=False)
    x25519: x25519.X25519PrivateKey = field(repr=False)

    def public_bytes(self) -> bytes:
        """ML-KEM-768 encapsulation key (1184 bytes) followed by the X25519 key (32 bytes)."""
        return self.mlkem.public_key().public_bytes_raw() + self.x25519.public_key(
        ).public_bytes(Encoding.Raw, PublicFormat.Raw)

    def public_jwk(self) -> dict[str, str]:
        """``{"kty": "AKP", "alg": "MLKEM768-X25519", "pub": b64url(public_bytes)}``."""
        return {"alg": JWK_ALG, "kty": JWK_KTY, "pub": b64url_encode(self.public_bytes())}

    @property
    def thumbprint(self) -> str:
        return thumbprint(b64url_encode(self.public_bytes()))

    def hpke_public_key(self) -> hpke.MLKEM768X25519PublicKey:
        return hpke.MLKEM768X25519PublicKey(self.mlkem.public_key(), self.x25519.public_key())

    def hpke_private_key(self) -> hpke.MLKEM768X25519PrivateKey:
        return hpke.MLKEM768X25519PrivateKey(self.mlkem, self.x25519)

    def to_bytes(self) -> bytes:
        """96 secret bytes (ML-KEM seed d‖z, then the X25519 scalar). Store them encrypted."""
        return self.mlkem.private_bytes_raw() + self.x25519.private_bytes_raw()

    @classmethod
    def from_bytes(cls, data: bytes) -> RecipientPrivateKey:
        """Reload :meth:`to_bytes`. Raises ``InvalidPacket("sealed_bad_key")``."""
        if len(data) != PRIVATE_KEY_BYTES:
            raise InvalidPacket("sealed_bad_key", "private key must be 96 bytes")
        try:
            return cls(mlkem.MLKEM768PrivateKey.from_seed_bytes(data[:MLKEM_SEED_BYTES]),
                       x25519.X25519PrivateKey.from_private_bytes(data[MLKEM_SEED_BYTES:]))
        except (ValueError, UnsupportedAlgorithm):
            raise InvalidPacket("sealed_bad_key", "private key") from None


def new_recipient_key() -> tuple[RecipientPrivateKey, dict[str, str]]:
    """A fresh organisation key pair and its public JWK (to publish in request files)."""
    _require_suite()
    key = RecipientPrivateKey(mlkem.MLKEM768PrivateKey.generate(),
                              x25519.X25519PrivateKey.generate())
    return key, key.public_jwk()


def load_recipient_jwk(jwk: object) -> tuple[hpke.MLKEM768X25519PublicKey, str]:
    """Check a published recipient JWK; return the HPKE public key and its thumbprint.

    Unknown ``kty``/``alg`` → ``sealed_unsupported_key``; a bad encoding → ``sealed_bad_key``.
    """
    if not isinstance(jwk, dict) or not all(isinstance(k, str) for k in jwk):
        raise InvalidPacket("sealed_bad_key", "JWK must be an object")
    if jwk.get("kty") != JWK_KTY or jwk.get("alg") != JWK_ALG:
        raise InvalidPacket("sealed_unsupported_key", f"need kty {JWK_KTY}, alg {JWK_ALG}")
    pub = jwk.get("pub")
    if not isinstance(pub, str):
        raise InvalidPacket("sealed_bad_key", "pub missing")
    try:
        raw = b64url_decode(pub)
    except InvalidPacket:
        raise InvalidPacket("sealed_bad_key", "pub is not base64url") from None
    if len(raw) != MLKEM_PUBLIC_BYTES + X25519_BYTES:
        raise InvalidPacket("sealed_bad_key", "pub has the wrong length")
    try:
        key = hpke.MLKEM768X25519PublicKey(
            mlkem.MLKEM768PublicKey.from_public_bytes(raw[:MLKEM_PUBLIC_BYTES]),
            x25519.X25519PublicKey.from_public_bytes(raw[MLKEM_PUBLIC_BYTES:]))
    except (ValueError, UnsupportedAlgorithm):
        raise InvalidPacket("sealed_bad_key", "pub does not decode") from None
    return key, thumbprint(pub)


# --- envelope -------------------------------------------------------------------------------------


def _length_prefixed(text: str) -> bytes:
    data = text.encode("utf-8")
    return len(data).to_bytes(2, "big") + data


def hpke_info(recipient: str, audience: str) -> bytes:
    """``"pont packet v1" ‖ lp(suite) ‖ lp(recipient thumbprint) ‖ lp(audience)``; ``lp`` is a
    2-byte big-endian length then UTF-8 bytes."""
    return INFO_LABEL + b"".join(_length_prefixed(t) for t in (SUITE, recipient, audience))


def _check_audience(audience: str) -> None:
    if (not isinstance(audience, str) or not audience or len(audience) > MAX_AUDIENCE
            or not audience.isprintable()):
        raise InvalidPacket("sealed_bad_audience", "audience must be non-empty printable text")


def seal_packet(packet: bytes, recipient_jwk: dict[str, Any], audience: str) -> bytes:
    """Encrypt ``packet`` to the organisation's key; return the JSON envelope (UTF-8, ends "\\n").

    Raises ``InvalidPacket`` (``sealed_suite_unavailable``, ``sealed_unsupported_key``,
    ``sealed_bad_key``, ``sealed_bad_audience``, ``sealed_too_large``). Never downgrades.
    """
    _require_suite()
    _check_audience(audience)
    if len(packet) > MAX_PACKET_BYTES:
        raise InvalidPacket("sealed_too_large", "packet over 1 MiB")
    public_key, recipient = load_recipient_jwk(recipient_jwk)
    try:
        sealed = _suite().encrypt(packet, public_key, info=hpke_info(recipient, audience))
    except ValueError:  # e.g. an X25519 share that yields an all-zero secret
        raise InvalidPacket("sealed_bad_key", "encapsulation failed") from None
    enc_length = hpke.KEM.MLKEM768_X25519.enc_length()
    envelope = {
        "aud": audience, "ct": b64url_encode(sealed[enc_length:]),
        "enc": b64url_encode(sealed[:enc_length]), "format": FORMAT, "recipient": recipient,
        "suite": SUITE, "version": VERSION,
    }
    return json.dumps(envelope, separators=(",", ":"), sort_keys=True).encode("utf-8") + b"\n"


def parse_envelope(envelope: bytes) -> dict[str, Any]:
    """Strictly parse an envelope: one JSON object (an optional final newline), exactly the
    seven members, right types. Raises ``InvalidPacket("sealed_malformed" | …)``."""
    if not isinstance(envelope, bytes | bytearray) or len(envelope) > MAX_ENVELOPE_BYTES:
        raise InvalidPacket("sealed_too_large" if isinstance(envelope, bytes | bytearray)
                            else "sealed_malformed", "envelope")
    body = bytes(envelope).removesuffix(b"\n").removesuffix(b"\r")
    if not body.startswith(b"{") or not body.endswith(b"}"):
        raise InvalidPacket("sealed_malformed", "not a single JSON object")
    try:
        value = strict_json.parse(body, max_depth=1)
    except strict_json.JsonRejected as rejected:
        raise InvalidPacket("sealed_malformed", rejected.detail) from None
    if not isinstance(value, dict) or set(value) != _FIELDS:
        raise InvalidPacket("sealed_malformed", "unexpected or missing members")
    if value["format"] != FORMAT:
        raise InvalidPacket("sealed_malformed", "format")
    version = value["version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise InvalidPacket("sealed_malformed", "version")
    if version != VERSION:
        raise InvalidPacket("sealed_unsupported_version", str(version))
    if not all(isinstance(value[k], str) for k in _FIELDS - {"version"}):
        raise InvalidPacket("sealed_malformed", "member types")
    return value


def _ciphertext(fields: dict[str, Any]) -> bytes:
    try:
        enc, ct = b64url_decode(fields["enc"]), b64url_decode(fields["ct"])
    except InvalidPacket:
        raise InvalidPacket("sealed_malformed", "enc/ct are not base64url") from None
    if len(enc) != hpke.KEM.MLKEM768_X25519.enc_length():
        raise InvalidPacket("sealed_malformed", "enc has the wrong length")
    if len(ct) < TAG_BYTES:
        raise InvalidPacket("sealed_malformed", "ct is truncated")
    return enc + ct


def open_packet(envelope: bytes, recipient_private_key: RecipientPrivateKey,
                audience: str) -> bytes:
    """Decrypt an envelope addressed to ``recipient_private_key`` for ``audience``.

    Reasons: ``sealed_malformed``, ``sealed_too_large``, ``sealed_unsupported_version``,
    ``sealed_unsupported_suite``, ``sealed_wrong_recipient``, ``sealed_wrong_audience``,
    ``sealed_decrypt_failed``, ``sealed_suite_unavailable``.
    """
    fields = parse_envelope(envelope)
    if fields["suite"] != SUITE:
        raise InvalidPacket("sealed_unsupported_suite", fields["suite"][:80])
    _require_suite()
    _check_audience(audience)
    mine = recipient_private_key.thumbprint
    if fields["recipient"] != mine:
        raise InvalidPacket("sealed_wrong_recipient", "sealed to another key")
    if fields["aud"] != audience:
        raise InvalidPacket("sealed_wrong_audience", "sealed for another audience")
    sealed = _ciphertext(fields)
    try:
        packet = _suite().decrypt(sealed, recipient_private_key.hpke_private_key(),
                                  info=hpke_info(mine, audience))
    except (InvalidTag, ValueError):
        raise InvalidPacket("sealed_decrypt_failed", "authentication failed") from None
    if len(packet) > MAX_PACKET_BYTES:
        raise InvalidPacket("sealed_too_large", "packet over 1 MiB")
    return packet
