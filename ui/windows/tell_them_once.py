"""Tell them once: after a value changes, update every organisation holding the old one.

After the profile editor saves, :func:`find_stale` looks for organisations holding an older
version of what changed; if there are any, the vault view shows a :class:`StaleBanner`.
The page lists them (ticked), and "Prepare updates" makes a signed update packet and an
email draft for each ticked one; their old entries become "replaced by an update".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QListView,
    QVBoxLayout,
    QWidget,
)

from ui import formatting, messages
from ui.context import AppContext
from ui.ops import Operation, VaultSlot
from ui.packet_words import in_sentence
from ui.widgets import InlineError, button, heading, plain_label
from ui.windows.packet_result import PacketResult
from vault.catalogue import load_catalogue
from vault.ledger import LedgerEntry
from vault.model import Person
from vault.share import Shared

ENTRY = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Stale:
    """Organisations holding an old value of one field (entry None: an address, whichever
    entry they were sent) of one person."""

    person: Person
    key: str
    entry: int | None
    holders: list[LedgerEntry]

    def field_label(self) -> str:
        return load_catalogue().spec_for(self.key).label


@dataclass(frozen=True)
class PersonFields:
    people: list[Person]
    person: Person | None
    fields: list[tuple[str, int | None]]


# -- worker operations ---------------------------------------------------------------


def find_stale(person_id: int, changed: list[tuple[str, int | None]]) -> Operation:
    """The changed fields (or entries) that organisations hold an old value of."""

    def run(slot: VaultSlot) -> list[Stale]:
        from vault.errors import NotFound
        from vault.updates import stale_disclosures

        vault = slot.vault
        person = vault.people.get(person_id)
        found = []
        for key, entry in changed:
            try:
                holders = stale_disclosures(vault, person_id, key, entry)
            except NotFound:  # the entry was removed
                continue
            if holders:
                found.append(Stale(person, key, entry, holders))
        return found

    return run


def load_person_fields(person_id: int | None) -> Operation:
    def run(slot: VaultSlot) -> PersonFields:
        vault = slot.vault
        people = vault.people.all()
        person = next((p for p in people if p.id == person_id), people[0] if people else None)
        stored = vault.profiles.fields(person.id) if person else []
        return PersonFields(people, person, list(dict.fromkeys(map(what_changed, stored))))

    return run


def send_updates(packet_ids: list[str], folder: Path) -> Operation:
    def run(slot: VaultSlot) -> list[Shared]:
        from vault.share import send
        from vault.updates import prepare_update

        vault = slot.vault
        return [
            send(vault, prepare_update(vault, vault.ledger.get(packet_id)), folder)
            for packet_id in packet_ids
        ]

    return run


def banner_text(found: list[Stale]) -> str:
    """ "3 organisations have your old address — tell them now?"."""
    organisations = {e.organisation_id for stale in found for e in stale.holders}
    what = in_sentence(found[0].field_label()) if len({s.key for s in found}) == 1 else "details"
    whose = "your" if found[0].person.role == "owner" else f"{found[0].person.name}'s"
    count = len(organisations)
    noun = "organisation has" if count == 1 else "organisations have"
    return f"{count} {noun} {whose} old {what} — tell them now?"


# -- widgets -------------------------------------------------------------------------


class StaleBanner(QFrame):
    """A non-blocking notice across the vault view, with "Tell them now" and "Not now"."""

    tell = Signal(object)  # list[Stale]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.found: list[Stale] = []
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.label = plain_label("", self)
        font = QFont(self.label.font())
        font.setBold(True)
        self.label.setFont(font)
        self.tell_button = button(self.tr("Tell them now"), self, default=True)
        self.later_button = button(self.tr("Not now"), self)
        row = QHBoxLayout(self)
        row.addWidget(self.label, 1)
        row.addWidget(self.tell_button)
        row.addWidget(self.later_button)
        self.tell_button.clicked.connect(lambda: (self.hide(), self.tell.emit(self.found)))
        self.later_button.clicked.connect(self.hide)
        self.hide()

    def show_found(self, found: list[Stale]) -> None:
        self.found = found
        if found:
            self.label.setText(banner_text(found))
        self.setVisible(bool(found))


class TellThemOncePage(QWidget):
    status = Signal(str)
    sent = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._wanted: str | None = None  # the field to pick once loaded (field_id)
        self.person = QComboBox(self)
        self.person.setAccessibleName(self.tr("Person"))
        self.field = QComboBox(self)
        self.field.setAccessibleName(self.tr("Which detail changed"))
        self.find_button = button(self.tr("Find who has the old value"), self)
        self.summary = plain_label("", self)
        self.holders = QStandardItemModel(self)
        self.list = QListView(self)
        self.list.setModel(self.holders)
        self.list.setAccessibleName(self.tr("Organisations holding the old value"))
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.prepare_button = button(self.tr("Prepare updates"), self, default=True)
        self.error = InlineError(self)
        self.result = PacketResult(context, self)
        self._layout()
        self.person.activated.connect(lambda _i: self._load_fields(self.person.currentData()))
        self.find_button.clicked.connect(self._find)
        self.prepare_button.clicked.connect(self.prepare_updates)

    def _layout(self) -> None:
        picker = QHBoxLayout()
        picker.addWidget(plain_label(self.tr("Whose"), self, wrap=False))
        picker.addWidget(self.person, 1)
        picker.addWidget(plain_label(self.tr("What changed"), self, wrap=False))
        picker.addWidget(self.field, 1)
        picker.addWidget(self.find_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Tell them once"), self, size=1.3))
        layout.addWidget(
            plain_label(
                self.tr(
                    "When a detail changes — you moved house, a new phone number — Pont finds "
                    "every organisation you sent the old value to and makes a signed update "
                    "for each."
                ),
                self,
            )
        )
        layout.addLayout(picker)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.prepare_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.result)

    # -- choosing the field ------------------------------------------------------------

    def start(self, person_id: int | None = None) -> None:
        self._load_fields(person_id if person_id is not None else self.person.currentData())

    def _load_fields(self, person_id: int | None) -> None:
        self._context.runner.submit(
            load_person_fields(person_id), self._fields_loaded, self._failed, owner=self
        )

    def _fields_loaded(self, loaded: PersonFields) -> None:
        self.person.clear()
        for person in loaded.people:
            self.person.addItem(person.name, person.id)
        if loaded.person is not None:
            self.person.setCurrentIndex(self.person.findData(loaded.person.id))
        catalogue = load_catalogue()
        self.field.clear()
        for key, entry in loaded.fields:
            spec = catalogue.spec_for(key)
            label = spec.label
            if entry is not None and spec.repeatable:
                label = self.tr("%1 (entry %2)").replace("%1", label).replace("%2", str(entry + 1))
            self.field.addItem(label, field_id(key, entry))
        self._select_field()

    def _select_field(self) -> None:
        if self._wanted is not None:
            index = self.field.findData(self._wanted)
            if index >= 0:
                self.field.setCurrentIndex(index)

    def _find(self) -> None:
        person_id, chosen = self.person.currentData(), self.field.currentData()
        if person_id is None or chosen is None:
            return
        key, _, entry = str(chosen).rpartition("@")
        which = int(entry) if entry else None
        self._context.runner.submit(
            find_stale(person_id, [(key, which)]), self.show_stale, self._failed, owner=self
        )

    # -- the organisations ---------------------------------------------------------------

    def show_stale(self, found: list[Stale]) -> None:
        self.holders.clear()
        self.result.hide()
        self.error.clear_message()
        for stale in found:
            for held in stale.holders:
                self.holders.appendRow(self._item(stale, held))
        if found:
            self.summary.setText(banner_text(found).replace(" — tell them now?", "."))
            self._select(found[0])
        else:
            self.summary.setText(self.tr("Nobody holds an old version of this. Nothing to do."))
        self.prepare_button.setEnabled(bool(found))

    def _select(self, stale: Stale) -> None:
        index = self.person.findData(stale.person.id)
        if index >= 0:
            self.person.setCurrentIndex(index)
        self._wanted = field_id(stale.key, stale.entry)
        self._select_field()

    @staticmethod
    def _item(stale: Stale, held: LedgerEntry) -> QStandardItem:
        text = (
            f"{held.organisation_name} — {stale.field_label()} sent on "
            f"{formatting.when(held.issued_at)} for: {held.purpose}"
        )
        item = QStandardItem(text)
        item.setEditable(False)
        item.setCheckable(True)
        item.setCheckState(Qt.CheckState.Checked)
        item.setData(held.packet_id, ENTRY)
        return item

    def ticked(self) -> list[str]:
        return [
            self.holders.item(row).data(ENTRY)
            for row in range(self.holders.rowCount())
            if self.holders.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_ticked(self, row: int, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        self.holders.item(row).setCheckState(state)

    def prepare_updates(self) -> None:
        packet_ids = self.ticked()
        if not packet_ids:
            self.error.show_message(self.tr("Please tick at least one organisation"))
            return
        self.prepare_button.setEnabled(False)
        folder = self._context.settings.packet_folder()
        self._context.runner.submit(
            send_updates(packet_ids, folder), self._updates_made, self._failed, owner=self
        )

    def _updates_made(self, made: list[Shared]) -> None:
        self.holders.clear()
        self.summary.setText("")
        words = (
            self.tr("1 update made. Open the email draft to send it.")
            if len(made) == 1
            else self.tr("%1 updates made. Open each email draft to send it.").replace(
                "%1", str(len(made))
            )
        )
        self.result.show_packets(made, words)
        self.status.emit(self.tr("Updates made."))
        self.sent.emit()

    def _failed(self, error: BaseException) -> None:
        self.prepare_button.setEnabled(True)
        self.error.show_message(messages.describe(error))


def field_id(key: str, entry: int | None) -> str:
    """One string for a field (entry), as combo box data (field keys never hold "@")."""
    return f"{key}@{'' if entry is None else entry}"


def what_changed(change: Any) -> tuple[str, int | None]:
    """What a change is a change of: an address as a whole (a move changes two entries),
    else the one entry."""
    spec = load_catalogue().spec_for(change.key)
    return (change.key, None if spec.succession else change.entry)


def changed_entries(changes: list[Any]) -> list[tuple[str, int | None]]:
    """The fields (entries) of saved changes that changed a value (not removals)."""
    return list(
        dict.fromkeys(
            what_changed(c)
            for c in changes
            if getattr(c, "changed", False) and not getattr(c, "removed", False)
        )
    )
