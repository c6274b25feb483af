"""The disclosure ledger: every packet that left the vault, and who holds which value.

Each entry records the organisation, purpose, reference, which field versions went (in
which form), when, until when, by which channel, which key signed it, and its status.
It answers "who has my old address?" and drives "tell them once" and withdrawal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from vault.database import Database, query, transaction
from vault.errors import InvalidInput, NotFound
from vault.model import Clock, timestamp

STATUSES = ("active", "superseded", "withdrawn", "expired")
KINDS = ("disclosure", "update", "withdrawal", "erasure", "access", "objection")
CHANNELS = ("email", "file")
SHORT_ID = 8  # the packet id's first characters, as in file names

_ENTRY_COLUMNS = (
    "p.id, p.packet_id, p.kind, p.person_id, p.organisation_id, o.name, p.holder_key_id,"
    " p.purpose, p.reference, p.issued_at, p.expires_at, p.channel, p.status, p.supersedes,"
    " COALESCE(pe.name, '')"
)
_FROM = (
    " FROM packets p JOIN organisations o ON o.id = p.organisation_id"
    " LEFT JOIN people pe ON pe.id = p.person_id"
)


@dataclass(frozen=True)
class SentField:
    """One field version that went out in a packet, and in which form (``full`` or derived)."""

    key: str
    entry: int
    version: int
    form: str


@dataclass(frozen=True)
class LedgerEntry:
    row: int
    packet_id: str
    kind: str
    person_id: int
    organisation_id: int
    organisation_name: str
    holder_key_id: int
    purpose: str
    reference: str | None
    issued_at: str
    expires_at: str | None
    channel: str
    status: str
    supersedes: str | None
    fields: tuple[SentField, ...]
    person_name: str = ""

    def fields_text(self) -> str:
        """What was sent, in one line: ``telephone, birthDate (over_18)``."""
        return ", ".join(f.key if f.form == "full" else f"{f.key} ({f.form})" for f in self.fields)


@dataclass(frozen=True)
class NewEntry:
    """What ``Ledger.record`` needs; ``machine_packet`` is kept so a past packet can be reopened."""

    packet_id: str
    kind: str
    person_id: int
    organisation_id: int
    holder_key_id: int
    purpose: str
    reference: str | None
    request: dict[str, Any] | None
    issued_at: datetime
    expires_at: datetime | None
    channel: str
    supersedes: str | None
    machine_packet: bytes
    fields: tuple[SentField, ...]


class Ledger:
    """The disclosure ledger of one open vault."""

    def __init__(self, connection: Database, clock: Clock) -> None:
        self._db = connection
        self._clock = clock

    def record(self, new: NewEntry) -> LedgerEntry:
        """Add an entry; an entry it supersedes becomes ``superseded``. One transaction."""
        if new.kind not in KINDS or new.channel not in CHANNELS:
            raise InvalidInput("ledger", "kind_or_channel", f"{new.kind}/{new.channel}")
        with transaction(self._db):
            row = self._insert(new)
            self._db.executemany(
                "INSERT INTO packet_fields (packet_row, key, entry, version, form)"
                " VALUES (?,?,?,?,?)",
                [(row, f.key, f.entry, f.version, f.form) for f in new.fields],
            )
            if new.supersedes and new.kind == "update":
                self._set_status_where("packet_id = ?", (new.supersedes,), "superseded")
        return self.get(new.packet_id)

    def forget(self, packet_id: str) -> None:
        """Remove an entry whose files could not be written (it never left the vault).

        An update that never left did not replace anything: its original is active again.
        """
        entry = self.get(packet_id)
        with transaction(self._db):
            self._db.execute("DELETE FROM packets WHERE packet_id = ?", (packet_id,))
            if entry.kind == "update" and entry.supersedes:
                self._set_status_where(
                    "packet_id = ? AND status = 'superseded'", (entry.supersedes,), "active"
                )

    def set_status(self, packet_id: str, status: str) -> LedgerEntry:
        if status not in STATUSES:
            raise InvalidInput("status", "unknown", status)
        with transaction(self._db):
            self.get(packet_id)
            self._set_status_where("packet_id = ?", (packet_id,), status)
        return self.get(packet_id)

    def get(self, packet_id: str) -> LedgerEntry:
        entries = self._select("WHERE p.packet_id = ?", (packet_id,))
        if not entries:
            raise NotFound("packet", packet_id)
        return entries[0]

    def find(self, packet_id: str) -> LedgerEntry:
        """The entry with this id, or the one entry whose id starts with it (the short id
        in file names: at least 8 characters)."""
        text = packet_id.strip().lower()
        if len(text) < SHORT_ID:
            raise InvalidInput("packet", "id_too_short", f"give at least {SHORT_ID} characters")
        rows = query(
            self._db,
            "SELECT packet_id FROM packets WHERE packet_id >= ? AND packet_id < ? LIMIT 2",
            (text, text + "\uffff"),
        )
        if not rows:
            raise NotFound("packet", packet_id)
        if len(rows) > 1 and not any(r[0] == text for r in rows):
            raise InvalidInput("packet", "ambiguous_id", "give more of the packet id")
        return self.get(text if any(r[0] == text for r in rows) else rows[0][0])

    def machine_packet(self, packet_id: str) -> bytes:
        rows = query(
            self._db, "SELECT machine_packet FROM packets WHERE packet_id = ?", (packet_id,)
        )
        if not rows:
            raise NotFound("packet", packet_id)
        return bytes(rows[0][0])

    def request(self, packet_id: str) -> dict[str, Any] | None:
        rows = query(self._db, "SELECT request FROM packets WHERE packet_id = ?", (packet_id,))
        if not rows:
            raise NotFound("packet", packet_id)
        return None if rows[0][0] is None else dict(json.loads(rows[0][0]))

    # -- queries ---------------------------------------------------------------------

    def entries(
        self,
        *,
        organisation_id: int | None = None,
        person_id: int | None = None,
        limit: int = 1000,
        offset: int = 0,
    ) -> list[LedgerEntry]:
        """Newest first, optionally for one organisation and/or person (paged)."""
        where, params = [], []
        for column, value in (("p.organisation_id", organisation_id), ("p.person_id", person_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        return self._select(
            f"{clause} ORDER BY p.issued_at DESC, p.id DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )

    def count(self) -> int:
        return int(query(self._db, "SELECT count(*) FROM packets")[0][0])

    def holders_of(self, person_id: int, key: str, entry: int | None = None) -> list[LedgerEntry]:
        """Active entries that sent this field ("who has my address?"); which of them hold
        a value that is no longer right is ``vault.updates``' question."""
        sql = (
            "WHERE p.person_id = ? AND p.status = 'active' AND p.kind IN ('disclosure', 'update')"
            " AND EXISTS (SELECT 1 FROM packet_fields f WHERE f.packet_row = p.id AND f.key = ?"
        )
        params: list[Any] = [person_id, key]
        if entry is not None:
            sql += " AND f.entry = ?"
            params.append(entry)
        return self._select(sql + ") ORDER BY p.issued_at DESC", tuple(params))

    def expire_due(self) -> int:
        """Mark active entries past their expiry as expired; returns how many."""
        now = timestamp(self._clock())
        with transaction(self._db):
            cursor = self._db.execute(
                "UPDATE packets SET status = 'expired'"
                " WHERE status = 'active' AND expires_at IS NOT NULL AND expires_at <= ?",
                (now,),
            )
        return int(cursor.rowcount)

    def export(self) -> list[dict[str, Any]]:
        """Every entry as plain data (for the ledger export and ``export-all``)."""
        from dataclasses import asdict

        return [asdict(e) for e in self.entries(limit=1_000_000)]

    # -- internals -------------------------------------------------------------------

    def _insert(self, new: NewEntry) -> int:
        cursor = self._db.execute(
            "INSERT INTO packets (packet_id, kind, person_id, organisation_id, holder_key_id,"
            " purpose, reference, request, issued_at, expires_at, channel, status, supersedes,"
            " machine_packet) VALUES (?,?,?,?,?,?,?,?,?,?,?,'active',?,?)",
            (
                new.packet_id,
                new.kind,
                new.person_id,
                new.organisation_id,
                new.holder_key_id,
                new.purpose,
                new.reference,
                None if new.request is None else json.dumps(new.request, sort_keys=True),
                timestamp(new.issued_at),
                None if new.expires_at is None else timestamp(new.expires_at),
                new.channel,
                new.supersedes,
                new.machine_packet,
            ),
        )
        return int(cursor.lastrowid or 0)

    def _set_status_where(self, where: str, params: tuple[Any, ...], status: str) -> None:
        self._db.execute(f"UPDATE packets SET status = ? WHERE {where}", (status, *params))

    def _select(self, clause: str, params: tuple[Any, ...]) -> list[LedgerEntry]:
        rows = query(self._db, f"SELECT {_ENTRY_COLUMNS}{_FROM} {clause}", params)
        return [self._entry(r) for r in rows]

    def _entry(self, r: Any) -> LedgerEntry:
        fields = tuple(
            SentField(f[0], int(f[1]), int(f[2]), f[3])
            for f in self._db.execute(
                "SELECT key, entry, version, form FROM packet_fields WHERE packet_row = ?"
                " ORDER BY key, entry",
                (r[0],),
            )
        )
        return LedgerEntry(
            int(r[0]),
            r[1],
            r[2],
            int(r[3]),
            int(r[4]),
            r[5],
            int(r[6]),
            r[7],
            r[8],
            r[9],
            r[10],
            r[11],
            r[12],
            r[13],
            fields,
            r[14],
        )


