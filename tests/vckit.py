"""Helpers for the verified-records tests: issuer and holder keys, credentials, presentations."""

from __future__ import annotations

import base64
import json
from typing import Any

from fakes import seeded

from vault.packets import jose, keys, sdjwt_vc
from vault.packets.sdjwt_vc import Credential, StatusReference

IAT = 1_772_546_700  # 2026-03-03T14:05:00Z
DAY = 86_400
AUDIENCE = "accounts@bank.example"
NONCE = "BANK-REF-77"
CLAIMS: dict[str, Any] = {
    "address": {"lines": ["1 Park Row"], "town": "Leeds", "postcode": "LS1 5AB", "country": "GB"},
    "birthDate": "1950-03-17",
    "birthDate_over_18": True,
}


def issuer_key(seed: bytes = b"issuer") -> keys.HolderKey:
    """An ES256 key standing for an organisation's (same key type as a holder's)."""
    return keys.generate_holder_key("ES256", seeded(seed))


def holder_key(seed: bytes = b"holder", alg: str = "ES256") -> keys.HolderKey:
    return keys.generate_holder_key(alg, seeded(seed))


def issue(
    issuer: keys.HolderKey | None = None,
    holder: keys.HolderKey | None = None,
    *,
    claims: dict[str, Any] | None = None,
    issued_at: int = IAT,
    expires_at: int | None = None,
    status: StatusReference | None = None,
    seed: bytes = b"salts",
    **extra: Any,
) -> Credential:
    issuer = issuer or issuer_key()
    holder = holder or holder_key()
    return sdjwt_vc.issue_credential(
        issuer.private_key,
        holder_jwk=holder.public_jwk,
        claims=CLAIMS if claims is None else claims,
        issued_at=issued_at,
        expires_at=expires_at if expires_at is not None else issued_at + 365 * DAY,
        issuer_name="Leeds City Council",
        status=status,
        token_bytes=seeded(seed),
        **extra,
    )


def present(
    credential: Credential,
    holder: keys.HolderKey | None = None,
    claims: tuple[str, ...] = ("address",),
    *,
    now: int = IAT + DAY,
    audience: str = AUDIENCE,
    nonce: str = NONCE,
) -> str:
    holder = holder or holder_key()
    verified = sdjwt_vc.read_credential(credential.serialise(), now=now)
    return sdjwt_vc.present_credential(
        verified, holder, claims=claims, audience=audience, nonce=nonce, issued_at=now
    )


def b64d(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64e(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def decode_part(token: str, index: int) -> dict[str, Any]:
    """Header (0) or payload (1) of a compact JWT, decoded."""
    return dict(json.loads(b64d(token.split(".")[index])))


def resign(token: str, key: keys.HolderKey, *, header: Any = None, payload: Any = None) -> str:
    """The JWT with a changed header or payload, signed again by ``key`` (ES256/Ed25519)."""
    parts = token.split(".")
    h = b64e(jose.dump_json(header)) if header is not None else parts[0]
    p = b64e(jose.dump_json(payload)) if payload is not None else parts[1]
    signing_input = f"{h}.{p}".encode("ascii")
    return f"{h}.{p}." + b64e(jose.sign(key.private_key, signing_input))
