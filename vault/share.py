"""Answering a request: from the chosen fields to signed packet files and a ledger entry.

``prepare`` builds exactly what would be sent (claims, the PDF's text) without signing,
so the person can look at it first. ``send`` signs it, writes the files, and records
the ledger entry. Minimisation happens here: only the selected fields, in the chosen
(possibly less revealing) form, ever reach the packet.
"""

from __future__ import annotations

import base64
import hashlib
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vault.atomic import make_private_folder, write_atomic
from vault.catalogue import FieldSpec, load_catalogue
from vault.confirmations import WHAT_CONFIRMED_MEANS
from vault.derive import WHOLE_FIELD_FORMS, derive
from vault.errors import InvalidInput, InvalidPacket, NotFound
from vault.issuer import plain_name
from vault.ledger import LedgerEntry, NewEntry, SentField
from vault.model import AUTHORITY_PHRASES, PROPERTY_ONLY, Authority, Field, Person, format_date
from vault.packets import jose
from vault.packets.pdf import PacketSummary, SummaryField, layout_pdf, render_packet_pdf
from vault.packets.sdjwt import PACKET_VCT, issue_packet

if TYPE_CHECKING:
    from vault.credentials import Confirmation
    from vault.holder_keys import StoredKey
    from vault.organisations import Organisation
    from vault.requests import Request
    from vault.vault import Vault

FULL = "full"
MAX_DAYS = 366
DEFAULT_DAYS = 30
_HEALTH = "health"
_LAWFUL_BASES = {
    "consent": "my consent",
    "contract": "a contract with me",
    "legal_obligation": "your legal obligation",
    "vital_interests": "vital interests",
    "public_task": "your public task",
    "legitimate_interests": "your legitimate interests",
}
_KIND_TITLES = {
    "disclosure": "Personal information for",
    "update": "Updated personal information for",
    "withdrawal": "Withdrawal of consent, to",
    "erasure": "Request to erase personal information, to",
    "access": "Request for a copy of personal information, to",
    "objection": "Objection to processing, to",
}


@dataclass(frozen=True)
class Selection:
    """A field the person chose to send, in ``form`` (``full`` or a derived form).

    ``entry`` None sends the current value (see :func:`chosen_entries`); a number sends
    that entry, e.g. a past address chosen on purpose.
    """

    key: str
    entry: int | None = None
    form: str = FULL


@dataclass(frozen=True)
class ShareOrder:
    """Everything the person decided: to whom, why, what, for how long, how."""

    person_id: int
    organisation_id: int
    purpose: str
    selections: tuple[Selection, ...]
    reference: str | None = None
    lawful_basis: str = "consent"
    retention: str = "Only as long as needed for the purpose above."
    valid_days: int = DEFAULT_DAYS
    request: Request | None = None
    channel: str = "email"
    pdf_password: str | None = None
    encrypt: bool = False
    pairwise_key: bool = False
    kind: str = "disclosure"
    supersedes: str | None = None
    notice: dict[str, str] | None = None
    confirmations: bool = True  # carry the confirmations of fields sent unchanged (§5.7)


@dataclass(frozen=True)
class CarriedConfirmation:
    """A confirmation the packet carries for one field, as the person is told before signing:
    the packet claim, the field as the PDF names it, who confirmed it (the name the issuer
    gives itself, and its key fingerprint) and on which day."""

    claim: str
    label: str
    issuer_name: str
    issuer_fingerprint: str
    confirmed_on: date | None


@dataclass(frozen=True)
class Prepared:
    """What will be sent, exactly, before anything is signed."""

    order: ShareOrder
    packet_id: str
    person: Person
    organisation: Organisation
    claims: dict[str, Any]
    public_claims: dict[str, Any]
    summary: PacketSummary
    sent: tuple[SentField, ...]
    audience: str
    nonce: str
    issued_at: datetime
    expires_at: datetime
    holder_key_id: int | None = None  # the key that signs; None: a new pairwise key
    confirmations: tuple[CarriedConfirmation, ...] = ()


