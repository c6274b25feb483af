"""Every dialog the app opens goes through :class:`Dialogs`.

Dialogs open with ``open()`` and answer through a callback, so no code path blocks in
``exec()`` and tests can answer ahead of time (``tests/ui/conftest.py`` replaces this
class with a scripted one). Every message box shows its text as plain text.

Qt's classes are looked up on their modules when a dialog opens (``QtWidgets.QMessageBox``):
the app makes its ``Dialogs`` before the lock screen's first paint, and PySide builds a
class (and the ``Qt`` namespace) on first lookup, which would cost that paint several
milliseconds (P11).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from ui.i18n import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

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
        box = self._box(parent, QtWidgets.QMessageBox.Icon.Question, title, text)
        yes = box.addButton(action, QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QtWidgets.QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QtWidgets.QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _result: on_answer(box.clickedButton() is yes))
        box.open()

    def ask_passphrase(
        self, parent: QWidget, title: str, prompt: str, on_answer: TextAnswer
    ) -> None:
        dialog = QtWidgets.QInputDialog(parent)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(title)
        dialog.setLabelText(prompt)
        dialog.setTextEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        dialog.setInputMode(QtWidgets.QInputDialog.InputMode.TextInput)
        dialog.finished.connect(lambda result: on_answer(dialog.textValue() if result else None))
        dialog.open()

    def choose_open_path(
        self, parent: QWidget, title: str, name_filter: str, on_answer: PathAnswer
    ) -> None:
        dialog = self._file_dialog(parent, title, name_filter)
        dialog.setFileMode(QtWidgets.QFileDialog.FileMode.ExistingFile)
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
        dialog.setAcceptMode(QtWidgets.QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile(suggested_name)
        self._open_file_dialog(dialog, on_answer)

    def choose_folder(self, parent: QWidget, title: str, on_answer: PathAnswer) -> None:
        dialog = self._file_dialog(parent, title, "")
        dialog.setFileMode(QtWidgets.QFileDialog.FileMode.Directory)
        dialog.setOption(QtWidgets.QFileDialog.Option.ShowDirsOnly, True)
        self._open_file_dialog(dialog, on_answer)

    def show_error(self, parent: QWidget, text: str) -> None:
        box = self._box(parent, QtWidgets.QMessageBox.Icon.Warning, tr("Pont"), text)
        box.addButton(QtWidgets.QMessageBox.StandardButton.Ok)
        box.open()

    def show_info(self, parent: QWidget, title: str, text: str) -> None:
        box = self._box(parent, QtWidgets.QMessageBox.Icon.Information, title, text)
        box.addButton(QtWidgets.QMessageBox.StandardButton.Ok)
        box.open()

    # -- internals -----------------------------------------------------------------

    @staticmethod
    def _box(
        parent: QWidget, icon: QtWidgets.QMessageBox.Icon, title: str, text: str
    ) -> QMessageBox:
        box = QtWidgets.QMessageBox(parent)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        box.setIcon(icon)
        box.setWindowTitle(title)
        box.setText(text)
        for label in box.findChildren(QtWidgets.QLabel):  # its icon label too: no AutoText anywhere
            label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        return box

    def _file_dialog(self, parent: QWidget, title: str, name_filter: str) -> QFileDialog:
        start = QtCore.QStandardPaths.writableLocation(
            QtCore.QStandardPaths.StandardLocation.DocumentsLocation
        )
        dialog = QtWidgets.QFileDialog(parent, title, start, name_filter)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setOption(QtWidgets.QFileDialog.Option.DontUseNativeDialog, not self._native)
        return dialog

    @staticmethod
    def _open_file_dialog(dialog: QFileDialog, on_answer: PathAnswer) -> None:
        def finished(result: int) -> None:
            files = dialog.selectedFiles()
            on_answer(Path(files[0]) if result and files else None)

        dialog.finished.connect(finished)
        dialog.open()
