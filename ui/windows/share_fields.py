"""Share, step 2: which fields to send, in which form, with warnings beside them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui import messages
from ui.packet_words import form_label
from ui.share_flow import Choices, FieldChoice, shown_value
from ui.widgets import InlineError, button, heading, plain_label
from vault.catalogue import FieldSpec
from vault.errors import InvalidInput
from vault.share import FULL


class FieldChoiceRow(QFrame):
    """One field entry: tick to send, the value that would go, a less revealing form."""

    changed = Signal()

    def __init__(self, choice: FieldChoice, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = choice
        self._today = today
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.tick = QCheckBox(self._title(), self)
        self.tick.setChecked(choice.ticked)
        self.tick.setEnabled(choice.blocked is None)
        bold = QFont(self.tick.font())
        bold.setBold(True)
        self.tick.setFont(bold)
        self.need = plain_label(
            self.tr("Required") if choice.required else self.tr("Optional"), self, wrap=False
        )
        self.value = plain_label("", self)
        self.value.setAccessibleName(self.tr("What will be sent"))
        self.form = QComboBox(self)
        self.form.setAccessibleName(
            self.tr("How much of %1 to send").replace("%1", choice.spec.label)
        )
        for form in (FULL, *choice.forms):
            self.form.addItem(form_label(form), form)
        self.form.setCurrentIndex(max(0, self.form.findData(choice.form)))
        self.form.setVisible(bool(choice.forms) and choice.blocked is None)
        self.why = (
            plain_label(self.tr("They say: %1").replace("%1", choice.why), self)
            if choice.why
            else None
        )
        self.warning = InlineError(self)
        self.warning.show_message(" ".join(choice.warnings))
        self.blocked = InlineError(self)
        self.blocked.show_message(choice.blocked or "")
        self.problem = InlineError(self)
        self._layout()
        self.tick.toggled.connect(self._ticked)
        self.form.currentIndexChanged.connect(self._form_chosen)
        self._refresh_value()

    def _title(self) -> str:
        label = self.choice.spec.label
        if self.choice.spec.succession:
            if self.choice.past:
                return self.tr("%1 (past)").replace("%1", label)
            return self.tr("%1 (current)").replace("%1", label)
        if self.choice.spec.repeatable:
            return (
                self.tr("%1 (entry %2)")
                .replace("%1", label)
                .replace("%2", str(self.choice.entry + 1))
            )
        return label

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.tick, 1)
        top.addWidget(self.need)
        middle = QHBoxLayout()
        middle.addWidget(self.value, 1)
        middle.addWidget(self.form)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addLayout(middle)
        if self.why is not None:
            column.addWidget(self.why)
        column.addWidget(self.warning)
        column.addWidget(self.blocked)
        column.addWidget(self.problem)

    def _ticked(self, ticked: bool) -> None:
        self.choice.ticked = ticked
        self._refresh_value()
        self.changed.emit()

    def _form_chosen(self, _index: int) -> None:
        self.choice.form = str(self.form.currentData())
        self._refresh_value()
        self.changed.emit()

    def choose_form(self, form: str) -> None:
        self.form.setCurrentIndex(self.form.findData(form))

    def _refresh_value(self) -> None:
        try:
            text = shown_value(self.choice, self._today)
        except InvalidInput as error:
            self.value.setText("")
            self.problem.show_message(messages.invalid_input(error.field, error.reason))
            return
        self.problem.clear_message()
        words = self.tr("Will send: %1") if self.choice.ticked else self.tr("Not sent: %1")
        self.value.setText(words.replace("%1", text.replace("\n", ", ")))

    @property
    def has_problem(self) -> bool:
        return self.choice.ticked and bool(self.problem.message)


class MissingRow(QWidget):
    """A required field the record does not have, with a way to add it."""

    add_requested = Signal(str)

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.add_button = button(self.tr("Add it now"), self)
        self.add_button.setAccessibleName(self.tr("Add %1 now").replace("%1", spec.label))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(plain_label(self.tr("Missing: %1").replace("%1", spec.label), self), 1)
        row.addWidget(self.add_button)
        self.add_button.clicked.connect(lambda: self.add_requested.emit(spec.key))


class FieldsStep(QWidget):
    """Emits ``done`` for Next, ``back``, ``add_field(key)`` and ``recheck``."""

    done = Signal()
    back = Signal()
    add_field = Signal(str)
    recheck = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[FieldChoiceRow] = []
        self.missing: list[MissingRow] = []
        self.asker = plain_label("", self)
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        self.missing_box = QWidget(self)
        self.missing_layout = QVBoxLayout(self.missing_box)
        self.missing_layout.setContentsMargins(0, 0, 0, 0)
        self.recheck_button = button(self.tr("I've added it — check again"), self)
        self.missing_layout.addWidget(self.recheck_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.error = InlineError(self)
        self.back_button = button(self.tr("Back"), self)
        self.next_button = button(self.tr("Next: preview"), self, default=True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Share — step 2 of 4: what to send"), self, size=1.3))
        layout.addWidget(self.asker)
        layout.addWidget(self.missing_box)
        layout.addWidget(self.area, 1)
        layout.addLayout(bottom)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self._next)
        self.recheck_button.clicked.connect(self.recheck)

    def show_choices(self, asker: str, choices: Choices, today: dt.date) -> None:
        self.asker.setText(asker)
        inner = QWidget(self.area)
        column = QVBoxLayout(inner)
        self.rows = [FieldChoiceRow(choice, today, inner) for choice in choices.rows]
        for row in self.rows:
            column.addWidget(row)
            row.changed.connect(self.error.clear_message)
        if not self.rows:
            column.addWidget(
                plain_label(self.tr("Nothing in this record fits the request yet."), inner)
            )
        column.addStretch(1)
        self.area.setWidget(inner)
        self._show_missing(choices.missing)
        self.error.clear_message()

    def _show_missing(self, missing: list[FieldSpec]) -> None:
        for row in self.missing:
            row.deleteLater()
        self.missing = [MissingRow(spec, self.missing_box) for spec in missing]
        for row in self.missing:
            self.missing_layout.insertWidget(self.missing_layout.count() - 1, row)
            row.add_requested.connect(self.add_field)
        self.missing_box.setVisible(bool(missing))

    def row_for(self, key: str, entry: int = 0) -> FieldChoiceRow:
        return next(r for r in self.rows if r.choice.key == key and r.choice.entry == entry)

    def choices(self) -> list[FieldChoice]:
        return [row.choice for row in self.rows]

    def _next(self) -> None:
        if not any(r.choice.ticked for r in self.rows):
            self.error.show_message(self.tr("Please tick at least one field to send"))
            return
        if any(r.has_problem for r in self.rows):
            self.error.show_message(self.tr("Please choose another form where it says ⚠"))
            return
        if self.missing:
            self.error.show_message(self.tr("Some required fields are missing; add them first"))
            return
        self.done.emit()
