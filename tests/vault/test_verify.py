"""The organisation's side (journey 9): ``vault.verify`` on SD-JWTs, signed PDFs and sealed
envelopes, batch supersession and the replay cache."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from fakes import PASSPHRASE, FixedClock
from pyhanko.pdf_utils.reader import PdfFileReader

from vault._crypto import KDF_FLOOR
from vault.atomic import REAL_OPS, TEMP_PREFIX
from vault.errors import InvalidInput, StorageError
from vault.packets.hpke import RecipientPrivateKey, new_recipient_key, open_packet, seal_packet
from vault.packets.keys import generate_holder_key
from vault.packets.pdf import render_packet_pdf
from vault.packets.sdjwt import issue_packet
from vault.share import Selection, ShareOrder, prepare, send
from vault.updates import tell_them_once
from vault.vault import Environment, Vault
from vault.verify import Checks, ReplayCache, Verdict, verify_batch, verify_bytes, verify_file

GP = "patients@gp.example"
COUNCIL = "tax@council.example"
REFERENCE = "GP-2026-0042"
PASSWORD = "one-off-Pa55word"


@dataclass
class World:
    """Packets made once for the whole module by a real vault."""

    now: datetime
    folder: Path
    sdjwt: Path
    pdf: Path
    locked_pdf: Path
    original: Path
    update: Path
    packet_id: str
    update_id: str
    fingerprint: str
    summary: object
    machine: bytes
    signing_key: object
    recipient: RecipientPrivateKey


@pytest.fixture(scope="module")
def world(
    template_vault: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    root = tmp_path_factory.mktemp("verify")
    shutil.copytree(template_vault[0], root / "vault")
    clock = FixedClock()
    env = Environment(clock=clock, calibrate=lambda: KDF_FLOOR)
    with Vault.open(root / "vault", PASSPHRASE, env) as vault:
        person = vault.people.add("Ada Lovelace", "owner").person.id
        vault.profiles.set(person, "givenName", "Ada")
        vault.profiles.set(
            person, "address", {"lines": ["1 Park Row"], "town": "Leeds", "postcode": "LS1 5AB"}
        )
        gp = vault.organisations.add("Park Row Surgery", GP).organisation.id
        council = vault.organisations.add("Leeds City Council", COUNCIL).organisation.id

        def share(org: int, *selections: Selection, **extra: object) -> tuple[object, dict]:
            prepared = prepare(
                vault,
                ShareOrder(person, org, "Register as a patient", selections, **extra),  # type: ignore[arg-type]
            )
            return prepared, send(vault, prepared, root / "out").files

        prepared, files = share(gp, Selection("givenName"), reference=REFERENCE)
        _, locked = share(gp, Selection("givenName"), pdf_password=PASSWORD, channel="file")
        _, kept = share(council, Selection("address"), channel="file")
        original_id = vault.ledger.entries(organisation_id=council)[0].packet_id
        clock.advance(days=1)
        vault.profiles.set(
            person,
            "address",
            {"lines": ["2 Park Row"], "town": "Leeds", "postcode": "LS1 5AB"},
            entry=0,
        )
        (updated,) = tell_them_once(vault, person, "address", 0, root / "updates")
        key = vault.holder_keys.default()
        recipient, _ = new_recipient_key()
        yield World(
            now=clock.now - timedelta(days=1),
            folder=root,
            sdjwt=files["sd-jwt"],
            pdf=files["pdf"],
            locked_pdf=locked["pdf"],
            original=kept["sd-jwt"],
            update=updated.files["sd-jwt"],
            packet_id=prepared.packet_id,  # type: ignore[attr-defined]
            update_id=updated.packet_id,
            fingerprint=key.key.thumbprint,
            summary=replace(prepared.summary, key_fingerprint=key.key.thumbprint),  # type: ignore[attr-defined]
            machine=files["sd-jwt"].read_bytes(),
            signing_key=key.key.private_key,
            recipient=recipient,
        )
        assert original_id


def checks(world: World, **extra: object) -> Checks:
    return Checks(now=world.now, **extra)  # type: ignore[arg-type]


def invalid(verdict: Verdict) -> str | None:
    assert not verdict.valid
    assert verdict.packet is None
    return verdict.reason


# --- valid packets ----------------------------------------------------------------------------


def test_valid_sdjwt(world: World) -> None:
    verdict = verify_file(world.sdjwt, checks(world, audience=GP, nonce=REFERENCE))
    assert verdict.valid, verdict
    assert verdict.reason is None
    assert verdict.container == "sd-jwt"
    data = verdict.as_dict()
    assert data["packet"]["packet_id"] == world.packet_id
    assert data["packet"]["audience"] == GP
    assert data["packet"]["reference"] == REFERENCE
    assert data["packet"]["kind"] == "disclosure"
    assert data["packet"]["disclosed"] == {"givenName": "Ada"}
    assert data["packet"]["signer_fingerprint"] == world.fingerprint
    assert data["packet"]["signer_trusted"] is None
    assert data["packet"]["issued_at"] == "2026-11-21T09:30:00Z"
    assert data["packet"]["expires_at"] == "2026-12-21T09:30:00Z"


def test_valid_pdf(world: World) -> None:
    verdict = verify_file(world.pdf, checks(world, audience=GP, nonce=REFERENCE))
    assert verdict.valid, verdict
    assert verdict.container == "pdf"
    assert verdict.packet is not None
    assert verdict.packet.jti == world.packet_id


def test_password_pdf(world: World) -> None:
    assert verify_file(world.locked_pdf, checks(world, pdf_password=PASSWORD)).valid
    assert invalid(verify_file(world.locked_pdf, checks(world))) == "pdf_password_required"
    wrong = verify_file(world.locked_pdf, checks(world, pdf_password="not-the-one"))
    assert invalid(wrong) == "pdf_wrong_password"


def test_a_changed_password_pdf_is_said_to_be_changed(world: World) -> None:
    """Issue 9 §3: with the right password, a changed byte is a changed file, not a wrong
    password; whatever byte changes, the verdict is a code, never an exception."""
    data = world.locked_pdf.read_bytes()
    # Only the password check's own bytes (/U, /O in /Encrypt) cannot be told from a wrong
    # password: the key they check is what would open the file.
    password_check = [
        range(match.start(), match.end())
        for match in re.finditer(rb"/[UO] <[0-9a-f]+>", data)
    ]
    reasons = set()
    for offset in range(len(data) // 7, len(data), len(data) // 60):
        changed = bytearray(data)
        changed[offset] ^= 0x01
        verdict = verify_bytes(bytes(changed), checks(world, pdf_password=PASSWORD))
        reasons.add(verdict.reason)
        if not any(offset in span for span in password_check):
            assert verdict.reason != "pdf_wrong_password", offset
    assert "pdf_modified_after_signing" in reasons
    wrong = verify_bytes(data, checks(world, pdf_password="not-the-one"))
    assert invalid(wrong) == "pdf_wrong_password"


def test_valid_sealed_envelope(world: World) -> None:
    envelope = seal_packet(world.machine, world.recipient.public_jwk(), GP)

    def unseal(data: bytes, audience: str | None) -> bytes:
        return open_packet(data, world.recipient, audience or "")

    verdict = verify_bytes(envelope, checks(world, audience=GP, unseal=unseal))
    assert verdict.valid, verdict
    assert verdict.container == "sealed"
    assert invalid(verify_bytes(envelope, checks(world, audience=GP))) == "sealed_no_key"
    other, _ = new_recipient_key()
    wrong_key = verify_bytes(
        envelope,
        checks(world, audience=GP, unseal=lambda d, a: open_packet(d, other, a or "")),
    )
    assert invalid(wrong_key) == "sealed_wrong_recipient"


def test_trusted_keys_are_reported(world: World) -> None:
    known = verify_file(world.sdjwt, checks(world, trusted_keys=[world.fingerprint]))
    assert known.packet is not None
    assert known.packet.key_trusted is True
    unknown = verify_file(world.sdjwt, checks(world, trusted_keys=["someone-else"]))
    assert unknown.packet is not None
    assert unknown.packet.key_trusted is False


# --- invalid packets ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["sdjwt", "pdf"])
def test_audience_and_nonce_mismatch(world: World, path: str) -> None:
    file = getattr(world, path)
    assert invalid(verify_file(file, checks(world, audience=COUNCIL))) == "audience_mismatch"
    assert invalid(verify_file(file, checks(world, nonce="OTHER-REF"))) == "nonce_mismatch"


def test_expired(world: World) -> None:
    later = replace(checks(world), now=world.now + timedelta(days=31))
    assert invalid(verify_file(world.sdjwt, later)) == "expired"
    assert invalid(verify_file(world.pdf, later)) == "expired"


def test_missing_or_oversized_file(world: World, tmp_path: Path) -> None:
    assert verify_file(tmp_path / "nope.sd-jwt", checks(world)).reason == "unreadable_file"
    huge = tmp_path / "huge.sd-jwt"
    with huge.open("wb") as out:
        out.truncate(20 * 1024 * 1024 + 1)
    assert verify_file(huge, checks(world)).reason == "file_too_large"


def test_pdf_with_bytes_appended_after_signing(world: World) -> None:
    data = world.pdf.read_bytes()
    for tail in (b"\n% appended by someone\n", b"garbage"):
        assert invalid(verify_bytes(data + tail, checks(world))) == "pdf_modified_after_signing"


def test_pdf_with_a_changed_byte_in_the_page_content(world: World) -> None:
    data = world.pdf.read_bytes()
    reader = PdfFileReader(BytesIO(data), strict=False)
    contents = reader.root["/Pages"]["/Kids"][0].get_object().raw_get("/Contents")
    header = re.search(rb"\n%d 0 obj" % contents.idnum, data)
    assert header is not None
    start = data.index(b"stream", header.end()) + len(b"stream\n")
    tampered = bytearray(data)
    tampered[start + 5] ^= 0x01
    assert invalid(verify_bytes(bytes(tampered), checks(world))) == "pdf_signature_invalid"


def test_pdf_whose_attachment_is_another_holders_packet(world: World) -> None:
    """The PDF is signed by holder A over holder B's (valid) packet: the signers differ."""
    stranger = generate_holder_key()
    moment = int(world.now.timestamp())
    foreign = issue_packet(
        stranger,
        claims={"givenName": "Mallory"},
        public_claims={"purpose": "Register as a patient"},
        issued_at=moment,
        expires_at=moment + 86400,
        audience=GP,
        nonce=REFERENCE,
    ).encode("ascii")
    assert verify_bytes(foreign, checks(world, audience=GP)).valid
    swapped = render_packet_pdf(
        world.summary,  # type: ignore[arg-type]
        foreign,
        world.signing_key,  # type: ignore[arg-type]
        now=world.now,
    )
    assert invalid(verify_bytes(swapped, checks(world, audience=GP))) == "pdf_signer_mismatch"


