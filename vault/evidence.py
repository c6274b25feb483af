"""Documents as evidence: a file attached to a field backs that field's current value.

Evidence belongs to a value, not to a field name: attaching a scan to an address makes
the address as it is now "backed by an attached document" (a new version with that
provenance, same value); a later, different value is self-declared again until it is
backed too. Packets then say so with the document's hash (``vault.share``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vault.catalogue import load_catalogue
from vault.errors import InvalidInput
from vault.model import DocumentAdded, Field, FieldChanged

if TYPE_CHECKING:
    from vault.vault import Vault


@dataclass(frozen=True)
class Evidence:
    """The attachment, and the field entry it now backs (None when there is no value yet)."""

    added: DocumentAdded
    backs: FieldChanged | None


def attach_evidence(
    vault: Vault,
    path: Path,
    person_id: int,
    key: str | None = None,
    entry: int | None = None,
) -> Evidence:
    """Attach ``path`` to a person and, given a field, make it back that field's value.

    ``entry`` None means the field's current entry (the address that holds today); a list
    with several entries needs the entry named.
    """
    if key is None:
        return Evidence(vault.documents.add_file(path, person_id), None)
    backed = _entry_to_back(vault, person_id, key, entry)
    target = entry if backed is None else backed.entry
    added = vault.documents.add_file(path, person_id, key, target)
    if backed is None:
        return Evidence(added, None)
    change = vault.profiles.set(
        person_id,
        key,
        backed.value,
        entry=backed.entry,
        provenance="document",
        document_id=added.attachment.document.id,
    )
    return Evidence(added, change)


def _entry_to_back(vault: Vault, person_id: int, key: str, entry: int | None) -> Field | None:
    spec = load_catalogue().spec_for(key)
    if entry is not None:
        return next((f for f in vault.profiles.entries(person_id, key) if f.entry == entry), None)
    current = vault.profiles.current(person_id, key)
    if len(current) > 1:
        raise InvalidInput(key, "entry_required", f"{len(current)} entries; name one with --entry")
    if spec.succession and not current and vault.profiles.entries(person_id, key):
        raise InvalidInput(key, "no_current_entry")
    return current[0] if current else None
