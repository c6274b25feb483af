"""The holder's signing keys, kept inside the encrypted vault.

One key signs every packet by default, so organisations can recognise the holder from
its fingerprint. A person may choose a separate (pairwise) key per organisation so that
packets sent to different organisations cannot be linked by their key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from vault.database import Database, query, transaction
from vault.model import Clock, timestamp
from vault.packets.keys import (
    HolderKey,
    TokenBytes,
    generate_holder_key,
    holder_key_from_pkcs8,
    holder_key_to_pkcs8,
)


@dataclass(frozen=True)
class StoredKey:
    """A holder key and its row id (the ledger records which key signed each packet)."""

    id: int
    key: HolderKey
    organisation_id: int | None
    created_at: str


class HolderKeys:
    """Signing keys of one open vault."""

    def __init__(self, connection: Database, clock: Clock, token_bytes: TokenBytes) -> None:
        self._db = connection
        self._clock = clock
        self._token_bytes = token_bytes
        # Parsing and checking a private key costs more than signing with it; keys never
        # change once stored, so each is loaded once per unlock.
        self._loaded: dict[int, StoredKey] = {}

    def for_organisation(self, organisation_id: int, *, pairwise: bool) -> StoredKey:
        """The key to sign for this organisation: its own if it has one or ``pairwise``."""
        chosen = self.would_sign(organisation_id, pairwise=pairwise)
        return chosen or self._create(organisation_id if pairwise else None)

    def would_sign(self, organisation_id: int, *, pairwise: bool) -> StoredKey | None:
        """The key :meth:`for_organisation` would return, without making one: None when a
        new key would be made (a first pairwise key, or the very first default key)."""
        own = self._current(organisation_id)
        if own is not None or pairwise:
            return own
        return self._current(None)

    def default(self) -> StoredKey:
        """The vault's main signing key, made on first use."""
        return self._current(None) or self._create(None)

    def by_id(self, key_id: int) -> StoredKey:
        rows = query(
            self._db,
            "SELECT id, private_key, organisation_id, created_at FROM holder_keys WHERE id = ?",
            (key_id,),
        )
        return self._stored(rows[0])

    def drop_loaded(self) -> None:
        """Forget the loaded private keys (on lock)."""
        self._loaded.clear()

    def fingerprints(self) -> list[str]:
        """Every thumbprint this vault has signed with (current and retired)."""
        return [r[0] for r in query(self._db, "SELECT thumbprint FROM holder_keys ORDER BY id")]

    def _current(self, organisation_id: int | None) -> StoredKey | None:
        rows = query(
            self._db,
            "SELECT id, private_key, organisation_id, created_at FROM holder_keys"
            " WHERE organisation_id IS ? AND retired_at IS NULL ORDER BY id DESC LIMIT 1",
            (organisation_id,),
        )
        return self._stored(rows[0]) if rows else None

    def _create(self, organisation_id: int | None) -> StoredKey:
        key = generate_holder_key(token_bytes=self._token_bytes)
        with transaction(self._db):
            cursor = self._db.execute(
                "INSERT INTO holder_keys (organisation_id, algorithm, private_key, public_jwk,"
                " thumbprint, created_at) VALUES (?,?,?,?,?,?)",
                (
                    organisation_id,
                    key.alg,
                    holder_key_to_pkcs8(key),
                    json.dumps(dict(key.public_jwk), sort_keys=True),
                    key.thumbprint,
                    timestamp(self._clock()),
                ),
            )
        return self.by_id(int(cursor.lastrowid or 0))


    def _stored(self, row: tuple[int, bytes, int | None, str]) -> StoredKey:
        key_id = int(row[0])
        if key_id not in self._loaded:
            key = holder_key_from_pkcs8(bytes(row[1]))
            self._loaded[key_id] = StoredKey(key_id, key, row[2], row[3])
        return self._loaded[key_id]
