"""T30: the recovery drill, 20 times: make a vault, keep only its recovery key and a
backup, forget the passphrase, restore the backup into a clean folder with the recovery
key, set a new passphrase. The recovery kit PDF holds the key and no record data."""

from __future__ import annotations

import shutil
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

from relhelp import figure

from vault._crypto import KDF_FLOOR
from vault.backup import create_backup, restore_backup
from vault.errors import WrongPassphrase
from vault.recovery import recovery_kit_pdf
from vault.vault import Vault

DRILLS = 20


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "kit.pdf"
    path.write_bytes(data)
    if shutil.which("pdftotext"):
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_t30_recovery_drill(tmp_path: Path, record_property) -> None:
    restore_seconds = []
    restored_ok = 0
    kit_leaks = 0
    for n in range(DRILLS):
        home = tmp_path / f"drill{n}"
        created = Vault.create(home / "vault", f"forgotten passphrase {n}", kdf=KDF_FLOOR)
        recovery_key = created.recovery_key
        with created.vault as vault:
            owner = vault.people.add(f"Drill Owner{n}", role="owner").person
            vault.profiles.set(owner.id, "givenName", f"Recordvalue{n}")
            vault.profiles.set(owner.id, "carePlanNotes", f"Private care note {n}")
            backup = create_backup(vault, home / "usb" / "vault.pontbackup").path
            kit = recovery_kit_pdf(recovery_key, vault.vault_id, datetime(2026, 1, 1, tzinfo=UTC))
        if n == 0:
            text = pdf_text(kit, tmp_path)
            assert recovery_key in text
            kit_leaks = sum(
                secret in text
                for secret in (f"Drill Owner{n}", f"Recordvalue{n}", "Private care note")
            )
        shutil.rmtree(home / "vault")  # the laptop is gone; the passphrase is forgotten
        start = time.perf_counter()
        clean = tmp_path / f"new-machine-{n}" / "vault"
        restore_backup(backup, clean, lambda f, k=recovery_key: Vault.open_with_recovery_key(f, k))
        with Vault.open_with_recovery_key(clean, recovery_key) as vault:
            vault.reset_passphrase(f"new passphrase {n}", kdf=KDF_FLOOR)
        with Vault.open(clean, f"new passphrase {n}") as vault:
            owner = vault.people.owner()
            assert owner is not None
            assert vault.profiles.get(owner.id, "givenName").value == f"Recordvalue{n}"
            assert vault.check() == []
        restore_seconds.append(time.perf_counter() - start)
        try:
            Vault.open(clean, f"forgotten passphrase {n}").close()
            old_still_opens = True
        except WrongPassphrase:
            old_still_opens = False
        assert not old_still_opens
        Vault.open_with_recovery_key(clean, recovery_key).close()  # the kit still works
        restored_ok += 1
    figure(
        record_property,
        "T30",
        restores=f"{restored_ok}/{DRILLS}",
        restore_ms=f"{1000 * sum(restore_seconds) / len(restore_seconds):.0f}",
        restore_max_ms=f"{1000 * max(restore_seconds):.0f}",
        kit_record_data=kit_leaks,
        kit_reader="pdftotext" if shutil.which("pdftotext") else "pypdf",
    )
    assert restored_ok == DRILLS
    assert kit_leaks == 0
