"""SD-JWT VC (draft-ietf-oauth-sd-jwt-vc-14): an organisation confirms a person's fields.

An issuer — an organisation that checked something — signs an SD-JWT (RFC 9901) with its own
key. Each confirmed field is one selectively disclosable claim, ``vct`` names the credential
type, and ``cnf`` binds it to the holder key the person's packet was signed with, so only that
person can present it (with a Key Binding JWT for one recipient, ``aud`` and ``nonce``).

The issuer's public key travels in the header (``jwk``; ``kid`` is its RFC 7638 thumbprint),
so the holder can check the signature offline when importing. It is never *trusted* because it
is there: a verifier trusts an issuer only when the key's thumbprint is on its own trust list
(``trusted``); otherwise it reports the fingerprint as unknown.

The disclosure and digest machinery, the strict parsers and every shared reason code are
those of :mod:`vault.packets.sdjwt`. The format and the extra reason codes are in
``docs/packet-format.md`` §5.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Final

from vault.errors import InvalidInput, InvalidPacket
from vault.packets import jose
from vault.packets.keys import HolderKey
from vault.packets.sdjwt import (
    DEFAULT_SKEW,
    MAX_DISCLOSURES,
    SD_ALG,
    SD_JWT_TYP,
    Disclosure,
    SdJwt,
    TokenBytes,
    _check_bytes,
    _check_key_binding,
    _check_value,
    _holder_key,
    _int_claim,
    _parse_disclosure,
    _Resolver,
    _split,
    digest,
    make_disclosure,
    present,
)
from vault.packets.sdjwt import (
    REASON_CODES as PACKET_REASON_CODES,
)

CREDENTIAL_TYP: Final = SD_JWT_TYP  # "dc+sd-jwt"
# What a Pont issuer's credential is: fields of a person it checked (§5.2).
CONFIRMATION_VCT: Final = "urn:pont:vct:confirmation:1"
ISSUER_ALG: Final = jose.ES256
# SD-JWT VC §3.2.2.2: never selectively disclosable. (``_sd``, ``...`` as in RFC 9901.)
NEVER_DISCLOSED: Final = frozenset(
    {"iss", "nbf", "exp", "cnf", "vct", "status", "issuer_name", "_sd", "_sd_alg", "..."}
)
# Claims of the payload that are not the issuer's statements about the person.
_ENVELOPE: Final = frozenset(
    {"iss", "iat", "nbf", "exp", "cnf", "vct", "status", "issuer_name", "jti", "_sd_alg"}
)
_ALLOWED_HEADER: Final = frozenset({"alg", "typ", "kid", "jwk"})
# Reasons beyond the packet's (docs/packet-format.md §5.6).
REASON_CODES: Final = PACKET_REASON_CODES | frozenset(
    {"issuer_key_unknown", "unexpected_key_binding", "nested_disclosure"}
)


@dataclass(frozen=True)
class StatusReference:
    """Where the credential's status is kept: entry ``idx`` of the Token Status List ``uri``."""

    idx: int
    uri: str

    def claim(self) -> dict[str, Any]:
        return {"status_list": {"idx": self.idx, "uri": self.uri}}


@dataclass(frozen=True)
class Credential:
    """An issued credential as the holder keeps it: the signed JWT and every disclosure."""

    issuer_jwt: str
    disclosures: tuple[Disclosure, ...]

    def serialise(self) -> str:
        """The issuance form ``<issuer-jwt>~<d1>~…~<dn>~`` (RFC 9901 §4, no key binding)."""
        return "".join([self.issuer_jwt, "~", *(d.encoded + "~" for d in self.disclosures)])


@dataclass(frozen=True)
class KeyBinding:
    """The Key Binding JWT's claims, checked: for whom and which request."""

    header: dict[str, Any]
    aud: str
    nonce: str
    iat: int


@dataclass(frozen=True)
class VerifiedCredential:
    """What was established about a credential (issuance form) or a presentation of one.

    ``issuer_trusted`` is ``None`` when no trust list was given. ``expired`` is reported, not
    raised: the caller decides (import refuses it, a verifier shows it per field).
    """

    header: dict[str, Any]
    claims: dict[str, Any]
    disclosed: dict[str, Any]
    credential: Credential
    iss: str | None
    vct: str
    issuer_name: str | None
    iat: int | None
    exp: int | None
    status: StatusReference | None
    issuer: jose.VerifyingKey
    issuer_trusted: bool | None
    holder: jose.VerifyingKey
    expired: bool
    key_binding: KeyBinding | None


