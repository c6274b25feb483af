"""The packets just made: which organisation, the packet id, the email draft, the folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QTableView, QVBoxLayout, QWidget

from ui.context import AppContext
from ui.models import RecordTableModel
from ui.widgets import button, plain_label
from vault.share import Shared


def _email_of(shared: Shared) -> str:
    draft = shared.files.get("email")
    return draft.name if draft else "—"


class PacketResult(QWidget):
    """A table of made packets; the buttons act on the selected one."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.note = plain_label("", self)
        self.model = RecordTableModel(
            [
                (self.tr("Organisation"), lambda s: s.entry.organisation_name),
                (self.tr("Packet id"), lambda s: s.packet_id),
                (self.tr("Email draft"), _email_of),
            ],
            self,
        )
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(self.tr("Packets made"))
        self.table.setMaximumHeight(160)
        self.open_button = button(self.tr("Open email draft"), self, default=True)
        self.folder_button = button(self.tr("Show in folder"), self)
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addWidget(self.folder_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        layout.addLayout(actions)
        self.open_button.clicked.connect(self.open_draft)
        self.folder_button.clicked.connect(self.show_folder)
        self.hide()

    def show_packets(self, made: list[Shared], note: str = "") -> None:
        self.model.reset(made)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        if made:
            self.table.selectRow(0)
            self.table.resizeColumnsToContents()
        self.setVisible(bool(made))

    def selected(self) -> Shared | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows and self.model.rowCount():
            return self.model.record(0)
        return self.model.record(rows[0].row()) if rows else None

    def _file(self, kind: str) -> Path | None:
        shared = self.selected()
        if shared is None:
            return None
        return shared.files.get(kind) or next(iter(shared.files.values()), None)

    def open_draft(self) -> None:
        path = self._file("email")
        if path is not None:
            self._context.desktop.open_file(path)

    def show_folder(self) -> None:
        path = self._file("email")
        if path is not None:
            self._context.desktop.show_folder(path)