@dataclass(frozen=True)
class Shared:
    """The files written and the ledger entry recorded."""

    packet_id: str
    entry: LedgerEntry
    files: dict[str, Path] = field(default_factory=dict)


def prepare(vault: Vault, order: ShareOrder, organisation: Organisation | None = None) -> Prepared:
    """Build the packet's content from the vault; raises ``InvalidInput`` for what may not go.

    ``organisation`` stands in for ``order.organisation_id`` when it is not stored (yet), as
    in a dry run that must not change the vault.
    """
    person = vault.people.get(order.person_id)
    organisation = organisation or vault.organisations.get(order.organisation_id)
    authority = vault.people.authority(person.id)
    _check_order(order, person, authority)
    issued = vault.env.clock().replace(microsecond=0)
    expires = issued + timedelta(days=min(max(order.valid_days, 1), MAX_DAYS))
    packet_id = str(uuid.UUID(bytes=vault.env.token_bytes(16), version=4))
    disclosed = _disclosed(vault, person, order, issued)
    key, carried = signing_key(vault, order, disclosed.wanted)
    audience = audience_of(organisation)
    nonce = order.reference or packet_id
    confirmations = vault.credentials.confirmations_claim(
        person.id,
        disclosed.wanted if carried else [],
        audience=audience,
        nonce=nonce,
        issued_at=int(issued.timestamp()),
        holder_key_id=None if key is None else key.id,
    )
    owner = vault.people.owner()
    public = _public_claims(
        order, person, organisation, authority, owner, disclosed.provenance, packet_id
    )
    if confirmations:
        public[CONFIRMATIONS] = confirmations
    rows = [
        SummaryField(label, value, evidence_label(public, name))
        for name, label, value in disclosed.rows
    ]
    summary = _summary(order, person, organisation, public, rows, issued, expires, packet_id)
    return Prepared(
        order,
        packet_id,
        person,
        organisation,
        disclosed.claims,
        public,
        summary,
        disclosed.sent,
        audience=audience,
        nonce=nonce,
        issued_at=issued,
        expires_at=expires,
        holder_key_id=None if key is None else key.id,
        confirmations=_notes(carried, disclosed.labels),
    )


def confirmations_in(
    vault: Vault, order: ShareOrder, organisation: Organisation | None = None
) -> list[CarriedConfirmation]:
    """The confirmations a share of ``order`` would carry, to tell the person before signing
    (they link the packet to the issuer's record of the holder key). Nothing is signed."""
    person = vault.people.get(order.person_id)
    _check_order(order, person, vault.people.authority(person.id))
    today = vault.env.clock().replace(microsecond=0)
    disclosed = _disclosed(vault, person, order, today)
    return list(_notes(signing_key(vault, order, disclosed.wanted)[1], disclosed.labels))


def signing_key(
    vault: Vault, order: ShareOrder, wanted: list[tuple[str, str, int, str]]
) -> tuple[StoredKey | None, list[tuple[str, Confirmation]]]:
    """The holder key that signs a share, and the confirmations the packet carries.

    A confirmation is bound (``cnf``) to one holder key, and a packet carrying it must be
    signed by that key (§5.7). So the key a share signs with anyway — the organisation's
    own (pairwise) key, else the vault's default key — signs when confirmations are bound to
    it; otherwise the key binding the most confirmed fields signs instead, even in place of a
    pairwise key (its ``cnf`` is in the confirmation anyway, so a pairwise key would hide
    nothing). Confirmations bound to any other key are left out. With
    ``order.confirmations`` False nothing is carried and the usual key signs. ``None``: a
    new pairwise key is made when signing.
    """
    usual = vault.holder_keys.would_sign(order.organisation_id, pairwise=order.pairwise_key)
    if not order.confirmations or not wanted:
        return usual, []
    credentials = vault.credentials
    bound = {
        c.credential.holder_key_id
        for _, key, entry, form in wanted
        for c in credentials.usable_confirmations(order.person_id, key, entry, form)
    }
    if not bound:
        return usual, []
    if usual is None or usual.id not in bound:
        counts = {
            k: len(credentials.carried(order.person_id, wanted, holder_key_id=k)) for k in bound
        }
        usual = vault.holder_keys.by_id(max(sorted(bound), key=lambda k: counts[k]))
    return usual, credentials.carried(order.person_id, wanted, holder_key_id=usual.id)


