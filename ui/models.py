"""Qt models for the lists that can grow: people, field history, documents, search hits.

Each holds frozen records handed out by the core and is refilled from a fresh list; the
views show plain text only (item views never guess rich text).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from ui import formatting
from vault.catalogue import load_catalogue
from vault.model import Attachment, FieldVersion, Person, SearchHit

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
RECORD = Qt.ItemDataRole.UserRole


class RecordListModel(QAbstractListModel):
    """A list of records shown through ``describe``; ``RECORD`` role gives the record."""

    def __init__(self, describe: Callable[[Any], str], parent: Any = None) -> None:
        super().__init__(parent)
        self._describe = describe
        self._records: list[Any] = []

    def reset(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def records(self) -> list[Any]:
        return list(self._records)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._records):
            return None
        record = self._records[index.row()]
        if role in (DISPLAY, Qt.ItemDataRole.AccessibleTextRole):
            return self._describe(record)
        if role == RECORD:
            return record
        return None


def describe_person(person: Person) -> str:
    return f"{person.name} (you)" if person.role == "owner" else person.name


def people_model(parent: Any = None) -> RecordListModel:
    return RecordListModel(describe_person, parent)


def describe_hit(hit: SearchHit) -> str:
    spec = load_catalogue().spec_for(hit.key)
    return f"{spec.label}: {hit.text}"


def search_model(parent: Any = None) -> RecordListModel:
    return RecordListModel(describe_hit, parent)


class RecordTableModel(QAbstractTableModel):
    """Rows of records, one column per (heading, cell text) pair."""

    def __init__(
        self, columns: Sequence[tuple[str, Callable[[Any], str]]], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._records: list[Any] = []

    def reset(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self._records[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._records):
            return None
        record = self._records[index.row()]
        if role in (DISPLAY, Qt.ItemDataRole.AccessibleTextRole):
            return self._columns[index.column()][1](record)
        if role == RECORD:
            return record
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self._columns[section][0]
        return None


def history_model(key: str, parent: Any = None) -> RecordTableModel:
    spec = load_catalogue().spec_for(key)

    def value(version: FieldVersion) -> str:
        return formatting.display(spec, version.value)

    return RecordTableModel(
        [
            ("Version", lambda v: str(v.version)),
            ("Changed", lambda v: formatting.when(v.changed_at)),
            ("Value", value),
            ("Source", lambda v: formatting.provenance(v.provenance)),
        ],
        parent,
    )


def _field_of(attachment: Attachment) -> str:
    if attachment.field_key is None:
        return "—"
    return load_catalogue().spec_for(attachment.field_key).label


def attachments_model(parent: Any = None) -> RecordTableModel:
    return RecordTableModel(
        [
            ("Name", lambda a: a.name),
            ("For", _field_of),
            ("Added", lambda a: formatting.when(a.added_at)),
            ("Size", lambda a: f"{max(1, a.document.size // 1024)} KB"),
        ],
        parent,
    )
