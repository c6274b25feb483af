"""Confirmations in the app: importing a credential file, and the words a field shows.

A confirmation is a credential an organisation signed after checking some of a person's
fields (docs/packet-format.md §5). Importing is the core's check, exactly as
``pont credential import`` does it (``vault.credentials``); this module only runs it in
the worker and puts the result in plain words. Issuer names come from outside: they are
only ever shown in plain-text labels, never in tooltips (which Qt may read as markup).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ui import formatting
from ui.i18n import tr
from ui.ops import VaultSlot
from ui.packet_words import claim_label
from vault.claims import FULL
from vault.credentials import Confirmation, StoredCredential, read_credential_file


def meaning() -> str:
    """What "confirmed by" means and what it does not (DESIGN: the trust question)."""
    return tr(
        "“Confirmed by” means that organisation checked this value on that date and signed "
        "to say so. It does not mean the value is still true today. The organisation's name "
        "is the one it gives itself; whoever you share with decides whether they trust it."
    )


@dataclass(frozen=True)
class Kept:
    """A credential just imported, and the labels of the fields it confirms."""

    stored: StoredCredential
    fields: tuple[str, ...]


def import_file(person_id: int, path: Path) -> Callable[[VaultSlot], Kept]:
    """The worker's job: read the file and import it for ``person_id`` (the core's checks)."""

    def run(slot: VaultSlot) -> Kept:
        data = read_credential_file(path)
        stored = slot.vault.credentials.import_credential(person_id, data)
        return Kept(stored, tuple(claim_label(c.claim) for c in stored.claims))

    return run


def kept_text(kept: Kept, person_name: str) -> str:
    return (
        tr("Kept the confirmation from %1 of %2 for %3.")
        .replace("%1", kept.stored.issuer_name)
        .replace("%2", ", ".join(kept.fields))
        .replace("%3", person_name)
    )


def badge_text(confirmation: Confirmation) -> str:
    """One line for a field: confirmed by whom and when, or why it no longer counts."""
    stored = confirmation.credential
    issuer = stored.issuer_name
    day = formatting.long_date(stored.issued_at or stored.imported_at)
    form = confirmation.claim.form
    if not confirmation.matches:
        text = tr("Confirmation by %1 no longer matches: you changed the value since")
    elif confirmation.expired:
        text = tr("Confirmation by %1 expired on %3")
    elif form != FULL:
        text = tr("✔ %4 confirmed by %1 on %2")
    else:
        text = tr("✔ Confirmed by %1 on %2")
    expiry = formatting.long_date(stored.expires_at or "")
    return (
        text.replace("%4", claim_label(confirmation.claim.claim))
        .replace("%3", expiry)
        .replace("%2", day)
        .replace("%1", issuer)
    )


def badges(confirmations: Sequence[Confirmation]) -> list[str]:
    """The lines for one field entry: usable ones first, each credential once."""
    ordered = sorted(confirmations, key=lambda c: (not c.usable, c.credential.id, c.claim.claim))
    return [badge_text(c) for c in ordered]


def by_entry(confirmations: Sequence[Confirmation]) -> dict[tuple[str, int], list[Confirmation]]:
    grouped: dict[tuple[str, int], list[Confirmation]] = {}
    for confirmation in confirmations:
        claim = confirmation.claim
        grouped.setdefault((claim.key, claim.entry), []).append(confirmation)
    return grouped
