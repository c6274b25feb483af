"""Share, step 1: whose record, what is being asked for, and by whom.

Who asks is recognised by the core's one rule (``vault.organisations.recognise``), in the
worker, when the person presses Next. What it finds worth a stop (a changed key, another
name for a known address, a known name at another address …) is shown here first: a
changed key needs "Use the new key and continue", anything else "Continue anyway".
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui import messages
from ui.context import AppContext
from ui.i18n import noop, tr
from ui.models import RECORD, RecordListModel
from ui.packet_words import acting_sentence
from ui.share_flow import Asked, Candidate, Recipient, ShareSetup, recognise_recipient
from ui.widgets import Banner, InlineError, button, heading, plain_label
from vault.errors import InvalidInput, PontError
from vault.organisations import Notice, Recognised
from vault.packets.pdf import group_fingerprint
from vault.requests import Request, RequestTemplate, load_request_file, request_catalogue, template

FROM_FILE, FROM_CATALOGUE, OWN_CHOICE = range(3)
REQUEST_FILTER = noop("Request files (*.json *.pontrequest);;All files (*)")


class RequestStep(QWidget):
    """Emits ``chosen(candidate, asked, recipient)`` when the person presses Next."""

    chosen = Signal(object, object, object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.request: Request | None = None
        self.setup: ShareSetup | None = None
        self.person = QComboBox(self)
        self.person.setAccessibleName(self.tr("Whose record"))
        self.acting = Banner(self)
        self.sources = QButtonGroup(self)
        self.source_box = self._source_box()
        self.organisation = QComboBox(self)
        self.organisation.setEditable(True)
        self.organisation.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.email = QLineEdit(self)
        self.reference = QLineEdit(self)
        self.error = InlineError(self)
        self.next_button = button(self.tr("Next: choose what to send"), self, default=True)
        self.check_box = self._check_box()
        self._pending: tuple[Candidate, Asked, Recipient] | None = None
        self._layout()
        self._connect()

    # -- building --------------------------------------------------------------------

    def _source_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("What are they asking for?"), self)
        self.from_file = QRadioButton(self.tr("A request file they sent me"), box)
        self.open_button = button(self.tr("Open a request file…"), box)
        self.file_summary = plain_label("", box)
        self.file_error = InlineError(box)
        self.from_catalogue = QRadioButton(self.tr("A common request"), box)
        self.search = QLineEdit(box)
        self.search.setPlaceholderText(self.tr("Search, e.g. GP, council tax, bank"))
        self.search.setAccessibleName(self.tr("Search common requests"))
        self.search.setClearButtonEnabled(True)
        self.templates = RecordListModel(lambda t: t.title, self)
        self.templates.reset(request_catalogue())
        self.filtered = QSortFilterProxyModel(self)
        self.filtered.setSourceModel(self.templates)
        self.filtered.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.catalogue = QListView(box)
        self.catalogue.setModel(self.filtered)
        self.catalogue.setAccessibleName(self.tr("Common requests"))
        self.own = QRadioButton(self.tr("Choose fields myself"), box)
        self.purpose = QLineEdit(box)
        self.purpose.setPlaceholderText(self.tr("What is it for? e.g. Joining the tennis club"))
        self.purpose.setAccessibleName(self.tr("What it is for"))
        for ident, radio in enumerate((self.from_file, self.from_catalogue, self.own)):
            self.sources.addButton(radio, ident)
        self.from_catalogue.setChecked(True)
        grid = QGridLayout(box)
        grid.addWidget(self.from_file, 0, 0)
        grid.addWidget(self.open_button, 0, 1)
        grid.addWidget(self.file_summary, 1, 0, 1, 2)
        grid.addWidget(self.file_error, 2, 0, 1, 2)
        grid.addWidget(self.from_catalogue, 3, 0)
        grid.addWidget(self.search, 3, 1)
        grid.addWidget(self.catalogue, 4, 0, 1, 2)
        grid.addWidget(self.own, 5, 0)
        grid.addWidget(self.purpose, 5, 1)
        grid.setColumnStretch(1, 1)
        return box

    def _check_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Check who is asking"), self)
        self.check_text = plain_label("", box)
        self.check_text.setAccessibleName(self.tr("Check who is asking"))
        self.confirm_button = button(self.tr("Continue anyway"), box)
        self.check_back_button = button(self.tr("Go back"), box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.check_text)
        layout.addLayout(buttons)
        box.hide()
        return box

    def _layout(self) -> None:
        who = QFormLayout()
        who.addRow(plain_label(self.tr("Whose record"), self), self.person)
        to = QFormLayout()
        to.addRow(plain_label(self.tr("Organisation"), self), self.organisation)
        to.addRow(plain_label(self.tr("Their email"), self), self.email)
        to.addRow(plain_label(self.tr("Their reference (if any)"), self), self.reference)
        self.organisation.setAccessibleName(self.tr("Organisation"))
        self.email.setAccessibleName(self.tr("Their email"))
        self.reference.setAccessibleName(self.tr("Their reference"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Share — step 1 of 4: who and what"), self, size=1.3))
        layout.addLayout(who)
        layout.addWidget(self.acting)
        layout.addWidget(self.source_box, 1)
        layout.addLayout(to)
        layout.addWidget(self.check_box)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self.person.currentIndexChanged.connect(self._person_changed)
        self.open_button.clicked.connect(self.choose_file)
        self.search.textChanged.connect(self._search)
        self.catalogue.clicked.connect(lambda _i: self.from_catalogue.setChecked(True))
        self.purpose.textEdited.connect(lambda _t: self.own.setChecked(True))
        self.organisation.activated.connect(self._organisation_picked)
        self.next_button.clicked.connect(self.submit)
        self.confirm_button.clicked.connect(self._confirmed)
        self.check_back_button.clicked.connect(self._drop_check)
        self.organisation.editTextChanged.connect(lambda _t: self._drop_check())
        self.email.textEdited.connect(lambda _t: self._drop_check())
        self.sources.idToggled.connect(lambda _i, _on: self._drop_check())

    # -- filling -------------------------------------------------------------------

    def show_setup(self, setup: ShareSetup) -> None:
        self.setup = setup
        current = self.candidate()
        self.person.clear()
        for candidate in setup.candidates:
            name = candidate.person.name
            text = self.tr("%1 (you)").replace("%1", name) if _is_owner(candidate) else name
            self.person.addItem(text, candidate)
        if current is not None:
            self.select_person(current.person.id)
        typed = self.organisation.currentText()
        self.organisation.clear()
        for organisation in setup.organisations:
            self.organisation.addItem(organisation.name, organisation)
        self.organisation.setEditText(typed)
        self._person_changed()

    def reset(self) -> None:
        """Forget the last answer: its request, organisation and reference."""
        self.request = None
        self.file_summary.setText("")
        self.file_error.clear_message()
        self.error.clear_message()
        for edit in (self.search, self.purpose, self.email, self.reference):
            edit.clear()
        self.organisation.setEditText("")
        self._drop_check()
        self.catalogue.clearSelection()
        self.catalogue.setCurrentIndex(self.filtered.index(-1, -1))
        self.from_catalogue.setChecked(True)

    def select_person(self, person_id: int) -> None:
        for index in range(self.person.count()):
            if self.person.itemData(index).person.id == person_id:
                self.person.setCurrentIndex(index)

    def candidate(self) -> Candidate | None:
        data = self.person.currentData()
        return data if isinstance(data, Candidate) else None

    def _person_changed(self, _index: int = 0) -> None:
        candidate = self.candidate()
        if candidate is None or _is_owner(candidate):
            self.acting.show_text("")
            return
        kind = candidate.authority.kind if candidate.authority else None
        self.acting.show_text(acting_sentence(candidate.person.name, kind))

    def _organisation_picked(self, index: int) -> None:
        organisation = self.organisation.itemData(index)
        if organisation is not None:
            self.email.setText(organisation.email or "")

    def _search(self, text: str) -> None:
        self.from_catalogue.setChecked(True)
        self.filtered.setFilterFixedString(text)
        if self.filtered.rowCount() == 1:
            self.catalogue.setCurrentIndex(self.filtered.index(0, 0))

    def select_template(self, template_id: str) -> None:
        for row in range(self.filtered.rowCount()):
            index = self.filtered.index(row, 0)
            if index.data(RECORD).id == template_id:
                self.catalogue.setCurrentIndex(index)
                self.from_catalogue.setChecked(True)

    # -- the request file -------------------------------------------------------------

    def choose_file(self) -> None:
        self._context.dialogs.choose_open_path(
            self, self.tr("Open a request file"), tr(REQUEST_FILTER), self._file_chosen
        )

    def _file_chosen(self, path: Path | None) -> None:
        if path is not None:
            self.load_file(path)

    def load_file(self, path: Path) -> None:
        self.from_file.setChecked(True)
        self._context.runner.submit(
            lambda _slot: load_request_file(path),
            self._request_loaded,
            self._request_refused,
            owner=self,
        )

    def _request_loaded(self, request: Request) -> None:
        self._drop_check()
        self.request = request
        self.file_error.clear_message()
        asker = request.organisation
        self.file_summary.setText(
            self.tr("%1 asks: %2").replace("%1", asker.name).replace("%2", request.purpose)
        )
        self.organisation.setEditText(asker.name)
        self.email.setText(asker.email or "")
        self.reference.setText(request.reference or "")

    def _request_refused(self, error: BaseException) -> None:
        self.request = None
        self.file_summary.setText("")
        self.file_error.show_message(messages.describe(error))

    # -- next ----------------------------------------------------------------------

    def submit(self) -> None:
        candidate = self.candidate()
        if candidate is None:
            return
        try:
            asked = self._asked()
        except (PontError, _Incomplete) as error:
            self.error.show_message(
                str(error) if isinstance(error, _Incomplete) else messages.describe(error)
            )
            return
        self.error.clear_message()
        recipient = self._recipient(asked)
        self._pending = (candidate, asked, recipient)
        self.next_button.setEnabled(False)
        self._context.runner.submit(
            recognise_recipient(recipient), self._recognised, self._not_recognised, owner=self
        )

    # -- who asks --------------------------------------------------------------------

    def _recognised(self, recognised: Recognised) -> None:
        self.next_button.setEnabled(True)
        if self._pending is None:
            return
        if not recognised.to_confirm:
            self._go_on()
            return
        changed = recognised.key_changed
        lines = [self._notice_text(n, recognised) for n in recognised.to_confirm]
        self.check_text.setText("\n\n".join(lines))
        self.confirm_button.setText(
            self.tr("Use the new key and continue") if changed else self.tr("Continue anyway")
        )
        self.confirm_button.setAccessibleName(self.confirm_button.text())
        self.confirm_button.setProperty("accepts_new_key", changed)
        self.check_box.show()
        self.check_back_button.setFocus()

    def _not_recognised(self, error: BaseException) -> None:
        self.next_button.setEnabled(True)
        self._pending = None
        self.error.show_message(messages.describe(error))

    def _confirmed(self) -> None:
        if self._pending is None:
            return
        if self.confirm_button.property("accepts_new_key"):
            candidate, asked, recipient = self._pending
            self._pending = (candidate, asked, replace(recipient, accept_new_key=True))
        self._go_on()

    def _go_on(self) -> None:
        pending, self._pending = self._pending, None
        self.check_box.hide()
        if pending is not None:
            self.chosen.emit(*pending)

    def _drop_check(self) -> None:
        """What was checked no longer holds (the person changed who asks): ask again."""
        self._pending = None
        self.check_box.hide()

    def _notice_text(self, notice: Notice, recognised: Recognised) -> str:
        org, detail = notice.organisation, notice.detail
        if notice.reason == "key_changed":
            return _fill(
                self.tr(
                    "The encryption key in this request is not the one Pont keeps for %1. "
                    "Someone may be pretending to be them. Continue only if %1 told you "
                    "themselves (by phone, in a letter or on their own website) that their "
                    "key changed.\nKey kept: %2\nKey in this request: %3"
                ),
                org,
                group_fingerprint(recognised.pinned_fingerprint),
                group_fingerprint(recognised.claim_fingerprint),
            )
        texts = {
            "key_first_seen": self.tr(
                "This request carries an encryption key for %1, which had none. From now on "
                "Pont will accept only this key for them.\nKey: %2"
            ),
            "name_differs": self.tr(
                "“%2” is not the name your vault knows this address by: it is %1, and Pont "
                "keeps that name."
            ),
            "email_differs": self.tr(
                "The request asks for replies to %2; the packet will be addressed to %1 as "
                "your vault knows it."
            ),
            "same_name_elsewhere": self.tr(
                "You already know an organisation called %1 at another address (%2). Check "
                "that this is really who you mean to send to."
            ),
            "key_of_another": self.tr(
                "This request's encryption key is the one Pont keeps for %1.\nKey: %2"
            ),
        }
        if notice.reason in ("key_first_seen", "key_of_another"):
            detail = group_fingerprint(detail)
        text = texts.get(notice.reason, self.tr("Check the organisation's details."))
        return _fill(text, org, detail or self.tr("none"))

    def _asked(self) -> Asked:
        name = " ".join(self.organisation.currentText().split())
        if not name:
            self.organisation.setFocus()
            raise _Incomplete(self.tr("Please type the organisation's name"))
        source = self.sources.checkedId()
        if source == FROM_FILE:
            return self._asked_by_file()
        if source == FROM_CATALOGUE:
            return self._asked_by_template(name)
        if not self.purpose.text().strip():
            self.purpose.setFocus()
            raise _Incomplete(self.tr("Please say what the information is for"))
        return Asked(None, self.purpose.text().strip())

    def _asked_by_file(self) -> Asked:
        if self.request is None:
            raise _Incomplete(self.tr("Please open the request file first"))
        kind = self.request.kind_id
        return Asked(self.request, self.request.purpose, _kind_label(kind))

    def _asked_by_template(self, name: str) -> Asked:
        index = self.catalogue.currentIndex()
        if not index.isValid():
            raise _Incomplete(self.tr("Please pick a request from the list"))
        chosen: RequestTemplate = index.data(RECORD)
        try:
            request = chosen.request(
                name,
                email=self.email.text().strip() or None,
                reference=self.reference.text().strip() or None,
            )
        except InvalidInput as error:
            raise _Incomplete(messages.invalid_input(error.field, error.reason)) from None
        return Asked(request, chosen.purpose, chosen.organisation_kind)

    def _recipient(self, asked: Asked) -> Recipient:
        key = None
        if asked.request is not None and self.sources.checkedId() == FROM_FILE:
            key = asked.request.organisation.public_key
        return Recipient(
            name=" ".join(self.organisation.currentText().split()),
            email=self.email.text().strip() or None,
            reference=self.reference.text().strip() or None,
            public_key=key,
        )


def _fill(text: str, *values: str) -> str:
    """``%1``, ``%2`` … replaced in one pass (outside text may itself hold "%2")."""
    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return values[index] if index < len(values) else match.group(0)

    return re.sub(r"%([1-9])", value, text)


class _Incomplete(Exception):
    """Something on this step still needs the person's answer (the text says what)."""


def _is_owner(candidate: Candidate) -> bool:
    return candidate.person.role == "owner"


def _kind_label(kind: str | None) -> str | None:
    if kind is None:
        return None
    return template(kind).organisation_kind
