"""Export everything: a ZIP whose JSON and documents match what the vault holds."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest
from fakes import PASSPHRASE, FixedClock

from vault.atomic import FileOps
from vault.errors import DiskFull
from vault.export import export_all
from vault.vault import Environment, Vault

SCAN = b"%PDF-1.4 passport " * 5000
LETTER = b"%PDF-1.4 council letter"


@pytest.fixture
def filled(vault: Vault, clock: FixedClock) -> Vault:
    ada = vault.people.add("Ada Lovelace", "owner").person.id
    mum = vault.people.add("Anne Isabella Milbanke").person.id
    passport = vault.documents.add(io.BytesIO(SCAN), "passport.pdf", "application/pdf", ada)
    vault.documents.add(io.BytesIO(LETTER), "letter.pdf", "application/pdf", mum, "address", 0)
    vault.documents.add(io.BytesIO(SCAN), "passport copy.pdf", "application/pdf", mum)  # dedup
    vault.profiles.set(ada, "familyName", "Byron")
    clock.advance(days=1)
    vault.profiles.set(
        ada,
        "familyName",
        "Lovelace",
        provenance="document",
        document_id=passport.attachment.document.id,
    )
    vault.profiles.set(ada, "givenName", "Zoë")
    vault.profiles.set(
        mum, "address", {"lines": ["Seaham Hall"], "town": "Seaham", "postcode": "SR7 7AD"}
    )
    vault.people.set_authority(mum, "lpa_health_welfare", {"registered_on": "2024-03-01"})
    return vault


def read_export(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        document = json.loads(archive.read("export.json"))
        files = {n: archive.read(n) for n in names if n != "export.json"}
    return document, files


def test_export_all(filled: Vault, tmp_path: Path) -> None:
    target = tmp_path / "export.zip"
    counts = export_all(filled, target)
    assert counts == {
        "people": 2,
        "fields": 3,
        "documents": 2,
        "organisations": 0,
        "packets": 0,
    }
    document, files = read_export(target)

    assert document["format"] == "pont-export"
    assert document["version"] == 2
    assert document["vault_id"] == filled.vault_id
    assert document["exported_at"] == "2026-11-22T09:30:00Z"

    ada, mum = document["people"]
    assert (ada["name"], ada["role"], ada["authority"]) == ("Ada Lovelace", "owner", None)
    assert mum["name"] == "Anne Isabella Milbanke"
    assert mum["authority"]["kind"] == "lpa_health_welfare"
    assert mum["authority"]["details"] == {"registered_on": "2024-03-01"}

    fields = {f["key"]: f for f in ada["fields"]}
    assert set(fields) == {"familyName", "givenName"}
    family = fields["familyName"]
    assert family["value"] == "Lovelace"
    assert family["provenance"] == "document"
    assert [(v["version"], v["value"], v["provenance"]) for v in family["versions"]] == [
        (1, "Byron", "self"),
        (2, "Lovelace", "document"),
    ]
    assert fields["givenName"]["value"] == "Zoë"
    (address,) = mum["fields"]
    assert address["value"]["town"] == "Seaham"

    digests = {hashlib.sha256(SCAN).hexdigest(), hashlib.sha256(LETTER).hexdigest()}
    assert {d["sha256"] for d in document["documents"]} == digests
    # Each attached file under the name it was attached with (the duplicate scan twice).
    assert set(files) == {
        "documents/1-passport.pdf",
        "documents/2-letter.pdf",
        "documents/3-passport copy.pdf",
    }
    assert files["documents/1-passport.pdf"] == files["documents/3-passport copy.pdf"] == SCAN
    assert files["documents/2-letter.pdf"] == LETTER
    assert len(document["attachments"]) == 3
    by_name = {a["name"]: a for a in document["attachments"]}
    assert by_name["letter.pdf"]["field_key"] == "address"
    stored = {d["id"]: d["sha256"] for d in document["documents"]}
    assert stored[by_name["passport copy.pdf"]["document_id"]] == hashlib.sha256(SCAN).hexdigest()
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_of_an_empty_vault(vault: Vault, tmp_path: Path) -> None:
    target = tmp_path / "export.zip"
    assert export_all(vault, target) == {
        "people": 0,
        "fields": 0,
        "documents": 0,
        "organisations": 0,
        "packets": 0,
    }
    document, files = read_export(target)
    assert (document["people"], document["documents"], files) == ([], [], {})


def test_export_includes_removed_fields_history_only(filled: Vault, tmp_path: Path) -> None:
    ada = filled.people.find("Ada").id
    filled.profiles.remove(ada, "givenName")
    export_all(filled, tmp_path / "e.zip")
    document, _ = read_export(tmp_path / "e.zip")
    assert {f["key"] for f in document["people"][0]["fields"]} == {"familyName"}


def test_failed_export_leaves_the_old_file(filled: Vault, tmp_path: Path) -> None:
    class DiskFills(FileOps):
        def write(self, fd: int, data: memoryview) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    target = tmp_path / "out" / "export.zip"
    target.parent.mkdir()
    target.write_bytes(b"an older export")
    env = Environment(clock=filled.env.clock, file_ops=DiskFills())
    with Vault.open(filled.folder, PASSPHRASE, env) as vault:
        filled.close()
        with pytest.raises(DiskFull):
            export_all(vault, target)
    assert target.read_bytes() == b"an older export"
    assert os.listdir(target.parent) == ["export.zip"]


def test_export_holds_the_organisations_and_every_packet_sent(
    filled: Vault, tmp_path: Path
) -> None:
    from vault.share import Selection, ShareOrder, prepare, send

    ada = filled.people.owner()
    assert ada is not None
    council = filled.organisations.add("Seaham Council", "tax@seaham.example").organisation
    order = ShareOrder(ada.id, council.id, "Council tax", (Selection("givenName"),))
    shared = send(filled, prepare(filled, order), tmp_path / "out")
    counts = export_all(filled, tmp_path / "e.zip")
    assert (counts["organisations"], counts["packets"]) == (1, 1)
    document, files = read_export(tmp_path / "e.zip")
    (organisation,) = document["organisations"]
    assert (organisation["name"], organisation["email"]) == ("Seaham Council", "tax@seaham.example")
    (entry,) = document["ledger"]
    assert (entry["packet_id"], entry["organisation_name"]) == (shared.packet_id, "Seaham Council")
    assert [f["key"] for f in entry["fields"]] == ["givenName"]
    assert files[entry["file"]] == shared.files["sd-jwt"].read_bytes()


def test_a_document_name_cannot_leave_its_folder(vault: Vault, tmp_path: Path) -> None:
    ada = vault.people.add("Ada Lovelace", "owner").person.id
    vault.documents.add(io.BytesIO(b"%PDF-1.4"), ".hidden\\..\\x.pdf", "application/pdf", ada)
    export_all(vault, tmp_path / "e.zip")
    _, files = read_export(tmp_path / "e.zip")
    assert list(files) == ["documents/1-hidden_.._x.pdf"]
