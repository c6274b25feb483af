"""Opening a vault: the welcome page, the unlock page and unlocking with the recovery key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QVBoxLayout, QWidget

from ui import messages, vault_access
from ui.context import AppContext
from ui.i18n import tr
from ui.icons import icon
from ui.strength import Strength
from ui.vault_access import Opened
from ui.widgets import InlineError, PassphraseField, StrengthMeter, button, heading, plain_label


class WelcomePage(QWidget):
    """First run: make a vault, or open one kept elsewhere."""

    create_requested = Signal()
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        logo = plain_label("", self)
        logo.setPixmap(icon("pont").pixmap(72, 72))
        logo.setAccessibleName(self.tr("Pont logo"))
        self.create_button = button(self.tr("Create a new vault"), self, default=True)
        self.open_button = button(self.tr("Open a vault I already have…"), self)
        self.note = plain_label("", self)
        layout = QVBoxLayout(self)
        layout.addWidget(logo)
        layout.addWidget(heading(self.tr("Welcome to Pont"), self, size=1.8))
        layout.addWidget(
            plain_label(
                self.tr(
                    "Pont keeps your personal details — and those of anyone you look after — "
                    "in one encrypted vault on this computer. You decide what each "
                    "organisation gets."
                ),
                self,
            )
        )
        layout.addSpacing(16)
        layout.addWidget(self.create_button)
        layout.addWidget(self.open_button)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.create_button.clicked.connect(self.create_requested)
        self.open_button.clicked.connect(self.open_requested)


class UnlockPage(QWidget):
    """Passphrase in, vault open. A wrong passphrase is told beside the field."""

    unlocked = Signal(object)  # Opened
    recovery_requested = Signal()
    restore_requested = Signal()
    other_vault_requested = Signal()
    folder_chosen = Signal(object)  # Path

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.folder = Path()
        self.passphrase = PassphraseField(self.tr("Passphrase"), self)
        self.error = InlineError(self)
        self.note = plain_label("", self)
        self.folder_label = plain_label("", self)
        self.recent = QComboBox(self)
        self.recent.setAccessibleName(self.tr("Recent vaults"))
        self.unlock_button = button(self.tr("Unlock"), self, default=True)
        self.recovery_button = button(self.tr("Forgot your passphrase? Use recovery key…"), self)
        self.restore_button = button(self.tr("Restore from a backup…"), self)
        self.restore_button.hide()
        self.other_button = button(self.tr("Open another vault…"), self)
        self._layout()
        self.passphrase.returnPressed.connect(self.submit)
        self.passphrase.textChanged.connect(lambda _text: self.error.clear_message())
        self.unlock_button.clicked.connect(self.submit)
        self.recovery_button.clicked.connect(self.recovery_requested)
        self.restore_button.clicked.connect(self.restore_requested)
        self.other_button.clicked.connect(self.other_vault_requested)
        self.recent.activated.connect(self._recent_chosen)

    def _layout(self) -> None:
        logo = plain_label("", self)
        logo.setPixmap(icon("lock").pixmap(48, 48))
        logo.setAccessibleName(self.tr("Locked"))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(plain_label(self.tr("Passphrase"), self), self.passphrase)
        form.addRow(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(logo)
        layout.addWidget(heading(self.tr("Unlock your vault"), self))
        layout.addWidget(self.folder_label)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addSpacing(16)
        layout.addWidget(self.recovery_button)
        layout.addWidget(self.restore_button)
        layout.addStretch(1)
        self.recent_label = plain_label(self.tr("Recent vaults"), self)
        layout.addWidget(self.recent_label)
        layout.addWidget(self.recent)
        layout.addWidget(self.other_button)

    def start(self, folder: Path, note: str = "") -> None:
        self.folder = folder
        self.folder_label.setText(self.tr("Vault: %1").replace("%1", str(folder)))
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.error.clear_message()
        self.restore_button.hide()
        self._fill_recent()
        self._busy(False)
        self.passphrase.clear()
        damaged = vault_access.key_file_missing(folder)
        for widget in (self.passphrase, self.unlock_button, self.recovery_button):
            widget.setEnabled(not damaged)  # the recovery key is kept in the key file too
        if damaged:
            self._show_damaged()
            return
        self.passphrase.setFocus()
        if self._context.settings.is_remembered(folder):
            self._busy(True, self.tr("Unlocking with this device…"))
            operation = vault_access.unlock_with_device(folder, self._context.options)
            self._context.runner.submit(operation, self._done, self._device_failed, owner=self)

    def submit(self) -> None:
        if not self.passphrase.text():
            self._show_problem(messages.invalid_input("passphrase", "required"))
            return
        self._busy(True, self.tr("Unlocking…"))
        operation = vault_access.unlock(self.folder, self.passphrase.text(), self._context.options)
        self._context.runner.submit(operation, self._done, self._failed, owner=self)

    def _done(self, opened: Opened) -> None:
        self.passphrase.clear()
        self._busy(False)
        tell_tightened(self, self._context, opened)
        self.unlocked.emit(opened)

    def _show_damaged(self) -> None:
        """A database without its key file: never "create", only put it back or restore."""
        self.error.show_message(messages.damaged("key file", "missing"))
        self.restore_button.show()
        self.restore_button.setFocus()

    def _failed(self, error: BaseException) -> None:
        from vault.errors import VaultDamaged, VaultNotFound, WrongPassphrase

        self._busy(False)
        self.restore_button.setVisible(isinstance(error, VaultDamaged | VaultNotFound))
        self._show_problem(messages.describe(error))
        if not isinstance(error, WrongPassphrase):
            self.restore_button.setFocus()

    def _device_failed(self, error: BaseException) -> None:
        self._busy(False)
        self.note.setText(messages.describe(error))
        self.note.show()
        self.passphrase.setFocus()

    def _show_problem(self, text: str) -> None:
        self.error.show_message(text)
        self.passphrase.select_all_and_focus()

    def _busy(self, busy: bool, text: str = "") -> None:
        self.unlock_button.setEnabled(not busy)
        self.unlock_button.setText(text if busy else self.tr("Unlock"))

    def _fill_recent(self) -> None:
        self.recent.clear()
        for path in self._context.settings.recent_vaults():
            self.recent.addItem(str(path), str(path))
        index = self.recent.findData(str(self.folder))
        if index >= 0:
            self.recent.setCurrentIndex(index)
        self.recent.setVisible(self.recent.count() > 0)
        self.recent_label.setVisible(self.recent.count() > 0)
        self.recent.setEnabled(self.recent.count() > 1)

    def _recent_chosen(self, index: int) -> None:
        chosen = Path(str(self.recent.itemData(index)))
        if chosen != self.folder:
            self.folder_chosen.emit(chosen)


class RecoveryUnlockPage(QWidget):
    """Open with the recovery key, and choose a new passphrase at the same time."""

    unlocked = Signal(object)  # Opened
    cancelled = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.folder = Path()
        self.recovery_key = PassphraseField(self.tr("Recovery key"), self)
        self.passphrase = PassphraseField(self.tr("New passphrase"), self)
        self.repeat = PassphraseField(self.tr("Type the new passphrase again"), self)
        self.meter = StrengthMeter(self)
        self.error = InlineError(self)
        self.open_button = button(self.tr("Unlock and set new passphrase"), self, default=True)
        self.back_button = button(self.tr("Back"), self)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(
            plain_label(self.tr("Recovery key (from your recovery kit)"), self), self.recovery_key
        )
        form.addRow(plain_label(self.tr("New passphrase"), self), self.passphrase)
        form.addRow(self.meter)
        form.addRow(plain_label(self.tr("Type it again"), self), self.repeat)
        form.addRow(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Use your recovery key"), self))
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.passphrase.textChanged.connect(self.meter.update_for)
        self.open_button.clicked.connect(self.submit)
        self.back_button.clicked.connect(self.cancelled)

    def start(self, folder: Path) -> None:
        self.folder = folder
        for field in (self.recovery_key, self.passphrase, self.repeat):
            field.clear()
        self.error.clear_message()
        self.open_button.setEnabled(True)
        self.recovery_key.setFocus()

    def submit(self) -> None:
        problem = self._problem()
        if problem:
            self.error.show_message(problem)
            return
        self.open_button.setEnabled(False)
        operation = vault_access.unlock_with_recovery_key(
            self.folder, self.recovery_key.text(), self.passphrase.text(), self._context.options
        )
        self._context.runner.submit(operation, self._done, self._failed, owner=self)

    def _problem(self) -> str:
        if not self.recovery_key.text().strip():
            return messages.invalid_input("recovery_key", "length")
        if self.meter.update_for(self.passphrase.text()) in (None, Strength.WEAK):
            return self.tr("This passphrase is too easy to guess. Add a word or two.")
        if self.passphrase.text() != self.repeat.text():
            return self.tr("The two passphrases are not the same. Please type them again.")
        return ""

    def _done(self, opened: Opened) -> None:
        for field in (self.recovery_key, self.passphrase, self.repeat):
            field.clear()
        tell_tightened(self, self._context, opened)
        self.unlocked.emit(opened)

    def _failed(self, error: BaseException) -> None:
        self.open_button.setEnabled(True)
        self.error.show_message(messages.describe(error))
        self.recovery_key.select_all_and_focus()


def tell_tightened(page: QWidget, context: AppContext, opened: Opened) -> None:
    """Once, when opening made a loose copy of the vault private (no paths, no names)."""
    if opened.tightened:
        context.dialogs.show_info(
            page.window(),
            tr("Vault made private"),
            tr(
                "Other people using this computer could read this vault's files (a copy, "
                "an unzipped archive or a sync service can leave them so). Pont has made "
                "the vault folder and its files private to you. Nothing else was changed."
            ),
        )
