"""T10: no plaintext at rest. Canaries planted in names, fields, an authority and a
document are absent from every raw byte on disk (vault folder mid-session and after
close, the backup, new files in the temp dir), as are the passphrase, the recovery key
and the data key; yet decrypting the pages with the data key finds them, proving the
scan could see them."""

from __future__ import annotations

import io
import secrets
import sqlite3
import tempfile
from pathlib import Path

import pytest
from fakes import MemoryKeyring
from sechelp import copy_folder, count, decrypted_images, figure, files_under

import vault.database
from vault._crypto import KDF_FLOOR
from vault.backup import create_backup
from vault.device import DeviceKeys
from vault.errors import EngineNotEncrypted
from vault.vault import Vault


def test_t10_no_plaintext_at_rest(tmp_path: Path, record_property) -> None:
    tag = secrets.token_hex(6)
    canaries = {
        "name": f"Canaryname{tag}",
        "field": f"canaryfield{tag}",
        "notes": f"canarynotes{tag} about care",
        "authority": f"canaryauthority{tag}",
        "document": f"canarydocument{tag}",
    }
    passphrase = f"canary passphrase {tag} ünïcode"
    folder = tmp_path / "vault"
    created = Vault.create(folder, passphrase, kdf=KDF_FLOOR)
    vault = created.vault
    data_key = vault._key()
    owner = vault.people.add(canaries["name"], role="owner").person
    relative = vault.people.add("Relative Person").person
    vault.profiles.set(owner.id, "givenName", canaries["field"])
    vault.profiles.set(owner.id, "carePlanNotes", canaries["notes"])
    document = f"scan of a letter {canaries['document']}\n".encode() * 50
    added = vault.documents.add(io.BytesIO(document), "letter.txt", "text/plain", relative.id)
    vault.people.set_authority(
        relative.id,
        "lpa_health_welfare",
        {"notes": canaries["authority"]},
        added.attachment.document.id,
    )
    vault.remember_on_device(DeviceKeys(MemoryKeyring()))
    mid_session = copy_folder(folder, tmp_path / "mid-session")  # WAL still holds the commits
    backup = create_backup(vault, tmp_path / "backups" / "vault.pontbackup").path
    vault.close()
    needles = {f"canary:{k}": v.encode() for k, v in canaries.items()}
    needles |= {
        "passphrase": passphrase.encode(),
        "recovery_key": created.recovery_key.encode(),
        "recovery_key_compact": created.recovery_key.replace("-", "").encode(),
        "data_key": data_key,
        "data_key_hex": data_key.hex().encode(),
        "data_key_HEX": data_key.hex().upper().encode(),
    }
    # The temp dir is covered by test_t10_temp_dir_gets_no_plaintext below.
    scanned = files_under(folder, mid_session, backup.parent)
    hits: dict[str, list[str]] = {}
    scanned_bytes = 0
    for path in scanned:
        data = path.read_bytes()
        scanned_bytes += len(data)
        for label, needle in needles.items():
            if needle in data:
                hits.setdefault(label, []).append(str(path.relative_to(tmp_path)))
    header_plain = [
        p.name
        for p in (folder / "vault.db", mid_session / "vault.db")
        if p.read_bytes()[:16] == b"SQLite format 3\x00"
    ]
    # The proof: decrypting the same files with the data key finds every text canary.
    images = decrypted_images(data_key, mid_session) + decrypted_images(data_key, folder)
    plain = [page for _, _, page, _ in images]
    bad_hmac = sum(not ok for *_, ok in images)
    found_decrypted = {k: count(v.encode(), plain) for k, v in canaries.items()}
    figure(
        record_property,
        "T10",
        files=len(scanned),
        bytes_scanned=scanned_bytes,
        hits=sum(len(v) for v in hits.values()),
        header_plaintext=len(header_plain),
        pages_decrypted=len(images),
        hmac_failures=bad_hmac,
        canaries_found_decrypted=f"{sum(map(bool, found_decrypted.values()))}/{len(canaries)}",
    )
    assert hits == {}
    assert header_plain == []
    assert bad_hmac == 0
    assert all(found_decrypted.values()), found_decrypted


def test_t10_temp_dir_gets_no_plaintext(tmp_path: Path, record_property, monkeypatch) -> None:
    """The core writes nothing to the temp dir: a session with TMPDIR pointed at an empty
    folder leaves it empty (SQLCipher's temp store is memory)."""
    private_tmp = tmp_path / "tmpdir"
    private_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(private_tmp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    folder = tmp_path / "vault"
    with Vault.create(folder, "temp dir passphrase", kdf=KDF_FLOOR).vault as vault:
        owner = vault.people.add("Temp Person", role="owner").person
        for n in range(200):
            vault.profiles.set(owner.id, "carePlanNotes", f"note {n} " * 300)
        vault.connection.execute(
            "SELECT key, value FROM field_versions ORDER BY value DESC"
        ).fetchall()  # a sort big enough to spill, were temp_store FILE
        create_backup(vault, tmp_path / "b.pontbackup")
    left = files_under(private_tmp)
    figure(record_property, "T10b", temp_files=len(left))
    assert left == []


def test_t10_refuses_to_run_without_sqlcipher(tmp_path: Path, monkeypatch, record_property) -> None:
    """If the standard ``sqlite3`` were loaded instead, open refuses before writing plaintext."""
    monkeypatch.setattr(vault.database.sqlcipher3, "connect", sqlite3.connect)
    target = tmp_path / "plain.db"
    with pytest.raises(EngineNotEncrypted):
        vault.database.open_database(target, bytes(32), create=True)
    written = target.read_bytes() if target.exists() else b""
    figure(record_property, "T10c", engine_check="refused", bytes_written=len(written))
    assert b"SQLite format 3" not in written
