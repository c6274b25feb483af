"""Documents (scans, PDFs) attached to people and fields as evidence.

A document's bytes live inside the encrypted database in 256 KiB chunks, so adding or
reading a 500 MB scan needs a few chunks of memory, never the whole file, and a backup
of the vault carries its documents. Identical files are stored once (by SHA-256).
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from vault.atomic import REAL_OPS, FileOps, classify_os_error, write_atomic
from vault.database import Database, query, transaction
from vault.errors import NotFound, VaultDamaged
from vault.model import Attachment, Clock, Document, DocumentAdded, timestamp
from vault.text import check_plain

CHUNK = 256 * 1024
MAX_NAME = 255

_ATTACHMENT_SQL = (
    "SELECT a.id, a.person_id, a.field_key, a.entry, a.name, a.added_at,"
    " d.id, d.sha256, d.size, d.media_type, d.added_at"
    " FROM attachments a JOIN documents d ON d.id = a.document_id"
)


class Documents:
    """Documents of one open vault."""

    def __init__(self, connection: Database, clock: Clock) -> None:
        self._db = connection
        self._clock = clock

    def add_file(
        self,
        path: Path,
        person_id: int,
        field_key: str | None = None,
        entry: int | None = None,
        name: str | None = None,
    ) -> DocumentAdded:
        """Attach a file from disk to a person (and optionally one of their fields)."""
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        try:
            with path.open("rb") as stream:
                return self.add(stream, name or path.name, media_type, person_id, field_key, entry)
        except OSError as error:
            raise classify_os_error(error, path) from None

    def add(
        self,
        stream: BinaryIO,
        name: str,
        media_type: str,
        person_id: int,
        field_key: str | None = None,
        entry: int | None = None,
    ) -> DocumentAdded:
        """Attach a seekable stream. It is read twice: once to hash, once to store."""
        clean_name = _clean_name(name)
        sha256, size = _hash(stream)
        with transaction(self._db):
            row = self._db.execute(
                "SELECT id FROM documents WHERE sha256 = ?", (sha256,)
            ).fetchone()
            deduplicated = row is not None
            document_id = int(row[0]) if row else self._store(stream, sha256, size, media_type)
            cursor = self._db.execute(
                "INSERT INTO attachments (document_id, person_id, field_key, entry, name, added_at)"
                " VALUES (?,?,?,?,?,?)",
                (document_id, person_id, field_key, entry, clean_name, self._now()),
            )
            attachment = self.attachment(int(cursor.lastrowid or 0))
        return DocumentAdded(attachment, deduplicated)

    def attachments(self, person_id: int | None = None) -> list[Attachment]:
        sql = _ATTACHMENT_SQL + ("" if person_id is None else " WHERE a.person_id = ?")
        params = () if person_id is None else (person_id,)
        return [_attachment(r) for r in query(self._db, sql + " ORDER BY a.id", params)]

    def attachment(self, attachment_id: int) -> Attachment:
        rows = query(self._db, _ATTACHMENT_SQL + " WHERE a.id = ?", (attachment_id,))
        if not rows:
            raise NotFound("attachment", str(attachment_id))
        return _attachment(rows[0])

    def document(self, document_id: int) -> Document:
        rows = query(
            self._db,
            "SELECT id, sha256, size, media_type, added_at FROM documents WHERE id = ?",
            (document_id,),
        )
        if not rows:
            raise NotFound("document", str(document_id))
        r = rows[0]
        return Document(int(r[0]), r[1], int(r[2]), r[3], r[4])

    def chunks(self, document_id: int) -> Iterator[bytes]:
        """The document's bytes, one chunk at a time (bounded memory)."""
        seq = 0
        while True:
            row = self._db.execute(
                "SELECT data FROM document_chunks WHERE document_id = ? AND seq = ?",
                (document_id, seq),
            ).fetchone()
            if row is None:
                return
            yield bytes(row[0])
            seq += 1

    def save(self, attachment_id: int, target: Path, ops: FileOps = REAL_OPS) -> Path:
        """Write an attachment's bytes to ``target`` atomically; check its hash on the way."""
        attachment = self.attachment(attachment_id)
        digest = hashlib.sha256()

        def checked() -> Iterator[bytes]:
            for chunk in self.chunks(attachment.document.id):
                digest.update(chunk)
                yield chunk
            if digest.hexdigest() != attachment.document.sha256:
                raise VaultDamaged("document", "checksum")

        write_atomic(target, checked(), ops)
        return target

    def _store(self, stream: BinaryIO, sha256: str, size: int, media_type: str) -> int:
        cursor = self._db.execute(
            "INSERT INTO documents (sha256, size, media_type, added_at) VALUES (?,?,?,?)",
            (sha256, size, media_type[:100], self._now()),
        )
        document_id = int(cursor.lastrowid or 0)
        stream.seek(0)
        seq = 0
        while chunk := stream.read(CHUNK):
            self._db.execute(
                "INSERT INTO document_chunks (document_id, seq, data) VALUES (?,?,?)",
                (document_id, seq, chunk),
            )
            seq += 1
        return document_id

    def _now(self) -> str:
        return timestamp(self._clock())


def _hash(stream: BinaryIO) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    stream.seek(0)
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _clean_name(name: str) -> str:
    # Only the file's own name: a path from outside says nothing the vault should keep.
    return check_plain(Path(name).name, "document_name", limit=MAX_NAME)


def _attachment(r: Any) -> Attachment:
    document = Document(int(r[6]), r[7], int(r[8]), r[9], r[10])
    entry = None if r[3] is None else int(r[3])
    return Attachment(int(r[0]), document, int(r[1]), r[2], entry, r[4], r[5])
