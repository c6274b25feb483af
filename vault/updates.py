""" "Tell them once": after a value changes, update every organisation holding the old one.

For each active ledger entry that sent an older version of the field, an update packet
goes to the same organisation with the same purpose, reference and fields (now at their
current versions) and ``supersedes`` naming the old packet, which becomes superseded.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vault.ledger import LedgerEntry
from vault.packets import jose
from vault.share import Prepared, Selection, Shared, ShareOrder, prepare, send

if TYPE_CHECKING:
    from vault.vault import Vault


def stale_disclosures(vault: Vault, person_id: int, key: str, entry: int = 0) -> list[LedgerEntry]:
    """Active disclosures that hold an older version of this field entry."""
    current = vault.profiles.get(person_id, key, entry).version
    return vault.ledger.holders_of(person_id, key, entry, older_than=current)


def prepare_update(vault: Vault, stale: LedgerEntry, channel: str | None = None) -> Prepared:
    """The update packet replacing ``stale``, ready to show before signing."""
    live = {(f.person_id, f.key, f.entry) for f in vault.profiles.fields(stale.person_id)}
    selections = tuple(
        Selection(f.key, f.entry, f.form)
        for f in stale.fields
        if (stale.person_id, f.key, f.entry) in live
    )
    terms = _terms(vault.ledger.machine_packet(stale.packet_id))
    organisation = vault.organisations.get(stale.organisation_id)
    order = ShareOrder(
        person_id=stale.person_id,
        organisation_id=stale.organisation_id,
        purpose=stale.purpose,
        selections=selections,
        reference=stale.reference,
        lawful_basis=terms.get("lawfulBasis", ShareOrder.lawful_basis),
        retention=terms.get("termination", ShareOrder.retention),
        valid_days=_valid_days(stale),
        kind="update",
        supersedes=stale.packet_id,
        channel=channel or stale.channel,
        # Never less protected than the original: sealed whenever the organisation has a key.
        encrypt=bool(organisation.public_key),
    )
    return prepare(vault, order)


def _terms(machine_packet: bytes) -> dict[str, Any]:
    """The consent terms the original packet carried (our own, signed, packet)."""
    issuer_jwt = machine_packet.split(b"~", 1)[0]
    consent = jose.parse_compact(issuer_jwt).payload.get("consent")
    return dict(consent) if isinstance(consent, dict) else {}


def _valid_days(stale: LedgerEntry) -> int:
    if stale.expires_at is None:
        return ShareOrder.valid_days
    issued = datetime.fromisoformat(stale.issued_at.replace("Z", "+00:00"))
    expires = datetime.fromisoformat(stale.expires_at.replace("Z", "+00:00"))
    return max(1, (expires - issued).days)


def tell_them_once(
    vault: Vault, person_id: int, key: str, entry: int, out_folder: Path
) -> list[Shared]:
    """Prepare and send an update to every organisation holding an old value, in one go."""
    return [
        send(vault, prepare_update(vault, stale), out_folder)
        for stale in stale_disclosures(vault, person_id, key, entry)
    ]
