"""Printing the recovery key (QtPrintSupport ships in PySide6-Essentials)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from ui.i18n import tr


def print_recovery_key(parent: QWidget, recovery_key: str) -> QPrintDialog:
    """Open the print dialog (non-blocking); print the key as plain text if accepted."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("Print recovery key"))

    def finished(result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            document = recovery_document(parent, recovery_key)
            document.print_(printer)

    dialog.finished.connect(finished)
    dialog.open()
    return dialog


def recovery_document(parent: QWidget, recovery_key: str) -> QTextDocument:
    document = QTextDocument(parent)
    document.setDefaultFont(QFont("monospace", 14))
    document.setPlainText(
        tr("Pont recovery key")
        + "\n\n"
        + recovery_key
        + "\n\n"
        + tr(
            "This key opens your Pont vault if you forget your passphrase. "
            "Keep it as safely as a passport."
        )
    )
    return document
