"""Copying a value: marked as secret for clipboard managers, and cleared again (T24).

The clipboard is cleared after the configured time, on lock and on quit, but only if it
still holds what Pont put there: text the person copied since is never touched.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

# Clipboard managers and OS clipboard history honour these and do not record the copy.
_SECRET_HINTS = {
    "linux": ("x-kde-passwordManagerHint", b"secret"),
    "win32": ("ExcludeClipboardContentFromMonitorProcessing", b"\x01\x00\x00\x00"),
    "darwin": ("application/x-nspasteboard-concealed-type", b"secret"),
}


class SecretClipboard(QObject):
    """Copies text with a "do not record" hint and clears it after ``timeout_ms()``."""

    def __init__(self, timeout_ms: Callable[[], int], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeout_ms = timeout_ms
        self._ours: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_if_ours)

    def copy(self, text: str) -> None:
        data = QMimeData()
        data.setText(text)
        for platform, (kind, value) in _SECRET_HINTS.items():
            if sys.platform.startswith(platform):
                data.setData(kind, value)
        self._clipboard().setMimeData(data, QClipboard.Mode.Clipboard)
        self._ours = text
        self._timer.start(self._timeout_ms())

    def clear_if_ours(self) -> None:
        self._timer.stop()
        if self._ours is None:
            return
        clipboard = self._clipboard()
        if clipboard.text(QClipboard.Mode.Clipboard) == self._ours:
            clipboard.clear(QClipboard.Mode.Clipboard)
        self._ours = None

    @property
    def holds_ours(self) -> bool:
        return self._ours is not None

    @staticmethod
    def _clipboard() -> QClipboard:
        clipboard = QGuiApplication.clipboard()
        assert clipboard is not None
        return clipboard
