"""What an unlocked vault shows: a navigation sidebar and one page per part of Pont.

Record and people; then the packet pages: share, who knows what, tell them once, and
verify. The whole view is thrown away on lock, so no widget keeps record data once the
vault is closed.
"""

from __future__ import annotations

from pathlib import Path
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
from ui.windows.ledger import LedgerPage
from ui.windows.people import PeoplePage, PeopleSnapshot, expiry_text, load_people
from ui.windows.profile import ProfilePage
from ui.windows.settings_page import SettingsPage
from ui.windows.share_wizard import ShareWizard
from ui.windows.tell_them_once import StaleBanner, TellThemOncePage, changed_entries, find_stale
from ui.windows.verify import VerifyPage
from vault.model import Person


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
        self._pending_credential: Path | None = None
        self.banner = Banner(self)
        self.stale_banner = StaleBanner(self)
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
        self.share = ShareWizard(context, self)
        self.ledger = LedgerPage(context, self)
        self.tell = TellThemOncePage(context, self)
        self.verify = VerifyPage(context, self)
        self._add_section(self.tr("Record"), "person", self.profile)
        self._add_section(self.tr("People"), "person", self.people)
        self._add_section(self.tr("Share…"), "document", self.share)
        self._add_section(self.tr("Who knows what"), "document", self.ledger)
        self._add_section(self.tr("Tell them once"), "document", self.tell)
        self._add_section(self.tr("Verify a packet"), "lock", self.verify)
        self._add_section(self.tr("Settings"), "settings", self.settings)
        self.pages.addWidget(self.owner_page)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_banner)
        layout.addWidget(self.banner)
        layout.addWidget(self.stale_banner)
        layout.addLayout(body, 1)
        self._connect()

    def _add_section(self, label: str, icon_name: str, page: QWidget) -> None:
        item = QListWidgetItem(icon(icon_name), label)
        item.setData(Qt.ItemDataRole.UserRole, self.pages.addWidget(page))
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
        self._connect_packets()

    def _connect_packets(self) -> None:
        self.profile.saved.connect(self._check_stale)
        self.stale_banner.tell.connect(self._tell_them)
        self.share.add_field.connect(self._add_field)
        self.share.see_ledger.connect(lambda: self.show_section(self.ledger))
        self.tell.sent.connect(lambda: self.stale_banner.hide())
        for page in (self.share, self.ledger, self.tell):
            page.status.connect(self.status)

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
        self.share.start()

    def _owner_named(self, owner: Person) -> None:
        self.nav.setEnabled(True)
        self.people.reload(select_id=owner.id)
        self.open_record(owner)
        self.share.start()

    def refresh_people(self) -> None:
        self._context.runner.submit(
            load_people, lambda s: self.banner.show_text(expiry_text(s)), owner=self
        )
        if self.share.stack.currentWidget() is self.share.request_step:
            self.share.start()

    def open_record(self, person: Person) -> None:
        self.profile.show_person(person)
        self.show_section(self.profile)
        if self._pending_credential is not None:
            path, self._pending_credential = self._pending_credential, None
            self.profile.import_credential(path)

    def show_section(self, page: QWidget) -> None:
        index = self.pages.indexOf(page)
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == index:
                self.nav.setCurrentRow(row)  # enters the page through _section_chosen
        self.pages.setCurrentWidget(page)

    def _section_chosen(self, item: Any, _previous: Any) -> None:
        if item is not None and item.data(Qt.ItemDataRole.UserRole) is not None:
            self.pages.setCurrentIndex(int(item.data(Qt.ItemDataRole.UserRole)))
            self._entered(self.pages.currentWidget())

    def _entered(self, page: QWidget) -> None:
        """Packet pages read the vault afresh each time they are shown."""
        if page is self.ledger:
            self.ledger.start()
        elif page is self.tell and self.tell.person.count() == 0:
            self.tell.start()

    # -- packets -------------------------------------------------------------------

    def show_share(self) -> None:
        self.show_section(self.share)

    def share_request_file(self, path: Path) -> None:
        self.show_section(self.share)
        self.share.open_request_file(path)

    def verify_file(self, path: Path | None = None) -> None:
        self.show_section(self.verify)
        if path is not None:
            self.verify.check(path)

    def import_credential(self, path: Path | None) -> None:
        """A confirmation is kept for the person whose record is open (the owner's, when
        it comes before any record is: a file the app was opened with)."""
        self.show_section(self.profile)
        if self.profile.person is None:
            self._pending_credential = path
            return
        self.profile.import_credential(path)

    def _check_stale(self, person_id: int, changes: list[Any]) -> None:
        changed = changed_entries(changes)
        if changed:
            self._context.runner.submit(
                find_stale(person_id, changed), self.stale_banner.show_found, owner=self
            )

    def _tell_them(self, found: list[Any]) -> None:
        self.show_section(self.tell)
        self.tell.start(found[0].person.id)
        self.tell.show_stale(found)

    def _add_field(self, person: Person, key: str) -> None:
        self.profile.show_field(person, key)
        self.show_section(self.profile)

    def find(self) -> None:
        self.show_section(self.profile)
        self.profile.focus_search()

    def add_relative(self) -> None:
        self.show_section(self.people)
        self.people.focus_new_relative()
