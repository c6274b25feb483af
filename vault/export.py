"""Export everything in an open, documented format (``docs/export-format.md``).

The export is a ZIP archive holding ``export.json`` (every person, authority, field,
every version of every field, and the list of documents) and ``documents/<sha256>``,
one file per stored document. It is plaintext by design — the person asked for their
data — so it is written only where they chose, atomically, with owner-only
permissions, and read back before success is reported.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from vault.atomic import atomic_writer
from vault.errors import StorageError
from vault.model import timestamp
from vault.vault import Vault

FORMAT = "pont-export"
VERSION = 1


def export_all(vault: Vault, target: Path) -> dict[str, int]:
    """Write the whole vault to ``target``; returns counts of what was exported."""
    document = build_export(vault)
    with (
        atomic_writer(target, vault.env.file_ops) as out,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        archive.writestr("export.json", json.dumps(document, indent=2, ensure_ascii=False))
        for item in document["documents"]:
            with archive.open(f"documents/{item['sha256']}", "w", force_zip64=True) as member:
                for chunk in vault.documents.chunks(item["id"]):
                    member.write(chunk)
    try:
        _verify(target, document)
    except StorageError:
        target.unlink(missing_ok=True)  # a file that does not read back is no export
        raise
    return {
        "people": len(document["people"]),
        "fields": sum(len(p["fields"]) for p in document["people"]),
        "documents": len(document["documents"]),
    }


def build_export(vault: Vault) -> dict[str, Any]:
    """The ``export.json`` document as Python data."""
    people = []
    for person in vault.people.all():
        authority = vault.people.authority(person.id)
        fields = []
        for field in vault.profiles.fields(person.id):
            history = vault.profiles.history(person.id, field.key, field.entry)
            fields.append(
                {
                    "key": field.key,
                    "entry": field.entry,
                    "value": field.value,
                    "provenance": field.provenance,
                    "document_id": field.document_id,
                    "updated_at": field.updated_at,
                    "versions": [
                        {k: v for k, v in asdict(h).items() if k not in ("person_id", "key")}
                        for h in history
                    ],
                }
            )
        people.append(
            {
                **asdict(person),
                "authority": None if authority is None else _authority(authority),
                "fields": fields,
            }
        )
    attachments = vault.documents.attachments()
    stored = {a.document.id: a.document for a in attachments}
    return {
        "format": FORMAT,
        "version": VERSION,
        "vault_id": vault.vault_id,
        "exported_at": timestamp(vault.env.clock()),
        "people": people,
        "documents": [asdict(d) for d in stored.values()],
        "attachments": [
            {
                **{k: v for k, v in asdict(a).items() if k != "document"},
                "document_id": a.document.id,
            }
            for a in attachments
        ],
    }


def _authority(authority: Any) -> dict[str, Any]:
    data = asdict(authority)
    data.pop("person_id")
    return dict(data)


def _verify(target: Path, document: dict[str, Any]) -> None:
    """Read the archive back: the JSON and every document's hash must match."""
    try:
        with zipfile.ZipFile(target) as archive:
            if json.loads(archive.read("export.json")) != json.loads(json.dumps(document)):
                raise StorageError(str(target), "export did not read back")
            for item in document["documents"]:
                digest = hashlib.sha256()
                with archive.open(f"documents/{item['sha256']}") as member:
                    while chunk := member.read(1024 * 1024):
                        digest.update(chunk)
                if digest.hexdigest() != item["sha256"]:
                    raise StorageError(str(target), "export did not read back")
    except (zipfile.BadZipFile, KeyError, OSError):
        raise StorageError(str(target), "export did not read back") from None
