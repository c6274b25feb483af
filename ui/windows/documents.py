"""The documents attached to a person: a table, "Attach a document…", "Save a copy…"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import messages
from ui.context import AppContext
from ui.models import attachments_model
from ui.widgets import InlineError, button, heading, plain_label
from vault.model import Attachment, Person


class DocumentsPage(QWidget):
    changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.person: Person | None = None
        self.model = attachments_model(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Documents"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.attach_button = button(self.tr("Attach a document…"), self)
        self.save_button = button(self.tr("Save a copy…"), self)
        self.note = InlineError(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Documents"), self, size=1.3))
        layout.addWidget(
            plain_label(
                self.tr(
                    "Scans and PDFs kept inside the vault, encrypted. To attach one to a "
                    "particular field, use that field's “Attach…” button or drop the file on it."
                ),
                self,
            )
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self.attach_button.clicked.connect(self._choose_file)
        self.save_button.clicked.connect(self._save_copy)

    def show_attachments(self, person: Person, attachments: list[Attachment]) -> None:
        self.person = person
        self.model.reset(attachments)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _choose_file(self) -> None:
        self._context.dialogs.choose_open_path(
            self,
            self.tr("Attach a document"),
            self.tr("Documents (*.pdf *.png *.jpg *.jpeg);;All files (*)"),
            self._attach,
        )

    def _attach(self, path: Path | None) -> None:
        if path is None or self.person is None:
            return
        person_id = self.person.id
        self._context.runner.submit(
            lambda slot: slot.vault.documents.add_file(path, person_id),
            lambda _added: self.changed.emit(),
            self._failed,
            owner=self,
        )

    def _save_copy(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.note.show_message(self.tr("Choose a document in the list first."))
            return
        attachment = self.model.record(rows[0].row())
        self._context.dialogs.choose_save_path(
            self,
            self.tr("Save a copy"),
            attachment.name,
            self.tr("All files (*)"),
            lambda path: path and self._write(attachment, path),
        )

    def _write(self, attachment: Attachment, path: Path) -> None:
        self._context.runner.submit(
            lambda slot: slot.vault.documents.save(attachment.id, path),
            lambda saved: self.note.clear_message(),
            self._failed,
            owner=self,
        )

    def _failed(self, error: BaseException) -> None:
        self.note.show_message(messages.describe(error))

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None