# --- issuing -----------------------------------------------------------------------------------


def issue_credential(
    signing_key: jose.PrivateKey,
    *,
    holder_jwk: Mapping[str, str],
    claims: Mapping[str, Any],
    issued_at: int,
    expires_at: int,
    issuer_name: str | None = None,
    vct: str = CONFIRMATION_VCT,
    status: StatusReference | None = None,
    decoys: int = 0,
    token_bytes: TokenBytes = secrets.token_bytes,
) -> Credential:
    """Sign a credential in which each entry of ``claims`` is one top-level disclosure.

    Randomness: one salt per claim in ``claims`` order, then one value per decoy digest.
    """
    issuer = jose.verifying_key(signing_key.public_key())
    if issuer.alg != ISSUER_ALG:
        raise InvalidInput("issuer_key", "unsupported", "an issuer signs with ES256 (P-256)")
    holder = _import_holder(holder_jwk)
    _check_credential_inputs(claims, issued_at, expires_at, vct, issuer_name, decoys)
    disclosures = tuple(make_disclosure(n, v, token_bytes) for n, v in claims.items())
    fake = [digest(jose.b64url_encode(token_bytes(16))) for _ in range(decoys)]
    payload: dict[str, Any] = {
        "_sd": sorted([d.digest for d in disclosures] + fake),
        "_sd_alg": SD_ALG,
        "cnf": {"jwk": dict(holder.jwk)},
        "exp": expires_at,
        "iat": issued_at,
        "iss": jose.thumbprint_uri(issuer.thumbprint),
        "vct": vct,
    }
    if issuer_name is not None:
        payload["issuer_name"] = issuer_name
    if status is not None:
        payload["status"] = status.claim()
    header = {
        "alg": ISSUER_ALG,
        "jwk": dict(issuer.jwk),
        "kid": issuer.thumbprint,
        "typ": CREDENTIAL_TYP,
    }
    jwt = jose.encode_compact(jose.dump_json(header), jose.dump_json(payload), signing_key)
    return Credential(jwt, disclosures)


def _import_holder(jwk: Mapping[str, str]) -> jose.VerifyingKey:
    try:
        return jose.import_public_jwk(dict(jwk))
    except InvalidPacket as error:
        raise InvalidInput("holder_key", error.reason, error.detail) from None


def _check_credential_inputs(
    claims: Mapping[str, Any],
    issued_at: int,
    expires_at: int,
    vct: str,
    issuer_name: str | None,
    decoys: int,
) -> None:
    if not claims:
        raise InvalidInput("claims", "empty")
    for name, value in claims.items():
        if not isinstance(name, str) or not name or name in NEVER_DISCLOSED or name in _ENVELOPE:
            raise InvalidInput(str(name), "reserved_name")
        _check_value(name, value)
    for label, text in (("vct", vct), ("issuer_name", issuer_name or "-")):
        if not isinstance(text, str) or not text.strip():
            raise InvalidInput(label, "empty")
    for label, t in (("issued_at", issued_at), ("expires_at", expires_at)):
        if isinstance(t, bool) or not isinstance(t, int) or not 0 <= t <= jose.MAX_SAFE_INTEGER:
            raise InvalidInput(label, "not_time")
    if expires_at <= issued_at:
        raise InvalidInput("expires_at", "before_issue")
    if isinstance(decoys, bool) or not isinstance(decoys, int) or not 0 <= decoys <= 64:
        raise InvalidInput("decoys", "range")


def present_credential(
    credential: VerifiedCredential,
    holder: HolderKey,
    *,
    claims: Collection[str],
    audience: str,
    nonce: str,
    issued_at: int,
) -> str:
    """``<issuer-jwt>~<only the chosen disclosures>~<KB-JWT>`` for one recipient.

    Refuses a claim the credential does not hold and a key it is not bound to.
    """
    if holder.thumbprint != credential.holder.thumbprint:
        raise InvalidInput("holder_key", "not_bound", "the credential names another holder key")
    held = {d.name for d in credential.credential.disclosures}
    for name in claims:
        if name not in held:
            raise InvalidInput(name, "not_in_credential")
    if not claims:
        raise InvalidInput("claims", "empty")
    sd_jwt = SdJwt(credential.credential.issuer_jwt, credential.credential.disclosures)
    return present(
        sd_jwt, holder, audience=audience, nonce=nonce, issued_at=issued_at, disclose=set(claims)
    )


