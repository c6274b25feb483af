"""Withdrawing consent and exercising UK GDPR rights, as signed notices.

A notice is a packet with no disclosed fields: it names the earlier packet it is about
(``regarding``), carries the request in plain words, and goes to the same organisation,
signed by the same holder, with an email draft. The ledger records it; a withdrawal or
erasure request marks the earlier entry withdrawn.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from vault.errors import InvalidInput
from vault.ledger import LedgerEntry
from vault.packets import jose
from vault.share import Shared, ShareOrder, prepare, send

if TYPE_CHECKING:
    from vault.vault import Vault

NOTICE_KINDS = ("withdrawal", "erasure", "access", "objection")

_TEXT = {
    "withdrawal": (
        "I withdraw my consent to your use of the personal information I sent you on {date} "
        "(Pont packet {packet}) for: {purpose}. Please stop using it for that purpose and "
        "confirm that you have done so."
    ),
    "erasure": (
        "Under Article 17 of the UK GDPR I ask you to erase, without undue delay, the personal "
        "information I sent you on {date} (Pont packet {packet}) and any copies, and to confirm "
        "when you have done so. If you believe you must keep any of it, please tell me which "
        "part and the legal reason."
    ),
    "access": (
        "Under Article 15 of the UK GDPR I ask for a copy of all the personal information you "
        "hold about me, the purposes you use it for, who you have shared it with, and how long "
        "you will keep it. This request relates to the information I sent you on {date} "
        "(Pont packet {packet}). Please reply within one month."
    ),
    "objection": (
        "Under Article 21 of the UK GDPR I object to your processing of my personal information "
        "sent to you on {date} (Pont packet {packet}) for: {purpose}. Please stop unless you "
        "can show compelling legitimate grounds, and confirm your decision."
    ),
}


def notice_text(kind: str, packet_id: str, issued_at: str, purpose: str) -> str:
    if kind not in NOTICE_KINDS:
        raise InvalidInput("notice", "unknown_kind", kind)
    return _TEXT[kind].format(date=issued_at[:10], packet=packet_id, purpose=purpose)


def send_notice(
    vault: Vault,
    packet_id: str,
    kind: str,
    out_folder: Path,
    channel: str = "email",
    *,
    again: bool = False,
) -> Shared:
    """Sign and write a notice about an earlier packet, and record it in the ledger.

    ``packet_id`` may be the short id printed in file names. A second notice of the same
    kind about the same packet is refused (``already_sent``) unless ``again``.
    """
    original = vault.ledger.find(packet_id)
    if kind not in NOTICE_KINDS:
        raise InvalidInput("notice", "unknown_kind", kind)
    if original.kind not in ("disclosure", "update"):
        raise InvalidInput("notice", "not_a_disclosure", original.kind)
    earlier = earlier_notices(vault, original.packet_id, kind)
    if earlier and not again:
        raise InvalidInput("notice", "already_sent", earlier[0].issued_at[:10])
    text = notice_text(kind, original.packet_id, original.issued_at, original.purpose)
    order = ShareOrder(
        person_id=original.person_id,
        organisation_id=original.organisation_id,
        purpose=f"{kind.capitalize()} regarding: {original.purpose}",
        selections=(),
        reference=original.reference,
        kind=kind,
        channel=channel,
        notice={"type": kind, "regarding": original.packet_id, "text": text},
    )
    shared = send(vault, prepare(vault, order), out_folder)
    if kind in ("withdrawal", "erasure") and original.status == "active":
        vault.ledger.set_status(original.packet_id, "withdrawn")
    return shared


def earlier_notices(vault: Vault, packet_id: str, kind: str) -> list[LedgerEntry]:
    """Notices of ``kind`` already sent about ``packet_id``, newest first."""
    original = vault.ledger.get(packet_id)
    return [
        entry
        for entry in vault.ledger.entries(
            organisation_id=original.organisation_id, person_id=original.person_id
        )
        if entry.kind == kind and _regarding(vault, entry.packet_id) == packet_id
    ]


def _regarding(vault: Vault, packet_id: str) -> str | None:
    issuer_jwt = vault.ledger.machine_packet(packet_id).split(b"~", 1)[0]
    notice = jose.parse_compact(issuer_jwt).payload.get("notice")
    return str(notice.get("regarding")) if isinstance(notice, dict) else None
