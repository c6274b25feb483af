"""T11 for confirmations: a credential holds the confirmed value in a disclosure, so erasing
the field erases the credential too — no decrypted page or WAL frame keeps any of it. The
control (a plain ``remove``, which keeps history) keeps the credential, and the same search
finds it there."""

from __future__ import annotations

import secrets
from pathlib import Path

from fakes import PASSPHRASE
from sechelp import count, decrypted_images, figure
from vckit import issue, issuer_key

from vault.vault import Vault


def plant(vault: Vault, canary: str) -> tuple[int, list[bytes]]:
    person = vault.people.add("Erase Person", role="owner").person.id
    vault.profiles.set(person, "carePlanNotes", f"{canary} private words")
    vault.profiles.set(person, "givenName", "Keep")
    credential = issue(
        issuer_key(),
        vault.holder_keys.default().key,
        claims={"carePlanNotes": f"{canary} private words"},
    )
    vault.credentials.import_credential(person, credential.serialise())
    # what would betray it: the disclosure, and the issuer's signature over the digests
    needles = [
        credential.disclosures[0].encoded[:40].encode(),
        credential.issuer_jwt.rsplit(".", 1)[1][:40].encode(),
    ]
    return person, needles


def found(key: bytes, folder: Path, needles: list[bytes]) -> int:
    pages = [page for _, _, page, _ in decrypted_images(key, folder)]
    return sum(count(needle, pages) for needle in needles)


def test_t11_erasing_a_field_erases_its_confirmations(vault_folder: Path, record_property) -> None:
    canary = "qzcanary" + secrets.token_hex(8)
    vault = Vault.open(vault_folder, PASSPHRASE)
    key = vault._key()
    person, needles = plant(vault, canary)
    before = found(key, vault_folder, needles)
    vault.erase_field(person, "carePlanNotes")
    assert vault.credentials.list() == []
    vault.close()
    after = found(key, vault_folder, needles)
    figure(record_property, "T11c", credential_copies_before=before, after=after)
    assert before > 0  # the search can find it
    assert after == 0


def test_t11_control_remove_keeps_the_confirmation(vault_folder: Path) -> None:
    canary = "qzcanary" + secrets.token_hex(8)
    with Vault.open(vault_folder, PASSPHRASE) as vault:
        key = vault._key()
        person, needles = plant(vault, canary)
        vault.profiles.remove(person, "carePlanNotes")
        assert len(vault.credentials.list()) == 1
    assert found(key, vault_folder, needles) > 0
