"""What the ledger screen asks the worker: pages of entries, holders of a field, notices."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ui.ops import Operation, VaultSlot
from vault.atomic import write_atomic
from vault.ledger import LedgerEntry, export_bytes
from vault.model import Person
from vault.organisations import Organisation
from vault.share import Shared


@dataclass(frozen=True)
class LedgerSetup:
    people: list[Person]
    organisations: list[Organisation]
    field_keys: list[str]  # fields the people have, for "who has my …?"


@dataclass(frozen=True)
class LedgerFilter:
    organisation_id: int | None = None
    person_id: int | None = None
    field_key: str | None = None
    only_old: bool = False


def load_setup(slot: VaultSlot) -> LedgerSetup:
    vault = slot.vault
    people = vault.people.all()
    keys = sorted({f.key for p in people for f in vault.profiles.fields(p.id)})
    return LedgerSetup(people, vault.organisations.all(), keys)


def page(wanted: LedgerFilter, offset: int, limit: int) -> Operation:
    """One page of entries, newest first, as the filter says."""

    def run(slot: VaultSlot) -> list[LedgerEntry]:
        vault = slot.vault
        if wanted.field_key is None:
            return list(
                vault.ledger.entries(
                    organisation_id=wanted.organisation_id,
                    person_id=wanted.person_id,
                    limit=limit,
                    offset=offset,
                )
            )
        return holders(vault, wanted)[offset : offset + limit]

    return run


def holders(vault: Any, wanted: LedgerFilter) -> list[LedgerEntry]:
    """Who holds a field ("who has my old address?"), newest first."""
    from vault.updates import stale_disclosures

    assert wanted.field_key is not None
    key = wanted.field_key
    people = [vault.people.get(wanted.person_id)] if wanted.person_id else vault.people.all()
    found: dict[str, LedgerEntry] = {}
    for person in people:
        if wanted.only_old:
            held = stale_disclosures(vault, person.id, key)
        else:
            held = vault.ledger.holders_of(person.id, key)
        found.update((e.packet_id, e) for e in held)
    chosen = [
        e
        for e in found.values()
        if wanted.organisation_id is None or e.organisation_id == wanted.organisation_id
    ]
    return sorted(chosen, key=lambda e: (e.issued_at, e.row), reverse=True)


def notice(packet_id: str, kind: str, folder: Path, *, again: bool = False) -> Operation:
    def run(slot: VaultSlot) -> Shared:
        from vault.notices import send_notice

        return send_notice(slot.vault, packet_id, kind, folder, again=again)

    return run


def earlier_notices(packet_id: str, kind: str) -> Operation:
    """When notices of this kind about this packet were sent before (ISO times)."""

    def run(slot: VaultSlot) -> list[str]:
        from vault.notices import earlier_notices as find

        return [entry.issued_at for entry in find(slot.vault, packet_id, kind)]

    return run


def save_packet(packet_id: str, path: Path) -> Operation:
    """Write the signed machine packet of an earlier disclosure to ``path``, atomically."""

    def run(slot: VaultSlot) -> Path:
        write_atomic(path, slot.vault.ledger.machine_packet(packet_id))
        return path

    return run


def export_ledger(path: Path) -> Operation:
    """The whole ledger as JSON (or CSV, by the file name), written atomically."""

    def run(slot: VaultSlot) -> int:
        entries = slot.vault.ledger.entries(limit=1_000_000)
        fmt = "csv" if path.suffix.lower() == ".csv" else "json"
        write_atomic(path, export_bytes(entries, fmt))
        return len(entries)

    return run
