"""A database without its key file is a damaged vault, never a place for a new one (issue
10 #2); opening a loose copy of a vault makes it private and says so once (#9)."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from fakes import PASSPHRASE
from tests_ui_helpers import seed_owner, unlock_window, visible_texts, wait_idle

pytestmark = pytest.mark.gui


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def without_key_file(vault_folder: Path, tmp_path: Path) -> Path:
    shutil.move(vault_folder / "vault.keys", tmp_path / "old.keys")
    return vault_folder


def test_database_without_key_file_shows_the_damaged_vault_page(
    qtbot: Any, window: Any, context: Any, vault_folder: Path, tmp_path: Path
) -> None:
    from vault.backup import create_backup
    from vault.vault import Vault

    with Vault.open(vault_folder, PASSPHRASE, context.options.environment) as vault:
        create_backup(vault, tmp_path / "good.pontbackup")
    folder = without_key_file(vault_folder, tmp_path)
    before = digests(folder)
    window.show_lock_screen(folder)
    screen = window.lock_screen
    unlock = screen.unlock
    assert screen.stack.currentWidget() is unlock  # not the welcome page with "Create"
    assert "key file (vault.keys) is missing" in unlock.error.message
    assert "Restore from a backup" in unlock.error.message
    assert unlock.restore_button.isVisible()
    assert not unlock.unlock_button.isEnabled()
    assert not unlock.recovery_button.isEnabled()
    assert not any("Create" in text for text in visible_texts(window))
    assert digests(folder) == before
    context.dialogs.answer("open", tmp_path / "good.pontbackup")
    context.dialogs.answer("passphrase", PASSPHRASE)
    unlock.restore_button.click()
    qtbot.waitUntil(lambda: window.vault_view is not None, timeout=15_000)
    wait_idle(qtbot, context)
    (aside,) = [p for p in tmp_path.iterdir() if p.name.startswith("vault.replaced-")]
    assert digests(aside) == before  # the old database is kept, never deleted


def test_creating_over_a_database_without_key_file_is_refused(
    qtbot: Any, window: Any, context: Any, vault_folder: Path, tmp_path: Path
) -> None:
    folder = without_key_file(vault_folder, tmp_path)
    before = digests(folder)
    screen = window.lock_screen
    screen.show_create(folder)
    create = screen.create
    assert not create.create_button.isEnabled()
    assert "key file (vault.keys) is missing" in create.error.message
    create.create_button.setEnabled(True)  # even when pressed anyway, the core refuses
    create.passphrase.edit.setText("kettle orange tuesday lighthouse")
    create.repeat.edit.setText("kettle orange tuesday lighthouse")
    create.submit()
    wait_idle(qtbot, context)
    assert "key file (vault.keys) is missing" in create.error.message
    assert digests(folder) == before
    context.dialogs.answer("folder", folder)
    screen.choose_new_vault_folder()  # File → New vault… on that folder
    assert context.dialogs.errors()[-1].startswith("There is already a vault in that folder")


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_loose_copy_is_made_private_and_told_once(
    qtbot: Any, window: Any, context: Any, vault_folder: Path, tmp_path: Path
) -> None:
    seed_owner(vault_folder, context)
    copy = tmp_path / "from-sync"
    shutil.copytree(vault_folder, copy)
    copy.chmod(0o755)
    for path in copy.iterdir():
        path.chmod(0o644)
    unlock_window(qtbot, window, context, copy)
    told = [text for kind, text in context.dialogs.shown if kind == "info"]
    assert len(told) == 1
    assert "made the vault folder and its files private to you" in told[0]
    assert str(copy) not in told[0]
    assert stat.S_IMODE(copy.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in copy.iterdir()} == {0o600}
    window.lock(explicit=True)
    wait_idle(qtbot, context)
    unlock_window(qtbot, window, context, copy)
    assert len([kind for kind, _ in context.dialogs.shown if kind == "info"]) == 1
