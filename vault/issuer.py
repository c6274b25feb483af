"""The organisation's side of verified records: an issuer key, confirming, revoking.

No vault is needed. ``KEY.jwk`` holds the organisation's private ES256 key (a JWK with the
organisation's ``name`` and optional ``contact`` beside it) and ``KEY.pub.json`` its public
entry, the file other organisations put in their trust list. ``attest`` turns a packet the
organisation received and checked into a credential (SD-JWT VC) bound to the packet's holder
key, confirming the fields it names. Formats: ``docs/packet-format.md`` §5.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Final

from cryptography.hazmat.primitives.asymmetric import ec

from vault import strict_json
from vault.atomic import write_atomic
from vault.catalogue import load_catalogue
from vault.claims import parse_claim_name
from vault.derive import derive
from vault.errors import InvalidInput, InvalidPacket
from vault.packets import jose
from vault.packets.keys import TokenBytes, generate_holder_key
from vault.packets.sdjwt import VerifiedPacket
from vault.packets.sdjwt_vc import CONFIRMATION_VCT, Credential, StatusReference, issue_credential
from vault.packets.status_list import (
    INVALID,
    VALID,
    StatusList,
    StatusListToken,
    read_status_list,
    sign_status_list,
)
from vault.text import check_plain

ENTRY_FORMAT: Final = "pont-issuer"
MAX_NAME: Final = 200
DEFAULT_VALID_DAYS: Final = 365
MAX_VALID_DAYS: Final = 3650
_MAX_FILE: Final = 64 * 1024
CREDENTIAL_MEDIA_TYPE: Final = "application/dc+sd-jwt"


@dataclass(frozen=True)
class IssuerKey:
    """An organisation's signing key and the name it confirms under."""

    name: str
    contact: str | None
    private_key: ec.EllipticCurvePrivateKey
    verifying: jose.VerifyingKey

    @property
    def fingerprint(self) -> str:
        """RFC 7638 thumbprint of the public key: what trust lists and people compare."""
        return self.verifying.thumbprint


def plain_name(label: str, text: object, *, required: bool = True) -> str | None:
    """An organisation's name or contact: NFC, one line, no control or format characters."""
    if text is None or text == "":
        if required:
            raise InvalidInput(label, "required")
        return None
    if not isinstance(text, str):
        raise InvalidInput(label, "format")
    try:
        return check_plain(text, label, limit=MAX_NAME)
    except InvalidInput as error:
        if error.reason in ("required", "too_long"):  # this file's word for both
            raise InvalidInput(label, "length", f"1 to {MAX_NAME} characters") from None
        raise


def new_issuer_key(
    name: str, contact: str | None = None, token_bytes: TokenBytes = secrets.token_bytes
) -> IssuerKey:
    """A fresh ES256 key for the organisation ``name``."""
    clean = plain_name("name", name)
    assert clean is not None
    key = generate_holder_key(jose.ES256, token_bytes)
    private = key.private_key
    assert isinstance(private, ec.EllipticCurvePrivateKey)
    return IssuerKey(clean, plain_name("contact", contact, required=False), private, key.verifying)


def public_entry(key: IssuerKey) -> dict[str, Any]:
    """``KEY.pub.json``: what another organisation adds to its trust list."""
    return entry_document(key.name, key.verifying, key.contact)


def entry_document(name: str, key: jose.VerifyingKey, contact: str | None) -> dict[str, Any]:
    """One trust-list entry as written: a ``KEY.pub.json`` and each entry of a trust list."""
    entry: dict[str, Any] = {
        "fingerprint": key.thumbprint,
        "format": ENTRY_FORMAT,
        "key": dict(key.jwk),
        "name": name,
        "version": 1,
    }
    if contact:
        entry["contact"] = contact
    return entry


def public_path(private_path: Path) -> Path:
    """``KEY.jwk`` → ``KEY.pub.json`` (beside it)."""
    stem = private_path.name[:-4] if private_path.name.endswith(".jwk") else private_path.name
    return private_path.with_name(stem + ".pub.json")


def write_issuer_key(path: Path, key: IssuerKey) -> Path:
    """Write the private key file (0600, refused if it exists) and the public entry."""
    if path.exists():
        raise InvalidInput("out", "exists", f"{path} is already there; nothing was overwritten")
    numbers = key.private_key.private_numbers()
    private = dict(key.verifying.jwk)
    private.update(
        d=jose.b64url_encode(numbers.private_value.to_bytes(32, "big")),
        kid=key.fingerprint,
        alg=jose.ES256,
        use="sig",
        name=key.name,
    )
    if key.contact:
        private["contact"] = key.contact
    write_atomic(path, _json(private))
    public = public_path(path)
    write_atomic(public, _json(public_entry(key)))
    return public


def read_issuer_key(path: Path) -> IssuerKey:
    """Load ``KEY.jwk``; ``InvalidInput("issuer_key", reason)`` for anything else."""
    document = _read_json(path, "issuer_key")
    if not isinstance(document, dict) or not isinstance(document.get("d"), str):
        raise InvalidInput("issuer_key", "format", "not a private key file (KEY.jwk)")
    public = {k: document.get(k) for k in ("crv", "kty", "x", "y")}
    try:
        verifying = jose.import_public_jwk(public)
        scalar = int.from_bytes(jose.b64url_decode(document["d"]), "big")
        private = ec.derive_private_key(scalar, ec.SECP256R1())
    except (InvalidPacket, ValueError):
        raise InvalidInput("issuer_key", "format", "not a P-256 private key") from None
    if jose.verifying_key(private.public_key()).thumbprint != verifying.thumbprint:
        raise InvalidInput("issuer_key", "format", "the private and public parts differ")
    name = plain_name("issuer_key name", document.get("name"))
    assert name is not None
    contact = plain_name("issuer_key contact", document.get("contact"), required=False)
    return IssuerKey(name, contact, private, verifying)


