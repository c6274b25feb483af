"""Strict JOSE building blocks for packets: base64url, JSON, JWK and compact JWS.

Everything here works on exact bytes. Nothing is re-serialised before it is verified, and
every parser rejects what a lenient one would silently "repair". All rejections raise
:class:`vault.errors.InvalidPacket` with a stable reason code (``docs/packet-format.md``).

Algorithm choices live in the private block at the top of this module and nowhere else:

* ``ES256`` — ECDSA P-256 + SHA-256, signature as raw ``r || s`` (RFC 7518 §3.4), signed
  deterministically (RFC 6979) so fixed inputs give byte-identical packets.
* ``Ed25519`` — the fully specified RFC 9864 name. The polymorphic ``EdDSA`` name is *not*
  accepted, not even for verification: Pont never emits it, and one name per key type
  keeps the algorithm/key-type check a simple equality.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from vault import strict_json
from vault.errors import InvalidPacket

# --- Algorithm choices (the one place) ------------------------------------------------------

ES256: Final = "ES256"
ED25519: Final = "Ed25519"
ALLOWED_ALGS: Final = frozenset({ES256, ED25519})

_P256_P: Final = 2**256 - 2**224 + 2**192 + 2**96 - 1
_P256_N: Final = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
_ECDSA: Final = ec.ECDSA(hashes.SHA256(), deterministic_signing=True)

_ED_P: Final = 2**255 - 19
_ED_D: Final = (-121665 * pow(121666, _ED_P - 2, _ED_P)) % _ED_P
# y-coordinate of the order-8 points (libsodium's small-order list; checked in the tests).
_ED_Y8: Final = 2707385501144840649318225287225658788936804267575313519463743609750303402022
# Every y (mod p) of a point of order 1, 2, 4 or 8: identity, -1, the 4-torsion, the 8-torsion.
_ED_SMALL_ORDER_Y: Final = frozenset({1, _ED_P - 1, 0, _ED_Y8, _ED_P - _ED_Y8})

# --- Limits -----------------------------------------------------------------------------------

MAX_JSON_BYTES: Final = 1 << 20
MAX_JSON_DEPTH: Final = 32
MAX_SAFE_INTEGER: Final = strict_json.MAX_SAFE_INTEGER

PublicKey = ec.EllipticCurvePublicKey | Ed25519PublicKey
PrivateKey = ec.EllipticCurvePrivateKey | Ed25519PrivateKey

_B64URL_RE: Final = re.compile(rb"[A-Za-z0-9_-]*")


# --- base64url --------------------------------------------------------------------------------


def b64url_encode(data: bytes) -> str:
    """Base64url without padding (RFC 7515 §2)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str | bytes) -> bytes:
    """Strict base64url: no padding, URL-safe alphabet only, canonical trailing bits.

    Raises ``InvalidPacket("bad_base64url")`` otherwise.
    """
    if isinstance(text, str):
        if not text.isascii():
            raise InvalidPacket("bad_base64url", "non-ASCII character")
        raw = text.encode("ascii")
    else:
        raw = bytes(text)
    if _B64URL_RE.fullmatch(raw) is None:
        raise InvalidPacket("bad_base64url", "character outside the base64url alphabet")
    if len(raw) % 4 == 1:
        raise InvalidPacket("bad_base64url", "impossible length")
    try:
        data = base64.urlsafe_b64decode(raw + b"=" * (-len(raw) % 4))
    except binascii.Error as exc:  # pragma: no cover - alphabet and length already checked
        raise InvalidPacket("bad_base64url", str(exc)) from None
    # Unused low bits of the last character must be zero, or two strings decode alike.
    if base64.urlsafe_b64encode(data).rstrip(b"=") != raw:
        raise InvalidPacket("bad_base64url", "non-canonical trailing bits")
    return data


# --- strict JSON ------------------------------------------------------------------------------


def parse_json(data: bytes) -> Any:
    """Parse UTF-8 JSON strictly (RFC 8259 + I-JSON, RFC 7493).

    Rejects duplicate member names, ``NaN``/``Infinity``, numbers that overflow or leave the
    I-JSON integer range, lone surrogates, nesting deeper than 32, invalid UTF-8 and inputs
    over 1 MiB. Raises ``InvalidPacket`` with a ``json_*`` reason.
    """
    if len(data) > MAX_JSON_BYTES:
        raise InvalidPacket("too_large", "JSON text over 1 MiB")
    try:
        return strict_json.parse(data, max_depth=MAX_JSON_DEPTH)
    except strict_json.JsonRejected as rejected:
        raise InvalidPacket(f"json_{rejected.reason}", rejected.detail) from None


