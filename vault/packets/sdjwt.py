"""SD-JWT (RFC 9901) packets with a mandatory Key Binding JWT: issue, present, verify.

A packet is self-issued: the holder signs the issuer-signed JWT *and* the KB-JWT with the
same key, whose public JWK travels in ``cnf``. The verifier therefore proves only that the
packet is intact and bound to the organisation (``aud``) and its reference (``nonce``);
*who* holds the key is established out of band by comparing the RFC 7638 thumbprint it
reports (``trusted_keys``). It never trusts a key because the packet carries it.

The format, every rule and every reason code are in ``docs/packet-format.md``.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, Final

from vault.errors import InvalidInput, InvalidPacket
from vault.packets import jose
from vault.packets.keys import HolderKey

TokenBytes = Callable[[int], bytes]

# Explicit typing against cross-token confusion (RFC 8725 §3.11). ``dc+sd-jwt`` is the
# media type the SD-JWT VC ecosystem registers for SD-JWTs, so generic SD-JWT tooling
# recognises the packet, and a KB-JWT (``kb+jwt``) can never pass as the packet or back.
SD_JWT_TYP: Final = "dc+sd-jwt"
KB_JWT_TYP: Final = "kb+jwt"
# The SD-JWT VC type of a packet (draft-ietf-oauth-sd-jwt-vc §3.2.2.1), a plain claim; the
# `urn:pont:` names are Pont's own (docs/packet-format.md §5.2 says why not a URL).
PACKET_VCT: Final = "urn:pont:vct:packet:1"
SD_ALG: Final = "sha-256"
SALT_BYTES: Final = 16
MAX_PACKET_BYTES: Final = 1 << 20
MAX_DISCLOSURES: Final = 1024
DEFAULT_SKEW: Final = 300

# Never selectively disclosable, never supplied by the caller as a plain claim either.
RESERVED_CLAIMS: Final = frozenset(
    {"iss", "iat", "exp", "nbf", "jti", "cnf", "aud", "_sd", "_sd_alg", "..."}
)
# Every reason ``verify_packet`` can raise; each is explained in docs/packet-format.md.
REASON_CODES: Final = frozenset({
    "too_large", "invalid_characters", "malformed_serialization", "missing_key_binding",
    "malformed_jws", "kb_malformed_jws", "bad_base64url", "json_bad_utf8", "json_syntax",
    "json_duplicate_key", "json_invalid_number", "json_lone_surrogate", "json_too_deep",
    "alg_not_allowed", "kb_alg_not_allowed", "unsupported_header", "kb_unsupported_header",
    "wrong_typ", "kb_wrong_typ", "alg_key_mismatch", "kb_alg_key_mismatch",
    "missing_claim", "invalid_claim", "invalid_key", "weak_key", "bad_signature",
    "issuer_mismatch", "sd_alg_unsupported", "expired", "not_yet_valid",
    "disclosure_malformed", "disclosure_salt_short", "disclosure_duplicate",
    "digest_duplicate", "disclosure_unreferenced", "disclosure_forbidden_name",
    "disclosure_reserved_claim", "claim_overwrite", "sd_malformed",
    "kb_bad_signature", "kb_missing_claim", "kb_invalid_claim", "kb_sd_hash_mismatch",
    "kb_iat_future", "kb_iat_before_issue", "audience_mismatch", "nonce_mismatch",
})
# docs/packet-format.md §4: Pont's claims that readers of a verified packet (CLI, app) look
# inside. Their type is checked once, in verify_packet; other claims are shown as values.
PONT_CLAIM_TYPES: Final = MappingProxyType({"pont": dict, "provenance": dict})
_REGISTERED: Final = frozenset({"iss", "iat", "exp", "nbf", "jti", "cnf", "_sd_alg"})
_PACKET_RE: Final = re.compile(rb"[A-Za-z0-9_.~-]+")


@dataclass(frozen=True)
class Disclosure:
    """One object-property disclosure ``[salt, name, value]`` and its digest."""

    encoded: str
    salt: str
    name: str
    value: Any
    digest: str


@dataclass(frozen=True)
class SdJwt:
    """An issued SD-JWT before presentation: the signed JWT and all its disclosures."""

    issuer_jwt: str
    disclosures: tuple[Disclosure, ...]


@dataclass(frozen=True)
class VerifiedPacket:
    """What the verifier established. ``key_trusted`` is ``None`` when no keys were given."""

    header: dict[str, Any]
    kb_header: dict[str, Any]
    claims: dict[str, Any]
    disclosed: dict[str, Any]
    iss: str
    jti: str
    iat: int
    exp: int
    aud: str
    nonce: str
    kb_iat: int
    thumbprint: str
    public_jwk: dict[str, str]
    key_trusted: bool | None


def digest(encoded: str | bytes) -> str:
    """SD digest: base64url(SHA-256(ASCII bytes of the encoded disclosure or presentation))."""
    raw = encoded.encode("ascii") if isinstance(encoded, str) else encoded
    return jose.b64url_encode(hashlib.sha256(raw).digest())


# --- issuing -----------------------------------------------------------------------------------


def _check_value(where: str, value: Any) -> None:
    """The value must be JSON that survives a strict round trip unchanged."""
    try:
        encoded = jose.dump_json(value)
        same = jose.parse_json(encoded) == value
    except (ValueError, TypeError, InvalidPacket):
        same = False
    if not same:
        raise InvalidInput(where, "not_json")
    if _has_sd_key(value):
        raise InvalidInput(where, "reserved_name", "'_sd' or '...' as a member name")


def _has_sd_key(value: Any) -> bool:
    if isinstance(value, dict):
        return "_sd" in value or "..." in value or any(_has_sd_key(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_sd_key(v) for v in value)
    return False


def make_disclosure(name: str, value: Any, token_bytes: TokenBytes) -> Disclosure:
    """A disclosure with a fresh ``SALT_BYTES`` salt from ``token_bytes``."""
    raw_salt = token_bytes(SALT_BYTES)
    if len(raw_salt) < SALT_BYTES:
        raise InvalidInput("token_bytes", "short")
    salt = jose.b64url_encode(raw_salt)
    encoded = jose.b64url_encode(jose.dump_json([salt, name, value]))
    return Disclosure(encoded, salt, name, value, digest(encoded))


def issue_sd_jwt(
    holder: HolderKey,
    *,
    claims: Mapping[str, Any],
    public_claims: Mapping[str, Any],
    issued_at: int,
    expires_at: int,
    packet_id: str | None = None,
    decoys: int = 0,
    token_bytes: TokenBytes = secrets.token_bytes,
) -> SdJwt:
    """Sign an SD-JWT in which every entry of ``claims`` is selectively disclosable.

    ``public_claims`` (purpose, consent record, authority, supersedes …) stay visible.
    Randomness is drawn in this order: ``packet_id`` (16 bytes, when not given), one salt
    per claim in ``claims`` order, one value per decoy digest.
    """
    _check_issue_inputs(claims, public_claims, issued_at, expires_at, decoys)
    jti = packet_id if packet_id is not None else jose.b64url_encode(token_bytes(16))
    if not jti:
        raise InvalidInput("packet_id", "empty")
    disclosures = tuple(make_disclosure(n, v, token_bytes) for n, v in claims.items())
    fake = [digest(jose.b64url_encode(token_bytes(SALT_BYTES))) for _ in range(decoys)]
    payload = dict(public_claims)
    payload.update(
        _sd=sorted([d.digest for d in disclosures] + fake),
        _sd_alg=SD_ALG,
        cnf={"jwk": dict(holder.public_jwk)},
        exp=expires_at,
        iat=issued_at,
        iss=jose.thumbprint_uri(holder.thumbprint),
        jti=jti,
    )
    header = jose.dump_json({"alg": holder.alg, "typ": SD_JWT_TYP})
    issuer_jwt = jose.encode_compact(header, jose.dump_json(payload), holder.private_key)
    return SdJwt(issuer_jwt, disclosures)


def _check_issue_inputs(
    claims: Mapping[str, Any],
    public_claims: Mapping[str, Any],
    issued_at: int,
    expires_at: int,
    decoys: int,
) -> None:
    for name, value in [*claims.items(), *public_claims.items()]:
        if not isinstance(name, str) or not name or name in RESERVED_CLAIMS:
            raise InvalidInput(str(name), "reserved_name")
        _check_value(name, value)
    both = set(claims) & set(public_claims)
    if both:
        raise InvalidInput(sorted(both)[0], "duplicate_claim")
    for label, t in (("issued_at", issued_at), ("expires_at", expires_at)):
        if isinstance(t, bool) or not isinstance(t, int) or not 0 <= t <= jose.MAX_SAFE_INTEGER:
            raise InvalidInput(label, "not_time")
    if expires_at <= issued_at:
        raise InvalidInput("expires_at", "before_issue")
    if isinstance(decoys, bool) or not isinstance(decoys, int) or not 0 <= decoys <= 64:
        raise InvalidInput("decoys", "range")


def present(
    sd_jwt: SdJwt,
    holder: HolderKey,
    *,
    audience: str,
    nonce: str,
    issued_at: int,
    disclose: Collection[str] | None = None,
) -> str:
    """Compact SD-JWT+KB: ``<jwt>~<d1>~…~<dn>~<kb-jwt>``; ``disclose`` picks claims by name."""
    for label, text in (("audience", audience), ("nonce", nonce)):
        if not isinstance(text, str) or not text:
            raise InvalidInput(label, "empty")
    chosen = [d for d in sd_jwt.disclosures if disclose is None or d.name in disclose]
    presented = "".join([sd_jwt.issuer_jwt, "~", *(d.encoded + "~" for d in chosen)])
    kb_payload = {"aud": audience, "iat": issued_at, "nonce": nonce,
                  "sd_hash": digest(presented)}
    header = jose.dump_json({"alg": holder.alg, "typ": KB_JWT_TYP})
    return presented + jose.encode_compact(header, jose.dump_json(kb_payload),
                                           holder.private_key)


def issue_packet(
    holder: HolderKey,
    *,
    claims: Mapping[str, Any],
    public_claims: Mapping[str, Any],
    issued_at: int,
    expires_at: int,
    audience: str,
    nonce: str,
    packet_id: str | None = None,
    decoys: int = 0,
    token_bytes: TokenBytes = secrets.token_bytes,
) -> str:
    """Issue and present in one step, disclosing every claim: the packet Pont sends."""
    sd_jwt = issue_sd_jwt(
        holder, claims=claims, public_claims=public_claims, issued_at=issued_at,
        expires_at=expires_at, packet_id=packet_id, decoys=decoys, token_bytes=token_bytes,
    )
    return present(sd_jwt, holder, audience=audience, nonce=nonce, issued_at=issued_at)


# --- verifying -----------------------------------------------------------------------------------


def verify_packet(
    packet: bytes | str,
    *,
    now: int,
    audience: str | None = None,
    nonce: str | None = None,
    trusted_keys: Collection[str] | None = None,
    skew: int = DEFAULT_SKEW,
) -> VerifiedPacket:
    """Verify a packet's exact bytes (the organisation's side); see the ordered algorithm.

    Raises ``InvalidPacket(reason, detail)`` on the first rule broken.
    """
    data = _check_bytes(packet)
    jwt_part, disclosure_parts, kb_part, presented = _split(data)
    issuer = jose.parse_compact(jwt_part)
    alg = jose.check_header(issuer.header, SD_JWT_TYP)
    key = _holder_key(issuer.payload)
    if alg != key.alg:
        raise InvalidPacket("alg_key_mismatch", f"{alg} with a {key.alg} key")
    if not jose.verify(key, issuer.signing_input, issuer.signature):
        raise InvalidPacket("bad_signature", "issuer-signed JWT")
    jti, iat, exp = _check_claims(issuer.payload, key, now, skew)
    claims, disclosed = _Resolver(disclosure_parts).resolve(issuer.payload)
    _check_pont_claims(claims)
    kb = _check_key_binding(kb_part, presented, key, iat, now, skew)
    if audience is not None and kb["aud"] != audience:
        raise InvalidPacket("audience_mismatch", "packet is for another recipient")
    if nonce is not None and kb["nonce"] != nonce:
        raise InvalidPacket("nonce_mismatch", "packet answers another request")
    return VerifiedPacket(
        header=issuer.header, kb_header=kb["header"], claims=claims, disclosed=disclosed,
        iss=issuer.payload["iss"], jti=jti, iat=iat, exp=exp, aud=kb["aud"],
        nonce=kb["nonce"], kb_iat=kb["iat"], thumbprint=key.thumbprint,
        public_jwk=dict(key.jwk),
        key_trusted=None if trusted_keys is None else key.thumbprint in trusted_keys,
    )


def _check_bytes(packet: bytes | str) -> bytes:
    if isinstance(packet, str):
        if len(packet) > MAX_PACKET_BYTES:
            raise InvalidPacket("too_large", "over 1 MiB")
        if not packet.isascii():
            raise InvalidPacket("invalid_characters", "non-ASCII text")
        data = packet.encode("ascii")
    elif isinstance(packet, bytes | bytearray | memoryview):
        data = bytes(packet)
    else:
        raise InvalidPacket("invalid_characters", "not bytes or text")
    if len(data) > MAX_PACKET_BYTES:
        raise InvalidPacket("too_large", "over 1 MiB")
    if _PACKET_RE.fullmatch(data) is None:
        raise InvalidPacket("invalid_characters", "only base64url, '.' and '~' are allowed")
    return data


def _split(data: bytes) -> tuple[bytes, list[bytes], bytes, bytes]:
    parts = data.split(b"~")
    if len(parts) < 2 or not parts[0]:
        raise InvalidPacket("malformed_serialization", "expected <jwt>~…~<kb-jwt>")
    if not parts[-1]:
        raise InvalidPacket("missing_key_binding", "a bare SD-JWT is never accepted")
    disclosures = parts[1:-1]
    if len(disclosures) > MAX_DISCLOSURES:
        raise InvalidPacket("too_large", f"more than {MAX_DISCLOSURES} disclosures")
    if not all(disclosures):
        raise InvalidPacket("malformed_serialization", "empty disclosure")
    return parts[0], disclosures, parts[-1], data[: len(data) - len(parts[-1])]


def _holder_key(payload: Mapping[str, Any]) -> jose.VerifyingKey:
    cnf = payload.get("cnf")
    if cnf is None:
        raise InvalidPacket("missing_claim", "cnf")
    if not isinstance(cnf, dict) or set(cnf) != {"jwk"}:
        raise InvalidPacket("invalid_claim", "cnf must be {'jwk': …}")
    return jose.import_public_jwk(cnf["jwk"])


def _int_claim(payload: Mapping[str, Any], name: str, prefix: str = "") -> int:
    value = payload.get(name)
    if value is None:
        raise InvalidPacket(prefix + "missing_claim", name)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidPacket(prefix + "invalid_claim", f"{name} must be a non-negative integer")
    return value


def _str_claim(payload: Mapping[str, Any], name: str, prefix: str = "") -> str:
    value = payload.get(name)
    if value is None:
        raise InvalidPacket(prefix + "missing_claim", name)
    if not isinstance(value, str) or not value:
        raise InvalidPacket(prefix + "invalid_claim", f"{name} must be a non-empty string")
    return value


def _check_claims(
    payload: Mapping[str, Any], key: jose.VerifyingKey, now: int, skew: int
) -> tuple[str, int, int]:
    if _str_claim(payload, "iss") != jose.thumbprint_uri(key.thumbprint):
        raise InvalidPacket("issuer_mismatch", "iss is not the thumbprint URI of cnf.jwk")
    jti = _str_claim(payload, "jti")
    iat, exp = _int_claim(payload, "iat"), _int_claim(payload, "exp")
    if exp <= iat:
        raise InvalidPacket("invalid_claim", "exp is not after iat")
    if payload.get("_sd_alg", SD_ALG) != SD_ALG:
        raise InvalidPacket("sd_alg_unsupported", "only sha-256")
    if exp <= now - skew:
        raise InvalidPacket("expired", f"expired at {iso_time(exp)}", at=exp)
    if iat > now + skew:
        raise InvalidPacket("not_yet_valid", f"issued in the future ({iso_time(iat)})", at=iat)
    if "nbf" in payload and _int_claim(payload, "nbf") > now + skew:
        raise InvalidPacket("not_yet_valid", "nbf is in the future")
    return jti, iat, exp


def _check_pont_claims(claims: Mapping[str, Any]) -> None:
    for name, kind in PONT_CLAIM_TYPES.items():
        if name in claims and not isinstance(claims[name], kind):
            raise InvalidPacket(
                "invalid_claim", f"{name} must be {'an object' if kind is dict else 'a string'}"
            )


def _check_key_binding(
    kb_part: bytes, presented: bytes, key: jose.VerifyingKey, iat: int, now: int, skew: int
) -> dict[str, Any]:
    kb = jose.parse_compact(kb_part, "kb_")
    if jose.check_header(kb.header, KB_JWT_TYP, "kb_") != key.alg:
        raise InvalidPacket("kb_alg_key_mismatch", "KB-JWT alg does not fit the cnf key")
    if not jose.verify(key, kb.signing_input, kb.signature):
        raise InvalidPacket("kb_bad_signature", "KB-JWT not signed by the cnf key")
    body = kb.payload
    aud, nonce = _str_claim(body, "aud", "kb_"), _str_claim(body, "nonce", "kb_")
    kb_iat = _int_claim(body, "iat", "kb_")
    if _str_claim(body, "sd_hash", "kb_") != digest(presented):
        raise InvalidPacket("kb_sd_hash_mismatch", "KB-JWT is for other disclosures")
    if kb_iat > now + skew:
        raise InvalidPacket("kb_iat_future", f"key binding made in the future ({kb_iat})")
    if kb_iat < iat - skew:
        raise InvalidPacket("kb_iat_before_issue", "key binding older than the packet")
    return {"header": kb.header, "aud": aud, "nonce": nonce, "iat": kb_iat}


class _Resolver:
    """Replaces digests by their disclosures (RFC 9901 §7.1), enforcing every rule."""

    def __init__(self, parts: Iterable[bytes], reserved: frozenset[str] = RESERVED_CLAIMS) -> None:
        # ``reserved``: top-level names no disclosure may carry (SD-JWT VC adds vct, status).
        self.reserved = reserved
        self.by_digest: dict[str, list[Any]] = {}
        for part in parts:
            value = _parse_disclosure(part)
            d = digest(part)
            if d in self.by_digest:
                raise InvalidPacket("disclosure_duplicate", "the same disclosure twice")
            self.by_digest[d] = value
        self.seen: set[str] = set()

    def resolve(self, payload: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        disclosed_names: list[str] = []
        full = self._object(payload, 1, disclosed_names)
        unused = len(self.by_digest) - len(self.seen & self.by_digest.keys())
        if unused:
            raise InvalidPacket("disclosure_unreferenced", f"{unused} not referenced")
        disclosed = {n: full.pop(n) for n in disclosed_names}
        claims = {k: v for k, v in full.items() if k not in _REGISTERED}
        return claims, disclosed

    def _take(self, dg: Any) -> list[Any] | None:
        if not isinstance(dg, str):
            raise InvalidPacket("sd_malformed", "digest is not a string")
        if dg in self.seen:
            raise InvalidPacket("digest_duplicate", "a digest appears twice")
        self.seen.add(dg)
        return self.by_digest.get(dg)

    def _value(self, value: Any, depth: int) -> Any:
        if not isinstance(value, dict | list):
            return value
        if depth > jose.MAX_JSON_DEPTH:
            raise InvalidPacket("json_too_deep", "disclosures nest too deep")
        if isinstance(value, dict):
            return self._object(value, depth, None)
        return self._array(value, depth)

    def _object(self, obj: dict[str, Any], depth: int, top: list[str] | None) -> dict[str, Any]:
        if "..." in obj:
            raise InvalidPacket("sd_malformed", "'...' outside an array element")
        out = {k: self._value(v, depth + 1) for k, v in obj.items() if k != "_sd"}
        sd = obj.get("_sd", [])
        if not isinstance(sd, list):
            raise InvalidPacket("sd_malformed", "_sd is not an array")
        for dg in sd:
            found = self._take(dg)
            if found is None:
                continue  # a decoy, or a claim the holder did not disclose
            if len(found) != 3:
                raise InvalidPacket("disclosure_malformed", "array-element disclosure in _sd")
            name = found[1]
            if name in ("_sd", "..."):
                raise InvalidPacket("disclosure_forbidden_name", name)
            if top is not None and name in self.reserved:
                raise InvalidPacket("disclosure_reserved_claim", name)
            if name in out:
                raise InvalidPacket("claim_overwrite", name)
            out[name] = self._value(found[2], depth + 1)
            if top is not None:
                top.append(name)
        return out

    def _array(self, items: list[Any], depth: int) -> list[Any]:
        out: list[Any] = []
        for item in items:
            if not (isinstance(item, dict) and "..." in item):
                out.append(self._value(item, depth + 1))
                continue
            if len(item) != 1:
                raise InvalidPacket("sd_malformed", "'...' element with other members")
            found = self._take(item["..."])
            if found is None:
                continue
            if len(found) != 2:
                raise InvalidPacket("disclosure_malformed", "property disclosure in an array")
            out.append(self._value(found[1], depth + 1))
        return out


def _parse_disclosure(part: bytes) -> list[Any]:
    value = jose.parse_json(jose.b64url_decode(part))
    if not isinstance(value, list) or len(value) not in (2, 3):
        raise InvalidPacket("disclosure_malformed", "not an array of 2 or 3 elements")
    salt = value[0]
    if not isinstance(salt, str):
        raise InvalidPacket("disclosure_malformed", "salt is not a string")
    if len(value) == 3 and not isinstance(value[1], str):
        raise InvalidPacket("disclosure_malformed", "claim name is not a string")
    try:
        raw_salt = jose.b64url_decode(salt)
    except InvalidPacket:
        raise InvalidPacket("disclosure_malformed", "salt is not base64url") from None
    if len(raw_salt) < SALT_BYTES:
        raise InvalidPacket("disclosure_salt_short", "salt under 128 bits")
    return value


def iso_time(seconds: int) -> str:
    """A claim's time as a reader reads it (ISO 8601, UTC), never the raw epoch number."""
    try:
        return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, OSError, ValueError):
        return str(seconds)
