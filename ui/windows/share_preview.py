"""Share, steps 3 and 4: exactly what will be sent, then the files made.

The preview shows the PDF's pages themselves (laid out by the core as signing will lay
them out, drawn by PDFium in the worker, ``ui.pdf_pages``), and beside them the same
content as text (the core's ``PacketSummary``, section by section), which screen readers
can read and which appears at once while the pages are drawn.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui import messages
from ui.context import AppContext
from ui.models import RecordTableModel
from ui.pdf_pages import PageImage
from ui.share_flow import confirmations_note
from ui.widgets import Banner, InlineError, PassphraseField, button, heading, plain_label
from ui.windows.packet_result import PacketResult
from vault.packets.pdf import MIN_PASSWORD, PacketSummary, details_rows, plain
from vault.share import MAX_DAYS, Prepared, Shared

REPREPARE_MS = 300


class SummaryView(QWidget):
    """The PDF's content as read-only plain text: details, fields, terms."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading("", self, size=1.2)
        self.acting = Banner(self)
        self.details = QFormLayout()
        self.fields_model = RecordTableModel(
            [
                (self.tr("Item"), lambda f: f.label),
                (self.tr("Value"), lambda f: f.value),
                (self.tr("Evidence"), lambda f: f.provenance),
            ],
            self,
        )
        self.fields = QTableView(self)
        self.fields.setModel(self.fields_model)
        self.fields.setAccessibleName(self.tr("The information disclosed"))
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.verticalHeader().hide()
        self.fields.setWordWrap(True)
        header = self.fields.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.terms = plain_label("", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.acting)
        layout.addLayout(self.details)
        layout.addWidget(heading(self.tr("The information disclosed"), self, size=1.05))
        layout.addWidget(self.fields)
        layout.addWidget(heading(self.tr("Consent and retention terms"), self, size=1.05))
        layout.addWidget(self.terms)

    def show_summary(self, summary: PacketSummary) -> None:
        self.title.setText(plain(summary.title))
        self.acting.show_text(plain(summary.acting_statement or ""))
        while self.details.rowCount():
            self.details.removeRow(0)
        for label, value in details_rows(summary):
            self.details.addRow(plain_label(label, self), plain_label(value, self))
        self.fields_model.reset(summary.fields)
        self.fields.resizeRowsToContents()
        rows = sum(self.fields.rowHeight(r) for r in range(len(summary.fields)))
        height = rows + self.fields.horizontalHeader().height() + 2 * self.fields.frameWidth()
        self.fields.setFixedHeight(min(420, height + 2))
        self.terms.setText(
            "\n".join("• " + plain(line, multiline=True) for line in summary.consent_lines)
        )

    def texts(self) -> list[str]:
        """Every text of the preview, the fields table's cells included (for checks)."""
        cells = [
            str(self.fields_model.index(r, c).data())
            for r in range(self.fields_model.rowCount())
            for c in range(self.fields_model.columnCount())
        ]
        labels = [w.text() for w in self.findChildren(type(self.title))]
        return labels + cells


class PagesView(QScrollArea):
    """The PDF's pages as pictures, each as wide as the view allows (at most its own size)."""

    MARGIN = 24

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(self.tr("The PDF's pages"))
        column = QWidget(self)
        self._layout = QVBoxLayout(column)
        self._layout.setSpacing(self.MARGIN // 2)
        self.note = plain_label("", column)
        self._layout.addWidget(self.note)
        self._layout.addStretch(1)
        self.setWidget(column)
        self.images: list[QImage] = []
        self._labels: list[QLabel] = []
        self.show_note(self.tr("Drawing the pages…"))

    def show_note(self, text: str) -> None:
        self._clear()
        self.note.setText(text)
        self.note.show()

    def show_pages(self, pages: list[PageImage]) -> None:
        self._clear()
        self.note.hide()
        self.images = [to_image(page) for page in pages]
        for number, _image in enumerate(self.images, start=1):
            label = plain_label("", self.widget(), wrap=False)
            label.setAccessibleName(
                self.tr("Page %1 of %2").replace("%1", str(number)).replace("%2", str(len(pages)))
            )
            self._layout.insertWidget(self._layout.count() - 1, label)
            self._labels.append(label)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = max(200, self.viewport().width() - 2 * self.MARGIN)
        for label, image in zip(self._labels, self.images, strict=True):
            smooth = Qt.TransformationMode.SmoothTransformation
            shown = image if image.width() <= width else image.scaledToWidth(width, smooth)
            label.setPixmap(QPixmap.fromImage(shown))

    def _clear(self) -> None:
        for label in self._labels:
            self._layout.removeWidget(label)
            label.deleteLater()
        self._labels = []
        self.images = []


def to_image(page: PageImage) -> QImage:
    """A ``QImage`` owning a copy of the page's pixels."""
    view = QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGBX8888)
    return view.copy()