# -- export files ------------------------------------------------------------------------

EXPORT_FORMATS = ("csv", "json")
CSV_COLUMNS = (
    ("Issued", "issued_at"),
    ("Person", "person_name"),
    ("Organisation", "organisation_name"),
    ("Kind", "kind"),
    ("Status", "status"),
    ("Packet id", "packet_id"),
    ("Purpose", "purpose"),
    ("Reference", "reference"),
    ("Expires", "expires_at"),
    ("Channel", "channel"),
    ("Replaces", "supersedes"),
)
# A spreadsheet reads a cell that starts with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_bytes(entries: list[LedgerEntry], fmt: str) -> bytes:
    """The entries as a file: ``json`` (every detail) or ``csv`` (one row each, for a
    spreadsheet; cells that would be read as a formula are made plain text)."""
    if fmt == "json":
        from dataclasses import asdict

        data = [asdict(e) for e in entries]
        return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()
    if fmt == "csv":
        return _csv(entries).encode("utf-8")
    raise InvalidInput("export", "unknown_format", ", ".join(EXPORT_FORMATS))


def safe_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading apostrophe before = + - @ (OWASP)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv(entries: list[LedgerEntry]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([heading for heading, _ in CSV_COLUMNS] + ["Fields"])
    for entry in entries:
        cells = [getattr(entry, name) or "" for _, name in CSV_COLUMNS] + [entry.fields_text()]
        writer.writerow([safe_cell(str(cell)) for cell in cells])
    return buffer.getvalue()
