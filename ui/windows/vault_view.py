"""What an unlocked vault shows: a navigation sidebar and one page per part of Pont.

Pages for packets (share, ledger, tell them once, verify) are being built separately;
they slot in as more entries of the sidebar. The whole view is thrown away on lock, so
no widget keeps record data once the vault is closed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import messages
from ui.context import AppContext
from ui.icons import icon
from ui.vault_access import Opened
from ui.widgets import Banner, InlineError, button, heading, plain_label
from ui.windows.people import PeoplePage, PeopleSnapshot, expiry_text, load_people
from ui.windows.profile import ProfilePage
from ui.windows.settings_page import SettingsPage
from vault.model import Person

COMING_SOON = ("Share…", "Who knows what", "Tell them once", "Verify a packet")


class OwnerPage(QWidget):
    """A new vault's first question: whose vault is it?"""

    named = Signal(object)  # PersonChanged

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Your full name"))
        self.name.setMinimumHeight(36)
        self.error = InlineError(self)
        self.continue_button = button(self.tr("Continue"), self, default=True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Whose vault is this?"), self))
        layout.addWidget(
            plain_label(
                self.tr("Type your full name. You can add people you look after next."), self
            )
        )
        layout.addWidget(self.name)
        layout.addWidget(self.error)
        layout.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)
        self.continue_button.clicked.connect(self.submit)
        self.name.returnPressed.connect(self.submit)

    def submit(self) -> None:
        name = self.name.text()
        self._context.runner.submit(
            lambda slot: slot.vault.people.add(name, "owner"),
            self.named.emit,
            lambda error: (self.error.show_message(messages.describe(error)), self.name.setFocus()),
            owner=self,
        )


class VaultView(QWidget):
    status = Signal(str)
    restored = Signal(object)  # Opened

    def __init__(self, context: AppContext, opened: Opened, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.opened = opened
        self.banner = Banner(self)
        self.demo_banner = Banner(self)
        if context.demo is not None:
            self.demo_banner.show_text(
                self.tr(
                    "This is a demo with made-up people. Everything is deleted when you quit Pont."
                )
            )
        self.nav = QListWidget(self)
        self.nav.setAccessibleName(self.tr("Sections"))
        self.nav.setMaximumWidth(200)
        self.pages = QStackedWidget(self)
        self.profile = ProfilePage(context, self)
        self.people = PeoplePage(context, self)
        self.settings = SettingsPage(context, opened, self)
        self.owner_page = OwnerPage(context, self)
        self._add_section(self.tr("Record"), "person", self.profile)
        self._add_section(self.tr("People"), "person", self.people)
        self._add_section(self.tr("Settings"), "settings", self.settings)
        self._add_coming_soon()
        self.pages.addWidget(self.owner_page)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_banner)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        self._connect()

    def _add_section(self, label: str, icon_name: str, page: QWidget) -> None:
        item = QListWidgetItem(icon(icon_name), label)
        item.setData(Qt.ItemDataRole.UserRole, self.pages.addWidget(page))
        self.nav.addItem(item)

    def _add_coming_soon(self) -> None:
        for label in COMING_SOON:
            item = QListWidgetItem(self.tr(label))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            item.setToolTip(self.tr("Coming soon"))
            self.nav.addItem(item)

    def _connect(self) -> None:
        self.nav.currentItemChanged.connect(self._section_chosen)
        self.people.open_record.connect(self.open_record)
        self.people.changed.connect(self.refresh_people)
        self.profile.changed.connect(self.refresh_people)
        self.profile.status.connect(self.status)
        self.settings.status.connect(self.status)
        self.settings.restored.connect(self.restored)
        self.owner_page.named.connect(lambda change: self._owner_named(change.person))

    def start(self) -> None:
        self._context.runner.submit(load_people, self._people_loaded, owner=self)

    def _people_loaded(self, snapshot: PeopleSnapshot) -> None:
        self.banner.show_text(expiry_text(snapshot))
        owner = next((p for p in snapshot.people if p.role == "owner"), None)
        if owner is None:
            self.nav.setEnabled(False)
            self.pages.setCurrentWidget(self.owner_page)
            self.owner_page.name.setFocus()
            return
        self.people.reload(select_id=owner.id)
        self.open_record(owner)

    def _owner_named(self, owner: Person) -> None:
        self.nav.setEnabled(True)
        self.people.reload(select_id=owner.id)
        self.open_record(owner)

    def refresh_people(self) -> None:
        self._context.runner.submit(
            load_people, lambda s: self.banner.show_text(expiry_text(s)), owner=self
        )

    def open_record(self, person: Person) -> None:
        self.profile.show_person(person)
        self.show_section(self.profile)

    def show_section(self, page: QWidget) -> None:
        index = self.pages.indexOf(page)
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == index:
                self.nav.setCurrentRow(row)
        self.pages.setCurrentWidget(page)

    def _section_chosen(self, item: Any, _previous: Any) -> None:
        if item is not None and item.data(Qt.ItemDataRole.UserRole) is not None:
            self.pages.setCurrentIndex(int(item.data(Qt.ItemDataRole.UserRole)))

    def find(self) -> None:
        self.show_section(self.profile)
        self.profile.focus_search()

    def add_relative(self) -> None:
        self.show_section(self.people)
        self.people.focus_new_relative()