def _notes(
    carried: list[tuple[str, Confirmation]], labels: Mapping[str, str]
) -> tuple[CarriedConfirmation, ...]:
    return tuple(
        CarriedConfirmation(
            claim,
            labels[claim],
            found.credential.issuer_name,
            found.credential.issuer_fingerprint,
            _day(found.credential.issued_at),
        )
        for claim, found in carried
    )


def _day(stamp: str | None) -> date | None:
    return None if stamp is None else datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()


def preview_pdf(prepared: Prepared) -> bytes:
    """The pages of the PDF that :func:`send` will sign for ``prepared``, unsigned: the same
    layout and words; only the key fingerprint, known when signing, is left blank."""
    return layout_pdf(prepared.summary, None, now=prepared.issued_at)


def send(vault: Vault, prepared: Prepared, out_folder: Path) -> Shared:
    """Sign, write the files, and record the ledger entry (removed again if writing fails)."""
    key = signer(vault, prepared)
    machine = issue_packet(
        key.key,
        claims=prepared.claims,
        public_claims=prepared.public_claims,
        issued_at=int(prepared.issued_at.timestamp()),
        expires_at=int(prepared.expires_at.timestamp()),
        audience=prepared.audience,
        nonce=prepared.nonce,
        packet_id=prepared.packet_id,
        token_bytes=vault.env.token_bytes,
    ).encode("ascii")
    summary = _with_fingerprint(prepared.summary, key.key.thumbprint)
    entry = vault.ledger.record(_ledger_entry(prepared, key.id, machine))
    files: dict[str, Path] = {}
    try:
        _write_files(vault, prepared, summary, machine, key.key.private_key, out_folder, files)
    except BaseException:
        # Nothing half-sent: no partial files, no ledger entry, the replaced packet active again.
        for path in files.values():
            path.unlink(missing_ok=True)
        vault.ledger.forget(prepared.packet_id)
        raise
    return Shared(prepared.packet_id, entry, files)


def signer(vault: Vault, prepared: Prepared) -> StoredKey:
    """The holder key that signs ``prepared``: the one :func:`signing_key` chose when it was
    prepared, or — when that was to be a new pairwise key — that key, made now."""
    if prepared.holder_key_id is not None:
        return vault.holder_keys.by_id(prepared.holder_key_id)
    return vault.holder_keys.for_organisation(
        prepared.organisation.id, pairwise=prepared.order.pairwise_key
    )


def audience_of(organisation: Organisation) -> str:
    """The packet's ``aud``: the organisation's email address, or its name when it has none."""
    return (organisation.email or organisation.name).strip()


# -- checks ------------------------------------------------------------------------


def _check_order(order: ShareOrder, person: Person, authority: Authority | None) -> None:
    if not order.selections and order.notice is None:
        raise InvalidInput("selection", "empty")
    if not order.purpose.strip():
        raise InvalidInput("purpose", "required")
    if order.encrypt and order.pdf_password:
        raise InvalidInput("pdf_password", "not_with_encryption")
    if person.role == "relative":
        if authority is None:
            raise InvalidInput("authority", "missing", "record the authority you act under first")
        catalogue = load_catalogue()
        health = [s.key for s in order.selections if catalogue.spec_for(s.key).category == _HEALTH]
        if health and authority.kind in PROPERTY_ONLY:
            raise InvalidInput("selection", "health_not_covered", ", ".join(health))


# -- content -----------------------------------------------------------------------


