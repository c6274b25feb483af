"""The disclosure ledger as a Qt table that loads itself a page at a time.

A vault may hold 10,000 ledger entries; the view asks for more rows only as the person
scrolls (``canFetchMore``/``fetchMore``), and each page is read by the worker. A new
filter starts a new generation, so a late page of the old filter is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui import formatting
from ui.i18n import noop, tr
from ui.packet_words import kind_words, status_words
from vault.catalogue import load_catalogue
from vault.ledger import LedgerEntry, SentField

Index = QModelIndex | QPersistentModelIndex
Deliver = Callable[[list[LedgerEntry]], None]
# fetch(offset, limit, deliver): read a page and hand it to ``deliver`` (on the GUI thread).
PageFetcher = Callable[[int, int, Deliver], None]
DISPLAY = Qt.ItemDataRole.DisplayRole
ENTRY = Qt.ItemDataRole.UserRole
PAGE = 200


def sent_words(entry: LedgerEntry) -> str:
    """What a packet carried, as labels: "First name, Date of birth (over 18)"."""
    if entry.kind not in ("disclosure", "update"):
        return kind_words(entry.kind)
    catalogue = load_catalogue()
    labels = []
    for sent in in_catalogue_order(entry):
        label = catalogue.spec_for(sent.key).label
        labels.append(label if sent.form == "full" else f"{label} ({sent.form.replace('_', ' ')})")
    text = ", ".join(labels)
    return f"{kind_words(entry.kind)}: {text}" if entry.kind == "update" else text


def in_catalogue_order(entry: LedgerEntry) -> list[SentField]:
    """The fields a packet sent, in the order the record shows them (custom ones last)."""
    order = {spec.key: n for n, spec in enumerate(load_catalogue())}
    return sorted(entry.fields, key=lambda f: (order.get(f.key, len(order)), f.key, f.entry))


HEADINGS = (
    noop("Date"),
    noop("Organisation"),
    noop("Person"),
    noop("What was sent"),
    noop("Status"),
)


class LedgerModel(QAbstractTableModel):
    """Columns: date, organisation, person, what was sent, status."""

    HEADINGS = HEADINGS

    def __init__(self, person_name: Callable[[int], str], parent: Any = None) -> None:
        super().__init__(parent)
        self._person_name = person_name
        self._entries: list[LedgerEntry] = []
        self._fetch: PageFetcher | None = None
        self._generation = 0
        self._loading = False
        self._exhausted = True
        self.page_size = PAGE

    def use(self, fetch: PageFetcher | None) -> None:
        """Show the entries ``fetch`` gives (a new filter); starts empty, loads on demand."""
        self.beginResetModel()
        self._generation += 1
        self._entries = []
        self._fetch = fetch
        self._loading = False
        self._exhausted = fetch is None
        self.endResetModel()

    def entry(self, row: int) -> LedgerEntry:
        return self._entries[row]

    @property
    def loading(self) -> bool:
        return self._loading

    # -- lazy loading --------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._loading or self._fetch is None:
            return
        self._loading = True
        generation = self._generation
        self._fetch(
            len(self._entries), self.page_size, lambda page: self._arrived(generation, page)
        )

    def _arrived(self, generation: int, page: list[LedgerEntry]) -> None:
        if generation != self._generation:
            return
        self._exhausted = len(page) < self.page_size
        if page:
            first = len(self._entries)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._entries.extend(page)
            self.endInsertRows()
        # Only now: a view asking for more while the rows go in must wait for this page.
        self._loading = False

    def replace_entry(self, changed: LedgerEntry) -> None:
        """Show a changed entry (a new status) where it is, without reloading."""
        for row, entry in enumerate(self._entries):
            if entry.packet_id == changed.packet_id:
                self._entries[row] = changed
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADINGS) - 1))

    # -- the table -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADINGS)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role in (DISPLAY, Qt.ItemDataRole.AccessibleTextRole):
            return self._cell(entry, index.column())
        if role == ENTRY:
            return entry
        return None

    def _cell(self, entry: LedgerEntry, column: int) -> str:
        match column:
            case 0:
                return formatting.when(entry.issued_at)
            case 1:
                return entry.organisation_name
            case 2:
                return self._person_name(entry.person_id)
            case 3:
                return sent_words(entry)
        return status_words(entry.status)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return tr(self.HEADINGS[section])
        return None
