"""Every version of one field, oldest first, with "Restore this version"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import messages
from ui.context import AppContext
from ui.models import RECORD, history_model
from ui.widgets import InlineError, button, heading
from vault.catalogue import load_catalogue


class HistoryDialog(QDialog):
    """Opened with ``open()``; ``restored`` after a version was made current again."""

    restored = Signal()

    def __init__(
        self,
        context: AppContext,
        person_id: int,
        key: str,
        entry: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._where = (person_id, key, entry)
        spec = load_catalogue().spec_for(key)
        self.setWindowTitle(self.tr("History of %1").replace("%1", spec.label))
        self.resize(720, 360)
        self.model = history_model(key, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Versions"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.error = InlineError(self)
        self.restore_button = button(self.tr("Restore this version"), self)
        self.restore_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(spec.label, self, size=1.2))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._load()

    def _load(self) -> None:
        person_id, key, entry = self._where
        self._context.runner.submit(
            lambda slot: slot.vault.profiles.history(person_id, key, entry),
            self._loaded,
            owner=self,
        )

    def _loaded(self, versions: list[Any]) -> None:
        self.model.reset(versions)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def select_version(self, version: int) -> None:
        for row in range(self.model.rowCount()):
            if self.model.record(row).version == version:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        chosen = self._chosen()
        self.restore_button.setEnabled(chosen is not None and chosen.value is not None)

    def _chosen(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RECORD) if rows else None

    def restore_selected(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        person_id, key, entry = self._where
        self._context.runner.submit(
            lambda slot: slot.vault.profiles.restore(person_id, key, entry, chosen.version),
            self._done,
            lambda error: self.error.show_message(messages.describe(error)),
            owner=self,
        )

    def _done(self, _change: Any) -> None:
        self.restored.emit()
        self.accept()