def dump_json(value: Any) -> bytes:
    """Compact UTF-8 JSON with sorted member names, as the issuer writes it.

    Raises ``ValueError``/``TypeError`` for non-finite floats, lone surrogates and non-JSON
    types. (Like ``json``, it turns int keys into strings: issuers check a strict round trip.)
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True,
                      allow_nan=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("string holds a lone surrogate") from None


# --- keys and JWK -----------------------------------------------------------------------------


@dataclass(frozen=True)
class VerifyingKey:
    """A validated public key: its algorithm, canonical public JWK and RFC 7638 thumbprint."""

    alg: str
    jwk: Mapping[str, str]
    thumbprint: str
    key: PublicKey = field(repr=False, compare=False)


def alg_for_key(key: PublicKey | PrivateKey) -> str:
    """The JWS algorithm Pont uses with this key type."""
    if isinstance(key, Ed25519PublicKey | Ed25519PrivateKey):
        return ED25519
    if isinstance(key.curve, ec.SECP256R1):
        return ES256
    raise ValueError("unsupported key type")


def public_jwk(key: PublicKey) -> dict[str, str]:
    """The public JWK with exactly the RFC 7638 required members."""
    if isinstance(key, Ed25519PublicKey):
        raw = key.public_bytes(Encoding.Raw, PublicFormat.Raw)
        return {"crv": "Ed25519", "kty": "OKP", "x": b64url_encode(raw)}
    if not isinstance(key.curve, ec.SECP256R1):
        raise ValueError("unsupported curve")
    numbers = key.public_numbers()
    return {
        "crv": "P-256",
        "kty": "EC",
        "x": b64url_encode(numbers.x.to_bytes(32, "big")),
        "y": b64url_encode(numbers.y.to_bytes(32, "big")),
    }


def jwk_thumbprint(jwk: Mapping[str, str]) -> str:
    """RFC 7638 thumbprint (SHA-256, base64url) over the required members of ``jwk``."""
    if jwk.get("kty") == "EC":
        members = {"crv": jwk["crv"], "kty": "EC", "x": jwk["x"], "y": jwk["y"]}
    else:
        members = {"crv": jwk["crv"], "kty": jwk["kty"], "x": jwk["x"]}
    canonical = json.dumps(members, separators=(",", ":"), sort_keys=True).encode("utf-8")
    return b64url_encode(hashlib.sha256(canonical).digest())


def thumbprint_uri(thumbprint: str) -> str:
    """RFC 9278 JWK thumbprint URI; used as the packet's ``iss``."""
    return f"urn:ietf:params:oauth:jwk-thumbprint:sha-256:{thumbprint}"


def import_public_jwk(jwk: object) -> VerifyingKey:
    """Validate a public JWK (EC P-256 or OKP Ed25519) and load it.

    Only the required members are allowed (no ``d``, ``kid``, ``alg`` …). Raises
    ``InvalidPacket("invalid_key")`` for anything malformed or off the curve and
    ``InvalidPacket("weak_key")`` for small-order Ed25519 keys.
    """
    if not isinstance(jwk, dict) or not all(isinstance(v, str) for v in jwk.values()):
        raise InvalidPacket("invalid_key", "JWK is not an object of strings")
    kty = jwk.get("kty")
    if kty == "EC" and set(jwk) == {"kty", "crv", "x", "y"} and jwk["crv"] == "P-256":
        key: PublicKey = _load_p256(_coord(jwk["x"]), _coord(jwk["y"]))
    elif kty == "OKP" and set(jwk) == {"kty", "crv", "x"} and jwk["crv"] == "Ed25519":
        key = _load_ed25519(_coord(jwk["x"]))
    else:
        raise InvalidPacket("invalid_key", "not a public EC P-256 or OKP Ed25519 JWK")
    clean = dict(jwk)
    return VerifyingKey(alg_for_key(key), clean, jwk_thumbprint(clean), key)


def verifying_key(key: PublicKey) -> VerifyingKey:
    """Wrap one of our own public keys (no validation needed beyond the type)."""
    jwk = public_jwk(key)
    return VerifyingKey(alg_for_key(key), jwk, jwk_thumbprint(jwk), key)


def _coord(text: str) -> bytes:
    try:
        raw = b64url_decode(text)
    except InvalidPacket:
        raise InvalidPacket("invalid_key", "coordinate is not base64url") from None
    if len(raw) != 32:
        raise InvalidPacket("invalid_key", "coordinate is not 32 bytes")
    return raw


def _load_p256(x: bytes, y: bytes) -> ec.EllipticCurvePublicKey:
    xi, yi = int.from_bytes(x, "big"), int.from_bytes(y, "big")
    if xi >= _P256_P or yi >= _P256_P:
        raise InvalidPacket("invalid_key", "coordinate not reduced mod p")
    try:
        return ec.EllipticCurvePublicNumbers(xi, yi, ec.SECP256R1()).public_key()
    except ValueError:
        raise InvalidPacket("invalid_key", "point is not on P-256") from None


