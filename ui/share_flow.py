"""Answering a request: what the share wizard asks the worker, and the choices it offers.

The wizard's widgets hold no logic of their own about what may be sent: the rows of
step 2 (which fields, pre-ticked or not, in which form, with which warning, blocked or
not) are worked out here from the core's ``minimal_selection`` and ``over_asking``, and
the packet is prepared and signed by the core in the worker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ui import formatting
from ui.i18n import tr
from ui.ops import Operation, VaultSlot
from ui.packet_words import blocked_reason, over_ask_text
from ui.pdf_pages import PageImage, render_pages
from vault.catalogue import FieldSpec, load_catalogue
from vault.derive import derive
from vault.model import Authority, Field, Person
from vault.organisations import Claim, Organisation, Recognised
from vault.over_asking import minimal_selection, over_asking
from vault.page import display
from vault.requests import Request
from vault.share import (
    FULL,
    CarriedConfirmation,
    Prepared,
    Selection,
    Shared,
    ShareOrder,
    prepare,
    preview_pdf,
    send,
)
from vault.timeline import current_entries, is_past

# Forms that describe a whole list (how many, any at all) cannot be made from one entry.
_WHOLE_LIST_FORMS = frozenset({"has_any", "count", "count_adults"})


@dataclass(frozen=True)
class Candidate:
    """Someone whose record can be shared: the owner, or a relative and the authority."""

    person: Person
    authority: Authority | None


@dataclass(frozen=True)
class ShareSetup:
    candidates: list[Candidate]
    organisations: list[Organisation]


@dataclass(frozen=True)
class Recipient:
    """To whom: who the request (or the person) says asks, recognised by the core's one rule
    (``vault.organisations.recognise``); ``organisation_id`` is one the person picked.
    ``accept_new_key``: the person confirmed that this request's key replaces the pinned one."""

    name: str
    email: str | None
    reference: str | None
    organisation_id: int | None = None
    public_key: Mapping[str, str] | None = None
    accept_new_key: bool = False


@dataclass(frozen=True)
class Asked:
    """What is being answered: a request (from a file or the catalogue), or own choice."""

    request: Request | None
    purpose: str
    kind_label: str | None = None  # the catalogue's kind of organisation, for warnings


@dataclass(frozen=True)
class FieldsSnapshot:
    candidate: Candidate
    fields: list[Field]
    today: dt.date


@dataclass
class FieldChoice:
    """One row of step 2: a field entry the person may send, and how."""

    spec: FieldSpec
    entry: int
    value: Any
    required: bool
    why: str | None
    ticked: bool
    form: str
    forms: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    blocked: str | None = None
    past: bool = False  # an address that has ended (or not begun): shown, never pre-ticked

    @property
    def key(self) -> str:
        return self.spec.key


@dataclass(frozen=True)
class Choices:
    rows: list[FieldChoice]
    missing: list[FieldSpec]


# -- worker operations -------------------------------------------------------------------


def load_setup(slot: VaultSlot) -> ShareSetup:
    vault = slot.vault
    candidates = [Candidate(p, vault.people.authority(p.id)) for p in vault.people.all()]
    candidates.sort(key=lambda c: c.person.role != "owner")
    return ShareSetup(candidates, vault.organisations.all())


def load_fields(candidate: Candidate) -> Operation:
    def run(slot: VaultSlot) -> FieldsSnapshot:
        vault = slot.vault
        fresh = Candidate(vault.people.get(candidate.person.id), candidate.authority)
        return FieldsSnapshot(
            fresh, vault.profiles.fields(fresh.person.id), vault.env.clock().date()
        )

    return run


def recognise_recipient(recipient: Recipient) -> Operation:
    """Which stored organisation this is and what the person must be shown (step 1)."""

    def run(slot: VaultSlot) -> Recognised:
        return _recognised(slot.vault, recipient)

    return run


def prepare_packet(
    person_id: int,
    recipient: Recipient,
    asked: Asked,
    selections: tuple[Selection, ...],
    valid_days: int,
    confirmations: bool = True,
) -> Operation:
    """Build exactly what would be sent, nothing signed and nothing stored: a new
    organisation is a draft until the packet is signed (an abandoned preview leaves none).
    ``confirmations`` False: the person chose to leave the confirmations out."""

    def run(slot: VaultSlot) -> Prepared:
        vault = slot.vault
        organisation = _organisation_for(vault, recipient)
        request = asked.request
        order = ShareOrder(
            person_id=person_id,
            organisation_id=organisation.id,
            purpose=asked.purpose,
            selections=selections,
            reference=recipient.reference or None,
            lawful_basis=request.lawful_basis if request else "consent",
            retention=request.retention if request else ShareOrder.retention,
            valid_days=valid_days,
            request=request,
            confirmations=confirmations,
        )
        return prepare(vault, order, organisation)

    return run


def preview_pages(prepared: Prepared) -> Operation:
    """The pages of the PDF that signing ``prepared`` will make, drawn as pictures."""

    def run(slot: VaultSlot) -> tuple[str, list[PageImage]]:
        return prepared.packet_id, render_pages(preview_pdf(prepared))

    return run


