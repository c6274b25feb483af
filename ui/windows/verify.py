"""Verify a packet: for anyone who received one. Works with or without an open vault.

The verdict is big and plain — VALID or NOT VALID and why — then who signed (the key's
fingerprint in groups, to read aloud), for whom, and the fields table. Each field says what
backs it as the packet states it (the PDF's evidence column, ``vault.share.evidence_label``)
and how it stands against the trust list and status lists the checker loaded, in the words of
``pont verify`` (``vault.confirmations.field_status_words``). Everything that comes from the
packet or from a trust file is shown as plain text: labels are ``PlainText``, the table is an
item view (which never renders markup).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import messages
from ui.context import AppContext
from ui.i18n import noop, tr
from ui.models import RecordTableModel
from ui.ops import Operation
from ui.packet_words import claim_label, kind_words
from ui.widgets import PassphraseField, button, heading, plain_label
from vault.catalogue import load_catalogue
from vault.confirmations import (
    WHAT_CONFIRMED_MEANS,
    FieldStatus,
    TrustedIssuer,
    field_status_words,
    load_trust_files,
    read_status_list_files,
)
from vault.packets.pdf import format_time, group_fingerprint
from vault.page import acting_statement, display, evidence_label, reference_of
from vault.verify import Checks, Verdict, verify_file

PACKET_FILTER = noop("Packets (*.pdf *.sd-jwt *.json);;All files (*)")
TRUST_FILTER = noop("Trust lists and issuer entries (*.json);;All files (*)")
STATUS_FILTER = noop("Status lists (*.jwt *.txt);;All files (*)")
PASSWORD_REASONS = ("pdf_password_required", "pdf_wrong_password")
VALUE_WIDTH = 360  # pixels: an issuer key (43 characters) fits on one line


@dataclass(frozen=True)
class Expected:
    audience: str | None
    reference: str | None
    pdf_password: str | None


@dataclass(frozen=True)
class Trust:
    """Whose confirmations the checker accepts, and the status lists it was given (§5.7)."""

    trust_files: tuple[Path, ...] = ()
    issuers: tuple[TrustedIssuer, ...] = ()
    status_files: tuple[Path, ...] = ()
    status_lists: tuple[bytes, ...] = ()


def check_file(path: Path, expected: Expected, trust: Trust, now: datetime) -> Operation:
    checks = Checks(
        now=now,
        audience=expected.audience,
        nonce=expected.reference,
        pdf_password=expected.pdf_password,
        trusted_issuers=trust.issuers,
        status_lists=trust.status_lists,
    )
    return lambda _slot: verify_file(path, checks)


def with_trust_file(trust: Trust, path: Path) -> Operation:
    """Every trust file loaded so far read again with ``path`` (the core refuses one key
    under two names across them)."""
    files = (*trust.trust_files, path)
    return lambda _slot: Trust(
        files, tuple(load_trust_files(files)), trust.status_files, trust.status_lists
    )


def with_status_file(trust: Trust, path: Path) -> Operation:
    def load(_slot: object) -> Trust:
        (token,) = read_status_list_files([path])
        return Trust(
            trust.trust_files,
            trust.issuers,
            (*trust.status_files, path),
            (*trust.status_lists, token),
        )

    return load


@dataclass(frozen=True)
class FieldRow:
    """One disclosed field: its value, what the packet says backs it, and how it checks out."""

    label: str
    value: str
    evidence: str
    standing: str


def field_rows(verdict: Verdict) -> list[FieldRow]:
    """The disclosed fields in the catalogue's order, in the words the PDF and ``pont verify``
    use (one wording each, from the core)."""
    packet = verdict.packet
    if packet is None:
        return []
    order = {spec.key: n for n, spec in enumerate(load_catalogue())}
    names = sorted(packet.disclosed, key=lambda k: (order.get(k.split("_")[0], len(order)), k))
    return [
        FieldRow(
            claim_label(name),
            value_text(name, packet.disclosed[name]),
            evidence_label(packet.claims, name),
            field_status_words(verdict.fields.get(name, FieldStatus(name, "self_declared"))),
        )
        for name in names
    ]


def trust_summary(trust: Trust) -> str:
    """Which issuers' confirmations count, with their keys written as the per-field words
    write them (to compare one with the other), and how many status lists."""
    if not trust.issuers:
        text: str = tr("No trust list loaded: no confirmation counts as confirmed.")
    else:
        names = "; ".join(
            f"{issuer.name} (issuer key {issuer.fingerprint})" for issuer in trust.issuers
        )
        text = tr("Confirmations you accept: %1").replace("%1", names)
    if trust.status_lists:
        count = str(len(trust.status_lists))
        text += "\n" + tr("Status lists loaded: %1").replace("%1", count)
    return text


def value_text(name: str, value: Any) -> str:
    """A disclosed value as text: structured ones line by line, in the catalogue's order."""
    if isinstance(value, dict | list | bool):
        catalogue = load_catalogue()
        spec = catalogue.get(name) if name in catalogue else None
        return display(value, spec)
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def verdict_rows(verdict: Verdict) -> list[tuple[str, str]]:
    """The plain facts of a valid packet, for the details block."""
    packet = verdict.packet
    if packet is None:
        return []
    claims = packet.claims
    rows = [
        (noop("What"), kind_words(str(claims.get("pont", {}).get("kind", "disclosure")))),
        (noop("About"), str(claims.get("subject_name", "—"))),
        (noop("For"), packet.aud),
        (noop("Reference"), reference_of(claims) or "—"),
        (noop("Purpose"), str(claims.get("purpose", "—"))),
        (noop("Signed on"), format_time(datetime.fromtimestamp(packet.iat, UTC))),
        (noop("Valid until"), format_time(datetime.fromtimestamp(packet.exp, UTC))),
        (noop("Packet id"), packet.jti),
    ]
    if isinstance(claims.get("act"), dict):
        rows.insert(1, (noop("Acting"), _acting(claims["act"])))
    if claims.get("supersedes"):
        rows.append((noop("Replaces packet"), str(claims["supersedes"])))
    notice = claims.get("notice")
    if isinstance(notice, dict):
        rows.insert(1, (noop("Notice"), str(notice.get("text", "—"))))
        rows.append((noop("About packet"), str(notice.get("regarding", "—"))))
    return rows


