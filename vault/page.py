"""The PDF's pages as a pure function of the signed packet (issue 10 #4).

Pont draws the pages from the packet alone: once when it writes the PDF (``vault.share``)
and again when ``pont verify`` checks one (``vault.pdf_binding``), so the pages a clerk
reads can be compared with what the signed packet says. Nothing here reads the vault: every
word comes from the packet's claims, its disclosed values, its id, times and key.

Packets come from outside, so every accessor tolerates a claim of the wrong type (it is
shown as empty text); a hostile packet can only make pages that then fail to match.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from vault.catalogue import CUSTOM_PREFIX, FieldSpec, custom_spec, load_catalogue
from vault.confirmations import CONFIRMATIONS_CLAIM, WHAT_CONFIRMED_MEANS
from vault.errors import InvalidInput, InvalidPacket
from vault.issuer import plain_name
from vault.model import AUTHORITY_PHRASES, format_date
from vault.packets import jose
from vault.packets.pdf import PacketSummary, SummaryField

if TYPE_CHECKING:
    from vault.packets.sdjwt import VerifiedPacket

FULL = "full"
_KIND_TITLES = {
    "disclosure": "Personal information for",
    "update": "Updated personal information for",
    "withdrawal": "Withdrawal of consent, to",
    "erasure": "Request to erase personal information, to",
    "access": "Request for a copy of personal information, to",
    "objection": "Objection to processing, to",
}
_LAWFUL_BASES = {
    "consent": "my consent",
    "contract": "a contract with me",
    "legal_obligation": "your legal obligation",
    "vital_interests": "vital interests",
    "public_task": "your public task",
    "legitimate_interests": "your legitimate interests",
}
_EVIDENCE = {"self": "self-declared", "third_party": "signed by a third party"}
CONFIRMATION_MEANING = (
    '"Confirmed by" is the sender\'s statement that an organisation confirmed the value;'
    " pont verify FILE --trust-issuer ISSUER.pub.json checks it against the issuers you trust. "
    + WHAT_CONFIRMED_MEANS
)
_ENTRY = re.compile(r"[0-9]{1,6}")
_UNLABELLED = ("lines", "town", "county", "postcode", "name")
_LONGEST_KEY = len(CUSTOM_PREFIX) + 60  # catalogue keys are shorter; custom names up to 60


def summary_of(packet: VerifiedPacket) -> PacketSummary:
    """The pages of a verified packet, as Pont would have drawn them when it was sent."""
    return summary_from_packet(
        packet.claims,
        packet.disclosed,
        packet_id=packet.jti,
        issued_at=datetime.fromtimestamp(packet.iat, UTC),
        expires_at=datetime.fromtimestamp(packet.exp, UTC),
        fingerprint=packet.thumbprint,
    )


def summary_from_packet(
    claims: Mapping[str, Any],
    disclosed: Mapping[str, Any],
    *,
    packet_id: str,
    issued_at: datetime,
    expires_at: datetime,
    fingerprint: str,
) -> PacketSummary:
    """Everything the PDF shows, from the packet's public ``claims`` and ``disclosed`` values.

    ``fingerprint`` is empty for a preview made before the packet is signed.
    """
    kind = _text(_member(claims, "pont").get("kind")) or "disclosure"
    recipient = _member(claims, "recipient")
    act = _member(claims, "act")
    subject = _text(claims.get("subject_name"))
    return PacketSummary(
        title=packet_title(kind, _text(recipient.get("name"))),
        kind=kind,
        holder_name=_text(act.get("by")) or subject,
        subject_name=subject,
        acting_statement=acting_statement(act) if act else None,
        organisation_name=_text(recipient.get("name")),
        organisation_email=_text(recipient.get("email")),
        reference=reference_of(claims),
        purpose=_text(claims.get("purpose")).strip(),
        fields=field_rows(claims, disclosed),
        consent_lines=consent_lines(kind, _member(claims, "consent")),
        issued_at=issued_at,
        expires_at=expires_at,
        packet_id=packet_id,
        supersedes=_text(claims.get("supersedes")) or None,
        key_fingerprint=fingerprint,
        # The PDF's own steps say how to check it; a confirmation adds what it means.
        verify_instructions=CONFIRMATION_MEANING if claims.get(CONFIRMATIONS_CLAIM) else "",
        notice=_text(_member(claims, "notice").get("text")),
    )


def packet_title(kind: str, organisation_name: str) -> str:
    """The PDF's title, which says what kind of packet it is and for whom."""
    return f"{_KIND_TITLES.get(kind, 'Notice to')} {organisation_name}"


def field_rows(claims: Mapping[str, Any], disclosed: Mapping[str, Any]) -> tuple[SummaryField, ...]:
    """One row per disclosed claim, in catalogue order (the packet's own order is not kept:
    its digests are sorted), each with the evidence the packet itself states."""
    rows = []
    for name in sorted(disclosed, key=_row_order):
        spec, _, _ = parse_claim_name(name)
        rows.append(
            SummaryField(
                field_label(name),
                display(disclosed[name], spec),
                evidence_label(claims, name),
            )
        )
    return tuple(rows)