# --- verifying -----------------------------------------------------------------------------------


def read_credential(
    data: bytes | str,
    *,
    now: int,
    trusted: Mapping[str, jose.VerifyingKey] | None = None,
    skew: int = DEFAULT_SKEW,
) -> VerifiedCredential:
    """Check a credential in issuance form ``<jwt>~<d1>~…~<dn>~`` (what a holder imports).

    Raises ``InvalidPacket(reason, detail)`` on the first rule broken (§5.6).
    """
    raw = _check_bytes(data)
    parts = raw.split(b"~")
    if len(parts) < 2 or not parts[0]:
        raise InvalidPacket("malformed_serialization", "expected <jwt>~<disclosures>~")
    if parts[-1]:
        raise InvalidPacket("unexpected_key_binding", "a credential ends with '~', no KB-JWT")
    disclosures = parts[1:-1]
    if len(disclosures) > MAX_DISCLOSURES:
        raise InvalidPacket("too_large", f"more than {MAX_DISCLOSURES} disclosures")
    if not all(disclosures):
        raise InvalidPacket("malformed_serialization", "empty disclosure")
    return _verify(parts[0], disclosures, None, raw, now=now, trusted=trusted, skew=skew)


def verify_presentation(
    data: bytes | str,
    *,
    now: int,
    audience: str | None = None,
    nonce: str | None = None,
    trusted: Mapping[str, jose.VerifyingKey] | None = None,
    skew: int = DEFAULT_SKEW,
) -> VerifiedCredential:
    """Check a presentation ``<jwt>~<d…>~<KB-JWT>``; the KB-JWT is required."""
    raw = _check_bytes(data)
    jwt_part, disclosures, kb_part, presented = _split(raw)
    verified = _verify(
        jwt_part, disclosures, kb_part, presented, now=now, trusted=trusted, skew=skew
    )
    binding = verified.key_binding
    assert binding is not None  # _verify checked the kb_part it was given
    if audience is not None and binding.aud != audience:
        raise InvalidPacket("audience_mismatch", "presented to another recipient")
    if nonce is not None and binding.nonce != nonce:
        raise InvalidPacket("nonce_mismatch", "presented for another request")
    return verified


def _verify(
    jwt_part: bytes,
    disclosure_parts: list[bytes],
    kb_part: bytes | None,
    presented: bytes,
    *,
    now: int,
    trusted: Mapping[str, jose.VerifyingKey] | None,
    skew: int,
) -> VerifiedCredential:
    signed = jose.parse_compact(jwt_part)
    alg = jose.check_header(signed.header, CREDENTIAL_TYP, allowed=_ALLOWED_HEADER)  # with jwk
    issuer, issuer_trusted = _issuer_key(signed.header, trusted)
    if alg != issuer.alg:
        raise InvalidPacket("alg_key_mismatch", f"{alg} with a {issuer.alg} key")
    if not jose.verify(issuer, signed.signing_input, signed.signature):
        raise InvalidPacket("bad_signature", "issuer-signed JWT")
    payload = signed.payload
    holder = _holder_key(payload)
    iss, vct, issuer_name = _check_identity(payload, issuer)
    iat, exp = _check_times(payload, now, skew)
    status = _status(payload)
    if payload.get("_sd_alg", SD_ALG) != SD_ALG:
        raise InvalidPacket("sd_alg_unsupported", "only sha-256")
    full, disclosed = _Resolver(disclosure_parts, NEVER_DISCLOSED).resolve(payload)
    _check_top_level(payload, disclosure_parts)
    binding = None
    if kb_part is not None:
        kb = _check_key_binding(kb_part, presented, holder, iat or 0, now, skew)
        binding = KeyBinding(kb["header"], kb["aud"], kb["nonce"], kb["iat"])
    return VerifiedCredential(
        header=signed.header,
        claims={k: v for k, v in full.items() if k not in _ENVELOPE},
        disclosed=disclosed,
        credential=Credential(jwt_part.decode("ascii"), _disclosures(disclosure_parts)),
        iss=iss,
        vct=vct,
        issuer_name=issuer_name,
        iat=iat,
        exp=exp,
        status=status,
        issuer=issuer,
        issuer_trusted=issuer_trusted,
        holder=holder,
        expired=exp is not None and exp <= now - skew,
        key_binding=binding,
    )