def test_pdf_with_any_object_header_damaged_gets_a_verdict(world: World) -> None:
    """Found by tests/fuzz (target pdf): pyHanko reads objects lazily, so the signature
    field's damaged header raised ObjectHeaderReadError out of ``verify_bytes``. Every
    object's header in turn: a verdict with a reason, never an exception."""
    data = world.pdf.read_bytes()
    headers = list(re.finditer(rb"\n(\d+) 0 obj", data))
    assert len(headers) > 10
    reasons = set()
    for header in headers:
        start, end = header.span(1)
        damaged = data[:start] + b"x" * (end - start) + data[end:]
        reasons.add(invalid(verify_bytes(damaged, checks(world))))
    assert reasons <= {"pdf_malformed", "pdf_no_packet", "pdf_signature_invalid"}


FUZZ_PDFS = Path(__file__).parents[1] / "fuzz" / "regressions" / "pdf"


@pytest.mark.parametrize("name", sorted(p.name for p in FUZZ_PDFS.iterdir()))
def test_pdfs_found_by_fuzzing_get_a_verdict(world: World, name: str) -> None:
    """Mutants of a real signed (and a password) PDF that made pyHanko raise AssertionError
    (its own assert in the xref reader), NotImplementedError (a PDF MAC algorithm it lacks),
    AttributeError (an unknown digest OID, a null signature field) out of ``verify_bytes``."""
    data = (FUZZ_PDFS / name).read_bytes()
    verdict = verify_bytes(data, checks(world, pdf_password=PASSWORD))
    # Any documented refusal will do (a mutant with two attachments is refused as such first).
    assert invalid(verdict) in {
        "pdf_malformed", "pdf_no_packet", "pdf_signature_invalid", "pdf_extra_packet",
    }


