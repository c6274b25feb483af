"""Light, dark, or follow the computer (Qt ≥ 6.8 ``QStyleHints.setColorScheme``).

Where the platform cannot switch (a bare X server, some Linux desktops), an explicit
choice falls back to Fusion's palette for that scheme, so the choice still shows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

SCHEMES = {
    "system": Qt.ColorScheme.Unknown,
    "light": Qt.ColorScheme.Light,
    "dark": Qt.ColorScheme.Dark,
}

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
    wanted = SCHEMES.get(name, Qt.ColorScheme.Unknown)
    hints = QGuiApplication.styleHints()
    hints.setColorScheme(wanted)
    app = QApplication.instance()
    if not isinstance(app, QApplication) or wanted == Qt.ColorScheme.Unknown:
        return
    if hints.colorScheme() != wanted:
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(_palette(wanted, app))


def _palette(scheme: Qt.ColorScheme, app: QApplication) -> QPalette:
    palette = app.style().standardPalette()
    if scheme == Qt.ColorScheme.Dark:
        for role, colour in _DARK.items():
            palette.setColor(role, QColor(colour))
        for role in (
            QPalette.ColorRole.Text,
            QPalette.ColorRole.ButtonText,
            QPalette.ColorRole.WindowText,
        ):
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7f7f7f"))
    return palette
