"""Helpers for GUI tests: seeding a vault through the core, finding widgets by text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fakes import PASSPHRASE
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from ui.context import AppContext
from vault.vault import Vault

OWNER = "Ada Example"


def seed_owner(folder: Path, context: AppContext) -> None:
    """Give the template vault an owner, through the core (not the GUI)."""
    with Vault.open(folder, PASSPHRASE, context.options.environment) as vault:
        if vault.people.owner() is None:
            vault.people.add(OWNER, "owner")


def visible_texts(root: QWidget) -> list[str]:
    """Every piece of text a visible widget under ``root`` shows."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        for getter in ("text", "toPlainText", "windowTitle", "toolTip", "placeholderText"):
            method = getattr(widget, getter, None)
            if callable(method):
                try:
                    value = method()
                except TypeError:
                    continue
                if isinstance(value, str) and value:
                    texts.append(value)
    return texts


def labels(root: QWidget) -> list[QLabel]:
    return [root] if isinstance(root, QLabel) else root.findChildren(QLabel)


def click_button(root: QWidget, text: str) -> None:
    for push in root.findChildren(QAbstractButton):
        if push.text() == text and push.isVisible() and push.isEnabled():
            push.click()
            return
    raise AssertionError(f"no visible, enabled button {text!r}")


def row_for(window: Any, key: str, entry: int | None = 0) -> Any:
    rows = [r for r in window.vault_view.profile.rows() if r.spec.key == key and r.entry == entry]
    assert rows, f"no row for {key}[{entry}]"
    return rows[0]


def wait_idle(qtbot: Any, context: AppContext, timeout: int = 10_000) -> None:
    """Wait until every queued vault operation has delivered its result."""
    qtbot.waitUntil(lambda: context.runner.is_idle, timeout=timeout)


def unlock_window(qtbot: Any, window: Any, context: AppContext, folder: Path) -> Any:
    """Unlock the vault in ``folder`` through the lock screen and wait for the record."""
    window.show_lock_screen(folder)
    unlock = window.lock_screen.unlock
    unlock.passphrase.edit.setText(PASSPHRASE)
    unlock.submit()
    qtbot.waitUntil(
        lambda: window.vault_view is not None and bool(window.vault_view.profile.pages),
        timeout=15_000,
    )
    wait_idle(qtbot, context)
    return window


def share_preview_for_bank(qtbot: Any, window: Any, context: AppContext, reference: str) -> Any:
    """The share wizard driven as a person would, the catalogue's bank change of address to
    Example Bank, up to the preview step (the PDF about to be signed); returns the wizard."""
    window.share()
    wizard = window.vault_view.share
    qtbot.waitUntil(lambda: wizard.request_step.person.count() > 0)
    wait_idle(qtbot, context)
    step = wizard.request_step
    step.select_template("bank-change-of-address")
    step.organisation.setEditText("Example Bank")
    step.email.setText("moves@bank.example")
    step.reference.setText(reference)
    step.next_button.click()
    qtbot.waitUntil(lambda: wizard.stack.currentWidget() is wizard.fields_step)
    wizard.fields_step.next_button.click()
    qtbot.waitUntil(lambda: wizard.stack.currentWidget() is wizard.preview_step)
    wait_idle(qtbot, context)
    return wizard
