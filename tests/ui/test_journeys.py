"""The main journeys, driven through real widgets against a real vault."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from tests_ui_helpers import OWNER, PASSPHRASE, row_for, wait_idle

from vault.vault import Vault

pytestmark = pytest.mark.gui
NEW_PASSPHRASE = "quiet harbour lantern sixteen"


def test_create_vault_recovery_key_then_owner(
    qtbot: Any, window: Any, context: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "new-vault"
    window.show_lock_screen(folder)
    lock = window.lock_screen
    assert lock.stack.currentWidget() is lock.welcome
    lock.welcome.create_button.click()
    create = lock.create
    create.passphrase.edit.setText("cat")
    assert "weak" in create.meter.word
    create.repeat.edit.setText("cat")
    create.create_button.click()
    assert create.error.isVisible()  # too weak: refused inline
    create.passphrase.edit.setText(PASSPHRASE)
    assert "strong" in create.meter.word
    create.repeat.edit.setText(PASSPHRASE)
    create.remember.setChecked(True)
    create.create_button.click()
    qtbot.waitUntil(lambda: lock.stack.currentWidget() is lock.recovery_key, timeout=15_000)
    page = lock.recovery_key
    key = page.key_label.text()
    assert len(key.replace("-", "")) == 32
    assert not page.continue_button.isEnabled()
    context.dialogs.answer("save", tmp_path / "kit.pdf")
    page.save_button.click()
    wait_idle(qtbot, context)
    assert (tmp_path / "kit.pdf").read_bytes().startswith(b"%PDF")
    page.stored.setChecked(True)
    page.continue_button.click()
    assert page.key_label.text() == ""  # shown once
    qtbot.waitUntil(lambda: window.vault_view is not None)
    wait_idle(qtbot, context)
    view = window.vault_view
    assert view.pages.currentWidget() is view.owner_page
    view.owner_page.name.setText("Grace Example")
    view.owner_page.continue_button.click()
    qtbot.waitUntil(lambda: view.profile.person is not None and bool(view.profile.pages))
    assert view.profile.title.text() == "Grace Example"
    assert context.settings.is_remembered(folder)
    # The recovery key opens the vault.
    wait_idle(qtbot, context)
    window._lock_now()
    wait_idle(qtbot, context)
    Vault.open_with_recovery_key(folder, key, context.options.environment).close()


def test_profile_inline_validation_then_save(qtbot: Any, unlocked: Any, context: Any) -> None:
    profile = unlocked.vault_view.profile
    row = row_for(unlocked, "nhsNumber")
    editor = row.editor.inputs[""].widget
    unlocked.activateWindow()
    profile._show_row(row)
    editor.setFocus()
    qtbot.keyClicks(editor, "943 476 5918")
    qtbot.waitUntil(lambda: row.editor.problem_text() != "")
    assert "last digit doesn't match" in row.editor.problem_text()
    assert QApplication.focusWidget() is editor
    profile.save()
    assert profile.save_error.isVisible()
    editor.setText("943 476 5919")
    qtbot.waitUntil(lambda: row.editor.problem_text() == "")
    row_for(unlocked, "givenName").editor.inputs[""].widget.setText("Ada")
    profile.save()
    wait_idle(qtbot, context)
    qtbot.waitUntil(lambda: row_for(unlocked, "nhsNumber").stored is not None)
    assert row_for(unlocked, "nhsNumber").stored.value == "9434765919"
    assert row_for(unlocked, "givenName").badge.text() == "Your own entry"


def test_address_history_has_current_badge(qtbot: Any, unlocked: Any, context: Any) -> None:
    profile = unlocked.vault_view.profile
    first = row_for(unlocked, "address", None)
    first.editor.inputs["lines"].widget.setPlainText("1 Old Road")
    first.editor.inputs["town"].widget.setText("Exampleton")
    first.editor.inputs["postcode"].widget.setText("ex1 1ex")
    first.editor.inputs["from"].widget.setText("01/01/1990")
    first.editor.inputs["to"].widget.setText("31/12/2019")
    group = first.parentWidget()
    group.add_button.click()
    second = group.rows[-1]
    second.editor.inputs["lines"].widget.setPlainText("2 New Road")
    second.editor.inputs["town"].widget.setText("Exampleton")
    second.editor.inputs["postcode"].widget.setText("NOT A CODE")
    profile.save()
    assert "UK postcode" in second.editor.problem_text()
    second.editor.inputs["postcode"].widget.setText("EX2 2EX")
    second.editor.inputs["from"].widget.setText("01/01/2020")
    profile.save()
    wait_idle(qtbot, context)
    rows = [r for r in profile.rows() if r.spec.key == "address"]
    assert [r.current.text() for r in rows] == ["Past (until 31/12/2019)", "● Current"]


def test_relative_with_lpa_and_expiry_banner(
    qtbot: Any, unlocked: Any, context: Any, tmp_path: Path
) -> None:
    view = unlocked.vault_view
    qtbot.keySequence(unlocked, QKeySequence("Ctrl+N"))  # Person ▸ Add relative…
    people = view.people
    assert view.pages.currentWidget() is people
    people.new_name.setText("Bert Example")
    people.add_button.click()
    wait_idle(qtbot, context)
    assert people.current_person().name == "Bert Example"
    form = people.authority
    assert form.isVisible()
    form.kind.setCurrentIndex(form.kind.findData("lpa_property_finance"))
    form.edits["registered_on"].setText("10/05/2023")
    form.edits["opg_reference"].setText("7000-1234-5678")
    form.edits["access_code"].setText("V-AB12-CD34-EF56")
    form.edits["access_code_expires"].setText("31/02/2026")
    assert form.errors["access_code_expires"].isVisible()
    form.edits["access_code_expires"].setText("01/12/2026")  # the test clock says 21/11/2026
    scan = tmp_path / "lpa.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned LPA")
    context.dialogs.answer("open", scan)
    form.attach_button.click()
    wait_idle(qtbot, context)
    assert "lpa.pdf" in form.document_label.text()
    form.save_button.click()
    wait_idle(qtbot, context)
    assert "Bert Example" in view.banner.label.text()
    assert "expires on 01/12/2026" in view.banner.label.text()
    assert view.banner.isVisible()


def test_history_restore(qtbot: Any, unlocked: Any, context: Any) -> None:
    profile = unlocked.vault_view.profile
    for name in ("Ada", "Adelaide"):
        row_for(unlocked, "givenName").editor.inputs[""].widget.setText(name)
        profile.save()
        wait_idle(qtbot, context)
    row = row_for(unlocked, "givenName")
    assert row.stored.value == "Adelaide"
    row.history_button.click()
    dialog = profile.findChildren(__import__("ui.windows.history", fromlist=["x"]).HistoryDialog)[
        -1
    ]
    wait_idle(qtbot, context)
    assert dialog.model.rowCount() == 2
    dialog.select_version(1)
    with qtbot.waitSignal(dialog.restored):
        dialog.restore_button.click()
    wait_idle(qtbot, context)
    assert row_for(unlocked, "givenName").stored.value == "Ada"
    assert row_for(unlocked, "givenName").stored.version == 3


def test_attach_document_to_field_marks_it_backed(
    qtbot: Any, unlocked: Any, context: Any, tmp_path: Path
) -> None:
    profile = unlocked.vault_view.profile
    row_for(unlocked, "passportNumber").editor.inputs[""].widget.setText("123456789")
    profile.save()
    wait_idle(qtbot, context)
    scan = tmp_path / "passport.pdf"
    scan.write_bytes(b"%PDF-1.4 passport scan")
    context.dialogs.answer("open", scan)
    row_for(unlocked, "passportNumber").attach_button.click()
    wait_idle(qtbot, context)
    row = row_for(unlocked, "passportNumber")
    assert row.stored.provenance == "document"
    assert row.badge.text() == "Backed by a document: passport.pdf"
    assert profile.documents.model.rowCount() == 1


def test_search_finds_field(qtbot: Any, unlocked: Any, context: Any) -> None:
    profile = unlocked.vault_view.profile
    row_for(unlocked, "jobTitle").editor.inputs[""].widget.setText("Lighthouse keeper")
    profile.save()
    wait_idle(qtbot, context)
    qtbot.keySequence(unlocked, QKeySequence.StandardKey.Find)
    assert profile.search.hasFocus() or not unlocked.isActiveWindow()
    profile.search.setText("lighth")
    qtbot.waitUntil(lambda: profile.results_model.rowCount() == 1)
    assert "Lighthouse keeper" in profile.results_model.index(0).data()
    profile.results.activated.emit(profile.results_model.index(0))
    assert profile.stack.currentWidget() is profile.pages["education_work"]


def test_lock_then_wrong_then_right_passphrase(qtbot: Any, unlocked: Any, context: Any) -> None:
    qtbot.keySequence(unlocked, QKeySequence("Ctrl+L"))
    assert unlocked.vault_view is None
    unlock = unlocked.lock_screen.unlock
    assert unlocked.stack.currentWidget() is unlocked.lock_screen
    qtbot.keyClicks(unlock.passphrase.edit, "not the passphrase")
    qtbot.keyClick(unlock.passphrase.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: unlock.error.isVisible(), timeout=10_000)
    assert unlock.error.message == "That passphrase is not right. Please try again."
    assert unlock.passphrase.edit.selectedText() == "not the passphrase"
    assert unlock.passphrase.edit.hasFocus() or not unlocked.isActiveWindow()
    unlock.passphrase.edit.setText(PASSPHRASE)
    unlock.unlock_button.click()
    qtbot.waitUntil(lambda: unlocked.vault_view is not None, timeout=10_000)
    wait_idle(qtbot, context)
    assert unlocked.vault_view.profile.title.text() == OWNER


def test_explicit_lock_asks_to_save_pending_edits(
    qtbot: Any, unlocked: Any, context: Any, vault_folder: Path
) -> None:
    row_for(unlocked, "givenName").editor.inputs[""].widget.setText("Ada")
    context.dialogs.answer("confirm", True)
    unlocked.lock(explicit=True)
    wait_idle(qtbot, context)
    with Vault.open(vault_folder, PASSPHRASE, context.options.environment) as vault:
        owner = vault.people.owner()
        assert vault.profiles.get(owner.id, "givenName").value == "Ada"


def test_change_passphrase(qtbot: Any, unlocked: Any, context: Any, vault_folder: Path) -> None:
    settings = unlocked.vault_view.settings
    settings.old.edit.setText("wrong old passphrase")
    settings.new.edit.setText(NEW_PASSPHRASE)
    settings.repeat.edit.setText(NEW_PASSPHRASE)
    settings.change_button.click()
    wait_idle(qtbot, context)
    assert settings.old_error.message == "That passphrase is not right. Please try again."
    settings.old.edit.setText(PASSPHRASE)
    settings.change_button.click()
    wait_idle(qtbot, context)
    assert settings.old.text() == ""
    unlocked._lock_now()
    wait_idle(qtbot, context)
    Vault.open(vault_folder, NEW_PASSPHRASE, context.options.environment).close()


def test_backup_then_restore_reopens(
    qtbot: Any, unlocked: Any, context: Any, tmp_path: Path
) -> None:
    profile = unlocked.vault_view.profile
    row_for(unlocked, "givenName").editor.inputs[""].widget.setText("Before")
    profile.save()
    wait_idle(qtbot, context)
    backup = tmp_path / "backups" / "mine.pontbackup"
    context.dialogs.answer("save", backup)
    unlocked.vault_view.settings.backup_button.click()
    wait_idle(qtbot, context)
    assert backup.exists()
    row_for(unlocked, "givenName").editor.inputs[""].widget.setText("After")
    profile.save()
    wait_idle(qtbot, context)
    context.dialogs.answer("open", backup)
    context.dialogs.answer("passphrase", PASSPHRASE)
    unlocked.vault_view.settings.restore_button.click()
    wait_idle(qtbot, context)
    qtbot.waitUntil(
        lambda: unlocked.vault_view is not None and bool(unlocked.vault_view.profile.pages)
    )
    wait_idle(qtbot, context)
    assert row_for(unlocked, "givenName").stored.value == "Before"
    assert not context.dialogs.errors()


def test_export_warns_then_writes(qtbot: Any, unlocked: Any, context: Any, tmp_path: Path) -> None:
    target = tmp_path / "export.zip"
    context.dialogs.answer("confirm", True)
    context.dialogs.answer("save", target)
    unlocked.vault_view.settings.export_button.click()
    wait_idle(qtbot, context)
    assert "NOT encrypted" in context.dialogs.shown[0][1]
    assert target.exists()


def test_recovery_key_unlock_sets_new_passphrase(
    qtbot: Any, window: Any, context: Any, vault_folder: Path, recovery_key: str
) -> None:
    window.show_lock_screen(vault_folder)
    window.lock_screen.unlock.recovery_button.click()
    page = window.lock_screen.recovery
    page.recovery_key.edit.setText(recovery_key.lower())
    page.passphrase.edit.setText(NEW_PASSPHRASE)
    page.repeat.edit.setText(NEW_PASSPHRASE)
    page.open_button.click()
    qtbot.waitUntil(lambda: window.vault_view is not None, timeout=15_000)
    wait_idle(qtbot, context)
    window._lock_now()
    wait_idle(qtbot, context)
    Vault.open(vault_folder, NEW_PASSPHRASE, context.options.environment).close()
