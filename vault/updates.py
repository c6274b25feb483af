""" "Tell them once": after a value changes, update every organisation holding the old one.

An organisation holds a *stale* value when what Pont would send it now differs from what
it was sent (``vault.timeline``): a field whose value changed, or — for an address — one
that was current when sent and is no longer current (you moved). For each such active
disclosure an update goes to the same organisation with the same purpose, reference and
fields, each at its *current* value, and ``supersedes`` naming the old packet, which
becomes superseded.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vault.catalogue import load_catalogue
from vault.derive import WHOLE_FIELD_FORMS
from vault.ledger import LedgerEntry, SentField
from vault.packets import jose
from vault.share import Prepared, Selection, Shared, ShareOrder, prepare, send
from vault.timeline import current_entry, same_place, sent_as_current

if TYPE_CHECKING:
    from vault.vault import Vault


def stale_disclosures(
    vault: Vault, person_id: int, key: str, entry: int | None = None
) -> list[LedgerEntry]:
    """Active disclosures holding a value of this field (or this entry) that is no longer
    what Pont would send."""
    return [
        holder
        for holder in vault.ledger.holders_of(person_id, key, entry)
        if any(
            renewal(vault, holder, sent) is not None
            for sent in holder.fields
            if sent.key == key and (entry is None or sent.entry == entry)
        )
    ]


def renewal(vault: Vault, holder: LedgerEntry, sent: SentField) -> Selection | None:
    """What to send in place of ``sent`` now, or None when what they hold is still right.

    A removed entry has nothing to replace it with, so it is left alone.
    """
    spec = load_catalogue().spec_for(sent.key)
    entries = vault.profiles.entries(holder.person_id, sent.key)
    versions = vault.profiles.history(holder.person_id, sent.key, sent.entry)
    old = next((v.value for v in versions if v.version == sent.version), None)
    now = _entry_to_send(spec.succession, entries, sent, old, _day(holder.issued_at), vault)
    if now is None:
        return None
    if spec.succession and now.entry == sent.entry and same_place(now.value, old):
        return None  # the same address (an end date set in advance is not news)
    if not spec.succession and now.value == old:
        return None
    return Selection(sent.key, now.entry, sent.form)


def _entry_to_send(
    succession: bool, entries: list[Any], sent: SentField, old: Any, sent_on: date, vault: Vault
) -> Any:
    if succession and sent_as_current(old, sent_on):
        return current_entry(entries, vault.env.clock().date())
    return next((f for f in entries if f.entry == sent.entry), None)


def prepare_update(vault: Vault, stale: LedgerEntry, channel: str | None = None) -> Prepared:
    """The update packet replacing ``stale``, ready to show before signing."""
    selections = tuple(_renewed_selections(vault, stale))
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


def _renewed_selections(vault: Vault, stale: LedgerEntry) -> list[Selection]:
    """Every field the old packet sent, at its current value; removed entries dropped."""
    picked: list[Selection] = []
    for sent in stale.fields:
        if sent.form in WHOLE_FIELD_FORMS:  # recorded once per entry, sent as one value
            selection: Selection | None = Selection(sent.key, None, sent.form)
        else:
            selection = renewal(vault, stale, sent) or _unchanged(vault, stale, sent)
        if selection is not None and selection not in picked:
            picked.append(selection)
    return picked


def _unchanged(vault: Vault, stale: LedgerEntry, sent: SentField) -> Selection | None:
    live = {f.entry for f in vault.profiles.entries(stale.person_id, sent.key)}
    return Selection(sent.key, sent.entry, sent.form) if sent.entry in live else None


def _day(stamp: str) -> date:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()


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
    vault: Vault, person_id: int, key: str, entry: int | None, out_folder: Path
) -> list[Shared]:
    """Prepare and send an update to every organisation holding an old value, in one go."""
    return [
        send(vault, prepare_update(vault, stale), out_folder)
        for stale in stale_disclosures(vault, person_id, key, entry)
    ]
