"""The people in the vault: the owner and the relatives they look after."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QListView, QScrollArea, QVBoxLayout, QWidget

from ui import formatting, messages
from ui.context import AppContext
from ui.models import RECORD, people_model
from ui.ops import VaultSlot
from ui.widgets import BUTTON_HEIGHT, InlineError, button, heading, plain_label
from ui.windows.authority import AuthorityForm
from vault.model import Attachment, Authority, Person

EXPIRY_WARNING_DAYS = 30


@dataclass(frozen=True)
class PeopleSnapshot:
    people: list[Person]
    expiring: list[tuple[Person, str, str]]
    today: dt.date


@dataclass(frozen=True)
class PersonDetail:
    person: Person
    authority: Authority | None
    attachments: list[Attachment]


def load_people(slot: VaultSlot) -> PeopleSnapshot:
    vault = slot.vault
    today = vault.env.clock().date()
    return PeopleSnapshot(
        vault.people.all(), vault.people.expiring_authorities(EXPIRY_WARNING_DAYS, today), today
    )


def expiry_text(snapshot: PeopleSnapshot) -> str:
    """The banner text for codes that expire within 30 days or have expired."""
    lines = []
    for person, detail, when in snapshot.expiring:
        what = "access code" if detail == "access_code_expires" else "activation key"
        days = (dt.date.fromisoformat(when) - snapshot.today).days
        if days < 0:
            lines.append(f"The {what} for {person.name} expired on {formatting.uk_date(when)}.")
        else:
            lines.append(
                f"The {what} for {person.name} expires on {formatting.uk_date(when)} "
                f"(in {days} days). Get a new one from the Office of the Public Guardian."
            )
    return "\n".join(lines)


class PeoplePage(QWidget):
    open_record = Signal(object)  # Person
    changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.model = people_model(self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setAccessibleName(self.tr("People"))
        self.list.setMaximumWidth(280)
        self.new_name = QLineEdit(self)
        self.new_name.setMinimumHeight(BUTTON_HEIGHT)
        self.new_name.setPlaceholderText(self.tr("Name of someone you look after"))
        self.new_name.setAccessibleName(self.tr("Name of the new relative"))
        self.add_button = button(self.tr("Add relative"), self)
        self.add_error = InlineError(self)
        self.detail = self._detail_panel()
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(heading(self.tr("People"), self, size=1.3))
        left.addWidget(self.list, 1)
        left.addWidget(self.new_name)
        left.addWidget(self.add_error)
        left.addWidget(self.add_button)
        layout.addLayout(left)
        layout.addWidget(self.detail, 1)
        self.add_button.clicked.connect(self.add_relative)
        self.new_name.returnPressed.connect(self.add_relative)
        self.list.selectionModel().currentChanged.connect(
            lambda current, _prev: self._selected(current)
        )
        self.list.activated.connect(lambda index: self.open_record.emit(index.data(RECORD)))

    def _detail_panel(self) -> QScrollArea:
        inner = QWidget(self)
        self.name = QLineEdit(inner)
        self.name.setMinimumHeight(BUTTON_HEIGHT)
        self.name.setAccessibleName(self.tr("Name"))
        self.rename_button = button(self.tr("Save name"), inner)
        self.name_error = InlineError(inner)
        self.open_button = button(self.tr("Open record"), inner, default=True)
        self.authority = AuthorityForm(self._context, inner)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name, 1)
        name_row.addWidget(self.rename_button)
        column = QVBoxLayout(inner)
        column.addWidget(plain_label(self.tr("Name"), inner))
        column.addLayout(name_row)
        column.addWidget(self.name_error)
        column.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addSpacing(12)
        column.addWidget(self.authority)
        column.addStretch(1)
        self.rename_button.clicked.connect(self.rename)
        self.open_button.clicked.connect(self._open_current)
        self.authority.saved.connect(self._authority_saved)
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setWidget(inner)
        inner.setEnabled(False)
        return area

    # -- loading -------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        self._context.runner.submit(load_people, lambda s: self._loaded(s, select_id), owner=self)

    def _loaded(self, snapshot: PeopleSnapshot, select_id: int | None) -> None:
        current = self.current_person()
        wanted = select_id if select_id is not None else (current.id if current else None)
        self.model.reset(snapshot.people)
        rows = [i for i, p in enumerate(snapshot.people) if p.id == wanted] or [0]
        if snapshot.people:
            self.list.setCurrentIndex(self.model.index(rows[0]))

    def current_person(self) -> Person | None:
        index = self.list.currentIndex()
        return index.data(RECORD) if index.isValid() else None

    def _selected(self, index: Any) -> None:
        person = index.data(RECORD) if index.isValid() else None
        self.detail.widget().setEnabled(person is not None)
        if person is None:
            return
        self.name.setText(person.name)
        self.name_error.clear_message()
        self.authority.setVisible(person.role == "relative")
        person_id = person.id

        def run(slot: VaultSlot) -> PersonDetail:
            vault = slot.vault
            return PersonDetail(
                vault.people.get(person_id),
                vault.people.authority(person_id),
                vault.documents.attachments(person_id),
            )

        self._context.runner.submit(run, self._detail_loaded, owner=self)

    def _detail_loaded(self, detail: PersonDetail) -> None:
        if detail.person.role != "relative":
            return
        authority = detail.authority
        names = {a.document.id: a.name for a in detail.attachments}
        document = names.get(authority.document_id) if authority and authority.document_id else None
        self.authority.show_authority(detail.person, authority, document)

    # -- changes -------------------------------------------------------------------

    def focus_new_relative(self) -> None:
        self.new_name.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def add_relative(self) -> None:
        name = self.new_name.text()
        self._context.runner.submit(
            lambda slot: slot.vault.people.add(name, "relative"),
            self._added,
            lambda error: self._show(self.add_error, self.new_name, error),
            owner=self,
        )

    def _added(self, change: Any) -> None:
        self.new_name.clear()
        self.add_error.clear_message()
        self.reload(select_id=change.person.id)
        self.changed.emit()
        self.authority.kind.setFocus()

    def rename(self) -> None:
        person = self.current_person()
        if person is None:
            return
        name, person_id = self.name.text(), person.id
        self._context.runner.submit(
            lambda slot: slot.vault.people.rename(person_id, name),
            lambda change: (self.reload(select_id=change.person.id), self.changed.emit()),
            lambda error: self._show(self.name_error, self.name, error),
            owner=self,
        )

    def _show(self, where: InlineError, field: QLineEdit, error: BaseException) -> None:
        where.show_message(messages.describe(error))
        field.setFocus()
        field.selectAll()

    def _open_current(self) -> None:
        person = self.current_person()
        if person is not None:
            self.open_record.emit(person)

    def _authority_saved(self) -> None:
        self.changed.emit()
        person = self.current_person()
        self.reload(select_id=person.id if person else None)
