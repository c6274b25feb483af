"""A field on the profile page: its editor, where its value came from, and its actions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui import confirmations, formatting
from ui.drops import is_not_a_document
from ui.field_editors import FieldEditor, check
from ui.widgets import button, plain_label
from vault.catalogue import FieldSpec
from vault.credentials import Confirmation
from vault.errors import InvalidInput
from vault.model import Field
from vault.timeline import current_entry, is_past

CHECK_DELAY_MS = 300


def _small(text: str, parent: QWidget, name: str) -> QPushButton:
    push = QPushButton(text, parent)
    push.setAccessibleName(name)
    push.setMinimumHeight(30)
    return push


class FieldRow(QFrame):
    """One entry of one field. ``dirty`` once the person changes it and until it is saved."""

    copy_requested = Signal(str)
    history_requested = Signal(str, int)  # key, entry
    attach_requested = Signal(str, int, object)  # key, entry, Path | None (None: ask)
    remove_requested = Signal(object)  # FieldRow

    def __init__(self, spec: FieldSpec, entry: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.entry = entry  # None: a new entry of a repeatable field, not yet saved
        self.stored: Field | None = None
        self.dirty = False
        self.today: dt.date | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAcceptDrops(True)
        self.editor = FieldEditor(spec, self)
        self.title = plain_label(spec.label, self)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        if spec.help:
            self.title.setToolTip(spec.help)  # our own catalogue text, never vault data
        self.badge = plain_label("", self, wrap=False)
        self.badge.setAccessibleName(self.tr("Source"))
        self.current = plain_label("", self, wrap=False)
        # "Confirmed by …": the issuer's name is outside text, so a plain label; the
        # tooltip is only Pont's own words about what a confirmation means
        self.confirmed = plain_label("", self)
        self.confirmed.setAccessibleName(self.tr("Confirmations"))
        self.confirmed.setToolTip(confirmations.meaning())
        self.confirmed.setAccessibleDescription(confirmations.meaning())  # screen readers too
        self.confirmed.hide()
        self.confirmations: list[Confirmation] = []
        self.copy_button = _small(
            self.tr("Copy"), self, self.tr("Copy %1").replace("%1", spec.label)
        )
        self.history_button = _small(
            self.tr("History…"), self, self.tr("History of %1").replace("%1", spec.label)
        )
        self.attach_button = _small(
            self.tr("Attach…"), self, self.tr("Attach a document to %1").replace("%1", spec.label)
        )
        self.remove_button = _small(
            self.tr("Remove"), self, self.tr("Remove this %1").replace("%1", spec.label)
        )
        self.remove_button.setVisible(spec.repeatable)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._layout()
        self._connect()
        self._refresh_actions()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.current)
        top.addWidget(self.badge)
        for push in (self.copy_button, self.history_button, self.attach_button, self.remove_button):
            top.addWidget(push)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.confirmed)
        layout.addWidget(self.editor)

    def _connect(self) -> None:
        self.editor.changed.connect(self._edited)
        self._timer.timeout.connect(self.validate)
        self.copy_button.clicked.connect(self._copy)
        self.history_button.clicked.connect(
            lambda: self.history_requested.emit(self.spec.key, self.entry or 0)
        )
        self.attach_button.clicked.connect(
            lambda: self.attach_requested.emit(self.spec.key, self.entry or 0, None)
        )
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))

    # -- state ---------------------------------------------------------------------

    def load(self, stored: Field | None, document_name: str | None = None) -> None:
        self.stored = stored
        self.editor.blockSignals(True)
        for item in self.editor.inputs.values():
            item.widget.blockSignals(True)
        self.editor.set_value(None if stored is None else stored.value)
        for item in self.editor.inputs.values():
            item.widget.blockSignals(False)
        self.editor.blockSignals(False)
        self.editor.show_problem(None)
        self.dirty = False
        self.badge.setText(
            "" if stored is None else formatting.provenance(stored.provenance, document_name)
        )
        self._refresh_actions()

    def show_confirmations(self, found: list[Confirmation]) -> None:
        """The confirmations of this entry, judged against its saved value."""
        self.confirmations = found
        self._refresh_confirmed()

    def _refresh_confirmed(self) -> None:
        lines = confirmations.badges(self.confirmations)
        if self.dirty and any(c.usable for c in self.confirmations):
            lines.append(
                self.tr("If you save this change, the confirmation will no longer match.")
            )
        self.confirmed.setText("\n".join(lines))
        self.confirmed.setVisible(bool(lines))

    def set_timeline_badge(self, text: str) -> None:
        """Where this entry stands in time: current, past, or not begun (addresses)."""
        self.current.setText(text)

    def pending(self) -> tuple[Any, InvalidInput | None]:
        """(clean value or None for "cleared", problem) of an edited entry."""
        return check(self.spec, self.editor.value(), self.today)

    def validate(self) -> InvalidInput | None:
        self._timer.stop()
        _clean, problem = self.pending()
        self.editor.show_problem(problem)
        return problem

    def focus_problem(self, problem: InvalidInput) -> None:
        self.editor.focus_problem(problem)

    def _edited(self) -> None:
        first = not self.dirty
        self.dirty = True
        self._timer.start()
        if first and self.confirmations:
            self._refresh_confirmed()

    def _refresh_actions(self) -> None:
        saved = self.stored is not None
        self.copy_button.setEnabled(saved)
        self.history_button.setEnabled(saved)
        self.attach_button.setEnabled(True)

    def _copy(self) -> None:
        if self.stored is not None:
            self.copy_requested.emit(formatting.display(self.spec, self.stored.value))

    # -- drag and drop: a file dropped on a field is attached to it ------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if is_not_a_document(mime):
            event.ignore()  # a request or packet file: the window routes it
            return
        if mime.hasUrls() and all(u.isLocalFile() for u in mime.urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            self.attach_requested.emit(self.spec.key, self.entry or 0, Path(url.toLocalFile()))
        event.acceptProposedAction()


class FieldGroup(QWidget):
    """All entries of one field; a repeatable field has "Add another"."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.rows: list[FieldRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.add_button: QPushButton | None = None
        if spec.succession:
            # Moving is one step: saving the new address ends the current one.
            self.add_button = button(self.tr("I moved: add my new address"), self)
            self.add_button.setToolTip(
                self.tr(
                    "When you save, your current address ends the day before the new one "
                    "starts (today if you leave the start date empty) and is kept as a past "
                    "address."
                )
            )
            self._layout.addWidget(self.add_button)
        elif spec.repeatable:
            self.add_button = button(
                self.tr("Add another %1").replace("%1", spec.label.lower()), self
            )
            self._layout.addWidget(self.add_button)

    def add_row(self, entry: int | None) -> FieldRow:
        row = FieldRow(self.spec, entry, self)
        self.rows.append(row)
        self._layout.insertWidget(len(self.rows) - 1, row)
        return row

    def drop_row(self, row: FieldRow) -> None:
        self.rows.remove(row)
        row.hide()
        row.deleteLater()

    def mark_current_address(self, today: dt.date) -> None:
        """Badges for a succession (``vault.timeline``): the current address, past ones
        with their last day, and one not begun yet. The current one is listed first."""
        if not self.spec.succession:
            return
        stored = [r.stored for r in self.rows if r.stored is not None]
        current = current_entry(stored, today)
        for row in self.rows:
            row.set_timeline_badge(_timeline_text(row, row.stored is current, today))
        first = next((r for r in self.rows if current is not None and r.stored is current), None)
        if first is not None:
            self._layout.removeWidget(first)
            self._layout.insertWidget(0, first)


def _timeline_text(row: FieldRow, current: bool, today: dt.date) -> str:
    value = None if row.stored is None else row.stored.value
    if row.stored is None:
        return row.tr("New (not saved yet)")
    if current:
        return row.tr("● Current")
    if is_past(value, today):
        return row.tr("Past (until %1)").replace("%1", formatting.uk_date(str(value["to"])))
    start = str(value.get("from", "")) if isinstance(value, dict) else ""
    return row.tr("From %1").replace("%1", formatting.uk_date(start)) if start else ""