@dataclass
class _Disclosed:
    """The fields a share sends: claims, their provenance, the ledger's record of them,
    the PDF's rows ``(claim, label, value)``, and ``wanted``, the ``(claim, field key,
    entry, form)`` of each that a confirmation could back."""

    claims: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, Any] = field(default_factory=dict)
    sent: tuple[SentField, ...] = ()
    rows: list[tuple[str, str, str]] = field(default_factory=list)
    wanted: list[tuple[str, str, int, str]] = field(default_factory=list)

    @property
    def labels(self) -> dict[str, str]:
        return {name: label for name, label, _ in self.rows}


def _disclosed(vault: Vault, person: Person, order: ShareOrder, today: datetime) -> _Disclosed:
    catalogue = load_catalogue()
    out = _Disclosed()
    sent: list[SentField] = []
    chosen: set[tuple[str, int | None, str]] = set()
    for asked in order.selections:
        spec = catalogue.spec_for(asked.key)
        for selection, used in chosen_entries(vault, person.id, spec, asked):
            if (selection.key, selection.entry, selection.form) in chosen:
                raise InvalidInput(spec.key, "selected_twice")
            chosen.add((selection.key, selection.entry, selection.form))
            value = _value(spec, selection, used, today)
            name = claim_name(spec, selection, out.claims)
            out.claims[name] = value
            out.provenance[name] = _provenance(vault, used)
            sent += [SentField(f.key, f.entry, f.version, selection.form) for f in used]
            label = _label(spec, selection, numbered=name.endswith(f"_{selection.entry}"))
            out.rows.append((name, label, display(value, spec)))
            if selection.form not in WHOLE_FIELD_FORMS:  # one entry's value, confirmable
                out.wanted.append((name, spec.key, used[0].entry, selection.form))
    out.sent = tuple(sent)
    return out


def chosen_entries(
    vault: Vault, person_id: int, spec: FieldSpec, selection: Selection
) -> list[tuple[Selection, list[Field]]]:
    """The field entries a selection sends, each with its entry named.

    A selection without an entry sends the current value (``vault.timeline``): the one
    entry of a single field, the address that holds today, every entry of a list. A form
    about the whole list ("how many") uses every entry.
    """
    if selection.form in WHOLE_FIELD_FORMS:  # e.g. "how many adults live here"
        every = vault.profiles.entries(person_id, spec.key)
        if not every:
            raise NotFound("field", spec.key)
        return [(replace(selection, entry=every[0].entry), every)]
    if selection.entry is not None:
        return [(selection, [vault.profiles.get(person_id, spec.key, selection.entry)])]
    current = vault.profiles.current(person_id, spec.key)
    if not current:
        if spec.succession and vault.profiles.entries(person_id, spec.key):
            raise InvalidInput(spec.key, "no_current_entry")
        raise NotFound("field", spec.key)
    return [(replace(selection, entry=f.entry), [f]) for f in current]


def _value(spec: FieldSpec, selection: Selection, used: list[Field], today: datetime) -> Any:
    if selection.form in WHOLE_FIELD_FORMS:
        return derive(spec, [f.value for f in used], selection.form, today.date())
    if selection.form == FULL:
        return used[0].value
    return derive(spec, used[0].value, selection.form, today.date())


def claim_name(spec: FieldSpec, selection: Selection, taken: dict[str, Any]) -> str:
    """``birthDate``, ``birthDate_over_18``, and ``address_1`` for a second address entry."""
    name = spec.key if selection.form == FULL else f"{spec.key}_{selection.form}"
    if name in taken:
        name = f"{name}_{selection.entry or 0}"
    if name in taken:
        raise InvalidInput(spec.key, "selected_twice")
    return name


def _provenance(vault: Vault, used: list[Field]) -> dict[str, Any]:
    """A document backs the claim only when it is one value, backed by one document."""
    if len(used) == 1 and used[0].provenance == "document" and used[0].document_id is not None:
        return {"kind": "document", "sha256": vault.documents.document(used[0].document_id).sha256}
    kinds = {f.provenance for f in used}
    return {"kind": kinds.pop() if len(kinds) == 1 and "document" not in kinds else "self"}


