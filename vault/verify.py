"""The organisation's side: check a packet file (SD-JWT, signed PDF, or sealed envelope).

A verdict is valid or invalid with a stable reason code (``docs/packet-format.md``), who
signed (the key fingerprint and whether it is one the organisation trusts), for whom and
which reference, what was disclosed, whether it has expired, whether it was seen before
(replay), and — over a batch — whether a later packet supersedes it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from vault import strict_json
from vault.atomic import write_atomic
from vault.confirmations import (
    FieldStatus,
    TrustedIssuer,
    check_packet_confirmations,
    field_status_data,
)
from vault.errors import InvalidInput, InvalidPacket
from vault.packets.sdjwt import DEFAULT_SKEW, VerifiedPacket, iso_time, verify_packet

MAX_FILE = 20 * 1024 * 1024
# Some 60 bytes a packet id: room for a million ids still unexpired.
MAX_REPLAY_CACHE = 64 * 1024 * 1024
ATTACHMENT = "packet.sd-jwt"

Unseal = Callable[[bytes, str | None], bytes]
T = TypeVar("T")


@dataclass(frozen=True)
class Verdict:
    """The outcome for one file. ``reason`` is None exactly when ``valid``."""

    source: str
    valid: bool
    reason: str | None
    detail: str
    packet: VerifiedPacket | None
    container: str
    superseded_by: str | None = None
    replayed: bool = False
    at: int | None = None  # the moment an ``expired`` / ``not_yet_valid`` reason is about
    fields: dict[str, FieldStatus] = field(default_factory=dict)  # per claim (§5.7)

    def as_dict(self) -> dict[str, Any]:
        packet = self.packet
        return {
            "source": self.source,
            "valid": self.valid,
            "reason": self.reason,
            "detail": self.detail,
            "container": self.container,
            "superseded_by": self.superseded_by,
            "replayed": self.replayed,
            "at": None if self.at is None else iso_time(self.at),
            "packet": None
            if packet is None
            else {
                "packet_id": packet.jti,
                "kind": packet.claims.get("pont", {}).get("kind"),
                "audience": packet.aud,
                "reference": packet.nonce,
                "issued_at": iso_time(packet.iat),
                "expires_at": iso_time(packet.exp),
                "signer_fingerprint": packet.thumbprint,
                "signer_trusted": packet.key_trusted,
                "supersedes": packet.claims.get("supersedes"),
                "purpose": packet.claims.get("purpose"),
                "acting": packet.claims.get("act"),
                "notice": packet.claims.get("notice"),
                "disclosed": packet.disclosed,
                "provenance": packet.claims.get("provenance") or {},
                "fields": {name: field_status_data(s) for name, s in self.fields.items()},
            },
        }


@dataclass(frozen=True)
class Checks:
    """What the organisation expects; ``now`` is explicit so expiry is testable."""

    now: datetime
    audience: str | None = None
    nonce: str | None = None
    trusted_keys: Collection[str] | None = None
    pdf_password: str | None = None
    unseal: Unseal | None = None
    trusted_issuers: Sequence[TrustedIssuer] = ()  # whose confirmations count (§5.7)
    status_lists: Sequence[bytes] = ()


def verify_file(path: Path, checks: Checks) -> Verdict:
    """Verify one file; never raises for bad content (the verdict says why)."""
    try:
        data = _read(path)
    except InvalidPacket as error:
        return Verdict(str(path), False, error.reason, error.detail, None, "unknown")
    return verify_bytes(data, checks, source=str(path))


def verify_bytes(data: bytes, checks: Checks, source: str = "-") -> Verdict:
    container = _container(data)
    try:
        machine = _machine_packet(data, container, checks)
        packet = verify_packet(
            machine,
            now=int(checks.now.timestamp()),
            audience=checks.audience,
            nonce=checks.nonce,
            trusted_keys=_fingerprints(checks.trusted_keys),
        )
        if container == "pdf":
            _check_pdf(data, packet, machine, checks.pdf_password)
    except InvalidPacket as error:
        return Verdict(source, False, error.reason, error.detail, None, container, at=error.at)
    fields = check_packet_confirmations(
        packet,
        trusted_issuers=checks.trusted_issuers,
        status_lists=checks.status_lists,
        now=checks.now,
    )
    return Verdict(source, True, None, "", packet, container, fields=fields)


def fingerprint(text: str) -> str:
    """A key fingerprint as typed or copied from the PDF, which prints it in groups of four
    ("AbCd EfGh …"): the spaces (and line breaks) go, the letters stay exactly as printed —
    a fingerprint is base64url, so "a" and "A" are different characters."""
    return "".join(text.split())


def _fingerprints(keys: Collection[str] | None) -> Collection[str] | None:
    return None if keys is None else {fingerprint(k) for k in keys}


def verify_batch(paths: Sequence[Path], checks: Checks) -> list[Verdict]:
    """Verify many files and mark each one a later valid packet in the batch supersedes."""
    verdicts = [verify_file(path, checks) for path in paths]
    valid = [v.packet for v in verdicts if v.packet is not None]
    return [
        replace(v, superseded_by=_successor(v.packet, valid)) if v.packet is not None else v
        for v in verdicts
    ]


def _successor(packet: VerifiedPacket, others: list[VerifiedPacket]) -> str | None:
    """A later packet that names this one as replaced — only believed from the same signer
    about the same subject to the same organisation, so nobody else can retire a packet."""
    for later in others:
        if (
            later.claims.get("supersedes") == packet.jti
            and later.thumbprint == packet.thumbprint
            and later.claims.get("sub") == packet.claims.get("sub")
            and later.aud == packet.aud
            and later.iat >= packet.iat
        ):
            return later.jti
    return None


class ReplayCache:
    """Packet ids already accepted, kept until they expire (T18). A small JSON file."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._seen: dict[str, int] = {}
        if path.exists():
            self._seen = _read_replay_cache(path)

    def check(self, verdict: Verdict, now: datetime) -> Verdict:
        """A second sighting of a valid packet id makes the verdict invalid (``replayed``)."""
        if verdict.packet is None:
            return verdict
        # Kept until the verifier itself would refuse the packet as expired (exp + skew).
        moment = int(now.timestamp()) - DEFAULT_SKEW
        self._seen = {k: v for k, v in self._seen.items() if v > moment}
        if verdict.packet.jti in self._seen:
            return replace(
                verdict,
                valid=False,
                reason="replayed",
                replayed=True,
                detail="this packet was already presented",
            )
        self._seen[verdict.packet.jti] = verdict.packet.exp
        return verdict

    def save(self) -> None:
        write_atomic(self._path, json.dumps(self._seen, sort_keys=True).encode("utf-8"))


