"""People's fields: current values, every past version, provenance, and search.

A field is a catalogue key (``familyName``, ``address``, ``custom:Library card``) with
one entry, or several for repeatable fields (addresses, phones, medications). Every
write keeps the previous value as a version; nothing is overwritten in place.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from typing import Any

from vault.catalogue import load_catalogue
from vault.database import Database, query, transaction
from vault.errors import InvalidInput, NotFound
from vault.model import (
    PROVENANCES,
    Clock,
    Field,
    FieldChanged,
    FieldVersion,
    JSONValue,
    SearchHit,
    timestamp,
)
from vault.timeline import current_entries, current_entry, move
from vault.validate import normalise

_FIELD_COLUMNS = "person_id, key, entry, value, version, provenance, document_id, updated_at"
_VERSION_COLUMNS = "person_id, key, entry, version, value, provenance, document_id, changed_at"


class Profiles:
    """Fields of every person in one open vault."""

    def __init__(self, connection: Database, clock: Clock) -> None:
        self._db = connection
        self._clock = clock

    # -- reading -----------------------------------------------------------------

    def fields(self, person_id: int) -> list[Field]:
        """Every current field of a person, in key then entry order."""
        rows = query(
            self._db,
            f"SELECT {_FIELD_COLUMNS} FROM fields WHERE person_id = ? ORDER BY key, entry",
            (person_id,),
        )
        return [_field(row) for row in rows]

    def get(self, person_id: int, key: str, entry: int = 0) -> Field:
        rows = query(
            self._db,
            f"SELECT {_FIELD_COLUMNS} FROM fields WHERE person_id = ? AND key = ? AND entry = ?",
            (person_id, key, entry),
        )
        if not rows:
            raise NotFound("field", f"{key}[{entry}]")
        return _field(rows[0])

    def entries(self, person_id: int, key: str) -> list[Field]:
        rows = query(
            self._db,
            f"SELECT {_FIELD_COLUMNS} FROM fields WHERE person_id = ? AND key = ? ORDER BY entry",
            (person_id, key),
        )
        return [_field(row) for row in rows]

    def history(self, person_id: int, key: str, entry: int = 0) -> list[FieldVersion]:
        """Every version of one field entry, oldest first."""
        rows = query(
            self._db,
            f"SELECT {_VERSION_COLUMNS} FROM field_versions"
            " WHERE person_id = ? AND key = ? AND entry = ? ORDER BY version",
            (person_id, key, entry),
        )
        return [_version(row) for row in rows]

    def all_versions(self, person_id: int, key: str) -> list[FieldVersion]:
        """Every version of every entry of a field (removed entries too), by entry then
        version: the field's whole past, for telling what an organisation was sent."""
        rows = query(
            self._db,
            f"SELECT {_VERSION_COLUMNS} FROM field_versions"
            " WHERE person_id = ? AND key = ? ORDER BY entry, version",
            (person_id, key),
        )
        return [_version(row) for row in rows]

    def search(self, text: str, person_id: int | None = None, limit: int = 200) -> list[SearchHit]:
        """Fields whose value contains every word of ``text`` (prefix match, accents ignored)."""
        match = _fts_query(text)
        if not match:
            return []
        sql = "SELECT person_id, key, entry, text FROM field_search WHERE field_search MATCH ?"
        params: tuple[Any, ...] = (match,)
        if person_id is not None:
            sql += " AND person_id = ?"
            params += (person_id,)
        rows = query(self._db, sql + " ORDER BY rank LIMIT ?", (*params, limit))
        return [SearchHit(int(r[0]), r[1], int(r[2]), r[3]) for r in rows]

    # -- writing -----------------------------------------------------------------

    def set(
        self,
        person_id: int,
        key: str,
        value: object,
        *,
        entry: int | None = None,
        provenance: str = "self",
        document_id: int | None = None,
    ) -> FieldChanged:
        """Validate and store a value, keeping the old one as a version.

        ``entry=None`` means: entry 0 of a single field, a new entry of a list, and a move
        for a succession (the current address ends the day before the new one starts;
        :func:`vault.timeline.move`). A number changes (corrects) that entry.
        """
        spec = load_catalogue().spec_for(key)
        today = self._clock().date()
        clean = normalise(spec, value, today=today)
        if provenance not in PROVENANCES:
            raise InvalidInput("provenance", "unknown", provenance)
        if provenance == "document" and document_id is None:
            raise InvalidInput("provenance", "document_missing")
        with transaction(self._db):
            if entry is None and spec.succession:
                return self._move(person_id, key, clean, provenance, document_id, today)
            if entry is None:
                entry = self._next_entry(person_id, key) if spec.repeatable else 0
            elif entry != 0 and not spec.repeatable:
                raise InvalidInput(key, "not_repeatable")
            return self._write(person_id, key, entry, clean, provenance, document_id)

    def current(self, person_id: int, key: str) -> list[Field]:
        """The current value of a field: its one entry, every entry of a list, or the
        entry of a succession that holds today (none when every address has ended)."""
        spec = load_catalogue().spec_for(key)
        return current_entries(spec, self.entries(person_id, key), self._clock().date())

    def set_many(self, person_id: int, values: dict[str, object]) -> list[FieldChanged]:
        """Set several single-entry fields in one transaction (one durable commit)."""
        catalogue = load_catalogue()
        today = self._clock().date()
        clean = {k: normalise(catalogue.spec_for(k), v, today=today) for k, v in values.items()}
        with transaction(self._db):
            return [self._write(person_id, k, 0, v, "self", None) for k, v in clean.items()]

    def remove(self, person_id: int, key: str, entry: int = 0) -> FieldChanged:
        """Remove an entry; its history stays (and can be restored)."""
        with transaction(self._db):
            current = self._current(person_id, key, entry)
            if current is None:
                raise NotFound("field", f"{key}[{entry}]")
            version = current[0] + 1
            self._db.execute(
                f"INSERT INTO field_versions ({_VERSION_COLUMNS}) VALUES (?,?,?,?,NULL,?,NULL,?)",
                (person_id, key, entry, version, "self", self._now()),
            )
            self._db.execute(
                "DELETE FROM fields WHERE person_id = ? AND key = ? AND entry = ?",
                (person_id, key, entry),
            )
            self._unindex(current[4])
        return FieldChanged(person_id, key, entry, version, current[0], True, removed=True)

    def restore(self, person_id: int, key: str, entry: int, version: int) -> FieldChanged:
        """Make an earlier version current again (as a new version)."""
        old = next((v for v in self.history(person_id, key, entry) if v.version == version), None)
        if old is None or old.value is None:
            raise NotFound("version", f"{key}[{entry}] v{version}")
        with transaction(self._db):
            return self._write(person_id, key, entry, old.value, old.provenance, old.document_id)

    def erase(self, person_id: int, key: str, entry: int | None = None) -> int:
        """Delete a field and all its history for good; returns the versions erased.

        The caller (``Vault.erase``) then checkpoints and vacuums so no old page image
        survives in the WAL or free pages (T11).
        """
        where = "person_id = ? AND key = ?" + ("" if entry is None else " AND entry = ?")
        params: tuple[Any, ...] = (person_id, key) if entry is None else (person_id, key, entry)
        with transaction(self._db):
            cursor = self._db.execute(f"DELETE FROM field_versions WHERE {where}", params)
            erased = int(cursor.rowcount)
            for (search_rowid,) in self._db.execute(
                f"SELECT search_rowid FROM fields WHERE {where}", params
            ).fetchall():
                self._unindex(search_rowid)
            self._db.execute(f"DELETE FROM fields WHERE {where}", params)
        return erased

    # -- internals ---------------------------------------------------------------

    def _move(
        self,
        person_id: int,
        key: str,
        value: JSONValue,
        provenance: str,
        document_id: int | None,
        today: date,
    ) -> FieldChanged:
        plan = move(current_entry(self.entries(person_id, key), today), value, today)
        if plan.ended is not None:
            ended = plan.ended
            self._write(
                person_id, key, ended.entry, plan.ended_value, ended.provenance, ended.document_id
            )
        entry = self._next_entry(person_id, key) if plan.entry is None else plan.entry
        change = self._write(person_id, key, entry, plan.value, provenance, document_id)
        return replace(change, ended=None if plan.ended is None else plan.ended.entry)

    def _write(
        self,
        person_id: int,
        key: str,
        entry: int,
        value: JSONValue,
        provenance: str,
        document_id: int | None,
    ) -> FieldChanged:
        encoded = json.dumps(value, ensure_ascii=False, sort_keys=True)
        current = self._current(person_id, key, entry)
        if current is not None and current[1:4] == (encoded, provenance, document_id):
            return FieldChanged(person_id, key, entry, current[0], current[0], False)
        version = _next_version(self._db, person_id, key, entry)
        now = self._now()
        self._db.execute(
            f"INSERT INTO field_versions ({_VERSION_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)",
            (person_id, key, entry, version, encoded, provenance, document_id, now),
        )
        if current is not None:
            self._unindex(current[4])
        search_rowid = self._db.execute(
            "INSERT INTO field_search (text, person_id, key, entry) VALUES (?,?,?,?)",
            (_searchable(value), person_id, key, entry),
        ).lastrowid
        self._db.execute(
            f"INSERT OR REPLACE INTO fields ({_FIELD_COLUMNS}, search_rowid)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            (person_id, key, entry, encoded, version, provenance, document_id, now, search_rowid),
        )
        previous = None if current is None else current[0]
        return FieldChanged(person_id, key, entry, version, previous, True)

    def _current(self, person_id: int, key: str, entry: int) -> tuple[Any, ...] | None:
        row = self._db.execute(
            "SELECT version, value, provenance, document_id, search_rowid FROM fields"
            " WHERE person_id = ? AND key = ? AND entry = ?",
            (person_id, key, entry),
        ).fetchone()
        return None if row is None else tuple(row)

    def _next_entry(self, person_id: int, key: str) -> int:
        row = self._db.execute(
            "SELECT max(entry) FROM field_versions WHERE person_id = ? AND key = ?",
            (person_id, key),
        ).fetchone()
        return 0 if row[0] is None else int(row[0]) + 1

    def _unindex(self, search_rowid: int | None) -> None:
        # By rowid: the other columns are UNINDEXED, so matching them would scan the index.
        if search_rowid is not None:
            self._db.execute("DELETE FROM field_search WHERE rowid = ?", (search_rowid,))

    def _now(self) -> str:
        return timestamp(self._clock())


def _next_version(db: Database, person_id: int, key: str, entry: int) -> int:
    row = db.execute(
        "SELECT max(version) FROM field_versions WHERE person_id = ? AND key = ? AND entry = ?",
        (person_id, key, entry),
    ).fetchone()
    return 1 if row[0] is None else int(row[0]) + 1


def _field(row: Any) -> Field:
    return Field(
        int(row[0]), row[1], int(row[2]), json.loads(row[3]), int(row[4]), row[5], row[6], row[7]
    )


def _version(row: Any) -> FieldVersion:
    value = None if row[4] is None else json.loads(row[4])
    person_id, key, entry, version = int(row[0]), row[1], int(row[2]), int(row[3])
    return FieldVersion(person_id, key, entry, version, value, row[5], row[6], row[7])


def _searchable(value: JSONValue) -> str:
    if isinstance(value, dict):
        return " ".join(_searchable(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(_searchable(v) for v in value)
    return "" if value is None else str(value)


def _fts_query(text: str) -> str:
    # Only runs of letters and digits survive, each a quoted prefix term, so nothing typed
    # (quotes, operators, control characters) is read as FTS syntax.
    return " ".join(f'"{word}"*' for word in re.findall(r"\w+", text))