def _acting(act: dict[str, Any]) -> str:
    try:
        return acting_statement(act)
    except (KeyError, TypeError, AttributeError):
        return "Sent by someone acting for the person (details unreadable)."


class VerifyPage(QWidget):
    """Open or drop a packet file; say whether it is valid and what it carries."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.path: Path | None = None
        self.verdict: Verdict | None = None
        self.trust = Trust()
        self.setAcceptDrops(True)
        self.open_button = button(self.tr("Open a packet file…"), self, default=True)
        self.file_label = plain_label(self.tr("Or drop a packet file (PDF or .sd-jwt) here."), self)
        self.audience = QLineEdit(self)
        self.audience.setPlaceholderText(self.tr("e.g. benefits@council.example"))
        self.reference = QLineEdit(self)
        self.reference.setPlaceholderText(self.tr("your case number, if you gave one"))
        self.password = PassphraseField(self.tr("PDF password"), self)
        self.check_button = button(self.tr("Check again"), self)
        self.trust_button = button(self.tr("Load a trust list…"), self)
        self.status_button = button(self.tr("Load a status list…"), self)
        self.forget_button = button(self.tr("Forget these lists"), self)
        self.trust_label = plain_label(trust_summary(self.trust), self)
        self.meaning = plain_label(WHAT_CONFIRMED_MEANS, self)
        self.verdict_label = heading("", self, size=2.0)
        self.reason = heading("", self, size=1.1)
        self.signer = plain_label("", self)
        self.signer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QFormLayout()
        self.fields = RecordTableModel(
            [
                (self.tr("Field"), lambda r: r.label),
                (self.tr("Value"), lambda r: r.value),
                (self.tr("What the packet says backs it"), lambda r: r.evidence),
                (self.tr("Checked against your trust list"), lambda r: r.standing),
            ],
            self,
        )
        self.table = self._table()
        self._layout()
        self._connect()
        self.forget_button.hide()
        self._show(None)

    def _table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.fields)
        table.setAccessibleName(self.tr("What was disclosed"))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(True)
        table.setTextElideMode(Qt.TextElideMode.ElideNone)  # a key is read in full, or not at all
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for short in (0, 1):  # the label and the value; the words about evidence get the room
            header.setSectionResizeMode(short, QHeaderView.ResizeMode.ResizeToContents)
        header.setMaximumSectionSize(VALUE_WIDTH)  # a long value wraps instead of widening
        header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
        return table

    def _layout(self) -> None:
        self.expected = expected = QFormLayout()
        expected.addRow(
            *self._label(self.tr("Your organisation's email (optional)"), self.audience)
        )
        expected.addRow(*self._label(self.tr("Your reference (optional)"), self.reference))
        expected.addRow(*self._label(self.tr("PDF password (if it has one)"), self.password))
        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.file_label, 1)
        top.addWidget(self.check_button)
        trust = QHBoxLayout()
        trust.addWidget(self.trust_button)
        trust.addWidget(self.status_button)
        trust.addWidget(self.forget_button)
        trust.addWidget(self.trust_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Verify a packet"), self, size=1.3))
        layout.addWidget(
            plain_label(
                self.tr(
                    "Received a packet from someone? Check that it is signed, unchanged, meant for "
                    "you and still valid. Nothing is sent anywhere."
                ),
                self,
            )
        )
        layout.addLayout(top)
        layout.addLayout(expected)
        layout.addLayout(trust)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.signer)
        layout.addLayout(self.details)
        layout.addWidget(self.table, 100)
        layout.addWidget(self.meaning)
        layout.addStretch(1)  # takes the space when there is no table to show

    def _label(self, text: str, editor: QWidget) -> Any:
        label = plain_label(text, self, wrap=False)
        label.setBuddy(editor)
        editor.setAccessibleName(text)
        return label, editor

    def _connect(self) -> None:
        self.open_button.clicked.connect(self.choose_file)
        self.check_button.clicked.connect(self.check_again)
        self.trust_button.clicked.connect(self.choose_trust_file)
        self.status_button.clicked.connect(self.choose_status_file)
        self.forget_button.clicked.connect(lambda: self._trusted(Trust()))
        for edit in (self.audience, self.reference):
            edit.returnPressed.connect(self.check_again)
        self.password.returnPressed.connect(self.check_again)

    # -- checking ------------------------------------------------------------------

    def choose_file(self) -> None:
        self._context.dialogs.choose_open_path(
            self,
            self.tr("Open a packet file"),
            tr(PACKET_FILTER),
            lambda path: self.check(path) if path else None,
        )

    def choose_trust_file(self) -> None:
        self._context.dialogs.choose_open_path(
            self,
            self.tr("Load a trust list or an issuer's .pub.json"),
            tr(TRUST_FILTER),
            lambda path: self.load(with_trust_file(self.trust, Path(path))) if path else None,
        )

    def choose_status_file(self) -> None:
        self._context.dialogs.choose_open_path(
            self,
            self.tr("Load an issuer's status list"),
            tr(STATUS_FILTER),
            lambda path: self.load(with_status_file(self.trust, Path(path))) if path else None,
        )

    def load(self, operation: Operation) -> None:
        """Read trust or status files in the worker; on success, check the packet again."""
        self._context.runner.submit(
            operation,
            self._trusted,
            lambda error: self._context.dialogs.show_error(self, messages.describe(error)),
            owner=self,
        )

    def _trusted(self, trust: Trust) -> None:
        self.trust = trust
        self.trust_label.setText(trust_summary(trust))
        self.forget_button.setVisible(bool(trust.trust_files or trust.status_files))
        self.check_again()

    def check(self, path: Path) -> None:
        self.path = path
        self.file_label.setText(str(path))
        self.check_again()

    def check_again(self) -> None:
        if self.path is None:
            return
        expected = Expected(
            self.audience.text().strip() or None,
            self.reference.text().strip() or None,
            self.password.text() or None,
        )
        self.check_button.setEnabled(False)
        self._context.runner.submit(
            check_file(self.path, expected, self.trust, self._now()), self._checked, owner=self
        )

    def _now(self) -> datetime:
        environment = self._context.options.environment
        clock = getattr(environment, "clock", None)
        return clock() if clock is not None else datetime.now(UTC)

    def _checked(self, verdict: Verdict) -> None:
        self.check_button.setEnabled(True)
        self._show(verdict)

    # -- showing -------------------------------------------------------------------

    def _show(self, verdict: Verdict | None) -> None:
        self.verdict = verdict
        while self.details.rowCount():
            self.details.removeRow(0)
        self.fields.reset([])
        packet = verdict.packet if verdict is not None else None
        self.table.setVisible(bool(packet and packet.disclosed))  # a notice discloses nothing
        self.meaning.setVisible(_any_confirmation(verdict))
        self.check_button.setVisible(verdict is not None)
        self.expected.setRowVisible(
            self.password,
            bool(self.password.text())
            or (verdict is not None and verdict.reason in PASSWORD_REASONS),
        )
        if verdict is None:
            self._verdict_text("", "", None)
            self.signer.setText("")
            return
        if not verdict.valid:
            reason = messages.packet_reason(verdict.reason or "")
            self._verdict_text(self.tr("NOT VALID"), reason, False)
            self.signer.setText("")
            return
        self._show_valid(verdict)

    def _show_valid(self, verdict: Verdict) -> None:
        packet = verdict.packet
        assert packet is not None
        note = self.tr("Signed, unchanged, and valid now.")
        if verdict.container == "pdf":
            note = self.tr("Signed, unchanged (the PDF and the data inside it), and valid now.")
        self._verdict_text(self.tr("VALID"), note, True)
        self.signer.setText(
            self.tr(
                "Signed by the key with fingerprint:\n%1\nIf you have had packets from "
                "this person before, it should be the same."
            ).replace("%1", group_fingerprint(packet.thumbprint))
        )
        for label, value in verdict_rows(verdict):
            self.details.addRow(plain_label(tr(label), self, wrap=False), plain_label(value, self))
        self.fields.reset(field_rows(verdict))
        self.table.resizeRowsToContents()

    def _verdict_text(self, word: str, reason: str, valid: bool | None) -> None:
        self.verdict_label.setText(("✔ " if valid else "✘ ") + word if word else "")
        self.verdict_label.setAccessibleName(word)
        palette = self.verdict_label.palette()
        colour = self.palette().color(QPalette.ColorRole.WindowText)
        if valid is not None:
            colour = QColor("#1b7f3b") if valid else QColor("#b00020")
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.verdict_label.setPalette(palette)
        self.reason.setText(reason)

    # -- drops -------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.check(Path(event.mimeData().urls()[0].toLocalFile()))
        event.acceptProposedAction()


def _any_confirmation(verdict: Verdict | None) -> bool:
    """Whether the packet carries a confirmation (so what "confirmed by" means is said)."""
    return verdict is not None and any(s.report is not None for s in verdict.fields.values())


class VerifyWindow(QMainWindow):
    """The verify page on its own, for when no vault is open (File ▸ Verify a packet…)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Verify a packet — Pont"))
        self.page = VerifyPage(context, self)
        self.setCentralWidget(self.page)
        self.resize(900, 700)
