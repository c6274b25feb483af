"""The authority under which the vault owner acts for a relative (LPA, deputyship, …)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui import formatting, messages
from ui.context import AppContext
from ui.i18n import noop, tr
from ui.ops import VaultSlot
from ui.widgets import BUTTON_HEIGHT, InlineError, button, form_row, heading, plain_label
from vault.errors import InvalidInput
from vault.model import AUTHORITY_KINDS, Authority, Person
from vault.validate import check_date

DATE_DETAILS = {
    "registered_on": noop("Date registered with the Office of the Public Guardian"),
    "access_code_expires": noop("Access code valid until"),
    "activation_key_expires": "Activation key valid until",
}
TEXT_DETAILS = {
    "opg_reference": noop("OPG reference number"),
    "access_code": noop("“Use a lasting power of attorney” access code"),
    "attorney_names": "Attorneys named in it",
}


class AuthorityForm(QWidget):
    saved = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.person: Person | None = None
        self.document_id: int | None = None
        self.kind = QComboBox(self)
        self.kind.setMinimumHeight(BUTTON_HEIGHT)
        for kind in AUTHORITY_KINDS:
            self.kind.addItem(formatting.authority_label(kind), kind)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, InlineError] = {}
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self.document_label = plain_label("", self)
        self.attach_button = button(self.tr("Attach the scanned document…"), self)
        self.save_button = button(self.tr("Save authority"), self, default=True)
        self.status = plain_label("", self)
        self._layout()
        self.attach_button.clicked.connect(self._choose_scan)
        self.save_button.clicked.connect(self.save)

    def _layout(self) -> None:
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(form_row(self.tr("Kind of authority"), self.kind, self), self.kind)
        for key, label in {**DATE_DETAILS, **TEXT_DETAILS}.items():
            edit = QLineEdit(self)
            edit.setMinimumHeight(BUTTON_HEIGHT)
            if key in DATE_DETAILS:
                edit.setPlaceholderText(self.tr("DD/MM/YYYY"))
                edit.textChanged.connect(lambda _t, k=key: self._check_date(k))
            self.edits[key] = edit
            self.errors[key] = InlineError(self)
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(edit)
            box.addWidget(self.errors[key])
            form.addRow(form_row(tr(label), edit, self), box)
        form.addRow(form_row(self.tr("Notes"), self.notes, self), self.notes)
        scan = QHBoxLayout()
        scan.addWidget(self.document_label, 1)
        scan.addWidget(self.attach_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("Your authority to act"), self, size=1.2))
        layout.addLayout(form)
        layout.addLayout(scan)
        layout.addLayout(bottom)

    def show_authority(
        self, person: Person, authority: Authority | None, document_name: str | None
    ) -> None:
        self.person = person
        details = authority.details if authority else {}
        self.kind.setCurrentIndex(
            max(0, self.kind.findData(authority.kind if authority else AUTHORITY_KINDS[0]))
        )
        for key, edit in self.edits.items():
            value = details.get(key, "")
            edit.setText(formatting.uk_date(value) if key in DATE_DETAILS and value else value)
            self.errors[key].clear_message()
        self.notes.setPlainText(details.get("notes", ""))
        self.document_id = authority.document_id if authority else None
        self.document_label.setText(
            self.tr("Scanned document: %1").replace("%1", document_name)
            if document_name
            else self.tr("No scanned document attached yet.")
        )
        self.status.clear()

    def details(self) -> tuple[dict[str, str], str | None]:
        """The details to save, and the first detail with a problem (None if all good)."""
        values: dict[str, str] = {}
        first_problem = None
        for key, edit in self.edits.items():
            text = edit.text().strip()
            if key in DATE_DETAILS and text:
                if not self._check_date(key):
                    first_problem = first_problem or key
                    continue
                text = check_date(text, key)
            values[key] = text
        values["notes"] = self.notes.toPlainText().strip()
        return values, first_problem

    def _check_date(self, key: str) -> bool:
        text = self.edits[key].text().strip()
        try:
            if text:
                check_date(text, key)
        except InvalidInput as error:
            self.errors[key].show_message(messages.invalid_input(key, error.reason))
            return False
        self.errors[key].clear_message()
        return True

    def save(self) -> None:
        if self.person is None:
            return
        values, problem = self.details()
        if problem is not None:
            self.edits[problem].setFocus()
            return
        person_id, kind, document_id = self.person.id, self.kind.currentData(), self.document_id
        self._context.runner.submit(
            lambda slot: slot.vault.people.set_authority(person_id, kind, values, document_id),
            self._saved,
            self._failed,
            owner=self,
        )

    def _saved(self, _authority: Any) -> None:
        self.status.setText(self.tr("Saved."))
        self.saved.emit()

    def _failed(self, error: BaseException) -> None:
        self.status.setText(messages.describe(error))

    def _choose_scan(self) -> None:
        self._context.dialogs.choose_open_path(
            self,
            self.tr("Attach the scanned document"),
            self.tr("Documents (*.pdf *.png *.jpg *.jpeg);;All files (*)"),
            self._attach,
        )

    def _attach(self, path: Path | None) -> None:
        if path is None or self.person is None:
            return
        person_id, kind = self.person.id, self.kind.currentData()
        values, _problem = self.details()

        def run(slot: VaultSlot) -> Any:
            added = slot.vault.documents.add_file(path, person_id)
            document_id = added.attachment.document.id
            clean = {k: v for k, v in values.items() if k not in DATE_DETAILS or _is_date(v)}
            slot.vault.people.set_authority(person_id, kind, clean, document_id)
            return added

        self._context.runner.submit(run, lambda _a: self.saved.emit(), self._failed, owner=self)


def _is_date(text: str) -> bool:
    try:
        check_date(text)
    except InvalidInput:
        return not text
    return True