def test_pdf_without_a_packet_or_signature(world: World) -> None:
    assert invalid(verify_bytes(b"%PDF-1.7\nnot really\n", checks(world))) in {
        "pdf_malformed",
        "pdf_no_packet",
    }


# --- batches ------------------------------------------------------------------------------------


def test_an_update_supersedes_the_original_in_a_batch(world: World) -> None:
    later = replace(checks(world), now=world.now + timedelta(days=2))
    original, update = verify_batch([world.original, world.update], later)
    assert original.valid
    assert update.valid
    assert update.packet is not None
    assert original.packet is not None
    assert update.packet.claims["supersedes"] == original.packet.jti
    assert original.superseded_by == update.packet.jti
    assert update.superseded_by is None
    assert update.as_dict()["packet"]["supersedes"] == original.packet.jti
    assert original.as_dict()["superseded_by"] == update.packet.jti
    # On its own, nothing supersedes the original.
    (alone,) = verify_batch([world.original], later)
    assert alone.superseded_by is None


def test_only_the_same_holder_can_supersede(world: World, tmp_path: Path) -> None:
    """BUG: ``verify_batch`` believes any packet's ``supersedes`` claim, so a packet from a
    stranger (another key) marks someone else's packet as replaced."""
    (original,) = verify_batch([world.original], checks(world))
    assert original.packet is not None
    stranger = generate_holder_key()
    moment = int(world.now.timestamp()) + 60
    forged = tmp_path / "forged.sd-jwt"
    forged.write_bytes(
        issue_packet(
            stranger,
            claims={"address": {"lines": ["Elsewhere"]}},
            public_claims={
                "supersedes": original.packet.jti,
                "pont": {"version": 1, "kind": "update"},
            },
            issued_at=moment,
            expires_at=moment + 86400,
            audience=COUNCIL,
            nonce="n",
        ).encode("ascii")
    )
    verdicts = verify_batch([world.original, forged], checks(world))
    assert verdicts[1].valid
    assert verdicts[0].superseded_by is None


