"""The main window: the lock screen or the open vault, menus, status bar, locking.

The menus' items are made after the lock screen's first paint, and the Qt classes only
they use (``QtGui.QKeySequence``, ``QtGui.QAction``) are looked up then, not imported:
PySide builds a class on its first lookup, and those two cost the first paint ~2 ms (P11).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtGui
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMenu,
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from ui import backup_flow, drops, messages, vault_access
from ui import settings as keys
from ui.context import AppContext
from ui.first_paint import after_first_paint
from ui.safety import IdleWatcher, ScreenLockWatcher
from ui.vault_access import Opened, warm_up
from ui.windows.lock_screen import LockScreen

if TYPE_CHECKING:  # the vault view loads the packet pages, and they the crypto (P11)
    from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence

    from ui.windows.vault_view import VaultView

USER_GUIDE = "https://example.org/pont/guide"  # placeholder until docs/user-guide.md is published


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Pont")
        self.setMinimumSize(820, 560)
        self.stack = QStackedWidget(self)
        self.lock_screen = LockScreen(context, self)
        self.stack.addWidget(self.lock_screen)
        self.setCentralWidget(self.stack)
        self.vault_view: VaultView | None = None
        self.verify_window: QMainWindow | None = None
        self._quitting = False
        self.setAcceptDrops(True)
        self.idle = IdleWatcher(context.settings.auto_lock_ms, self)
        self.screen = ScreenLockWatcher(self)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName(self.tr("Working"))
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        self._vault_actions: list[QAction] = []
        self._menus = self._menu_titles()
        self._connect()
        after_first_paint(self.lock_screen.first_painted, self.on_screen)
        geometry = context.settings.get(keys.GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1000, 700)

    def _connect(self) -> None:
        runner = self.context.runner
        runner.busy_changed.connect(self.busy.setVisible)
        runner.unexpected_error.connect(
            lambda error: self.context.dialogs.show_error(self, messages.describe(error))
        )
        self.lock_screen.opened.connect(self.vault_opened)
        self.idle.idle.connect(lambda: self.lock(explicit=False))
        if self.context.watch_screen_lock:
            self.screen.screen_locked.connect(self._screen_locked)

    def on_screen(self) -> None:
        """What waits until the lock screen has painted (P11): the worker loads the storage
        and crypto libraries, the menus get their items and shortcuts, and the window
        listens for the desktop's screen lock (connecting to D-Bus takes a few ms)."""
        self.context.runner.submit(warm_up())
        self._fill_menus()
        if self.context.watch_screen_lock:
            self.screen.start()

    # -- menus ---------------------------------------------------------------------

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
        vault: bool = False,
    ) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        # setShortcuts: a standard key gets every binding the platform has for it; and
        # unlike setShortcut it does not build PySide's whole Qt namespace (P11)
        if isinstance(shortcut, QtGui.QKeySequence):
            action.setShortcuts([shortcut])
        elif shortcut is not None:
            action.setShortcuts(shortcut)
        if vault:
            self._vault_actions.append(action)
        return action

    def _menu_titles(self) -> dict[str, QMenu]:
        """The menu bar as it first shows: the titles, so nothing moves when items arrive."""
        bar = self.menuBar()
        return {
            "file": bar.addMenu(self.tr("&File")),
            "edit": bar.addMenu(self.tr("&Edit")),
            "person": bar.addMenu(self.tr("&Person")),
            "share": bar.addMenu(self.tr("&Share")),
            "help": bar.addMenu(self.tr("&Help")),
        }

    def _fill_menus(self) -> None:
        shortcut, standard = QtGui.QKeySequence, QtGui.QKeySequence.StandardKey
        role = QtGui.QAction.MenuRole
        file, edit, person, share, help_menu = self._menus.values()
        self._action(file, self.tr("&New vault…"), self._new_vault)
        self._action(file, self.tr("&Open vault…"), self._open_vault, standard.Open)
        self.recent_menu = file.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file.addSeparator()
        self._action(file, self.tr("&Share…"), self.share, shortcut("Ctrl+Shift+S"), vault=True)
        self._action(file, self.tr("&Verify a packet…"), lambda: self.verify_packet())
        file.addSeparator()
        self._action(
            file,
            self.tr("&Back up now…"),
            lambda: backup_flow.back_up_now(self, self.context, self.show_status),
            vault=True,
        )
        self._action(file, self.tr("&Restore from a backup…"), self._restore)
        self._action(
            file,
            self.tr("&Export everything…"),
            lambda: backup_flow.export_everything(self, self.context, self.show_status),
            vault=True,
        )
        file.addSeparator()
        self.lock_action = self._action(
            file,
            self.tr("&Lock"),
            lambda: self.lock(explicit=True),
            shortcut("Ctrl+L"),
            vault=True,
        )
        quit_action = self._action(file, self.tr("&Quit"), self.close, standard.Quit)
        quit_action.setMenuRole(role.QuitRole)
        self._action(edit, self.tr("&Find"), self._find, standard.Find, vault=True)
        self._action(edit, self.tr("&Copy"), self._copy, standard.Copy)
        self._action(
            person,
            self.tr("&Add relative…"),
            self._add_relative,
            shortcut("Ctrl+N"),
            vault=True,
        )
        self._action(
            person, self.tr("Add a &confirmation…"), lambda: self.import_credential(), vault=True
        )
        self._action(share, self.tr("Share…"), self.share, vault=True)
        self._action(share, self.tr("&Who knows what"), lambda: self._section("ledger"), vault=True)
        self._action(share, self.tr("&Tell them once"), lambda: self._section("tell"), vault=True)
        self._action(help_menu, self.tr("User &guide"), self._guide, standard.HelpContents)
        about = self._action(help_menu, self.tr("&About Pont"), self._about)
        about.setMenuRole(role.AboutRole)
        about_qt = self._action(help_menu, self.tr("About &Qt"), QApplication.aboutQt)
        about_qt.setMenuRole(role.AboutQtRole)
        self._set_vault_actions(self.vault_view is not None)

    def _set_vault_actions(self, enabled: bool) -> None:
        for action in self._vault_actions:
            action.setEnabled(enabled)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for folder in self.context.settings.recent_vaults():
            action = self.recent_menu.addAction(str(folder))
            action.triggered.connect(lambda _checked=False, f=folder: self._switch_to(f))
        self.recent_menu.setEnabled(True)

    # -- opening and locking ---------------------------------------------------------

    def show_lock_screen(self, folder: Path, note: str = "") -> None:
        self.stack.setCurrentWidget(self.lock_screen)
        self.lock_screen.show_for(folder, note)

    def vault_opened(self, opened: Opened) -> None:
        from ui.windows.vault_view import VaultView

        self._drop_vault_view()
        view = VaultView(self.context, opened, self)
        view.status.connect(self.show_status)
        view.restored.connect(self.vault_opened)
        self.vault_view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        self._set_vault_actions(True)
        self.idle.start()
        view.start()

    def lock(self, *, explicit: bool) -> None:
        view = self.vault_view
        if view is None:
            return
        valid, invalid = view.profile.pending_edits()
        if explicit and (valid or invalid):
            self.context.dialogs.confirm(
                self,
                self.tr("Lock Pont"),
                self.tr("Save changes before locking?"),
                self.tr("Save and lock"),
                lambda yes: yes and self._lock_now(),
            )
            return
        self._lock_now()

    def _lock_now(self) -> None:
        view = self.vault_view
        if view is None:
            return
        valid, invalid = view.profile.pending_edits()
        person = view.profile.person
        save = None
        if valid and person is not None:
            from ui.windows.profile import apply_edits  # loaded already: the view shows it

            person_id = person.id
            save = lambda vault: apply_edits(vault, person_id, valid)  # noqa: E731
        folder = view.opened.folder
        self.context.runner.submit(vault_access.lock(save, self._backup_folder()))
        self.context.clipboard.clear_if_ours()
        self.idle.stop()
        self._drop_vault_view()
        note = ""
        if invalid:
            note = self.tr("Not saved, because it had a problem: %1").replace(
                "%1", ", ".join(invalid)
            )
        if self.context.demo is not None:
            note = (note + "\n" if note else "") + self.tr("Demo passphrase: %1").replace(
                "%1", self.context.demo.passphrase
            )
        self.show_lock_screen(folder, note)

    def _backup_folder(self) -> Path | None:
        folder = self.context.settings.get(keys.BACKUP_FOLDER)
        return Path(folder) if folder and self.context.demo is None else None

    def _drop_vault_view(self) -> None:
        self._set_vault_actions(False)
        if self.vault_view is not None:
            self.stack.removeWidget(self.vault_view)
            self.vault_view.hide()
            self.vault_view.deleteLater()
            self.vault_view = None

    def _screen_locked(self) -> None:
        if self.context.settings.get(keys.LOCK_ON_SCREEN_LOCK):
            self.lock(explicit=False)

    def _switch_to(self, folder: Path) -> None:
        if self.vault_view is not None:
            self._lock_now()
        self.show_lock_screen(folder)

    def _new_vault(self) -> None:
        if self.vault_view is not None:
            self._lock_now()
        self.lock_screen.choose_new_vault_folder()

    def _open_vault(self) -> None:
        if self.vault_view is not None:
            self._lock_now()
        self.lock_screen.choose_vault_folder()

    def _restore(self) -> None:
        folder = self.vault_view.opened.folder if self.vault_view else self.lock_screen.folder
        backup_flow.restore(self, self.context, folder, self.vault_opened)

    # -- packets -------------------------------------------------------------------

    def share(self) -> None:
        if self.vault_view is not None:
            self.vault_view.show_share()

    def _section(self, name: str) -> None:
        if self.vault_view is not None:
            self.vault_view.show_section(getattr(self.vault_view, name))

    def verify_packet(self, path: Path | None = None) -> None:
        """Verify in the vault view when one is open, else in a window of its own."""
        if self.vault_view is not None:
            self.vault_view.verify_file(path)
            if path is None:
                self.vault_view.verify.choose_file()
            return
        from ui.windows.verify import VerifyWindow

        if self.verify_window is None:
            self.verify_window = VerifyWindow(self.context, self)
        self.verify_window.show()
        self.verify_window.activateWindow()
        page = self.verify_window.page  # type: ignore[attr-defined]
        page.check(path) if path is not None else page.choose_file()

    def answer_request(self, path: Path) -> None:
        if self.vault_view is None or not self.vault_view.nav.isEnabled():
            self.show_status(self.tr("Unlock your vault first, then drop the request again."))
            return
        self.vault_view.share_request_file(path)

    def import_credential(self, path: Path | None = None) -> None:
        """Keep a confirmation for the person whose record is shown (asks for the file)."""
        if self.vault_view is None or not self.vault_view.nav.isEnabled():
            self.show_status(self.tr("Unlock your vault first, then drop the confirmation again."))
            return
        self.vault_view.import_credential(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        path = drops.dropped_file(event.mimeData())
        if path is not None and drops.kind_of(path) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = drops.dropped_file(event.mimeData())
        if path is None:
            return
        kind = drops.kind_of(path)
        if kind == drops.REQUEST:
            self.answer_request(path)
        elif kind == drops.PACKET:
            self.verify_packet(path)
        elif kind == drops.CREDENTIAL:
            self.import_credential(path)
        event.acceptProposedAction()

    # -- other actions -------------------------------------------------------------

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def _find(self) -> None:
        if self.vault_view is not None:
            self.vault_view.find()

    def _add_relative(self) -> None:
        if self.vault_view is not None:
            self.vault_view.add_relative()

    def _copy(self) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and hasattr(focus, "copy"):
            focus.copy()

    def _quit_answered(self, yes: bool) -> None:
        if yes:
            self._quitting = True
            self.close()

    def _guide(self) -> None:
        from PySide6.QtCore import QUrl

        QtGui.QDesktopServices.openUrl(QUrl(USER_GUIDE))

    def _about(self) -> None:
        self.context.dialogs.show_info(
            self,
            self.tr("About Pont"),
            self.tr(
                "Pont %1 — your personal data vault.\nYour record stays on this computer, "
                "encrypted. Free software under the GNU GPL, version 3 or later."
            ).replace("%1", QCoreApplication.applicationVersion() or "0.1"),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.vault_view is not None and not self._quitting:
            valid, invalid = self.vault_view.profile.pending_edits()
            if valid or invalid:
                event.ignore()
                self.context.dialogs.confirm(
                    self,
                    self.tr("Quit Pont"),
                    self.tr("Save changes before quitting?"),
                    self.tr("Save and quit"),
                    self._quit_answered,
                )
                return
        self.context.settings.set(keys.GEOMETRY, self.saveGeometry())
        if self.vault_view is not None:
            self._lock_now()
        self.context.clipboard.clear_if_ours()
        if self.verify_window is not None:
            self.verify_window.close()
        self.context.runner.shutdown()
        self.idle.stop()
        event.accept()