def _issuer_key(
    header: Mapping[str, Any], trusted: Mapping[str, jose.VerifyingKey] | None
) -> tuple[jose.VerifyingKey, bool | None]:
    """The key named by the header (``jwk``, else a trusted ``kid``), and whether it is trusted.

    A trusted key is always used from the trust list, never from the header.
    """
    jwk = header.get("jwk")
    if jwk is not None:
        named = jose.import_public_jwk(jwk)
        thumbprint = named.thumbprint
    else:
        thumbprint = str(header.get("kid", ""))
        if trusted is None or thumbprint not in trusted:
            raise InvalidPacket("issuer_key_unknown", "no jwk in the header, kid not trusted")
        named = trusted[thumbprint]
    if trusted is None:
        return named, None
    if thumbprint in trusted:
        return trusted[thumbprint], True
    return named, False


def _check_identity(
    payload: Mapping[str, Any], issuer: jose.VerifyingKey
) -> tuple[str | None, str, str | None]:
    iss = payload.get("iss")
    if iss is not None:
        if not isinstance(iss, str) or not iss:
            raise InvalidPacket("invalid_claim", "iss must be a non-empty string")
        prefix = jose.thumbprint_uri("")
        if iss.startswith(prefix) and iss != jose.thumbprint_uri(issuer.thumbprint):
            raise InvalidPacket("issuer_mismatch", "iss names another key than the signer")
    vct = payload.get("vct")
    if vct is None:
        raise InvalidPacket("missing_claim", "vct")
    if not isinstance(vct, str) or not vct:
        raise InvalidPacket("invalid_claim", "vct must be a non-empty string")
    name = payload.get("issuer_name")
    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise InvalidPacket("invalid_claim", "issuer_name must be a non-empty string")
    return iss, vct, name


def _check_times(payload: Mapping[str, Any], now: int, skew: int) -> tuple[int | None, int | None]:
    iat = _int_claim(payload, "iat") if "iat" in payload else None
    exp = _int_claim(payload, "exp") if "exp" in payload else None
    if iat is not None and exp is not None and exp <= iat:
        raise InvalidPacket("invalid_claim", "exp is not after iat")
    if iat is not None and iat > now + skew:
        raise InvalidPacket("not_yet_valid", f"issued in the future ({iat})")
    if "nbf" in payload and _int_claim(payload, "nbf") > now + skew:
        raise InvalidPacket("not_yet_valid", "nbf is in the future")
    return iat, exp


def _status(payload: Mapping[str, Any]) -> StatusReference | None:
    if "status" not in payload:
        return None
    status = payload["status"]
    entry = status.get("status_list") if isinstance(status, dict) else None
    if not isinstance(entry, dict) or set(entry) != {"idx", "uri"}:
        raise InvalidPacket("invalid_claim", "status must be {'status_list': {'idx', 'uri'}}")
    idx, uri = entry["idx"], entry["uri"]
    if isinstance(idx, bool) or not isinstance(idx, int) or idx < 0:
        raise InvalidPacket("invalid_claim", "status_list.idx must be a non-negative integer")
    if not isinstance(uri, str) or not uri:
        raise InvalidPacket("invalid_claim", "status_list.uri must be a non-empty string")
    return StatusReference(idx, uri)


def _check_top_level(payload: Mapping[str, Any], parts: list[bytes]) -> None:
    """Pont keeps and presents whole top-level claims: every disclosure must be one.

    Runs after the resolver, so every disclosure is well formed and referenced somewhere.
    """
    top = set(payload.get("_sd", []))
    for part in parts:
        if digest(part) not in top:
            raise InvalidPacket("nested_disclosure", "a disclosure inside another claim")


def _disclosures(parts: list[bytes]) -> tuple[Disclosure, ...]:
    out = []
    for part in parts:
        salt, name, value = _parse_disclosure(part)
        out.append(Disclosure(part.decode("ascii"), salt, name, value, digest(part)))
    return tuple(out)