# --- confirming ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attestation:
    """A credential made from a checked packet, and what it confirms."""

    credential: Credential
    claims: dict[str, Any]
    holder_fingerprint: str
    packet_id: str
    issued_at: datetime
    expires_at: datetime

    @property
    def text(self) -> str:
        return self.credential.serialise()


def attest(
    packet: VerifiedPacket,
    key: IssuerKey,
    *,
    fields: Sequence[str],
    now: datetime,
    derived: Sequence[tuple[str, str]] = (),
    valid_days: int = DEFAULT_VALID_DAYS,
    vct: str = CONFIRMATION_VCT,
    status: StatusReference | None = None,
    token_bytes: TokenBytes = secrets.token_bytes,
) -> Attestation:
    """Confirm ``fields`` of a verified packet (claim names as the packet discloses them).

    ``derived`` adds less revealing forms computed from a confirmed field, e.g.
    ``("birthDate", "over_18")`` → ``birthDate_over_18``, so the person can later prove the
    form without the value. Refuses a field the packet did not disclose.
    """
    if not fields:
        raise InvalidInput("fields", "empty", "name at least one field to confirm")
    if isinstance(valid_days, bool) or not 1 <= valid_days <= MAX_VALID_DAYS:
        raise InvalidInput("valid_days", "range", f"1 to {MAX_VALID_DAYS}")
    claims = _confirmed_claims(packet.disclosed, fields)
    claims.update(_derived_claims(claims, derived, now))
    issued = now.replace(microsecond=0)
    expires = issued + timedelta(days=valid_days)
    credential = issue_credential(
        key.private_key,
        holder_jwk=packet.public_jwk,
        claims=claims,
        issued_at=int(issued.timestamp()),
        expires_at=int(expires.timestamp()),
        issuer_name=key.name,
        vct=vct,
        status=status,
        token_bytes=token_bytes,
    )
    return Attestation(credential, claims, packet.thumbprint, packet.jti, issued, expires)


def _confirmed_claims(disclosed: Mapping[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    claims: dict[str, Any] = {}
    for name in fields:
        if name not in disclosed:
            raise InvalidInput(name, "not_disclosed", "the packet does not disclose it")
        target = parse_claim_name(name).credential_name
        if target in claims:
            raise InvalidInput(name, "selected_twice", f"already confirming {target}")
        claims[target] = disclosed[name]
    return claims


def _derived_claims(
    claims: Mapping[str, Any], derived: Sequence[tuple[str, str]], now: datetime
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, form in derived:
        if key not in claims:
            raise InvalidInput(key, "not_confirmed", "derive only from a field being confirmed")
        spec = load_catalogue().spec_for(key)
        name = f"{key}_{form}"
        if name in claims or name in out:
            raise InvalidInput(name, "selected_twice")
        out[name] = derive(spec, claims[key], form, now.date())
    return out


# --- status lists -------------------------------------------------------------------------------


def new_status_list(key: IssuerKey, *, size: int, uri: str, now: datetime, bits: int = 2) -> str:
    """A signed Status List Token with ``size`` entries, all valid."""
    return sign_status_list(
        key.private_key, StatusList.new(size, bits), uri=uri, issued_at=int(now.timestamp())
    )


def read_own_status_list(path: Path, key: IssuerKey) -> StatusListToken:
    """The issuer's own list file, checked: it must be signed by ``key``."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InvalidInput("status_list", "unreadable", f"{path}: {error.strerror}") from None
    try:
        return read_status_list(data.strip(), issuer=key.verifying)
    except InvalidPacket as error:
        raise InvalidInput("status_list", error.reason, error.detail) from None


def set_status(
    token: StatusListToken, key: IssuerKey, *, index: int, status: int, now: datetime
) -> str:
    """The list re-signed with entry ``index`` set to ``status``. A revocation is final."""
    current = token.statuses.status(index)
    if current == INVALID and status != INVALID:
        raise InvalidInput("index", "revoked", "a revoked credential stays revoked")
    changed = token.statuses.with_status(index, status)
    issued = max(int(now.timestamp()), token.iat)
    return sign_status_list(key.private_key, changed, uri=token.uri, issued_at=issued)


def status_reference(token: StatusListToken, index: int) -> StatusReference:
    """Where a new credential's status will live; the entry must be in range and valid."""
    if token.statuses.status(index) != VALID:
        raise InvalidInput("status_index", "in_use", "that entry is revoked or suspended")
    return StatusReference(index, token.uri)


# --- files --------------------------------------------------------------------------------------


def _json(value: Any) -> bytes:
    return jose.dump_json(value) + b"\n"


def _read_json(path: Path, label: str) -> Any:
    try:
        with path.open("rb") as handle:
            data = handle.read(_MAX_FILE + 1)
    except OSError as error:
        raise InvalidInput(label, "unreadable", f"{path}: {error.strerror}") from None
    if len(data) > _MAX_FILE:
        raise InvalidInput(label, "too_large")
    try:
        return strict_json.parse(data, max_depth=8)
    except strict_json.JsonRejected as rejected:
        raise InvalidInput(label, f"json_{rejected.reason}", str(path)) from None
