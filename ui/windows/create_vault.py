"""Making a new vault: choose a passphrase, then keep the recovery key safe."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QVBoxLayout, QWidget

from ui import messages, vault_access
from ui.context import AppContext
from ui.strength import Strength
from ui.vault_access import Made
from ui.widgets import InlineError, PassphraseField, StrengthMeter, button, heading, plain_label


class CreatePage(QWidget):
    """Passphrase twice with a strength meter, and "remember on this device"."""

    created = Signal(object)  # Made
    cancelled = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.folder = Path()
        self.passphrase = PassphraseField(self.tr("New passphrase"), self)
        self.repeat = PassphraseField(self.tr("Type the passphrase again"), self)
        self.meter = StrengthMeter(self)
        self.remember = QCheckBox(self.tr("Remember on this device (unlock without typing)"), self)
        self.error = InlineError(self)
        self.create_button = button(self.tr("Create vault"), self, default=True)
        self.back_button = button(self.tr("Back"), self)
        self.folder_label = plain_label("", self)
        self._layout()
        self.passphrase.textChanged.connect(self._typed)
        self.repeat.returnPressed.connect(self.submit)
        self.create_button.clicked.connect(self.submit)
        self.back_button.clicked.connect(self.cancelled)

    def _layout(self) -> None:
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(plain_label(self.tr("Passphrase"), self), self.passphrase)
        form.addRow(self.meter)
        form.addRow(plain_label(self.tr("Type it again"), self), self.repeat)
        form.addRow(self.error)
        form.addRow(self.remember)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Create your vault"), self))
        layout.addWidget(
            plain_label(
                self.tr(
                    "Choose a passphrase: a few words only you would put together, like "
                    "“kettle orange Tuesday lighthouse”. Longer is stronger; there is no "
                    "upper limit. You will need it every time you open Pont."
                ),
                self,
            )
        )
        layout.addWidget(self.folder_label)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def start(self, folder: Path) -> None:
        self.folder = folder
        self.folder_label.setText(
            self.tr("The vault will be kept in: %1").replace("%1", str(folder))
        )
        self.passphrase.clear()
        self.repeat.clear()
        self.error.clear_message()
        self._busy(False)
        if vault_access.key_file_missing(folder):  # a damaged vault: never made over
            self.error.show_message(messages.damaged("key file", "missing"))
            self.create_button.setEnabled(False)
            return
        self.passphrase.setFocus()

    def submit(self) -> None:
        problem = self._problem()
        if problem:
            self.error.show_message(problem)
            self.passphrase.select_all_and_focus()
            return
        self.error.clear_message()
        self._busy(True)
        operation = vault_access.create(
            self.folder, self.passphrase.text(), self.remember.isChecked(), self._context.options
        )
        self._context.runner.submit(operation, self._done, self._failed, owner=self)

    def _problem(self) -> str:
        text = self.passphrase.text()
        if not text:
            return messages.invalid_input("passphrase", "required")
        if self.meter.update_for(text) is Strength.WEAK:
            return self.tr("This passphrase is too easy to guess. Add a word or two.")
        if text != self.repeat.text():
            return self.tr("The two passphrases are not the same. Please type them again.")
        return ""

    def _typed(self, text: str) -> None:
        self.meter.update_for(text)
        self.error.clear_message()

    def _done(self, made: Made) -> None:
        self.passphrase.clear()
        self.repeat.clear()
        self._busy(False)
        self.created.emit(made)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.error.show_message(messages.describe(error))

    def _busy(self, busy: bool) -> None:
        self.create_button.setEnabled(not busy)
        self.create_button.setText(self.tr("Creating…") if busy else self.tr("Create vault"))


class RecoveryKeyPage(QWidget):
    """The recovery key, shown once, with ways to keep it; continuing needs a tick."""

    finished = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._made: Made | None = None
        self.key_label = plain_label("", self)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setWeight(QFont.Weight.Bold)
        self.key_label.setFont(font)
        self.key_label.setAccessibleName(self.tr("Your recovery key"))
        self.note = plain_label("", self)
        self.save_button = button(self.tr("Save recovery kit (PDF)…"), self)
        self.print_button = button(self.tr("Print…"), self)
        self.stored = QCheckBox(self.tr("I have stored my recovery key somewhere safe"), self)
        self.continue_button = button(self.tr("Continue"), self, default=True)
        self.continue_button.setEnabled(False)
        self._layout()
        self.stored.toggled.connect(self.continue_button.setEnabled)
        self.save_button.clicked.connect(self._save_kit)
        self.print_button.clicked.connect(self._print)
        self.continue_button.clicked.connect(self._continue)

    def _layout(self) -> None:
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Your recovery key"), self))
        layout.addWidget(
            plain_label(
                self.tr(
                    "If you ever forget your passphrase, this key opens your vault. It is shown "
                    "only now. Print it or save the recovery kit, and keep it as safely as a "
                    "passport — not in email or a cloud folder."
                ),
                self,
            )
        )
        layout.addSpacing(12)
        layout.addWidget(self.key_label)
        layout.addSpacing(12)
        layout.addLayout(actions)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.stored)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        layout.addLayout(buttons)

    def show_key(self, made: Made) -> None:
        self._made = made
        self.key_label.setText(made.recovery_key)
        self.stored.setChecked(False)
        problem = made.keyring_problem
        self.note.setText(
            ""
            if problem is None
            else self.tr("This device could not remember the vault: %1").replace(
                "%1", messages.describe(problem)
            )
        )

    def _save_kit(self) -> None:
        self._context.dialogs.choose_save_path(
            self,
            self.tr("Save recovery kit"),
            "Pont recovery kit.pdf",
            self.tr("PDF files (*.pdf)"),
            self._write_kit,
        )

    def _write_kit(self, path: Path | None) -> None:
        made = self._made
        if path is None or made is None:
            return

        def write(slot: object) -> Path:
            from vault.recovery import save_recovery_kit

            save_recovery_kit(path, made.recovery_key, made.opened.vault_id, made.created)
            return path

        self._context.runner.submit(write, self._kit_saved, self._kit_failed, owner=self)

    def _kit_saved(self, path: Path) -> None:
        self.note.setText(self.tr("Recovery kit saved to %1").replace("%1", str(path)))

    def _kit_failed(self, error: BaseException) -> None:
        self.note.setText(messages.describe(error))

    def _print(self) -> None:
        from ui.printing import print_recovery_key

        if self._made is not None:
            print_recovery_key(self, self._made.recovery_key)

    def _continue(self) -> None:
        if not self.stored.isChecked():
            return
        self.key_label.clear()
        self._made = None
        self.finished.emit()