# --- replay cache -------------------------------------------------------------------------------


def test_replay_cache_refuses_the_second_presentation(world: World, tmp_path: Path) -> None:
    path = tmp_path / "seen.json"
    cache = ReplayCache(path)
    first = cache.check(verify_file(world.sdjwt, checks(world)), world.now)
    assert first.valid
    assert not first.replayed
    second = cache.check(verify_file(world.pdf, checks(world)), world.now)  # same packet id
    assert (second.valid, second.reason, second.replayed) == (False, "replayed", True)
    cache.save()
    # A new process reading the same file still refuses it.
    reloaded = ReplayCache(path)
    again = reloaded.check(verify_file(world.sdjwt, checks(world)), world.now)
    assert again.reason == "replayed"
    assert json.loads(path.read_text("utf-8")) == {
        world.packet_id: int((world.now + timedelta(days=30)).timestamp())
    }
    # Another packet is fine.
    other = reloaded.check(verify_file(world.original, checks(world)), world.now)
    assert other.valid


def test_replay_cache_forgets_expired_ids(world: World, tmp_path: Path) -> None:
    cache = ReplayCache(tmp_path / "seen.json")
    verdict = verify_file(world.sdjwt, checks(world))
    assert verdict.packet is not None
    cache.check(verdict, world.now)
    much_later = world.now + timedelta(days=400)
    other = verify_file(world.original, checks(world))
    cache.check(other, much_later)  # prunes
    cache.save()
    stored = json.loads((tmp_path / "seen.json").read_text("utf-8"))
    assert world.packet_id not in stored
    assert other.packet is not None
    assert set(stored) == {other.packet.jti}


def test_replay_cache_ignores_invalid_verdicts(world: World, tmp_path: Path) -> None:
    cache = ReplayCache(tmp_path / "seen.json")
    bad = verify_file(world.sdjwt, checks(world, audience=COUNCIL))
    assert cache.check(bad, world.now) is bad
    assert cache.check(verify_file(world.sdjwt, checks(world)), world.now).valid


def test_replay_cache_is_written_atomically(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "seen.json"
    cache = ReplayCache(path)
    cache.check(verify_file(world.sdjwt, checks(world)), world.now)
    cache.save()
    before = path.read_bytes()
    cache.check(verify_file(world.original, checks(world)), world.now)

    def broken_replace(source: Path, target: Path) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(REAL_OPS, "replace", broken_replace)
    with pytest.raises(StorageError):
        cache.save()
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)] == []
    assert (path.stat().st_mode & 0o777) == 0o600


@pytest.mark.parametrize(
    "content",
    [
        b"[" * 100_000 + b"]" * 100_000,  # RecursionError escaped (found by tests/fuzz)
        b'{"id": 1e400}',  # OverflowError escaped
        b'{"id": NaN}',
        b'{"id": 1, "id": 2}',
        b'{"id": "1700000000"}',
        b'{"id": true}',
        b'["id"]',
        b"\xff\xfe",
        b"{",
    ],
)
def test_a_damaged_replay_cache_is_refused_not_forgotten(
    world: World, tmp_path: Path, content: bytes
) -> None:
    """Read through the strict JSON parser; a file that is not a cache is one plain error
    (the CLI prints one line), never a traceback and never an empty cache that would let a
    replay through."""
    path = tmp_path / "seen.json"
    path.write_bytes(content)
    with pytest.raises(InvalidInput) as refused:
        ReplayCache(path)
    assert (refused.value.field, refused.value.reason) == ("replay_cache", "damaged")
    assert path.read_bytes() == content
