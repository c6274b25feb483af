"""The profile editor: one person's fields by category, validated as typed, saved together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import confirmations, messages
from ui.context import AppContext
from ui.drops import is_not_a_document
from ui.models import RECORD, search_model
from ui.ops import VaultSlot
from ui.widgets import InlineError, button, heading, plain_label
from ui.windows.documents import DocumentsPage
from ui.windows.field_rows import FieldGroup, FieldRow
from ui.windows.history import HistoryDialog
from vault.catalogue import CUSTOM_PREFIX, custom_spec, load_catalogue
from vault.credentials import Confirmation
from vault.errors import InvalidInput
from vault.model import Attachment, Field, Person

CUSTOM = "custom"
DOCUMENTS = "documents"


@dataclass(frozen=True)
class Snapshot:
    person: Person
    fields: list[Field]
    attachments: list[Attachment]
    today: dt.date
    confirmations: list[Confirmation]


@dataclass(frozen=True)
class Edit:
    key: str
    entry: int | None
    value: Any  # None: remove the entry


def load_person(person_id: int) -> Any:
    def run(slot: VaultSlot) -> Snapshot:
        vault = slot.vault
        return Snapshot(
            vault.people.get(person_id),
            vault.profiles.fields(person_id),
            vault.documents.attachments(person_id),
            vault.env.clock().date(),
            vault.credentials.person_confirmations(person_id),
        )

    return run


def apply_edits(vault: Any, person_id: int, edits: list[Edit]) -> list[Any]:
    """Write the edits in the worker; returns the change records."""
    changes = []
    for edit in edits:
        if edit.value is None:
            if edit.entry is not None:
                changes.append(vault.profiles.remove(person_id, edit.key, edit.entry))
        else:
            changes.append(vault.profiles.set(person_id, edit.key, edit.value, entry=edit.entry))
    return changes


class CategoryPage(QScrollArea):
    """The groups of one category, in a scrolling column."""

    def __init__(self, title: str, help_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.groups: list[FieldGroup] = []
        inner = QWidget(self)
        self.column = QVBoxLayout(inner)
        self.column.addWidget(heading(title, inner, size=1.3))
        if help_text:
            self.column.addWidget(plain_label(help_text, inner))
        self.column.addStretch(1)
        self.setWidget(inner)

    def add(self, widget: QWidget) -> None:
        self.column.insertWidget(self.column.count() - 1, widget)
        if isinstance(widget, FieldGroup):
            self.groups.append(widget)


class ProfilePage(QWidget):
    """A person's record. ``changed`` after every save, so other pages can refresh."""

    changed = Signal()
    status = Signal(str)
    saved = Signal(int, object)  # person id, the change records (for "tell them once")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.person: Person | None = None
        self.snapshot: Snapshot | None = None
        self._focus_key: str | None = None
        self.pages: dict[str, CategoryPage] = {}
        self.setAcceptDrops(True)
        self.title = heading("", self)
        self.categories = QListWidget(self)
        self.categories.setAccessibleName(self.tr("Categories"))
        self.categories.setFixedWidth(190)
        self.stack = QStackedWidget(self)
        self.documents = DocumentsPage(context, self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Find in this record (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Find in this record"))
        self.search.setClearButtonEnabled(True)
        self.results_model = search_model(self)
        self.results = QListView(self)
        self.results.setModel(self.results_model)
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setMaximumHeight(140)
        self.results.hide()
        self.unsaved = plain_label("", self)
        self.save_error = InlineError(self)
        self.save_button = button(self.tr("Save changes"), self, default=True)
        self.save_button.setEnabled(False)
        self.confirmation_button = button(self.tr("Add a confirmation…"), self)
        self.confirmation_button.setToolTip(
            self.tr(
                "Keep a confirmation an organisation sent you (a .sd-jwt file): it says they "
                "checked some of these details. You can also drop the file on this window."
            )
        )
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._layout()
        self._connect()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.confirmation_button)
        top.addWidget(self.search, 1)
        body = QHBoxLayout()
        body.addWidget(self.categories)
        body.addWidget(self.stack, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.unsaved, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.results)
        layout.addLayout(body, 1)
        layout.addWidget(self.save_error)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self.categories.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.save_button.clicked.connect(self.save)
        self.confirmation_button.clicked.connect(lambda: self.import_credential(None))
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self._search_timer.timeout.connect(self._run_search)
        self.results.activated.connect(self._go_to_hit)
        self.documents.changed.connect(self.reload)

    # -- loading -------------------------------------------------------------------

    def show_person(self, person: Person) -> None:
        self.person = person
        self.title.setText(person.name)
        self.reload()

    def reload(self) -> None:
        if self.person is None:
            return
        self._context.runner.submit(load_person(self.person.id), self._loaded, owner=self)

    def _loaded(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.person = snapshot.person
        self.title.setText(snapshot.person.name)
        current = max(self.categories.currentRow(), 0)
        self._clear_pages()
        catalogue = load_catalogue()
        for category in catalogue.categories():
            page = CategoryPage(category.label, category.help, self)
            for spec in catalogue.fields(category.key):
                page.add(self._group(spec, snapshot))
            self._add_page(category.key, category.label, page)
        self._add_page(CUSTOM, self.tr("Your own fields"), self._custom_page(snapshot))
        self.documents.show_attachments(snapshot.person, snapshot.attachments)
        self.stack.addWidget(self.documents)
        self.categories.addItem(self.tr("Documents"))
        self.categories.setCurrentRow(min(current, self.categories.count() - 1))
        self._refresh_unsaved()
        if self._focus_key is not None:
            self._focus_field(self._focus_key)

    def show_field(self, person: Person, key: str) -> None:
        """Show ``person``'s record at field ``key``, ready to type ("Add it now")."""
        self._focus_key = key
        self.show_person(person)

    def _focus_field(self, key: str) -> None:
        self._focus_key = None
        row = next((r for r in self.rows() if r.spec.key == key), None)
        if row is not None:
            self._show_row(row)
            row.editor.setFocus()

    def _clear_pages(self) -> None:
        self.stack.removeWidget(self.documents)
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.categories.clear()

    def _add_page(self, key: str, label: str, page: CategoryPage) -> None:
        self.pages[key] = page
        self.stack.addWidget(page)
        self.categories.addItem(label)

    def _group(self, spec: Any, snapshot: Snapshot) -> FieldGroup:
        group = FieldGroup(spec, self)
        entries = [f for f in snapshot.fields if f.key == spec.key]
        names = {a.document.id: a.name for a in snapshot.attachments}
        confirmed = confirmations.by_entry(snapshot.confirmations)
        for stored in entries:
            row = self._wire(group.add_row(stored.entry), snapshot)
            row.load(stored, names.get(stored.document_id or -1))
            row.show_confirmations(confirmed.get((spec.key, stored.entry), []))
        if not entries:
            self._wire(group.add_row(None if spec.repeatable else 0), snapshot)
        if group.add_button is not None:
            group.add_button.clicked.connect(lambda: self._new_entry(group, snapshot))
        group.mark_current_address(snapshot.today)
        return group

    def _new_entry(self, group: FieldGroup, snapshot: Snapshot) -> None:
        row = self._wire(group.add_row(None), snapshot)
        group.mark_current_address(snapshot.today)
        row.editor.setFocus()

    def _wire(self, row: FieldRow, snapshot: Snapshot) -> FieldRow:
        row.today = snapshot.today
        row.editor.changed.connect(self._refresh_unsaved)
        row.copy_requested.connect(self._copy)
        row.history_requested.connect(self._history)
        row.attach_requested.connect(self._attach)
        row.remove_requested.connect(self._remove_row)
        return row

    def _custom_page(self, snapshot: Snapshot) -> CategoryPage:
        page = CategoryPage(
            self.tr("Your own fields"),
            self.tr(
                "Anything the list does not cover: a library card, a locker code, a microchip."
            ),
            self,
        )
        for key in sorted({f.key for f in snapshot.fields if f.key.startswith(CUSTOM_PREFIX)}):
            page.add(self._group(custom_spec(key), snapshot))
        adder = QWidget(page)
        row = QHBoxLayout(adder)
        self.custom_name = QLineEdit(adder)
        self.custom_name.setPlaceholderText(self.tr("Name of your field, e.g. Library card"))
        self.custom_name.setAccessibleName(self.tr("Name of your own field"))
        add = button(self.tr("Add your own field"), adder)
        row.addWidget(self.custom_name, 1)
        row.addWidget(add)
        self.custom_error = InlineError(page)
        self._custom_adder = adder
        page.add(adder)
        page.add(self.custom_error)
        add.clicked.connect(lambda: self._add_custom(page, snapshot))
        self.custom_name.returnPressed.connect(lambda: self._add_custom(page, snapshot))
        return page

    def _add_custom(self, page: CategoryPage, snapshot: Snapshot) -> None:
        try:
            spec = custom_spec(CUSTOM_PREFIX + " ".join(self.custom_name.text().split()))
        except InvalidInput as error:
            self.custom_error.show_message(messages.invalid_input(error.field, error.reason))
            self.custom_name.setFocus()
            return
        self.custom_error.clear_message()
        self.custom_name.clear()
        group = self._group(spec, snapshot)
        page.column.insertWidget(page.column.indexOf(self._custom_adder), group)
        page.groups.append(group)
        group.rows[0].editor.setFocus()

    # -- editing -------------------------------------------------------------------

    def rows(self) -> list[FieldRow]:
        return [row for page in self.pages.values() for group in page.groups for row in group.rows]

    def pending_edits(self) -> tuple[list[Edit], list[str]]:
        """Edits not yet saved: those that can be saved, and labels of those that cannot."""
        valid: list[Edit] = []
        invalid: list[str] = []
        for row in self.rows():
            if not row.dirty:
                continue
            clean, problem = row.pending()
            if problem is not None:
                invalid.append(row.spec.label)
            elif clean is not None or row.stored is not None:
                valid.append(Edit(row.spec.key, row.entry, clean))
        return valid, invalid

    def save(self) -> None:
        if self.person is None:
            return
        first: tuple[FieldRow, InvalidInput] | None = None
        for row in (r for r in self.rows() if r.dirty):
            problem = row.validate()
            if problem is not None and first is None:
                first = (row, problem)
        if first is not None:
            self.save_error.show_message(self.tr("Please correct the fields marked ⚠ first."))
            self._show_row(first[0])
            first[0].focus_problem(first[1])
            return
        self.save_error.clear_message()
        edits, _invalid = self.pending_edits()
        person_id = self.person.id
        self._context.runner.submit(
            lambda slot: apply_edits(slot.vault, person_id, edits),
            self._saved,
            self._save_failed,
            owner=self,
        )

    def _saved(self, changes: list[Any]) -> None:
        self.status.emit(self.tr("Saved."))
        self.changed.emit()
        if self.person is not None:
            self.saved.emit(self.person.id, changes)
        self.reload()

    def _save_failed(self, error: BaseException) -> None:
        self.save_error.show_message(messages.describe(error))

    def _refresh_unsaved(self) -> None:
        dirty = any(row.dirty for row in self.rows())
        self.save_button.setEnabled(dirty)
        self.unsaved.setText(self.tr("You have changes that are not saved yet.") if dirty else "")

    def _remove_row(self, row: FieldRow) -> None:
        group = row.parentWidget()
        if row.stored is None or self.person is None:
            if isinstance(group, FieldGroup) and len(group.rows) > 1:
                group.drop_row(row)
            return
        person_id, key, entry = self.person.id, row.spec.key, row.stored.entry
        self._context.runner.submit(
            lambda slot: slot.vault.profiles.remove(person_id, key, entry),
            lambda _c: self.reload(),
            self._save_failed,
            owner=self,
        )

    def _copy(self, text: str) -> None:
        self._context.clipboard.copy(text)
        seconds = self._context.settings.clipboard_ms() // 1000
        self.status.emit(
            self.tr("Copied. The clipboard will be cleared in %1 seconds.").replace(
                "%1", str(seconds)
            )
        )

    def _history(self, key: str, entry: int) -> None:
        if self.person is not None:
            dialog = HistoryDialog(self._context, self.person.id, key, entry, self)
            dialog.restored.connect(self.reload)
            dialog.open()

    def _attach(self, key: str | None, entry: int, path: Path | None) -> None:
        if self.person is None:
            return
        if path is None:
            self._context.dialogs.choose_open_path(
                self,
                self.tr("Attach a document"),
                self.tr("Documents (*.pdf *.png *.jpg *.jpeg);;All files (*)"),
                lambda chosen: chosen and self._attach(key, entry, chosen),
            )
            return
        person_id = self.person.id
        saved = any(r.spec.key == key and r.entry == entry and r.stored for r in self.rows())
        target = entry if saved else None  # not saved yet: back the field's current value

        def run(slot: VaultSlot) -> Any:
            from vault.evidence import attach_evidence

            return attach_evidence(slot.vault, path, person_id, key, target)

        self._context.runner.submit(
            run, lambda _a: self._attached(path), self._save_failed, owner=self
        )

    def _attached(self, path: Path) -> None:
        self.status.emit(self.tr("Attached %1.").replace("%1", path.name))
        self.reload()

    # -- confirmations: credentials organisations signed -----------------------------

    def import_credential(self, path: Path | None) -> None:
        """Check and keep a credential file for the person shown (as the CLI's import)."""
        if self.person is None:
            return
        if path is None:
            self._context.dialogs.choose_open_path(
                self,
                self.tr("Add a confirmation"),
                self.tr("Confirmations (*.sd-jwt);;All files (*)"),
                lambda chosen: self.import_credential(chosen) if chosen else None,
            )
            return
        name = self.person.name
        self._context.runner.submit(
            confirmations.import_file(self.person.id, path),
            lambda kept: self._credential_kept(kept, name),
            self._credential_refused,
            owner=self,
        )

    def _credential_kept(self, kept: confirmations.Kept, person_name: str) -> None:
        self.save_error.clear_message()
        text = confirmations.kept_text(kept, person_name)
        self.status.emit(text)
        self._context.dialogs.show_info(
            self, self.tr("Confirmation kept"), text + "\n\n" + confirmations.meaning()
        )
        self.reload()

    def _credential_refused(self, error: BaseException) -> None:
        text = messages.describe(error)
        self.save_error.show_message(text)
        self._context.dialogs.show_error(self, text)

    # -- window drops: attach to the person, not to a field ---------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if is_not_a_document(mime):
            event.ignore()  # a request or packet file: the window routes it
            return
        if mime.hasUrls() and all(u.isLocalFile() for u in mime.urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            self._attach(None, 0, Path(url.toLocalFile()))
        event.acceptProposedAction()

    # -- search ----------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _run_search(self) -> None:
        text = self.search.text().strip()
        if not text or self.person is None:
            self.results_model.reset([])
            self.results.hide()
            return
        person_id = self.person.id
        self._context.runner.submit(
            lambda slot: slot.vault.profiles.search(text, person_id), self._found, owner=self
        )

    def _found(self, hits: list[Any]) -> None:
        self.results_model.reset(hits)
        self.results.setVisible(bool(hits) or bool(self.search.text().strip()))

    def _go_to_hit(self, index: Any) -> None:
        hit = index.data(RECORD)
        row = next((r for r in self.rows() if r.spec.key == hit.key and r.entry == hit.entry), None)
        if row is not None:
            self._show_row(row)
            row.editor.setFocus()

    def _show_row(self, row: FieldRow) -> None:
        for key, page in self.pages.items():
            if any(row in group.rows for group in page.groups):
                self.categories.setCurrentRow(list(self.pages).index(key))
                page.ensureWidgetVisible(row)
                return
