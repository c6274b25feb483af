"""One editor per catalogue field type, validated as the person types.

Each editor gives its value in the shape ``vault.validate.normalise`` expects (text, a
bool, a choice value, a dict of parts) or None when left blank, and shows a problem
under the part it concerns. Checking is done by the core's own rules.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui import formatting, messages
from ui.widgets import BUTTON_HEIGHT, InlineError, form_row
from vault.catalogue import FieldSpec, PartSpec
from vault.errors import InvalidInput
from vault.validate import normalise

PLACEHOLDERS = {
    "date": "DD/MM/YYYY",
    "nhs_number": "943 476 5919",
    "ni_number": "QQ 12 34 56 C",
    "postcode": "SW1A 1AA",
    "sort_code": "12-34-56",
    "email": "name@example.org",
    "country": "GB",
}


def check(
    spec: FieldSpec, value: Any, today: dt.date | None = None
) -> tuple[Any, InvalidInput | None]:
    """(clean value, None) or (None, the problem). A blank value is (None, None)."""
    if value is None:
        return None, None
    try:
        return normalise(spec, value, today=today), None
    except InvalidInput as error:
        return None, error


class _Input(QWidget):
    """One scalar input (line, lines, choice, yes/no) and the problem line under it."""

    changed = Signal()

    def __init__(
        self, kind: str, name: str, spec: FieldSpec | None, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.widget = self._make(kind, spec)
        self.widget.setAccessibleName(name)
        self.error = InlineError(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.widget)
        layout.addWidget(self.error)
        self.setFocusProxy(self.widget)

    def _make(self, kind: str, spec: FieldSpec | None) -> QWidget:
        if kind in ("long_text", "lines"):
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(BUTTON_HEIGHT * (3 if kind == "long_text" else 2) + 8)
            edit.textChanged.connect(self.changed)
            return edit
        if kind in ("choice", "bool"):
            combo = QComboBox(self)
            combo.setMinimumHeight(BUTTON_HEIGHT)
            combo.addItem(self.tr("Not set"), None)
            if kind == "bool":
                combo.addItem(self.tr("Yes"), True)
                combo.addItem(self.tr("No"), False)
            for choice in spec.choices if spec else ():
                combo.addItem(choice.label, choice.value)
            combo.currentIndexChanged.connect(self.changed)
            return combo
        line = QLineEdit(self)
        line.setMinimumHeight(BUTTON_HEIGHT)
        line.setPlaceholderText(PLACEHOLDERS.get(kind, ""))
        line.textChanged.connect(self.changed)
        return line

    def value(self) -> Any:
        widget = self.widget
        if isinstance(widget, QComboBox):
            return widget.currentData()
        text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
        if not text.strip():
            return None
        return text.splitlines() if self.kind == "lines" else text

    def set_value(self, value: Any) -> None:
        widget = self.widget
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
            return
        if value is None:
            text = ""
        elif self.kind == "lines" and isinstance(value, list):
            text = "\n".join(value)
        elif self.kind == "date":
            text = formatting.uk_date(str(value))
        else:
            text = str(value)
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(text)
        else:
            assert isinstance(widget, QLineEdit)
            widget.setText(text)

    def text(self) -> str:
        value = self.value()
        return "" if value is None else str(value)


class FieldEditor(QWidget):
    """The editor for one entry of one field: a single input or a small form of parts."""

    changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.inputs: dict[str, _Input] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if spec.parts:
            form = QFormLayout()
            form.setContentsMargins(0, 0, 0, 0)
            for part in spec.parts:
                form.addRow(*self._part_row(part))
            layout.addLayout(form)
        else:
            self.inputs[""] = _Input(spec.type, spec.label, spec, self)
            layout.addWidget(self.inputs[""])
        for item in self.inputs.values():
            item.changed.connect(self.changed)
        self.setFocusProxy(next(iter(self.inputs.values())))

    def _part_row(self, part: PartSpec) -> tuple[QWidget, QWidget]:
        item = _Input(part.type, part.label, None, self)
        self.inputs[part.key] = item
        return form_row(part.label, item.widget, self), item

    def value(self) -> Any:
        if not self.spec.parts:
            return self.inputs[""].value()
        parts = {key: item.value() for key, item in self.inputs.items()}
        if all(v is None for v in parts.values()):
            return None
        return {k: v for k, v in parts.items() if v is not None}

    def set_value(self, value: Any) -> None:
        if not self.spec.parts:
            self.inputs[""].set_value(value)
            return
        parts = value if isinstance(value, dict) else {}
        for key, item in self.inputs.items():
            item.set_value(parts.get(key))

    def show_problem(self, error: InvalidInput | None) -> None:
        for item in self.inputs.values():
            item.error.clear_message()
        if error is None:
            return
        self._input_for(error.field).error.show_message(
            messages.invalid_input(error.field, error.reason, error.detail)
        )

    def focus_problem(self, error: InvalidInput) -> None:
        self._input_for(error.field).widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def problem_text(self) -> str:
        return " ".join(i.error.message for i in self.inputs.values() if i.error.message)

    def _input_for(self, field: str) -> _Input:
        part = field.rsplit(".", 1)[-1] if "." in field else ""
        return self.inputs.get(part) or next(iter(self.inputs.values()))
