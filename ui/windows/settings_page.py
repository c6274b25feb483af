"""Settings: safety timers, this device, passphrase and recovery key, backups, appearance."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui import backup_flow, messages, theme
from ui import settings as keys
from ui.context import AppContext
from ui.i18n import available_languages
from ui.ops import VaultSlot
from ui.strength import Strength
from ui.vault_access import Made, Opened
from ui.widgets import (
    InlineError,
    PassphraseField,
    StrengthMeter,
    button,
    form_row,
    heading,
    plain_label,
)
from ui.windows.create_vault import RecoveryKeyPage


class SettingsPage(QScrollArea):
    status = Signal(str)
    restored = Signal(object)  # Opened

    def __init__(self, context: AppContext, opened: Opened, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._opened = opened
        self.setWidgetResizable(True)
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.addWidget(heading(self.tr("Settings"), inner, size=1.3))
        for box in (
            self._safety_box(),
            self._device_box(),
            self._passphrase_box(),
            self._backup_box(),
            self._appearance_box(),
        ):
            column.addWidget(box)
        column.addStretch(1)
        self.setWidget(inner)

    # -- safety --------------------------------------------------------------------

    def _safety_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Safety"), self)
        settings = self._context.settings
        self.auto_lock = QSpinBox(box)
        self.auto_lock.setRange(1, 60)
        self.auto_lock.setSuffix(self.tr(" minutes"))
        self.auto_lock.setValue(settings.get(keys.AUTO_LOCK_MINUTES))
        self.clipboard = QSpinBox(box)
        self.clipboard.setRange(5, 120)
        self.clipboard.setSuffix(self.tr(" seconds"))
        self.clipboard.setValue(settings.get(keys.CLIPBOARD_SECONDS))
        self.screen_lock = QCheckBox(self.tr("Lock when the computer's screen locks"), box)
        self.screen_lock.setChecked(settings.get(keys.LOCK_ON_SCREEN_LOCK))
        form = QFormLayout(box)
        form.addRow(form_row(self.tr("Lock after no use for"), self.auto_lock, box), self.auto_lock)
        form.addRow(
            form_row(self.tr("Clear copied values after"), self.clipboard, box), self.clipboard
        )
        form.addRow(self.screen_lock)
        self.auto_lock.valueChanged.connect(lambda v: settings.set(keys.AUTO_LOCK_MINUTES, v))
        self.clipboard.valueChanged.connect(lambda v: settings.set(keys.CLIPBOARD_SECONDS, v))
        self.screen_lock.toggled.connect(lambda v: settings.set(keys.LOCK_ON_SCREEN_LOCK, v))
        return box

    # -- this device ---------------------------------------------------------------

    def _device_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("This device"), self)
        self.device_status = plain_label("", box)
        self.remember_button = button(self.tr("Remember on this device"), box)
        self.forget_button = button(self.tr("Forget this device"), box)
        row = QHBoxLayout()
        row.addWidget(self.remember_button)
        row.addWidget(self.forget_button)
        row.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(
            plain_label(
                self.tr(
                    "When remembered, this computer's password store unlocks the vault without "
                    "your passphrase. Anyone using your computer account could then open it."
                ),
                box,
            )
        )
        layout.addWidget(self.device_status)
        layout.addLayout(row)
        self.remember_button.clicked.connect(self._remember)
        self.forget_button.clicked.connect(self._forget)
        self._show_device(self._opened.remembered)
        return box

    def _show_device(self, remembered: bool) -> None:
        self.device_status.setText(
            self.tr("This device remembers the vault.")
            if remembered
            else self.tr("This device does not remember the vault.")
        )
        self.remember_button.setEnabled(not remembered)
        self.forget_button.setEnabled(remembered)
        self._context.settings.set_remembered(self._opened.folder, remembered)

    def _remember(self) -> None:
        options = self._context.options
        self._context.runner.submit(
            lambda slot: slot.vault.remember_on_device(options.keys()),
            lambda _ident: self._show_device(True),
            lambda error: self.device_status.setText(messages.describe(error)),
            owner=self,
        )

    def _forget(self) -> None:
        options = self._context.options
        self._context.runner.submit(
            lambda slot: slot.vault.forget_device(options.keys()),
            lambda _count: self._show_device(False),
            lambda error: self.device_status.setText(messages.describe(error)),
            owner=self,
        )

    # -- passphrase and recovery key -----------------------------------------------

    def _passphrase_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Passphrase and recovery key"), self)
        self.old = PassphraseField(self.tr("Current passphrase"), box)
        self.old_error = InlineError(box)
        self.new = PassphraseField(self.tr("New passphrase"), box)
        self.meter = StrengthMeter(box)
        self.repeat = PassphraseField(self.tr("Type the new passphrase again"), box)
        self.new_error = InlineError(box)
        self.change_button = button(self.tr("Change passphrase"), box)
        self.recovery_button = button(self.tr("Make a new recovery key…"), box)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(plain_label(self.tr("Current passphrase"), box), self.old)
        form.addRow(self.old_error)
        form.addRow(plain_label(self.tr("New passphrase"), box), self.new)
        form.addRow(self.meter)
        form.addRow(plain_label(self.tr("Type the new passphrase again"), box), self.repeat)
        form.addRow(self.new_error)
        row = QHBoxLayout()
        row.addWidget(self.change_button)
        row.addWidget(self.recovery_button)
        row.addStretch(1)
        form.addRow(row)
        self.new.textChanged.connect(self.meter.update_for)
        self.change_button.clicked.connect(self.change_passphrase)
        self.recovery_button.clicked.connect(self._ask_new_recovery_key)
        return box

    def change_passphrase(self) -> None:
        self.old_error.clear_message()
        self.new_error.clear_message()
        if self.meter.update_for(self.new.text()) in (None, Strength.WEAK):
            self.new_error.show_message(
                self.tr("This passphrase is too easy to guess. Add a word or two.")
            )
            self.new.select_all_and_focus()
            return
        if self.new.text() != self.repeat.text():
            self.new_error.show_message(
                self.tr("The two passphrases are not the same. Please type them again.")
            )
            self.repeat.select_all_and_focus()
            return
        old, new, kdf = self.old.text(), self.new.text(), self._context.options.creation_kdf
        self.change_button.setEnabled(False)
        self._context.runner.submit(
            lambda slot: slot.vault.change_passphrase(old, new, kdf),
            self._changed,
            self._change_failed,
            owner=self,
        )

    def _changed(self, _result: Any) -> None:
        for field in (self.old, self.new, self.repeat):
            field.clear()
        self.change_button.setEnabled(True)
        self.status.emit(self.tr("Passphrase changed. Use the new one from now on."))

    def _change_failed(self, error: BaseException) -> None:
        self.change_button.setEnabled(True)
        self.old_error.show_message(messages.describe(error))
        self.old.select_all_and_focus()

    def _ask_new_recovery_key(self) -> None:
        self._context.dialogs.confirm(
            self,
            self.tr("New recovery key"),
            self.tr("Your old recovery key will stop working. Make a new one?"),
            self.tr("Make a new recovery key"),
            lambda yes: yes and self._new_recovery_key(),
        )

    def _new_recovery_key(self) -> None:
        def run(slot: VaultSlot) -> Made:
            key = slot.vault.new_recovery_key()
            return Made(self._opened, key, slot.vault.env.clock(), None)

        self._context.runner.submit(run, self._show_recovery_key, owner=self)

    def _show_recovery_key(self, made: Made) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Your new recovery key"))
        page = RecoveryKeyPage(self._context, dialog)
        page.show_key(made)
        QVBoxLayout(dialog).addWidget(page)
        page.finished.connect(dialog.accept)
        self.recovery_dialog = dialog
        dialog.open()

    # -- backups and export --------------------------------------------------------

    def _backup_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Backups and export"), self)
        self.backup_button = button(self.tr("Back up now…"), box)
        self.restore_button = button(self.tr("Restore from a backup…"), box)
        self.export_button = button(self.tr("Export everything…"), box)
        self.auto_backup = plain_label("", box)
        self.auto_choose = button(self.tr("Choose folder…"), box)
        self.auto_off = button(self.tr("Turn off"), box)
        now = QHBoxLayout()
        for push in (self.backup_button, self.restore_button, self.export_button):
            now.addWidget(push)
        now.addStretch(1)
        auto = QHBoxLayout()
        auto.addWidget(self.auto_backup, 1)
        auto.addWidget(self.auto_choose)
        auto.addWidget(self.auto_off)
        layout = QVBoxLayout(box)
        layout.addLayout(now)
        layout.addWidget(
            plain_label(
                self.tr("Automatic backups when you lock or quit (the newest 5 are kept):"), box
            )
        )
        layout.addLayout(auto)
        self.backup_button.clicked.connect(
            lambda: backup_flow.back_up_now(self, self._context, self.status.emit)
        )
        self.restore_button.clicked.connect(
            lambda: backup_flow.restore(
                self, self._context, self._opened.folder, self.restored.emit
            )
        )
        self.export_button.clicked.connect(
            lambda: backup_flow.export_everything(self, self._context, self.status.emit)
        )
        self.auto_choose.clicked.connect(self._choose_backup_folder)
        self.auto_off.clicked.connect(lambda: self._set_backup_folder(None))
        self._show_backup_folder()
        return box

    def _choose_backup_folder(self) -> None:
        self._context.dialogs.choose_folder(
            self,
            self.tr("Choose a folder for automatic backups"),
            lambda folder: folder and self._set_backup_folder(folder),
        )

    def _set_backup_folder(self, folder: Path | None) -> None:
        self._context.settings.set(keys.BACKUP_FOLDER, str(folder) if folder else "")
        self._show_backup_folder()

    def _show_backup_folder(self) -> None:
        folder = self._context.settings.get(keys.BACKUP_FOLDER)
        self.auto_backup.setText(folder or self.tr("Off — choose a folder to turn them on."))
        self.auto_off.setEnabled(bool(folder))

    # -- appearance ----------------------------------------------------------------

    def _appearance_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Appearance"), self)
        self.theme = QComboBox(box)
        for value, label in (
            ("system", self.tr("Follow the computer")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(
            max(0, self.theme.findData(self._context.settings.get(keys.THEME)))
        )
        self.language = QComboBox(box)
        for code in available_languages():
            locale = QLocale(code)
            name = f"{locale.nativeLanguageName()} ({locale.nativeTerritoryName()})"
            self.language.addItem(name, code)
        self.language.setCurrentIndex(
            max(0, self.language.findData(self._context.settings.get(keys.LANGUAGE)))
        )
        self.language_note = plain_label("", box)
        form = QFormLayout(box)
        form.addRow(form_row(self.tr("Colours"), self.theme, box), self.theme)
        form.addRow(form_row(self.tr("Language"), self.language, box), self.language)
        form.addRow(self.language_note)
        self.theme.currentIndexChanged.connect(self._theme_chosen)
        self.language.currentIndexChanged.connect(self._language_chosen)
        return box

    def _language_chosen(self) -> None:
        self._context.settings.set(keys.LANGUAGE, self.language.currentData())
        self.language_note.setText(self.tr("Pont will use it from the next time it starts."))

    def _theme_chosen(self) -> None:
        value = self.theme.currentData()
        self._context.settings.set(keys.THEME, value)
        theme.apply(value)
