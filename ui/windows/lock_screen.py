"""Everything shown while no vault is open: welcome, create, recovery key, unlock.

Each page is built the first time it is needed (P11): a start shows the unlock page (or
the welcome page) alone, and the create, recovery key and recovery pages — with
``ui.windows.create_vault`` — are made only when the person goes there.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from ui import backup_flow
from ui.context import AppContext, looks_like_vault
from ui.vault_access import Made, Opened

if TYPE_CHECKING:
    from ui.windows.create_vault import CreatePage, RecoveryKeyPage
    from ui.windows.unlock import RecoveryUnlockPage, UnlockPage, WelcomePage

CONTENT_WIDTH = 560


class LockScreen(QWidget):
    """A centred column of pages; ``opened`` fires when a vault is open and ready."""

    opened = Signal(object)  # Opened
    first_painted = Signal()  # once, from the first paint event (the app starts warm-up then)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.folder = Path()
        self.stack = QStackedWidget(self)
        self.stack.setMaximumWidth(CONTENT_WIDTH)
        self._welcome: WelcomePage | None = None
        self._create: CreatePage | None = None
        self._recovery_key: RecoveryKeyPage | None = None
        self._unlock: UnlockPage | None = None
        self._recovery: RecoveryUnlockPage | None = None
        self._made: Made | None = None
        self._painted = False
        column = QVBoxLayout()  # the page at the top of a centred column
        column.addWidget(self.stack)
        column.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(column, 3)
        layout.addStretch(1)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    # -- the pages, each made (and connected) on first use --------------------------

    @property
    def welcome(self) -> WelcomePage:
        if self._welcome is None:
            from ui.windows.unlock import WelcomePage

            page = self._welcome = WelcomePage(self)
            page.create_requested.connect(lambda: self.show_create(self.folder))
            page.open_requested.connect(self.choose_vault_folder)
            self.stack.addWidget(page)
        return self._welcome

    @property
    def create(self) -> CreatePage:
        if self._create is None:
            from ui.windows.create_vault import CreatePage

            page = self._create = CreatePage(self._context, self)
            page.created.connect(self._created)
            page.cancelled.connect(lambda: self.show_for(self.folder))
            self.stack.addWidget(page)
        return self._create

    @property
    def recovery_key(self) -> RecoveryKeyPage:
        if self._recovery_key is None:
            from ui.windows.create_vault import RecoveryKeyPage

            page = self._recovery_key = RecoveryKeyPage(self._context, self)
            page.finished.connect(self._recovery_key_stored)
            self.stack.addWidget(page)
        return self._recovery_key

    @property
    def unlock(self) -> UnlockPage:
        if self._unlock is None:
            from ui.windows.unlock import UnlockPage

            page = self._unlock = UnlockPage(self._context, self)
            page.unlocked.connect(self._opened)
            page.recovery_requested.connect(self._show_recovery)
            page.restore_requested.connect(self._restore)
            page.other_vault_requested.connect(self.choose_vault_folder)
            page.folder_chosen.connect(self.show_for)
            self.stack.addWidget(page)
        return self._unlock

    @property
    def recovery(self) -> RecoveryUnlockPage:
        if self._recovery is None:
            from ui.windows.unlock import RecoveryUnlockPage

            page = self._recovery = RecoveryUnlockPage(self._context, self)
            page.unlocked.connect(self._opened)
            page.cancelled.connect(lambda: self.show_for(self.folder))
            self.stack.addWidget(page)
        return self._recovery

    # -- moving between pages ---------------------------------------------------------

    def show_for(self, folder: Path, note: str = "") -> None:
        """The unlock page if ``folder`` holds a vault, else the welcome page."""
        self.folder = folder
        if looks_like_vault(folder):
            self.stack.setCurrentWidget(self.unlock)
            self.unlock.start(folder, note)
        else:
            self.welcome.note.setText(note)
            self.stack.setCurrentWidget(self.welcome)
            self.welcome.create_button.setFocus()

    def show_create(self, folder: Path) -> None:
        self.folder = folder
        self.stack.setCurrentWidget(self.create)
        self.create.start(folder)

    def choose_vault_folder(self) -> None:
        self._context.dialogs.choose_folder(
            self, self.tr("Choose the folder your vault is in"), self._folder_chosen
        )

    def choose_new_vault_folder(self) -> None:
        self._context.dialogs.choose_folder(
            self, self.tr("Choose an empty folder for the new vault"), self._new_folder_chosen
        )

    def _folder_chosen(self, folder: Path | None) -> None:
        if folder is None:
            return
        if looks_like_vault(folder):
            self.show_for(folder)
        else:
            self.show_for(self.folder)
            self._context.dialogs.show_error(
                self, self.tr("There is no vault in that folder. You can create a new one.")
            )

    def _new_folder_chosen(self, folder: Path | None) -> None:
        if folder is None:
            return
        if looks_like_vault(folder):
            self._context.dialogs.show_error(
                self, self.tr("There is already a vault in that folder. Nothing was overwritten.")
            )
            return
        self.show_create(folder)

    def _created(self, made: Made) -> None:
        self._made = made
        self.folder = made.opened.folder
        self.stack.setCurrentWidget(self.recovery_key)
        self.recovery_key.show_key(made)
        self.recovery_key.save_button.setFocus()

    def _recovery_key_stored(self) -> None:
        made, self._made = self._made, None
        if made is not None:
            self._opened(made.opened)

    def _show_recovery(self) -> None:
        self.stack.setCurrentWidget(self.recovery)
        self.recovery.start(self.folder)

    def _restore(self) -> None:
        backup_flow.restore(self, self._context, self.folder, self._opened)

    def _opened(self, opened: Opened) -> None:
        settings = self._context.settings
        settings.add_recent_vault(opened.folder)
        settings.set_remembered(opened.folder, opened.remembered)
        self.opened.emit(opened)
