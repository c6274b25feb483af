"""Who knows what: every packet ever made, filtered by organisation, person or field.

The table is a lazily loading model (``ui.ledger_model``). From an entry a person can save
the signed packet file again, or send a signed notice: withdraw consent, ask for erasure,
ask for a copy, object.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import formatting, ledger_flow, messages
from ui.context import AppContext
from ui.i18n import noop, tr
from ui.ledger_flow import LedgerFilter, LedgerSetup
from ui.ledger_model import LedgerModel, in_catalogue_order
from ui.ledger_model import sent_words as _sent
from ui.packet_words import kind_words, status_words
from ui.widgets import InlineError, button, heading, plain_label
from ui.windows.packet_result import PacketResult
from vault.catalogue import load_catalogue
from vault.ledger import LedgerEntry
from vault.share import Shared

NOTICES = (
    ("withdrawal", noop("Withdraw consent…"), noop("withdrawing your consent")),
    ("erasure", noop("Ask them to erase it…"), noop("asking them to erase what you sent")),
    ("access", noop("Ask for a copy…"), noop("asking for a copy of what they hold about you")),
    ("objection", noop("Object…"), noop("objecting to how they use it")),
)
DETAIL_LABELS = (
    noop("What"),
    noop("Organisation"),
    noop("Purpose"),
    noop("Reference"),
    noop("Sent"),
    noop("Valid until"),
    noop("Status"),
    noop("Fields"),
    noop("Replaces"),
    noop("Packet id"),
)


class LedgerPage(QWidget):
    status = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._people: dict[int, str] = {}
        self.model = LedgerModel(lambda pid: self._people.get(pid, "—"), self)
        self.table = self._table()
        self._filters()
        self.details = {name: plain_label("", self, wrap=False) for name in DETAIL_LABELS}
        self.error = InlineError(self)
        self.result = PacketResult(self._context, self)
        self.save_button = button(self.tr("Save the signed packet file…"), self)
        self.notice_buttons = {kind: button(tr(text), self) for kind, text, _ in NOTICES}
        self.export_button = button(self.tr("Export the ledger…"), self)
        self._layout()
        self._connect()
        self._show_entry(None)

    def _table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setAccessibleName(self.tr("Packets sent"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((115, 170, 130, 250)):
            table.setColumnWidth(column, width)
        return table

    def _filters(self) -> None:
        self.organisation = QComboBox(self)
        self.organisation.setAccessibleName(self.tr("Organisation"))
        self.person = QComboBox(self)
        self.person.setAccessibleName(self.tr("Person"))
        self.field = QComboBox(self)
        self.field.setAccessibleName(self.tr("Who has my…"))
        self.only_old = QCheckBox(self.tr("only an old version"), self)

    def _layout(self) -> None:
        filters = QHBoxLayout()
        for text, widget in (
            (self.tr("Organisation"), self.organisation),
            (self.tr("Person"), self.person),
            (self.tr("Who has my…"), self.field),
        ):
            filters.addWidget(plain_label(text, self, wrap=False))
            filters.addWidget(widget, 1)
        filters.addWidget(self.only_old)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Who knows what"), self, size=1.3), 1)
        top.addWidget(self.export_button)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self._detail_pane())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.result)

    def _detail_pane(self) -> QWidget:
        pane = QWidget(self)
        details = QWidget(pane)
        form = QFormLayout(details)
        for name, label in self.details.items():
            label.setParent(details)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(plain_label(tr(name), details, wrap=False), label)
        area = QScrollArea(pane)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(details)
        actions = QVBoxLayout()
        actions.addWidget(self.save_button)
        for push in self.notice_buttons.values():
            actions.addWidget(push)
        actions.addStretch(1)
        row = QHBoxLayout(pane)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(area, 1)
        row.addLayout(actions)
        return pane

    def _connect(self) -> None:
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_entry(
                self.model.entry(current.row()) if current.isValid() else None
            )
        )
        self.model.modelReset.connect(lambda: self._show_entry(None))
        for combo in (self.organisation, self.person, self.field):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.only_old.toggled.connect(lambda _on: self.apply_filter())
        self.save_button.clicked.connect(self._save_packet)
        for kind, push in self.notice_buttons.items():
            push.clicked.connect(lambda _checked=False, k=kind: self._ask_notice(k))
        self.export_button.clicked.connect(self._export)

    # -- loading -------------------------------------------------------------------

    def start(self) -> None:
        self._context.runner.submit(ledger_flow.load_setup, self._setup_loaded, owner=self)

    def _setup_loaded(self, setup: LedgerSetup) -> None:
        self._people = {p.id: p.name for p in setup.people}
        catalogue = load_catalogue()
        self._fill(
            self.organisation,
            self.tr("All organisations"),
            [(o.name, o.id) for o in setup.organisations],
        )
        self._fill(self.person, self.tr("Everyone"), [(p.name, p.id) for p in setup.people])
        self._fill(
            self.field,
            self.tr("(any field)"),
            [(catalogue.spec_for(k).label, k) for k in setup.field_keys],
        )
        self.apply_filter()

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[str, Any]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def current_filter(self) -> LedgerFilter:
        return LedgerFilter(
            organisation_id=self.organisation.currentData(),
            person_id=self.person.currentData(),
            field_key=self.field.currentData(),
            only_old=self.only_old.isChecked(),
        )

    def apply_filter(self) -> None:
        self.only_old.setEnabled(self.field.currentData() is not None)
        wanted = self.current_filter()

        def fetch(offset: int, limit: int, deliver: Any) -> None:
            self._context.runner.submit(
                ledger_flow.page(wanted, offset, limit), deliver, self._failed, owner=self
            )

        self.model.use(fetch)
        self.model.fetchMore()

    def show_field(self, person_id: int, key: str, only_old: bool = True) -> None:
        """Answer "who has my old …?" for this person and field."""
        for combo, value in ((self.person, person_id), (self.field, key)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.only_old.blockSignals(True)
        self.only_old.setChecked(only_old)
        self.only_old.blockSignals(False)
        self.apply_filter()

    # -- the selected entry --------------------------------------------------------

    def selected(self) -> LedgerEntry | None:
        index = self.table.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def _show_entry(self, entry: LedgerEntry | None) -> None:
        for key, text in _detail_texts(entry).items():
            self.details[key].setText(text)
        sendable = entry is not None and entry.kind in ("disclosure", "update")
        self.save_button.setEnabled(entry is not None)
        for kind, push in self.notice_buttons.items():
            allowed = sendable and (kind != "withdrawal" or entry.status == "active")  # type: ignore[union-attr]
            push.setEnabled(allowed)

    # -- actions -------------------------------------------------------------------

    def _ask_notice(self, kind: str) -> None:
        entry = self.selected()
        if entry is None:
            return
        self._context.runner.submit(
            ledger_flow.earlier_notices(entry.packet_id, kind),
            lambda earlier: self._confirm_notice(entry, kind, earlier),
            self._failed,
            owner=self,
        )

    def _confirm_notice(self, entry: LedgerEntry, kind: str, earlier: list[str]) -> None:
        doing = next(words for k, _t, words in NOTICES if k == kind)
        text = self.tr(
            "Make a signed notice to %1 %2 (sent on %3 for: %4)?\nPont makes the notice and "
            "an email draft; nothing is sent until you send the email."
        )
        if earlier:
            text = self.tr(
                "You already made this notice on %5. Make another one to %1 %2 (sent on %3 "
                "for: %4)?"
            ).replace("%5", formatting.when(earlier[0]))
        for marker, value in (
            ("%1", entry.organisation_name),
            ("%2", tr(doing)),
            ("%3", formatting.when(entry.issued_at)),
            ("%4", entry.purpose),
        ):
            text = text.replace(marker, value)
        self._context.dialogs.confirm(
            self,
            self.tr("Send a notice"),
            text,
            self.tr("Make the notice"),
            lambda yes: yes and self._send_notice(entry.packet_id, kind, again=bool(earlier)),
        )

    def _send_notice(self, packet_id: str, kind: str, *, again: bool = False) -> None:
        folder = self._context.settings.packet_folder()
        self._context.runner.submit(
            ledger_flow.notice(packet_id, kind, folder, again=again),
            self._notice_made,
            self._failed,
            owner=self,
        )

    def _notice_made(self, made: Shared) -> None:
        self.error.clear_message()
        self.result.show_packets([made], self.tr("Notice made. Open the email draft to send it."))
        self.status.emit(self.tr("Notice made for %1.").replace("%1", made.entry.organisation_name))
        self.apply_filter()

    def _save_packet(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        packet_id = entry.packet_id
        self._context.dialogs.choose_save_path(
            self,
            self.tr("Save the signed packet file"),
            f"{packet_id}.sd-jwt",
            self.tr("Signed packets (*.sd-jwt)"),
            lambda path: (
                path
                and self._context.runner.submit(
                    ledger_flow.save_packet(packet_id, path), self._saved, self._failed, owner=self
                )
            ),
        )

    def _saved(self, path: Path) -> None:
        self.status.emit(self.tr("Saved %1.").replace("%1", path.name))

    def _export(self) -> None:
        self._context.dialogs.choose_save_path(
            self,
            self.tr("Export the ledger"),
            "pont-ledger.json",
            self.tr("JSON (*.json)"),
            lambda path: (
                path
                and self._context.runner.submit(
                    ledger_flow.export_ledger(path), self._exported, self._failed, owner=self
                )
            ),
        )

    def _exported(self, count: int) -> None:
        self.status.emit(self.tr("Exported %1 ledger entries.").replace("%1", str(count)))

    def _failed(self, error: BaseException) -> None:
        self.error.show_message(messages.describe(error))


def _detail_texts(entry: LedgerEntry | None) -> dict[str, str]:
    if entry is None:
        return dict.fromkeys(DETAIL_LABELS, "")
    return {
        "What": kind_words(entry.kind),
        "Organisation": entry.organisation_name,
        "Purpose": entry.purpose,
        "Reference": entry.reference or "—",
        "Sent": formatting.when(entry.issued_at),
        "Valid until": formatting.when(entry.expires_at) if entry.expires_at else "—",
        "Status": status_words(entry.status),
        "Fields": _fields_text(entry),
        "Replaces": entry.supersedes or "—",
        "Packet id": entry.packet_id,
    }


def _fields_text(entry: LedgerEntry) -> str:
    if not entry.fields:
        return _sent(entry)
    catalogue = load_catalogue()
    lines = []
    for sent in in_catalogue_order(entry):
        label = catalogue.spec_for(sent.key).label
        form = "" if sent.form == "full" else f", {sent.form.replace('_', ' ')}"
        lines.append(f"{label} (version {sent.version}{form})")
    return "\n".join(lines)
