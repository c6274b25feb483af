"""The receiving organisation's side: is a confirmed field confirmed by someone it trusts?

A trust list is a file the organisation keeps itself: issuer entries (``KEY.pub.json``, each a
name and a public key) one by one, or many in a ``pont-trust-list`` file. A credential
presentation is checked against it offline, with any Token Status List files the verifier was
given, and reported per field: confirmed by whom and when, whether that issuer is trusted (its
fingerprint either way), expired, revoked or suspended, and bound to the packet's holder.
Nothing here raises for what a presentation contains; the report says why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from vault import strict_json
from vault.errors import InvalidInput, InvalidPacket
from vault.issuer import ENTRY_FORMAT, entry_document, plain_name
from vault.model import format_date
from vault.packets import jose
from vault.packets.sdjwt import VerifiedPacket
from vault.packets.sdjwt_vc import ISSUER_ALG, VerifiedCredential, verify_presentation
from vault.packets.status_list import (
    INVALID,
    STATUS_NAMES,
    SUSPENDED,
    VALID,
    StatusListToken,
    read_status_list,
)

TRUST_LIST_FORMAT: Final = "pont-trust-list"
_MAX_FILE: Final = 4 * 1024 * 1024


@dataclass(frozen=True)
class TrustedIssuer:
    """One entry of a trust list: the name this organisation knows the issuer by, its key."""

    name: str
    key: jose.VerifyingKey
    contact: str | None = None

    @property
    def fingerprint(self) -> str:
        return self.key.thumbprint


def parse_trust_document(data: bytes, source: str = "trust list") -> list[TrustedIssuer]:
    """Entries from one issuer entry or one trust list; ``InvalidInput`` if malformed."""
    try:
        document = strict_json.parse(data, max_depth=8)
    except strict_json.JsonRejected as rejected:
        raise InvalidInput("trust_list", f"json_{rejected.reason}", source) from None
    if isinstance(document, dict) and document.get("format") == TRUST_LIST_FORMAT:
        if document.get("version") != 1 or not isinstance(document.get("issuers"), list):
            raise InvalidInput("trust_list", "format", f"{source}: version 1 with issuers")
        entries = document["issuers"]
    else:
        entries = [document]
    return [_entry(item, source) for item in entries]


def load_trust_files(paths: Iterable[Path]) -> list[TrustedIssuer]:
    """Every entry of every file; the same key under two names is refused."""
    issuers: dict[str, TrustedIssuer] = {}
    for path in paths:
        for issuer in parse_trust_document(_read(path, "trust_list"), str(path)):
            known = issuers.get(issuer.fingerprint)
            if known is not None and known.name != issuer.name:
                raise InvalidInput(
                    "trust_list", "conflict", f"one key named {known.name!r} and {issuer.name!r}"
                )
            issuers[issuer.fingerprint] = issuer
    return list(issuers.values())


def trust_list_document(issuers: Sequence[TrustedIssuer]) -> dict[str, Any]:
    """A ``pont-trust-list`` document holding ``issuers``."""
    return {
        "format": TRUST_LIST_FORMAT,
        "issuers": [_entry_document(i) for i in issuers],
        "version": 1,
    }


def _entry(item: Any, source: str) -> TrustedIssuer:
    if not isinstance(item, dict) or item.get("format") != ENTRY_FORMAT or item.get("version") != 1:
        raise InvalidInput("trust_list", "format", f"{source}: not a pont-issuer entry")
    name = plain_name("trust_list name", item.get("name"))
    assert name is not None
    try:
        key = jose.import_public_jwk(item.get("key"))
    except InvalidPacket as error:
        raise InvalidInput("trust_list", error.reason, f"{source}: {name}") from None
    if key.alg != ISSUER_ALG:
        raise InvalidInput("trust_list", "unsupported_key", f"{source}: {name} is not ES256")
    if "fingerprint" in item and item["fingerprint"] != key.thumbprint:
        raise InvalidInput("trust_list", "fingerprint_mismatch", f"{source}: {name}")
    return TrustedIssuer(
        name, key, plain_name("trust_list contact", item.get("contact"), required=False)
    )


def _entry_document(issuer: TrustedIssuer) -> dict[str, Any]:
    return entry_document(issuer.name, issuer.key, issuer.contact)


def _read(path: Path, label: str) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(_MAX_FILE + 1)
    except OSError as error:
        raise InvalidInput(label, "unreadable", f"{path}: {error.strerror}") from None
    if len(data) > _MAX_FILE:
        raise InvalidInput(label, "too_large", str(path))
    return data


def read_status_list_files(paths: Iterable[Path]) -> list[bytes]:
    """The Status List Tokens a verifier was given (checked later, against each issuer)."""
    return [_read(path, "status_list").strip() for path in paths]


# --- the per-field report ----------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimConfirmation:
    """One confirmed claim of a presentation. ``reason`` is None exactly when ``confirmed``."""

    claim: str
    value: Any
    confirmed: bool
    reason: str | None


@dataclass(frozen=True)
class ConfirmationReport:
    """What one credential presentation establishes, for the verifier to show per field.

    ``status`` is ``valid``, ``revoked``, ``suspended``, ``unrecognised`` (a status value
    Pont does not know), ``not_checked`` (``status_detail`` says why: no list given, list
    expired, signed by another key …) or ``none`` (the credential has no status entry).
    """

    valid: bool
    reason: str | None
    detail: str
    issuer_fingerprint: str | None = None
    issuer_trusted: bool = False
    issuer_name: str | None = None
    claimed_issuer_name: str | None = None
    vct: str | None = None
    issued_at: datetime | None = None
    expires_at: datetime | None = None
    expired: bool = False
    status: str = "none"
    status_detail: str = ""
    holder_fingerprint: str | None = None
    bound_to_holder: bool | None = None
    claims: tuple[ClaimConfirmation, ...] = ()

    def confirmation(self, claim: str) -> ClaimConfirmation | None:
        return next((c for c in self.claims if c.claim == claim), None)


def verify_credential_presentation(
    text: bytes | str,
    *,
    trusted_issuers: Sequence[TrustedIssuer],
    status_lists: Sequence[bytes | str],
    now: datetime,
    audience: str | None,
    nonce: str | None,
    holder_thumbprint: str | None,
) -> ConfirmationReport:
    """Check one presentation ``<issuer-jwt>~<disclosures>~<KB-JWT>`` and report per claim.

    A claim is confirmed when the presentation verifies (issuer signature, disclosures, a
    KB-JWT for ``audience``/``nonce``), its issuer is on the trust list, it has not expired,
    its status (when a list was given) is valid, and — when ``holder_thumbprint`` is given —
    it is bound to that key (the packet's own holder).
    """
    moment = int(now.timestamp())
    trusted = {i.fingerprint: i for i in trusted_issuers}
    try:
        verified = verify_presentation(
            text,
            now=moment,
            audience=audience,
            nonce=nonce,
            trusted={k: i.key for k, i in trusted.items()},
        )
    except InvalidPacket as error:
        return ConfirmationReport(False, error.reason, error.detail)
    status, status_detail = _status(verified, status_lists, moment)
    bound = None if holder_thumbprint is None else verified.holder.thumbprint == holder_thumbprint
    entry = trusted.get(verified.issuer.thumbprint)
    failure = _first_failure(verified, entry is not None, status, bound)
    return ConfirmationReport(
        valid=True,
        reason=None,
        detail="",
        issuer_fingerprint=verified.issuer.thumbprint,
        issuer_trusted=entry is not None,
        issuer_name=entry.name if entry else None,
        claimed_issuer_name=verified.issuer_name,
        vct=verified.vct,
        issued_at=_time(verified.iat),
        expires_at=_time(verified.exp),
        expired=verified.expired,
        status=status,
        status_detail=status_detail,
        holder_fingerprint=verified.holder.thumbprint,
        bound_to_holder=bound,
        claims=tuple(
            ClaimConfirmation(name, value, failure is None, failure)
            for name, value in verified.disclosed.items()
        ),
    )


def _first_failure(
    verified: VerifiedCredential, trusted: bool, status: str, bound: bool | None
) -> str | None:
    if not trusted:
        return "issuer_not_trusted"
    if verified.expired:
        return "expired"
    if status in ("revoked", "suspended", "unrecognised"):
        return status
    if bound is False:
        return "not_bound_to_holder"
    return None


def _status(
    verified: VerifiedCredential, status_lists: Sequence[bytes | str], now: int
) -> tuple[str, str]:
    reference = verified.status
    if reference is None:
        return "none", ""
    best: StatusListToken | None = None
    problem = "no status list for " + reference.uri
    for data in status_lists:
        try:
            token = read_status_list(data, issuer=verified.issuer, now=now)
        except InvalidPacket as error:
            if _names_uri(data, reference.uri):
                problem = f"{error.reason}: {error.detail}"
            continue
        if token.uri == reference.uri and (best is None or token.iat > best.iat):
            best = token
    if best is None:
        return "not_checked", problem
    try:
        value = best.statuses.status(reference.idx)
    except InvalidInput:
        return "not_checked", "the index is outside the status list"
    if value in (VALID, INVALID, SUSPENDED):
        return STATUS_NAMES[value], ""
    return "unrecognised", f"status value {value}"


def _names_uri(data: bytes | str, uri: str) -> bool:
    """Whether an unusable list claims to be the one asked for (so its problem is reported)."""
    try:
        raw = data.encode("ascii") if isinstance(data, str) else bytes(data)
        payload = strict_json.parse(jose.b64url_decode(raw.split(b".")[1]), max_depth=8)
    except (UnicodeEncodeError, IndexError, InvalidPacket, strict_json.JsonRejected):
        return False
    return isinstance(payload, Mapping) and payload.get("sub") == uri


def _time(seconds: int | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


# --- a packet's confirmations (the claim phase 2 puts in packets) -----------------------------

CONFIRMATIONS_CLAIM: Final = "confirmations"


@dataclass(frozen=True)
class FieldStatus:
    """How one disclosed packet claim stands: ``confirmed``, ``not_confirmed`` or
    ``self_declared``. ``report`` is the confirmation that was checked, if any."""

    claim: str
    state: str
    reason: str | None = None
    report: ConfirmationReport | None = None


def check_packet_confirmations(
    packet: VerifiedPacket,
    *,
    trusted_issuers: Sequence[TrustedIssuer],
    status_lists: Sequence[bytes | str],
    now: datetime,
) -> dict[str, FieldStatus]:
    """Every disclosed claim of a verified packet, confirmed or self-declared (§5.7).

    Each entry of the packet's ``confirmations`` claim is checked for the packet's own
    recipient, request and holder key. A claim is confirmed only when a presentation that
    names it discloses the same value and confirms it; a confirmed entry wins over others.
    """
    statuses = {name: FieldStatus(name, "self_declared") for name in packet.disclosed}
    for entry in _entries(packet.claims.get(CONFIRMATIONS_CLAIM)):
        if entry is None:
            continue
        text, mapping = entry
        report = verify_credential_presentation(
            text,
            trusted_issuers=trusted_issuers,
            status_lists=status_lists,
            now=now,
            audience=packet.aud,
            nonce=packet.nonce,
            holder_thumbprint=packet.thumbprint,
        )
        for claim, credential_claim in mapping.items():
            if claim not in statuses or statuses[claim].state == "confirmed":
                continue
            reason = _claim_failure(report, credential_claim, packet.disclosed[claim])
            state = "confirmed" if reason is None else "not_confirmed"
            statuses[claim] = FieldStatus(claim, state, reason, report)
    return statuses


def _entries(value: Any) -> list[tuple[str, dict[str, str]] | None]:
    """The ``confirmations`` entries; a malformed one is ``None`` (it confirms nothing)."""
    if not isinstance(value, list):
        return []
    out: list[tuple[str, dict[str, str]] | None] = []
    for item in value:
        ok = (
            isinstance(item, dict)
            and set(item) == {"presentation", "claims"}
            and isinstance(item["presentation"], str)
            and isinstance(item["claims"], dict)
            and all(isinstance(v, str) for v in item["claims"].values())
        )
        out.append((item["presentation"], dict(item["claims"])) if ok else None)
    return out


def _claim_failure(report: ConfirmationReport, credential_claim: str, value: Any) -> str | None:
    if not report.valid:
        return report.reason or "invalid"
    confirmation = report.confirmation(credential_claim)
    if confirmation is None:
        return "claim_not_presented"
    if confirmation.value != value:
        return "value_differs"
    return confirmation.reason


# --- the per-field report in words and data (pont verify, the app) ----------------------------

WHAT_CONFIRMED_MEANS: Final = (
    '"Confirmed by" means the issuer checked it on that date; it does not mean it is still true.'
)
_REASON_WORDS: Final = {
    "issuer_not_trusted": "the issuer is not on your trust list",
    "expired": "the confirmation has expired",
    "revoked": "the issuer has revoked it",
    "suspended": "the issuer has suspended it",
    "unrecognised": "its status list shows a value Pont does not know",
    "not_bound_to_holder": "it was made for another holder key than this packet's",
    "value_differs": "the value differs from the one the issuer confirmed",
    "claim_not_presented": "the confirmation does not include this field",
    "audience_mismatch": "it was made for another recipient",
    "nonce_mismatch": "it was made for another request",
}


def field_status_words(status: FieldStatus) -> str:
    """One field's standing in plain words, dates not epoch seconds:
    "confirmed by NAME on DATE (issuer key …, trusted)", "not confirmed: …" or
    "self-declared"."""
    report = status.report
    if status.state == "self_declared" or report is None:
        return "self-declared"
    if status.state == "confirmed":
        words = f"confirmed by {report.issuer_name}{_on(report.issued_at)}"
        words += f" (issuer key {report.issuer_fingerprint}, trusted)"
        if report.status == "not_checked":
            words += f"; revocation not checked ({report.status_detail})"
        return words
    reason = status.reason or "invalid"
    words = "not confirmed: " + _REASON_WORDS.get(reason, f"it does not check out ({reason})")
    if reason == "expired" and report.expires_at is not None:
        words += f" (on {_long(report.expires_at)})"
    if report.valid:
        who = report.issuer_name or f'it calls itself "{report.claimed_issuer_name or "?"}"'
        words += f" — {who}, issuer key {report.issuer_fingerprint}"
    return words


def field_status_data(status: FieldStatus) -> dict[str, Any]:
    """One field's standing for ``--json``: state, reason code, and what was checked."""
    report = status.report
    data: dict[str, Any] = {"state": status.state, "reason": status.reason, "confirmation": None}
    if report is not None and report.valid:
        data["confirmation"] = {
            "issuer_name": report.issuer_name,
            "claimed_issuer_name": report.claimed_issuer_name,
            "issuer_fingerprint": report.issuer_fingerprint,
            "issuer_trusted": report.issuer_trusted,
            "confirmed_on": _day(report.issued_at),
            "expires_on": _day(report.expires_at),
            "expired": report.expired,
            "status": report.status,
            "status_detail": report.status_detail,
            "bound_to_holder": report.bound_to_holder,
            "vct": report.vct,
        }
    return data


def _on(moment: datetime | None) -> str:
    return "" if moment is None else f" on {_long(moment)}"


def _long(moment: datetime) -> str:
    return format_date(moment.date())


def _day(moment: datetime | None) -> str | None:
    return None if moment is None else moment.date().isoformat()
