"""Export everything in an open, documented format (``docs/export-format.md``).

The export is a ZIP archive holding ``export.json`` (every person, authority, field,
every version of every field, the organisations, the disclosure ledger and the list of
documents), ``documents/<attachment id>-<file name>`` (each attached file under the name
it was attached with) and ``packets/<packet id>.sd-jwt`` (every signed packet sent). It
is plaintext by design — the person asked for their data — so it is written only where
they chose, atomically, with owner-only permissions, and read back before success is
reported.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from vault.atomic import atomic_writer
from vault.errors import StorageError
from vault.model import timestamp
from vault.vault import Vault

FORMAT = "pont-export"
VERSION = 2


def export_all(vault: Vault, target: Path) -> dict[str, int]:
    """Write the whole vault to ``target``; returns counts of what was exported."""
    document = build_export(vault)
    with (
        atomic_writer(target, vault.env.file_ops) as out,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        archive.writestr("export.json", json.dumps(document, indent=2, ensure_ascii=False))
        for item in document["attachments"]:
            with archive.open(item["file"], "w", force_zip64=True) as member:
                for chunk in vault.documents.chunks(item["document_id"]):
                    member.write(chunk)
        for entry in document["ledger"]:
            archive.writestr(entry["file"], vault.ledger.machine_packet(entry["packet_id"]))
    try:
        _verify(target, document, vault)
    except StorageError:
        target.unlink(missing_ok=True)  # a file that does not read back is no export
        raise
    return {
        "people": len(document["people"]),
        "fields": sum(len(p["fields"]) for p in document["people"]),
        "documents": len(document["documents"]),
        "organisations": len(document["organisations"]),
        "packets": len(document["ledger"]),
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
        "organisations": [asdict(o) for o in vault.organisations.all()],
        "ledger": [
            {**entry, "file": f"packets/{entry['packet_id']}.sd-jwt"}
            for entry in vault.ledger.export()
        ],
        "documents": [asdict(d) for d in stored.values()],
        "attachments": [
            {
                **{k: v for k, v in asdict(a).items() if k != "document"},
                "document_id": a.document.id,
                "file": f"documents/{a.id}-{_member_name(a.name)}",
            }
            for a in attachments
        ],
    }


def _member_name(name: str) -> str:
    """A document's own name, made safe as one ZIP member name (no folders, no dot files)."""
    return re.sub(r"[\\/\x00-\x1f]", "_", name).lstrip(".") or "document"


def _authority(authority: Any) -> dict[str, Any]:
    data = asdict(authority)
    data.pop("person_id")
    return dict(data)


def _verify(target: Path, document: dict[str, Any], vault: Vault) -> None:
    """Read the archive back: the JSON, every document's hash and every packet must match."""
    digests = {d["id"]: d["sha256"] for d in document["documents"]}
    try:
        with zipfile.ZipFile(target) as archive:
            if json.loads(archive.read("export.json")) != json.loads(json.dumps(document)):
                raise StorageError(str(target), "export did not read back")
            for item in document["attachments"]:
                digest = hashlib.sha256()
                with archive.open(item["file"]) as member:
                    while chunk := member.read(1024 * 1024):
                        digest.update(chunk)
                if digest.hexdigest() != digests[item["document_id"]]:
                    raise StorageError(str(target), "export did not read back")
            for entry in document["ledger"]:
                if archive.read(entry["file"]) != vault.ledger.machine_packet(entry["packet_id"]):
                    raise StorageError(str(target), "export did not read back")
    except (zipfile.BadZipFile, KeyError, OSError):
        raise StorageError(str(target), "export did not read back") from None