class PreviewStep(QWidget):
    """Emits ``valid_days_changed(n)`` (to prepare again), ``back`` and ``sign``."""

    valid_days_changed = Signal(int)
    confirmations_changed = Signal(bool)  # True: carry them (prepare again)
    back = Signal()
    sign = Signal()
    change_folder = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prepared: Prepared | None = None
        self.pages = PagesView(self)
        self.summary = SummaryView(self)
        text = QScrollArea(self)
        text.setWidgetResizable(True)
        text.setWidget(self.summary)
        self.views = QTabWidget(self)
        self.views.addTab(self.pages, self.tr("The PDF"))
        self.views.addTab(text, self.tr("As text"))
        self.note = plain_label(
            self.tr(
                "These are the pages of the PDF that will be signed, and all the information "
                "it carries. The key fingerprint is added when you sign."
            ),
            self,
        )
        self.valid_days = QSpinBox(self)
        self.valid_days.setRange(1, MAX_DAYS)
        self.valid_days.setSuffix(self.tr(" days"))
        self.valid_days.setAccessibleName(self.tr("Valid for"))
        # Issuer names are outside text: the Banner's label is plain text.
        self.confirmations = Banner(self)
        self.leave_out = QCheckBox(self.tr("Leave the confirmations out"), self)
        self.leave_out.setToolTip(
            self.tr(
                "Send these fields without the organisations' confirmations. Nothing then links "
                "this packet to the confirmations' key; the fields count as your own entries."
            )
        )
        self.leave_out.hide()
        self._options()
        self.folder = plain_label("", self)
        self.folder_button = button(self.tr("Change folder…"), self)
        self.error = InlineError(self)
        self.back_button = button(self.tr("Back"), self)
        self.sign_button = button(self.tr("Sign and create"), self, default=True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REPREPARE_MS)
        self._layout()
        self._connect()

    def _options(self) -> None:
        self.protect = QCheckBox(self.tr("Protect the PDF with a one-off password"), self)
        self.password = PassphraseField(self.tr("One-off password"), self)
        self.repeat = PassphraseField(self.tr("The password again"), self)
        self.encrypt = QCheckBox(self.tr("Encrypt for this organisation"), self)
        for field in (self.password, self.repeat):
            field.setVisible(False)

    def _layout(self) -> None:
        days = QHBoxLayout()
        days.addWidget(plain_label(self.tr("Valid for"), self, wrap=False))
        days.addWidget(self.valid_days)
        days.addStretch(1)
        days.addWidget(self.folder, 1)
        days.addWidget(self.folder_button)
        secret = QHBoxLayout()
        secret.addWidget(self.protect)
        secret.addWidget(self.password, 1)
        secret.addWidget(self.repeat, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.sign_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Share — step 3 of 4: check and sign"), self, size=1.3))
        layout.addWidget(self.note)
        layout.addWidget(self.confirmations)
        layout.addWidget(self.leave_out)
        layout.addWidget(self.views, 1)
        layout.addLayout(days)
        layout.addLayout(secret)
        layout.addWidget(self.encrypt)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self.valid_days.valueChanged.connect(lambda _v: self._timer.start())
        self._timer.timeout.connect(lambda: self.valid_days_changed.emit(self.valid_days.value()))
        self.protect.toggled.connect(self._protect_toggled)
        self.encrypt.toggled.connect(lambda on: on and self.protect.setChecked(False))
        self.leave_out.toggled.connect(lambda out: self.confirmations_changed.emit(not out))
        self.back_button.clicked.connect(self.back)
        self.sign_button.clicked.connect(self._sign)
        self.folder_button.clicked.connect(self.change_folder)

    def _protect_toggled(self, on: bool) -> None:
        self.password.setVisible(on)
        self.repeat.setVisible(on)
        if on:
            self.encrypt.setChecked(False)
            self.password.setFocus()

    def start(self, days: int, has_key: bool) -> None:
        self.valid_days.blockSignals(True)
        self.valid_days.setValue(days)
        self.valid_days.blockSignals(False)
        self.protect.setChecked(False)
        self.password.clear()
        self.repeat.clear()
        self.encrypt.setChecked(False)
        self.encrypt.setVisible(has_key)
        self.leave_out.blockSignals(True)
        self.leave_out.setChecked(False)
        self.leave_out.blockSignals(False)
        self.leave_out.hide()
        self.error.clear_message()

    def carry_confirmations(self) -> bool:
        return not self.leave_out.isChecked()

    def show_prepared(self, prepared: Prepared) -> None:
        self.prepared = prepared
        self._show_confirmations(prepared)
        self.summary.show_summary(prepared.summary)
        self.pages.show_note(self.tr("Drawing the pages…"))
        self.sign_button.setEnabled(True)

    def _show_confirmations(self, prepared: Prepared) -> None:
        """Say which confirmations go and what they reveal; once there were some, the choice
        to leave them out stays offered (checked, the packet carries none)."""
        if prepared.confirmations:
            self.leave_out.show()
            self.confirmations.show_text(confirmations_note(prepared.confirmations))
        elif self.leave_out.isChecked():
            self.confirmations.show_text(
                self.tr("The confirmations are left out: these fields go as your own entries.")
            )
        else:
            self.leave_out.hide()
            self.confirmations.show_text("")

    def show_pages(self, drawn: tuple[str, list[PageImage]]) -> None:
        packet_id, pages = drawn
        if self.prepared is not None and self.prepared.packet_id == packet_id:  # not stale
            self.pages.show_pages(pages)

    def pages_failed(self, error: BaseException) -> None:
        self.pages.show_note(
            self.tr(
                "The pages could not be drawn (%1). The “As text” tab shows all they say."
            ).replace("%1", messages.describe(error))
        )

    def show_folder(self, folder: Path) -> None:
        self.folder.setText(self.tr("Files go to: %1").replace("%1", str(folder)))

    def chosen_password(self) -> str | None:
        return self.password.text() if self.protect.isChecked() else None

    def _sign(self) -> None:
        if self.protect.isChecked():
            if len(self.password.text()) < MIN_PASSWORD:
                self.error.show_message(self.tr("The password needs at least 8 characters"))
                self.password.select_all_and_focus()
                return
            if self.password.text() != self.repeat.text():
                self.error.show_message(self.tr("The two passwords are not the same"))
                self.repeat.select_all_and_focus()
                return
        self.error.clear_message()
        self.sign_button.setEnabled(False)
        self.sign.emit()


class DoneStep(QWidget):
    """The files made, the packet id, and the password shown this once."""

    again = Signal()
    see_ledger = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = plain_label("", self)
        self.password = Banner(self)
        self.result = PacketResult(context, self)
        self.again_button = button(self.tr("Share something else"), self)
        self.ledger_button = button(self.tr("See who knows what"), self)
        actions = QHBoxLayout()
        actions.addWidget(self.again_button)
        actions.addWidget(self.ledger_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Share — step 4 of 4: ready to send"), self, size=1.3))
        layout.addWidget(self.message)
        layout.addWidget(self.password)
        layout.addWidget(self.result)
        layout.addStretch(1)
        layout.addLayout(actions)
        self.again_button.clicked.connect(self.again)
        self.ledger_button.clicked.connect(self.see_ledger)

    def show_shared(self, shared: Shared, password: str | None) -> None:
        folder = next(iter(shared.files.values())).parent
        self.message.setText(
            self.tr(
                "Signed and saved in %1. Open the email draft to send it, or show the folder "
                "and attach the files to an email yourself. Packet id: %2"
            )
            .replace("%1", str(folder))
            .replace("%2", shared.packet_id)
        )
        self.password.show_text(
            self.tr(
                "The PDF's one-off password is: %1\nGive it to them by phone, not in the email. "
                "It is shown only now."
            ).replace("%1", password)
            if password
            else ""
        )
        self.result.show_packets([shared])

    def forget_password(self) -> None:
        self.password.show_text("")