def _read_replay_cache(path: Path) -> dict[str, int]:
    """The cache file strictly: an object of packet id to expiry time. A damaged cache is
    refused, never silently emptied — an empty cache would accept every replay."""
    loaded = strict_json.read_file(
        path, field="replay_cache", max_bytes=MAX_REPLAY_CACHE, max_depth=1, rejected="damaged"
    )
    if not isinstance(loaded, dict) or not all(type(v) is int for v in loaded.values()):
        raise InvalidInput("replay_cache", "damaged", "not an object of packet ids and times")
    return loaded


# -- containers ---------------------------------------------------------------------


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE + 1)
    except OSError as error:
        raise InvalidPacket("unreadable_file", error.strerror or "") from None
    if len(data) > MAX_FILE:
        raise InvalidPacket("file_too_large")
    return data


def _container(data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.lstrip().startswith(b"{"):
        return "sealed"
    return "sd-jwt"


def _machine_packet(data: bytes, container: str, checks: Checks) -> bytes:
    if container == "pdf":
        return _attachment(data, checks.pdf_password)
    if container == "sealed":
        if checks.unseal is None:
            raise InvalidPacket("sealed_no_key", "this packet is encrypted; give the private key")
        return checks.unseal(data, checks.audience)
    return data


def _pdf_read_errors() -> tuple[type[Exception], ...]:
    """What pyHanko raises on hostile bytes; it has no error contract. Besides ``PdfError``:
    ValueError, KeyError, TypeError, IndexError, and — each found by tests/fuzz — its own
    ``assert``s in the xref reader, NotImplementedError (a PDF MAC algorithm it lacks),
    AttributeError (an unknown digest OID, a dictionary where a stream belongs),
    ``zlib.error`` (an attachment that does not inflate), ArithmeticError (OverflowError: a
    ``startxref`` past any file; decimal.InvalidOperation: a number that is not one) and
    RecursionError. Every read of a PDF catches exactly these: one rule, one place."""
    import zlib

    from pyhanko.pdf_utils.misc import PdfError

    return (PdfError, ValueError, KeyError, TypeError, IndexError, AssertionError,
            NotImplementedError, AttributeError, ArithmeticError, RecursionError, zlib.error)


def _open_pdf(data: bytes, password: str | None) -> Any:
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        if reader.encrypted:
            if password is None:
                raise InvalidPacket("pdf_password_required")
            _check_password(reader.decrypt(password))
        return reader
    except _pdf_read_errors():
        raise InvalidPacket("pdf_malformed") from None


def _check_password(result: Any) -> None:
    """A refused password, told apart from a file changed since it was made: the password
    opens the key, then the file's integrity code (ISO 32004 PDF MAC) fails."""
    if result.status.name != "FAILED":
        return
    if result.mac_status is not None and result.mac_status.name == "FAILED":
        raise InvalidPacket(
            "pdf_modified_after_signing", "the password is right but the file was changed"
        )
    raise InvalidPacket("pdf_wrong_password")


def _attachment(data: bytes, password: str | None) -> bytes:
    from vault.pdf_binding import packet_attachment

    return _reading_pdf(lambda: packet_attachment(_open_pdf(data, password)))


def _check_pdf(data: bytes, packet: VerifiedPacket, machine: bytes, password: str | None) -> None:
    """Signed by the packet's own key over the whole file, and pages drawn from the packet."""
    from vault.pdf_binding import check_pages

    reader = _open_pdf(data, password)
    _check_pdf_signature(reader, packet)
    _reading_pdf(lambda: check_pages(reader, packet, machine))


def _reading_pdf(step: Callable[[], T]) -> T:
    """A PDF that breaks the reader while it is walked is damaged, never a traceback."""

    try:
        return step()
    except _pdf_read_errors():
        raise InvalidPacket("pdf_malformed") from None


def _check_pdf_signature(reader: Any, packet: VerifiedPacket) -> None:
    """The PDF must be signed by the packet's own key, over the whole file."""
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko_certvalidator import ValidationContext

    refused: tuple[type[Exception], ...] = (SignatureValidationError, *_pdf_read_errors())
    # A damaged signature dictionary or CMS blob fails anywhere in here (finding the signer's
    # certificate included): every such failure is the one verdict, never an exception.
    try:
        signatures = reader.embedded_signatures
        if len(signatures) != 1:
            raise InvalidPacket(
                "pdf_signature_missing" if not signatures else "pdf_signature_extra"
            )
        signature = signatures[0]
        # The certificate is self-signed by design: trust is the packet key's fingerprint, so
        # the certificate is its own root and only integrity and coverage are judged here.
        context = ValidationContext(trust_roots=[signature.signer_cert], allow_fetching=False)
        status = validate_pdf_signature(signature, signer_validation_context=context)
    except refused:
        raise InvalidPacket("pdf_signature_invalid") from None
    if not status.intact or not status.valid:
        raise InvalidPacket("pdf_signature_invalid")
    if status.coverage is None or status.coverage.name != "ENTIRE_FILE":
        raise InvalidPacket("pdf_modified_after_signing")
    if _certificate_thumbprint(signature.signer_cert) != packet.thumbprint:
        raise InvalidPacket("pdf_signer_mismatch", "the PDF and the packet have different signers")


def _certificate_thumbprint(certificate: Any) -> str:
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519
    from cryptography.hazmat.primitives.serialization import load_der_public_key

    from vault.packets import jose

    key = load_der_public_key(certificate.public_key.dump())
    if not isinstance(key, ec.EllipticCurvePublicKey | ed25519.Ed25519PublicKey):
        raise InvalidPacket("pdf_signer_mismatch", "unsupported key type")
    return jose.jwk_thumbprint(jose.public_jwk(key))

