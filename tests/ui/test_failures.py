"""Failure paths: a damaged vault offers restore (never "reset"); a missing one, create."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from tests_ui_helpers import PASSPHRASE, visible_texts, wait_idle

pytestmark = pytest.mark.gui


def test_damaged_vault_offers_restore(
    qtbot: Any, window: Any, context: Any, vault_folder: Path, tmp_path: Path
) -> None:
    from vault.backup import create_backup
    from vault.vault import Vault

    with Vault.open(vault_folder, PASSPHRASE, context.options.environment) as vault:
        create_backup(vault, tmp_path / "good.pontbackup")
    damaged = tmp_path / "damaged"
    shutil.copytree(vault_folder, damaged)
    database = damaged / "vault.db"
    data = bytearray(database.read_bytes())
    data[5000:5100] = b"\x00" * 100
    database.write_bytes(bytes(data))
    window.show_lock_screen(damaged)
    unlock = window.lock_screen.unlock
    unlock.passphrase.edit.setText(PASSPHRASE)
    unlock.submit()
    wait_idle(qtbot, context)
    assert "damaged" in unlock.error.message
    assert unlock.restore_button.isVisible()
    assert not any("reset" in text.lower() for text in visible_texts(window))
    context.dialogs.answer("open", tmp_path / "good.pontbackup")
    context.dialogs.answer("passphrase", PASSPHRASE)
    unlock.restore_button.click()
    qtbot.waitUntil(lambda: window.vault_view is not None, timeout=15_000)
    wait_idle(qtbot, context)
    assert any(p.name.startswith("damaged.replaced-") for p in tmp_path.iterdir())  # kept aside


def test_missing_vault_shows_welcome_and_error(
    qtbot: Any, window: Any, context: Any, tmp_path: Path
) -> None:
    window.show_lock_screen(tmp_path / "nothing-here")
    assert window.lock_screen.stack.currentWidget() is window.lock_screen.welcome
    context.dialogs.answer("folder", tmp_path)
    window.lock_screen.welcome.open_button.click()
    assert context.dialogs.errors() == [
        "There is no vault in that folder. You can create a new one."
    ]


def test_vault_not_found_while_unlocking(
    qtbot: Any, window: Any, context: Any, vault_folder: Path
) -> None:
    window.show_lock_screen(vault_folder)
    shutil.rmtree(vault_folder)
    unlock = window.lock_screen.unlock
    unlock.passphrase.edit.setText(PASSPHRASE)
    unlock.submit()
    wait_idle(qtbot, context)
    assert unlock.error.message == "There is no vault in that folder. You can create a new one."
