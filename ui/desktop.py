"""Handing files to the desktop: the mail client for an email draft, the file manager.

Kept behind one small class so tests (and screenshots) can record what would have
opened instead of starting a mail client.
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtGui  # classes looked up when used: not before the first paint


class Desktop:
    """Opens files and folders with the person's own applications."""

    def open_file(self, path: Path) -> bool:
        """Open ``path`` with its default application (an ``.eml`` opens a mail client)."""
        return QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(path)))

    def show_folder(self, path: Path) -> bool:
        """Show the folder holding ``path`` (or ``path`` itself when it is a folder)."""
        folder = path if path.is_dir() else path.parent
        return QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(folder)))


class RecordingDesktop(Desktop):
    """Remembers what it was asked to open and opens nothing (tests, screenshots)."""

    def __init__(self) -> None:
        self.opened: list[Path] = []
        self.shown: list[Path] = []

    def open_file(self, path: Path) -> bool:
        self.opened.append(path)
        return True

    def show_folder(self, path: Path) -> bool:
        self.shown.append(path)
        return True