def sign_packet(prepared: Prepared, folder: Path, password: str | None, encrypt: bool) -> Operation:
    """Store the organisation if it is new, sign what was previewed, write the files into
    ``folder``, record the ledger entry."""

    def run(slot: VaultSlot) -> Shared:
        organisation = slot.vault.organisations.keep(prepared.organisation).organisation
        order = replace(
            prepared.order,
            organisation_id=organisation.id,
            pdf_password=password or None,
            encrypt=encrypt,
        )
        return send(slot.vault, replace(prepared, order=order, organisation=organisation), folder)

    return run


def _organisation_for(vault: Any, recipient: Recipient) -> Organisation:
    """The organisation recognised for ``recipient``; a new one is a draft until signing."""
    recognised = _recognised(vault, recipient)
    return vault.organisations.settle(recognised, accept_new_key=recipient.accept_new_key)


def _recognised(vault: Any, recipient: Recipient) -> Recognised:
    claim = Claim(recipient.name, recipient.email, recipient.public_key)
    return vault.organisations.recognise(claim, recipient.organisation_id)


# -- the rows of step 2 ----------------------------------------------------------------


def field_choices(snapshot: FieldsSnapshot, asked: Asked) -> Choices:
    """The rows for ``asked``: pre-ticked as the core's minimal selection says."""
    catalogue = load_catalogue()
    by_key: dict[str, list[Field]] = {}
    for stored in snapshot.fields:
        by_key.setdefault(stored.key, []).append(stored)
    authority = snapshot.candidate.authority
    if snapshot.candidate.person.role != "relative":
        authority = None
    if asked.request is None:
        rows = [
            _row(catalogue.spec_for(key), stored, False, None, False, FULL, (), authority)
            for key, entries in by_key.items()
            for stored in entries
        ]
        for row in rows:
            row.past = is_past(row.value, snapshot.today) and row.spec.succession
        return Choices(rows, [])
    return _requested_rows(asked, by_key, authority, snapshot.today)


def _requested_rows(
    asked: Asked, by_key: dict[str, list[Field]], authority: Authority | None, today: dt.date
) -> Choices:
    request = asked.request
    assert request is not None
    catalogue = load_catalogue()
    selection = minimal_selection(request, by_key)
    picked = {f.key: f.form or FULL for f in selection.fields}
    warnings: dict[str, list[str]] = {}
    for warning in over_asking(request):
        spec = catalogue.spec_for(warning.key)
        warnings.setdefault(warning.key, []).append(over_ask_text(warning, spec, asked.kind_label))
    rows: list[FieldChoice] = []
    for asked_field in request.fields:
        spec = catalogue.spec_for(asked_field.key)
        entries = by_key.get(asked_field.key, [])
        current = _current_entries(spec, entries, today)
        for stored in entries:
            ticked = asked_field.key in picked and stored in current
            form = picked.get(asked_field.key, asked_field.form or FULL)
            row = _row(
                spec,
                stored,
                asked_field.required,
                asked_field.why,
                ticked,
                form,
                tuple(warnings.get(asked_field.key, ())),
                authority,
            )
            row.past = spec.succession and is_past(stored.value, today)
            rows.append(row)
    missing = [catalogue.spec_for(key) for key in selection.missing]
    return Choices(rows, missing)


def _row(
    spec: FieldSpec,
    stored: Field,
    required: bool,
    why: str | None,
    ticked: bool,
    form: str,
    warnings: tuple[str, ...],
    authority: Authority | None,
) -> FieldChoice:
    forms = tuple(f for f in spec.derived_forms if f not in _WHOLE_LIST_FORMS)
    blocked = blocked_reason(spec, authority.kind) if authority is not None else None
    return FieldChoice(
        spec=spec,
        entry=stored.entry,
        value=stored.value,
        required=required,
        why=why,
        ticked=ticked and blocked is None,
        form=form if form in forms else FULL,
        forms=forms,
        warnings=warnings,
        blocked=blocked,
    )


def _current_entries(spec: FieldSpec, entries: list[Field], today: dt.date) -> list[Field]:
    """Of a field's entries, those "current" means (``vault.timeline``: the address that
    holds today; every entry of a list)."""
    return current_entries(spec, entries, today)


def selections(rows: list[FieldChoice]) -> tuple[Selection, ...]:
    return tuple(Selection(r.key, r.entry, r.form) for r in rows if r.ticked and not r.blocked)


def confirmations_note(carried: Sequence[CarriedConfirmation]) -> str:
    """What the preview says when the packet carries confirmations: which, by whom, and what
    carrying them reveals (docs/packet-format.md §5.7)."""
    lines = [tr("This packet carries confirmations that the organisation can check:")]
    for item in carried:
        when = formatting.long_date(item.confirmed_on.isoformat()) if item.confirmed_on else ""
        text = tr("• %1: confirmed by %2 on %3") if when else tr("• %1: confirmed by %2")
        lines.append(
            text.replace("%3", when).replace("%1", item.label).replace("%2", item.issuer_name)
        )
    lines.append(
        tr(
            "Privacy: a confirmation names the key it was made for, so the packets that carry "
            "it can be linked to each other and to the issuer's record of that key. Leave the "
            "confirmations out and these fields are sent as your own entries."
        )
    )
    return "\n".join(lines)


def shown_value(row: FieldChoice, today: dt.date) -> str:
    """What this row would send, as text; raises ``InvalidInput`` if the form cannot be made."""
    if row.form == FULL:
        return formatting.display(row.spec, row.value)
    return display(derive(row.spec, row.value, row.form, today))
