"""A vault with known contents, and a reader that touches every record (T07, T08, T14)."""

from __future__ import annotations

import hashlib
import io
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import sqlcipher3

from vault.errors import PontError, VaultDamaged
from vault.vault import Vault


def populate(vault: Vault, seed: int = 0) -> None:
    owner = vault.people.add("Tamper Owner", role="owner").person
    relative = vault.people.add("Tamper Relative").person
    for person in (owner, relative):
        for n in range(4):
            vault.profiles.set(person.id, "carePlanNotes", f"care note {seed}.{n} " * 60)
        vault.profiles.set(person.id, "givenName", f"Given{seed}")
        vault.profiles.set(person.id, "familyName", "Tamper")
        for n in range(12):
            vault.profiles.set(person.id, "accessNeeds", f"needs {n} " * 30)
    vault.people.set_authority(relative.id, "lpa_property_finance", {"notes": "authority notes"})
    scan = bytes(range(256)) * 400
    vault.documents.add(io.BytesIO(scan), "scan.bin", "application/octet-stream", relative.id)


def read_all(vault: Vault) -> Any:
    """Every person, field, version, authority and document byte, as comparable data."""
    state: list[Any] = []
    for person in vault.people.all():
        state.append(("person", person.name, person.role))
        state.append(("authority", vault.people.authority(person.id)))
        for field in vault.profiles.fields(person.id):
            state.append(("field", field.key, field.entry, field.value, field.version))
            history = vault.profiles.history(person.id, field.key, field.entry)
            state.append(("history", field.key, [(v.version, v.value) for v in history]))
    for attachment in vault.documents.attachments():
        digest = hashlib.sha256(b"".join(vault.documents.chunks(attachment.document.id)))
        state.append(
            ("document", attachment.name, digest.hexdigest() == attachment.document.sha256)
        )
    return state


def classify_open(folder: Path, opener: Any, states: list[Any]) -> str:
    """Open, read everything, check: say where (if anywhere) the damage was caught."""
    try:
        vault = opener(folder)
    except VaultDamaged as error:
        return f"open:{error.part}"
    except PontError as error:
        return f"MISCLASSIFIED:{type(error).__name__}"
    except sqlcipher3.Error as error:
        return f"RAW:{type(error).__name__}"
    try:
        try:
            state = read_all(vault)
        except VaultDamaged:
            return "read"
        except PontError as error:
            return f"MISCLASSIFIED-read:{type(error).__name__}"
        except sqlcipher3.Error as error:
            return f"RAW-read:{type(error).__name__}"
        if vault.check():
            return "check"
        if state == states[-1]:
            return "undetected-identical"
        if state in states:
            return "undetected-rollback"
        return "UNDETECTED-ALTERED"
    finally:
        try:
            vault.close()
        except Exception as error:
            return f"RAW-close:{type(error).__name__}"


def reset_case(case: Path, files: dict[str, bytes]) -> None:
    if case.exists():
        shutil.rmtree(case)
    case.mkdir()
    for name, data in files.items():
        (case / name).write_bytes(data)


def summary(outcomes: Counter[str]) -> str:
    return ",".join(f"{k}:{v}" for k, v in sorted(outcomes.items()))
