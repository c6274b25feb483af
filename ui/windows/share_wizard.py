"""The share wizard: answer a request with a signed packet, in four steps.

1. whose record and what is asked (a request file, a common request, or own choice);
2. which fields, pre-selected as the request needs, with warnings and less revealing forms;
3. exactly what will be sent, how long it is valid, an optional password or encryption;
4. sign in the worker; the email draft, the folder and the packet id.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from ui import messages
from ui.context import AppContext
from ui.settings import PACKET_FOLDER
from ui.share_flow import (
    Asked,
    Candidate,
    FieldsSnapshot,
    Recipient,
    ShareSetup,
    field_choices,
    load_fields,
    load_setup,
    prepare_packet,
    preview_pages,
    selections,
    sign_packet,
)
from ui.windows.share_fields import FieldsStep
from ui.windows.share_preview import DoneStep, PreviewStep
from ui.windows.share_request import RequestStep
from vault.share import DEFAULT_DAYS, Prepared, Shared


class ShareWizard(QWidget):
    """``shared`` after a packet is made; ``add_field(person, key)`` for "Add it now"."""

    shared = Signal(object)  # Shared
    add_field = Signal(object, str)  # Person, field key
    see_ledger = Signal()
    status = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.candidate: Candidate | None = None
        self.asked: Asked | None = None
        self.recipient: Recipient | None = None
        self.snapshot: FieldsSnapshot | None = None
        self.stack = QStackedWidget(self)
        self.request_step = RequestStep(context, self)
        self.fields_step = FieldsStep(self)
        self.preview_step = PreviewStep(self)
        self.done_step = DoneStep(context, self)
        for step in (self.request_step, self.fields_step, self.preview_step, self.done_step):
            self.stack.addWidget(step)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._connect()

    def _connect(self) -> None:
        self.request_step.chosen.connect(self._chosen)
        self.fields_step.back.connect(lambda: self.stack.setCurrentWidget(self.request_step))
        self.fields_step.done.connect(self._preview)
        self.fields_step.add_field.connect(self._add_field)
        self.fields_step.recheck.connect(self._load_fields)
        self.preview_step.back.connect(lambda: self.stack.setCurrentWidget(self.fields_step))
        self.preview_step.valid_days_changed.connect(lambda _d: self._preview())
        self.preview_step.confirmations_changed.connect(lambda _c: self._preview())
        self.preview_step.sign.connect(self._sign)
        self.preview_step.change_folder.connect(self._change_folder)
        self.done_step.again.connect(self.restart)
        self.done_step.see_ledger.connect(self.see_ledger)

    # -- step 1 --------------------------------------------------------------------

    def start(self) -> None:
        """Fill step 1 with the people and organisations of the vault."""
        self._context.runner.submit(load_setup, self._setup_loaded, owner=self)

    def _setup_loaded(self, setup: ShareSetup) -> None:
        self.request_step.show_setup(setup)

    def restart(self) -> None:
        self.done_step.forget_password()
        self.request_step.reset()
        self.stack.setCurrentWidget(self.request_step)
        self.start()

    def open_request_file(self, path: Path) -> None:
        """Answer the request in ``path`` (opened from the menu or dropped on the window)."""
        self.done_step.forget_password()
        self.stack.setCurrentWidget(self.request_step)
        self.request_step.load_file(path)

    def for_person(self, person_id: int) -> None:
        self.request_step.select_person(person_id)

    def _chosen(self, candidate: Candidate, asked: Asked, recipient: Recipient) -> None:
        self.candidate, self.asked, self.recipient = candidate, asked, recipient
        self._load_fields()

    # -- step 2 --------------------------------------------------------------------

    def _load_fields(self) -> None:
        if self.candidate is None:
            return
        self._context.runner.submit(
            load_fields(self.candidate), self._fields_loaded, self._failed, owner=self
        )

    def _fields_loaded(self, snapshot: FieldsSnapshot) -> None:
        assert self.asked is not None
        assert self.recipient is not None
        self.snapshot = snapshot
        choices = field_choices(snapshot, self.asked)
        asker = (
            self.tr("%1 asks for this to: %2")
            .replace("%1", self.recipient.name)
            .replace("%2", self.asked.purpose)
        )
        self.fields_step.show_choices(asker, choices, snapshot.today)
        self.stack.setCurrentWidget(self.fields_step)

    def _add_field(self, key: str) -> None:
        if self.candidate is not None:
            self.add_field.emit(self.candidate.person, key)

    # -- step 3 --------------------------------------------------------------------

    def _preview(self) -> None:
        if self.candidate is None or self.asked is None or self.recipient is None:
            return
        if self.stack.currentWidget() is not self.preview_step:
            request = self.asked.request
            days = request.expires_in_days if request else DEFAULT_DAYS
            self.preview_step.start(days, bool(self.recipient.public_key))
        self.preview_step.show_folder(self.folder())
        operation = prepare_packet(
            self.candidate.person.id,
            self.recipient,
            self.asked,
            selections(self.fields_step.choices()),
            self.preview_step.valid_days.value(),
            self.preview_step.carry_confirmations(),
        )
        self._context.runner.submit(operation, self._prepared, self._failed, owner=self)

    def _prepared(self, prepared: Prepared) -> None:
        self.preview_step.show_prepared(prepared)
        self.preview_step.encrypt.setVisible(bool(prepared.organisation.public_key))
        self.stack.setCurrentWidget(self.preview_step)
        self._context.runner.submit(
            preview_pages(prepared),
            self.preview_step.show_pages,
            self.preview_step.pages_failed,
            owner=self,
        )

    def folder(self) -> Path:
        return self._context.settings.packet_folder()

    def _change_folder(self) -> None:
        self._context.dialogs.choose_folder(
            self, self.tr("Where should packet files go?"), self._folder_chosen
        )

    def _folder_chosen(self, folder: Path | None) -> None:
        if folder is not None:
            self._context.settings.set(PACKET_FOLDER, str(folder))
            self.preview_step.show_folder(folder)

    # -- step 4 --------------------------------------------------------------------

    def _sign(self) -> None:
        prepared = self.preview_step.prepared
        if prepared is None:
            return
        password = self.preview_step.chosen_password()
        folder = self.folder()
        operation = sign_packet(prepared, folder, password, self.preview_step.encrypt.isChecked())
        self._context.runner.submit(
            operation,
            lambda made: self._signed(made, folder, password),
            self._sign_failed,
            owner=self,
        )

    def _signed(self, made: Shared, folder: Path, password: str | None) -> None:
        self._context.settings.set(PACKET_FOLDER, str(folder))
        self.preview_step.password.clear()
        self.preview_step.repeat.clear()
        self.done_step.show_shared(made, password)
        self.stack.setCurrentWidget(self.done_step)
        self.status.emit(self.tr("Packet made for %1.").replace("%1", made.entry.organisation_name))
        self.shared.emit(made)

    def _sign_failed(self, error: BaseException) -> None:
        self.preview_step.sign_button.setEnabled(True)
        self.preview_step.error.show_message(messages.describe(error))

    def _failed(self, error: BaseException) -> None:
        step = self.stack.currentWidget()
        target = getattr(step, "error", self.request_step.error)
        target.show_message(messages.describe(error))