def _public_claims(
    order: ShareOrder,
    person: Person,
    organisation: Organisation,
    authority: Authority | None,
    owner: Person | None,
    provenance: dict[str, Any],
    packet_id: str,
) -> dict[str, Any]:
    public: dict[str, Any] = {
        "pont": {"version": 1, "kind": order.kind},
        "vct": PACKET_VCT,
        "sub": pairwise_subject(person.uuid, organisation.uuid),
        "subject_name": person.name,
        "purpose": order.purpose.strip(),
        "recipient": {"name": organisation.name, "email": organisation.email},
        "consent": _consent(order, organisation, packet_id, provenance),
        "provenance": provenance,
    }
    if order.reference:
        public["reference"] = order.reference
    if order.supersedes:
        public["supersedes"] = order.supersedes
    if order.notice:
        public["notice"] = dict(order.notice)
    if person.role == "relative" and authority is not None:
        public["act"] = _acting(authority, person, owner)
    return public


def pairwise_subject(person_uuid: str, organisation_uuid: str) -> str:
    """A stable id for this person at this organisation that links to no other organisation."""
    digest = hashlib.sha256(f"pont-sub:{person_uuid}:{organisation_uuid}".encode()).digest()
    return base64.urlsafe_b64encode(digest[:16]).rstrip(b"=").decode("ascii")


def _acting(authority: Authority, person: Person, owner: Person | None) -> dict[str, Any]:
    shared = ("registered_on", "opg_reference", "access_code", "access_code_expires")
    return {
        "by": owner.name if owner else None,
        "for": person.name,
        "authority": {
            "kind": authority.kind,
            **{k: v for k, v in authority.details.items() if k in shared},
        },
    }


def _consent(
    order: ShareOrder, organisation: Organisation, packet_id: str, provenance: dict[str, Any]
) -> dict[str, Any]:
    # Field names follow the Kantara Consent Receipt v1.1 where one fits.
    return {
        "consentReceiptID": packet_id,
        "jurisdiction": "GB",
        "collectionMethod": "Pont disclosure packet, approved by the sender",
        "piiControllers": [{"piiController": organisation.name, "email": organisation.email}],
        "purpose": order.purpose.strip(),
        "lawfulBasis": order.lawful_basis,
        "piiCategory": sorted(provenance),
        "termination": order.retention,
        "thirdPartyDisclosure": False,
        "withdrawal": "The sender may withdraw at any time with a signed notice.",
    }


# -- the human layer -----------------------------------------------------------------


def _summary(
    order: ShareOrder,
    person: Person,
    organisation: Organisation,
    public: dict[str, Any],
    rows: list[SummaryField],
    issued: datetime,
    expires: datetime,
    packet_id: str,
) -> PacketSummary:
    act = public.get("act")
    if order.notice:
        rows = [SummaryField("Notice", order.notice["text"], ""), *rows]
    return PacketSummary(
        title=f"{_KIND_TITLES.get(order.kind, 'Notice to')} {organisation.name}",
        kind=order.kind,
        holder_name=act["by"] if act and act["by"] else person.name,
        subject_name=person.name,
        acting_statement=acting_statement(act) if act else None,
        organisation_name=organisation.name,
        organisation_email=organisation.email or "",
        reference=order.reference or "",
        purpose=order.purpose.strip(),
        fields=tuple(rows),
        consent_lines=(
            "Use: only for the purpose above. Lawful basis: "
            f"{_LAWFUL_BASES.get(order.lawful_basis, order.lawful_basis)}.",
            f"Keep it: {order.retention}",
            "Do not pass it on to anyone else.",
            "The sender can withdraw consent at any time; updates replace this document.",
        ),
        issued_at=issued,
        expires_at=expires,
        packet_id=packet_id,
        supersedes=order.supersedes,
        key_fingerprint="",
        verify_instructions=(
            "The file packet.sd-jwt attached to this PDF (and to the email) holds the same "
            "information, signed. Check it with the free Pont verifier: open verifier.html in "
            "a browser and drop the file on it, or run: pont verify FILE. The PDF's own "
            "signature shows it has not been changed since it was signed."
            + (CONFIRMATION_MEANING if public.get(CONFIRMATIONS) else "")
        ),
    )


