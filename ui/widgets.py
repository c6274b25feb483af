"""Small widgets used on every screen, each showing text as plain text only.

Qt guesses whether a label's text is HTML (``Qt.AutoText``); text from a vault or from
outside must never be read as markup, or ``<img src=…>`` would fetch a URL (T23). Every
label in the app is made by :func:`plain_label`.

This module is on the lock screen's path, so it never looks up PySide's ``Qt`` namespace
at import or while building a lock-screen widget: the first lookup builds all of it (~100
Python enums, ~13 ms), which the lock screen's first paint need not wait for (P11). For
the same reason classes the lock screen does not use are looked up when used
(``QtGui.QPalette``), not imported.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.strength import Strength, strength

BUTTON_HEIGHT = 36
_PLAIN_TEXT = 0  # Qt::PlainText, set by property name so the Qt namespace is not built


def make_plain(label: QLabel) -> None:
    """Show ``label``'s text literally, never as rich text (``Qt.TextFormat.PlainText``)."""
    if not label.setProperty("textFormat", _PLAIN_TEXT):
        raise RuntimeError("QLabel refused its text format")


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = True) -> QLabel:
    """A label that shows ``text`` literally, never as rich text."""
    label = QLabel(parent)
    make_plain(label)
    label.setWordWrap(wrap)
    label.setText(text)
    return label


def heading(text: str, parent: QWidget | None = None, *, size: float = 1.5) -> QLabel:
    label = plain_label(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * size)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def button(text: str, parent: QWidget | None = None, *, default: bool = False) -> QPushButton:
    """A push button large enough to hit easily, with its text as its accessible name."""
    push = QPushButton(text, parent)
    push.setMinimumHeight(BUTTON_HEIGHT)
    push.setAccessibleName(text.replace("&", "").rstrip("…"))
    push.setDefault(default)
    push.setAutoDefault(default)
    return push


class InlineError(QLabel):
    """The message shown under a field whose value is not accepted; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        make_plain(self)
        self.setWordWrap(True)
        self.setAccessibleName(self.tr("Problem"))
        self.hide()

    def show_message(self, text: str) -> None:
        if text:  # coloured when shown, for the scheme in use then
            palette = self.palette()
            palette.setColor(QtGui.QPalette.ColorRole.WindowText, _error_colour(self))
            self.setPalette(palette)
        # An icon-like prefix, so the problem is not signalled by colour alone.
        self.setText(f"⚠ {text}" if text else "")
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")

    @property
    def message(self) -> str:
        return self.text().removeprefix("⚠ ")


def _error_colour(widget: QWidget) -> object:
    dark = QtGui.QGuiApplication.styleHints().colorScheme() == QtCore.Qt.ColorScheme.Dark
    return QtGui.QColor("#ff8a80") if dark else QtGui.QColor("#b00020")


class PassphraseField(QWidget):
    """A masked line edit with a "Show" toggle. Its text never goes anywhere but the worker."""

    returnPressed = Signal()
    textChanged = Signal(str)

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(accessible_name)
        self.edit.setMinimumHeight(BUTTON_HEIGHT)
        self.edit.returnPressed.connect(self.returnPressed)
        self.edit.textChanged.connect(self.textChanged)
        self._toggle = QAction(self.tr("Show"), self)
        self._toggle.setCheckable(True)
        self._toggle.toggled.connect(self._show)
        self.edit.addAction(self._toggle, QLineEdit.ActionPosition.TrailingPosition)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def text(self) -> str:
        return self.edit.text()

    def clear(self) -> None:
        self.edit.clear()

    def select_all_and_focus(self) -> None:
        self.edit.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
        self.edit.selectAll()

    def _show(self, visible: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        self.edit.setEchoMode(mode)
        self._toggle.setText(self.tr("Hide") if visible else self.tr("Show"))


class StrengthMeter(QWidget):
    """A bar and a word (weak / fair / strong) for the passphrase being typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bar = QProgressBar(self)
        self._bar.setRange(0, 3)
        self._bar.setTextVisible(False)
        self._bar.setMaximumHeight(10)
        self._bar.setAccessibleName(self.tr("Passphrase strength"))
        self._word = plain_label("", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._bar)
        layout.addWidget(self._word)
        self.update_for("")

    def update_for(self, passphrase: str) -> Strength | None:
        if not passphrase:
            self._bar.setValue(0)
            self._word.setText(self.tr("Strength: type a passphrase of several words"))
            return None
        level = strength(passphrase)
        words = {
            Strength.WEAK: self.tr("Strength: weak — add more words"),
            Strength.FAIR: self.tr("Strength: fair — another word or two would help"),
            Strength.STRONG: self.tr("Strength: strong"),
        }
        self._bar.setValue({Strength.WEAK: 1, Strength.FAIR: 2, Strength.STRONG: 3}[level])
        self._word.setText(words[level])
        self._bar.setAccessibleDescription(words[level])
        return level

    @property
    def word(self) -> str:
        return self._word.text()


class Banner(QFrame):
    """A prominent notice across the top of a page (expiring codes, demo mode)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QtGui.QPalette.ColorRole.AlternateBase)  # follows light/dark changes
        self.label = plain_label("", self)
        font = QFont(self.label.font())
        font.setBold(True)
        self.label.setFont(font)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        policy = QtWidgets.QSizePolicy.Policy
        self.setSizePolicy(policy.Preferred, policy.Maximum)
        self.hide()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.setVisible(bool(text))


def form_row(label_text: str, editor: QWidget, parent: QWidget | None = None) -> QLabel:
    """A label bound to ``editor`` (mnemonic, screen readers), and the editor named after it."""
    label = plain_label(label_text, parent)
    label.setBuddy(editor)
    editor.setAccessibleName(label_text)
    return label
