"""Token Status List (draft-ietf-oauth-status-list-17): revoking a credential, offline.

An issuer keeps one list per batch of credentials: a byte array in which entry ``idx`` is
``bits`` bits wide (read least-significant bit first within each byte), compressed with
DEFLATE in the ZLIB format, base64url-encoded and signed as a JWT (``typ``
``statuslist+jwt``). A credential points at its entry with
``"status": {"status_list": {"idx": N, "uri": U}}`` and the list's ``sub`` is ``U``.
Publishing the list is up to the issuer (a file, a web page); a verifier is handed the file.

Statuses: 0 valid, 1 invalid (revoked — Pont never changes it back), 2 suspended.
The format and reason codes are in ``docs/packet-format.md`` §5.4.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from vault.errors import InvalidInput, InvalidPacket
from vault.packets import jose
from vault.packets.sdjwt import _check_bytes, _int_claim

TYP: Final = "statuslist+jwt"
VALID: Final = 0
INVALID: Final = 1
SUSPENDED: Final = 2
STATUS_NAMES: Final = {VALID: "valid", INVALID: "revoked", SUSPENDED: "suspended"}
ALLOWED_BITS: Final = (1, 2, 4, 8)
DEFAULT_BITS: Final = 2
# A list of 2^24 two-bit entries is 4 MiB; nothing larger is made or inflated.
MAX_LIST_BYTES: Final = 4 << 20
_ALLOWED_HEADER: Final = frozenset({"alg", "typ", "kid", "jwk"})
REASON_CODES: Final = frozenset(
    {
        "status_list_malformed",
        "status_list_bad_signature",
        "status_list_wrong_issuer",
        "status_list_expired",
        "status_list_too_large",
    }
)


@dataclass(frozen=True)
class StatusList:
    """The statuses themselves: ``raw`` holds ``8 // bits`` entries per byte."""

    bits: int
    raw: bytes

    @classmethod
    def new(cls, size: int, bits: int = DEFAULT_BITS) -> StatusList:
        """``size`` entries, all valid."""
        if bits not in ALLOWED_BITS:
            raise InvalidInput("bits", "unsupported", "1, 2, 4 or 8")
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise InvalidInput("size", "range", "at least 1")
        length = -(-size * bits // 8)
        if length > MAX_LIST_BYTES:
            raise InvalidInput("size", "range", f"at most {MAX_LIST_BYTES * 8 // bits:,}")
        return cls(bits, bytes(length))

    @property
    def size(self) -> int:
        return len(self.raw) * 8 // self.bits

    def status(self, idx: int) -> int:
        byte, shift = self._position(idx)
        return (self.raw[byte] >> shift) & ((1 << self.bits) - 1)

    def with_status(self, idx: int, value: int) -> StatusList:
        if isinstance(value, bool) or not 0 <= value < (1 << self.bits):
            raise InvalidInput("status", "range")
        byte, shift = self._position(idx)
        mask = ((1 << self.bits) - 1) << shift
        changed = bytearray(self.raw)
        changed[byte] = (changed[byte] & ~mask) | (value << shift)
        return StatusList(self.bits, bytes(changed))

    def claim(self) -> dict[str, Any]:
        """The ``status_list`` claim: ``{"bits", "lst"}`` (ZLIB, highest compression)."""
        return {"bits": self.bits, "lst": jose.b64url_encode(zlib.compress(self.raw, 9))}

    def _position(self, idx: int) -> tuple[int, int]:
        if isinstance(idx, bool) or not isinstance(idx, int) or not 0 <= idx < self.size:
            raise InvalidInput("index", "out_of_range", f"the list has {self.size:,} entries")
        per_byte = 8 // self.bits
        return idx // per_byte, (idx % per_byte) * self.bits


@dataclass(frozen=True)
class StatusListToken:
    """A signed, checked Status List Token."""

    uri: str
    iss: str | None
    iat: int
    exp: int | None
    ttl: int | None
    statuses: StatusList
    issuer: jose.VerifyingKey


def sign_status_list(
    signing_key: jose.PrivateKey,
    statuses: StatusList,
    *,
    uri: str,
    issued_at: int,
    expires_at: int | None = None,
    ttl: int | None = None,
) -> str:
    """The Status List Token (compact JWT) for ``statuses``, published at ``uri``."""
    if not isinstance(uri, str) or not uri.strip() or any(c.isspace() for c in uri):
        raise InvalidInput("uri", "format", "a URI without spaces")
    issuer = jose.verifying_key(signing_key.public_key())
    payload: dict[str, Any] = {
        "iat": issued_at,
        "iss": jose.thumbprint_uri(issuer.thumbprint),
        "status_list": statuses.claim(),
        "sub": uri,
    }
    if expires_at is not None:
        payload["exp"] = expires_at
    if ttl is not None:
        payload["ttl"] = ttl
    header = {"alg": issuer.alg, "jwk": dict(issuer.jwk), "kid": issuer.thumbprint, "typ": TYP}
    return jose.encode_compact(jose.dump_json(header), jose.dump_json(payload), signing_key)


def read_status_list(
    token: bytes | str,
    *,
    issuer: jose.VerifyingKey | None = None,
    now: int | None = None,
) -> StatusListToken:
    """Check a Status List Token; with ``issuer``, it must be signed by that key.

    Raises ``InvalidPacket`` with a ``status_list_*`` reason (or a strict-parsing one).
    """
    try:
        signed = jose.parse_compact(_check_bytes(token))
    except InvalidPacket as error:
        raise InvalidPacket("status_list_malformed", f"{error.reason}: {error.detail}") from None
    key = _signer(signed.header, issuer)
    if not jose.verify(key, signed.signing_input, signed.signature):
        raise InvalidPacket("status_list_bad_signature", "the list is not signed by its key")
    payload = signed.payload
    try:
        uri, iat, exp, ttl = _claims(payload)
    except InvalidPacket as error:
        raise InvalidPacket("status_list_malformed", error.detail) from None
    if now is not None and exp is not None and exp <= now:
        raise InvalidPacket("status_list_expired", f"expired at {exp}")
    iss = payload.get("iss")
    return StatusListToken(
        uri,
        iss if isinstance(iss, str) else None,
        iat,
        exp,
        ttl,
        _statuses(payload.get("status_list")),
        key,
    )


def _signer(header: Mapping[str, Any], issuer: jose.VerifyingKey | None) -> jose.VerifyingKey:
    try:
        jose.check_header(header, TYP, allowed=_ALLOWED_HEADER)
    except InvalidPacket:
        raise InvalidPacket(
            "status_list_malformed", f"header must be alg/typ {TYP!r}/kid/jwk"
        ) from None
    if "jwk" in header:
        try:
            named = jose.import_public_jwk(header["jwk"])
        except InvalidPacket as error:
            raise InvalidPacket("status_list_malformed", error.detail) from None
        thumbprint = named.thumbprint
    elif issuer is not None:
        named, thumbprint = issuer, str(header.get("kid", ""))
    else:
        raise InvalidPacket("status_list_malformed", "no key named in the header")
    if issuer is not None and thumbprint != issuer.thumbprint:
        raise InvalidPacket("status_list_wrong_issuer", "signed by another key")
    key = issuer or named
    if header["alg"] != key.alg:
        raise InvalidPacket("status_list_malformed", "alg does not fit the key")
    return key


def _claims(payload: Mapping[str, Any]) -> tuple[str, int, int | None, int | None]:
    uri = payload.get("sub")
    if not isinstance(uri, str) or not uri:
        raise InvalidPacket("status_list_malformed", "sub must be the list's URI")
    iat = _int_claim(payload, "iat")
    exp = _int_claim(payload, "exp") if "exp" in payload else None
    ttl = _int_claim(payload, "ttl") if "ttl" in payload else None
    if ttl == 0:
        raise InvalidPacket("status_list_malformed", "ttl must be positive")
    return uri, iat, exp, ttl


def _statuses(claim: Any) -> StatusList:
    if not isinstance(claim, dict) or not {"bits", "lst"} <= set(claim):
        raise InvalidPacket("status_list_malformed", "status_list must hold bits and lst")
    bits, lst = claim["bits"], claim["lst"]
    # 2.0 == 2 in Python: only a JSON integer is a width (a float one made every lookup fail).
    if type(bits) is not int or bits not in ALLOWED_BITS or not isinstance(lst, str):
        raise InvalidPacket("status_list_malformed", "bits must be 1, 2, 4 or 8; lst a string")
    try:
        compressed = jose.b64url_decode(lst)
    except InvalidPacket:
        raise InvalidPacket("status_list_malformed", "lst is not base64url") from None
    inflate = zlib.decompressobj()
    try:
        raw = inflate.decompress(compressed, MAX_LIST_BYTES + 1)
    except zlib.error:
        raise InvalidPacket("status_list_malformed", "lst is not ZLIB data") from None
    if len(raw) > MAX_LIST_BYTES or inflate.unconsumed_tail:
        raise InvalidPacket("status_list_too_large", f"over {MAX_LIST_BYTES:,} bytes")
    if not inflate.eof or inflate.unused_data or not raw:
        raise InvalidPacket("status_list_malformed", "lst is truncated or has trailing data")
    return StatusList(bits, raw)