def acting_statement(act: dict[str, Any]) -> str:
    authority = act["authority"]
    text: str = f"Sent by {act['by'] or 'the vault owner'} for {act['for']} under "
    text += AUTHORITY_PHRASES.get(authority["kind"], authority["kind"])
    if authority.get("opg_reference"):
        text += f", OPG reference {authority['opg_reference']}"
    if authority.get("access_code"):
        text += f". LPA access code: {authority['access_code']}"
        if authority.get("access_code_expires"):
            text += f" (valid until {authority['access_code_expires']})"
    return text + "."


def _with_fingerprint(summary: PacketSummary, fingerprint: str) -> PacketSummary:
    return replace(summary, key_fingerprint=fingerprint)


def _label(spec: FieldSpec, selection: Selection, *, numbered: bool) -> str:
    entry = selection.entry or 0
    label = f"{spec.label} ({entry + 1})" if numbered else spec.label
    if selection.form == FULL:
        return label
    return f"{label} ({selection.form.replace('_', ' ')})"


CONFIRMATIONS = "confirmations"
CONFIRMATION_MEANING = (
    ' "Confirmed by" is the sender\'s statement that an organisation confirmed the value;'
    " pont verify FILE --trust-issuer ISSUER.pub.json checks it against the issuers you trust. "
    + WHAT_CONFIRMED_MEANS
)


def evidence_label(claims: Mapping[str, Any], name: str) -> str:
    """What backs one disclosed claim, as the PDF's evidence column says it: derived from the
    packet's plain claims alone (``provenance`` and ``confirmations``), so a verifier can
    derive it again. "Confirmed by" is the sender's claim here; the verifier checks it."""
    provenance = claims.get("provenance")
    proof = provenance.get(name) if isinstance(provenance, dict) else None
    text = _proof_text(proof if isinstance(proof, dict) else {"kind": "self"})
    confirmed = _confirmed_by(claims.get(CONFIRMATIONS), name)
    if confirmed is None:
        return text
    return confirmed if text == "self-declared" else f"{confirmed}; {text}"


def _proof_text(proof: dict[str, Any]) -> str:
    if proof.get("kind") == "document":
        return f"backed by an attached document (SHA-256 {str(proof.get('sha256'))[:16]}…)"
    names = {"self": "self-declared", "third_party": "signed by a third party"}
    kind = str(proof.get("kind"))
    return names.get(kind, kind)


def _confirmed_by(entries: Any, name: str) -> str | None:
    """The words "confirmed by NAME on DATE" from the first confirmation naming ``name``, as
    the issuer-signed JWT states them (not checked here)."""
    for entry in entries if isinstance(entries, list) else []:
        mapping = entry.get("claims") if isinstance(entry, dict) else None
        if not isinstance(mapping, dict) or name not in mapping:
            continue
        try:
            text = str(entry.get("presentation")).split("~", 1)[0].encode("ascii")
            payload = jose.parse_compact(text).payload
        except (InvalidPacket, UnicodeEncodeError):
            continue
        issuer, iat = payload.get("issuer_name"), payload.get("iat")
        when = (
            f" on {format_date(datetime.fromtimestamp(iat, UTC).date())}"
            if isinstance(iat, int) and not isinstance(iat, bool) and 0 <= iat < 2**40
            else ""
        )
        return f"confirmed by {_issuer_words(issuer)}{when}"
    return None


def _issuer_words(name: Any) -> str:
    try:
        return plain_name("issuer_name", name) or ""
    except InvalidInput:
        return "an issuer whose name cannot be shown"


