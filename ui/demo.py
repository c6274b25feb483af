"""``pont --demo``: a throwaway vault with made-up people, deleted when Pont quits.

Everything here is fictional: the NHS number is the one NHS Digital publishes for
testing, the postcode area ``YY`` does not exist.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from ui.context import Demo
from ui.ops import Operation, VaultSlot
from ui.vault_access import Opened, VaultOptions

PASSPHRASE = "demo kettle orange lighthouse"  # noqa: S105 (a demo vault, shown on screen)

OWNER_FIELDS: dict[str, Any] = {
    "honorificPrefix": "Mrs",
    "givenName": "Margaret",
    "familyName": "Example",
    "birthDate": "1948-03-14",
    "email": "margaret@example.org",
    "telephone": "01632 960123",
    "nhsNumber": "943 476 5919",
    "nationalInsuranceNumber": "QQ 12 34 56 C",
    "preferredLanguage": "English",
}
OWNER_ADDRESSES = [
    {
        "lines": ["12 Sample Street"],
        "town": "Exampleton",
        "postcode": "YY1 2ZZ",
        "from": "1979-06-01",
        "to": "2019-08-31",
    },
    {
        "lines": ["Flat 3, Specimen Court", "Placeholder Road"],
        "town": "Exampleton",
        "postcode": "YY3 4ZZ",
        "from": "2019-09-01",
    },
]
RELATIVE_FIELDS: dict[str, Any] = {
    "givenName": "Arthur",
    "familyName": "Example",
    "birthDate": "1931-11-02",
}


def new_demo() -> Demo:
    return Demo(Path(tempfile.mkdtemp(prefix="pont-demo-")) / "vault", PASSPHRASE)


def remove_demo(demo: Demo) -> None:
    shutil.rmtree(demo.folder.parent, ignore_errors=True)


def create_demo(demo: Demo, options: VaultOptions) -> Operation:
    def run(slot: VaultSlot) -> Opened:
        from vault._crypto import KDF_FLOOR  # a demo needs no calibrated KDF
        from vault.vault import Vault

        created = Vault.create(demo.folder, demo.passphrase, kdf=KDF_FLOOR, env=options.environment)
        slot.hold(created.vault)
        _fill(created.vault, demo.folder.parent)
        return Opened(demo.folder, created.vault.vault_id, False)

    return run


def _fill(vault: Any, scratch: Path) -> None:
    today = vault.env.clock().date()
    owner = vault.people.add("Margaret Example", "owner").person
    vault.profiles.set_many(owner.id, OWNER_FIELDS)
    for address in OWNER_ADDRESSES:
        vault.profiles.set(owner.id, "address", address)
    vault.profiles.set(owner.id, "email", "maggie@example.org")  # so history has two versions
    relative = vault.people.add("Arthur Example", "relative").person
    vault.profiles.set_many(relative.id, RELATIVE_FIELDS)
    vault.profiles.set(relative.id, "medicalConditions", "Type 2 diabetes")
    lpa = _attach_pdf(
        vault,
        scratch,
        relative.id,
        "Lasting power of attorney (sample).pdf",
        "SAMPLE - Lasting power of attorney for property and financial affairs",
    )
    vault.people.set_authority(
        relative.id,
        "lpa_property_finance",
        {
            "registered_on": "2023-05-10",
            "opg_reference": "7000-0000-0000",
            "access_code": "V-AB12-CD34-EF56",
            "access_code_expires": _days_after(today, 12),
            "attorney_names": "Margaret Example",
        },
        lpa.attachment.document.id,
    )
    _attach_pdf(
        vault,
        scratch,
        owner.id,
        "Council tax bill (sample).pdf",
        "SAMPLE - Council tax bill, Exampleton Borough Council",
        field_key="address",
        entry=1,
    )


def _attach_pdf(
    vault: Any,
    scratch: Path,
    person_id: int,
    name: str,
    text: str,
    field_key: str | None = None,
    entry: int | None = None,
) -> Any:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.multi_cell(0, 8, text + "\n\nThis is made-up sample data for the Pont demo.")
    path = scratch / name
    path.write_bytes(bytes(pdf.output()))
    try:
        return vault.documents.add_file(path, person_id, field_key, entry)
    finally:
        path.unlink(missing_ok=True)


def _days_after(today: Any, days: int) -> str:
    import datetime as dt

    return (today + dt.timedelta(days=days)).isoformat()
