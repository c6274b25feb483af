"""The vault's schema, by version. A migration is a list of statements run in one transaction.

Version N's list takes a vault from N-1 to N. Never edit a released version's list:
add the next one, and commit a fixture vault made by the release (tests/fixtures).

A person's fields live in a ``WITHOUT ROWID`` table keyed by person first, so one
person's record sits on neighbouring pages (loading it decrypts few pages: P3).
"""

from __future__ import annotations

SCHEMA_VERSION = 3

MIGRATIONS: dict[int, list[str]] = {
    1: [
        """CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID""",
        """CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL CHECK (role IN ('owner', 'relative')),
            name TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
        "CREATE UNIQUE INDEX one_owner ON people(role) WHERE role = 'owner'",
        """CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            size INTEGER NOT NULL,
            media_type TEXT NOT NULL,
            added_at TEXT NOT NULL
        )""",
        """CREATE TABLE document_chunks (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (document_id, seq)
        )""",
        """CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            field_key TEXT,
            entry INTEGER,
            name TEXT NOT NULL,
            added_at TEXT NOT NULL
        )""",
        "CREATE INDEX attachments_by_person ON attachments(person_id, field_key, entry)",
        "CREATE INDEX attachments_by_document ON attachments(document_id)",
        """CREATE TABLE authorities (
            person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            details TEXT NOT NULL,
            document_id INTEGER REFERENCES documents(id),
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE fields (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            entry INTEGER NOT NULL,
            value TEXT NOT NULL,
            version INTEGER NOT NULL,
            provenance TEXT NOT NULL,
            document_id INTEGER REFERENCES documents(id),
            updated_at TEXT NOT NULL,
            search_rowid INTEGER,
            PRIMARY KEY (person_id, key, entry)
        ) WITHOUT ROWID""",
        """CREATE TABLE field_versions (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            entry INTEGER NOT NULL,
            version INTEGER NOT NULL,
            value TEXT,
            provenance TEXT NOT NULL,
            document_id INTEGER REFERENCES documents(id),
            changed_at TEXT NOT NULL,
            PRIMARY KEY (person_id, key, entry, version)
        ) WITHOUT ROWID""",
        """CREATE VIRTUAL TABLE field_search USING fts5(
            text, person_id UNINDEXED, key UNINDEXED, entry UNINDEXED,
            tokenize = 'unicode61 remove_diacritics 2'
        )""",
    ],
    # 2: data leaving the vault — signing keys, organisations, the disclosure ledger.
    2: [
        """CREATE TABLE organisations (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            email TEXT,
            public_key TEXT,
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE holder_keys (
            id INTEGER PRIMARY KEY,
            organisation_id INTEGER REFERENCES organisations(id),
            algorithm TEXT NOT NULL,
            private_key BLOB NOT NULL,
            public_jwk TEXT NOT NULL,
            thumbprint TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            retired_at TEXT
        )""",
        "CREATE UNIQUE INDEX one_key_per_organisation ON holder_keys(organisation_id)"
        " WHERE retired_at IS NULL",
        """CREATE TABLE packets (
            id INTEGER PRIMARY KEY,
            packet_id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            person_id INTEGER NOT NULL REFERENCES people(id),
            organisation_id INTEGER NOT NULL REFERENCES organisations(id),
            holder_key_id INTEGER NOT NULL REFERENCES holder_keys(id),
            purpose TEXT NOT NULL,
            reference TEXT,
            request TEXT,
            issued_at TEXT NOT NULL,
            expires_at TEXT,
            channel TEXT NOT NULL,
            status TEXT NOT NULL,
            supersedes TEXT,
            machine_packet BLOB NOT NULL
        )""",
        "CREATE INDEX packets_by_organisation ON packets(organisation_id, issued_at)",
        "CREATE INDEX packets_by_person ON packets(person_id, issued_at)",
        """CREATE TABLE packet_fields (
            packet_row INTEGER NOT NULL REFERENCES packets(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            entry INTEGER NOT NULL,
            version INTEGER NOT NULL,
            form TEXT NOT NULL,
            PRIMARY KEY (packet_row, key, entry, form)
        ) WITHOUT ROWID""",
        "CREATE INDEX packet_fields_by_field ON packet_fields(key, entry, version)",
    ],
    # 3: confirmations organisations signed (SD-JWT VCs), kept whole, and the field entries
    # each confirmed claim was checked against (``basis``: SHA-256 of the value then).
    3: [
        """CREATE TABLE credentials (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            holder_key_id INTEGER NOT NULL REFERENCES holder_keys(id),
            issuer_name TEXT NOT NULL,
            issuer_fingerprint TEXT NOT NULL,
            vct TEXT NOT NULL,
            issued_at TEXT,
            expires_at TEXT,
            status_uri TEXT,
            status_index INTEGER,
            credential TEXT NOT NULL UNIQUE,
            imported_at TEXT NOT NULL
        )""",
        "CREATE INDEX credentials_by_person ON credentials(person_id)",
        """CREATE TABLE credential_claims (
            credential_id INTEGER NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
            claim TEXT NOT NULL,
            person_id INTEGER NOT NULL,
            key TEXT NOT NULL,
            entry INTEGER NOT NULL,
            form TEXT NOT NULL,
            basis TEXT NOT NULL,
            PRIMARY KEY (credential_id, claim)
        ) WITHOUT ROWID""",
        "CREATE INDEX credential_claims_by_field ON credential_claims(person_id, key, entry)",
        # Erasing a field (its whole history) erases every credential that carries its value:
        # the credential holds the value in a disclosure (T11).
        """CREATE TRIGGER erase_credentials_with_field AFTER DELETE ON field_versions
        BEGIN
            DELETE FROM credentials WHERE id IN (
                SELECT credential_id FROM credential_claims
                WHERE person_id = OLD.person_id AND key = OLD.key AND entry = OLD.entry
            );
        END""",
    ],
}
