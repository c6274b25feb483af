"""T11: erase means erased. After ``erase_field`` no decrypted page of ``vault.db`` or
frame of its WAL holds the canary; the control (a plain ``remove``, which keeps history)
shows the same search does find it."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

from fakes import PASSPHRASE
from sechelp import count, decrypted_images, figure

from vault.vault import Vault


def plant(vault: Vault, canary: str) -> int:
    owner = vault.people.add("Erase Person", role="owner").person
    vault.profiles.set(owner.id, "givenName", "Keep")
    for n in range(3):
        vault.profiles.set(owner.id, "carePlanNotes", f"version {n} {canary} private words")
    for n in range(30):  # other data around it, so pages get reused and split
        vault.profiles.set(owner.id, "accessNeeds", f"other note {n} " * 40)
    return owner.id


def copies(data_key: bytes, folder: Path, canary: str) -> tuple[int, int]:
    images = decrypted_images(data_key, folder)
    plain = [page for _, _, page, _ in images]
    # FTS5 stores terms prefix-compressed: look for the tail too.
    return count(canary.encode(), plain), count(canary[-12:].encode(), plain)


def test_t11_erase_means_erased(vault_folder: Path, tmp_path: Path, record_property) -> None:
    canary = "qzcanary" + secrets.token_hex(8)
    control_folder = tmp_path / "control"
    shutil.copytree(vault_folder, control_folder)

    control = Vault.open(control_folder, PASSPHRASE)
    key = control._key()
    person = plant(control, canary)
    control.profiles.remove(person, "carePlanNotes")
    control_open = copies(key, control_folder, canary)
    control.close()
    control_closed = copies(key, control_folder, canary)

    vault = Vault.open(vault_folder, PASSPHRASE)
    person = plant(vault, canary)
    before = copies(key, vault_folder, canary)
    erased = vault.erase_field(person, "carePlanNotes")
    after_open = copies(key, vault_folder, canary)
    assert vault.profiles.history(person, "carePlanNotes") == []
    assert vault.profiles.search(canary) == []
    assert vault.profiles.get(person, "givenName").value == "Keep"
    assert vault.check() == []
    vault.close()
    after_closed = copies(key, vault_folder, canary)
    figure(
        record_property,
        "T11",
        versions_erased=erased,
        control_copies=control_closed[0],
        before_erase=before[0],
        after_erase_open=after_open[0],
        after_erase_closed=after_closed[0],
        tail_after=after_closed[1],
    )
    assert control_open[0] > 0
    assert control_closed[0] > 0
    assert before[0] > 0
    assert after_open == (0, 0)
    assert after_closed == (0, 0)