def evidence_label(claims: Mapping[str, Any], name: str) -> str:
    """What backs claim ``name``, from the packet's ``provenance`` and ``confirmations``
    claims, in the PDF's words.

    The one place the evidence column is worded: the PDF, the share preview and the check of
    a received PDF all read it from here. "Confirmed by" is the sender's claim here; the
    verifier checks it (``pont verify --trust-issuer``).
    """
    proof = _member(_member(claims, "provenance"), name)
    kind = _text(proof.get("kind"))
    if kind == "document":
        text = f"backed by an attached document (SHA-256 {_text(proof.get('sha256'))[:16]}…)"
    else:
        text = _EVIDENCE.get(kind, kind) or "not stated"
    confirmed = _confirmed_by(claims.get(CONFIRMATIONS_CLAIM), name)
    if confirmed is None:
        return text
    return confirmed if text == "self-declared" else f"{confirmed}; {text}"


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


def parse_claim_name(name: str) -> tuple[FieldSpec | None, str, int | None]:
    """``birthDate_over_18`` → (the birthDate spec, ``over_18``, None); ``address_1`` →
    (address, ``full``, 1). A name Pont does not know → (None, ``full``, None)."""
    whole = _spec(name)
    if whole is not None:
        return whole, FULL, None
    # Only cuts a known key could end at: a hostile name of many "_" costs no more.
    cuts = [m.start() for m in re.finditer("_", name[: _LONGEST_KEY + 1])]
    for cut in reversed(cuts):
        spec = _spec(name[:cut])
        rest = name[cut + 1 :]
        if spec is None:
            continue
        if _ENTRY.fullmatch(rest):
            return spec, FULL, int(rest)
        if rest in spec.derived_forms:
            return spec, rest, None
        form, _, number = rest.rpartition("_")
        if form in spec.derived_forms and _ENTRY.fullmatch(number):
            return spec, form, int(number)
    return None, FULL, None


def field_label(name: str) -> str:
    """``Home address (2)``, ``Date of birth (over 18)``: a claim's label, from its name."""
    spec, form, entry = parse_claim_name(name)
    if spec is None:
        return name
    label = spec.label if entry is None else f"{spec.label} ({entry + 1})"
    return label if form == FULL else f"{label} ({form.replace('_', ' ')})"


def consent_lines(kind: str, consent: Mapping[str, Any]) -> tuple[str, ...]:
    """The terms a disclosure or update is sent on, from the packet's ``consent`` record; a
    notice (withdrawal, erasure …) has none. Withdrawing applies only to consent."""
    if kind not in ("disclosure", "update"):
        return ()
    basis = _text(consent.get("lawfulBasis"))
    withdraw = ("The sender can withdraw consent at any time.",) if basis == "consent" else ()
    return (
        f"Use: only for the purpose above. Lawful basis: {_LAWFUL_BASES.get(basis, basis)}.",
        f"Keep it: {_text(consent.get('termination'))}",
        "Do not pass it on to anyone else.",
        *withdraw,
        "A later update from the sender replaces this document.",
    )


def acting_statement(act: Mapping[str, Any]) -> str:
    """"Sent by … for … under a lasting power of attorney …", from the packet's ``act``."""
    authority = _member(act, "authority")
    kind = _text(authority.get("kind"))
    text = f"Sent by {_text(act.get('by')) or 'the vault owner'} for {_text(act.get('for'))} under "
    text += AUTHORITY_PHRASES.get(kind, kind)
    if authority.get("opg_reference"):
        text += f", OPG reference {_text(authority['opg_reference'])}"
    if authority.get("access_code"):
        text += f". LPA access code: {_text(authority['access_code'])}"
        if authority.get("access_code_expires"):
            text += f" (valid until {_text(authority['access_code_expires'])})"
    return text + "."


def display(value: Any, spec: FieldSpec | None = None) -> str:
    """A value as a clerk reads it: parts in the catalogue's order, yes/no for booleans.

    Address-like parts (lines, town, postcode) stand alone on their lines; other parts are
    labelled ("Sort code: 12-34-56"); a UK country code is left out. Parts the catalogue does
    not know follow in name order, so the words do not depend on how the JSON was ordered.
    """
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return "\n".join(display(v, spec) for v in value)
    if not isinstance(value, dict):
        return "" if value is None else str(value)
    labels = {part.key: part.label for part in spec.parts} if spec else {}
    order = [*labels, *sorted(k for k in value if k not in labels)]
    lines: list[str] = []
    for key in order:
        item = value.get(key)
        if item in (None, "", []) or (key == "country" and item == "GB"):
            continue
        if key in _UNLABELLED:
            lines.extend(str(i) for i in (item if isinstance(item, list) else [item]))
        else:
            lines.append(f"{labels.get(key, key)}: {display(item)}")
    return "\n".join(lines)


# -- helpers ---------------------------------------------------------------------------


def _row_order(name: str) -> tuple[int, str, int, str, str]:
    catalogue = load_catalogue()
    spec, form, entry = parse_claim_name(name)
    keys = [s.key for s in catalogue]
    place = keys.index(spec.key) if spec is not None and spec.key in keys else len(keys)
    known = spec.key if spec is not None else "\uffff"
    return place, known, entry or 0, "" if form == FULL else form, name


def _spec(key: str) -> FieldSpec | None:
    catalogue = load_catalogue()
    if key in catalogue:
        return catalogue.get(key)
    if key.startswith(CUSTOM_PREFIX):
        try:
            return custom_spec(key)
        except InvalidInput:
            return None
    return None


def _member(mapping: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = mapping.get(name)
    return value if isinstance(value, Mapping) else {}


def reference_of(claims: Mapping[str, Any]) -> str:
    """The organisation's reference as the page prints it, or "" for none. Not the nonce: a
    packet that answers no reference answers its own id, which is no reference anyone gave.
    The PDF, ``pont verify`` and the app's verify screen all show this one."""
    return _text(claims.get("reference"))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
