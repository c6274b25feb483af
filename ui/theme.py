"""Light, dark, or follow the computer (Qt ≥ 6.8 ``QStyleHints.setColorScheme``).

Where the platform cannot switch (a bare X server, some Linux desktops), an explicit
choice falls back to Fusion's palette for that scheme, so the choice still shows.

Only a start with a chosen scheme imports this module (following the computer, the
default, is Qt's own behaviour), and PySide's ``Qt`` namespace is looked up only when a
scheme is applied: building it costs ~13 ms the lock screen's first paint need not wait
for (P11).
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

_DARK = {
    QPalette.ColorRole.Window: "#2b2d30",
    QPalette.ColorRole.WindowText: "#e8e8e8",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#3a3d41",
    QPalette.ColorRole.Text: "#e8e8e8",
    QPalette.ColorRole.Button: "#3a3d41",
    QPalette.ColorRole.ButtonText: "#e8e8e8",
    QPalette.ColorRole.Highlight: "#3a7bd5",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#9a9a9a",
    QPalette.ColorRole.ToolTipBase: "#3a3d41",
    QPalette.ColorRole.ToolTipText: "#e8e8e8",
    QPalette.ColorRole.Link: "#8ab4f8",
}


def apply(name: str) -> None:
    schemes = QtCore.Qt.ColorScheme
    wanted = {"light": schemes.Light, "dark": schemes.Dark}.get(name, schemes.Unknown)
    hints = QGuiApplication.styleHints()
    hints.setColorScheme(wanted)
    app = QApplication.instance()
    if not isinstance(app, QApplication) or wanted == schemes.Unknown:
        return
    if hints.colorScheme() != wanted:
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(_palette(wanted, app))


def _palette(scheme: QtCore.Qt.ColorScheme, app: QApplication) -> QPalette:
    palette = app.style().standardPalette()
    if scheme == QtCore.Qt.ColorScheme.Dark:
        for role, colour in _DARK.items():
            palette.setColor(role, QColor(colour))
        for role in (
            QPalette.ColorRole.Text,
            QPalette.ColorRole.ButtonText,
            QPalette.ColorRole.WindowText,
        ):
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7f7f7f"))
    return palette
