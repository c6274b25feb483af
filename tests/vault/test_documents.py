"""Documents: stored once by hash, in chunks, attached to people and fields, saved back checked."""

from __future__ import annotations

import hashlib
import io
import os
import stat
import tracemalloc
from pathlib import Path

import pytest

from vault.documents import CHUNK
from vault.errors import InvalidInput, NotFound, StorageError, VaultDamaged
from vault.vault import Vault

SCAN = b"%PDF-1.4\n" + bytes(range(256)) * 3000  # a little over 3 chunks


@pytest.fixture
def ada(vault: Vault) -> int:
    return vault.people.add("Ada Lovelace", "owner").person.id


def test_add_and_read_back(vault: Vault, ada: int) -> None:
    added = vault.documents.add(io.BytesIO(SCAN), "passport.pdf", "application/pdf", ada)
    assert not added.deduplicated
    attachment = added.attachment
    assert attachment.person_id == ada
    assert attachment.name == "passport.pdf"
    assert attachment.field_key is None
    assert attachment.entry is None
    assert attachment.added_at == "2026-11-21T09:30:00Z"
    document = attachment.document
    assert document.sha256 == hashlib.sha256(SCAN).hexdigest()
    assert document.size == len(SCAN)
    assert document.media_type == "application/pdf"
    chunks = list(vault.documents.chunks(document.id))
    assert len(chunks) == -(-len(SCAN) // CHUNK)
    assert all(len(c) == CHUNK for c in chunks[:-1])
    assert b"".join(chunks) == SCAN


def test_stream_read_from_its_start(vault: Vault, ada: int) -> None:
    stream = io.BytesIO(SCAN)
    stream.seek(1000)  # a stream left part-read must still be stored whole
    document = vault.documents.add(stream, "scan.pdf", "application/pdf", ada).attachment.document
    assert b"".join(vault.documents.chunks(document.id)) == SCAN


def test_identical_file_stored_once(vault: Vault, ada: int) -> None:
    mum = vault.people.add("Anne Milbanke").person.id
    first = vault.documents.add(io.BytesIO(SCAN), "a.pdf", "application/pdf", ada)
    second = vault.documents.add(io.BytesIO(SCAN), "b.pdf", "application/pdf", mum, "familyName")
    assert second.deduplicated
    assert second.attachment.document == first.attachment.document
    assert second.attachment.id != first.attachment.id
    assert vault.connection.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    stored = vault.connection.execute("SELECT count(*) FROM document_chunks").fetchone()[0]
    assert stored == -(-len(SCAN) // CHUNK)
    third = vault.documents.add(io.BytesIO(SCAN + b"!"), "c.pdf", "application/pdf", ada)
    assert not third.deduplicated
    assert third.attachment.document.id != first.attachment.document.id


def test_attachments_by_person_and_field(vault: Vault, ada: int) -> None:
    mum = vault.people.add("Anne Milbanke").person.id
    a = vault.documents.add(io.BytesIO(b"one"), "one.txt", "text/plain", ada, "address", 1)
    b = vault.documents.add(io.BytesIO(b"two"), "two.txt", "text/plain", mum)
    assert (a.attachment.field_key, a.attachment.entry) == ("address", 1)
    assert vault.documents.attachments(ada) == [a.attachment]
    assert vault.documents.attachments(mum) == [b.attachment]
    assert vault.documents.attachments() == [a.attachment, b.attachment]
    assert vault.documents.attachment(b.attachment.id) == b.attachment
    with pytest.raises(NotFound):
        vault.documents.attachment(999)


def test_add_file_guesses_media_type(vault: Vault, ada: int, tmp_path: Path) -> None:
    path = tmp_path / "council tax bill.pdf"
    path.write_bytes(SCAN)
    added = vault.documents.add_file(path, ada, "councilTaxReference")
    assert added.attachment.name == "council tax bill.pdf"
    assert added.attachment.document.media_type == "application/pdf"
    odd = tmp_path / "blob.unknownext"
    odd.write_bytes(b"??")
    assert (
        vault.documents.add_file(odd, ada).attachment.document.media_type
        == "application/octet-stream"
    )
    renamed = vault.documents.add_file(path, ada, name="Bill 2026.pdf")
    assert renamed.attachment.name == "Bill 2026.pdf"
    assert renamed.deduplicated


def test_add_missing_file(vault: Vault, ada: int, tmp_path: Path) -> None:
    with pytest.raises(StorageError):
        vault.documents.add_file(tmp_path / "nope.pdf", ada)
    assert vault.documents.attachments() == []


def test_names(vault: Vault, ada: int) -> None:
    def add(name: str) -> str:
        return vault.documents.add(io.BytesIO(b"x"), name, "text/plain", ada).attachment.name

    assert add("../../etc/passwd") == "passwd"
    assert add("  notes.txt ") == "notes.txt"
    for bad in ("", "   ", "x" * 256, "bad\x00name.txt", "bell\x07.txt"):
        with pytest.raises(InvalidInput) as caught:
            add(bad)
        assert caught.value.field == "document_name"
    assert len(vault.documents.attachments()) == 2


def test_save(vault: Vault, ada: int, tmp_path: Path) -> None:
    attachment = vault.documents.add(io.BytesIO(SCAN), "p.pdf", "application/pdf", ada).attachment
    target = tmp_path / "out" / "p.pdf"
    target.parent.mkdir()
    assert vault.documents.save(attachment.id, target) == target
    assert target.read_bytes() == SCAN
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["p.pdf"]


def test_save_of_an_empty_document(vault: Vault, ada: int, tmp_path: Path) -> None:
    attachment = vault.documents.add(io.BytesIO(b""), "empty.txt", "text/plain", ada).attachment
    assert attachment.document.size == 0
    target = tmp_path / "empty.txt"
    vault.documents.save(attachment.id, target)
    assert target.read_bytes() == b""


@pytest.mark.parametrize("damage", ["altered", "missing_chunk"])
def test_save_refuses_bytes_that_do_not_match_the_hash(
    vault: Vault, ada: int, tmp_path: Path, damage: str
) -> None:
    attachment = vault.documents.add(io.BytesIO(SCAN), "p.pdf", "application/pdf", ada).attachment
    if damage == "altered":
        sql = "UPDATE document_chunks SET data = zeroblob(length(data)) WHERE seq = 1"
    else:
        sql = "DELETE FROM document_chunks WHERE seq = 1"
    vault.connection.execute(sql)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "p.pdf"
    target.write_bytes(b"what was there before")
    # Stored bytes that do not match their hash are damage (restore a backup), not "not found".
    with pytest.raises(VaultDamaged):
        vault.documents.save(attachment.id, target)
    assert target.read_bytes() == b"what was there before"
    assert [p.name for p in out.iterdir()] == ["p.pdf"]


def test_save_of_missing_attachment(vault: Vault, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(NotFound):
        vault.documents.save(7, out / "x")
    assert list(out.iterdir()) == []


def test_forty_megabytes_in_bounded_memory(vault: Vault, ada: int, tmp_path: Path) -> None:
    size = 40 * 1024 * 1024
    source = tmp_path / "big.pdf"
    block = hashlib.sha256(b"seed").digest() * (1024 * 1024 // 32)  # 1 MiB, not all zero
    expected = hashlib.sha256()
    with source.open("wb") as out:
        for number in range(size // len(block)):
            piece = number.to_bytes(4, "big") + block[4:]
            expected.update(piece)
            out.write(piece)
    tracemalloc.start()
    try:
        added = vault.documents.add_file(source, ada)
        target = tmp_path / "back.pdf"
        vault.documents.save(added.attachment.id, target)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert added.attachment.document.size == size
    assert added.attachment.document.sha256 == expected.hexdigest()
    assert target.stat().st_size == size
    check = hashlib.sha256()
    with target.open("rb") as handle:
        while piece := handle.read(1024 * 1024):
            check.update(piece)
    assert check.hexdigest() == expected.hexdigest()
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
