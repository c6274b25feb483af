""" "Tell them once": after a value changes, update every organisation holding the old one.

An organisation holds a *stale* value when what Pont would send it now differs from what
it was sent (``vault.timeline``):

- a single field, or an entry chosen on purpose: that entry's latest value;
- an address that was current when sent: the address current now (you moved);
- a whole list that was sent (every medicine, every bank account there was): the list as
  it is now, with entries changed, added or removed;
- a form over a whole list (how many adults live here): the same form of the list now.

For each such active disclosure an update goes to the same organisation with the same
purpose, reference and fields, each at what Pont would send now, and ``supersedes``
naming the old packet, which becomes superseded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vault.catalogue import FieldSpec, load_catalogue
from vault.derive import WHOLE_FIELD_FORMS
from vault.ledger import LedgerEntry, SentField
from vault.model import Field, FieldVersion
from vault.packets import jose
from vault.share import Prepared, Selection, Shared, ShareOrder, prepare, send
from vault.timeline import current_entry, same_place, sent_as_current

if TYPE_CHECKING:
    from vault.vault import Vault


@dataclass(frozen=True)
class Renewal:
    """For one field of one old packet: what to send now, and whether it differs."""

    selections: tuple[Selection, ...]
    stale: bool


def stale_disclosures(
    vault: Vault, person_id: int, key: str, entry: int | None = None
) -> list[LedgerEntry]:
    """Active disclosures holding a value of this field (or one that sent this entry) that
    is no longer what Pont would send."""
    return [
        holder
        for holder in vault.ledger.holders_of(person_id, key, entry)
        if any(r.stale for r in renewals(vault, holder, key))
    ]


def renewals(vault: Vault, holder: LedgerEntry, key: str) -> list[Renewal]:
    """What to send now in place of each way ``holder`` was sent ``key`` (one per form)."""
    spec = load_catalogue().spec_for(key)
    history = _History(
        vault.profiles.all_versions(holder.person_id, key),
        vault.profiles.entries(holder.person_id, key),
    )
    sent_on = _moment(holder.issued_at)
    by_form: dict[str, list[SentField]] = {}
    for sent in holder.fields:
        if sent.key == key:
            by_form.setdefault(sent.form, []).append(sent)
    today = vault.env.clock().date()
    return [_renewal(spec, form, sent, history, sent_on, today) for form, sent in by_form.items()]


def _renewal(
    spec: FieldSpec,
    form: str,
    sent: list[SentField],
    history: _History,
    sent_on: datetime,
    today: date,
) -> Renewal:
    old = {s.entry: history.value(s.entry, s.version) for s in sent}
    live = history.live()
    if form in WHOLE_FIELD_FORMS or (
        spec.repeatable and not spec.succession and set(old) == history.live_at(sent_on)
    ):
        # The whole list went (or a form of it): send the whole list as it is now.
        now = live
        chosen = (
            (Selection(spec.key, None, form),)
            if form in WHOLE_FIELD_FORMS
            else tuple(Selection(spec.key, entry, form) for entry in sorted(now))
        )
        return Renewal(chosen if now else (), now != old)
    parts = [_one(spec, form, s.entry, old[s.entry], history, sent_on.date(), today) for s in sent]
    return Renewal(
        tuple(p.selections[0] for p in parts if p.selections), any(p.stale for p in parts)
    )


def _one(
    spec: FieldSpec,
    form: str,
    entry: int,
    old: Any,
    history: _History,
    sent_on: date,
    today: date,
) -> Renewal:
    """One entry sent on its own: the same entry now, or for an address that was current
    then, the address current now. A removed entry has nothing to replace it with."""
    live = history.live()
    if spec.succession and sent_as_current(old, sent_on):
        found = current_entry(history.entries, today)
        if found is None:
            return Renewal((), False)
        same = found.entry == entry and same_place(found.value, old)
        return Renewal((Selection(spec.key, found.entry, form),), not same)
    if entry not in live:
        return Renewal((), False)
    return Renewal((Selection(spec.key, entry, form),), live[entry] != old)


class _History:
    """Every version of every entry of one field of one person."""

    def __init__(self, versions: Iterable[FieldVersion], entries: list[Field]) -> None:
        self._versions = sorted(versions, key=lambda v: (v.entry, v.version))
        self.entries = entries  # the live entries, as the profile holds them

    def value(self, entry: int, version: int) -> Any:
        return next(
            (v.value for v in self._versions if (v.entry, v.version) == (entry, version)), None
        )

    def live(self) -> dict[int, Any]:
        """The entries that have a value now, and their values."""
        latest: dict[int, Any] = {}
        for v in self._versions:
            latest[v.entry] = v.value
        return {entry: value for entry, value in latest.items() if value is not None}

    def live_at(self, moment: datetime) -> set[int]:
        """The entries that had a value at ``moment`` (what "the whole list" was then)."""
        latest: dict[int, Any] = {}
        for v in self._versions:
            if _moment(v.changed_at) <= moment:
                latest[v.entry] = v.value
        return {entry for entry, value in latest.items() if value is not None}


def prepare_update(vault: Vault, stale: LedgerEntry, channel: str | None = None) -> Prepared:
    """The update packet replacing ``stale``, ready to show before signing."""
    keys = dict.fromkeys(f.key for f in stale.fields)
    selections = tuple(
        selection
        for key in keys
        for renewal in renewals(vault, stale, key)
        for selection in renewal.selections
    )
    terms = _terms(vault.ledger.machine_packet(stale.packet_id))
    organisation = vault.organisations.get(stale.organisation_id)
    order = ShareOrder(
        person_id=stale.person_id,
        organisation_id=stale.organisation_id,
        purpose=stale.purpose,
        selections=tuple(dict.fromkeys(selections)),
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


def _moment(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def _terms(machine_packet: bytes) -> dict[str, Any]:
    """The consent terms the original packet carried (our own, signed, packet)."""
    issuer_jwt = machine_packet.split(b"~", 1)[0]
    consent = jose.parse_compact(issuer_jwt).payload.get("consent")
    return dict(consent) if isinstance(consent, dict) else {}


def _valid_days(stale: LedgerEntry) -> int:
    if stale.expires_at is None:
        return ShareOrder.valid_days
    issued, expires = _moment(stale.issued_at), _moment(stale.expires_at)
    return max(1, (expires - issued).days)


def tell_them_once(
    vault: Vault, person_id: int, key: str, entry: int | None, out_folder: Path
) -> list[Shared]:
    """Prepare and send an update to every organisation holding an old value, in one go."""
    return [
        send(vault, prepare_update(vault, stale), out_folder)
        for stale in stale_disclosures(vault, person_id, key, entry)
    ]
