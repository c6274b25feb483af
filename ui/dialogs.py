"""Every dialog the app opens goes through :class:`Dialogs`.

Dialogs open with ``open()`` and answer through a callback, so no code path blocks in
``exec()`` and tests can answer ahead of time (``tests/ui/conftest.py`` replaces this
class with a scripted one). Every message box shows its text as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QLineEdit, QMessageBox, QWidget

Answer = Callable[[bool], None]
PathAnswer = Callable[[Path | None], None]
TextAnswer = Callable[[str | None], None]


class Dialogs:
    """The dialogs façade. ``native=False`` uses Qt's own file dialogs (tests, screenshots)."""

    def __init__(self, *, native: bool = True) -> None:
        self._native = native

    def confirm(
        self, parent: QWidget, title: str, text: str, action: str, on_answer: Answer
    ) -> None:
        """Ask a yes/no decision; the "yes" button is named after the action."""
        box = self._box(parent, QMessageBox.Icon.Question, title, text)
        yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _result: on_answer(box.clickedButton() is yes))
        box.open()

    def ask_passphrase(
        self, parent: QWidget, title: str, prompt: str, on_answer: TextAnswer
    ) -> None:
        dialog = QInputDialog(parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(title)
        dialog.setLabelText(prompt)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        dialog.finished.connect(lambda result: on_answer(dialog.textValue() if result else None))
        dialog.open()

    def choose_open_path(
        self, parent: QWidget, title: str, name_filter: str, on_answer: PathAnswer
    ) -> None:
        dialog = self._file_dialog(parent, title, name_filter)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        self._open_file_dialog(dialog, on_answer)

    def choose_save_path(
        self,
        parent: QWidget,
        title: str,
        suggested_name: str,
        name_filter: str,
        on_answer: PathAnswer,
    ) -> None:
        dialog = self._file_dialog(parent, title, name_filter)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile(suggested_name)
        self._open_file_dialog(dialog, on_answer)

    def choose_folder(self, parent: QWidget, title: str, on_answer: PathAnswer) -> None:
        dialog = self._file_dialog(parent, title, "")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        self._open_file_dialog(dialog, on_answer)

    def show_error(self, parent: QWidget, text: str) -> None:
        box = self._box(parent, QMessageBox.Icon.Warning, parent.tr("Pont"), text)
        box.addButton(QMessageBox.StandardButton.Ok)
        box.open()

    def show_info(self, parent: QWidget, title: str, text: str) -> None:
        box = self._box(parent, QMessageBox.Icon.Information, title, text)
        box.addButton(QMessageBox.StandardButton.Ok)
        box.open()

    # -- internals -----------------------------------------------------------------

    @staticmethod
    def _box(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        box = QMessageBox(parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setIcon(icon)
        box.setWindowTitle(title)
        box.setText(text)
        for label in box.findChildren(QLabel):  # its icon label too: no AutoText anywhere
            label.setTextFormat(Qt.TextFormat.PlainText)
        return box

    def _file_dialog(self, parent: QWidget, title: str, name_filter: str) -> QFileDialog:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        dialog = QFileDialog(parent, title, start, name_filter)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, not self._native)
        return dialog

    @staticmethod
    def _open_file_dialog(dialog: QFileDialog, on_answer: PathAnswer) -> None:
        def finished(result: int) -> None:
            files = dialog.selectedFiles()
            on_answer(Path(files[0]) if result and files else None)

        dialog.finished.connect(finished)
        dialog.open()
