"""Fuzz targets: every parser of outside input, each called the way Pont calls it.

A target takes the fuzzer's bytes and feeds them to one reader. The reader may refuse the
input only with its documented error (``expected``); any other exception — or a broken
round trip, which the target asserts — is a finding. The harness holds no logic of its own
beyond fixing what a stranger could fix too: ``packet_signed`` signs whatever JSON it is
given with a fixed key (anyone can self-sign a packet), ``keyfile`` also recomputes the
file's checksum (a plain SHA-256 anyone can recompute), so the fuzzer reaches the code
behind those gates.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from vault import _crypto, backup, keyfile, strict_json
from vault.cli_verify import _describe_verdict
from vault.confirmations import parse_trust_document, trust_list_document
from vault.errors import DiskFull, InvalidInput, InvalidPacket, VaultDamaged
from vault.over_asking import minimal_selection, over_asking
from vault.packets import jose
from vault.packets.hpke import RecipientPrivateKey, open_packet, parse_envelope
from vault.packets.keys import HolderKey
from vault.packets.sdjwt import VerifiedPacket, digest, verify_packet
from vault.packets.sdjwt_vc import read_credential
from vault.packets.status_list import read_status_list
from vault.requests import parse_request
from vault.verify import Checks, ReplayCache, Verdict, verify_bytes

# The moment every target checks at: one hour after the seed packets were made
# (tests/fakes.FixedClock), so the seeds are valid packets and mutants start from there.
NOW = datetime(2026, 11, 21, 10, 30, tzinfo=UTC)
AUDIENCE = "patients@gp.example"
PDF_PASSWORD = "one-off-Pa55word"
# Fixed keys for the harness only (never a user's): derived from labels, so seeds and
# targets agree without storing secrets in the repository.
RECIPIENT = RecipientPrivateKey.from_bytes(hashlib.sha512(b"pont fuzz recipient").digest()
                                           + hashlib.sha256(b"pont fuzz x25519").digest())
SIGNER = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"pont fuzz signer").digest())
SIGNER_KEY = HolderKey("Ed25519", SIGNER, jose.verifying_key(SIGNER.public_key()))
_P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
# An issuer's key (issuers sign with ES256): credentials and status lists a stranger signs.
ISSUER = ec.derive_private_key(
    int.from_bytes(hashlib.sha256(b"pont fuzz issuer").digest(), "big") % _P256_ORDER,
    ec.SECP256R1(),
)
ISSUER_KEY = jose.verifying_key(ISSUER.public_key())
SD_HASH_SLOT = b"@SD_HASH@"
# packet_signed: parts of a packet, one per line (JSON texts, not yet base64url).
PART_SEPARATOR = b"\n"


@dataclass(frozen=True)
class Target:
    name: str
    run: Callable[[bytes], None]
    expected: tuple[type[BaseException], ...]
    about: str
    # Modules the target imports lazily: the runner imports them while instrumenting.
    preload: tuple[str, ...] = ()


class Scratch:
    """One private temp folder per process for targets that must read a file."""

    _root: Path | None = None

    @classmethod
    def root(cls) -> Path:
        if cls._root is None:
            shm = Path("/dev/shm")
            base = shm if shm.is_dir() else None
            cls._root = Path(tempfile.mkdtemp(prefix="pont-fuzz-", dir=base))
        return cls._root

    @classmethod
    def folder(cls, name: str) -> Path:
        folder = cls.root() / name
        folder.mkdir(exist_ok=True)
        return folder

    @classmethod
    def cleanup(cls) -> None:
        if cls._root is not None:
            shutil.rmtree(cls._root, ignore_errors=True)
            cls._root = None


def _checks(**extra: Any) -> Checks:
    return Checks(now=NOW, **extra)


def _show(verdict: Verdict) -> None:
    """What Pont does next with a verdict: the --json view and the terminal text."""
    verdict.as_dict()
    _describe_verdict(verdict)


# --- packet (SD-JWT+KB) -------------------------------------------------------------------


def packet(data: bytes) -> None:
    _show_packet(verify_packet(data, now=int(NOW.timestamp()), audience=AUDIENCE,
                               trusted_keys=[SIGNER_KEY.thumbprint]))


def _show_packet(verified: VerifiedPacket) -> None:
    _show(Verdict("fuzz", True, None, "", verified, "sd-jwt"))


def packet_signed(data: bytes) -> None:
    """Lines: issuer header, issuer payload, disclosures…, KB header, KB payload (JSON).
    The harness base64url-encodes and signs them with ``SIGNER``; ``@SD_HASH@`` in the KB
    payload becomes the real sd_hash, as a sender making her own packet would write it."""
    parts = data.split(PART_SEPARATOR)
    if len(parts) < 4:
        return
    header, payload, *disclosures, kb_header, kb_payload = parts
    presented = b"~".join([_signed(header, payload), *map(_b64, disclosures), b""])
    kb_payload = kb_payload.replace(SD_HASH_SLOT, digest(presented).encode("ascii"))
    whole = presented + _signed(kb_header, kb_payload)
    _show_packet(verify_packet(whole, now=int(NOW.timestamp())))


def _b64(part: bytes) -> bytes:
    return jose.b64url_encode(part).encode("ascii")


def _signed(header: bytes, payload: bytes) -> bytes:
    return _signed_by(SIGNER, header, payload)


def split_packet(compact: bytes) -> bytes:
    """A real packet signed by ``SIGNER`` as ``packet_signed`` input (for the seeds)."""
    jwt, *disclosures, kb = compact.split(b"~")
    header, payload, _ = jwt.split(b".")
    kb_header, kb_payload, _ = kb.split(b".")
    kb_json = jose.b64url_decode(kb_payload)
    sd_hash = jose.parse_json(kb_json)["sd_hash"].encode("ascii")
    lines = [jose.b64url_decode(header), jose.b64url_decode(payload),
             *(jose.b64url_decode(d) for d in disclosures),
             jose.b64url_decode(kb_header), kb_json.replace(sd_hash, SD_HASH_SLOT)]
    return PART_SEPARATOR.join(lines)


# --- containers: signed PDF and sealed envelope ------------------------------------------------


def pdf(data: bytes) -> None:
    """``pont verify`` on a PDF: a verdict, never an exception."""
    document = data if data.startswith(b"%PDF-") else b"%PDF-" + data
    _show(verify_bytes(document, _checks(audience=AUDIENCE, pdf_password=PDF_PASSWORD)))


def _unseal(envelope: bytes, audience: str | None) -> bytes:
    return open_packet(envelope, RECIPIENT, audience or str(parse_envelope(envelope)["aud"]))


def sealed(data: bytes) -> None:
    """``pont verify --key`` on an envelope: parse, open, verify what is inside."""
    envelope = data if data.lstrip().startswith(b"{") else b"{" + data
    _show(verify_bytes(envelope, _checks(unseal=_unseal)))
    open_packet(envelope, RECIPIENT, AUDIENCE)


# --- request, backup, key file, replay cache ----------------------------------------------------


def request(data: bytes) -> None:
    parsed = parse_request(data)
    assert parse_request(parsed.to_json()) == parsed, "request does not round-trip"
    over_asking(parsed)
    minimal_selection(parsed, [f.key for f in parsed.fields])


class _Restored:
    """Stands in for ``Vault.open`` on the staged copy (the database's own opening is
    tested by the tamper matrix): it reads the staged key file for real."""

    def __init__(self, folder: Path) -> None:
        keyfile.read_key_file(folder / backup.KEYS)

    def __enter__(self) -> _Restored:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def check(self) -> list[str]:
        return []


def backup_restore(data: bytes) -> None:
    root = Scratch.folder("backup")
    source, target = root / "in.pontbackup", root / "restored"
    source.write_bytes(data)
    try:
        backup.read_manifest(source)
        backup.restore_backup(source, target, _Restored)
        assert (target / backup.KEYS).is_file()
        assert (target / backup.DATABASE).is_file()
    finally:
        shutil.rmtree(target, ignore_errors=True)
        for left in root.iterdir():  # staging the restore failed to remove is a finding
            if left != source:
                shutil.rmtree(left, ignore_errors=True)
                raise AssertionError(f"restore left {left.name} behind")


def key_file(data: bytes) -> None:
    _key_file_round_trip(data)
    try:
        body = strict_json.parse(data, max_depth=8)
    except strict_json.JsonRejected:
        return
    if isinstance(body, dict):
        body.pop("checksum", None)
        body["checksum"] = _crypto.digest(keyfile._canonical(body))
        _key_file_round_trip(keyfile._canonical(body))


def _key_file_round_trip(data: bytes) -> None:
    try:
        parsed = keyfile.parse_key_file(data)
    except VaultDamaged:
        return
    assert keyfile.parse_key_file(parsed.to_bytes()) == parsed, "key file does not round-trip"


def _valid_verdict() -> Verdict:
    packet = VerifiedPacket(
        header={}, kb_header={}, claims={}, disclosed={}, iss="", jti="fuzz-packet",
        iat=int(NOW.timestamp()), exp=int((NOW + timedelta(days=30)).timestamp()),
        aud=AUDIENCE, nonce="n", kb_iat=int(NOW.timestamp()), thumbprint="t",
        public_jwk={}, key_trusted=None,
    )
    return Verdict("fuzz", True, None, "", packet, "sd-jwt")


def replay_cache(data: bytes) -> None:
    path = Scratch.folder("replay") / "seen.json"
    path.write_bytes(data)
    cache = ReplayCache(path)
    cache.check(_valid_verdict(), NOW)
    cache.save()
    again = ReplayCache(path).check(_valid_verdict(), NOW)
    assert again.reason == "replayed", "the saved cache forgot a packet"


# --- verified records: credential, status list, trust list --------------------------------------


def _signed_by(key: jose.PrivateKey, header: bytes, payload: bytes) -> bytes:
    signing_input = _b64(header) + b"." + _b64(payload)
    return signing_input + b"." + _b64(jose.sign(key, signing_input))


def credential_signed(data: bytes) -> None:
    """``pont credential import``: lines of issuer header, payload, disclosures… (JSON),
    signed by ``ISSUER`` (anyone can sign a credential with their own key)."""
    parts = data.split(PART_SEPARATOR)
    if len(parts) < 2:
        return
    header, payload, *disclosures = parts
    issued = b"~".join([_signed_by(ISSUER, header, payload), *map(_b64, disclosures), b""])
    verified = read_credential(issued, now=int(NOW.timestamp()))
    again = read_credential(verified.credential.serialise(), now=int(NOW.timestamp()))
    assert again.disclosed == verified.disclosed, "a credential does not round-trip"


def status_list_signed(data: bytes) -> None:
    """``pont verify --status-list``: lines of header and payload (JSON) signed by ``ISSUER``,
    read as the issuer's list (and as a list of unknown issuer), every status looked up."""
    parts = data.split(PART_SEPARATOR)
    if len(parts) != 2:
        return
    token = _signed_by(ISSUER, *parts)
    read = read_status_list(token, now=int(NOW.timestamp()))
    assert read_status_list(token, issuer=ISSUER_KEY).statuses == read.statuses
    for idx in {0, read.statuses.size // 2, read.statuses.size - 1}:
        assert 0 <= read.statuses.status(idx) < 1 << read.statuses.bits


def trust_list(data: bytes) -> None:
    """``pont verify --trust-issuer``: an issuer entry or a trust list, and its round trip."""
    issuers = parse_trust_document(data)
    written = jose.dump_json(trust_list_document(issuers))
    assert parse_trust_document(written) == issuers, "a trust list does not round-trip"


def split_jwt(compact: str) -> bytes:
    """A signed credential (``<jwt>~<d>~…~``) or status list (``<jwt>``) as target lines."""
    jwt, *disclosures = compact.encode("ascii").split(b"~")
    header, payload, _ = jwt.split(b".")
    lines = [jose.b64url_decode(header), jose.b64url_decode(payload)]
    return PART_SEPARATOR.join(lines + [jose.b64url_decode(d) for d in disclosures if d])


TARGETS: dict[str, Target] = {
    t.name: t
    for t in (
        Target("packet", packet, (InvalidPacket,), "vault/packets/sdjwt.py verify_packet"),
        Target("packet_signed", packet_signed, (InvalidPacket,),
               "verify_packet behind a valid signature, then as_dict and the terminal text"),
        Target("pdf", pdf, (), "vault/verify.py verify_bytes on a signed PDF",
               ("pyhanko.pdf_utils.reader", "pyhanko.sign.validation", "pyhanko_certvalidator")),
        Target("sealed", sealed, (InvalidPacket,),
               "vault/packets/hpke.py parse_envelope/open_packet, then verify_bytes"),
        Target("request", request, (InvalidPacket,),
               "vault/requests.py parse_request, round trip, over-asking"),
        Target("backup", backup_restore, (VaultDamaged, DiskFull),
               "vault/backup.py read_manifest and restore_backup"),
        Target("keyfile", key_file, (VaultDamaged,),
               "vault/keyfile.py parse_key_file, raw and with its checksum recomputed"),
        Target("replay_cache", replay_cache, (InvalidInput,),
               "vault/verify.py ReplayCache load, check, save"),
        Target("credential_signed", credential_signed, (InvalidPacket,),
               "vault/packets/sdjwt_vc.py read_credential behind a valid signature, round trip"),
        Target("status_list_signed", status_list_signed, (InvalidPacket,),
               "vault/packets/status_list.py read_status_list behind a valid signature"),
        Target("trust_list", trust_list, (InvalidInput,),
               "vault/confirmations.py parse_trust_document and its round trip"),
    )
}
