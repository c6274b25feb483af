"""The people in a vault: its owner and the relatives they look after, and the
authority under which the owner acts for each relative."""

from __future__ import annotations

import json
import unicodedata
import uuid
from collections.abc import Mapping
from datetime import date

from vault.database import Database, query, transaction
from vault.errors import InvalidInput, NotFound
from vault.model import (
    AUTHORITY_DETAILS,
    AUTHORITY_KINDS,
    ROLES,
    Authority,
    Clock,
    Person,
    PersonChanged,
    timestamp,
)
from vault.text import check_name, check_plain
from vault.validate import check_date

_PERSON_COLUMNS = "id, uuid, role, name, created_at"
MAX_NAME = 200
_DATE_DETAILS = ("registered_on", "access_code_expires", "activation_key_expires")


class Keep:
    """The type of :data:`KEEP`: "leave this as it is"."""


KEEP = Keep()


class People:
    """People and authorities of one open vault."""

    def __init__(self, connection: Database, clock: Clock) -> None:
        self._db = connection
        self._clock = clock

    def add(self, name: str, role: str = "relative") -> PersonChanged:
        """Add a person. A vault has at most one owner (the person using Pont)."""
        clean = _clean_name(name)
        if role not in ROLES:
            raise InvalidInput("role", "unknown", role)
        with transaction(self._db):
            if (
                role == "owner"
                and self._db.execute("SELECT 1 FROM people WHERE role = 'owner'").fetchone()
            ):
                raise InvalidInput("role", "owner_exists")
            cursor = self._db.execute(
                "INSERT INTO people (uuid, role, name, created_at) VALUES (?,?,?,?)",
                (str(uuid.uuid4()), role, clean, timestamp(self._clock())),
            )
            person = self.get(int(cursor.lastrowid or 0))
        return PersonChanged(person, created=True)

    def rename(self, person_id: int, name: str) -> PersonChanged:
        clean = _clean_name(name)
        with transaction(self._db):
            self.get(person_id)
            self._db.execute("UPDATE people SET name = ? WHERE id = ?", (clean, person_id))
        return PersonChanged(self.get(person_id), created=False)

    def all(self) -> list[Person]:
        """Owner first, then relatives in the order they were added."""
        rows = query(
            self._db,
            f"SELECT {_PERSON_COLUMNS} FROM people ORDER BY role = 'relative', id",
        )
        return [Person(int(r[0]), r[1], r[2], r[3], r[4]) for r in rows]

    def get(self, person_id: int) -> Person:
        rows = query(self._db, f"SELECT {_PERSON_COLUMNS} FROM people WHERE id = ?", (person_id,))
        if not rows:
            raise NotFound("person", str(person_id))
        r = rows[0]
        return Person(int(r[0]), r[1], r[2], r[3], r[4])

    def find(self, name_or_id: str) -> Person:
        """A person by id, uuid, name, or a word of their name that only they have (CLI)."""
        people = self.all()
        wanted = unicodedata.normalize("NFC", name_or_id).casefold()  # names are stored NFC
        for person in people:
            if name_or_id in (str(person.id), person.uuid) or person.name.casefold() == wanted:
                return person
        by_word = [p for p in people if wanted in p.name.casefold().split()]
        if len(by_word) == 1:
            return by_word[0]
        if by_word:
            raise InvalidInput("person", "ambiguous", name_or_id)
        raise NotFound("person", name_or_id)

    def owner(self) -> Person | None:
        return next((p for p in self.all() if p.role == "owner"), None)

    # -- authority ---------------------------------------------------------------

    def set_authority(
        self,
        person_id: int,
        kind: str,
        details: Mapping[str, str | None],
        document_id: int | Keep | None = KEEP,
    ) -> Authority:
        """Record the authority under which the owner acts for a relative.

        Re-recording keeps every detail not named: a named detail replaces the old one, a
        blank (or None) one removes it. ``document_id`` KEEP keeps the scan, None removes it.
        """
        if kind not in AUTHORITY_KINDS:
            raise InvalidInput("authority", "unknown_kind", kind)
        with transaction(self._db):
            if self.get(person_id).role != "relative":
                raise InvalidInput("authority", "owner_needs_none")
            before = self.authority(person_id)
            merged = dict(before.details) if before else {}
            merged.update({k: v or "" for k, v in details.items()})
            clean = _clean_details(merged)
            if isinstance(document_id, Keep):
                document_id = before.document_id if before else None
            self._db.execute(
                "INSERT OR REPLACE INTO authorities"
                " (person_id, kind, details, document_id, updated_at) VALUES (?,?,?,?,?)",
                (person_id, kind, json.dumps(clean), document_id, timestamp(self._clock())),
            )
        authority = self.authority(person_id)
        assert authority is not None
        return authority

    def authority(self, person_id: int) -> Authority | None:
        rows = query(
            self._db,
            "SELECT person_id, kind, details, document_id, updated_at FROM authorities"
            " WHERE person_id = ?",
            (person_id,),
        )
        if not rows:
            return None
        r = rows[0]
        return Authority(int(r[0]), r[1], json.loads(r[2]), r[3], r[4])

    def expiring_authorities(self, within_days: int, today: date) -> list[tuple[Person, str, str]]:
        """(person, detail, date) for access codes or activation keys expiring soon or past."""
        due: list[tuple[Person, str, str]] = []
        for person in self.all():
            authority = self.authority(person.id)
            if authority is None:
                continue
            for detail in ("access_code_expires", "activation_key_expires"):
                when = authority.details.get(detail)
                if when and (date.fromisoformat(when) - today).days <= within_days:
                    due.append((person, detail, when))
        return due


def _clean_name(name: str) -> str:
    return check_name(name, "name", limit=MAX_NAME)


def _clean_details(details: dict[str, str]) -> dict[str, str]:
    clean: dict[str, str] = {}
    for key, value in details.items():
        if key not in AUTHORITY_DETAILS:
            raise InvalidInput(f"authority.{key}", "unknown")
        if not str(value).strip():
            continue
        text = check_plain(str(value), f"authority.{key}", limit=2000)
        if key in _DATE_DETAILS:
            text = check_date(text, f"authority.{key}")
        clean[key] = text
    return clean