def ed25519_point_problem(encoded: bytes) -> str | None:
    """Why a 32-byte Ed25519 public key is unacceptable, or ``None`` when it is fine.

    Returns ``"weak_key"`` for the eight small-order points in every encoding (canonical,
    y ≥ p, either sign bit) and ``"invalid_key"`` for non-canonical or off-curve encodings.
    """
    # The top bit is the sign of x; x ≠ 0 whenever y ≠ ±1, so either sign names a point.
    y = int.from_bytes(encoded, "little") & ((1 << 255) - 1)
    if y % _ED_P in _ED_SMALL_ORDER_Y:
        return "weak_key"
    if y >= _ED_P:
        return "invalid_key"
    y2 = y * y % _ED_P
    u, v = (y2 - 1) % _ED_P, (_ED_D * y2 + 1) % _ED_P
    # x² = u/v has a root iff u·v is a quadratic residue; u ≠ 0 here (y ≠ ±1).
    if pow(u * v % _ED_P, (_ED_P - 1) // 2, _ED_P) != 1:
        return "invalid_key"
    return None


def _load_ed25519(raw: bytes) -> Ed25519PublicKey:
    problem = ed25519_point_problem(raw)
    if problem is not None:
        raise InvalidPacket(problem, "unacceptable Ed25519 public key")
    return Ed25519PublicKey.from_public_bytes(raw)


# --- compact JWS ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompactJws:
    """One compact JWS, parsed once. ``signing_input`` is the exact received bytes."""

    header: dict[str, Any]
    payload: dict[str, Any]
    signing_input: bytes
    signature: bytes


def sign(key: PrivateKey, signing_input: bytes) -> bytes:
    """Sign exact bytes: ES256 as raw r||s (64 bytes), Ed25519 as its 64-byte signature."""
    if isinstance(key, Ed25519PrivateKey):
        return key.sign(signing_input)
    r, s = decode_dss_signature(key.sign(signing_input, _ECDSA))
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def verify(key: VerifyingKey, signing_input: bytes, signature: bytes) -> bool:
    """True when ``signature`` is valid for ``signing_input`` under ``key``."""
    if len(signature) != 64:
        return False
    try:
        if isinstance(key.key, Ed25519PublicKey):
            key.key.verify(signature, signing_input)
            return True
        r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
        if not (0 < r < _P256_N and 0 < s < _P256_N):
            return False
        key.key.verify(encode_dss_signature(r, s), signing_input, _ECDSA)
    except InvalidSignature:
        return False
    return True


def encode_compact(header: bytes, payload: bytes, key: PrivateKey) -> str:
    """Compact JWS over the given exact header and payload bytes."""
    signing_input = (b64url_encode(header) + "." + b64url_encode(payload)).encode("ascii")
    return signing_input.decode("ascii") + "." + b64url_encode(sign(key, signing_input))


def parse_compact(token: bytes, prefix: str = "") -> CompactJws:
    """Split and decode a compact JWS; header and payload must be JSON objects.

    ``prefix`` (``""`` or ``"kb_"``) is put before the structural reason codes so a caller
    can tell which token failed. Encoding errors keep their own codes.
    """
    parts = token.split(b".")
    if len(parts) != 3 or not all(parts):
        raise InvalidPacket(prefix + "malformed_jws", "expected three non-empty parts")
    where = "key binding JWT" if prefix else "issuer-signed JWT"
    try:
        header = parse_json(b64url_decode(parts[0]))
        payload = parse_json(b64url_decode(parts[1]))
        signature = b64url_decode(parts[2])
    except InvalidPacket as exc:
        raise InvalidPacket(exc.reason, f"{where}: {exc.detail}") from None
    if not isinstance(header, dict):
        raise InvalidPacket(prefix + "malformed_jws", "header is not a JSON object")
    if not isinstance(payload, dict):
        raise InvalidPacket(prefix + "malformed_jws", "payload is not a JSON object")
    return CompactJws(header, payload, token[: len(parts[0]) + 1 + len(parts[1])], signature)


_ALLOWED_HEADER: Final = frozenset({"alg", "typ", "kid"})


def check_header(
    header: Mapping[str, Any],
    typ: str,
    prefix: str = "",
    allowed: frozenset[str] = _ALLOWED_HEADER,
) -> str:
    """Enforce the header rules before any key is used; returns the ``alg``.

    ``alg`` must be an allow-listed string (so ``none`` never passes, and no JSON value is
    looked up unchecked), ``typ`` exact, and parameters not ``allowed`` (``crit``, ``x5c``,
    ``b64`` …, and ``jwk`` unless the format names its key there) are rejected. The caller
    then checks that ``alg`` fits the key type. Every JWS header Pont reads comes here.
    """
    alg = header.get("alg")
    if not isinstance(alg, str) or alg not in ALLOWED_ALGS:
        raise InvalidPacket(prefix + "alg_not_allowed", f"alg {alg!r}")
    extra = set(header) - allowed
    if extra:
        raise InvalidPacket(prefix + "unsupported_header", ", ".join(sorted(extra)))
    if header.get("typ") != typ:
        raise InvalidPacket(prefix + "wrong_typ", f"typ must be {typ!r}")
    if not isinstance(header.get("kid", ""), str):
        raise InvalidPacket(prefix + "unsupported_header", "kid is not a string")
    return alg