def display(value: Any, spec: FieldSpec | None = None) -> str:
    """A value as a clerk reads it: parts in the catalogue's order, yes/no for booleans.

    Address-like parts (lines, town, postcode) stand alone on their lines; other parts are
    labelled ("Sort code: 12-34-56"); a UK country code is left out.
    """
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return "\n".join(display(v, spec) for v in value)
    if not isinstance(value, dict):
        return str(value)
    labels = {part.key: part.label for part in spec.parts} if spec else {}
    order = [*labels, *(k for k in value if k not in labels)]
    lines: list[str] = []
    for key in order:
        item = value.get(key)
        if item in (None, "", []) or (key == "country" and item == "GB"):
            continue
        if key in _UNLABELLED:
            lines.extend(item if isinstance(item, list) else [str(item)])
        else:
            lines.append(f"{labels.get(key, key)}: {display(item)}")
    return "\n".join(lines)


_UNLABELLED = ("lines", "town", "county", "postcode", "name")


# -- files -------------------------------------------------------------------------


def _write_files(
    vault: Vault,
    prepared: Prepared,
    summary: PacketSummary,
    machine: bytes,
    signing_key: Any,
    out_folder: Path,
    files: dict[str, Path],
) -> None:
    """Write the packet's files, adding each to ``files`` as soon as it exists."""
    from vault.packets.email_draft import build_draft, draft_body

    make_private_folder(out_folder)
    stem = _stem(prepared)
    attachments: list[tuple[str, bytes, str]] = []
    if prepared.order.encrypt:
        from vault.packets.hpke import seal_packet

        key = prepared.organisation.public_key
        if not key:
            raise InvalidInput("encrypt", "organisation_has_no_key")
        sealed = seal_packet(machine, dict(key), prepared.audience)
        files["sealed"] = _write(out_folder / f"{stem}.sealed.json", sealed, vault)
        attachments.append((files["sealed"].name, sealed, "application/json"))
    else:
        pdf = render_packet_pdf(
            summary,
            machine,
            signing_key,
            now=prepared.issued_at,
            password=prepared.order.pdf_password,
        )
        files["pdf"] = _write(out_folder / f"{stem}.pdf", pdf, vault)
        files["sd-jwt"] = _write(out_folder / f"{stem}.sd-jwt", machine, vault)
        attachments += [
            (files["pdf"].name, pdf, "application/pdf"),
            (files["sd-jwt"].name, machine, "application/sd-jwt"),
        ]
    if prepared.order.channel == "email":
        to = prepared.organisation.email or ""
        body = draft_body(summary, has_password=bool(prepared.order.pdf_password))
        draft = build_draft(to, _subject(prepared), body, attachments)
        files["email"] = _write(out_folder / f"{stem}.eml", draft, vault)


def _write(path: Path, data: bytes, vault: Vault) -> Path:
    write_atomic(path, data, vault.env.file_ops)
    return path


def _subject(prepared: Prepared) -> str:
    ref = f" — your reference {prepared.order.reference}" if prepared.order.reference else ""
    return f"{prepared.summary.title}{ref}"


def _stem(prepared: Prepared) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", prepared.organisation.name.lower()).strip("-")[:40]
    return f"{prepared.issued_at:%Y-%m-%d}-{slug or 'organisation'}-{prepared.packet_id[:8]}"


def _ledger_entry(prepared: Prepared, key_id: int, machine: bytes) -> NewEntry:
    order = prepared.order
    return NewEntry(
        packet_id=prepared.packet_id,
        kind=order.kind,
        person_id=prepared.person.id,
        organisation_id=prepared.organisation.id,
        holder_key_id=key_id,
        purpose=order.purpose,
        reference=order.reference,
        request=None if order.request is None else _request_data(order.request),
        issued_at=prepared.issued_at,
        expires_at=prepared.expires_at,
        channel=order.channel,
        supersedes=order.supersedes,
        machine_packet=machine,
        fields=prepared.sent,
    )


def _request_data(request: Request) -> dict[str, Any]:
    import json

    return dict(json.loads(request.to_json()))
