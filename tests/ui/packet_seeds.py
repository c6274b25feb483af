"""Records and packets for the packet screens' tests, made through the core API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fakes import PASSPHRASE
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from ui.context import AppContext
from vault.share import Selection, ShareOrder, prepare, send
from vault.vault import Vault

OWNER = "Ada Example"
CANARY_PHONE = "01632 960999"  # optional in the bank request: never ticked, never sent
BIRTH = "1950-04-01"
OWNER_FIELDS: dict[str, Any] = {
    "givenName": "Ada",
    "familyName": "Example",
    "birthDate": BIRTH,
    "email": "ada@example.org",
    "telephone": CANARY_PHONE,
    "nhsNumber": "943 476 5919",
}
ADDRESS = {
    "lines": ["1 Old Road"],
    "town": "Exampleton",
    "postcode": "YY1 2ZZ",
    "from": "2001-01-01",
}
BANK_ACCOUNT = {
    "accountHolder": "Ada Example",
    "sortCode": "12-34-56",
    "accountNumber": "12345678",
    "bankName": "Example Bank",
}
RELATIVE = "Mary Smith"


def seed_owner_record(folder: Path, context: AppContext) -> None:
    """The owner with a full record: names, birth date, address, bank account, phone."""
    with Vault.open(folder, PASSPHRASE, context.options.environment) as vault:
        owner = vault.people.owner() or vault.people.add(OWNER, "owner").person
        vault.profiles.set_many(owner.id, OWNER_FIELDS)
        vault.profiles.set(owner.id, "address", ADDRESS)
        vault.profiles.set(owner.id, "bankAccount", BANK_ACCOUNT)


def seed_relative(folder: Path, context: AppContext) -> None:
    """Mary Smith, under a property-and-finance LPA, with a health field and no address."""
    with Vault.open(folder, PASSPHRASE, context.options.environment) as vault:
        mary = vault.people.add(RELATIVE, "relative").person
        vault.profiles.set_many(
            mary.id, {"givenName": "Mary", "familyName": "Smith", "birthDate": "1931-11-02"}
        )
        vault.profiles.set(mary.id, "medicalConditions", "Canary condition")
        vault.people.set_authority(
            mary.id,
            "lpa_property_finance",
            {"registered_on": "2023-05-10", "opg_reference": "7000-0000-0000"},
        )


def seed_disclosure(folder: Path, context: AppContext, out: Path) -> str:
    """One packet that sent the owner's address to a council; returns its packet id."""
    with Vault.open(folder, PASSPHRASE, context.options.environment) as vault:
        owner = vault.people.owner()
        council = vault.organisations.add("Exampleton Council", "tax@council.example")
        order = ShareOrder(
            person_id=owner.id,
            organisation_id=council.organisation.id,
            purpose="Council tax",
            selections=(Selection("givenName"), Selection("address", 0)),
        )
        return send(vault, prepare(vault, order), out).packet_id


def drop_file(target: Any, path: Path) -> None:
    """Drop one local file on ``target`` as a file manager would."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    target.dropEvent(event)
