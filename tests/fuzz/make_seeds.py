"""Write the seed corpus (tests/fuzz/seeds/<target>/) from real Pont outputs.

A real vault (KDF floor, fixed clock) shares with a GP as SD-JWT, signed PDF and
password-protected PDF; the packet is sealed to the harness's recipient key; a request is
made from a catalogue template; a backup is taken; the vault's key file and a replay
cache are copied. Run again only when a format changes:

    PYTHONPATH=. .venv/bin/python -m tests.fuzz.make_seeds
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec

from vault._crypto import KDF_FLOOR
from vault.backup import create_backup
from vault.confirmations import TrustedIssuer, trust_list_document
from vault.issuer import entry_document
from vault.packets import jose
from vault.packets.hpke import seal_packet
from vault.packets.sdjwt import issue_packet
from vault.packets.sdjwt_vc import StatusReference, issue_credential
from vault.packets.status_list import INVALID, SUSPENDED, StatusList, sign_status_list
from vault.requests import RequestedField, new_request, request_catalogue
from vault.share import Selection, ShareOrder, prepare, send
from vault.vault import Environment, Vault
from vault.verify import ReplayCache, verify_bytes

from . import targets

SEEDS = Path(__file__).with_name("seeds")
STATUS_URI = "https://dvla.example/status/2026-1"
# A second issuer for the trust list (public key only: nothing is signed with it).
COUNCIL_KEY = jose.verifying_key(ec.derive_private_key(2**200 + 17, ec.SECP256R1()).public_key())
PASSPHRASE = "correct horse battery staple"
sys.path.insert(0, str(Path(__file__).parents[1]))
from fakes import FixedClock  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        clock = FixedClock()
        env = Environment(clock=clock, calibrate=lambda: KDF_FLOOR)
        created = Vault.create(root / "vault", PASSPHRASE, env=env, kdf=KDF_FLOOR)
        with created.vault as vault:
            seeds = _share(vault, root)
            create_backup(vault, root / "vault.pontbackup")
        seeds["backup"] = {"real.pontbackup": (root / "vault.pontbackup").read_bytes()}
        seeds["keyfile"] = {"vault.keys": (root / "vault" / "vault.keys").read_bytes()}
        seeds.update(_verified_records())
    shutil.rmtree(SEEDS, ignore_errors=True)
    for target, files in seeds.items():
        assert target in targets.TARGETS, target
        folder = SEEDS / target
        folder.mkdir(parents=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
            targets.TARGETS[target].run(data)  # every seed passes its own target
    print(f"seeds written to {SEEDS}")


def _share(vault: Vault, root: Path) -> dict[str, dict[str, bytes]]:
    person = vault.people.add("Ada Lovelace", "owner").person.id
    vault.profiles.set_many(person, {"givenName": "Ada", "familyName": "Lovelace",
                                     "birthDate": "1950-04-01", "email": "ada@example.org"})
    vault.profiles.set(
        person, "address", {"lines": ["1 Park Row"], "town": "Leeds", "postcode": "LS1 5AB"}
    )
    gp = vault.organisations.add("Park Row Surgery", targets.AUDIENCE).organisation.id
    selections = (Selection("givenName"), Selection("familyName"), Selection("address"),
                  Selection("birthDate", form="over_18"))
    order = ShareOrder(person, gp, "Register as a patient", selections, reference="GP-2026-0042")
    prepared = prepare(vault, order)
    files = send(vault, prepared, root / "out").files
    locked = send(vault, prepare(vault, ShareOrder(
        person, gp, "Register as a patient", selections[:1], channel="file",
        pdf_password=targets.PDF_PASSWORD)), root / "locked").files
    machine = files["sd-jwt"].read_bytes()
    # The same content signed by the harness key, so packet_signed starts from a valid packet.
    resigned = issue_packet(
        targets.SIGNER_KEY, claims=prepared.claims, public_claims=prepared.public_claims,
        issued_at=int(prepared.issued_at.timestamp()),
        expires_at=int(prepared.expires_at.timestamp()), audience=prepared.audience,
        nonce=prepared.nonce, packet_id=prepared.packet_id, decoys=2,
    ).encode("ascii")
    cache = ReplayCache(root / "seen.json")
    cache.check(verify_bytes(machine, targets._checks()), targets.NOW)
    cache.check(targets._valid_verdict(), targets.NOW + timedelta(days=1))
    cache.save()
    return {
        "packet": {"real.sd-jwt": machine},
        "packet_signed": {"resigned.lines": targets.split_packet(resigned)},
        "pdf": {"real.pdf": files["pdf"].read_bytes(),
                "password.pdf": locked["pdf"].read_bytes()},
        "sealed": {"real.sealed.json": seal_packet(machine, targets.RECIPIENT.public_jwk(),
                                                   targets.AUDIENCE)},
        "request": _requests(),
        "replay_cache": {"seen.json": (root / "seen.json").read_bytes()},
    }


def _verified_records() -> dict[str, dict[str, bytes]]:
    """A confirmation credential, its status list and the trust list naming its issuer,
    made with the harness's issuer key as `pont issuer`/`attest` make them."""
    now = int(targets.NOW.timestamp())
    credential = issue_credential(
        targets.ISSUER,
        holder_jwk=targets.SIGNER_KEY.public_jwk,
        claims={"givenName": "Ada", "birthDate": "1950-04-01",
                "address": {"lines": ["1 Park Row"], "town": "Leeds", "postcode": "LS1 5AB"}},
        issued_at=now - 60, expires_at=now + 365 * 86400, issuer_name="DVLA",
        status=StatusReference(3, STATUS_URI), decoys=2,
    )
    statuses = StatusList.new(1000).with_status(3, INVALID).with_status(7, SUSPENDED)
    status = sign_status_list(targets.ISSUER, statuses, uri=STATUS_URI, issued_at=now - 30,
                              expires_at=now + 86400, ttl=3600)  # fmt: skip
    entry = entry_document("DVLA", targets.ISSUER_KEY, "checks@dvla.example")
    return {
        "credential_signed": {"credential.lines": targets.split_jwt(credential.serialise())},
        "status_list_signed": {"status.lines": targets.split_jwt(status)},
        "trust_list": {
            "entry.pub.json": json.dumps(entry).encode(),
            "trust-list.json": json.dumps(trust_list_document(
                [TrustedIssuer("DVLA", targets.ISSUER_KEY, "checks@dvla.example"),
                 TrustedIssuer("Leeds City Council", COUNCIL_KEY)])).encode(),
        },
    }


def _requests() -> dict[str, bytes]:
    out = {}
    for template in request_catalogue()[:3]:
        made = template.request("Park Row Surgery", email=targets.AUDIENCE,
                                public_key=targets.RECIPIENT.public_jwk(), reference="GP-1")
        out[f"{template.id}.json"] = made.to_json()
    custom = new_request(
        organisation="Leeds City Council", email="tax@council.example", purpose="Council tax",
        fields=[RequestedField("address", True, why="to bill you"),
                RequestedField("birthDate", False, form="over_18")],
        lawful_basis="public_task", retention="Six years", retention_days=2190,
        special_category_condition="substantial_public_interest",
        kind="council-tax-single-person-discount",
    )
    out["custom.json"] = custom.to_json()
    return out


if __name__ == "__main__":
    main()
